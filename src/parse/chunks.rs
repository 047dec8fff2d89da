//! A large file read in pieces: cut where a top-level item has closed and another starts, each
//! piece parsed on its own and its facts filed under its own text, so that a file changed in
//! one place parses again only the piece holding the change (a later run finds the others in
//! the cache). Every run cuts the same text the same way and reads the pieces the same way,
//! cache or not, so what a file yields never depends on what was kept.
//!
//! A piece parsed on its own finds what a parse of the whole file would when it parses without
//! an error: its first line starts an item (after a closing line and a blank one, in column 0)
//! and everything up to its end closed, so no string, comment or block runs on into the next
//! piece (one that did would be unterminated here, an error). A piece with an error is read
//! again joined with the pieces after it (one, then two, four…, then all the rest) until the
//! joined text parses clean: a cut inside a raw string (cargo's expected JSON output has `}`, a
//! blank line and `{` in column 0) is undone. A file whose error joining does not mend is read
//! whole, as are small files and those the language says must be (Rust's `#![cfg(test)]` at
//! the top speaks for the whole file).

use std::ops::Range;

use crate::lang::LanguageDef;

use super::versions::Outline;
use super::FileFacts;

/// Pieces are at least this long (the last one joins the one before it if shorter): a piece is
/// a cache entry and a parse of its own. Items longer than this are pieces of their own, so an
/// edit that changes an item's length moves no other cut; shorter ones are grouped, and such an
/// edit may move the cuts among the short items after it, up to the next long one.
pub const MIN_PIECE: usize = 512;

/// Files shorter than this are read whole.
pub const MIN_CUT_FILE: usize = 4096;

/// Where `text` is cut into pieces: byte ranges covering it in order, each starting at a line
/// start. One range (the whole text) when the language does not cut or the text is small.
pub fn cuts(def: &LanguageDef, text: &str) -> Vec<Range<usize>> {
    let whole = std::iter::once(0..text.len()).collect();
    if def.pieces_after.is_empty() || text.len() < MIN_CUT_FILE {
        return whole;
    }
    let mut starts = vec![0];
    // The line before the previous one, and the previous one.
    let (mut before, mut previous): (Option<&str>, Option<&str>) = (None, None);
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let closed = before.is_some_and(|l| def.pieces_after.contains(&l.trim_end()));
        let blank = previous.is_some_and(|l| l.trim().is_empty());
        let starts_item = line.chars().next().is_some_and(|c| !c.is_whitespace());
        let last = starts.last().copied().unwrap_or(0);
        if closed && blank && starts_item && at - last >= MIN_PIECE {
            starts.push(at);
        }
        (before, previous) = (previous, Some(line));
        at += line.len();
    }
    if starts.len() > 1 && text.len() - starts[starts.len() - 1] < MIN_PIECE {
        starts.pop();
    }
    // What speaks for the whole file comes before its first item.
    let head = &text[..starts.get(1).copied().unwrap_or(text.len())];
    if def.pieces_never_with.iter().any(|s| head.contains(s)) {
        return whole;
    }
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
}

/// The 0-based row each piece starts on.
pub fn rows(text: &str, pieces: &[Range<usize>]) -> Vec<u32> {
    let mut rows = Vec::with_capacity(pieces.len());
    let (mut row, mut at) = (0u32, 0usize);
    for p in pieces {
        row += memchr::memchr_iter(b'\n', &text.as_bytes()[at..p.start]).count() as u32;
        at = p.start;
        rows.push(row);
    }
    rows
}

