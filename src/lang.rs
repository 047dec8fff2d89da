//! The language table: which files are source code, which tree-sitter grammar parses them and
//! which queries (`queries/<lang>/*.scm`) find their comments, symbols and debt macros.
//!
//! Adding a language means adding a grammar crate, its query files and one row to [`LANGUAGES`];
//! no code path in `parse` is specific to a language.

use std::sync::OnceLock;

use tree_sitter::{Language, Query};

/// Comment syntax of a language, used to strip delimiters from comment text.
#[derive(Debug)]
pub struct CommentSyntax {
    /// Line comment prefixes, longest first (`///` before `//`).
    pub line: &'static [&'static str],
    /// Block comment delimiters, longest opener first (`/**` before `/*`).
    pub block: &'static [(&'static str, &'static str)],
    /// Whether a leading `*` on the inner lines of a block comment is decoration.
    pub block_star_prefix: bool,
}

/// One row of the language table.
#[derive(Debug)]
pub struct LanguageDef {
    /// Short lowercase name, also the folder under `queries/`.
    pub name: &'static str,
    /// File extensions (without the dot) that belong to this language.
    pub extensions: &'static [&'static str],
    /// The tree-sitter grammar.
    pub grammar: fn() -> Language,
    /// `comments.scm`: captures `@comment` on every comment node.
    pub comments_query: &'static str,
    /// `symbols.scm`: captures `@scope` with `@name` (and optionally `@trait`).
    pub symbols_query: &'static str,
    /// `debt_macros.scm`: captures `@macro`, `@name`, `@args` (empty if the language has none).
    pub debt_macros_query: &'static str,
    /// `complexity.scm`: the node kinds each complexity rule counts, named by role captures
    /// (`@function`, `@cyclomatic`, `@nested`, …; see the file's header).
    pub complexity_query: &'static str,
    /// `imports.scm`: module declarations (`@module`, `@module.name`, `@module.body`,
    /// `@module.path`), imports (`@import`, `@import.tree`, `@import.public`) and qualified
    /// paths in code (`@reference`), for the dependency graph.
    pub imports_query: &'static str,
    /// Every macro name `debt_macros.scm` can match: a file containing none of them (and no
    /// marker tag) needs no parsing when only markers are wanted.
    pub debt_macro_names: &'static [&'static str],
    /// How comments are delimited.
    pub comment_syntax: CommentSyntax,
    /// Node kinds that may stand between a leading comment and the item it documents
    /// (attributes, decorators), so the comment is attributed to that item.
    pub attachable_kinds: &'static [&'static str],
}

fn rust_grammar() -> Language {
    tree_sitter_rust::LANGUAGE.into()
}

/// The language table.
pub static LANGUAGES: &[LanguageDef] = &[LanguageDef {
    name: "rust",
    extensions: &["rs"],
    grammar: rust_grammar,
    comments_query: include_str!("../queries/rust/comments.scm"),
    symbols_query: include_str!("../queries/rust/symbols.scm"),
    debt_macros_query: include_str!("../queries/rust/debt_macros.scm"),
    complexity_query: include_str!("../queries/rust/complexity.scm"),
    imports_query: include_str!("../queries/rust/imports.scm"),
    debt_macro_names: &["todo", "unimplemented"],
    comment_syntax: CommentSyntax {
        line: &["///", "//!", "//"],
        block: &[("/**", "*/"), ("/*!", "*/"), ("/*", "*/")],
        block_star_prefix: true,
    },
    attachable_kinds: &["attribute_item", "line_comment", "block_comment"],
}];

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

    fn file(self) -> &'static str {
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
            language: self.def.name,
            file,
            message: e.to_string(),
        };
        // Compile the files one by one first, to name the one at fault.
        for s in &files {
            Query::new(&self.language, s.source(self.def)).map_err(|e| error(s.file(), &e))?;
        }
        let combined: String = files
            .iter()
            .map(|s| format!("{}\n", s.source(self.def)))
            .collect();
        let query = Query::new(&self.language, &combined).map_err(|e| error("(combined)", &e))?;
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

/// The language a file belongs to, by its extension.
pub fn for_path(path: &std::path::Path) -> Option<&'static LanguageDef> {
    let ext = path.extension()?.to_str()?;
    LANGUAGES
        .iter()
        .find(|l| l.extensions.iter().any(|e| e.eq_ignore_ascii_case(ext)))
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
                        def.name
                    );
                }
            }
        }
    }

    #[test]
    fn extension_lookup() {
        assert_eq!(for_path("a/b.rs".as_ref()).map(|l| l.name), Some("rust"));
        assert_eq!(for_path("a/B.RS".as_ref()).map(|l| l.name), Some("rust"));
        assert!(for_path("a/b.txt".as_ref()).is_none());
        assert!(for_path("Makefile".as_ref()).is_none());
    }
}
