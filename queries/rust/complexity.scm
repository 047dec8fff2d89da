; Per-function complexity. Each capture name is a role the metric code applies the same way in
; every language (README, "Complexity"):
;   @function     a named function with a body: a unit of its own
;   @closure      an anonymous function: part of the enclosing function, or a unit when large
;   @parameter    one parameter of the function or closure it directly belongs to
;   @cyclomatic   +1 cyclomatic
;   @nested       cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else         cognitive +1 (an `else`)
;   @else_if      cognitive +1 without nesting penalty and without raising the level
;                 (wins over @nested on the same node)
;   @jump         cognitive +1 (a labelled break or continue)
;   @logical      an expression of boolean operators (@operator); maximal chains, with
;                 @group nodes (parentheses) transparent, count 1 + operator changes
;   @callee       the callee of a call, compared with the function's name for recursion
;   @method       a function that can call itself only through `self`/`Self` (a bare call to
;                 its name is another function)
;   @dispatch     a multi-way branch; with @arm its arms. Counts nothing itself: a function
;                 whose body is one such branch of many arms is judged by its largest arm
;                 (README, "What counts as complex")

(function_item body: (block)) @function
(impl_item body: (declaration_list (function_item) @method))
(trait_item body: (declaration_list (function_item) @method))
(closure_expression) @closure

(function_item
  parameters: (parameters [(parameter) (self_parameter) (variadic_parameter)] @parameter))
(closure_expression parameters: (closure_parameters (_) @parameter))

(if_expression) @cyclomatic @nested
(for_expression) @cyclomatic @nested
(while_expression) @cyclomatic @nested
(loop_expression) @cyclomatic @nested
(match_arm) @cyclomatic @arm
(match_pattern condition: (_)) @cyclomatic
(try_expression) @cyclomatic
(match_expression) @nested @dispatch
(let_declaration alternative: (block)) @nested

(else_clause (block)) @else
(else_clause (if_expression) @else_if)

(break_expression (label)) @jump
(continue_expression (label)) @jump

(binary_expression operator: ["&&" "||"] @cyclomatic @operator) @logical
(let_chain ["&&" "||"] @cyclomatic @operator) @logical
(parenthesized_expression) @group

(call_expression function: (_) @callee)
