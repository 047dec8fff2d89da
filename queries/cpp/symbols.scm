; Named scopes of C++, joined with `::` as C++ writes them:
;   namespace net { class Client { int retry() {…} }; }   -> `net::Client::retry`
;   int Client::retry() {…}   (defined outside its class)  -> `Client::retry` (inside
;                                                              `namespace net`: `net::Client::retry`)
;   Client::~Client() {…}  bool operator==(…) {…}          -> `Client::~Client`, `operator==`
;   TEST(Parser, Empty) {…}   (GoogleTest)                 -> `TEST(Parser, Empty)`
; Template arguments are dropped from names (`Box<int>::run` is `Box::run`); overloads share
; their name. Lambdas are no scope (a large one is named after its function).
(namespace_definition name: (_) @name) @scope
; A type defined where a function's return type stands is no scope around the function.
(translation_unit
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(declaration
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(type_definition
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(field_declaration
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(compound_statement
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(declaration_list
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(template_declaration
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(preproc_if
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(preproc_ifdef
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(preproc_else
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)
(preproc_elif
  [(class_specifier name: (_) @name body: (field_declaration_list))
   (struct_specifier name: (_) @name body: (field_declaration_list))
   (union_specifier name: (_) @name body: (field_declaration_list))
   (enum_specifier name: (_) @name body: (enumerator_list))] @scope)

; A function is named by what its declarator chain ends in, however deep (`char **f(…)`,
; `int& Box::ref()`, `Handle::operator int() const`): @name.declared, which the engine follows.
((function_definition declarator: (function_declarator declarator: (_) @_macro)) @scope @name.declared
 (#not-any-of? @_macro "TEST" "TEST_F" "TEST_P" "TYPED_TEST" "TYPED_TEST_P"))
(function_definition
  declarator: [(pointer_declarator) (reference_declarator) (parenthesized_declarator)
               (attributed_declarator) (array_declarator) (operator_cast)
               (qualified_identifier)]) @scope @name.declared

; Roles the code gives itself (README, "Code roles"): a GoogleTest test is test code wherever
; its file is, and is named by its suite and test (`TEST(Parser, Empty)`), not by the macro.
((function_definition
   declarator: (function_declarator declarator: (identifier) @_macro) @name) @scope
 (#any-of? @_macro "TEST" "TEST_F" "TEST_P" "TYPED_TEST" "TYPED_TEST_P"))
((function_definition
   declarator: (function_declarator declarator: (identifier) @_macro)) @role.test
 (#any-of? @_macro "TEST" "TEST_F" "TEST_P" "TYPED_TEST" "TYPED_TEST_P"))
