; Named scopes of Go, joined with the row's separator `.` as Go's own documentation writes
; them (`Client.Do`, `NewClient`):
;   func Parse(…)                 -> `Parse`
;   func (c *Client) Do(…)        -> `Client.Do`     (the receiver's type, without `*` and
;   func (t Tree[K]) Walk(…)      -> `Tree.Walk`      type parameters, then the method)
;   type Options struct { … }     -> `Options`
; Function literals are no scope (a large one is named after its function: `run.{closure#1}`).
; The receiver type and the method name are two scopes over the same declaration: the type's
; pattern comes first, so it is the outer one.
(method_declaration
  receiver: (parameter_list
    (parameter_declaration
      type: [(type_identifier) @name
             (pointer_type (type_identifier) @name)
             (generic_type type: (type_identifier) @name)
             (pointer_type (generic_type type: (type_identifier) @name))]))) @scope
(method_declaration name: (field_identifier) @name) @scope
(function_declaration name: (identifier) @name) @scope
; A lone type (`type Board struct { … }`) is its whole declaration, so that the comment above
; `type` belongs to it; in a group (`type ( A int; B string )`) each spec is its own scope.
((type_declaration . (type_spec name: (type_identifier) @name) .) @scope
 (#not-match? @scope "^type\\s*\\("))
(type_declaration "(" (type_spec name: (type_identifier) @name) @scope)
