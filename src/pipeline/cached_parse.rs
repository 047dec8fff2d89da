//! Parse facts kept in the cache (table `parse`), so a file parsed before is not parsed again.
//!
//! An entry is filed under everything [`parse::parse_file`] reads: the file's text as loaded,
//! its path (facts name it), its language, what is wanted (markers, metrics and their rules,
//! imports), the marker tags, and the language's code fingerprint ([`code_fingerprint`]: its
//! queries, its grammar, and the sources debtscan was built from). The `lossy` flag of a load
//! is not part of it: it is read from the load on every run and the facts depend only on the
//! decoded text.

use serde::{Deserialize, Serialize};

use crate::cache::{Cache, Key, Table};
use crate::lang::{LangId, LanguageDef, LANGUAGES};
use crate::model::{Dispatch, FoundMarker, FunctionMetrics, Kind, MarkerInfo, Role};
use crate::parse::{self, FileFacts, FileImports, FileMetrics, RoleSpan, TagSet};
use crate::walk::SourceFile;

/// The table's name.
const TABLE: &str = "parse";

/// The layout of [`Stored`]; bump it when [`Stored`] changes.
const VERSION: u32 = 6;

/// The parse facts of a run's files: those of earlier runs, and the ones parsed now.
pub(super) struct ParseCache {
    table: Table<Stored>,
    /// The key of everything but the file, per language.
    languages: Vec<(LangId, Key)>,
}

/// A file parsed in this run, to be filed when the parallel parse is over.
pub(super) struct Fresh(Key, Stored);

impl ParseCache {
    /// Loads the table.
    pub(super) fn open(cache: &Cache, wanted: parse::Wanted, tags: &TagSet) -> ParseCache {
        // `Debug` names every field of `Wanted` and its `Rules`, so one added there is keyed too.
        let wanted = format!("{wanted:?}");
        let mut setup: Vec<&[u8]> = vec![b"parse facts", wanted.as_bytes()];
        let count = tags.tags().len().to_le_bytes();
        setup.push(&count);
        setup.extend(tags.tags().iter().map(|t| t.as_bytes()));
        let setup = Key::of(&setup).0.to_le_bytes();
        let languages = LANGUAGES
            .iter()
            .map(|def| (def.id, Key::of(&[&setup, &code_fingerprint(def)])))
            .collect();
        ParseCache {
            table: cache.table(TABLE, VERSION),
            languages,
        }
    }

    /// The key of `file` whose text, as loaded, is `text`.
    pub(super) fn key(&self, file: &SourceFile, text: &str) -> Option<Key> {
        let (_, language) = self
            .languages
            .iter()
            .find(|(id, _)| *id == file.language.id)?;
        Some(Key::of(&[
            &language.0.to_le_bytes(),
            file.rel.as_bytes(),
            text.as_bytes(),
        ]))
    }

    /// The key of a piece of a file ([`parse::chunks`]) in `language` whose text is `text`:
    /// without the file's path, since a piece's facts do not depend on it.
    pub(super) fn piece_key(&self, language: &LanguageDef, text: &str) -> Option<Key> {
        let (_, key) = self.languages.iter().find(|(id, _)| *id == language.id)?;
        Some(Key::of(&[b"piece", &key.0.to_le_bytes(), text.as_bytes()]))
    }

    /// The facts filed under `key` for `file`, if any.
    pub(super) fn get(&self, key: &Key, file: &SourceFile) -> Option<FileFacts> {
        let stored = self.table.get(key)?;
        Some(stored.facts(&file.rel, file.language.id))
    }

    /// What to file under `key` for the freshly parsed `facts`.
    pub(super) fn fresh(key: Key, facts: &FileFacts) -> Option<Fresh> {
        Stored::of(facts).map(|stored| Fresh(key, stored))
    }

    /// Files the entries parsed in this run and saves them (failures are the cache's warnings).
    pub(super) fn save(mut self, fresh: impl IntoIterator<Item = Fresh>) {
        for Fresh(key, stored) in fresh {
            self.table.insert(key, stored);
        }
        self.table.save();
    }
}

/// What decides what parsing a language finds, besides the input: debtscan's version and the
/// sources it was built from (`build.rs`: a rebuild of the same sources, such as a nightly
/// `cargo install`, keeps entries; changed code files them apart), the language's queries and
/// symbol separator, and its grammar (ABI, node kinds by name, parse states, fields: a new
/// grammar release usually changes one of them). Parse facts and the X-Ray's outlines are both
/// filed under it.
pub(super) fn code_fingerprint(def: &LanguageDef) -> [u8; 16] {
    let grammar = (def.grammar)();
    let kinds: Vec<&str> = (0..grammar.node_kind_count())
        .map(|id| {
            u16::try_from(id)
                .ok()
                .and_then(|id| grammar.node_kind_for_id(id))
                .unwrap_or("")
        })
        .collect();
    let shape = [
        grammar.abi_version(),
        grammar.parse_state_count(),
        grammar.field_count(),
    ]
    .map(|n| n as u64);
    let shape: Vec<u8> = shape.iter().flat_map(|n| n.to_le_bytes()).collect();
    Key::of(&[
        env!("CARGO_PKG_VERSION").as_bytes(),
        crate::cache::BUILD.as_bytes(),
        def.name().as_bytes(),
        def.symbol_separator.as_bytes(),
        def.comments_query.as_bytes(),
        def.symbols_query.as_bytes(),
        def.debt_macros_query.as_bytes(),
        def.complexity_query.as_bytes(),
        def.imports_query.as_bytes(),
        &shape,
        kinds.join("\n").as_bytes(),
    ])
    .0
    .to_le_bytes()
}

