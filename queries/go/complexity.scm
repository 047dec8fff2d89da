; Per-function complexity for Go. Each capture name is a role the metric code applies the same
; way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a `func` declaration or a method: a unit of its own
;   @method         a method (it has a receiver)
;   @receiver       the receiver's name: a method calls itself only as `recv.Name(...)`; a bare
;                   `Name(...)` in a method is the package's function of that name
;   @closure        a function literal (`func(x int) { … }`): part of the enclosing function
;                   unless it spans 20 lines or more (then a unit named `fn.{closure#N}`); one
;                   outside every function (`var f = func() { … }`) is a unit of its own
;   @parameter      one parameter per name (`a, b int` is two), an unnamed one (`func(int)`)
;                   counts once, a variadic one once; a method's receiver counts, as Rust's
;                   `self` does
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else { … }`)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `break L`, `continue L`, `goto L` (a jump to a label)
;   @logical        an `&&`/`||` expression (@operator the token); maximal chains, with @group
;                   parentheses transparent, count 1 + operator changes
;   @dispatch/@arm  a `switch` (expression or type) and its clauses, `default` included
;   @callee         the callee of a call, compared with the function's name for recursion
;
; Cyclomatic = gocyclo's rule (McCabe: 1 + decision points): 1 + `if` (also each `else if`) +
; `for` (every form: three-clause, condition only, `range`, bare `for {}`) + each `case` of an
; expression switch, a type switch and a `select` (not `default`; `case 1, 2:` is one case) +
; each `&&` and `||`. Not counted: `else`, `default`, `switch`/`select` themselves, `goto`,
; `break`, `continue`, `defer`, `recover()`, `fallthrough`.
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `for`, `switch` (expression or type) and
; `select`; +1 for each `else if` and `else`; +1 for a jump to a label; +1 per chain of like
; boolean operators; +1 per direct recursive call. `case` clauses add nothing (the switch
; counted once). Small function literals raise the nesting level by one.

(function_declaration) @function
(method_declaration) @function @method
(method_declaration
  receiver: (parameter_list (parameter_declaration name: (identifier) @receiver)))
(func_literal) @closure

(_
  receiver: (parameter_list (parameter_declaration name: (identifier) @parameter)))
(_
  receiver: (parameter_list (parameter_declaration !name) @parameter))
(function_declaration
  parameters: (parameter_list (parameter_declaration name: (identifier) @parameter)))
(function_declaration
  parameters: (parameter_list (parameter_declaration !name) @parameter))
(function_declaration
  parameters: (parameter_list (variadic_parameter_declaration) @parameter))
(method_declaration
  parameters: (parameter_list (parameter_declaration name: (identifier) @parameter)))
(method_declaration
  parameters: (parameter_list (parameter_declaration !name) @parameter))
(method_declaration
  parameters: (parameter_list (variadic_parameter_declaration) @parameter))
(func_literal
  parameters: (parameter_list (parameter_declaration name: (identifier) @parameter)))
(func_literal
  parameters: (parameter_list (parameter_declaration !name) @parameter))
(func_literal
  parameters: (parameter_list (variadic_parameter_declaration) @parameter))

(if_statement) @cyclomatic @nested
(if_statement alternative: (if_statement) @else_if)
(if_statement alternative: (block) @else)
(for_statement) @cyclomatic @nested
(expression_switch_statement) @nested @dispatch
(type_switch_statement) @nested @dispatch
(select_statement) @nested
(expression_case) @cyclomatic @arm
(type_case) @cyclomatic @arm
(communication_case) @cyclomatic
(default_case) @arm

(break_statement (label_name)) @jump
(continue_statement (label_name)) @jump
(goto_statement) @jump

(binary_expression operator: ["&&" "||"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(call_expression function: (_) @callee)
