//! The language table: which files are source code, which tree-sitter grammar parses them and
//! which queries (`queries/<lang>/*.scm`) find their comments, symbols, unfinished code,
//! complexity and imports.
//!
//! A language is data: one row of [`LANGUAGES`] (`table.rs`, behind a cargo feature
//! `lang-<name>`), its query files and its fixtures (`fixtures/<lang>/`). Code per language
//! exists only where semantics truly differ: resolving imports to files (`graph`, one resolver
//! per ecosystem, chosen by the row's [`Resolver`]).

mod spec;
mod table;

use std::sync::OnceLock;

use tree_sitter::{Language, Query};

pub use spec::{CommentSyntax, LangId, LanguageDef, Resolver};
pub use table::LANGUAGES;

use crate::model::Role;

/// Path conventions for code roles that hold in every language (globs matched against
/// repository-relative paths), checked after the config's and the language rows' own.
pub const COMMON_ROLE_PATHS: &[(Role, &[&str])] = &[
    (
        Role::Test,
        &["**/tests/**", "**/test/**", "**/__tests__/**", "**/spec/**"],
    ),
    (
        Role::Bench,
        &["**/benches/**", "**/bench/**", "**/benchmarks/**"],
    ),
    (Role::Example, &["**/examples/**", "**/example/**"]),
    (Role::Docs, &["**/docs/**", "**/doc/**"]),
];

/// One query file of a language: which part of a combined query a pattern comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `comments.scm`
    Comments,
    /// `symbols.scm`
    Symbols,
    /// `debt_macros.scm`
    DebtMacros,
    /// `complexity.scm`
    Complexity,
    /// `imports.scm`
    Imports,
}

impl Section {
    /// Every section, in the order their files are concatenated.
    pub const ALL: [Section; 5] = [
        Section::Comments,
        Section::Symbols,
        Section::DebtMacros,
        Section::Complexity,
        Section::Imports,
    ];

    fn bit(self) -> u8 {
        1 << self as u8
    }

    /// The name of this section's query file (`symbols.scm`).
    pub fn file(self) -> &'static str {
        match self {
            Section::Comments => "comments.scm",
            Section::Symbols => "symbols.scm",
            Section::DebtMacros => "debt_macros.scm",
            Section::Complexity => "complexity.scm",
            Section::Imports => "imports.scm",
        }
    }

    /// The text of this query file of `def`.
    pub fn source(self, def: &LanguageDef) -> &'static str {
        match self {
            Section::Comments => def.comments_query,
            Section::Symbols => def.symbols_query,
            Section::DebtMacros => def.debt_macros_query,
            Section::Complexity => def.complexity_query,
            Section::Imports => def.imports_query,
        }
    }
}

/// A set of query files to run together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sections(u8);

impl Sections {
    /// Markers: comments, the symbols that enclose them and debt macros.
    pub const MARKERS: Sections = Sections(0b00111);
    /// Symbols and complexity: the functions of a file with their names.
    pub const FUNCTIONS: Sections = Sections(0b01010);
    /// Imports, for the dependency graph.
    pub const IMPORTS: Sections = Sections(0b10000);
    /// Nothing.
    pub const NONE: Sections = Sections(0);
    /// Every query file.
    pub const ALL: Sections = Sections(0b11111);

    /// Both sets.
    pub const fn with(self, other: Sections) -> Sections {
        Sections(self.0 | other.0)
    }

    /// Whether the set holds `section`.
    pub fn contains(self, section: Section) -> bool {
        self.0 & section.bit() != 0
    }
}

/// Several query files compiled into one [`Query`], so that a file's tree is traversed once;
/// [`CombinedQuery::section`] tells which file a matched pattern came from.
pub struct CombinedQuery {
    /// The query.
    pub query: Query,
    /// `(first pattern index, section)` of each file present, in order.
    starts: Vec<(usize, Section)>,
}

impl CombinedQuery {
    /// The query file a pattern index belongs to.
    pub fn section(&self, pattern_index: usize) -> Section {
        self.starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= pattern_index)
            .map_or(Section::Comments, |(_, s)| *s)
    }
}

