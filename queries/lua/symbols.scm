; Named scopes of Lua: function declarations only (Lua has no modules, classes or impls in its
; syntax; a module is a table returned by a file). @name is the declared name as written, so
;   function M.run()      -> `M.run`       (dot_index_expression)
;   function M:m()        -> `M:m`         (method_index_expression)
;   function a.b.c:d()    -> `a.b.c:d`
;   local function f()    -> `f`           (identifier; the node starts at `local`)
; Functions nested in functions join with the language's symbol separator, proposed `.`
; (so `helper` declared inside `M.run` is `M.run.helper`): Lua's own notation, not Rust's `::`.
; Anonymous functions (`function_definition`, also `M.f = function() end`) are no scope.
(function_declaration name: (_) @name) @scope