/// [`FileFacts`] as filed: plain fields only. The report types inside the facts
/// ([`MarkerInfo`], [`FunctionMetrics`]) skip empty fields when serialised, which suits JSON
/// but not postcard, whose readers expect every field; so they are filed field by field. The
/// path and the language are in the key and not stored again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stored {
    lines: u32,
    markers: Vec<StoredMarker>,
    syntax_errors: bool,
    metrics: Option<(u32, Vec<StoredFunction>)>,
    imports: Option<FileImports>,
    symbols: Option<Vec<String>>,
    role_spans: Vec<(u32, u32, Role, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredMarker {
    kind: Kind,
    tag: String,
    text: String,
    owner: Option<String>,
    issue: Option<String>,
    due: Option<String>,
    priority: u8,
    start_line: u32,
    end_line: u32,
    symbol: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredFunction {
    symbol: String,
    start_line: u32,
    end_line: u32,
    cyclomatic: u32,
    cognitive: u32,
    lines: u32,
    nesting: u32,
    params: u32,
    dispatch: Option<Dispatch>,
}

// The conversions destructure every struct, so a field added to the facts fails to compile
// here until it is filed too (and `VERSION` bumped).
impl Stored {
    /// `None` for facts holding what parsing never sets (history's introductions): filing
    /// them would drop it.
    fn of(facts: &FileFacts) -> Option<Stored> {
        let FileFacts {
            path: _,
            language: _,
            lines,
            markers,
            syntax_errors,
            metrics,
            imports,
            symbols,
            role_spans,
        } = facts;
        let markers = markers
            .iter()
            .map(StoredMarker::of)
            .collect::<Option<_>>()?;
        let metrics = metrics.as_ref().map(|m| {
            let FileMetrics {
                code_lines,
                functions,
            } = m;
            (
                *code_lines,
                functions.iter().map(StoredFunction::of).collect(),
            )
        });
        let role_spans = role_spans
            .iter()
            .map(|s| {
                let RoleSpan {
                    start_line,
                    end_line,
                    role,
                    code_lines,
                } = *s;
                (start_line, end_line, role, code_lines)
            })
            .collect();
        Some(Stored {
            lines: *lines,
            markers,
            syntax_errors: *syntax_errors,
            metrics,
            imports: imports.clone(),
            symbols: symbols.clone(),
            role_spans,
        })
    }

    fn facts(&self, path: &str, language: LangId) -> FileFacts {
        FileFacts {
            path: path.to_string(),
            language,
            lines: self.lines,
            markers: self.markers.iter().map(StoredMarker::marker).collect(),
            syntax_errors: self.syntax_errors,
            metrics: self
                .metrics
                .as_ref()
                .map(|(code_lines, functions)| FileMetrics {
                    code_lines: *code_lines,
                    functions: functions.iter().map(StoredFunction::metrics).collect(),
                }),
            imports: self.imports.clone(),
            symbols: self.symbols.clone(),
            role_spans: self
                .role_spans
                .iter()
                .map(|&(start_line, end_line, role, code_lines)| RoleSpan {
                    start_line,
                    end_line,
                    role,
                    code_lines,
                })
                .collect(),
        }
    }
}

impl StoredMarker {
    fn of(found: &FoundMarker) -> Option<StoredMarker> {
        let FoundMarker {
            kind,
            marker,
            start_line,
            end_line,
            symbol,
        } = found;
        let MarkerInfo {
            tag,
            text,
            owner,
            issue,
            due,
            priority,
            introduced,
            predates_history,
        } = marker;
        if introduced.is_some() || predates_history.is_some() {
            return None;
        }
        Some(StoredMarker {
            kind: *kind,
            tag: tag.clone(),
            text: text.clone(),
            owner: owner.clone(),
            issue: issue.clone(),
            due: due.clone(),
            priority: *priority,
            start_line: *start_line,
            end_line: *end_line,
            symbol: symbol.clone(),
        })
    }

    fn marker(&self) -> FoundMarker {
        FoundMarker {
            kind: self.kind,
            marker: MarkerInfo {
                tag: self.tag.clone(),
                text: self.text.clone(),
                owner: self.owner.clone(),
                issue: self.issue.clone(),
                due: self.due.clone(),
                priority: self.priority,
                introduced: None,
                predates_history: None,
            },
            start_line: self.start_line,
            end_line: self.end_line,
            symbol: self.symbol.clone(),
        }
    }
}

impl StoredFunction {
    fn of(f: &FunctionMetrics) -> StoredFunction {
        let FunctionMetrics {
            symbol,
            start_line,
            end_line,
            cyclomatic,
            cognitive,
            lines,
            nesting,
            params,
            dispatch,
        } = f;
        StoredFunction {
            symbol: symbol.clone(),
            start_line: *start_line,
            end_line: *end_line,
            cyclomatic: *cyclomatic,
            cognitive: *cognitive,
            lines: *lines,
            nesting: *nesting,
            params: *params,
            dispatch: *dispatch,
        }
    }

    fn metrics(&self) -> FunctionMetrics {
        FunctionMetrics {
            symbol: self.symbol.clone(),
            start_line: self.start_line,
            end_line: self.end_line,
            cyclomatic: self.cyclomatic,
            cognitive: self.cognitive,
            lines: self.lines,
            nesting: self.nesting,
            params: self.params,
            dispatch: self.dispatch,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::imports::{ImportSource, ModuleDecl, Reference};

    /// Facts with every optional part present, as no single parse may produce them.
    fn full() -> FileFacts {
        FileFacts {
            path: "src/a.rs".into(),
            language: LangId::Rust,
            lines: 40,
            markers: vec![FoundMarker {
                kind: Kind::Todo,
                marker: MarkerInfo {
                    tag: "TODO".into(),
                    text: "split".into(),
                    owner: Some("ana".into()),
                    issue: Some("#1".into()),
                    due: Some("2030-01-01".into()),
                    priority: 2,
                    introduced: None,
                    predates_history: None,
                },
                start_line: 3,
                end_line: 4,
                symbol: Some("a::b".into()),
            }],
            syntax_errors: true,
            metrics: Some(FileMetrics {
                code_lines: 30,
                functions: vec![FunctionMetrics {
                    symbol: "a::b".into(),
                    start_line: 1,
                    end_line: 30,
                    cyclomatic: 14,
                    cognitive: 20,
                    lines: 30,
                    nesting: 3,
                    params: 2,
                    dispatch: Some(Dispatch {
                        arms: 12,
                        max_arm_cognitive: 3,
                        arms_cognitive: 18,
                    }),
                }],
            }),
            imports: Some(FileImports {
                modules: vec![ModuleDecl {
                    name: "m".into(),
                    inline: true,
                    path_attr: Some("x.rs".into()),
                    line: 2,
                    parent: Some(0),
                    test: true,
                }],
                references: vec![Reference {
                    path: "crate::m".into(),
                    kind: crate::model::RefKind::Reexport,
                    glob: true,
                    binds: Some("m".into()),
                    line: 5,
                    module: Some(0),
                    test: true,
                }],
                sources: vec![ImportSource {
                    text: "x.rs".into(),
                    line: 6,
                    reexport: false,
                }],
                names: vec!["Thing".into()],
                defines: vec!["Other".into()],
                package: Some("p".into()),
                hidden: vec!["Secret".into()],
            }),
            symbols: Some(vec!["a".into(), "a::b".into()]),
            role_spans: vec![RoleSpan {
                start_line: 10,
                end_line: 20,
                role: Role::Test,
                code_lines: 8,
            }],
        }
    }

    #[test]
    fn facts_survive_postcard_whole_and_empty() {
        let empty = FileFacts {
            markers: Vec::new(),
            metrics: None,
            imports: None,
            symbols: None,
            role_spans: Vec::new(),
            syntax_errors: false,
            ..full()
        };
        // Two in a row, as in a segment: a value read short would misread the next.
        for facts in [full(), empty] {
            let stored = Stored::of(&facts).unwrap();
            let pair = (stored.clone(), stored);
            let bytes = postcard::to_allocvec(&pair).unwrap();
            let (a, b): (Stored, Stored) = postcard::from_bytes(&bytes).unwrap();
            assert_eq!(a.facts(&facts.path, facts.language), facts);
            assert_eq!(b.facts(&facts.path, facts.language), facts);
        }
    }

    #[test]
    fn the_stored_layout_is_the_one_its_version_names() {
        // Segments of another layout fail to decode and are dropped as damaged, with a
        // warning: a change to what `Stored` holds (here, `FileImports` gaining a field)
        // must bump VERSION, so that an upgraded debtscan starts a table of its own. When
        // this fails, bump VERSION and pin the new bytes.
        let bytes = postcard::to_allocvec(&Stored::of(&full()).unwrap()).unwrap();
        let digest = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
        });
        assert_eq!(
            (VERSION, bytes.len(), digest),
            (6, 145, 12_637_531_494_029_042_336)
        );
    }

    #[test]
    fn facts_with_history_are_not_filed() {
        let mut facts = full();
        facts.markers[0].marker.predates_history = Some(Default::default());
        assert!(Stored::of(&facts).is_none());
    }
}
