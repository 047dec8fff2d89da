; What the dependency graph needs from a C++ file: its `#include` lines, as in C
; (queries/c/imports.scm).
;   @import          one `#include` directive
;   @import.source   what it names, as written: `"util.hpp"`, `<spdlog/spdlog.h>`, `<vector>`
; `#include MACRO` and C++20 module imports (`import std;`) name no file and are left out.
(preproc_include path: [(string_literal) (system_lib_string)] @import.source) @import
