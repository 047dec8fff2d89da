; Every comment of Kotlin: `//` (`line_comment`) and `/* */`, `/** */` (KDoc), which nest
; (`block_comment`: `/* a /* b */ c */` is one comment, as Kotlin's lexer reads it). Markers
; are searched only inside these nodes, so strings never produce one: `"// TODO"`, raw strings
; `"""/* FIXME */"""`; a comment inside a template's expression (`"${x /* c */}"`) is a
; comment. tree-sitter-kotlin-ng 1.1 can lose comments inside the regions of a file it cannot
; parse (README, "Markers").
[(line_comment) (block_comment)] @comment