/// The facts of a whole file from those of its pieces (each read on its own, lines counted
/// from its own start), the piece starting on 0-based row `row` of the file; `path`,
/// `language` and `lines` are the file's.
pub fn join(
    path: &str,
    language: crate::lang::LangId,
    lines: u32,
    pieces: Vec<(u32, FileFacts)>,
) -> FileFacts {
    let mut out: Option<FileFacts> = None;
    for (row, mut facts) in pieces {
        for m in &mut facts.markers {
            m.start_line += row;
            m.end_line += row;
        }
        if let Some(metrics) = &mut facts.metrics {
            for f in &mut metrics.functions {
                f.start_line += row;
                f.end_line += row;
            }
        }
        for s in &mut facts.role_spans {
            s.start_line += row;
            s.end_line += row;
        }
        let Some(joined) = &mut out else {
            if let Some(imports) = &mut facts.imports {
                shift_imports(imports, row, 0);
            }
            out = Some(facts);
            continue;
        };
        joined.markers.extend(facts.markers);
        joined.syntax_errors |= facts.syntax_errors;
        if let (Some(a), Some(b)) = (&mut joined.metrics, facts.metrics) {
            a.code_lines += b.code_lines;
            a.functions.extend(b.functions);
        }
        if let (Some(a), Some(mut b)) = (&mut joined.imports, facts.imports) {
            shift_imports(&mut b, row, a.modules.len() as u32);
            a.modules.extend(b.modules);
            a.references.extend(b.references);
            a.sources.extend(b.sources);
            super::imports::union_names(&mut a.names, b.names);
            super::imports::union_names(&mut a.defines, b.defines);
            super::imports::union_names(&mut a.hidden, b.hidden);
        }
        if let (Some(a), Some(b)) = (&mut joined.symbols, facts.symbols) {
            a.extend(b);
            a.sort_unstable();
            a.dedup();
        }
        joined.role_spans.extend(facts.role_spans);
    }
    let mut out = out.unwrap_or_else(|| FileFacts::unparsed(path, language, lines));
    out.path = path.to_string();
    out.lines = lines;
    out
}

/// Moves the imports of a piece starting on `row` to the file's lines, its module indices
/// after the `modules` the pieces before it declared.
fn shift_imports(imports: &mut super::FileImports, row: u32, modules: u32) {
    for m in &mut imports.modules {
        m.line += row;
        m.parent = m.parent.map(|p| p + modules);
    }
    for r in &mut imports.references {
        r.line += row;
        r.module = r.module.map(|m| m + modules);
    }
    for s in &mut imports.sources {
        s.line += row;
    }
}

