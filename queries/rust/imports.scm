; What the dependency graph needs from a Rust file.
;
; Module declarations: `mod x;` names a file, `mod x { … }` (with @module.body) an inline
; module. A `#[path = "…"]` attribute (@module.path) applies to the declaration it precedes.
(mod_item name: (identifier) @module.name !body) @module
(mod_item name: (identifier) @module.name body: (_) @module.body) @module
((attribute_item
  (attribute (identifier) @_attribute value: (string_literal) @module.path))
 (#eq? @_attribute "path"))

; `include!("file.rs")` with a literal path (@import.source, relative to the including file):
; the included file is compiled as part of the includer, so it is no dead file.
((macro_invocation
   macro: (identifier) @_include
   (token_tree . (string_literal (string_content) @import.source))) @import
 (#eq? @_include "include"))

; `use` declarations: @import.tree is the use tree (`a::{b, c::d as e, f::*}`); a visibility
; (@import.public) makes it a re-export.
(use_declaration argument: (_) @import.tree) @import
(use_declaration (visibility_modifier) @import.public)

; `#[cfg(…)]` and `#![cfg(…)]` arguments (@import.cfg): with `test` they make the item they
; precede, or the file or module they are in, test code.
((attribute_item
  (attribute (identifier) @_cfg arguments: (token_tree) @import.cfg))
 (#eq? @_cfg "cfg"))
((inner_attribute_item
  (attribute (identifier) @_cfg arguments: (token_tree) @import.cfg))
 (#eq? @_cfg "cfg"))

; `#[test]`, `#[tokio::test]` and other `…::test` attributes (@import.test): the item they
; precede is test code, as under `#[cfg(test)]`.
((attribute_item (attribute (identifier) @_test . )) @import.test
 (#eq? @_test "test"))
((attribute_item (attribute (scoped_identifier name: (identifier) @_test))) @import.test
 (#eq? @_test "test"))

; Qualified paths in code, in expressions, patterns and types. Nested paths and paths inside
; `use` declarations are captured too and dropped by the parser: only the outermost counts.
(scoped_identifier) @reference
(scoped_type_identifier) @reference

; Bare names in code (@import.name) that may name an item: types, called functions and
; macros, and capitalised values (constants, unit structs). A name the file re-exports and
; uses too makes the re-export a use as well. Segments of paths and names in `use`
; declarations or test code are dropped by the parser. A function passed as a value
; (`map(job)`) is not seen.
(type_identifier) @import.name
(call_expression function: (identifier) @import.name)
(generic_function function: (identifier) @import.name)
(macro_invocation macro: (identifier) @import.name)
((identifier) @import.name (#match? @import.name "^[A-Z]"))

; Names of the items a file defines at its top level (@import.defines): what a glob
; re-export of its module (`pub use self::unix::*;`) brings, so that a use of such a name is
; followed to this file.
(source_file (function_item name: (identifier) @import.defines))
(source_file (struct_item name: (type_identifier) @import.defines))
(source_file (enum_item name: (type_identifier) @import.defines))
(source_file (union_item name: (type_identifier) @import.defines))
(source_file (trait_item name: (type_identifier) @import.defines))
(source_file (type_item name: (type_identifier) @import.defines))
(source_file (const_item name: (identifier) @import.defines))
(source_file (static_item name: (identifier) @import.defines))

; Item-level macro invocations (`cfg_rt! { pub mod runtime; }`): their bodies are parsed
; again as items, because the declarations inside are real in most builds.
(source_file (macro_invocation (token_tree) @import.macro))
(declaration_list (macro_invocation (token_tree) @import.macro))
