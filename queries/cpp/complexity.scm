; Per-function complexity for C++. Each capture name is a role the metric code applies the same
; way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a function definition with its body: free functions, member functions
;                   defined in or outside their class, constructors, destructors, operators,
;                   templates. A declaration without a body (`void run();`, `= 0`, `=
;                   default`) is no unit
;                   Its own name, for recursion (`run` for `Box::run`), is the one its
;                   declarator chain ends in, however deep, which the engine follows
;   @method         every C++ function calls itself bare, as `this->name(…)` or, templated,
;                   `name<T>(…)`: the query captures the name alone in each case
;   @closure        a lambda: part of the enclosing function unless it spans 20 lines or more
;                   (then a unit named `function::{closure#N}`); one outside every function
;                   (a global's initialiser) is a unit of its own
;   @parameter      one per declared parameter (named or not, with a default or not); a
;                   parameter pack `Ts... args` and C's `...` are one each; `(void)` is none;
;                   a GoogleTest `TEST(Suite, Name)` has none. Only the function's own list
;                   counts (as in C), not a function pointer's among them
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `goto`
;   @logical        an `&&`/`||` expression, also spelt `and`/`or` (@operator the token);
;                   maximal chains, with @group parentheses transparent, count 1 + operator
;                   changes
;   @dispatch/@arm  a `switch` and its `case`/`default` labels
;   @callee         the name of a function called bare, on `this->` or with template
;                   arguments, compared with the function's name for recursion
;   @ignore         what counts nothing: the condition of an `#if`/`#elif` inside a function
;
; Cyclomatic = lizard's CCN for C++ (McCabe: 1 + decision points), so that lizard is its
; oracle: 1 + `if` (also `else if`, `if constexpr`) + `for` (both forms: `for (auto x : xs)`
; too) + `while` + `do … while` + each `case` label (`default` is none) + `catch` + `?:` + each
; `&&`/`and` and `||`/`or`. Not counted: `else`, `switch` itself, `default`, `try`, `goto`,
; `break`, `continue`, `return`, `throw`.
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `switch`, each loop, `catch` and `?:`;
; +1 for each `else if` and `else`; +1 for each `goto`; +1 per chain of like boolean
; operators; +1 per direct recursive call. Small lambdas raise the nesting level by one.
; The preprocessor is not run (as in C).

(function_definition body: (compound_statement)) @function @method
; A function-try-block (`Parser::Parser() try : … {…} catch (…) {…}`) has no `body:` field.
(function_definition (try_statement)) @function @method
(lambda_expression) @closure

((function_declarator
   declarator: (_) @_macro
   parameters: (parameter_list
     [(parameter_declaration declarator: (_))
      (optional_parameter_declaration)
      (variadic_parameter_declaration)
      "..."] @parameter))
 (#not-any-of? @_macro "TEST" "TEST_F" "TEST_P" "TYPED_TEST" "TYPED_TEST_P"))
; A parameter without a name (`void f(int)`) is a parameter too; `(void)` is none.
((function_declarator
   declarator: (_) @_macro
   parameters: (parameter_list
     ((parameter_declaration !declarator type: (_) @_type) @parameter
      (#not-eq? @_type "void"))))
 (#not-any-of? @_macro "TEST" "TEST_F" "TEST_P" "TYPED_TEST" "TYPED_TEST_P"))
(lambda_expression
  declarator: (abstract_function_declarator
    parameters: (parameter_list
      [(parameter_declaration) (optional_parameter_declaration) (variadic_parameter_declaration)
       "..."] @parameter)))

(if_statement) @cyclomatic @nested
(else_clause (if_statement) @else_if)
((else_clause (_) @_body .) @else
 (#not-match? @_body "^if[^A-Za-z0-9_]"))
(for_statement) @cyclomatic @nested
(for_range_loop) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(do_statement) @cyclomatic @nested
(switch_statement) @nested @dispatch
(case_statement value: (_)) @cyclomatic @arm
(case_statement !value) @arm
(catch_clause) @cyclomatic @nested
(conditional_expression) @cyclomatic @nested

(goto_statement) @jump
(preproc_if condition: (_) @ignore)
(preproc_elif condition: (_) @ignore)

(binary_expression operator: ["&&" "||" "and" "or"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(call_expression function: (identifier) @callee)
(call_expression function: (field_expression argument: (this) field: (field_identifier) @callee))
(call_expression function: (template_function name: (identifier) @callee))
