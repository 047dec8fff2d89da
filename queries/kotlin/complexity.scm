; Per-function complexity for Kotlin. Each capture name is a role the metric code applies the
; same way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a function with a body (`fun f() { … }`, `fun f() = expr`), a secondary
;                   constructor, an `init { … }` block, a property's `get()`/`set()` with a body
;   @method         every Kotlin function is a method: it calls itself as `name(…)` or
;                   `this.name(…)` (the query captures the name alone)
;   @closure        a lambda (`{ x -> … }`) or an anonymous function (`fun(y: Int) = y`): part of
;                   its function unless it spans 20 lines or more (then `fetch.{closure#1}`);
;                   one outside every function is a unit of its own
;   @parameter      one per declared parameter (`vararg` once, a default value once); a lambda's
;                   `x`, `(a, b)` (one) and `x: Int` one per name
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `break@label`, `continue@label` (the grammar reads them as a
;                   labeled expression; `return@label` leaves a lambda and is no jump)
;   @logical        an `&&`/`||`/`?:` expression (@operator the token); maximal chains, with
;                   @group parentheses transparent, count 1 + operator changes
;   @dispatch/@arm  a `when` and its entries, `else ->` included
;   @callee         the name of a function called bare or on `this`
;
; Cyclomatic (McCabe: 1 + decision points) = 1 + `if` (also each `else if`) + `for` + `while` +
; `do … while` + each `when` entry with conditions (`1, 2 ->` is one; `else ->` is none) +
; `catch` + each `&&`, `||` and `?:` (elvis). Not counted: `else`, `when` itself, `try`,
; `finally`, `?.`, `!!`, `break`, `continue`, `return`, `throw`. lizard counts `if for while
; catch ?: && ||` and, in a `when`, each `->` but one (it assumes an `else`): only a `when`
; without `else` differs (README, "Complexity": the Kotlin row).
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `when`, each loop and `catch`; +1 for
; each `else if` and `else`; +1 for a jump to a label; +1 per chain of like boolean operators
; (`?:` among them); +1 per direct recursive call. Small lambdas raise the nesting level by one.

(function_declaration (function_body)) @function @method
(secondary_constructor (block)) @function @method
(anonymous_initializer) @function @method
(getter (function_body)) @function @method
(setter (function_body)) @function @method
(lambda_literal) @closure
(anonymous_function) @closure

(function_declaration (function_value_parameters (parameter) @parameter))
(secondary_constructor (function_value_parameters (parameter) @parameter))
(anonymous_function (function_value_parameters (parameter) @parameter))
(lambda_literal
  (lambda_parameters [(variable_declaration) (multi_variable_declaration)] @parameter))

(if_expression) @cyclomatic @nested
(if_expression "else" . (if_expression) @else_if)
((if_expression "else" @else . (_) @_branch)
 (#not-match? @_branch "^if[^A-Za-z0-9_]"))
(for_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(do_while_statement) @cyclomatic @nested
(catch_block) @cyclomatic @nested
(when_expression) @nested @dispatch
(when_entry . condition: (_)) @cyclomatic @arm
(when_entry "else") @arm

((labeled_expression (label) @jump)
 (#match? @jump "^(break|continue)@"))

(binary_expression operator: ["&&" "||" "?:"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(call_expression . (identifier) @callee)
(call_expression . (navigation_expression (this_expression) . (identifier) @callee))
