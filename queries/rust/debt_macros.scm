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
; Where a debt macro is no unfinished code of this crate:
;   @exempt       the tokens of a code-generating macro (`quote! { unimplemented!() }`): output for
;                 another crate, not code that runs here;
;   @exempt.item  `#[allow(clippy::todo)]` / `#[expect(clippy::unimplemented)]` on an item: the
;                 author told the linter the stub is deliberate (a test double that only has to
;                 compile); the attribute covers the item after it;
;   @exempt.scope the same as an inner attribute (`#![allow(clippy::todo)]`): it covers the file
;                 or module it is in.
((macro_invocation
   macro: (identifier) @_generator
   (token_tree) @exempt)
 (#match? @_generator "^(quote|quote_spanned|parse_quote|parse_quote_spanned)$"))
((macro_invocation
   macro: (scoped_identifier name: (identifier) @_generator)
   (token_tree) @exempt)
 (#match? @_generator "^(quote|quote_spanned|parse_quote|parse_quote_spanned)$"))
((attribute_item
   (attribute (identifier) @_allow arguments: (token_tree) @_lints)) @exempt.item
 (#match? @_allow "^(allow|expect)$")
 (#match? @_lints "clippy::(todo|unimplemented)\\b"))
((inner_attribute_item
   (attribute (identifier) @_allow arguments: (token_tree) @_lints)) @exempt.scope
 (#match? @_allow "^(allow|expect)$")
 (#match? @_lints "clippy::(todo|unimplemented)\\b"))
