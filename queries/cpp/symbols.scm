; Named scopes of C++, joined with `::` as C++ writes them:
;   namespace net { class Client { int retry() {…} }; }   -> `net::Client::retry`
;   int Client::retry() {…}   (defined outside its class)  -> `Client::retry` (inside
;                                                              `namespace net`: `net::Client::retry`)
;   Client::~Client() {…}  bool operator==(…) {…}          -> `Client::~Client`, `operator==`
;   TEST(Parser, Empty) {…}   (GoogleTest)                 -> `TEST(Parser, Empty)`
; Template arguments are dropped from names (`Box<int>::run` is `Box::run`); overloads share
; their name. Lambdas are no scope (a large one is named after its function).
(namespace_definition name: (_) @name) @scope
; A type with a body is a scope wherever it is defined, but where a function's return type
; stands (`struct pair {…} make_pair(…) {…}`): there it is no scope around the function
; (@scope.excluded). Nor is one where the grammar lost its way around a macro it cannot
; expand: in an `ERROR`, or in what it takes for a function (one such `struct` in fmt's
; format.h would hold 68 KB of the file). One pattern on the types and three exclusions, not
; one pattern per place a type may be defined: eleven parents cost tree-sitter's query
; analysis 0.15 s per process and halved the speed of matching the symbols (README,
; "Development").
[(class_specifier name: (_) @name body: (field_declaration_list))
 (struct_specifier name: (_) @name body: (field_declaration_list))
 (union_specifier name: (_) @name body: (field_declaration_list))
 (enum_specifier name: (_) @name body: (enumerator_list))] @scope
(function_definition
  [(class_specifier) (struct_specifier) (union_specifier) (enum_specifier)] @scope.excluded)
(function_definition
  type: (placeholder_type_specifier
          [(class_specifier) (struct_specifier) (union_specifier) (enum_specifier)] @scope.excluded))
(ERROR
  [(class_specifier) (struct_specifier) (union_specifier) (enum_specifier)] @scope.excluded)

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
