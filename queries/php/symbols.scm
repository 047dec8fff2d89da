; Named scopes of PHP: classes, interfaces, traits, enums and their methods, and functions,
; joined with the row's separator `::` as PHP names a method (`Controller::handle`). The
; namespace is left out (as Java's package and C#'s namespace are), so a file's names do not
; change when its namespace does. Closures and arrow functions are no scope; a method of an
; anonymous class (`new class { … }`) is in the function around it.
(class_declaration name: (name) @name) @scope
(interface_declaration name: (name) @name) @scope
(trait_declaration name: (name) @name) @scope
(enum_declaration name: (name) @name) @scope
(method_declaration name: (name) @name) @scope
(function_definition name: (name) @name) @scope
