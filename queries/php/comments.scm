; Every comment of PHP: `//`, `#`, `/* */` and `/** */` (one kind, `comment`, in
; tree-sitter-php). Markers are searched only inside these nodes, so strings never produce
; one: `'// TODO'`, `"# FIXME"`, heredocs and nowdocs, and the HTML around `<?php … ?>` (its
; `<!-- TODO -->` is the page's text, not a comment of the program), as PHP's own tokenizer
; says (`T_COMMENT`, `T_DOC_COMMENT`). PHP 8's attributes (`#[Route("/")]`) are code.
(comment) @comment
