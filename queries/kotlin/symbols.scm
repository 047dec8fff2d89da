; Named scopes of Kotlin: classes (also interfaces, enum classes, data classes), objects and
; functions, joined with the row's separator `.` as Kotlin names members (`Client.fetch`),
; without the package (as Java's). A companion object's functions are its class's
; (`Client.make`); an extension function is named by its name alone (`fun String.slug()` is
; `slug`). A property of a class or file is one too (its getter and setter are in it), and an
; `init { … }` block is `Client.init`. Lambdas and anonymous functions are no scope.
(class_declaration name: (identifier) @name) @scope
(object_declaration name: (identifier) @name) @scope
(function_declaration name: (identifier) @name) @scope
; A property's accessors are in the property (`Client.size`), an `init { … }` block is `init`.
(class_body (property_declaration (variable_declaration . (identifier) @name)) @scope)
(source_file (property_declaration (variable_declaration . (identifier) @name)) @scope)
(anonymous_initializer "init" @name) @scope

; Roles the code gives itself (README, "Code roles"): a function annotated as a JUnit (4 or 5),
; kotlin.test or TestNG test (`@Test`, `@ParameterizedTest`) is test code wherever its file is.
((function_declaration
   (modifiers
     (annotation
       [(user_type (identifier) @_test)
        (constructor_invocation (user_type (identifier) @_test))]))) @role.test
 (#any-of? @_test "Test" "ParameterizedTest" "RepeatedTest" "TestFactory" "TestTemplate"))
