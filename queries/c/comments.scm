; Every comment of C: `//` lines and `/* … */` blocks (Doxygen's `///`, `/**` included), one
; node kind, `comment`. Markers are searched only inside them, so a marker in a string
; ("// TODO"), a character literal or an identifier (`TODO_LIST`) never counts.
;
; The preprocessor is where C's text and the grammar part ways:
; - The body of a `#define` and the argument of `#pragma`, `#error` and other directives are one
;   `preproc_arg` node of raw text, which holds a comment that ends the line (`#define MAX 16 //
;   TODO: grow`). @comment.embedded marks those nodes: their comments are found by reading the
;   text, outside string and character literals.
; - A `#define` whose body is a string holding a comment opener (`#define S "/* x */"`) is a
;   syntax error to tree-sitter-c 0.24, which then takes the string's inside for a comment: a
;   comment node that starts inside a string a `preproc_arg` left open on its line is dropped.
; - Code in `#if 0 … #endif` is parsed as code: its comments are comments like any other (a
;   TODO in disabled code is still there for a reader), its text is not.
(comment) @comment
(preproc_arg) @comment.embedded
