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
;
; The throw is `(_ "throw" . …)` (a throw statement or expression), and the nodes the fields and
; their parents already tell apart are wildcards: each named parent costs tree-sitter's query
; analysis time in every process (README, "Development"). A message's first literal is the
; string itself, or the left-most operand of one or two `+`.
((_ "throw"
   .
   (object_creation_expression
     type: [(identifier) @name (qualified_name name: (identifier) @name)]
     arguments: (_
       .
       (_
         [(_ . (string_literal_content) @message)
          (_ left: (_ . (string_literal_content) @message))
          (_ left: (_ left: (_ . (string_literal_content) @message)))])) @args)) @macro
 (#match? @name "Exception$")
 (#not-eq? @name "NotImplementedException")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
((_ "throw"
   .
   (object_creation_expression
     type: [(identifier) @name (qualified_name name: (identifier) @name)]
     arguments: (_
       .
       (_
         [(_ . (string_literal_content) @message)
          (_ left: (_ . (string_literal_content) @message))])) @args)) @macro
 (#any-of? @name "NotImplementedException"))
((_ "throw"
   .
   (object_creation_expression
     type: [(identifier) @name (qualified_name name: (identifier) @name)]
     arguments: (_) @args)) @macro
 (#any-of? @name "NotImplementedException"))
