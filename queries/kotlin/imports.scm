; What the dependency graph needs from a Kotlin file, in Java's vocabulary (Kotlin is read by
; Java's resolver, src/graph/java.rs: packages and what they declare):
;   @import          one import
;   @import.source   the import as written: `import com.ex.util.Helper`, `import com.ex.util.*`,
;                    `import com.ex.db.open as dbOpen`
;   @import.package  the package the file declares (`package com.ex.app`); none: the default
;                    package
;   @import.defines  what the file declares at its top level and other files import by name:
;                    classes, interfaces, objects, type aliases, functions and properties. A
;                    Kotlin file's name need not match its classes, and a package's top-level
;                    functions live in any of its files
;   @import.name     a name the file uses: a type, a call (`Client()`, `helper()`), a
;                    capitalised receiver (`Helper.run()`, `Limits.MAX`)
(import) @import @import.source
(package_header (qualified_identifier) @import.package)
(source_file (class_declaration name: (identifier) @import.defines))
(source_file (object_declaration name: (identifier) @import.defines))
(source_file (function_declaration name: (identifier) @import.defines))
(source_file (type_alias type: (identifier) @import.defines))
(source_file (property_declaration (variable_declaration . (identifier) @import.defines)))
(user_type (identifier) @import.name)
(call_expression . (identifier) @import.name)
((navigation_expression . (identifier) @import.name)
 (#match? @import.name "^[A-Z]"))
