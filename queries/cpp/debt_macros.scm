; Code that stands for unfinished work in C++: throwing an exception that says so, or an
; assertion whose message says so. Reported as the kind `todo-macro`, tag the exception's class
; (its last segment: `logic_error`) or `assert`, text: the message. @macro is the throw or call,
; @name the class or callee, @args the argument list, @message the string's content.
;   throw std::logic_error("not implemented");     throw std::runtime_error("TODO: v2");
;   throw NotImplementedException();               (a class so named: any message or none)
;   assert(false && "unimplemented");              assert(!"TODO");
; With a message, any class whose name ends in `error`, `exception` (any case) counts when the
; message matches, case-insensitively: `todo` or `fixme` as its first word, `not (yet)
; implemented`, `unimplemented` or `implement me` anywhere as whole words. A message built at
; run time counts by its first literal, up to three concatenations deep (`"not implemented: " +
; name`). `throw;`, `throw e;`, `throw std::logic_error(msg)` and `assert(s != "TODO")` (a
; comparison, no message) do not match; the message's first piece must match (an escape such
; as `\"` ends a piece).
; Callee names (the row's debt_macro_names): "assert", and "throw" before every exception.
((throw_statement
   (call_expression
     function: [(identifier) @name (qualified_identifier name: (identifier) @name)]
     arguments: (_
       .
[(string_literal . (string_content) @message)
        (_ left: (string_literal . (string_content) @message))
        (_
          left: (_ left: (string_literal . (string_content) @message)))
        (_
          left: (_
            left: (_ left: (string_literal . (string_content) @message))))]) @args)) @macro
 (#match? @name "(?i)(error|exception)$")
 (#not-match? @name "^Not(Yet)?Implemented")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
; The classes whose name says it, with any message or none. The pattern after this one finds
; them all; where both match one throw, the item is read once, with this one's message.
((throw_statement
   (call_expression
     function: [(identifier) @name (qualified_identifier name: (identifier) @name)]
     arguments: (_
       .
       [(string_literal . (string_content) @message)
          (_ left: (string_literal . (string_content) @message))
          (_
            left: (_ left: (string_literal . (string_content) @message)))
          (_
            left: (_
              left: (_ left: (string_literal . (string_content) @message))))]) @args)) @macro
 (#match? @name "^Not(Yet)?Implemented"))
((throw_statement
   (call_expression
     function: [(identifier) @name (qualified_identifier name: (identifier) @name)]
     arguments: (argument_list) @args)) @macro
 (#match? @name "^Not(Yet)?Implemented"))
((call_expression
   function: (identifier) @name
   arguments: (_
     .
     [(binary_expression operator: ["&&" "and"] right: (string_literal . (string_content) @message))
      (unary_expression operator: ["!" "not"] argument: (string_literal . (string_content) @message))]
     .) @args) @macro
 (#eq? @name "assert")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
