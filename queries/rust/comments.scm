; Every comment node: line (`//`, `///`, `//!`) and block (`/* */`, `/** */`, `/*! */`, nested).
; Markers are searched only inside these nodes, so strings, raw strings, byte strings,
; identifiers and macro token trees can never produce a marker.
(line_comment) @comment
(block_comment) @comment

; Admitted debt outside comments: the reason of a disabled test, `#[ignore = "FIXME: flaky"]`.
; @annotation is the string; it is read like a one-line comment of the item after the attribute
; (only its text; a reason without a tag, `#[ignore = "slow"]`, is no marker).
((attribute_item
   (attribute (identifier) @_ignore value: (string_literal) @annotation))
 (#eq? @_ignore "ignore"))
