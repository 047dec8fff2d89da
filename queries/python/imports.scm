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
; A package's `__init__.py` that imports names at its top level (also in a top-level `try`)
; re-exports them: `from .core import Command` there is what `from click import Command`
; reaches. @import.public marks the statement around it as a re-export; the resolver takes the
; mark in `__init__.py` files only (in a module the names are the module's own use), so a
; package's facade is no cycle and no god module (README, "Dependency graph"). A name the
; `__init__.py` itself uses makes its import a use (as Rust's `pub use` of a name the file
; uses): @import.name is a name in code that may be one a `from … import` binds — a
; capitalised name (a class, a constant), a called function, the object of an attribute
; (`_sysconfig.get_scheme`), a decorator. Names inside import statements are not counted.
(module (import_from_statement module_name: (_) @import.public))
(module
  (try_statement
    [(block (import_from_statement module_name: (_) @import.public))
     (except_clause (block (import_from_statement module_name: (_) @import.public)))]))
((if_statement
   condition: [(identifier) (attribute)] @_condition
   consequence: (block [(import_statement) (import_from_statement)] @import.type_only))
 (#match? @_condition "(^|\\.)TYPE_CHECKING$"))
((identifier) @import.name (#match? @import.name "^_*[A-Z]"))
(call function: (identifier) @import.name)
(attribute object: (identifier) @import.name)
(decorator (identifier) @import.name)
