; Per-function complexity for C. Each capture name is a role the metric code applies the same
; way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a function definition (with its body): a unit of its own. Its name, for
;                   recursion, is the one its declarator chain ends in, however deep
;                   (`char **f(…)`, `void (*signal(…))(int)`), which the engine follows;
;                   C has no methods: a function calls itself bare
;   @parameter      one per declared parameter, named or not; `(void)` declares none, `...`
;                   is one. Only the function's own parameter list counts (the engine keeps
;                   the innermost function declarator of the chain), not the parameters of a
;                   function pointer among them or in its return type
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `goto` (C's only jump to a label)
;   @logical        an `&&`/`||` expression (@operator the token); maximal chains, with @group
;                   parentheses transparent, count 1 + operator changes
;   @dispatch/@arm  a `switch` and its `case`/`default` labels
;   @callee         the name of a function called, compared with the function's for recursion
;   @ignore         what counts nothing: the condition of an `#if`/`#elif` inside a function,
;                   which the preprocessor decides (lizard reads a directive as one token)
;
; Cyclomatic = lizard's CCN for C (McCabe: 1 + decision points), so that lizard is its oracle:
; 1 + `if` (also each `else if`) + `for` + `while` + `do … while` + each `case` label (`case 1:
; case 2:` is two; `default` is none) + `?:` + each `&&` and `||`. Not counted: `else`,
; `switch` itself, `default`, `goto`, `break`, `continue`, `return`.
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `switch`, each loop and `?:`; +1 for each
; `else if` and `else`; +1 for each `goto`; +1 per chain of like boolean operators; +1 per
; direct recursive call.
; The preprocessor is not run: both branches of an `#if … #else` inside a function count, and
; a macro that hides a branch (`CHECK(x)`) counts as the call it looks like.

(function_definition) @function

(function_declarator
  parameters: (parameter_list [(parameter_declaration declarator: (_)) (variadic_parameter)] @parameter))
; A parameter without a name (`int f(int, char *)`) is a parameter too; `(void)` is none.
(function_declarator
  parameters: (parameter_list
    ((parameter_declaration !declarator type: (_) @_type) @parameter
     (#not-eq? @_type "void"))))

(if_statement) @cyclomatic @nested
(else_clause (if_statement) @else_if)
((else_clause (_) @_body .) @else
 (#not-match? @_body "^if[^A-Za-z0-9_]"))
(for_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(do_statement) @cyclomatic @nested
(switch_statement) @nested @dispatch
(case_statement value: (_)) @cyclomatic @arm
(case_statement !value) @arm
(conditional_expression) @cyclomatic @nested

(goto_statement) @jump
(preproc_if condition: (_) @ignore)
(preproc_elif condition: (_) @ignore)

(binary_expression operator: ["&&" "||"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(call_expression function: (identifier) @callee)