/// A language with its grammar loaded; its query combinations are compiled on first use and
/// shared by all threads.
pub struct Compiled {
    /// The table row this was built from.
    pub def: &'static LanguageDef,
    /// The grammar.
    pub language: Language,
    combined: [OnceLock<Result<CombinedQuery, QueryError>>; 32],
}

/// A query in the table that does not compile against its grammar: a bug in debtscan itself.
#[derive(Debug, Clone)]
pub struct QueryError {
    /// Language name.
    pub language: &'static str,
    /// Query file name.
    pub file: &'static str,
    /// What tree-sitter said.
    pub message: String,
}

impl Compiled {
    fn build(def: &'static LanguageDef) -> Compiled {
        Compiled {
            def,
            language: (def.grammar)(),
            combined: std::array::from_fn(|_| OnceLock::new()),
        }
    }

    /// The query files of `sections`, compiled together.
    pub fn query(&self, sections: Sections) -> Result<&CombinedQuery, &QueryError> {
        self.combined[sections.0 as usize & 31]
            .get_or_init(|| self.combine(sections))
            .as_ref()
    }

    fn combine(&self, sections: Sections) -> Result<CombinedQuery, QueryError> {
        let files: Vec<Section> = Section::ALL
            .into_iter()
            .filter(|s| sections.contains(*s))
            .collect();
        let error = |file, e: &dyn std::fmt::Display| QueryError {
            language: self.def.name(),
            file,
            message: e.to_string(),
        };
        let combined: String = files
            .iter()
            .map(|s| format!("{}\n", s.source(self.def)))
            .collect();
        let query = Query::new(&self.language, &combined).map_err(|e| {
            // Compiling a query is costly (a tenth of a nightly run's parse, compiled once per
            // combination): the files are compiled one by one only to name the one at fault.
            let culprit = files.iter().find_map(|s| {
                Query::new(&self.language, s.source(self.def))
                    .err()
                    .map(|e| (s.file(), e))
            });
            match culprit {
                Some((file, e)) => error(file, &e),
                None => error("(combined)", &e),
            }
        })?;
        // Pattern counts before each file, to tell which file a matched pattern came from.
        let mut starts = Vec::new();
        let mut offset = 0;
        for s in files {
            let first = (0..query.pattern_count())
                .filter(|&p| query.start_byte_for_pattern(p) < offset)
                .count();
            starts.push((first, s));
            offset += s.source(self.def).len() + 1;
        }
        Ok(CombinedQuery { query, starts })
    }
}

/// The language a file belongs to by its name: its whole file name, then its extension.
pub fn for_path(path: &std::path::Path) -> Option<&'static LanguageDef> {
    let name = path.file_name()?.to_str()?;
    if let Some(def) = LANGUAGES.iter().find(|l| l.file_names.contains(&name)) {
        return Some(def);
    }
    let ext = path.extension()?.to_str()?;
    LANGUAGES
        .iter()
        .find(|l| l.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
}

