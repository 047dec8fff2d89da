; What the dependency graph needs from a Python file: its `import` and `from … import`
; statements, whole. Neutral vocabulary (as Lua's):
;   @import         the statement
;   @import.source  the statement's text, which the resolver (src/graph/python.rs) reads:
;                   `import a.b as c, d`, `from ..pkg import (x, y as z)`, `from . import m`
; Imports inside functions and under `if TYPE_CHECKING:` are the same statements and are read
; the same way. `from __future__ import …` names no module of the repository and is not
; captured; nor are `importlib.import_module("…")` and `__import__("…")`.
(import_statement) @import @import.source
(import_from_statement) @import @import.source
