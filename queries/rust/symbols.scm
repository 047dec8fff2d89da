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

; Roles the code gives itself (README, "Code roles"): the attribute is captured, and it applies
; to the next item after it that is not another attribute or a comment.
;   @role.test   #[cfg(test)], #[test], #[tokio::test] and other `…::test` attributes
;   @role.bench  #[bench]
;   @role.docs   #[cfg(docsrs)], #[cfg(doc)], #[cfg(any(doc, …))]: stubs for documentation
((attribute_item
   (attribute (identifier) @_cfg arguments: (token_tree) @_args)) @role.test
 (#eq? @_cfg "cfg")
 (#match? @_args "^\\(\\s*test\\s*\\)$"))
((attribute_item (attribute (identifier) @_test . )) @role.test
 (#eq? @_test "test"))
((attribute_item (attribute (scoped_identifier name: (identifier) @_test))) @role.test
 (#eq? @_test "test"))
((attribute_item (attribute (identifier) @_bench . )) @role.bench
 (#eq? @_bench "bench"))
((attribute_item
   (attribute (identifier) @_cfg arguments: (token_tree) @_args)) @role.docs
 (#eq? @_cfg "cfg")
 (#match? @_args "^\\(\\s*(any\\s*\\(\\s*)?(doc|docsrs)\\s*[,)]"))
