; Per-function complexity for PHP. Each capture name is a role the metric code applies the
; same way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a function or a method with a body (an abstract or interface method has
;                   none and is no unit)
;   @method         a method: it calls itself as `$this->name(…)`, `self::name(…)` or
;                   `static::name(…)` (the query captures the name alone); a bare `name(…)` in
;                   a method is a global function, but is taken as the method too (rare)
;   @closure        a closure (`function () use ($x) { … }`) or an arrow function (`fn($x) =>
;                   …`): part of the enclosing function unless it spans 20 lines or more (then a
;                   unit named `function::{closure#N}`); one outside every function is a unit of
;                   its own
;   @parameter      one per declared parameter: `$x`, `int $x = 1`, `...$rest`, a promoted
;                   constructor property (`private User $user`)
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`)
;   @else_if        cognitive +1, no nesting penalty (`elseif`, `else if`)
;   @jump           cognitive +1: `break 2`, `continue 2` (a jump out of several loops) and
;                   `goto`
;   @logical        an `&&`/`||`/`and`/`or`/`??` expression (@operator the token); maximal
;                   chains, with @group parentheses transparent, count 1 + operator changes;
;                   `and` is `&&` and `or` is `||` (lower precedence, same operators)
;   @dispatch/@arm  a `switch` and its `case`/`default`, a `match` and its arms
;   @callee         the name of a function called bare, or of a method on `$this`, `self` or
;                   `static` (`parent::name(…)` is the parent class's method)
;
; Cyclomatic (McCabe: 1 + decision points) = 1 + `if` + `elseif` (also `else if`) + `for` +
; `foreach` + `while` + `do` + each `case` (not `default`) + each `match` arm with conditions
; (`1, 2 =>` is one; not `default`) + `catch` + `?:` (also `?:` short) + each `&&`, `||`,
; `and`, `or`, `??`. Not counted: `else`, `switch` and `match` themselves, `default`, `try`,
; `finally`, `xor` (no short circuit), `?->`, `??=`. lizard counts a `match` once instead of
; its arms, not `??`, `and`, `or` or a short `?:`, and counts the `?` of a nullable type
; (README, "Complexity": the PHP row).
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `switch`, `match`, each loop, `catch` and
; `?:`; +1 for each `elseif`/`else if` and `else`; +1 for `break N`/`continue N` and `goto`; +1
; per chain of like boolean operators; +1 per direct recursive call. Small closures raise the
; nesting level by one.

(function_definition) @function
(method_declaration body: (compound_statement)) @function @method
(anonymous_function) @closure
(arrow_function) @closure

(function_definition
  parameters: (formal_parameters
    [(simple_parameter) (variadic_parameter) (property_promotion_parameter)] @parameter))
(method_declaration
  parameters: (formal_parameters
    [(simple_parameter) (variadic_parameter) (property_promotion_parameter)] @parameter))
(anonymous_function
  parameters: (formal_parameters
    [(simple_parameter) (variadic_parameter) (property_promotion_parameter)] @parameter))
(arrow_function
  parameters: (formal_parameters
    [(simple_parameter) (variadic_parameter) (property_promotion_parameter)] @parameter))

(if_statement) @cyclomatic @nested
(else_if_clause) @cyclomatic @else_if
(else_clause body: (if_statement) @else_if)
((else_clause body: (_) @_body) @else
 (#not-match? @_body "^if\\b"))
(for_statement) @cyclomatic @nested
(foreach_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(do_statement) @cyclomatic @nested
(catch_clause) @cyclomatic @nested
(conditional_expression) @cyclomatic @nested
(switch_statement) @nested @dispatch
(case_statement) @cyclomatic @arm
(default_statement) @arm
(match_expression) @nested @dispatch
(match_conditional_expression) @cyclomatic @arm
(match_default_expression) @arm

; `break 1` is a plain `break`.
((break_statement (integer) @_levels) @jump (#not-eq? @_levels "1"))
((continue_statement (integer) @_levels) @jump (#not-eq? @_levels "1"))
(goto_statement) @jump

(binary_expression operator: ["&&" "||" "and" "or" "??"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(function_call_expression function: (name) @callee)
((member_call_expression object: (variable_name (name) @_this) name: (name) @callee)
 (#eq? @_this "this"))
((scoped_call_expression scope: (relative_scope) @_scope name: (name) @callee)
 (#not-eq? @_scope "parent"))
