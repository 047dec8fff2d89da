; Per-function complexity for Ruby. Each capture name is a role the metric code applies the
; same way in every language (README, "Complexity"; the roles as in queries/rust/complexity.scm):
;   @function       a method: `def name`, `def self.name` (also an endless `def name = expr`)
;   @method         every Ruby method is a method: it calls itself as `name(…)`, `name arg` or
;                   `self.name(…)` (a bare `name` without arguments is a local variable to the
;                   grammar, and is not seen as a call)
;   @closure        a block (`{ |x| … }`, `do |x| … end`) or a lambda (`->(x) { … }`): part of
;                   the enclosing method unless it spans 20 lines or more (then a unit named
;                   `method::{closure#N}`); one outside every method (RSpec's `describe … do`,
;                   a Rake task) is a unit of its own
;   @parameter      one per declared parameter: `a`, `b = 1`, `*rest`, `k:`, `k: 1`, `**opts`,
;                   `&block`, `(a, b)` (destructured: one), `...`; a block's too (not its
;                   block-local `|x; y|` variables)
;   @cyclomatic     +1 cyclomatic
;   @nested         cognitive +1 plus the nesting level; raises the nesting level inside it
;   @else           cognitive +1 (the `else` of an `if`, `unless` or `elsif`)
;   @else_if        cognitive +1, no nesting penalty (`elsif`)
;   @logical        an `&&`/`||`/`and`/`or` expression (@operator the token); maximal chains,
;                   with @group parentheses transparent, count 1 + operator changes; `and` is
;                   `&&` and `or` is `||` (the same operators at a lower precedence, as C++'s
;                   alternative tokens); `!`/`not` start a new chain
;   @ignore         a block's local variables (`|x; tmp|`): no parameters
;   @dispatch/@arm  a `case` (`when`) or `case … in` (pattern matching) and its clauses
;   @callee         the name of a method called without a receiver or on `self`
;   @jump           cognitive +1 for a jump to a label: Ruby has none (`break`, `next`, `redo`
;                   and `retry` name no loop), so the one pattern below never matches
;
; Cyclomatic (McCabe: 1 + decision points) = 1 + `if` + `unless` + `elsif` + `while` + `until`
; + `for` + each modifier (`x if c`, `x unless c`, `x while c`, `x until c`, `x rescue y`) +
; each `rescue` clause + `?:` + each `when` clause (`when 1, 2` is one) + each `in` clause and
; its guard (`in x if c`) + each `&&`, `||`, `and`, `or`. Not counted: `else`, `case` itself,
; `ensure`, `begin`, `retry`, `redo`, `next`, `break`, `return`, `&.`, `||=` and `&&=` (a
; default, not a branch). lizard counts `ensure` and not `unless` or `in` (README,
; "Complexity": the Ruby row).
; Cognitive (SonarSource 2017) = +1+nesting for `if`, `unless`, the modifiers, `while`,
; `until`, `for`, `rescue`, `?:` and `case`; +1 for each `elsif` and each `else` of an
; if/unless; +1 per chain of like boolean operators; +1 per direct recursive call. Small blocks
; raise the nesting level by one.

(method) @function @method
(singleton_method) @function @method
(call block: [(block) (do_block)] @closure)
(lambda) @closure

(method
  parameters: (method_parameters
    [(identifier) (optional_parameter) (splat_parameter) (hash_splat_parameter)
     (block_parameter) (keyword_parameter) (destructured_parameter) (forward_parameter)]
    @parameter))
(singleton_method
  parameters: (method_parameters
    [(identifier) (optional_parameter) (splat_parameter) (hash_splat_parameter)
     (block_parameter) (keyword_parameter) (destructured_parameter) (forward_parameter)]
    @parameter))
(block
  parameters: (block_parameters
    [(identifier) (optional_parameter) (splat_parameter) (hash_splat_parameter)
     (block_parameter) (keyword_parameter) (destructured_parameter)] @parameter))
(do_block
  parameters: (block_parameters
    [(identifier) (optional_parameter) (splat_parameter) (hash_splat_parameter)
     (block_parameter) (keyword_parameter) (destructured_parameter)] @parameter))
(block_parameters locals: (identifier) @ignore)
(lambda
  parameters: (lambda_parameters
    [(identifier) (optional_parameter) (splat_parameter) (hash_splat_parameter)
     (block_parameter) (keyword_parameter) (destructured_parameter)] @parameter))

(if) @cyclomatic @nested
(unless) @cyclomatic @nested
(elsif) @cyclomatic @else_if
(if alternative: (else) @else)
(unless alternative: (else) @else)
(elsif alternative: (else) @else)
(if_modifier) @cyclomatic @nested
(unless_modifier) @cyclomatic @nested
(while_modifier) @cyclomatic @nested
(until_modifier) @cyclomatic @nested
(rescue_modifier) @cyclomatic @nested
(while) @cyclomatic @nested
(until) @cyclomatic @nested
(for) @cyclomatic @nested
(rescue) @cyclomatic @nested
(conditional) @cyclomatic @nested
(case) @nested @dispatch
(when) @cyclomatic @arm
(case_match) @nested @dispatch
(in_clause) @cyclomatic @arm
(in_clause guard: (_) @cyclomatic)

((break) @jump (#match? @jump "^$"))

(_ operator: ["&&" "||" "and" "or"] @cyclomatic @operator) @logical
(parenthesized_statements) @group

(call !receiver method: (identifier) @callee)
(call receiver: (self) method: (identifier) @callee)
