; Every comment of Swift: `//` and `///` (`comment`) and `/* */`, `/** */` (`multiline_comment`),
; which nest (`/* a /* b */ c */` is one comment, as Swift's lexer reads it). Markers are
; searched only inside these nodes, so strings never produce one: `"// TODO"`, multi-line
; strings `"""/* FIXME */"""`, raw strings `#"TODO"#`. `#warning("TODO: …")` is a compiler
; diagnostic, a string: no marker.
; tree-sitter-swift 0.7.4 reads `/* … */` in a one-line string's text as a comment, a child of
; the string (`"/* FIXME */"`): the row's comments_never_inside drops those. A comment inside
; an interpolation (`"\(x /* c */)"`) is real, and the grammar puts it in the same place; it
; is told apart by the `)` that closes the hole right after it (@comment.hole). One written
; right after a hole's `)` (`"\(x)/* c */"`) is the grammar's, and lost like the others.
[(comment) (multiline_comment)] @comment
(line_string_literal [(comment) (multiline_comment)] @comment.hole . ")")
(multi_line_string_literal [(comment) (multiline_comment)] @comment.hole . ")")
