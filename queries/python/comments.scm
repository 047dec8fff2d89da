; Every comment of Python: `#` to the end of the line (tree-sitter-python has one kind,
; `comment`). Markers are searched only inside these nodes, so strings can never produce one:
; `"# TODO"`, f-strings (`f"{x} # FIXME"`), bytes (`b"TODO"`) and docstrings, which are string
; literals (`expression_statement (string)`), as Python's own tokenizer says (`STRING`, not
; `COMMENT`): a TODO in a docstring is documentation the program carries (`help()`, Sphinx),
; not a note to its maintainers, and is not counted (README, "Markers").
; The shebang (`#!/usr/bin/env python3`, line 1) is a comment node too: it counts as a comment
; line, but never as a marker (the engine reads no marker in a `#!` line at the start).
(comment) @comment
