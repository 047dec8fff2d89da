; Per-function complexity for Java. Each capture name is a role the metric code applies the
; same way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a method or constructor with a body (also a record's compact constructor,
;                   also a method of an anonymous class): a unit of its own. A method without a
;                   body (abstract, in an interface) is no unit
;   @method         every Java function is a method: it calls itself as `name(…)` or
;                   `this.name(…)`
;   @closure        a lambda: part of the enclosing method unless it spans 20 lines or more
;                   (then a unit named `method.{closure#N}`); one outside every method (a
;                   field's initialiser) is a unit of its own
;   @parameter      one per declared parameter, a varargs one once; a lambda's `x`, `(x, y)`
;                   and `(int x)` count one per name
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `break L`, `continue L` (a jump to a label)
;   @logical        an `&&`/`||` expression (@operator the token); maximal chains, with @group
;                   parentheses transparent, count 1 + operator changes
;   @dispatch/@arm  a `switch` (statement or expression) and its groups or rules, `default`
;                   included
;   @callee         the name of a method called bare or on `this`, compared with the method's
;                   name for recursion
;
; Cyclomatic = checkstyle's CyclomaticComplexity with switchBlockAsSingleDecisionPoint=false
; (McCabe: 1 + decision points): 1 + `if` (also each `else if`) + `while` + `do` + `for` (both
; forms) + `catch` + each `case` label (`case 1, 2:` is one; `default` is none) + `?:` + each
; `&&` and `||`. Not counted: `else`, `switch` itself, `default`, `try`, `finally`, `break`,
; `continue`, `return`, `throw`, `yield`.
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `switch`, each loop, `catch` and `?:`; +1
; for each `else if` and `else`; +1 for a jump to a label; +1 per chain of like boolean
; operators; +1 per direct recursive call. Small lambdas raise the nesting level by one.

(method_declaration body: (block)) @function @method
(constructor_declaration) @function @method
(compact_constructor_declaration) @function @method
(lambda_expression) @closure

(method_declaration parameters: (formal_parameters [(formal_parameter) (spread_parameter)] @parameter))
(constructor_declaration parameters: (formal_parameters [(formal_parameter) (spread_parameter)] @parameter))
(lambda_expression parameters: (identifier) @parameter)
(lambda_expression parameters: (inferred_parameters (identifier) @parameter))
(lambda_expression parameters: (formal_parameters [(formal_parameter) (spread_parameter)] @parameter))

(if_statement) @cyclomatic @nested
(if_statement alternative: (if_statement) @else_if)
((if_statement alternative: (_) @else)
 (#not-match? @else "^if[^A-Za-z0-9_$]"))
(for_statement) @cyclomatic @nested
(enhanced_for_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(do_statement) @cyclomatic @nested
(switch_expression) @nested @dispatch
(switch_block_statement_group) @arm
(switch_rule) @arm
((switch_label) @cyclomatic
 (#match? @cyclomatic "^case[^A-Za-z0-9_$]"))
(catch_clause) @cyclomatic @nested
(ternary_expression) @cyclomatic @nested

(break_statement (identifier)) @jump
(continue_statement (identifier)) @jump

(binary_expression operator: ["&&" "||"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(method_invocation !object name: (identifier) @callee)
(method_invocation object: (this) name: (identifier) @callee)
