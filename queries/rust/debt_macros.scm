; Macros that stand for unfinished code: `todo!()`, `unimplemented!()` and their
; `std::`/`core::` paths. They are reported as the kind `todo-macro`, never as comments.
; @macro is the invocation, @name the macro's name, @args its token tree.
((macro_invocation
   macro: (identifier) @name
   (token_tree) @args) @macro
 (#any-of? @name "todo" "unimplemented"))
((macro_invocation
   macro: (scoped_identifier name: (identifier) @name)
   (token_tree) @args) @macro
 (#any-of? @name "todo" "unimplemented"))
; The same macros inside another macro's arguments or a `macro_rules!` body, where tree-sitter
; keeps tokens unparsed: `vec![todo!()]`, `assert_eq!(x, todo!("y"))`. Here there is no
; invocation node, so the location runs from @name to @args.
((token_tree
   (identifier) @name
   .
   "!"
   .
   (token_tree) @args)
 (#any-of? @name "todo" "unimplemented"))
