; Every comment of C#: `//` lines, `///` XML documentation and `/* … */` blocks, one node kind,
; `comment`. Markers are searched only inside them, so the places where C# text looks like a
; comment never produce one: strings ("// TODO"), verbatim strings (@"/* FIXME */"), raw string
; literals ("""…"""), interpolated strings' text, character literals ('/'), and identifiers.
; A comment inside an interpolation hole (`$"{x /* c */}"`) is a comment.
(comment) @comment
