; Every comment of Java: `//` lines (`line_comment`) and `/* … */` blocks, Javadoc `/** … */`
; included (`block_comment`). Markers are searched only inside these nodes, so the places where
; Java text looks like a comment never produce one: string literals ("// TODO"), text blocks
; ("""…/* FIXME */…"""), character literals ('/'), and identifiers or annotations that only look
; like a marker (`TODO.run()`, `@Todo`).
(line_comment) @comment
(block_comment) @comment
