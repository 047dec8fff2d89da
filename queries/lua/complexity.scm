; Per-function complexity for Lua. Each capture name is a role the metric code applies the same
; way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a named function (`function_declaration`, with or without statements): a unit
;   @closure        an anonymous function (`function_definition`): part of the enclosing function,
;                   or a unit of its own when it spans closure_lines (20) lines or more
;   @method         a `function T:m()` declaration: it calls itself only as `self:m(...)` (or
;                   `self.m(self, ...)`); a bare `m(...)` is some other function
;   @function.name  for a method, the name recursion is looked for: `m`, not the name field's
;                   `T:m`. Other functions use their name field (`f`, `M.f`), called as `f(...)`,
;                   `M.f(...)`
;   @parameter      one parameter (`a`, `...`); a method's implicit `self` is counted too, as
;                   Rust counts `self`: `function T:m(a)` is `function T.m(self, a)` and both
;                   have 2 parameters (the captured node for `self` is the `T:m` name)
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (`else`)
;   @else_if        cognitive +1, no nesting penalty (`elseif`, a clause of its `if`)
;   @jump           cognitive +1 (`goto label`, Lua's only jump to a label)
;   @logical        an `and`/`or` expression (@operator the keyword); maximal chains, with
;                   @group parentheses transparent, count 1 + operator changes; `not` is a
;                   unary_expression and so starts a new chain
;   @callee         the callee of a call, compared with the function's name for recursion
;
; Cyclomatic = 1 + `if` + `elseif` + `while` + `repeat` + `for` (numeric and generic) + each
; `and`/`or`. `else`, `goto`, `break`, `return` add nothing.
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `while`, `repeat`, `for`; +1 for `elseif`
; and `else`; +1 per chain of like boolean operators; +1 per `goto`; +1 per direct recursive
; call; nothing for `break` (unlabelled). Small closures raise the nesting level by one.

(function_declaration) @function
(function_declaration
  name: (method_index_expression method: (identifier) @function.name)) @method
(function_definition) @closure

(function_declaration parameters: (parameters (identifier) @parameter))
(function_declaration parameters: (parameters (vararg_expression) @parameter))
(function_declaration name: (method_index_expression) @parameter)
(function_definition parameters: (parameters (identifier) @parameter))
(function_definition parameters: (parameters (vararg_expression) @parameter))

(if_statement) @cyclomatic @nested
(elseif_statement) @cyclomatic @else_if
(else_statement) @else
(while_statement) @cyclomatic @nested
(repeat_statement) @cyclomatic @nested
(for_statement) @cyclomatic @nested

(goto_statement) @jump

(binary_expression operator: ["and" "or"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(function_call name: (_) @callee)
