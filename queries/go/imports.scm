; What the dependency graph needs from a Go file. Neutral vocabulary:
;   @import          one import spec
;   @import.source   the whole spec as written: `"example.com/app/store"`, `st "…/store"`,
;                    `_ "…/driver"`, `. "…/dsl"`
;   @import.package  the package the file declares (`package store`)
;   @import.defines  a name the file declares at its top level (function, type, variable,
;                    constant; methods are reached through their type)
;   @import.name     a qualified use, `store.Open` or the type `store.Options`: which files
;                    of an imported package the file really uses
; The resolver (src/graph/go.rs) maps a path inside the module (go.mod) to the package's
; directory, and a qualified use to the files of that package that declare the name.
(import_spec) @import @import.source
(package_clause (package_identifier) @import.package)
(source_file (function_declaration name: (identifier) @import.defines))
(source_file (type_declaration (type_spec name: (type_identifier) @import.defines)))
(source_file (type_declaration (type_alias name: (type_identifier) @import.defines)))
(source_file (var_declaration (var_spec name: (identifier) @import.defines)))
(source_file (var_declaration (var_spec_list (var_spec name: (identifier) @import.defines))))
(source_file (const_declaration (const_spec name: (identifier) @import.defines)))
(selector_expression operand: (identifier) field: (field_identifier)) @import.name
(qualified_type) @import.name
