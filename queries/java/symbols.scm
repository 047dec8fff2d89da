; Named scopes of Java, joined with the row's separator `.` as Java's own documentation writes
; them (`Parser.parse`, `Outer.Inner.run`):
;   class Parser { int parse(…) {…} }       -> `Parser.parse`   (also interfaces, enums,
;   record Point(int x, int y) { Point {…} } -> `Point.Point`     records and annotation types)
;   Parser(String s) {…}  (a constructor)    -> `Parser.Parser`
;   new Runnable() { public void run() {…} } inside `Parser.start`
;                                            -> `Parser.start.run` (an anonymous class is no
;                                               scope; its methods are in the method around it)
; Overloads share their name (`Parser.parse` twice): items tell them apart by their order in
; the file. Lambdas are no scope (a large one is named after its method: `run.{closure#1}`).
(class_declaration name: (identifier) @name) @scope
(interface_declaration name: (identifier) @name) @scope
(enum_declaration name: (identifier) @name) @scope
(record_declaration name: (identifier) @name) @scope
(annotation_type_declaration name: (identifier) @name) @scope
(method_declaration name: (identifier) @name) @scope
(constructor_declaration name: (identifier) @name) @scope
(compact_constructor_declaration name: (identifier) @name) @scope

; Roles the code gives itself (README, "Code roles"): a method annotated as a JUnit (4 or 5) or
; TestNG test (`@Test`, `@org.junit.Test`) is test code wherever its file is (the role capture is
; the method itself).
((method_declaration
   (modifiers [(marker_annotation name: [(identifier) @_test
                                         (scoped_identifier name: (identifier) @_test)])
               (annotation name: [(identifier) @_test
                                  (scoped_identifier name: (identifier) @_test)])])) @role.test
 (#any-of? @_test "Test" "ParameterizedTest" "RepeatedTest" "TestFactory" "TestTemplate"))
