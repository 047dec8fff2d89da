; Code that stands for unfinished work in PHP: throwing an exception that says so. PHP has no
; standard one, so the message decides. Reported as the kind `todo-macro`, tag the exception's
; class (its last segment when qualified), text: the message. @macro is the throw (statement
; or expression: `fn() => throw new …`), @name the class, @args the argument list, @message
; the string's content.
;   throw new \LogicException('Not implemented');
;   throw new RuntimeException("TODO: v2");
;   throw new NotImplementedException();             (a class of that name: any message or none)
; With a message, any class whose name ends in `Exception` or `Error` counts when the message
; matches, case-insensitively: `todo` or `fixme` as its first word, `not (yet) implemented`,
; `unimplemented` or `implement me` anywhere as whole words. A message built at run time counts
; by its first literal (`'not implemented: ' . $name`, also two concatenations deep); an
; interpolated one (`"$x not implemented"`) is not read; escapes are resolved.
; Callee names (the row's debt_macro_names): any class ending in Exception or Error.
((throw_expression
   (object_creation_expression
     [(name) @name (qualified_name (name) @name .)]
     (_
       .
       (argument
         [(string (string_content) @message)
          (encapsed_string (string_content) @message) @_double
          (_ left: (string (string_content) @message))
          (_ left: (encapsed_string (string_content) @message) @_double)
          (_
            left: (_ left: (string (string_content) @message)))
          (_
            left: (_
              left: (encapsed_string (string_content) @message) @_double))])) @args)) @macro
 (#match? @name "(Exception|Error)$")
 (#not-eq? @name "NotImplementedException")
 (#not-match? @_double "^\"(\\\\.|[^\\\\$])*\\$[A-Za-z_{]")
 (#match? @message "(?i)^\\s*(todo|fixme)\\b|\\bnot\\s+(yet\\s+)?implemented\\b|\\bunimplemented\\b|\\bimplement\\s+me\\b"))
; A class named NotImplementedException (many frameworks define one), with any message or none.
((throw_expression
   (object_creation_expression
     [(name) @name (qualified_name (name) @name .)]
     (_
       .
       (argument
         [(string (string_content) @message)
          (encapsed_string (string_content) @message) @_double
          (_ left: (string (string_content) @message))
          (_ left: (encapsed_string (string_content) @message) @_double)
          (_
            left: (_ left: (string (string_content) @message)))
          (_
            left: (_
              left: (encapsed_string (string_content) @message) @_double))])) @args)) @macro
 (#eq? @name "NotImplementedException")
 (#not-match? @_double "^\"(\\\\.|[^\\\\$])*\\$[A-Za-z_{]"))
((throw_expression
   (object_creation_expression
     [(name) @name (qualified_name (name) @name .)]
     (arguments)? @args)) @macro
 (#eq? @name "NotImplementedException"))
