; What the dependency graph needs from a Python file: its `import` and `from … import`
; statements, whole. Neutral vocabulary (as Lua's):
;   @import         the statement
;   @import.source  the statement's text, which the resolver (src/graph/python.rs) reads:
;                   `import a.b as c, d`, `from ..pkg import (x, y as z)`, `from . import m`
; Imports inside functions are read the same way. Those under `if TYPE_CHECKING:` (also
; `typing.TYPE_CHECKING`) are read only by type checkers, never run: @import.type_only marks
; them, and they make no edge (a cycle through them is no cycle), as TypeScript's `import type`.
; `from __future__ import …` names no module of the repository and is not captured; nor are `importlib.import_module("…")` and `__import__("…")`.
(import_statement) @import @import.source
(import_from_statement) @import @import.source
((if_statement
   condition: [(identifier) (attribute)] @_condition
   consequence: (block [(import_statement) (import_from_statement)] @import.type_only))
 (#match? @_condition "(^|\\.)TYPE_CHECKING$"))
