; Code that stands for unfinished work in C: an assertion whose message says so. Reported as
; the kind `todo-macro`, tag `assert`, text: the message. @macro is the call, @name the callee,
; @args the argument list, @message the string's content.
;   assert(0 && "not implemented");   assert(!"TODO: handle EOF");
;   assert(false && "unimplemented");
; The message must match, case-insensitively: `todo` or `fixme` as its first word, `not (yet)
; implemented`, `unimplemented` or `implement me` anywhere as whole words. `assert(x && "x is
; set")`, `assert(s != "TODO")` (a comparison, no message) and `abort()` do not match; the
; message's first piece must match (an escape such as `\"` ends a piece).
; Callee names (the row's debt_macro_names): "assert".
((call_expression
   function: (identifier) @name
   arguments: (argument_list
     .
     [(binary_expression operator: "&&" right: (string_literal . (string_content) @message))
      (unary_expression operator: "!" argument: (string_literal . (string_content) @message))]
     .) @args) @macro
 (#eq? @name "assert")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
