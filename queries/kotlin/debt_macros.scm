; Code that stands for unfinished work in Kotlin: the standard library's `TODO()` and
; `TODO("reason")`, which throw `NotImplementedError` (the exact analogue of Rust's `todo!()`),
; and throwing an exception that says so. Reported as the kind `todo-macro`, tag `TODO` or the
; exception's class, text: the message when it is a literal without templates (escapes
; resolved).
;   TODO()                       fun export(): Nothing = TODO("csv export")
;   throw NotImplementedError()  throw UnsupportedOperationException("not implemented yet")
; With a message, any class whose name ends in `Exception` or `Error` counts when the message
; matches, case-insensitively: `todo` or `fixme` as its first word, `not (yet) implemented`,
; `unimplemented` or `implement me` anywhere as whole words; `NotImplementedError` with any
; message or none. A bare `throw UnsupportedOperationException()` is a read-only design.
; Callee names (the row's debt_macro_names): TODO, and any class ending in Exception or Error.
((call_expression
   . (identifier) @name
   (value_arguments
     .
     (value_argument . (string_literal (string_content) @message) @_string)) @args) @macro
 (#eq? @name "TODO")
 (#not-match? @_string "^\"(\\\\.|[^\\\\$])*\\$[A-Za-z_{]"))
((call_expression . (identifier) @name (value_arguments) @args) @macro
 (#eq? @name "TODO"))
((throw_expression
   (call_expression
     . (identifier) @name
     (value_arguments
       .
       (value_argument . (string_literal (string_content) @message) @_string)) @args)) @macro
 (#match? @name "(Exception|Error)$")
 (#not-eq? @name "NotImplementedError")
 (#not-match? @_string "^\"(\\\\.|[^\\\\$])*\\$[A-Za-z_{]")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
((throw_expression
   (call_expression
     . (identifier) @name
     (value_arguments
       .
       (value_argument . (string_literal (string_content) @message) @_string)) @args)) @macro
 (#eq? @name "NotImplementedError")
 (#not-match? @_string "^\"(\\\\.|[^\\\\$])*\\$[A-Za-z_{]"))
((throw_expression (call_expression . (identifier) @name (value_arguments) @args)) @macro
 (#eq? @name "NotImplementedError"))
