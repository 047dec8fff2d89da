; Every comment of Go: `//` to the end of the line and `/* … */` (tree-sitter-go has one kind,
; `comment`). Markers are searched only inside these nodes, so strings never produce one:
; interpreted strings ("// TODO"), raw strings (`/* FIXME */`), runes, and code that only looks
; like a marker: `context.TODO()` is a call (a selector whose field is `TODO`), not a comment.
; Directives (`//go:generate`, `//go:build`, `// +build`) are comments and are read as such: a
; tag in one is a marker only where it follows the engine's tag rules like any other.
(comment) @comment
