//! Comments in text a grammar leaves untokenised: the body of a C `#define` and the argument
//! of `#pragma` or `#error` are one node of raw text to tree-sitter-c and -cpp, though the
//! preprocessor strips a comment that ends the line (`#define MAX 16 // TODO: grow`). Read
//! here with the row's [`CommentSyntax`], outside string and character literals.

use std::ops::Range;

use crate::lang::CommentSyntax;

/// The comments in `raw` (byte ranges, delimiters included), and whether `raw` ends inside a
/// string literal it opened: the grammar then went wrong, and what follows on that line is
/// the string's text, not code.
pub(crate) fn comments_in_raw(raw: &str, syntax: &CommentSyntax) -> (Vec<Range<usize>>, bool) {
    let bytes = raw.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let rest = &raw[at..];
        // The shortest opener that matches: `/**/` is closed by its last two characters.
        let block = (syntax.block.iter())
            .filter(|(open, _)| rest.starts_with(open))
            .min_by_key(|(open, _)| open.len());
        if let Some((open, close)) = block {
            let end = (rest[open.len()..].find(close))
                .map_or(raw.len(), |k| at + open.len() + k + close.len());
            out.push(at..end);
            at = end;
        } else if syntax.line.iter().any(|p| rest.starts_with(p)) {
            // To the end of the line, and over the next while a `\` splices them.
            let mut end = raw.len();
            let mut from = at;
            while let Some(k) = raw[from..].find('\n') {
                let line = raw[from..from + k].trim_end_matches('\r');
                if !line.ends_with('\\') {
                    end = from + k;
                    break;
                }
                from += k + 1;
            }
            out.push(at..end);
            at = end;
        } else if bytes[at] == b'"' || bytes[at] == b'\'' {
            match literal_end(bytes, at) {
                Some(end) => at = end,
                None => return (out, bytes[at] == b'"'),
            }
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    (out, false)
}

/// Where the string or character literal opened at `start` ends (after its closing quote), or
/// `None` if the line ends first.
fn literal_end(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut at = start + 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b'\n' => return None,
            b if b == quote => return Some(at + 1),
            _ => at += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const C: CommentSyntax = CommentSyntax {
        line: &["///", "//"],
        block: &[("/**", "*/"), ("/*", "*/")],
        block_star_prefix: true,
        nested_blocks: false,
    };

    fn found(raw: &str) -> (Vec<&str>, bool) {
        let (ranges, open) = comments_in_raw(raw, &C);
        (ranges.into_iter().map(|r| &raw[r]).collect(), open)
    }

    #[test]
    fn comments_after_code_outside_literals() {
        let cases: &[(&str, &[&str], bool)] = &[
            ("16 // TODO: grow", &["// TODO: grow"], false),
            ("do { a; } while (0) /* HACK */", &["/* HACK */"], false),
            ("\"// not\" // yes", &["// yes"], false),
            ("'\"' /* c */", &["/* c */"], false),
            ("\"a\\\"// still a string\" x", &[], false),
            ("once", &[], false),
            ("x /**/ y", &["/**/"], false),
            ("\"", &[], true),
            ("f(\"x) // in the string", &[], true),
            ("a /* unterminated", &["/* unterminated"], false),
            ("a \\\n  b // second line", &["// second line"], false),
            (
                "1 // spliced \\\n  on\nnext",
                &["// spliced \\\n  on"],
                false,
            ),
            ("é // ünïcode", &["// ünïcode"], false),
        ];
        for (raw, comments, open) in cases {
            assert_eq!(found(raw), (comments.to_vec(), *open), "{raw:?}");
        }
    }
}
