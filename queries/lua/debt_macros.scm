; Calls that stand for unfinished code in Lua: `error(...)` whose first argument is a literal
; string saying so. Reported as the kind `todo-macro` (text: that string's content), never as
; comments. @macro is the whole call, @name the callee, @args the argument list, @message the
; string the text is taken from:
;   error("not implemented")  error "TODO: x"  error('unimplemented', 2)
;   error("method not yet implemented")  error([[FIXME: y]])
; The message must match, case-insensitively: `todo` or `fixme` as the first word, or
; `not implemented`, `not yet implemented`, `unimplemented` anywhere as whole words.
; `error("bad input")`, `error(msg)`, `error("x" .. y)`, `error("invalid todo item")` and
; `error("unimplementedness")` do not match.
; Callee names (the row's debt_macro_names): "error".
((function_call
   name: (identifier) @name
   arguments: (arguments . (string content: (string_content) @message)) @args) @macro
 (#any-of? @name "error")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b"))