/// The rows that take the extensions they [`LanguageDef::claims`] in one tree: those with more
/// files of their own extensions there than the row the claimed extension belongs to has of
/// its others. C and C++ share `.h`: a C++ project's headers are `.h` as often as `.hpp`, and a
/// C header parses with the C++ grammar as well as with C's, whereas C++ in a header read as C
/// is a syntax error; but a C project with a C++ fuzzing harness (jq's two `.cpp` files beside
/// 24 `.c` ones) keeps C headers.
#[derive(Debug, Clone, Default)]
pub struct Claims(Vec<&'static LanguageDef>);

impl Claims {
    /// The claims that hold in a tree of `files` (`(path, language)`).
    pub fn of<'a>(files: impl IntoIterator<Item = (&'a str, &'static LanguageDef)>) -> Claims {
        // Files per language by extensions no row claims (`.c` for C, not `.h`).
        let mut own: Vec<(LangId, usize)> = Vec::new();
        for (path, def) in files {
            let Some(ext) = extension(path) else {
                continue;
            };
            let claimed = LANGUAGES.iter().any(|l| l.claims.contains(&ext.as_str()));
            if claimed || !def.extensions.contains(&ext.as_str()) {
                continue;
            }
            match own.iter_mut().find(|(id, _)| *id == def.id) {
                Some((_, n)) => *n += 1,
                None => own.push((def.id, 1)),
            }
        }
        let count = |id: LangId| own.iter().find(|(l, _)| *l == id).map_or(0, |(_, n)| *n);
        let rows = LANGUAGES
            .iter()
            .filter(|claimer| {
                let owners = (claimer.claims.iter())
                    .filter_map(|ext| for_path(std::path::Path::new(&format!("x.{ext}"))));
                let rival = owners.map(|o| count(o.id)).max().unwrap_or(0);
                !claimer.claims.is_empty() && count(claimer.id) > rival
            })
            .collect();
        Claims(rows)
    }

    /// The language of the file at `path`, whose name says `def`.
    pub fn language(&self, path: &str, def: &'static LanguageDef) -> &'static LanguageDef {
        let Some(ext) = extension(path) else {
            return def;
        };
        (self.0.iter())
            .find(|r| r.claims.contains(&ext.as_str()))
            .copied()
            .unwrap_or(def)
    }
}

/// A path's extension, lower-cased.
fn extension(path: &str) -> Option<String> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())
}

/// The language of an extensionless script by its first line, a `#!` naming an interpreter
/// (`#!/usr/bin/lua`, `#!/usr/bin/env lua5.4`, `#!/usr/bin/env -S luajit -O3`); the
/// interpreter's version suffix (`5.4`, `3`) is ignored.
pub fn for_shebang(first_line: &str) -> Option<&'static LanguageDef> {
    let command = first_line.strip_prefix("#!")?.trim();
    let mut words = command.split_whitespace();
    let mut program = words.next()?.rsplit('/').next()?;
    if program == "env" {
        program = words.find(|w| !w.starts_with('-'))?;
    }
    let base = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    LANGUAGES
        .iter()
        .find(|l| l.interpreters.contains(&program) || l.interpreters.contains(&base))
}

/// The row of a language, if this build supports it.
pub fn get(id: LangId) -> Option<&'static LanguageDef> {
    LANGUAGES.iter().find(|l| l.id == id)
}

