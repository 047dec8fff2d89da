; Named scopes of C#, joined with `.` as C# writes them, from the outermost type (namespaces
; are left out, as Java's packages are: a file-scoped `namespace Acme.Tools;` and a block
; `namespace Acme.Tools { … }` give the same names):
;   namespace Acme.Tools { class Parser { int Run() {…} } }  -> `Parser.Run`
;   int Count { get {…} set {…} }                            -> `Parser.Count.get`, `….set`
;   public Parser() {…}  ~Parser() {…}                       -> `Parser.Parser`, `Parser.~Parser`
;   operator +(…)  implicit operator int(…)                  -> `Parser.operator+`,
;                                                               `Parser.operator int`
;   int Local(int q) {…}  (a local function in Run)          -> `Parser.Run.Local`
; Overloads share their name; lambdas and anonymous methods are no scope. Several @name
; captures of one match make one name, spaced where two words meet.
(class_declaration name: (identifier) @name) @scope
(struct_declaration name: (identifier) @name) @scope
(interface_declaration name: (identifier) @name) @scope
(enum_declaration name: (identifier) @name) @scope
(record_declaration name: (identifier) @name) @scope
(method_declaration name: (identifier) @name) @scope
(constructor_declaration name: (identifier) @name) @scope
(destructor_declaration "~" @name name: (identifier) @name) @scope
(local_function_statement name: (identifier) @name) @scope
(property_declaration name: (identifier) @name) @scope
(indexer_declaration "this" @name) @scope
(event_declaration name: (identifier) @name) @scope
(accessor_declaration name: _ @name) @scope
(operator_declaration "operator" @name operator: _ @name) @scope
(conversion_operator_declaration "operator" @name type: (_) @name) @scope

; Roles the code gives itself (README, "Code roles"): a method with an xUnit, NUnit or MSTest
; test attribute (`[Fact]`, `[Theory]`, `[Test]`, `[TestCase(…)]`, `[TestMethod]`) is test code
; wherever its file is (the role capture is the method itself).
((method_declaration
   (attribute_list
     (attribute name: [(identifier) @_test (qualified_name name: (identifier) @_test)]))) @role.test
 (#any-of? @_test "Fact" "Theory" "Test" "TestCase" "TestCaseSource" "TestMethod" "DataTestMethod"))
