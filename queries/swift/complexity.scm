; Per-function complexity for Swift. Each capture name is a role the metric code applies the
; same way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a function with a body (`func f() { … }`), an initializer, a deinitializer,
;                   a subscript with a plain body (one with `get`/`set` is its accessors: its
;                   parameters count for neither), a property's `get`/`set`/`willSet`/`didSet`
;                   with a body and a computed property's body (`var area: Int { w * h }`)
;   @method         every Swift function is a method: it calls itself as `name(…)` or
;                   `self.name(…)` (the query captures the name alone)
;   @closure        a closure (`{ x in … }`, `{ $0 + 1 }`, also the body of `defer`, which the
;                   grammar reads as a trailing closure): part of its function unless it spans 20
;                   lines or more (then `fetch.{closure#1}`); one outside every function is a
;                   unit of its own
;   @parameter      one per declared parameter (a variadic or defaulted one once); a closure's
;                   `x`, `a, b` (two) and `(x: Int)` one per name; `$0` is none
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (an `else` that is not `else if`; a `guard`'s `else` is part
;                   of the guard, not counted)
;   @else_if        cognitive +1, no nesting penalty (`else if`)
;   @jump           cognitive +1: `break label`, `continue label`
;   @logical        an `&&`/`||`/`??` expression (@operator the token); maximal chains, with
;                   @group parentheses transparent, count 1 + operator changes
;   @dispatch/@arm  a `switch` and its entries, `default:` included
;   @callee         the name of a function called bare or on `self`
;
; Cyclomatic (McCabe: 1 + decision points) = 1 + `if` (also each `else if`) + `guard` + `for`
; + `while` + `repeat … while` + each `case` entry of a `switch` (`case 1, 2:` is one;
; `default:` is none) + `catch` + `?:` + each `&&`, `||` and `??`. Not counted: `else`, `switch`
; itself, `do`, `defer`, `?.`, `!`, `try?`, `break`, `continue`, `return`, `throw`, a `where`
; clause. lizard counts `if guard for while repeat catch case ?: && || ??` tokens (README,
; "Complexity": the Swift row).
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `guard`, `switch`, each loop, `catch` and
; `?:`; +1 for each `else if` and `else`; +1 for a jump to a label; +1 per chain of like
; boolean operators (`??` among them); +1 per direct recursive call. Small closures raise the
; nesting level by one.

; Functions, initializers and deinitializers (the three kinds with a `function_body`). A wildcard
; parent, because a child pattern on `function_declaration` costs the query analysis ~0.2 s.
(_ body: (function_body)) @function @method
(subscript_declaration (computed_property . (statements))) @function @method
; A protocol's `{ get set }` requirements have no body: no function.
(computed_getter "{") @function @method
(computed_setter "{") @function @method
(computed_modify "{") @function @method
(willset_clause) @function @method
(didset_clause) @function @method
(property_declaration computed_value: (computed_property . (statements)) @function @method)
(lambda_literal) @closure

(function_declaration (parameter) @parameter)
(init_declaration (parameter) @parameter)
(subscript_declaration (parameter) @parameter)
(lambda_literal
  type: (lambda_function_type (lambda_function_type_parameters (lambda_parameter) @parameter)))

(if_statement) @cyclomatic @nested
; An `if`'s `else` follows its block's `}`, a `guard`'s comes before its block (a wildcard parent:
; a child pattern on `if_statement` costs the query analysis ~0.07 s).
(_ "}" (else) . (if_statement) @else_if)
(_ "}" (else) @else . (statements))
(_ "}" (else) @else .)
(guard_statement) @cyclomatic @nested
(for_statement) @cyclomatic @nested
(while_statement) @cyclomatic @nested
(repeat_while_statement) @cyclomatic @nested
(catch_block) @cyclomatic @nested
(ternary_expression) @cyclomatic @nested
(switch_statement) @nested @dispatch
(switch_entry "case") @cyclomatic @arm
(switch_entry (default_keyword)) @arm

((control_transfer_statement result: (simple_identifier)) @jump
 (#match? @jump "^(break|continue)[^A-Za-z0-9_]"))

(conjunction_expression op: "&&" @cyclomatic @operator) @logical
(disjunction_expression op: "||" @cyclomatic @operator) @logical
(nil_coalescing_expression "??" @cyclomatic @operator) @logical
(tuple_expression) @group

; A call's callee: a name, or `self.name`. tree-sitter-swift 0.7.4 reads `n * fact(n - 1)` as
; `(n * fact)(n - 1)`: then the callee is the operator's right-hand side (also after `+`, `-`,
; `/`, and a prefix `!`, `-`); any binary expression there is such a misreading. One pattern,
; with no node named below the call but those it must: each named parent costs tree-sitter's
; query analysis time in every process (README, "Development").
(call_expression
  . [(simple_identifier) @callee
     (_ rhs: (simple_identifier) @callee)
     (prefix_expression target: (simple_identifier) @callee)
     (_ rhs: (navigation_expression
               target: (self_expression)
               suffix: (navigation_suffix suffix: (simple_identifier) @callee)))
     (navigation_expression
       target: (self_expression)
       suffix: (navigation_suffix suffix: (simple_identifier) @callee))])
