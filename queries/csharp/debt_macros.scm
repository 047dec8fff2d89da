; Code that stands for unfinished work in C#: throwing an exception that says so. Reported as
; the kind `todo-macro`, tag the exception's class, text: the message. @macro is the throw
; (statement or expression: `=> throw new …`), @name the class (its last segment when
; qualified), @args the argument list, @message the string's content.
;   throw new NotImplementedException();            (any message or none: .NET's own)
;   throw new InvalidOperationException("TODO: v2");
;   public int Count => throw new NotSupportedException("not implemented yet");
; With a message, any class whose name ends in `Exception` counts when the message matches,
; case-insensitively: `todo` or `fixme` as its first word, `not (yet) implemented`,
; `unimplemented` or `implement me` anywhere as whole words. A bare `throw new
; NotSupportedException()` is a read-only collection's design, not unfinished work; an
; exception created but not thrown (`Log(new NotImplementedException())`) is none either. A
; message built at run time counts by its first literal (`"not implemented: " + name`); a
; verbatim, raw or interpolated message is not read.
; Callee names (the row's debt_macro_names): NotImplementedException and any class ending in
; Exception.
(([(throw_statement
    (object_creation_expression
      type: [(identifier) @name (qualified_name name: (identifier) @name)]
      arguments: (argument_list
        .
        (argument
          [(string_literal . (string_literal_content) @message)
           (binary_expression left: (string_literal . (string_literal_content) @message))
           (binary_expression
             left: (binary_expression
               left: (string_literal . (string_literal_content) @message)))])) @args))
   (throw_expression
    (object_creation_expression
      type: [(identifier) @name (qualified_name name: (identifier) @name)]
      arguments: (argument_list
        .
        (argument
          [(string_literal . (string_literal_content) @message)
           (binary_expression left: (string_literal . (string_literal_content) @message))
           (binary_expression
             left: (binary_expression
               left: (string_literal . (string_literal_content) @message)))])) @args))] @macro)
 (#match? @name "Exception$")
 (#not-eq? @name "NotImplementedException")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
; .NET's own NotImplementedException, with any message or none. The pattern after this one
; finds them all; where both match one throw, the item is read once, with this one's message.
(([(throw_statement
    (object_creation_expression
      type: [(identifier) @name (qualified_name name: (identifier) @name)]
      arguments: (argument_list
        .
        (argument
          [(string_literal . (string_literal_content) @message)
           (binary_expression left: (string_literal . (string_literal_content) @message))])) @args))
   (throw_expression
    (object_creation_expression
      type: [(identifier) @name (qualified_name name: (identifier) @name)]
      arguments: (argument_list
        .
        (argument
          [(string_literal . (string_literal_content) @message)
           (binary_expression left: (string_literal . (string_literal_content) @message))])) @args))] @macro)
 (#any-of? @name "NotImplementedException"))
(([(throw_statement
    (object_creation_expression
      type: [(identifier) @name (qualified_name name: (identifier) @name)]
      arguments: (argument_list) @args))
   (throw_expression
    (object_creation_expression
      type: [(identifier) @name (qualified_name name: (identifier) @name)]
      arguments: (argument_list) @args))] @macro)
 (#any-of? @name "NotImplementedException"))
