; What the dependency graph needs from a PHP file (src/graph/php.rs reads it):
;   @import          a `use` declaration, or a `require`/`include` (also `_once`)
;   @import.source   its text: `use App\Models\User;`, `use App\Support\{Str, Arr as A};`,
;                    `use function App\format;`, `require_once __DIR__ . '/../bootstrap.php'`
;   @import.package  the namespace the file declares (its first)
;   @import.defines  a class, interface, trait or enum the file declares
;   @import.name     a class name the file uses, as written (`User`, `Models\User`,
;                    `\App\Models\User`): in a type, `new`, `extends`/`implements`, a static
;                    call or constant (`User::find()`, `User::class`), `instanceof`, `catch`, a
;                    trait `use` in a class body, an attribute
; A closure's `use ($x)` names variables, not classes, and is not captured.
(namespace_use_declaration) @import @import.source
(require_expression) @import @import.source
(require_once_expression) @import @import.source
(include_expression) @import @import.source
(include_once_expression) @import @import.source
(namespace_definition name: (_) @import.package)
(class_declaration name: (name) @import.defines)
(interface_declaration name: (name) @import.defines)
(trait_declaration name: (name) @import.defines)
(enum_declaration name: (name) @import.defines)
(named_type [(name) (qualified_name)] @import.name)
(object_creation_expression [(name) (qualified_name)] @import.name)
(base_clause [(name) (qualified_name)] @import.name)
(class_interface_clause [(name) (qualified_name)] @import.name)
(scoped_call_expression scope: [(name) (qualified_name)] @import.name)
(class_constant_access_expression . [(name) (qualified_name)] @import.name)
(scoped_property_access_expression scope: [(name) (qualified_name)] @import.name)
(binary_expression operator: "instanceof" right: [(name) (qualified_name)] @import.name)
(use_declaration [(name) (qualified_name)] @import.name)
(attribute [(name) (qualified_name)] @import.name)
