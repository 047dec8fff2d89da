; Per-function complexity for Python. Each capture name is a role the metric code applies the
; same way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a `def` (also `async def`, also one nested in a function): a unit of its own
;   @method         a `def` directly in a class body (decorated or not): it calls itself only as
;                   `self.name(...)` or `cls.name(...)`; a bare `name(...)` is another function
;   @closure        a `lambda`: part of the enclosing function (a lambda is one expression, so
;                   never a unit of its own in practice)
;   @parameter      one parameter: `x`, `x: int`, `x=1`, `x: int = 1`, `*args`, `**kwargs`
;                   (and `self`/`cls`, as Rust counts `self`); the bare `*` and `/` separators
;                   are no parameters
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (the `else` of an `if`; a loop's or a `try`'s `else` adds nothing)
;   @else_if        cognitive +1, no nesting penalty (`elif`)
;   @jump           cognitive +1 for a jump to a label: Python has none (`break` and `continue`
;                   name no loop), so the one pattern below never matches
;   @logical        an `and`/`or` expression (@operator the keyword); maximal chains, with
;                   @group parentheses transparent, count 1 + operator changes; `not` is a
;                   `not_operator` and so starts a new chain
;   @dispatch/@arm  a `match` statement and its `case` clauses
;   @callee         the callee of a call, compared with the function's name for recursion
;
; Cyclomatic (McCabe: 1 + decision points) = 1 + `if` + `elif` + `for` + `while` + `except`
; clause + conditional expression (`a if c else b`) + `case` clause + each comprehension `for`
; and `if` clause + each `and`/`or`. Not counted: `else` (of `if`, a loop or `try`), `finally`,
; `with`, `assert`, `try` itself, `break`, `continue`, `return`, `raise`. radon counts these
; differently (README, "Complexity": the Python row).
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `for`, `while`, `except`, conditional
; expressions and `match`; +1 for `elif` and for the `else` of an `if`; +1 per chain of like
; boolean operators; +1 per direct recursive call. Comprehensions add nothing to cognitive.
; Small lambdas raise the nesting level by one.

(function_definition) @function
(class_definition body: (block (function_definition) @method))
(class_definition
  body: (block (decorated_definition definition: (function_definition) @method)))
(lambda) @closure

(function_definition
  parameters: (parameters
    [(identifier) (typed_parameter) (default_parameter) (typed_default_parameter)
     (list_splat_pattern) (dictionary_splat_pattern)] @parameter))
(lambda
  parameters: (lambda_parameters
    [(identifier) (typed_parameter) (default_parameter) (typed_default_parameter)
     (list_splat_pattern) (dictionary_splat_pattern)] @parameter))

(if_statement) @cyclomatic @nested
(elif_clause) @cyclomatic @else_if
(if_statement alternative: (else_clause) @else)
(for_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(except_clause) @cyclomatic @nested
(conditional_expression) @cyclomatic @nested
(match_statement) @nested @dispatch
(case_clause) @cyclomatic @arm
(for_in_clause) @cyclomatic
(if_clause) @cyclomatic

((break_statement) @jump (#match? @jump "^$"))

(boolean_operator operator: ["and" "or"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(call function: (_) @callee)
