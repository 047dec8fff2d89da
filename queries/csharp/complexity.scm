; Per-function complexity for C#. Each capture name is a role the metric code applies the same
; way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a member with a body (a block or `=> expression`): method, constructor,
;                   destructor, operator, conversion operator, property or event accessor
;                   (`get`, `set`, `init`, `add`, `remove`), an expression-bodied property or
;                   indexer (`int Half => n / 2;`, named as the property), local function. An abstract or
;                   interface member without a body and an auto-property (`{ get; set; }`) is
;                   no unit
;   @method         every C# function calls itself bare (`Parse(x)`) or on `this`
;                   (`this.Parse(x)`): the query captures the name alone in both cases
;   @closure        a lambda or anonymous method (`delegate (int x) {…}`): part of the
;                   enclosing function unless it spans 20 lines or more (then a unit named
;                   `Run.{closure#N}`); one outside every function (a field's initialiser)
;                   is a unit of its own
;   @parameter      one per declared parameter (`params` arrays, `ref`/`out`/`in` ones once
;                   each); a lambda's `x`, `(x, y)` and `(int x)` one per name
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `goto` (to a label or a `case`)
;   @logical        an `&&`/`||`/`??` expression (@operator the token); maximal chains, with
;                   @group parentheses transparent, count 1 + operator changes
;   @dispatch/@arm  a `switch` (statement or expression) and its sections or arms
;   @callee         the name of a method called bare or on `this`, for recursion
;
; Cyclomatic (McCabe: 1 + decision points): 1 + `if` (also each `else if`) + `for` + `foreach`
; + `while` + `do` + each `case` label of a switch statement (`case 1: case 2:` is two;
; `default` is none) + each arm of a switch expression but a bare discard `_ =>` + `catch` + `?:` +
; each `&&`, `||` and `??`. Not counted: `else`, `switch` itself, `default`, `try`, `finally`,
; `goto`, `break`, `continue`, `return`, `throw`, `?.`, `??=`. lizard's rule but for `foreach`,
; which lizard leaves out (a loop is a decision whatever its syntax), and switch expression
; arms, which lizard does not see.
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `switch` (statement or expression), each
; loop, `catch` and `?:`; +1 for each `else if` and `else`; +1 for each `goto`; +1 per chain of
; like boolean operators; +1 per direct recursive call.

(method_declaration body: (_)) @function @method
(constructor_declaration body: (_)) @function @method
(destructor_declaration body: (_)) @function @method
(operator_declaration body: (_)) @function @method
(conversion_operator_declaration body: (_)) @function @method
(accessor_declaration body: (_)) @function @method
; An expression-bodied property or indexer (`int Half => n / 2;`) is its getter.
(property_declaration value: (arrow_expression_clause)) @function @method
(indexer_declaration value: (arrow_expression_clause)) @function @method
(local_function_statement body: (_)) @function @method
(lambda_expression) @closure
(anonymous_method_expression) @closure

; A `params` array is no `parameter` node: the list's own `name:` field.
(method_declaration parameters: (parameter_list [(parameter) @parameter name: (identifier) @parameter]))
(constructor_declaration parameters: (parameter_list [(parameter) @parameter name: (identifier) @parameter]))
(operator_declaration parameters: (parameter_list [(parameter) @parameter name: (identifier) @parameter]))
(conversion_operator_declaration parameters: (parameter_list [(parameter) @parameter name: (identifier) @parameter]))
(local_function_statement parameters: (parameter_list [(parameter) @parameter name: (identifier) @parameter]))
(lambda_expression parameters: (implicit_parameter) @parameter)
(lambda_expression parameters: (parameter_list [(parameter) @parameter name: (identifier) @parameter]))
(anonymous_method_expression parameters: (parameter_list [(parameter) @parameter name: (identifier) @parameter]))

(if_statement) @cyclomatic @nested
(if_statement alternative: (if_statement) @else_if)
((if_statement alternative: (_) @else)
 (#not-match? @else "^if[^A-Za-z0-9_]"))
(for_statement) @cyclomatic @nested
(foreach_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(do_statement) @cyclomatic @nested
(switch_statement) @nested @dispatch
(switch_section) @arm
(switch_section "case" @cyclomatic)
(switch_expression) @nested @dispatch
(switch_expression_arm) @arm
((switch_expression_arm . (_) @_pattern) @cyclomatic
 (#not-eq? @_pattern "_"))
; A discard with a guard (`_ when x > 0 =>`) decides as much as any other arm.
((switch_expression_arm . (_) @_pattern . (when_clause)) @cyclomatic
 (#eq? @_pattern "_"))
(catch_clause) @cyclomatic @nested
(conditional_expression) @cyclomatic @nested

(goto_statement) @jump

(binary_expression operator: ["&&" "||" "??"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(invocation_expression function: (identifier) @callee)
(invocation_expression function: (generic_name (identifier) @callee))
(invocation_expression
  function: (member_access_expression expression: "this" name: (identifier) @callee))
