; What the dependency graph needs from a Go file: the path of each import and the package it
; declares. Neutral vocabulary:
;   @import         one import spec
;   @import.source  its path as written, with quotes: `"example.com/app/store"`
; The resolver (src/graph/go.rs) maps a path inside the module (go.mod) to the package's
; directory: a Go import names a package, not a file.
(import_spec path: (_) @import.source) @import
