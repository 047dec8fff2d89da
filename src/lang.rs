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
    debt_macro_names: &["todo", "unimplemented"],
    comment_syntax: CommentSyntax {
        line: &["///", "//!", "//"],
        block: &[("/**", "*/"), ("/*!", "*/"), ("/*", "*/")],
        block_star_prefix: true,
    },
    attachable_kinds: &["attribute_item", "line_comment", "block_comment"],
}];

/// Which part of the combined query a pattern comes from.
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
}

/// A language with its grammar loaded and its queries compiled (once per process).
///
/// The query files are compiled into one [`Query`] so that a file's tree is traversed once;
/// [`Compiled::section`] tells which file a matched pattern came from. Two combinations exist:
/// [`Compiled::markers`] for markers alone and [`Compiled::full`], which adds complexity.
pub struct Compiled {
    /// The table row this was built from.
    pub def: &'static LanguageDef,
    /// The grammar.
    pub language: Language,
    /// `comments.scm`, `symbols.scm` and `debt_macros.scm`, concatenated.
    pub markers: Query,
    /// The same followed by `complexity.scm` (same pattern indices for the shared part).
    pub full: Query,
    /// Pattern index where each section starts, in [`Section`] order.
    starts: [usize; 4],
}

/// A query in the table that does not compile against its grammar: a bug in debtscan itself.
#[derive(Debug)]
pub struct QueryError {
    /// Language name.
    pub language: &'static str,
    /// Query file name.
    pub file: &'static str,
    /// What tree-sitter said.
    pub message: String,
}

impl Compiled {
    fn build(def: &'static LanguageDef) -> Result<Compiled, QueryError> {
        let language = (def.grammar)();
        let files = [
            ("comments.scm", def.comments_query),
            ("symbols.scm", def.symbols_query),
            ("debt_macros.scm", def.debt_macros_query),
            ("complexity.scm", def.complexity_query),
        ];
        let compile = |files: &[(&'static str, &str)]| {
            let combined: String = files.iter().map(|(_, s)| format!("{s}\n")).collect();
            Query::new(&language, &combined).map_err(|e| {
                // Compile the files one by one to name the one at fault.
                files
                    .iter()
                    .find_map(|(file, source)| {
                        Query::new(&language, source).err().map(|e| QueryError {
                            language: def.name,
                            file,
                            message: e.to_string(),
                        })
                    })
                    .unwrap_or(QueryError {
                        language: def.name,
                        file: "(combined)",
                        message: e.to_string(),
                    })
            })
        };
        let markers = compile(&files[..3])?;
        let full = compile(&files)?;
        // Pattern counts before each file, to tell which file a matched pattern came from.
        let mut starts = [0; 4];
        let mut offset = 0;
        for (k, (_, source)) in files.iter().enumerate() {
            starts[k] = (0..full.pattern_count())
                .filter(|&p| full.start_byte_for_pattern(p) < offset)
                .count();
            offset += source.len() + 1;
        }
        Ok(Compiled {
            def,
            language,
            markers,
            full,
            starts,
        })
    }

    /// The query file a pattern index (of either query) belongs to.
    pub fn section(&self, pattern_index: usize) -> Section {
        if pattern_index < self.starts[1] {
            Section::Comments
        } else if pattern_index < self.starts[2] {
            Section::Symbols
        } else if pattern_index < self.starts[3] {
            Section::DebtMacros
        } else {
            Section::Complexity
        }
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
pub fn compiled(def: &'static LanguageDef) -> Result<&'static Compiled, &'static QueryError> {
    static CACHE: OnceLock<Vec<Result<Compiled, QueryError>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| LANGUAGES.iter().map(Compiled::build).collect());
    let index = LANGUAGES
        .iter()
        .position(|l| std::ptr::eq(l, def))
        .expect("language definitions come from LANGUAGES");
    all[index].as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_query_compiles_against_its_grammar() {
        for def in LANGUAGES {
            if let Err(e) = compiled(def) {
                panic!("{}/{}: {}", e.language, e.file, e.message);
            }
        }
    }

    #[test]
    fn queries_use_the_documented_capture_names() {
        for def in LANGUAGES {
            let c = compiled(def).unwrap_or_else(|e| panic!("{}", e.message));
            let names = |section: Section| -> Vec<&str> {
                (0..c.full.pattern_count())
                    .filter(|&p| c.section(p) == section)
                    .flat_map(|p| {
                        let text = pattern_text(c, p);
                        c.full
                            .capture_names()
                            .iter()
                            .copied()
                            .filter(move |n| text.contains(&format!("@{n}")))
                    })
                    .collect()
            };
            assert!(
                names(Section::Comments).contains(&"comment"),
                "{}",
                def.name
            );
            for n in ["scope", "name"] {
                assert!(names(Section::Symbols).contains(&n), "{}: @{n}", def.name);
            }
            for n in crate::parse::complexity::ROLES {
                assert!(
                    names(Section::Complexity).contains(n),
                    "{}: complexity.scm lacks @{n}",
                    def.name
                );
            }
            if !def.debt_macros_query.trim().is_empty() {
                for n in ["macro", "name", "args"] {
                    assert!(
                        names(Section::DebtMacros).contains(&n),
                        "{}: @{n}",
                        def.name
                    );
                }
            }
        }
    }

    fn pattern_text(c: &Compiled, p: usize) -> String {
        let source: String = [
            c.def.comments_query,
            c.def.symbols_query,
            c.def.debt_macros_query,
            c.def.complexity_query,
        ]
        .iter()
        .map(|s| format!("{s}\n"))
        .collect();
        let start = c.full.start_byte_for_pattern(p);
        let end = c.full.end_byte_for_pattern(p);
        source[start..end].to_string()
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
