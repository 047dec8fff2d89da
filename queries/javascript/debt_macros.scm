; Code that stands for unfinished work in JavaScript: throwing an error whose message says so.
; Reported as the kind `todo-macro`, tag the error's class (`Error`, `TypeError`, a project's
; own `NotImplementedError`), text: the message. @macro is the throw statement, @name the
; class, @args the argument list, @message the string's content.
;   throw new Error("not implemented")   throw new Error('TODO: streaming')
;   throw new NotImplementedError("x")   throw Error(`unimplemented`)
; The message must match, case-insensitively: `todo` or `fixme` as its first word, `not (yet)
; implemented`, `unimplemented` or `implement me` anywhere as whole words. `throw err`,
; `throw new Error("bad input")` and messages built at run time do not match.
; Callee names (the row's debt_macro_names): any class whose name ends in "Error".
((throw_statement
   [(new_expression
      constructor: (identifier) @name
      arguments: (arguments . [(string (string_fragment) @message)
                               (template_string . (string_fragment) @message)]) @args)
    (call_expression
      function: (identifier) @name
      arguments: (arguments . [(string (string_fragment) @message)
                               (template_string . (string_fragment) @message)]) @args)]) @macro
 (#match? @name "Error$")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
