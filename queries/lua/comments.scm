; Every comment node of Lua: line comments (`--`, `---`, `----…`) and long comments
; (`--[[ ]]`, `--[=[ ]=]`, `--[==[ ]==]`, … any level; they do not nest, and `--]]` is only the
; common way to close `--[[`). tree-sitter-lua has one kind, `comment`, with a `comment_content`
; child; a `---[[` line is a line comment, as in Lua itself. Markers are searched only inside
; these nodes, so strings (`"-- TODO"`, `[[ -- FIXME ]]`, `[==[ TODO ]==]`) and identifiers
; (`todo_list`) can never produce a marker.
(comment) @comment
; The shebang (`#!/usr/bin/env lua`, first line only: `hash_bang_line`) is captured too: it is a
; comment line (it is not code, for lines of code), but never a marker, even with a tag in it:
; the language row must tell the engine not to read markers in a comment starting with `#!`.
(hash_bang_line) @comment
