; Every comment of C++: `//` lines and `/* … */` blocks (Doxygen's `///`, `//!`, `/**`, `/*!`
; included), one node kind, `comment`. Markers are searched only inside them, so a marker in a
; string ("// TODO"), a raw string (R"(/* FIXME */)"), a character literal or an identifier
; never counts. The preprocessor's traps are C's (queries/c/comments.scm): comments ending a
; `#define`, `#pragma` or `#include` line are read from the directive's raw text
; (@comment.embedded); a comment opener inside a `#define`'s string is not a comment; code in
; `#if 0` is parsed as code, its comments count.
(comment) @comment
(preproc_arg) @comment.embedded
