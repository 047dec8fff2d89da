; What the dependency graph needs from a Java file. Neutral vocabulary:
;   @import          one import declaration
;   @import.source   the whole declaration as written: `import com.ex.util.Helper;`,
;                    `import com.ex.util.*;`, `import static com.ex.util.Helper.run;`
;   @import.package  the package the file declares (`package com.ex.app;`); none: the default
;                    package
;   @import.defines  a type the file declares at its top level (class, interface, enum, record,
;                    annotation type): `<package>.<name>` is how other files name it
;   @import.name     a type name the file uses: a type in a declaration, a cast, `new`, a generic
;                    argument, an annotation, a qualifier of a static call or field
;                    (`Helper.run()`, `Limits.MAX`: capitalised, as Java names types), and a
;                    fully qualified one (`com.ex.util.Helper`) where it is written
; The resolver (src/graph/java.rs) maps imports and names to the files that declare the types.
(import_declaration) @import @import.source
(package_declaration [(identifier) (scoped_identifier)] @import.package)
(program (class_declaration name: (identifier) @import.defines))
(program (interface_declaration name: (identifier) @import.defines))
(program (enum_declaration name: (identifier) @import.defines))
(program (record_declaration name: (identifier) @import.defines))
(program (annotation_type_declaration name: (identifier) @import.defines))
(type_identifier) @import.name
(scoped_type_identifier) @import.name
(marker_annotation name: (identifier) @import.name)
(annotation name: (identifier) @import.name)
((method_invocation object: (identifier) @import.name)
 (#match? @import.name "^[A-Z]"))
((field_access object: (identifier) @import.name)
 (#match? @import.name "^[A-Z]"))
((method_reference . (identifier) @import.name)
 (#match? @import.name "^[A-Z]"))
((method_invocation object: (field_access) @import.name)
 (#match? @import.name "^([a-z_][A-Za-z0-9_]*\\.)+[A-Z]"))
