; Named scopes of C: functions, and the structs, unions and enums whose members a comment can
; sit among, joined with `::` (the row's separator; C has no nesting of functions):
;   static int *parse(const char *s) {…}   -> `parse`
;   struct config { int x; /* TODO */ };   -> `config`
; The name of a function is deep in its declarator, through any number of `*`, parentheses and
; array or function declarators (`char ***triple(…)`, `int (*row_at(…))[4]`, `void
; (*signal(int, void (*)(int)))(int)`): @name.declared marks a definition whose name is the one
; its declarator chain ends in, which the engine follows (a query cannot follow a chain of any
; length).
(function_definition) @scope @name.declared

; A type with a body is a scope wherever it is defined, but where a function's return type
; stands (`struct pair {…} make_pair(…) {…}`): there it is no scope around the function
; (@scope.excluded); nor in an `ERROR`, where the grammar lost its way around a macro. One
; pattern on the types and two exclusions, not one pattern per place a type may be defined,
; which cost query analysis and matching time (README, "Development").
[(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
 (union_specifier name: (type_identifier) @name body: (field_declaration_list))
 (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope
(function_definition
  [(struct_specifier) (union_specifier) (enum_specifier)] @scope.excluded)
(ERROR
  [(struct_specifier) (union_specifier) (enum_specifier)] @scope.excluded)