/// The compiled form of a table row. Queries are compiled on first use and shared by all threads.
pub fn compiled(def: &'static LanguageDef) -> &'static Compiled {
    static CACHE: OnceLock<Vec<Compiled>> = OnceLock::new();
    let all = CACHE.get_or_init(|| LANGUAGES.iter().map(Compiled::build).collect());
    let index = LANGUAGES
        .iter()
        .position(|l| std::ptr::eq(l, def))
        .expect("language definitions come from LANGUAGES");
    &all[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_compiles_against_its_grammar() {
        for def in LANGUAGES {
            for set in 1..32 {
                if let Err(e) = compiled(def).query(Sections(set)) {
                    panic!("{}/{}: {}", e.language, e.file, e.message);
                }
            }
        }
    }

    #[test]
    fn debt_macro_names_cover_the_query() {
        for def in LANGUAGES {
            let predicates = def.debt_macros_query.split("#any-of?").skip(1);
            for predicate in predicates.map(|p| p.split(')').next().unwrap_or("")) {
                for quoted in predicate.split('"').skip(1).step_by(2) {
                    assert!(
                        def.debt_macro_names.contains(&quoted),
                        "{}: debt_macros.scm names {quoted:?}, missing from debt_macro_names",
                        def.name()
                    );
                }
            }
        }
    }

    #[test]
    fn extension_lookup() {
        let name = |p: &str| for_path(p.as_ref()).map(|l| l.name());
        assert_eq!(name("a/b.rs"), Some("rust"));
        assert_eq!(name("a/B.RS"), Some("rust"));
        assert_eq!(name("a/b.txt"), None);
        assert_eq!(name("Makefile"), None);
        assert_eq!(name("rs"), None);
    }

    #[cfg(feature = "lang-lua")]
    #[test]
    fn shebang_lookup() {
        let name = |line: &str| for_shebang(line).map(|l| l.name());
        for line in [
            "#!/usr/bin/lua",
            "#!/usr/bin/env lua",
            "#!/usr/bin/env lua5.4",
            "#! /usr/local/bin/luajit -O3",
            "#!/usr/bin/env -S luajit -O3",
        ] {
            assert_eq!(name(line), Some("lua"), "{line}");
        }
        for line in ["#!/bin/sh", "#!/usr/bin/env perl", "-- lua", "#!", ""] {
            assert_eq!(name(line), None, "{line}");
        }
    }

    #[cfg(feature = "lang-python")]
    #[test]
    fn python_shebangs() {
        let name = |line: &str| for_shebang(line).map(|l| l.name());
        for line in [
            "#!/usr/bin/env python3",
            "#!/usr/bin/python",
            "#!/usr/bin/env python3.12",
            "#!/usr/bin/env -S python3 -u",
        ] {
            assert_eq!(name(line), Some("python"), "{line}");
        }
    }

    #[test]
    fn every_row_parses_with_its_own_grammar() {
        let mut seen = std::collections::HashSet::new();
        for def in LANGUAGES {
            assert!(seen.insert(def.id), "{} has two rows", def.name());
            let language = (def.grammar)();
            let version = language.abi_version();
            assert!(
                (tree_sitter::MIN_COMPATIBLE_LANGUAGE_VERSION..=tree_sitter::LANGUAGE_VERSION)
                    .contains(&version),
                "{}: grammar ABI {version} is not supported",
                def.name()
            );
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&language).unwrap();
            let tree = parser.parse("", None).unwrap();
            assert_eq!(tree.root_node().kind(), def.root_kind, "{}", def.name());
            // A kind only this grammar has: another grammar linked under the same C symbol
            // would not know it.
            for kind in def.distinctive_kinds {
                assert_ne!(
                    language.id_for_node_kind(kind, true),
                    0,
                    "{}: the grammar has no node kind {kind}: is another grammar linked in its place?",
                    def.name()
                );
            }
        }
    }

    #[test]
    fn no_two_rows_claim_a_file() {
        let mut claimed = std::collections::HashMap::new();
        for def in LANGUAGES {
            let names = def.extensions.iter().map(|e| e.to_lowercase());
            let names = names.chain(def.file_names.iter().map(|n| format!("/{n}")));
            let names = names.chain(def.interpreters.iter().map(|i| format!("#!{i}")));
            for name in names {
                if let Some(other) = claimed.insert(name.clone(), def.name()) {
                    panic!("{name} is claimed by {other} and {}", def.name());
                }
            }
        }
    }

    #[cfg(all(feature = "lang-c", feature = "lang-cpp"))]
    #[test]
    fn a_header_is_cpp_in_a_tree_with_cpp_sources() {
        let row = |p: &str| for_path(p.as_ref()).unwrap();
        let settle = |paths: &[&str]| -> Vec<&str> {
            let files: Vec<(&str, &'static LanguageDef)> =
                paths.iter().map(|p| (*p, row(p))).collect();
            let claims = Claims::of(files.iter().copied());
            (files.iter())
                .map(|(p, def)| claims.language(p, def).name())
                .collect()
        };
        assert_eq!(row("a/x.h").name(), "c");
        assert_eq!(settle(&["a.c", "a.h"]), ["c", "c"]);
        assert_eq!(settle(&["a.c", "a.h", "b/b.cc"]), ["c", "c", "cpp"]);
        assert_eq!(
            settle(&["a.c", "a.h", "b/b.cc", "b/c.cpp"]),
            ["c", "cpp", "cpp", "cpp"]
        );
        assert_eq!(settle(&["A.H", "x.HPP"]), ["cpp", "cpp"]);
        // A claim needs a file of the claimer's own: a `.h` is not one.
        assert_eq!(settle(&["a.h", "b.h"]), ["c", "c"]);
        assert_eq!(settle(&["a.h", "lib.rs"]), ["c", "rust"]);
    }
}
