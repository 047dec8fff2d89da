; Every comment of JavaScript and JSX: `//` lines and `/* … */` blocks (tree-sitter-javascript
; has one kind, `comment`). Markers are searched only inside these nodes, so the places where
; JavaScript text looks like a comment never produce one: strings ("// TODO"), template
; literals (`// FIXME ${x}`), regular expressions (/\/\/ TODO/), JSX text
; (`<p>// TODO</p>` is text on the page). A comment inside a template substitution
; (`${x /* TODO */}`) or a JSX expression (`{/* TODO */}`) is a real comment. The `#!` line
; is no comment (`hash_bang_line`).
(comment) @comment
