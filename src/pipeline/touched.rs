//! The function-level back-test's units: the functions of the code at T, and which of them
//! each commit after T changed, read from the two versions of every file it modified.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use git2::Oid;

use crate::backtest::FileAtT;
use crate::error::Error;
use crate::history::backtest::{Blobs, Change};
use crate::lang::{self, LangId};
use crate::parse::versions::Outline;
use crate::parse::FileFacts;

/// The key of function `symbol` of file `path` in the rankings (`path` then `symbol`, as
/// `functions` lists them).
pub fn key(path: &str, symbol: &str) -> String {
    format!("{path} {}", named(symbol))
}

/// A large closure's symbol (`run::{closure#2}`, see `parse::complexity`) as the function it
/// is written in (`run`): its number changes when a closure is added above it, so the unit
/// that can be followed from T to the commits after it is the named function. A closure
/// outside every function keeps its own symbol.
fn named(symbol: &str) -> &str {
    let mut outermost = symbol;
    while let Some(host) = crate::parse::complexity::closure_host(outermost) {
        outermost = host;
    }
    match outermost.starts_with("{closure#") {
        true => symbol,
        false => outermost,
    }
}

/// The functions of `files` (those of the ranked roles) at T, one unit each, with their own
/// lines and cyclomatic complexity and their file's revisions up to T (a function's own
/// history is not traced for every function, so its file's stands in for it). Each file comes
/// with which of its functions are of the ranked roles: a production file's test module and
/// `#[test]` functions are test code, not units of a production ranking.
pub fn functions_at_t<'a>(
    files: impl IntoIterator<Item = ((&'a FileFacts, u64), &'a [bool])>,
) -> Vec<FileAtT> {
    let mut units: BTreeMap<String, FileAtT> = BTreeMap::new();
    for ((file, revisions), ranked) in files {
        let Some(metrics) = &file.metrics else {
            continue;
        };
        let functions = (metrics.functions.iter()).zip(ranked).filter(|(_, r)| **r);
        for (f, _) in functions {
            let key = key(&file.path, &f.symbol);
            // A closure folds into its function (whose own figures win); a symbol defined
            // twice (under two `cfg`s) is one unit, the larger.
            let own = named(&f.symbol) == f.symbol;
            let unit = units.entry(key.clone()).or_insert(FileAtT {
                path: key,
                lines: 0,
                cyclomatic: 0,
                revisions,
            });
            if own {
                unit.lines = unit.lines.max(f.lines);
                unit.cyclomatic = unit.cyclomatic.max(u64::from(f.cyclomatic));
            } else if unit.lines == 0 {
                unit.cyclomatic = unit.cyclomatic.max(u64::from(f.cyclomatic));
            }
        }
    }
    units.into_values().collect()
}

/// The unit at T an item of `file` lies in: the function its symbol names (a marker in the
/// comment above a function belongs to it), else the innermost function holding its first
/// line; `None` outside every function.
pub fn unit_of(file: &FileFacts, location: &crate::model::Location) -> Option<String> {
    let functions = &file.metrics.as_ref()?.functions;
    if let Some(symbol) = &location.symbol {
        if functions.iter().any(|f| f.symbol == *symbol) {
            return Some(key(&file.path, symbol));
        }
    }
    let line = location.start_line;
    functions
        .iter()
        .filter(|f| f.start_line <= line && line <= f.end_line)
        .min_by_key(|f| f.end_line - f.start_line)
        .map(|f| key(&file.path, &f.symbol))
}

/// Reads which functions each change modified, as units of `known` (keys of functions at T),
/// keeping each version's outline once.
pub struct Touched<'r> {
    blobs: Blobs,
    /// The language of each file at T, by its name at T.
    languages: HashMap<&'r str, LangId>,
    outlines: HashMap<Oid, Option<Outline>>,
}

impl<'r> Touched<'r> {
    /// For the files of `facts` (the code at T).
    pub fn new(blobs: Blobs, facts: &'r [FileFacts]) -> Touched<'r> {
        Touched {
            blobs,
            languages: facts
                .iter()
                .map(|f| (f.path.as_str(), f.language))
                .collect(),
            outlines: HashMap::new(),
        }
    }

    /// The units of `known` that `change` modified: the functions holding a line it deleted
    /// (in the version before) or added (in the version after), by their names at T. A
    /// version that is not UTF-8, too large or does not parse names none.
    pub fn units(
        &mut self,
        change: &Change,
        known: &std::collections::HashSet<String>,
    ) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        for m in &change.modified {
            let Some(&language) = self.languages.get(m.name.as_str()) else {
                continue;
            };
            let Some(def) = lang::get(language) else {
                continue;
            };
            let (Some(old), Some(new)) = (self.blobs.text(m.old)?, self.blobs.text(m.new)?) else {
                continue;
            };
            let hunks = crate::xray::hunks(old.as_bytes(), new.as_bytes())
                .map_err(|e| Error::Internal(format!("diff of {}: {}", m.name, e.message())))?;
            let deleted: Vec<(u32, u32)> =
                hunks.iter().map(|h| (h.old_start, h.old_lines)).collect();
            let added: Vec<(u32, u32)> = hunks.iter().map(|h| (h.new_start, h.new_lines)).collect();
            let mut symbols = BTreeSet::new();
            if let Some(o) = self.outline(def, m.old, &old) {
                symbols.extend(o.functions_at(&deleted));
            }
            if let Some(o) = self.outline(def, m.new, &new) {
                symbols.extend(o.functions_at(&added));
            }
            // Where a diff could align an insertion in several ways, its lines may fall in the
            // function next to it; a function whose text is the same before and after did not
            // change.
            let (before, after) = (
                self.outlines[&m.old].as_ref(),
                self.outlines[&m.new].as_ref(),
            );
            symbols.retain(|s| texts(before, s, &old) != texts(after, s, &new));
            out.extend(
                symbols
                    .iter()
                    .map(|s| key(&m.name, s))
                    .filter(|k| known.contains(k)),
            );
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// The outline of blob `oid` with `text`, parsed once; `None` if it does not parse.
    fn outline(
        &mut self,
        def: &'static lang::LanguageDef,
        oid: Oid,
        text: &str,
    ) -> Option<&Outline> {
        self.outlines
            .entry(oid)
            .or_insert_with(|| Outline::parse(def, text).ok())
            .as_ref()
    }
}

/// The texts of the functions named `symbol` in a version (`None`: it did not parse).
fn texts<'t>(outline: Option<&Outline>, symbol: &str, text: &'t str) -> Vec<&'t str> {
    outline.map_or_else(Vec::new, |o| o.texts_of(symbol, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closure_is_counted_in_the_function_it_is_written_in() {
        for (symbol, unit) in [
            ("run", "run"),
            ("Engine::run::{closure#2}", "Engine::run"),
            ("run::{closure#1}::{closure#1}", "run"),
            ("setup.{closure#1}", "setup"),
            ("{closure#1}", "{closure#1}"),
        ] {
            assert_eq!(named(symbol), unit, "{symbol}");
        }
        assert_eq!(key("src/a b.rs", "f::{closure#1}"), "src/a b.rs f");
    }
}
