; What the dependency graph needs from a TypeScript file (as from a JavaScript
; one, plus `import x = require("…")`): the specifier of every module it
; loads, as written. Neutral vocabulary:
;   @import         the statement or call
;   @import.source  the specifier's text, without quotes: `./util.js`, `../lib`, `react`
;   @import.public  a re-export (`export … from`), which forwards another module's names
;                   (the re-export rule of README, "Dependency graph")
; Static imports (also bare `import './side-effect'`), re-exports, `require("…")` and dynamic
; `import("…")` with a literal specifier. A specifier built at run time names nothing
; certain and is not captured. src/graph/javascript.rs resolves them to files.
; Type-only imports and re-exports (`import type { T } from`, `export type { T } from`) are
; erased by the compiler: no dependency at run time, and no edge (a cycle through them is no
; cycle). An import of some types among values (`import { type T, v }`) is an edge.
((import_statement source: (string (string_fragment) @import.source)) @import
 (#not-match? @import "^import\\s+type[\\s{*]"))
((export_statement source: (string (string_fragment) @import.source)) @import @import.public
 (#not-match? @import "^export\\s+type[\\s{*]"))
(import_statement
  (import_require_clause source: (string (string_fragment) @import.source))) @import
((call_expression
   function: (identifier) @_require
   arguments: (arguments . (string (string_fragment) @import.source) .)) @import
 (#eq? @_require "require"))
(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @import.source))) @import
