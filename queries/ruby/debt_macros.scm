; Code that stands for unfinished work in Ruby: raising `NotImplementedError` (with `raise` or
; `fail`, bare or with a message, also `NotImplementedError.new("…")`). Reported as the kind
; `todo-macro`, tag `NotImplementedError` (also `::NotImplementedError`), text: the message
; when it is a string literal without interpolation (escapes resolved).
;   raise NotImplementedError                 raise NotImplementedError, "csv output"
;   fail NotImplementedError, "#{kind} later"  raise(NotImplementedError.new("later"))
; `rescue NotImplementedError`, a mention in a string and other exceptions are no debt.
; Callee names (the row's debt_macro_names): "NotImplementedError".
((_
   method: (identifier) @_raise
   arguments: (_
     .
     [(constant) @name (scope_resolution name: (constant) @name)]
     .
     (string (string_content) @message) @_string) @args) @macro
 (#match? @_raise "^(raise|fail)$")
 (#eq? @name "NotImplementedError")
 (#not-match? @_string "#\\{"))
((_
   method: (identifier) @_raise
   arguments: (_
     .
     (_
       receiver: [(constant) @name (scope_resolution name: (constant) @name)]
       method: (identifier) @_new
       arguments: (_ . (string (string_content) @message) @_string))) @args) @macro
 (#match? @_raise "^(raise|fail)$")
 (#eq? @_new "new")
 (#eq? @name "NotImplementedError")
 (#not-match? @_string "#\\{"))
; Any raise of it (where a pattern above also matches, the engine keeps that one's message).
((_
   method: (identifier) @_raise
   arguments: (_
     .
     [(constant) @name (scope_resolution name: (constant) @name)]) @args) @macro
 (#match? @_raise "^(raise|fail)$")
 (#eq? @name "NotImplementedError"))
((_
   method: (identifier) @_raise
   arguments: (_
     .
     (_
       receiver: [(constant) @name (scope_resolution name: (constant) @name)]
       method: (identifier) @_new)) @args) @macro
 (#match? @_raise "^(raise|fail)$")
 (#eq? @_new "new")
 (#eq? @name "NotImplementedError"))
; A method whose body is only the raise (comments aside) is an abstract method: a base class's
; or a mixin's interface that each includer must implement, the design (as Python's rule; Ruby
; has no decorator to say it). That holds for a method in a class, a module or a `class <<
; self` (any body but the file's top level), endless (`def x = raise NotImplementedError`) or
; not. A raise among other statements, or in a method at the top level, is unfinished work.
((_
   body: (_
     (_ "def"
        body: [(body_statement
                 . (comment)* . (_ method: (identifier) @_raise) @exempt . (comment)* .)
               (_ method: (identifier) @_raise) @exempt])))
 (#match? @_raise "^(raise|fail)$"))
