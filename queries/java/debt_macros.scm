; Code that stands for unfinished work in Java: throwing an exception that says so. Reported as
; the kind `todo-macro`, tag the exception's class, text: the message. @macro is the throw
; statement, @name the class (its last segment when qualified), @args the argument list,
; @message the string's content.
;   throw new UnsupportedOperationException("Not implemented yet")
;   throw new IllegalStateException("TODO: streaming")
;   throw new NotImplementedException()        (commons-lang's; any message or none)
; With a message, any class whose name ends in `Exception` or `Error` counts when the message
; matches, case-insensitively: `todo` or `fixme` as its first word, `not (yet) implemented`,
; `unimplemented` or `implement me` anywhere as whole words. `throw new
; UnsupportedOperationException()` without a message is the design of a read-only collection or
; iterator (`remove()`), not unfinished work; nor is `throw e`, nor a message built at run time
; (`"x" + y + "z"` counts by its first literal, up to three concatenations deep).
; Callee names (the row's debt_macro_names): NotImplementedException, NotYetImplementedException
; and any class ending in Exception or Error.
((throw_statement
   (object_creation_expression
     type: [(type_identifier) @name (scoped_type_identifier (type_identifier) @name .)]
     arguments: (argument_list
       .
       [(string_literal (string_fragment) @message)
        (binary_expression left: (string_literal (string_fragment) @message))
        (binary_expression
          left: (binary_expression left: (string_literal (string_fragment) @message)))
        (binary_expression
          left: (binary_expression
            left: (binary_expression left: (string_literal (string_fragment) @message))))]) @args)) @macro
 (#match? @name "(Exception|Error)$")
 (#not-any-of? @name "NotImplementedException" "NotYetImplementedException")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
; The classes whose name says it, with any message or none. The pattern after this one finds
; them all; where both match one throw, the item is read once, with this one's message.
((throw_statement
   (object_creation_expression
     type: [(type_identifier) @name (scoped_type_identifier (type_identifier) @name .)]
     arguments: (argument_list
       .
       [(string_literal (string_fragment) @message)
        (binary_expression left: (string_literal (string_fragment) @message))
        (binary_expression
          left: (binary_expression left: (string_literal (string_fragment) @message)))
        (binary_expression
          left: (binary_expression
            left: (binary_expression left: (string_literal (string_fragment) @message))))]) @args)) @macro
 (#any-of? @name "NotImplementedException" "NotYetImplementedException"))
((throw_statement
   (object_creation_expression
     type: [(type_identifier) @name (scoped_type_identifier (type_identifier) @name .)]
     arguments: (argument_list) @args)) @macro
 (#any-of? @name "NotImplementedException" "NotYetImplementedException"))
