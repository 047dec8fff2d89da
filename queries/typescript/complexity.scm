; Per-function complexity for TypeScript and TSX: JavaScript's rules (queries/javascript/
; complexity.scm, whose header this repeats) on TypeScript's node kinds. Declarations without a
; body (overload signatures, `abstract` methods, interface methods) are no functions; type-level
; conditionals (`T extends U ? X : Y`) are types, not branches. Each capture name is a role the metric code
; applies the same way in every language (README, "Complexity"; the roles as in
; queries/rust/complexity.scm):
;   @function       a named function: a declaration (`function f`, `function* g`), a method
;                   (class or object literal, getters and setters), an arrow function or
;                   function expression bound to a name (`const f = () => …`, `{ k: function
;                   () {} }`, `app.use = function use() {}`, a class field `onClick = () => …`),
;                   and a function expression with a name of its own (`g(function each() {})`)
;   @function.name  the name it is bound to, for recursion (`const f = (n) => f(n - 1)`)
;   @method         a method (`method_definition`): it calls itself only as `this.name(...)`
;   @closure        an anonymous function (a callback, an IIFE): part of the enclosing function
;                   unless it spans 20 lines or more; one outside every function (a module's
;                   top-level callback, `describe(…, () => …)`) is a unit of its own
;   @parameter      one parameter: `a: T`, `a = 1`, `b?: T`, `{ a, b }: T` (one), `...rest`
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `break label`, `continue label`
;   @logical        an `&&`/`||`/`??` expression (@operator the token); maximal chains, with
;                   @group parentheses transparent, count 1 + operator changes
;   @dispatch/@arm  a `switch` and its cases, `default` included
;   @callee         the callee of a call, compared with the function's name for recursion
;
; Cyclomatic = ESLint's `complexity` rule (classic variant), so that ESLint is its oracle:
; 1 + `if` (also each `else if`) + `for`, `for…in`, `for…of`, `while`, `do…while` + each `case`
; with a test (not `default`) + `catch` + `?:` + each `&&`, `||`, `??` + each logical
; assignment `&&=`, `||=`, `??=` + each optional chain `?.` (member, call or index) + each
; default value (`(a = 1)`, `{ b = 2 } = o`, `[c = 3] = xs`). Not counted: `else`, `default`,
; `switch` itself, `finally`, `try`, `break`, `continue`, `return`, `throw`.
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `switch`, each loop, `catch` and `?:`;
; +1 for each `else if` and `else`; +1 for a jump to a label; +1 per chain of like boolean
; operators (`&&`, `||`, `??`); +1 per direct recursive call. Small anonymous functions raise
; the nesting level by one.

(function_declaration) @function
(generator_function_declaration) @function
(method_definition) @function @method
(variable_declarator
  name: (identifier) @function.name
  value: [(arrow_function) (function_expression) (generator_function)] @function)
(pair value: [(arrow_function) (function_expression) (generator_function)] @function)
(assignment_expression
  right: [(arrow_function) (function_expression) (generator_function)] @function)
(public_field_definition value: [(arrow_function) (function_expression) (generator_function)] @function)
; A function expression with its own name is a function wherever it stands (as a callback,
; in `export default ok && function http() {}`): its name is how a reader finds it.
(arguments (function_expression name: (identifier)) @function)
(binary_expression (function_expression name: (identifier)) @function)
(return_statement (function_expression name: (identifier)) @function)
(parenthesized_expression (function_expression name: (identifier)) @function)
(export_statement value: (function_expression name: (identifier)) @function)
(arrow_function) @closure
(function_expression) @closure
(generator_function) @closure

; A function's own parameters, not those of a function type in their annotations
; (`cb: (a: number) => void` is one parameter).
(function_declaration parameters: (formal_parameters [(required_parameter) (optional_parameter)] @parameter))
(generator_function_declaration parameters: (formal_parameters [(required_parameter) (optional_parameter)] @parameter))
(method_definition parameters: (formal_parameters [(required_parameter) (optional_parameter)] @parameter))
(function_expression parameters: (formal_parameters [(required_parameter) (optional_parameter)] @parameter))
(generator_function parameters: (formal_parameters [(required_parameter) (optional_parameter)] @parameter))
(arrow_function parameters: (formal_parameters [(required_parameter) (optional_parameter)] @parameter))
(arrow_function parameter: (identifier) @parameter)

(if_statement) @cyclomatic @nested
(else_clause (if_statement) @else_if)
((else_clause . (_) @_body) @else
 (#not-match? @_body "^if[^A-Za-z0-9_$]"))
(for_statement) @cyclomatic @nested
(for_in_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(do_statement) @cyclomatic @nested
(switch_statement) @nested @dispatch
(switch_case) @cyclomatic @arm
(switch_default) @arm
(catch_clause) @cyclomatic @nested
(ternary_expression) @cyclomatic @nested
(augmented_assignment_expression operator: ["&&=" "||=" "??="] @cyclomatic)
(optional_chain) @cyclomatic
; tree-sitter-typescript 0.23 writes an optional call's `?.` (`f?.(x)`) as a bare token.
(call_expression "?." @cyclomatic)
(assignment_pattern) @cyclomatic
(required_parameter value: (_) @cyclomatic)
(optional_parameter value: (_) @cyclomatic)
(object_assignment_pattern) @cyclomatic

(break_statement label: (statement_identifier)) @jump
(continue_statement label: (statement_identifier)) @jump

(binary_expression operator: ["&&" "||" "??"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(call_expression function: (_) @callee)
