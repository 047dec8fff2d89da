; Code that stands for unfinished work in Swift: stopping the program with a message that says
; so. Reported as the kind `todo-macro`, tag the function's name, text: the message when it is
; a literal without interpolation (escapes resolved).
;   fatalError("not implemented")     preconditionFailure("TODO: paging")
; The message matches, case-insensitively: `todo` or `fixme` as its first word, `not (yet)
; implemented`, `unimplemented` or `implement me` anywhere as whole words. A bare
; `fatalError()` or one with another message is an unreachable path, a design, and Xcode's
; template `fatalError("init(coder:) has not been implemented")` in `required init?(coder:)`
; says a view is never loaded from a storyboard: neither is unfinished work.
; The message is matched whole, escapes and all (`"Keys with \"quotes\" are not implemented"`).
; A raw string (`#"not implemented"#`) is not read.
; Callee names (the row's debt_macro_names): fatalError, preconditionFailure.
((call_expression
   . (simple_identifier) @name
   (call_suffix
     (value_arguments
       .
       (value_argument
         .
         value: (line_string_literal . (line_str_text) @message) @_string)) @args)) @macro
 (#any-of? @name "fatalError" "preconditionFailure")
 (#not-match? @_string "\\\\\\(")
 (#not-match? @_string "^\"init\\(coder:\\)")
 (#match? @_string "(?i)^\"\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
