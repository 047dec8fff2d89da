; What the dependency graph needs from a C file: its `#include` lines.
;   @import          one `#include` directive
;   @import.source   what it names, as written: `"util.h"`, `"../core/list.h"`, `<stdio.h>`,
;                    `<curl/curl.h>` (quotes or angle brackets kept: they decide where the
;                    resolver looks first)
; `#include MACRO` (a computed include) names nothing the resolver can read and is left out.
; Includes inside `#if`/`#ifdef` branches count whichever branch a build takes.
(preproc_include path: [(string_literal) (system_lib_string)] @import.source) @import
