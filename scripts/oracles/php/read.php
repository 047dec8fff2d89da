<?php
// Reads PHP files with PHP's own lexer (token_get_all) for scripts/compare-php.py.
// Usage: php read.php REPO < paths (one per line, relative to REPO).
// Prints one JSON object per file, in the order read:
//   {"path": P, "tokens": [[NAME, TEXT, LINE], ...], "error": null or a message}
// NAME is token_name() of a token (T_COMMENT, T_DOC_COMMENT, T_INLINE_HTML, T_OPEN_TAG, …)
// or, for a one-character token, the character itself (";", "{", "?"). LINE is the line the
// token starts on (a one-character token takes the line of the token before it plus that
// token's newlines). The tokens are read with TOKEN_PARSE (a keyword used as a method or
// constant name is T_STRING, as the parser sees it); a file TOKEN_PARSE rejects (a syntax
// error) is read again without it and the error is reported.
$repo = $argv[1];
while (($rel = fgets(STDIN)) !== false) {
    $rel = rtrim($rel, "\r\n");
    if ($rel === '') {
        continue;
    }
    $code = file_get_contents($repo . '/' . $rel);
    $error = null;
    try {
        $raw = token_get_all($code, TOKEN_PARSE);
    } catch (\Throwable $e) {
        $error = get_class($e) . ': ' . $e->getMessage() . ' (line ' . $e->getLine() . ')';
        $raw = token_get_all($code);
    }
    $tokens = [];
    $line = 1;
    foreach ($raw as $t) {
        if (is_array($t)) {
            $line = $t[2];
            $tokens[] = [token_name($t[0]), $t[1], $t[2]];
            $line += substr_count($t[1], "\n");
        } else {
            $tokens[] = [$t, $t, $line];
            $line += substr_count($t, "\n");
        }
    }
    echo json_encode(['path' => $rel, 'tokens' => $tokens, 'error' => $error],
                     JSON_INVALID_UTF8_SUBSTITUTE | JSON_UNESCAPED_SLASHES), "\n";
}
