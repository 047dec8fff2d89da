//! Historical versions of one file, for the function-level X-Ray: each version is parsed
//! incrementally from the tree of the version before it (tree-sitter reuses every subtree the
//! diff did not touch), and answers which functions hold a set of lines.

use std::collections::BTreeSet;

use tree_sitter::{InputEdit, Point, Tree};

use super::{node_text, with_parser, Captured};
use crate::error::Error;
use crate::lang::{self, LanguageDef};

/// One hunk of a line diff, numbered as git numbers them: 1-based starts; a side with no
/// lines gives the line *after which* the other side's lines sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hunk {
    /// First line in the old version.
    pub old_start: u32,
    /// Lines in the old version.
    pub old_lines: u32,
    /// First line in the new version.
    pub new_start: u32,
    /// Lines in the new version.
    pub new_lines: u32,
}

/// A parsed version of a file.
pub struct ParsedVersion {
    tree: Tree,
    text: String,
    /// Byte offset of the start of each line, plus the text's length at the end.
    line_starts: Vec<usize>,
}

impl ParsedVersion {
    /// Parses `text` from scratch.
    pub fn parse(def: &'static LanguageDef, text: String) -> Result<ParsedVersion, Error> {
        let tree = with_parser(def, |parser| parser.parse(&text, None))?;
        Ok(ParsedVersion::new(tree, text))
    }

    /// Parses `text`, the version that `hunks` make of this one, reusing this tree.
    pub fn next(
        &self,
        def: &'static LanguageDef,
        text: String,
        hunks: &[Hunk],
    ) -> Result<ParsedVersion, Error> {
        let new_starts = line_starts(&text);
        let mut tree = self.tree.clone();
        // Bottom-up, so that each edit's positions are still those of the old text.
        for h in hunks.iter().rev() {
            let (old_from, old_to) = byte_span(&self.line_starts, h.old_start, h.old_lines);
            let (new_from, new_to) = byte_span(&new_starts, h.new_start, h.new_lines);
            let start = point(&self.line_starts, old_from);
            let inserted = &text.as_bytes()[new_from..new_to];
            let new_end = match inserted.iter().rposition(|&b| b == b'\n') {
                None => Point::new(start.row, start.column + inserted.len()),
                Some(last) => Point::new(
                    start.row + inserted.iter().filter(|&&b| b == b'\n').count(),
                    inserted.len() - last - 1,
                ),
            };
            tree.edit(&InputEdit {
                start_byte: old_from,
                old_end_byte: old_to,
                new_end_byte: old_from + inserted.len(),
                start_position: start,
                old_end_position: point(&self.line_starts, old_to),
                new_end_position: new_end,
            });
        }
        let tree = with_parser(def, |parser| parser.parse(&text, Some(&tree)))?;
        Ok(ParsedVersion {
            tree,
            text,
            line_starts: new_starts,
        })
    }

    /// The text of this version.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines.
    pub fn line_count(&self) -> u32 {
        (self.line_starts.len() - 1) as u32
    }

    fn new(tree: Tree, text: String) -> ParsedVersion {
        ParsedVersion {
            line_starts: line_starts(&text),
            tree,
            text,
        }
    }

    /// The symbol paths of the innermost functions holding any of `lines` (`(first, count)`,
    /// 1-based). Lines outside every function name nothing.
    pub fn functions_at(
        &self,
        def: &'static LanguageDef,
        lines: &[(u32, u32)],
    ) -> Result<BTreeSet<String>, Error> {
        let query = super::query(lang::compiled(def), lang::Sections::FUNCTIONS)?;
        let mut out = BTreeSet::new();
        for &(first, count) in lines.iter().filter(|(_, count)| *count > 0) {
            let (from, to) = byte_span(&self.line_starts, first, count);
            let captured = Captured::collect(
                query,
                &self.tree,
                &self.text,
                Some(from..to.max(from + 1)),
                def.symbol_separator,
            );
            let mut functions: Vec<_> = captured
                .complexity
                .iter()
                .filter(|(_, role)| *role == super::complexity::Role::Function)
                .map(|(node, _)| *node)
                .collect();
            functions.sort_by_key(|n| (n.start_byte(), std::cmp::Reverse(n.end_byte())));
            // Each changed line belongs to the innermost function around it.
            for line in first..first + count {
                let (a, b) = byte_span(&self.line_starts, line, 1);
                let inner = functions
                    .iter()
                    .rev()
                    .find(|f| f.start_byte() < b.max(a + 1) && a < f.end_byte());
                if let Some(f) = inner {
                    let symbol = captured
                        .scopes
                        .path_at(f.start_byte())
                        .unwrap_or_else(|| node_text(*f, &self.text).to_string());
                    out.insert(symbol);
                }
            }
        }
        Ok(out)
    }

