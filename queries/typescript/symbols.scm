; Named scopes of TypeScript and TSX, joined with the row's separator `.`, as JavaScript's
; (queries/javascript/symbols.scm) plus TypeScript's own declarations: abstract classes,
; interfaces, enums and namespaces (`namespace NS { function g() {} }` -> `NS.g`):
;   function load() {}                  -> `load`
;   class Router { route() {} }         -> `Router.route`  (also getters, setters, `#private`)
;   const parse = (s) => { … }          -> `parse`         (an arrow function or function
;   const api = { get() {}, put: … }    -> `api.get`, `api.put`     expression is named by
;   app.use = function use(fn) { … }    -> `app.use`        the binding it is assigned to)
;   class A { onClick = () => { … } }   -> `A.onClick`
; Anonymous functions (callbacks, IIFEs) are no scope.
(class_declaration name: (_) @name) @scope
(class name: (_) @name) @scope
(function_declaration name: (_) @name) @scope
(generator_function_declaration name: (_) @name) @scope
(method_definition name: (_) @name) @scope
(variable_declarator
  name: (identifier) @name
  value: [(arrow_function) (function_expression) (generator_function) (object) (class)]) @scope
(pair
  key: [(property_identifier) (string) (number)] @name
  value: [(arrow_function) (function_expression) (generator_function) (object)]) @scope
(assignment_expression
  left: [(identifier) (member_expression)] @name
  right: [(arrow_function) (function_expression) (generator_function) (class)]) @scope
(public_field_definition
  name: (_) @name
  value: [(arrow_function) (function_expression) (generator_function)]) @scope
(abstract_class_declaration name: (_) @name) @scope
(interface_declaration name: (_) @name) @scope
(enum_declaration name: (_) @name) @scope
(internal_module name: (_) @name) @scope
(module name: (_) @name) @scope
; A named function expression that no binding names is named by its own name: a callback with
; a name (`wrapAsync(async function dispatch() {})`), `export default ok && function http() {}`.
(arguments (function_expression name: (identifier) @name) @scope)
(binary_expression (function_expression name: (identifier) @name) @scope)
(return_statement (function_expression name: (identifier) @name) @scope)
(parenthesized_expression (function_expression name: (identifier) @name) @scope)
(export_statement value: (function_expression name: (identifier) @name) @scope)
