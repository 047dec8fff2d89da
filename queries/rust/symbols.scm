; Named scopes that make up a symbol path such as `net::<Client as Retry>::retry`.
; @scope is the node whose byte range encloses its members, @name its name and,
; for trait implementations, @trait the implemented trait (rendered `<Type as Trait>`).
(mod_item name: (identifier) @name) @scope
(function_item name: (_) @name) @scope
(function_signature_item name: (_) @name) @scope
(trait_item name: (type_identifier) @name) @scope
(struct_item name: (type_identifier) @name) @scope
(enum_item name: (type_identifier) @name) @scope
(union_item name: (type_identifier) @name) @scope
(impl_item trait: (_) @trait type: (_) @name) @scope
(impl_item !trait type: (_) @name) @scope
(macro_definition name: (identifier) @name) @scope
(const_item name: (identifier) @name) @scope
(static_item name: (identifier) @name) @scope
