; Named scopes of Swift: types (classes, structs, enums, actors, protocols), extensions (named
; after the type they extend, so `extension Session { func x() }` is `Session.x`, as Swift
; names it), functions, initializers (`init`), deinitializers (`deinit`) and subscripts
; (`subscript`), joined with the row's separator `.` (`Session.request`), without the module.
; A property of a type or file is one too (its `get`/`set`/`willSet`/`didSet` are in it).
; Closures are no scope.
(class_declaration name: (type_identifier) @name) @scope
(class_declaration name: (user_type (type_identifier) @name .)) @scope
(protocol_declaration name: (type_identifier) @name) @scope
; A function's name is the node right after `func`: an identifier, or the operator an operator
; function is named by (`Token.==`). Not `name: (simple_identifier)`: the grammar's field `name`
; also holds the return type, and a child pattern on `function_declaration` other than `_`
; costs tree-sitter's query analysis ~0.2 s per pattern, per process (README, "Development").
(function_declaration "func" . name: _ @name) @scope
(protocol_function_declaration name: (simple_identifier) @name) @scope
(init_declaration name: "init" @name) @scope
(deinit_declaration "deinit" @name) @scope
(subscript_declaration "subscript" @name) @scope
; A property: the one child of a body or file whose `name` is a pattern (`(_ name: (pattern …))`,
; not `(property_declaration …)`: a named child under a parent costs matching time in every
; file, README "Development").
(class_body (_ name: (pattern bound_identifier: (simple_identifier) @name)) @scope)
(enum_class_body (_ name: (pattern bound_identifier: (simple_identifier) @name)) @scope)
(protocol_body (_ name: (pattern bound_identifier: (simple_identifier) @name)) @scope)
(source_file (_ name: (pattern bound_identifier: (simple_identifier) @name)) @scope)

; Roles the code gives itself (README, "Code roles"): a Swift Testing test (`@Test func …`)
; and an XCTest test method (`func test…()` in a class deriving from `XCTestCase`) are test
; code wherever their file is.
((function_declaration
   (_ (attribute (user_type (type_identifier) @_test)))) @role.test
 (#eq? @_test "Test"))
((class_declaration
   (inheritance_specifier inherits_from: (user_type (type_identifier) @_base))
   body: (class_body
     (function_declaration "func" . name: _ @_name) @role.test))
 (#eq? @_base "XCTestCase")
 (#match? @_name "^test"))
