; What the dependency graph needs from a Swift file. Swift imports name modules (a SwiftPM
; target, a framework), not files, and the files of one module see each other's declarations
; without any import; so a file's edges go to the files declaring the names it uses
; (src/graph/swift.rs). Neutral vocabulary:
;   @import          one import
;   @import.source   the import as written: `import Foundation`, `@testable import Alamofire`,
;                    `import struct Swift.Array`
;   @import.defines  what the file declares at its top level and other files use by name:
;                    classes, structs, enums, actors, protocols, type aliases, functions and
;                    global constants and variables (an `extension` declares no name, a
;                    `private`/`fileprivate` one is its file's alone)
;   @import.hidden   a `private`/`fileprivate` top-level declaration: the file's alone; in
;                    it, the name is this declaration, not another file's
;   @import.name     a name the file uses: a type (`Session`, the `Session` of
;                    `Session.Config`), a call (`Request(url)`, `helper()`), a capitalised
;                    receiver (`Session.default`, `Limits.max`)
(import_declaration) @import @import.source
; A top-level declaration: a type (the children of a file whose `name` is a type identifier: a
; class, struct, enum, actor, protocol or type alias), a function (the name after `func`) or a
; property (a `name` that is a pattern). Wildcard children, and one pattern each rather than
; one alternation: a named child under `source_file`, or an alternation of them, costs
; matching time in every file (README, "Development").
((source_file (_ name: (type_identifier) @import.defines) @_declaration)
 (#not-match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s"))
((source_file (_ "func" . name: _ @import.defines) @_declaration)
 (#not-match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s")
 (#not-match? @import.defines "^[-/=+!*%<>&|^~?.]+$"))
((source_file
   (_ name: (pattern bound_identifier: (simple_identifier) @import.defines)) @_declaration)
 (#not-match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s"))
((source_file (_ name: (type_identifier) @import.hidden) @_declaration)
 (#match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s"))
((source_file (_ "func" . name: _ @import.hidden) @_declaration)
 (#match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s")
 (#not-match? @import.hidden "^[-/=+!*%<>&|^~?.]+$"))
((source_file
   (_ name: (pattern bound_identifier: (simple_identifier) @import.hidden)) @_declaration)
 (#match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s"))
(user_type . (type_identifier) @import.name)
; The grammar reads `a + Token(x)` as `(a + Token)(x)` and `!isValid(x)` as `(!isValid)(x)`.
(call_expression
  . [(simple_identifier) @import.name
     (_ rhs: (simple_identifier) @import.name)
     (prefix_expression target: (simple_identifier) @import.name)])
((navigation_expression target: (simple_identifier) @import.name)
 (#match? @import.name "^[A-Z]"))
