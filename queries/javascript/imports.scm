; What the dependency graph needs from a JavaScript file: the specifier of every module it
; loads, as written. Neutral vocabulary:
;   @import         the statement or call
;   @import.source  the specifier's text, without quotes: `./util.js`, `../lib`, `react`
;   @import.public  a re-export (`export … from`), which forwards another module's names
;                   (the re-export rule of README, "Dependency graph")
; Static imports (also bare `import './side-effect'`), re-exports, `require("…")` and dynamic
; `import("…")` with a literal specifier. A specifier built at run time names nothing
; certain and is not captured. src/graph/javascript.rs resolves them to files.
(import_statement source: (string (string_fragment) @import.source)) @import
(export_statement source: (string (string_fragment) @import.source)) @import @import.public
((call_expression
   function: (identifier) @_require
   arguments: (arguments . (string (string_fragment) @import.source) .)) @import
 (#eq? @_require "require"))
(call_expression
  function: (import)
  arguments: (arguments . (string (string_fragment) @import.source))) @import
