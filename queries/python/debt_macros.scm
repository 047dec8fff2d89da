; Code that stands for unfinished work in Python: `raise NotImplementedError` and
; `raise NotImplementedError("...")`. Reported as the kind `todo-macro`, tag
; `NotImplementedError`, text: the message when the first argument is a string literal.
; @macro is the raise statement, @name the exception's name, @args its argument list (the name
; itself when it is raised bare), @message the string's content.
;   raise NotImplementedError              raise NotImplementedError()
;   raise NotImplementedError("csv output")  raise NotImplementedError(f"{kind} not supported")
; `NotImplemented` (the constant binary operators return) is no debt, nor is
; `except NotImplementedError:` or a mention in a string.
; Callee names (the row's debt_macro_names): "NotImplementedError".
; A message: the first argument is a plain string literal (not an f-string, whose text is not
; known before it runs), or a concatenation that starts with one.
((raise_statement
   .
   (call
     function: (identifier) @name
     arguments: (argument_list
       .
       [(string (string_content) @message) @_string
        (concatenated_string . (string (string_content) @message) @_string)]) @args)) @macro
 (#eq? @name "NotImplementedError")
 (#match? @_string "^[rRuUbB]{0,2}['\"]"))
; No message: no arguments, or a first argument that is no plain string.
((raise_statement
   .
   (call
     function: (identifier) @name
     arguments: (argument_list) @args)) @macro
 (#eq? @name "NotImplementedError")
 (#not-match? @args "^\\(\\s*[rRuUbB]{0,2}['\"]"))
((raise_statement . (identifier) @name @args) @macro
 (#eq? @name "NotImplementedError"))
; An abstract method's `raise NotImplementedError` is the design, not unfinished work: the
; decorator says every subclass must implement it (`@abstractmethod`, `@abc.abstractmethod`,
; also on a property or a class method).
((decorated_definition
   (decorator [(identifier) (attribute)] @_decorator)
   definition: (_) @exempt)
 (#match? @_decorator "(^|\\.)abstract(method|property|classmethod|staticmethod)$"))
; A method whose body is only the raise (after an optional docstring) is an abstract method
; without the decorator, as pylint reads it (`abstract-method`): a base class's interface, the
; design. A raise among other statements, or in a function outside a class, is unfinished work.
(class_definition
  body: (block
    (function_definition body: (block . (raise_statement) @exempt .))))
(class_definition
  body: (block
    (function_definition
      body: (block . (expression_statement (string)) . (raise_statement) @exempt .))))
(class_definition
  body: (block
    (decorated_definition
      definition: (function_definition body: (block . (raise_statement) @exempt .)))))
(class_definition
  body: (block
    (decorated_definition
      definition: (function_definition
        body: (block . (expression_statement (string)) . (raise_statement) @exempt .)))))