/// The outline of a whole file whose text is `text` from those of its pieces, each starting on
/// its 0-based row.
pub fn join_outlines(text: &str, pieces: Vec<(u32, Outline)>) -> Outline {
    Outline::join(super::versions::line_count(text), pieces)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang;
    use crate::parse::{parse_file_outlined, Rules, TagSet, Wanted};

    fn rust() -> &'static LanguageDef {
        lang::for_path(std::path::Path::new("x.rs")).unwrap()
    }

    /// A test file of `n` functions, each about 300 bytes, with markers, a closure, a nested
    /// module, imports and attributes spread over them.
    fn file(n: usize, head: &str) -> String {
        let mut text = format!("{head}//! Tests.\n\nuse std::fs;\nuse crate::net::Client;\n\n");
        for i in 0..n {
            text.push_str(&format!(
                "/// Doc {i}.\n#[test]\nfn t{i}() {{\n    // TODO: tidy {i}\n    let f = |x: u32| if x > {i} {{ 1 }} else {{ 2 }};\n    for k in 0..{i} {{\n        if k % 2 == 0 && f(k) > 1 {{\n            todo!(\"case {i}\");\n        }}\n    }}\n    let _ = Client::new(\"{i}\");\n}}\n\n"
            ));
            if i % 7 == 3 {
                // A module declared in an item-level macro, before one declared plainly: the
                // whole parse reads macro bodies last, and must list both in source order.
                text.push_str(&format!("cfg_x! {{\n    mod mac{i};\n}}\n\n"));
                text.push_str(&format!(
                    "#[cfg(test)]\nmod m{i} {{\n    use super::*;\n\n    // FIXME: nested {i}\n    fn inner() -> u32 {{\n        {i}\n    }}\n}}\n\n"
                ));
            }
        }
        text
    }

    /// The facts and outline of `text` parsed on its own, as the scan parses.
    fn parse(text: &str) -> (FileFacts, Outline) {
        let rules = Rules::default();
        let wanted = Wanted {
            markers: true,
            metrics: Some(&rules),
            imports: true,
        };
        let tags = TagSet::new(["TODO", "FIXME"]);
        let (f, o) = parse_file_outlined("x.rs", text, rust(), &tags, wanted, true).unwrap();
        (f, o.unwrap())
    }

    /// The facts of `text` read in pieces, as the scan does, and the pieces; `None` when a
    /// piece has a syntax error.
    fn in_pieces(text: &str) -> Option<(FileFacts, Outline, usize)> {
        let pieces = cuts(rust(), text);
        let mut facts = Vec::new();
        let mut outlines = Vec::new();
        for (range, row) in pieces.iter().zip(rows(text, &pieces)) {
            let (f, o) = parse(&text[range.clone()]);
            if f.syntax_errors {
                return None;
            }
            facts.push((row, f));
            outlines.push((row, o));
        }
        let lines = text.lines().count() as u32;
        Some((
            join("x.rs", rust().id, lines, facts),
            join_outlines(text, outlines),
            pieces.len(),
        ))
    }

    #[test]
    fn cuts_fall_between_top_level_items_and_cover_the_text() {
        let text = file(40, "");
        let pieces = cuts(rust(), &text);
        assert!(pieces.len() > 4, "{}", pieces.len());
        assert_eq!(pieces[0].start, 0);
        assert_eq!(pieces.last().unwrap().end, text.len());
        for pair in pieces.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[..pair[1].start].ends_with("}\n\n"));
            assert!(pair[0].len() >= MIN_PIECE);
        }
        assert!(text.len() - pieces.last().unwrap().start >= MIN_PIECE);
        // Small files, and languages without the rule, are read whole.
        assert_eq!(cuts(rust(), &file(2, "")).len(), 1);
        let lua = lang::for_path(std::path::Path::new("x.lua")).unwrap();
        assert_eq!(cuts(lua, &text).len(), 1);
    }

    #[test]
    fn facts_read_in_pieces_equal_those_of_the_whole_file() {
        let text = file(40, "");
        let (pieces, outline, n) = in_pieces(&text).unwrap();
        assert!(n > 4);
        let (expected, expected_outline) = parse(&text);
        assert_eq!(pieces, expected);
        assert_eq!(outline, expected_outline);
        assert_eq!(outline, Outline::parse(rust(), &text).unwrap());
        // Something of each kind was found, and on the lines of the whole file.
        assert_eq!(expected.markers.len(), 40 + 40 + 6);
        assert!(expected.metrics.as_ref().unwrap().functions.len() >= 40);
        assert!(!expected.imports.as_ref().unwrap().modules.is_empty());
        assert!(!expected.role_spans.is_empty());
    }

    #[test]
    fn an_inner_attribute_that_changes_the_facts_keeps_the_file_whole() {
        for head in ["#![cfg(test)]\n\n", "#![allow(clippy::todo)]\n\n"] {
            let text = file(40, head);
            assert_eq!(cuts(rust(), &text).len(), 1, "{head}");
        }
        // Others change nothing the pieces yield: the file is cut, and its pieces read as the
        // whole file is.
        for head in [
            "#![allow(dead_code)]\n\n",
            "#![cfg_attr(feature = \"in-rust-tree\", feature(rustc_private))]\n\n",
        ] {
            let text = file(40, head);
            assert!(cuts(rust(), &text).len() > 4, "{head}");
            let (facts, _, _) = in_pieces(&text).expect("clean pieces");
            assert_eq!(facts, parse(&text).0, "{head}");
        }
        // Inside a string further down it speaks for nothing.
        let text = file(40, "").replace("\"case 30\"", "\"#![deny(warnings)]\"");
        assert!(cuts(rust(), &text).len() > 4);
    }

    #[test]
    fn a_string_or_comment_across_a_cut_is_an_error_in_its_piece() {
        let body = |name: &str| {
            let lets: String = (0..150).map(|i| format!("    let x{i} = {i};\n")).collect();
            format!("fn {name}() {{\n{lets}}}\n")
        };
        for (open, close) in [
            ("const S: &str = r#\"", "\"#;"),
            ("/*", "*/"),
            ("const S: &str = \"", "\";"),
        ] {
            // A closing line, a blank one and an item in column 0, all inside one token.
            let inside = "\n}\n\nfn fake() {}\n";
            let text = format!("{}{open}{inside}{close}\n\n{}", body("a"), body("b"));
            assert!(cuts(rust(), &text).len() > 1, "{open}");
            assert!(!parse(&text).0.syntax_errors, "{open}");
            assert!(in_pieces(&text).is_none(), "{open}");
        }
    }
}
