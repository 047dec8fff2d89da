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

; A type defined where a function's return type stands (`struct pair {…} make_pair(…) {…}`)
; is no scope around the function: only the places a type is declared on its own count.
(translation_unit
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(declaration
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(type_definition
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(field_declaration
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(compound_statement
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(preproc_if
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(preproc_ifdef
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(preproc_else
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
(preproc_elif
  [(struct_specifier name: (type_identifier) @name body: (field_declaration_list))
   (union_specifier name: (type_identifier) @name body: (field_declaration_list))
   (enum_specifier name: (type_identifier) @name body: (enumerator_list))] @scope)
