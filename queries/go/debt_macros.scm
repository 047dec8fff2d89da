; Code that stands for unfinished work in Go: `panic` with a string literal that says so.
; Reported as the kind `todo-macro`, tag `panic`, text: the message. @macro is the call, @name
; the callee, @args the argument list, @message the string's content.
;   panic("not implemented")   panic("TODO: streaming")   panic(`unimplemented`)
;   panic("Foo: not yet implemented")   panic("implement me")
;   panic("not implemented: " + path)   (a concatenation: the text is its first literal)
; The message must match, case-insensitively: `todo` or `fixme` as its first word, `not (yet)
; implemented`, `unimplemented` or `implement me` anywhere as whole words. `panic(err)`,
; `panic("unreachable")`, `panic(fmt.Sprintf("todo %d", n))` (no literal first) and
; `context.TODO()` (a context, not a marker) do not match.
; Callee names (the row's debt_macro_names): "panic".
((call_expression
   function: (identifier) @name
   arguments: (argument_list
     .
     [(interpreted_string_literal (interpreted_string_literal_content) @message)
      (raw_string_literal (raw_string_literal_content) @message)
      (binary_expression
        left: [(interpreted_string_literal (interpreted_string_literal_content) @message)
               (raw_string_literal (raw_string_literal_content) @message)])]
     .) @args) @macro
 (#eq? @name "panic")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
