; Named scopes of Python: classes and functions (`def` and `async def`, also nested ones), joined
; with the row's separator `.`, as Python's own qualified names (`__qualname__`) are, without
; its `<locals>` parts: `Parser.parse`, `run.helper` (a function defined inside `run`).
; Lambdas are no scope.
(class_definition name: (identifier) @name) @scope
(function_definition name: (identifier) @name) @scope