    /// The symbol paths of every function of this version, as [`Self::functions_at`] names
    /// them, without mapping each line to its innermost function.
    pub fn functions(&self, def: &'static LanguageDef) -> Result<BTreeSet<String>, Error> {
        let query = super::query(lang::compiled(def), lang::Sections::FUNCTIONS)?;
        let captured = Captured::collect(query, &self.tree, &self.text, None, def.symbol_separator);
        Ok(captured
            .complexity
            .iter()
            .filter(|(_, role)| *role == super::complexity::Role::Function)
            .map(|(f, _)| {
                captured
                    .scopes
                    .path_at(f.start_byte())
                    .unwrap_or_else(|| node_text(*f, &self.text).to_string())
            })
            .collect())
    }
}

/// Byte offsets of line starts, and the length of the text as the last entry.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    if *starts.last().unwrap_or(&0) != text.len() {
        starts.push(text.len());
    }
    starts
}

/// The byte span of `count` lines from 1-based `first`; with `count == 0`, the empty span
/// after line `first` (git's convention for a side without lines).
fn byte_span(starts: &[usize], first: u32, count: u32) -> (usize, usize) {
    let at = |line: usize| starts[line.min(starts.len() - 1)];
    if count == 0 {
        let p = at(first as usize);
        (p, p)
    } else {
        let from = first.saturating_sub(1) as usize;
        (at(from), at(from + count as usize))
    }
}

fn point(starts: &[usize], byte: usize) -> Point {
    let row = starts.partition_point(|&s| s <= byte).saturating_sub(1);
    Point::new(row, byte - starts[row])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn def() -> &'static LanguageDef {
        &lang::LANGUAGES[0]
    }

    /// Hunks of a line diff of `a` and `b` (a simple prefix/suffix diff: one hunk).
    fn one_hunk(a: &str, b: &str) -> Vec<Hunk> {
        let (a, b): (Vec<&str>, Vec<&str>) = (
            a.split_inclusive('\n').collect(),
            b.split_inclusive('\n').collect(),
        );
        let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let suffix = a[prefix..]
            .iter()
            .rev()
            .zip(b[prefix..].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let (old_lines, new_lines) = (a.len() - prefix - suffix, b.len() - prefix - suffix);
        if old_lines == 0 && new_lines == 0 {
            return Vec::new();
        }
        let start = |lines: usize| if lines == 0 { prefix } else { prefix + 1 } as u32;
        vec![Hunk {
            old_start: start(old_lines),
            old_lines: old_lines as u32,
            new_start: start(new_lines),
            new_lines: new_lines as u32,
        }]
    }

    #[test]
    fn incremental_parse_equals_a_fresh_parse() {
        let versions = [
            "mod m {\n    fn a() {\n        1\n    }\n}\n",
            "mod m {\n    fn a() {\n        1\n    }\n    fn b(x: u8) {\n        if x > 0 {}\n    }\n}\n",
            "mod m {\n    fn b(x: u8) {\n        if x > 0 {}\n    }\n}\n",
            "// head\nmod m {\n    fn b(x: u8) {\n        if x > 0 { loop {} }\n    }\n}\nfn tail() {}",
            "fn only() {}\n",
            "",
            "fn again() { let s = \"unterminated\n}\n",
        ];
        let mut previous = ParsedVersion::parse(def(), versions[0].to_string()).unwrap();
        for pair in versions.windows(2) {
            let hunks = one_hunk(pair[0], pair[1]);
            let next = previous.next(def(), pair[1].to_string(), &hunks).unwrap();
            let fresh = ParsedVersion::parse(def(), pair[1].to_string()).unwrap();
            assert_eq!(
                next.tree.root_node().to_sexp(),
                fresh.tree.root_node().to_sexp(),
                "{:?} -> {:?}",
                pair[0],
                pair[1]
            );
            previous = next;
        }
    }

    #[test]
    fn functions_at_names_the_innermost_function() {
        let src = "mod m {\n    struct S;\n    impl S {\n        fn a(&self) {\n            fn inner() {\n                let x = 1;\n            }\n        }\n    }\n}\nfn b() {}\n";
        let v = ParsedVersion::parse(def(), src.to_string()).unwrap();
        let names = |lines: &[(u32, u32)]| -> Vec<String> {
            v.functions_at(def(), lines).unwrap().into_iter().collect()
        };
        assert_eq!(names(&[(6, 1)]), vec!["m::S::a::inner"]);
        assert_eq!(names(&[(4, 1), (11, 1)]), vec!["b", "m::S::a"]);
        assert_eq!(names(&[(2, 1)]), Vec::<String>::new());
        assert_eq!(names(&[(1, 11)]).len(), 3);
    }
}
