; What the dependency graph needs from a Ruby file (src/graph/ruby.rs reads it):
;   @import          a `require`, `require_relative`, `load`, `autoload` or Rails'
;                    `require_dependency` call with a literal path
;   @import.source   the call as written: `require_relative "lib/helper"`, `require "a/b"`,
;                    `autoload :Client, "net/client"`, `require File.expand_path("../x",
;                    __FILE__)`, `require_relative File.join("a", "b")` (the resolver reads
;                    the literal forms and skips the rest)
;   @module          a class or module the file opens (`class Client`, `module Net`, `class
;                    Net::Client`), with @module.name its name as written and @module.body its
;                    body: the resolver reads the nesting (`module Net` … `class Client` is
;                    `Net::Client`) from which one holds which
;   @import.name     a constant the file names bare (`Client.new`, `< Base`, `include Util`)
;   @reference       a constant named by a path (`Net::Client`, `::Net::Client`): only the
;                    whole path counts, not its segments; the class or module around it is
;                    where Ruby starts looking it up
; Ruby code names its constants, not files: a Rails application (Zeitwerk) requires nothing,
; and a gem requires its files once in its entry point. The constants are what ties a file to
; the files that define them (README, "Dependency graph").
((_ method: (identifier) @_verb) @import @import.source
 (#any-of? @_verb "require" "require_relative" "load" "autoload" "require_dependency"))
(class name: (_) @module.name body: (_) @module.body) @module
(class name: (_) @module.name !body) @module
(module name: (_) @module.name body: (_) @module.body) @module
(module name: (_) @module.name !body) @module
(constant) @import.name
(scope_resolution) @reference
