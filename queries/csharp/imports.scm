; What the dependency graph needs from a C# file. Neutral vocabulary:
;   @import          one `using` directive
;   @import.source   the directive as written: `using Acme.Util;`, `using static
;                    Acme.Util.Strings;`, `using IO = System.IO;`, `global using Acme;`
;   @import.package  a namespace the file declares (block or file-scoped; nested ones are
;                    read with their enclosing ones by the resolver from this capture's text)
;   @import.defines  a type the file declares in a namespace or at its top level (class,
;                    struct, interface, enum, record, delegate): `<namespace>.<name>` is how
;                    other files name it
;   @import.name     a type name the file uses (in a declaration, `new`, a base list, a generic
;                    argument, an attribute, `typeof`, a cast) and the capitalised qualifier of
;                    a static member (`Helper.Run()`); a qualified one (`Acme.Util.Helper`) where
;                    it is written
; The resolver (src/graph/csharp.rs) maps them to the files that declare the types.
(using_directive) @import @import.source
(namespace_declaration name: (_) @import.package)
(file_scoped_namespace_declaration name: (_) @import.package)
(compilation_unit
  [(class_declaration name: (identifier) @import.defines)
   (struct_declaration name: (identifier) @import.defines)
   (interface_declaration name: (identifier) @import.defines)
   (enum_declaration name: (identifier) @import.defines)
   (record_declaration name: (identifier) @import.defines)
   (delegate_declaration name: (identifier) @import.defines)])
(namespace_declaration
  body: (declaration_list
  [(class_declaration name: (identifier) @import.defines)
   (struct_declaration name: (identifier) @import.defines)
   (interface_declaration name: (identifier) @import.defines)
   (enum_declaration name: (identifier) @import.defines)
   (record_declaration name: (identifier) @import.defines)
   (delegate_declaration name: (identifier) @import.defines)]))
(_ type: (identifier) @import.name)
(_ type: (generic_name (identifier) @import.name))
(_ returns: (identifier) @import.name)
(_ returns: (generic_name (identifier) @import.name))
(base_list (identifier) @import.name)
(base_list (generic_name (identifier) @import.name))
(type_argument_list (identifier) @import.name)
(type_argument_list (generic_name (identifier) @import.name))
(_ type: (qualified_name) @import.name)
(attribute name: (identifier) @import.name)
(typeof_expression type: (identifier) @import.name)
((member_access_expression expression: (identifier) @import.name)
 (#match? @import.name "^[A-Z]"))
