; What the dependency graph needs from a Lua file: `require` calls with a literal module name.
; Neutral vocabulary (not Rust's module/use captures):
;   @import         the call node (`require("a.b")`, `require "a.b"`, `require 'a.b'`, `require [[a.b]]`)
;   @import.source  the string's content node (`a.b`), the module name to resolve
; A non-literal require (`require(name)`, `require("a." .. x)`) is not captured, so it is never
; counted, not even as unresolved. `pcall(require, "x")` and aliases of `require` are not seen.
((function_call
   name: (identifier) @_require
   arguments: (arguments . (string content: (string_content) @import.source))) @import
 (#eq? @_require "require"))
