; Every comment node: line (`//`, `///`, `//!`) and block (`/* */`, `/** */`, `/*! */`, nested).
; Markers are searched only inside these nodes, so strings, raw strings, byte strings,
; identifiers and macro token trees can never produce a marker.
(line_comment) @comment
(block_comment) @comment
