; Every comment of Ruby: `#` to the end of the line and `=begin … =end` blocks (both are
; `comment` nodes in tree-sitter-ruby). Markers are searched only inside these nodes, so
; strings never produce one: `"# TODO"`, `%q(# FIXME)`, heredoc bodies, regexes (`/# x/`) and
; symbols (`:TODO`) are no comments, as Ruby's own Ripper says. A `# …` inside an
; interpolation (`"#{x # TODO\n}"`) is a real comment (Ripper agrees), and so is a shebang
; (`#!/usr/bin/env ruby`, never a marker) and a magic comment (`# frozen_string_literal: true`).
; tree-sitter-ruby 0.23 ends a `=begin` block at an `=end` in the middle of a line, and reads
; the rest of the block as code with errors: README, "Markers" (Ruby).
(comment) @comment
