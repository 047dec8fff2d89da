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
; One alternation per capture: the declarations are read alike, and one pattern on
; `function_declaration` costs the query analysis less than five patterns do.
((source_file
   [(class_declaration name: (type_identifier) @import.defines)
    (protocol_declaration name: (type_identifier) @import.defines)
    (typealias_declaration name: (type_identifier) @import.defines)
    (function_declaration "func" . name: _ @import.defines)
    (property_declaration
      name: (pattern bound_identifier: (simple_identifier) @import.defines))] @_declaration)
 (#not-match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s")
 (#not-match? @import.defines "^[-/=+!*%<>&|^~?.]+$"))
((source_file
   [(class_declaration name: (type_identifier) @import.hidden)
    (protocol_declaration name: (type_identifier) @import.hidden)
    (typealias_declaration name: (type_identifier) @import.hidden)
    (function_declaration "func" . name: _ @import.hidden)
    (property_declaration
      name: (pattern bound_identifier: (simple_identifier) @import.hidden))] @_declaration)
 (#match? @_declaration "^(@\\w+(\\([^)]*\\))?\\s+)*(\\w+\\s+)*(private|fileprivate)\\s")
 (#not-match? @import.hidden "^[-/=+!*%<>&|^~?.]+$"))
(user_type . (type_identifier) @import.name)
; The grammar reads `a + Token(x)` as `(a + Token)(x)` and `!isValid(x)` as `(!isValid)(x)`.
(call_expression
  . [(simple_identifier) @import.name
     (_ rhs: (simple_identifier) @import.name)
     (prefix_expression target: (simple_identifier) @import.name)])
((navigation_expression target: (simple_identifier) @import.name)
 (#match? @import.name "^[A-Z]"))
