; Python's imports are not resolved to files yet (the row's resolver is `None`): Python files
; are no nodes of the dependency graph until the package resolver (`import`, `from . import`,
; `src/` layouts) lands. Nothing is captured.
