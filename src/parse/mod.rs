//! Per-file facts from the syntax tree: comment markers, debt macros, the symbols that
//! enclose them and per-function complexity. Everything language-specific comes from the
//! language table and its queries.

pub mod chunks;
pub mod complexity;
pub mod imports;
pub mod markers;
mod raw;
pub mod versions;

use std::cell::RefCell;

use tree_sitter::{Node, Parser, QueryCursor, StreamingIterator, Tree};

use crate::error::Error;
use crate::lang::{
    self, CombinedQuery, CommentSyntax, Compiled, LangId, LanguageDef, Section, Sections,
};
use crate::model::{FoundMarker, Kind, MarkerInfo, Role as CodeRole};
use complexity::Role;
pub use complexity::{FileMetrics, FunctionMetrics, OwnCode, Rules};
pub use imports::FileImports;
use imports::ImportRole;
pub use markers::TagSet;

/// The facts of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileFacts {
    /// Repository-relative path.
    pub path: String,
    /// Its language.
    pub language: LangId,
    /// Number of lines.
    pub lines: u32,
    /// Markers and debt macros, in source order.
    pub markers: Vec<FoundMarker>,
    /// The parser reported syntax errors (markers come from the parts that parsed).
    pub syntax_errors: bool,
    /// Complexity, when it was asked for.
    pub metrics: Option<FileMetrics>,
    /// Module declarations and imports, when they were asked for.
    pub imports: Option<FileImports>,
    /// Every named scope (`Client::retry`, `net`), sorted, when the file was parsed for
    /// markers or metrics; `None` when the parse was skipped or did not read scopes.
    pub symbols: Option<Vec<String>>,
    /// Code whose role the file says itself (`#[cfg(test)] mod tests { … }`, `#[test] fn`,
    /// `#[cfg(docsrs)]`), outer before inner; empty when scopes were not read.
    pub role_spans: Vec<RoleSpan>,
}

impl FileFacts {
    /// The facts of a file of `lines` lines that was not parsed: nothing found.
    pub fn unparsed(path: &str, language: LangId, lines: u32) -> FileFacts {
        FileFacts {
            path: path.to_string(),
            language,
            lines,
            markers: Vec::new(),
            syntax_errors: false,
            metrics: None,
            imports: None,
            symbols: None,
            role_spans: Vec::new(),
        }
    }
}

/// Lines of a file whose role its own code declares (README, "Code roles").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoleSpan {
    /// First line (1-based).
    pub start_line: u32,
    /// Last line.
    pub end_line: u32,
    /// The role.
    pub role: CodeRole,
    /// Its lines of code (neither blank nor only comment), when the file's metrics are
    /// measured; 0 otherwise.
    pub code_lines: u32,
}

/// The capture names of `symbols.scm` that give the item after an attribute a role.
const ROLE_CAPTURES: [(&str, CodeRole); 3] = [
    ("role.test", CodeRole::Test),
    ("role.bench", CodeRole::Bench),
    ("role.docs", CodeRole::Docs),
];

/// What to extract from a file.
#[derive(Debug, Clone, Copy)]
pub struct Wanted<'a> {
    /// Comment markers and debt macros.
    pub markers: bool,
    /// Function complexity, by these rules.
    pub metrics: Option<&'a Rules>,
    /// Module declarations and imports.
    pub imports: bool,
}

impl Wanted<'_> {
    /// Markers alone.
    pub const MARKERS: Wanted<'static> = Wanted {
        markers: true,
        metrics: None,
        imports: false,
    };

    fn sections(&self) -> Sections {
        let mut s = Sections::NONE;
        if self.markers {
            s = s.with(Sections::MARKERS);
        }
        if self.metrics.is_some() {
            s = s.with(Sections::FUNCTIONS);
        }
        if self.imports {
            s = s.with(Sections::IMPORTS);
        }
        s
    }
}

thread_local! {
    static PARSER: RefCell<Parser> = RefCell::new(Parser::new());
}

/// Parses `text` and extracts the facts `wanted` asks for.
pub fn parse_file(
    path: &str,
    text: &str,
    def: &'static LanguageDef,
    tags: &TagSet,
    wanted: Wanted,
) -> Result<FileFacts, Error> {
    Ok(parse_file_outlined(path, text, def, tags, wanted, false)?.0)
}

/// [`parse_file`], and with `outline` (and metrics wanted) the file's X-Ray
/// [`versions::Outline`] from the same parse: the X-Ray starts each file's walk back through
/// history from its latest version, which then costs no parse of its own.
pub fn parse_file_outlined(
    path: &str,
    text: &str,
    def: &'static LanguageDef,
    tags: &TagSet,
    wanted: Wanted,
    outline: bool,
) -> Result<(FileFacts, Option<versions::Outline>), Error> {
    let metrics = wanted.metrics;
    let markers_possible = wanted.markers
        && (tags.may_occur_in(text) || def.debt_macro_names.iter().any(|m| text.contains(m)));
    if metrics.is_none() && !wanted.imports && !markers_possible {
        // Nothing to find: skip the parser, the slowest step by far.
        let facts = FileFacts::unparsed(path, def.id, text.lines().count() as u32);
        return Ok((facts, None));
    }
    let compiled = lang::compiled(def);
    let tree = parse_text(def, text)?;
    let query = query(compiled, wanted.sections())?;
    let mut captured = Captured::collect(
        query,
        &tree,
        text,
        None,
        (def.symbol_separator, def.attachable_kinds),
    );
    captured.drop_false_comments(def.comments_never_inside);
    captured.drop_comments_in_open_strings(text, &def.comment_syntax);
    let outlined = (outline && metrics.is_some())
        .then(|| versions::Outline::of_tree(def, &tree, text, &captured));
    let code = metrics.map(|_| complexity::code_lines(text, &captured.comments));
    let metrics = metrics.map(|rules| {
        let scopes = &captured.scopes;
        complexity::measure(
            std::mem::take(&mut captured.complexity),
            &|at| scopes.path_at(at),
            text,
            code.as_deref().unwrap_or_default(),
            &complexity::Naming::of(def),
            rules,
        )
    });
    let syntax = &def.comment_syntax;
    let mut comments: Vec<Comment> = captured
        .comments
        .iter()
        .map(|&n| Comment::new(n, text, syntax))
        .collect();
    comments.extend(captured.embedded_comments(text, syntax));
    comments.extend(
        captured
            .annotations
            .iter()
            .filter_map(|&n| Comment::annotation(n, text, def.attachable_kinds)),
    );
    comments.sort_by_key(|c| c.start_row);
    let blocks = blocks(&comments);
    let mut found = comment_markers(compiled, &blocks, tags, &captured.scopes);
    found.extend(macro_markers(&captured, text, def.debt_call_suffix));
    found.sort_by_key(|m| (m.start_line, m.kind));
    drop_suppressed(&blocks, text, &mut found);
    let facts = FileFacts {
        path: path.to_string(),
        language: def.id,
        lines: text.lines().count() as u32,
        markers: found,
        syntax_errors: tree.root_node().has_error(),
        metrics,
        imports: match wanted.imports {
            true => Some(file_imports(def, text, &captured)?),
            false => None,
        },
        symbols: (wanted.markers || wanted.metrics.is_some()).then(|| captured.scopes.paths()),
        role_spans: role_spans(&captured.roles, def.attachable_kinds, code.as_deref()),
    };
    Ok((facts, outlined))
}

/// The imports facts of a file, with those inside item-level macro bodies
/// (`cfg_rt! { pub mod runtime; }`), which are parsed again as items, three levels deep.
fn file_imports(
    def: &'static LanguageDef,
    text: &str,
    captured: &Captured,
) -> Result<FileImports, Error> {
    let (mut facts, bodies) = imports::extract(
        &captured.imports,
        (captured.references.clone(), captured.names.clone()),
        text,
        def.attachable_kinds,
    );
    expand_macros(def, text, &mut facts, bodies, 0)?;
    imports::in_source_order(&mut facts);
    Ok(facts)
}

fn expand_macros(
    def: &'static LanguageDef,
    text: &str,
    out: &mut FileImports,
    bodies: Vec<imports::MacroBody>,
    depth: u8,
) -> Result<(), Error> {
    for body in bodies {
        let Some(inner) = text.get(body.range.clone()) else {
            continue;
        };
        if !(inner.contains("mod") || inner.contains("use") || inner.contains("::")) {
            continue;
        }
        let tree = parse_text(def, inner)?;
        let captured = Captured::collect(
            query(lang::compiled(def), Sections::IMPORTS)?,
            &tree,
            inner,
            None,
            (def.symbol_separator, def.attachable_kinds),
        );
        let (mut facts, nested) = imports::extract(
            &captured.imports,
            (captured.references, captured.names),
            inner,
            def.attachable_kinds,
        );
        if depth < 3 {
            expand_macros(def, inner, &mut facts, nested, depth + 1)?;
        }
        imports::merge(out, facts, &body);
    }
    Ok(())
}

/// The combined query of `sections`, or an internal error naming the query file at fault.
pub(crate) fn query(
    c: &'static Compiled,
    sections: Sections,
) -> Result<&'static CombinedQuery, Error> {
    c.query(sections)
        .map_err(|e| Error::Internal(format!("{}/{}: {}", e.language, e.file, e.message)))
}

/// Parses `text` with the language's grammar, its macro names that the grammar reads as types
/// disguised first ([`LanguageDef::macro_names_read_as_types`]). The tree's offsets are the
/// text's: read node text from `text` itself.
pub(crate) fn parse_text(def: &'static LanguageDef, text: &str) -> Result<Tree, Error> {
    let disguised = disguise_macro_names(def.macro_names_read_as_types, text);
    let compiled = lang::compiled(def);
    PARSER.with(|p| {
        let mut parser = p.borrow_mut();
        parser
            .set_language(&compiled.language)
            .map_err(|e| Error::Internal(format!("grammar {}: {e}", def.name())))?;
        parser
            .parse(&*disguised, None)
            .ok_or_else(|| Error::Internal(format!("tree-sitter gave no tree ({})", def.name())))
    })
}

/// `text` with every word of `names` that stands directly before `!` and an opening bracket
/// (`str![`, `u8!(`) turned into an identifier of the same length by upper-casing its first
/// letter; borrowed when there is none.
fn disguise_macro_names<'t>(names: &[&str], text: &'t str) -> std::borrow::Cow<'t, str> {
    use std::borrow::Cow;
    if names.is_empty() {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let word_byte = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut out: Option<Vec<u8>> = None;
    for bang in memchr::memchr_iter(b'!', bytes) {
        let start = bytes[..bang]
            .iter()
            .rposition(|&b| !word_byte(b))
            .map_or(0, |i| i + 1);
        if start == bang || !names.iter().any(|n| n.as_bytes() == &bytes[start..bang]) {
            continue;
        }
        let after = bytes[bang + 1..].iter().find(|b| !b.is_ascii_whitespace());
        if !matches!(after, Some(b'[' | b'(' | b'{')) {
            continue;
        }
        let out = out.get_or_insert_with(|| bytes.to_vec());
        out[start] = out[start].to_ascii_uppercase();
    }
    match out {
        // Only ASCII letters changed case: still UTF-8.
        Some(out) => Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string())),
        None => Cow::Borrowed(text),
    }
}

/// What the language's combined query captured in one traversal of the tree.
struct Captured<'t> {
    /// Comment nodes in source order.
    comments: Vec<Node<'t>>,
    /// Nodes of raw text the grammar does not tokenise, which may end in a comment (C's
    /// `#define` bodies: `@comment.embedded`).
    embedded: Vec<Node<'t>>,
    /// Comments the grammar puts directly in a string although they are inside an
    /// interpolation hole (Swift's `"\(x /* c */)"`: `@comment.hole`): real, whatever the
    /// row's `comments_never_inside` says.
    holes: Vec<Node<'t>>,
    /// Named scopes.
    scopes: Scopes,
    /// Unfinished code: `(first node, last node, name, arguments, message)`.
    macros: Vec<DebtCall<'t>>,
    /// Byte ranges where a debt macro is none (`@exempt`, `@exempt.item`'s item).
    exempt: Vec<std::ops::Range<usize>>,
    /// Attributes that give the item after them a role.
    roles: Vec<(Node<'t>, CodeRole)>,
    /// Strings in annotations that may admit debt (`#[ignore = "FIXME: flaky"]`).
    annotations: Vec<Node<'t>>,
    /// Nodes captured by `complexity.scm`, with their roles.
    complexity: Vec<(Node<'t>, Role)>,
    /// Matches of `imports.scm` but `@reference`, each with its captures' roles.
    imports: Vec<Vec<(Node<'t>, ImportRole)>>,
    /// `@reference` nodes of `imports.scm`.
    references: Vec<Node<'t>>,
    /// `@import.name` nodes of `imports.scm`.
    names: Vec<Node<'t>>,
}

impl<'t> Captured<'t> {
    /// Runs `q` over `tree`, or only over the nodes that intersect `range`.
    fn collect(
        combined: &CombinedQuery,
        tree: &'t Tree,
        text: &str,
        range: Option<std::ops::Range<usize>>,
        (separator, attachable): (&'static str, &[&str]),
    ) -> Captured<'t> {
        let q = &combined.query;
        let roles: Vec<Option<Role>> = q
            .capture_names()
            .iter()
            .map(|n| Role::from_name(n))
            .collect();
        let import_roles: Vec<Option<ImportRole>> = q
            .capture_names()
            .iter()
            .map(|n| ImportRole::from_name(n))
            .collect();
        let index = |name: &str| q.capture_index_for_name(name);
        let (comment, scope, name, trait_, mac, args, message) = (
            index("comment"),
            index("scope"),
            index("name"),
            index("trait"),
            index("macro"),
            index("args"),
            index("message"),
        );
        let (annotation, embedded) = (index("annotation"), index("comment.embedded"));
        let hole = index("comment.hole");
        let declared_name = index("name.declared");
        // A node another pattern makes a scope, which is none where this one says so (C++'s
        // `class C {…}` anywhere, but not as a function's return type).
        let excluded_scope = index("scope.excluded");
        let mut excluded: Vec<(usize, usize)> = Vec::new();
        let (exempt, exempt_item, exempt_scope) =
            (index("exempt"), index("exempt.item"), index("exempt.scope"));
        let mut out = Captured {
            comments: Vec::new(),
            embedded: Vec::new(),
            holes: Vec::new(),
            scopes: Scopes {
                spans: Vec::new(),
                separator,
            },
            macros: Vec::new(),
            exempt: Vec::new(),
            roles: Vec::new(),
            annotations: Vec::new(),
            complexity: Vec::new(),
            imports: Vec::new(),
            references: Vec::new(),
            names: Vec::new(),
        };
        let role_captures: Vec<(Option<u32>, CodeRole)> = ROLE_CAPTURES
            .iter()
            .map(|(name, role)| (index(name), *role))
            .filter(|(idx, _)| idx.is_some())
            .collect();
        let mut cursor = QueryCursor::new();
        if let Some(range) = range {
            cursor.set_byte_range(range);
        }
        let mut matches = cursor.matches(q, tree.root_node(), text.as_bytes());
        while let Some(m) = matches.next() {
            let node_of = |idx: Option<u32>| {
                m.captures
                    .iter()
                    .find(|cap| Some(cap.index) == idx)
                    .map(|cap| cap.node)
            };
            match combined.section(m.pattern_index) {
                Section::Comments => {
                    if let Some(text) = node_of(annotation) {
                        out.annotations.push(text);
                    } else if let Some(raw) = node_of(embedded) {
                        out.embedded.push(raw);
                    } else if let Some(real) = node_of(hole) {
                        out.holes.push(real);
                    } else {
                        out.comments.extend(node_of(comment));
                    }
                }
                Section::Symbols => {
                    if let Some(node) = node_of(excluded_scope) {
                        excluded.push((node.start_byte(), node.end_byte()));
                        continue;
                    }
                    if let Some((node, role)) = role_captures
                        .iter()
                        .find_map(|(idx, role)| Some((node_of(*idx)?, *role)))
                    {
                        out.roles.push((node, role));
                        continue;
                    }
                    // A C function is named by what its declarator declares, however deep.
                    let declared = node_of(declared_name)
                        .and_then(complexity::declared)
                        .map(|(name, _)| name);
                    let name_node = node_of(name).or(declared);
                    let (Some(scope_node), Some(name_node)) = (node_of(scope), name_node) else {
                        continue;
                    };
                    // Several `@name`s make one name, in source order (C#'s `~` and `Parser`,
                    // `operator` and `+`), spaced where two words meet (`operator int`).
                    let mut named: Vec<Node> = (m.captures.iter())
                        .filter(|c| Some(c.index) == name)
                        .map(|c| c.node)
                        .collect();
                    named.sort_by_key(|n| n.start_byte());
                    if named.is_empty() {
                        named.push(name_node);
                    }
                    let mut joined = String::new();
                    for &n in &named {
                        let piece = node_text(n, text);
                        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
                        if word(joined.chars().last()) && word(piece.chars().next()) {
                            joined.push(' ');
                        }
                        joined.push_str(piece);
                    }
                    // `impl<T> Stack<T>` and `struct Stack<T>` name the same type: `Stack`.
                    let mut label = strip_generics(&markers::collapse(&joined));
                    if let Some(t) = node_of(trait_) {
                        label = format!("<{label} as {}>", markers::collapse(node_text(t, text)));
                    }
                    out.scopes
                        .spans
                        .push((scope_node.start_byte(), scope_node.end_byte(), label));
                }
                Section::DebtMacros => {
                    if let Some(tokens) = node_of(exempt) {
                        out.exempt.push(tokens.byte_range());
                        continue;
                    }
                    if let Some(attribute) = node_of(exempt_item) {
                        out.exempt.extend(
                            attached_item(attribute, attachable)
                                .map(|item| attribute.start_byte()..item.end_byte()),
                        );
                        continue;
                    }
                    if let Some(attribute) = node_of(exempt_scope) {
                        out.exempt
                            .extend(attribute.parent().map(|scope| scope.byte_range()));
                        continue;
                    }
                    let Some(name_node) = node_of(name) else {
                        continue;
                    };
                    let args_node = node_of(args);
                    // Inside a token tree there is no invocation node: span name to arguments.
                    let (first, last) = match node_of(mac) {
                        Some(m) => (m, m),
                        None => (name_node, args_node.unwrap_or(name_node)),
                    };
                    // A string split by escapes (tree-sitter-go's `"a \"b\" c"`) is several
                    // `@message` pieces: one call each time, read whole once. Where two
                    // patterns match one call, the one that reads a message gives it.
                    if let Some(known) =
                        (out.macros.iter_mut().rev()).find(|c| c.first.id() == first.id())
                    {
                        known.message = known.message.or(node_of(message));
                        continue;
                    }
                    out.macros.push(DebtCall {
                        first,
                        last,
                        name: name_node,
                        args: args_node,
                        message: node_of(message),
                    });
                }
                Section::Complexity => out.complexity.extend(
                    m.captures
                        .iter()
                        .filter_map(|cap| Some((cap.node, roles[cap.index as usize]?))),
                ),
                // Paths are most of the matches: kept apart, without an allocation each.
                Section::Imports => match m.captures {
                    [cap] if import_roles[cap.index as usize] == Some(ImportRole::Reference) => {
                        out.references.push(cap.node)
                    }
                    [cap] if import_roles[cap.index as usize] == Some(ImportRole::Name) => {
                        out.names.push(cap.node)
                    }
                    _ => out.imports.push(
                        m.captures
                            .iter()
                            .filter_map(|cap| Some((cap.node, import_roles[cap.index as usize]?)))
                            .collect(),
                    ),
                },
            }
        }
        out.comments.sort_by_key(|n| n.start_byte());
        out.comments.dedup_by_key(|n| n.start_byte());
        let spans = &mut out.scopes.spans;
        spans.retain(|(start, end, _)| !excluded.contains(&(*start, *end)));
        spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        // One declaration may be two scopes (Go's method: its receiver's type, then its name).
        spans.dedup_by(|a, b| a == b);
        out
    }
}

impl Captured<'_> {
    /// Drops comment nodes inside nodes of `kinds`: a grammar defect, never a real comment
    /// (but for those in an interpolation hole, `@comment.hole`).
    fn drop_false_comments(&mut self, kinds: &[&str]) {
        if kinds.is_empty() {
            return;
        }
        let holes = &self.holes;
        self.comments.retain(|c| {
            if holes.contains(c) {
                return true;
            }
            let mut node = c.parent();
            while let Some(n) = node {
                if kinds.contains(&n.kind()) {
                    return false;
                }
                node = n.parent();
            }
            true
        });
    }
}

impl<'t> Captured<'t> {
    /// The comments that end the raw text of the `@comment.embedded` nodes (`#define MAX 16 //
    /// TODO: grow`), each attributed to its node.
    fn embedded_comments(&self, text: &str, syntax: &CommentSyntax) -> Vec<Comment<'t>> {
        let mut out = Vec::new();
        for &node in &self.embedded {
            let start = node.start_byte();
            for range in raw::comments_in_raw(node_text(node, text), syntax).0 {
                let range = start + range.start..start + range.end;
                out.push(Comment::within(node, range, text, syntax));
            }
        }
        out
    }

    /// Drops the comment nodes that start inside a string an `@comment.embedded` node leaves
    /// open on its line: `#define S "/* x */"` is a syntax error to tree-sitter-c, which reads a
    /// `"` as the macro's text and the string's inside as a comment.
    fn drop_comments_in_open_strings(&mut self, text: &str, syntax: &CommentSyntax) {
        let open: Vec<(usize, usize)> = (self.embedded.iter())
            .filter(|n| raw::comments_in_raw(node_text(**n, text), syntax).1)
            .map(|n| (n.end_byte(), n.end_position().row))
            .collect();
        if open.is_empty() {
            return;
        }
        self.comments.retain(|c| {
            !open
                .iter()
                .any(|&(end, row)| c.start_byte() >= end && c.start_position().row == row)
        });
    }
}

/// The item an attribute stands before: the next sibling that is not itself attachable
/// (another attribute, a comment). A role captured on an item itself (Java's annotations are
/// inside the method they annotate) covers that item.
fn attached_item<'t>(attribute: Node<'t>, attachable: &[&str]) -> Option<Node<'t>> {
    if !attachable.contains(&attribute.kind()) {
        return Some(attribute);
    }
    let mut next = attribute.next_named_sibling();
    while let Some(n) = next.filter(|n| attachable.contains(&n.kind())) {
        next = n.next_named_sibling();
    }
    next
}

/// The lines of the items that role attributes stand before: each attribute applies to the
/// next sibling that is not itself attachable (another attribute, a comment). A declaration
/// without a body (`#[cfg(test)] mod tests;`) covers only its own line here; its file's role
/// comes from its path. `code` (when metrics are measured) tells which lines hold code.
fn role_spans(
    roles: &[(Node, CodeRole)],
    attachable: &[&str],
    code: Option<&[bool]>,
) -> Vec<RoleSpan> {
    let mut spans: Vec<RoleSpan> = roles
        .iter()
        .filter_map(|&(attribute, role)| {
            let item = attached_item(attribute, attachable)?;
            let (first, last) = (attribute.start_position().row, item.end_position().row);
            let code = code.unwrap_or_default();
            let code_lines = code.get(first..=last.min(code.len().saturating_sub(1)));
            Some(RoleSpan {
                start_line: first as u32 + 1,
                end_line: last as u32 + 1,
                role,
                code_lines: code_lines.map_or(0, |c| c.iter().filter(|&&c| c).count() as u32),
            })
        })
        .collect();
    spans.sort_by_key(|s| (s.start_line, std::cmp::Reverse(s.end_line)));
    spans.dedup();
    spans
}

/// A call or macro that stands for unfinished code, as `debt_macros.scm` captured it.
struct DebtCall<'t> {
    /// Where it starts.
    first: Node<'t>,
    /// Where it ends (inside a Rust token tree there is no invocation node: the arguments).
    last: Node<'t>,
    /// The callee's name.
    name: Node<'t>,
    /// The arguments, if captured.
    args: Option<Node<'t>>,
    /// The message's text, when the query captures it (`@message`); otherwise the first
    /// string literal of the arguments is the message.
    message: Option<Node<'t>>,
}

/// Named scopes (modules, types, impls, functions) of a file, for symbol paths.
struct Scopes {
    /// `(start_byte, end_byte, name)`, sorted by start, outer before inner.
    spans: Vec<(usize, usize, String)>,
    /// The language's symbol separator (`::`, `.`).
    separator: &'static str,
}

impl Scopes {
    /// The path of scopes enclosing byte `at`, joined by the separator.
    fn path_at(&self, at: usize) -> Option<String> {
        let names: Vec<&str> = self
            .spans
            .iter()
            .take_while(|(start, _, _)| *start <= at)
            .filter(|(_, end, _)| at < *end)
            .map(|(_, _, name)| name.as_str())
            .collect();
        (!names.is_empty()).then(|| names.join(self.separator))
    }

    /// The path of every scope, sorted and without duplicates: one pass with a stack of the
    /// open scopes, since spans are sorted outer before inner.
    fn paths(&self) -> Vec<String> {
        let mut open: Vec<(usize, &str)> = Vec::new();
        let mut paths = Vec::with_capacity(self.spans.len());
        for (start, end, name) in &self.spans {
            while open.last().is_some_and(|(e, _)| *e <= *start) {
                open.pop();
            }
            open.push((*end, name));
            paths.push(
                open.iter()
                    .map(|(_, n)| *n)
                    .collect::<Vec<_>>()
                    .join(self.separator),
            );
        }
        paths.sort_unstable();
        paths.dedup();
        paths
    }

    fn starts_at(&self, byte: usize) -> bool {
        self.spans.iter().any(|(start, _, _)| *start == byte)
    }
}

/// `Stack<T>` → `Stack`, `Map<K, Vec<V>>` → `Map`; other text is kept.
fn strip_generics(name: &str) -> String {
    // A name of symbols alone is an operator method's (Ruby's `<=>`, `<<`, `<`).
    if !name.chars().any(|c| c.is_alphanumeric() || c == '_') {
        return name.trim().to_string();
    }
    // A C++ operator's characters are its name (`operator<<`, `operator()`), and a conversion
    // operator's ends before its parameters (`operator bool() const`).
    let operator = name.match_indices("operator").find(|(at, _)| {
        let before = name[..*at].chars().next_back();
        let after = name[at + "operator".len()..].chars().next();
        !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
    });
    if let Some((at, _)) = operator {
        let rest = &name[at + "operator".len()..];
        let symbol = match rest.trim_start().starts_with("()") {
            true => "()",
            false => rest.split('(').next().unwrap_or(rest).trim(),
        };
        let space = if symbol.starts_with(char::is_alphabetic) {
            " "
        } else {
            ""
        };
        return format!("{}operator{space}{symbol}", strip_generics(&name[..at]));
    }
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    for c in name.chars() {
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn node_text<'t>(node: Node, text: &'t str) -> &'t str {
    text.get(node.byte_range()).unwrap_or("")
}

/// One comment node with its delimiters stripped, line by line.
struct Comment<'t> {
    node: Node<'t>,
    /// The line prefix (`//`, `///`, …) for line comments; `None` for block comments.
    line_prefix: Option<&'static str>,
    start_row: usize,
    end_row: usize,
    start_col: usize,
    /// Code precedes the comment on its first line.
    trailing: bool,
    lines: Vec<String>,
}

impl<'t> Comment<'t> {
    fn new(node: Node<'t>, text: &str, syntax: &CommentSyntax) -> Comment<'t> {
        Comment::within(node, node.byte_range(), text, syntax)
    }

    /// The comment at `range` of `text`, inside `node` (the whole of a comment node, or the
    /// end of a node of raw text).
    fn within(
        node: Node<'t>,
        range: std::ops::Range<usize>,
        text: &str,
        syntax: &CommentSyntax,
    ) -> Comment<'t> {
        let raw = text.get(range.clone()).unwrap_or("");
        let raw = raw.trim_end_matches(['\n', '\r']);
        let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
        let start = tree_sitter::Point {
            row: node.start_position().row
                + text[node.start_byte()..range.start].matches('\n').count(),
            column: range.start - line_start,
        };
        let trailing = !text[line_start..range.start].trim().is_empty();
        // Block openers first: one may start with a line prefix (Lua's `--[[` and `--`).
        let block = syntax.block.iter().any(|(open, _)| raw.starts_with(open));
        let line_prefix = match block {
            true => None,
            false => syntax.line.iter().copied().find(|p| raw.starts_with(p)),
        };
        let lines = match line_prefix {
            // A `#!` line is a comment to the grammar but a command to the system: no marker.
            _ if range.start == 0 && raw.starts_with("#!") => Vec::new(),
            Some(prefix) => {
                let body = &raw[prefix.len()..];
                let filler = prefix.chars().last().unwrap_or('/');
                // A line comment goes on over a line only through C's splice, a `\` ending
                // the line, which the preprocessor removes.
                let body = body.trim_start_matches(filler);
                let lines: Vec<&str> = body.split('\n').collect();
                let last = lines.len() - 1;
                (lines.iter().enumerate())
                    .map(|(k, line)| {
                        let line = line.trim_end_matches('\r');
                        match k < last {
                            true => line.strip_suffix('\\').unwrap_or(line).to_string(),
                            false => line.to_string(),
                        }
                    })
                    .collect()
            }
            None => strip_block(raw, syntax),
        };
        Comment {
            node,
            line_prefix,
            start_row: start.row,
            end_row: start.row + lines.len().saturating_sub(1),
            start_col: start.column,
            trailing,
            lines,
        }
    }

    /// The string of an annotation read as a comment of its own (a disabled test's reason).
    /// It belongs to the item the annotation stands before: its node is the outermost
    /// attachable node around the string (the attribute), whose next sibling is that item.
    fn annotation(string: Node<'t>, text: &str, attachable: &[&str]) -> Option<Comment<'t>> {
        let mut node = string;
        while let Some(parent) = node.parent() {
            node = parent;
            if attachable.contains(&node.kind()) {
                break;
            }
        }
        let raw = node_text(string, text);
        let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
        let start = string.start_position();
        Some(Comment {
            node,
            line_prefix: None,
            start_row: start.row,
            end_row: start.row,
            start_col: start.column,
            trailing: false,
            lines: vec![unescape(inner)],
        })
    }

    /// Whether `next` continues this line-comment block.
    fn continued_by(&self, next: &Comment) -> bool {
        self.line_prefix.is_some()
            && self.line_prefix == next.line_prefix
            && !next.trailing
            && next.start_row == self.end_row + 1
            && next.start_col == self.start_col
    }
}

/// Lines of a block comment without `/*`, `*/` and decorative leading `*`.
fn strip_block(raw: &str, syntax: &CommentSyntax) -> Vec<String> {
    let mut body = raw;
    if let Some((open, close)) = syntax.block.iter().find(|(o, _)| raw.starts_with(o)) {
        body = &body[open.len()..];
        body = body.strip_suffix(close).unwrap_or(body);
    }
    // `split`, not `lines`: a closing `*/` alone on its line still counts as a line.
    body.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .enumerate()
        .map(|(i, line)| {
            let mut line = line;
            if i > 0 && syntax.block_star_prefix {
                let trimmed = line.trim_start();
                if let Some(rest) = trimmed.strip_prefix('*') {
                    if !rest.starts_with('/') {
                        line = rest;
                    }
                }
            }
            // Nested block comments leave their own delimiters in the text.
            let mut cleaned = line.to_string();
            if syntax.nested_blocks {
                for (open, close) in syntax.block {
                    cleaned = cleaned.replace(open, " ").replace(close, " ");
                }
            }
            cleaned
        })
        .collect()
}

/// Groups consecutive line comments (same prefix and column) into one block.
fn blocks<'a, 't>(comments: &'a [Comment<'t>]) -> Vec<&'a [Comment<'t>]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=comments.len() {
        if i == comments.len() || !comments[i - 1].continued_by(&comments[i]) {
            out.push(&comments[start..i]);
            start = i;
        }
    }
    out
}

/// The symbol a comment block belongs to: the scope it sits in, or, for a comment directly
/// above an item (doc comments, attributes between), that item.
/// Where the scope an item below a comment opens starts: at the item itself, or inside it on
/// its first line, where a declaration wraps the scope (`export function f`, `const f = () =>`,
/// `export const f = …`, Go's `type T struct`).
fn scope_on_first_line(item: Node, scopes: &Scopes, wrappers: &[&str]) -> Option<usize> {
    // A wrapper's header stands on lines of its own (`template <typename T>`): the item it
    // wraps starts below it.
    let mut item = item;
    while wrappers.contains(&item.kind()) {
        let mut cursor = item.walk();
        let last = item.named_children(&mut cursor).last();
        match last {
            Some(inner) if !scopes.starts_at(item.start_byte()) => item = inner,
            _ => break,
        }
    }
    let row = item.start_position().row;
    let mut level = vec![item];
    for _ in 0..3 {
        if let Some(n) = level.iter().find(|n| scopes.starts_at(n.start_byte())) {
            return Some(n.start_byte());
        }
        level = level
            .iter()
            .flat_map(|n| {
                let mut walker = n.walk();
                n.named_children(&mut walker).collect::<Vec<_>>()
            })
            .filter(|n| n.start_position().row == row)
            .collect();
    }
    None
}

fn symbol_for_block(block: &[Comment], c: &Compiled, scopes: &Scopes) -> Option<String> {
    let last = block.last()?;
    if block[0].trailing {
        // `x = 1; // TODO` is about its own line, not the item below it.
        return scopes.path_at(block[0].node.start_byte());
    }
    let mut prev_end_row = last.end_row;
    let mut next = last.node.next_named_sibling();
    while let Some(node) = next {
        if node.start_position().row > prev_end_row + 1 {
            break;
        }
        if let Some(start) = scope_on_first_line(node, scopes, c.def.item_wrappers) {
            return scopes.path_at(start);
        }
        if !c.def.attachable_kinds.contains(&node.kind()) {
            break;
        }
        prev_end_row = node.end_position().row;
        next = node.next_named_sibling();
    }
    scopes.path_at(block[0].node.start_byte())
}

fn comment_markers(
    c: &Compiled,
    blocks: &[&[Comment]],
    tags: &TagSet,
    scopes: &Scopes,
) -> Vec<FoundMarker> {
    let mut out = Vec::new();
    for &block in blocks {
        // Rows of each line of the block, so marker lines map back to the file.
        let mut rows = Vec::new();
        let mut lines = Vec::new();
        for comment in block {
            for (k, line) in comment.lines.iter().enumerate() {
                rows.push(comment.start_row + k);
                lines.push(line.clone());
            }
        }
        let found = markers::find_markers(&lines, tags);
        if found.is_empty() {
            continue;
        }
        let symbol = symbol_for_block(block, c, scopes);
        for m in found {
            out.push(FoundMarker {
                kind: Kind::Todo,
                marker: m.marker,
                start_line: rows[m.first] as u32 + 1,
                end_line: rows[m.last] as u32 + 1,
                symbol: symbol.clone(),
            });
        }
    }
    out
}

fn macro_markers(captured: &Captured, text: &str, suffix: &str) -> Vec<FoundMarker> {
    captured
        .macros
        .iter()
        .filter(|call| {
            let at = call.first.start_byte();
            !captured.exempt.iter().any(|r| r.contains(&at))
        })
        .map(|call| {
            let message = match call.message {
                Some(m) => Some(unescape(&text[string_inside(m)])),
                None => call.args.and_then(|a| first_string(a, text)),
            };
            let message = markers::collapse(&message.unwrap_or_default());
            let first = call.first;
            FoundMarker {
                kind: Kind::TodoMacro,
                marker: MarkerInfo {
                    tag: format!("{}{suffix}", node_text(call.name, text)),
                    issue: markers::find_issue(&message),
                    due: markers::find_due(&message),
                    text: message,
                    owner: None,
                    priority: 0,
                    introduced: None,
                    predates_history: None,
                },
                start_line: first.start_position().row as u32 + 1,
                end_line: call.last.end_position().row as u32 + 1,
                symbol: captured.scopes.path_at(first.start_byte()),
            }
        })
        .collect()
}

/// The contents of the first string literal in a macro's token tree.
/// The bytes of a `@message` capture: the piece itself, or, where the grammar splits a
/// string's content at its escapes (content, escape, content …), all the pieces between the
/// quotes.
fn string_inside(piece: Node) -> std::ops::Range<usize> {
    let Some(string) = piece.parent().filter(|p| p.kind().contains("string")) else {
        return piece.byte_range();
    };
    let mut walker = string.walk();
    let pieces: Vec<Node> = (string.named_children(&mut walker))
        .filter(|n| n.kind() == piece.kind() || n.kind().contains("escape"))
        .collect();
    match (pieces.first(), pieces.last()) {
        (Some(a), Some(b)) if pieces.len() > 1 => a.start_byte()..b.end_byte(),
        _ => piece.byte_range(),
    }
}

fn first_string(args: Node, text: &str) -> Option<String> {
    let mut walker = args.walk();
    let first = args.named_children(&mut walker).next()?;
    if !first.kind().contains("string_literal") {
        return None;
    }
    let raw = node_text(first, text);
    let prefix = raw.trim_start_matches(['b', 'c']);
    if let Some(raw_body) = prefix.strip_prefix('r') {
        let inner = raw_body.trim_matches('#');
        return Some(inner.strip_prefix('"')?.strip_suffix('"')?.to_string());
    }
    let inner = prefix.strip_prefix('"')?.strip_suffix('"')?;
    Some(unescape(inner))
}

/// Resolves the common escapes of a (non-raw) string literal; others are kept as written.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') | Some('r') | Some('t') => out.push(' '),
            Some('"') => out.push('"'),
            Some('\'') => out.push('\''),
            Some('\\') => out.push('\\'),
            Some('0') => {}
            // A line continuation: the newline and the next line's leading whitespace vanish.
            Some('\n') => while chars.next_if(|c| c.is_whitespace()).is_some() {},
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Drops markers suppressed by a `debtscan:ignore` comment: one in the marker's own comment
/// block, a comment on its own line directly above the marker, or a trailing comment on any
/// line the marker spans.
fn drop_suppressed(blocks: &[&[Comment]], text: &str, found: &mut Vec<FoundMarker>) {
    const IGNORE: &str = "debtscan:ignore";
    if !text.contains(IGNORE) {
        return;
    }
    let mut ignored_rows: Vec<(usize, usize)> = Vec::new();
    for block in blocks {
        let first = block[0].start_row;
        let last = block.last().map_or(first, |b| b.end_row);
        if block
            .iter()
            .any(|b| b.lines.iter().any(|l| l.contains(IGNORE)))
        {
            // A trailing `// debtscan:ignore` covers its own line only; one on its own line
            // also covers the line below it.
            let below = usize::from(!block[0].trailing);
            ignored_rows.push((first, last + below));
        }
    }
    found.retain(|m| {
        let (start, end) = (m.start_line as usize - 1, m.end_line as usize - 1);
        !ignored_rows.iter().any(|&(a, b)| start <= b && a <= end)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_names_drop_template_arguments_but_keep_operators() {
        let cases = [
            ("Stack<T>", "Stack"),
            ("Box<int>::run", "Box::run"),
            ("operator<<", "operator<<"),
            ("operator<", "operator<"),
            ("Box<T>::operator()", "Box::operator()"),
            ("operator bool() const", "operator bool"),
            ("operator new[]", "operator new[]"),
            ("operator==", "operator=="),
            ("operators<T>", "operators"),
            ("cooperator", "cooperator"),
        ];
        for (name, want) in cases {
            assert_eq!(strip_generics(name), want, "{name}");
        }
    }

    #[test]
    fn queries_use_the_documented_capture_names() {
        for def in lang::LANGUAGES {
            let c = lang::compiled(def)
                .query(Sections::ALL)
                .unwrap_or_else(|e| panic!("{}", e.message));
            let names = |section: Section| -> Vec<&str> {
                (0..c.query.pattern_count())
                    .filter(|&p| c.section(p) == section)
                    .flat_map(|p| {
                        let text = pattern_text(def, c, p);
                        c.query
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
                def.name()
            );
            for n in ["scope", "name"] {
                assert!(names(Section::Symbols).contains(&n), "{}: @{n}", def.name());
            }
            // C has neither anonymous functions nor methods.
            let absent: &[&str] = match def.id {
                LangId::C => &["closure", "method"],
                _ => &[],
            };
            for n in complexity::ROLES.iter().filter(|n| !absent.contains(n)) {
                assert!(
                    names(Section::Complexity).contains(n),
                    "{}: complexity.scm lacks @{n}",
                    def.name()
                );
            }
            if !def.debt_macros_query.trim().is_empty() {
                for n in ["macro", "name", "args"] {
                    assert!(
                        names(Section::DebtMacros).contains(&n),
                        "{}: @{n}",
                        def.name()
                    );
                }
            }
            for n in names(Section::Complexity) {
                assert!(
                    n.starts_with('_')
                        || complexity::ROLES.contains(&n)
                        || complexity::OPTIONAL_ROLES.contains(&n),
                    "{}: complexity.scm uses @{n}, which is no role",
                    def.name()
                );
            }
            if !def.imports_query.trim().is_empty() {
                for n in imports::required_captures(def.resolver) {
                    assert!(
                        names(Section::Imports).contains(n),
                        "{}: imports.scm lacks @{n}",
                        def.name()
                    );
                }
            }
        }
    }

    fn pattern_text(def: &LanguageDef, c: &CombinedQuery, p: usize) -> String {
        let source: String = Section::ALL
            .iter()
            .map(|s| format!("{}\n", s.source(def)))
            .collect();
        let start = c.query.start_byte_for_pattern(p);
        let end = c.query.end_byte_for_pattern(p);
        // A pattern's range runs to the next pattern: drop the comments in between.
        source[start..end]
            .lines()
            .filter(|l| !l.trim_start().starts_with(';'))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn facts(src: &str) -> FileFacts {
        let tags = TagSet::new(["TODO", "FIXME", "HACK", "XXX"]);
        parse_file("x.rs", src, &lang::LANGUAGES[0], &tags, Wanted::MARKERS).unwrap()
    }

    fn summary(src: &str) -> Vec<(u32, String, String, Option<String>)> {
        facts(src)
            .markers
            .into_iter()
            .map(|m| (m.start_line, m.marker.tag, m.marker.text, m.symbol))
            .collect()
    }

    #[test]
    fn macro_names_the_grammar_reads_as_types_are_disguised_in_place() {
        let names = lang::LANGUAGES[0].macro_names_read_as_types;
        let src = "let a = str![[\"x\"]]; let b = snapbox::str!(\"y\"); let c = u8! {1};\n\
                   let d: &str = \"str![\"; let e = x as str; let f = mystr![1]; let g = str!= 1;";
        let disguised = disguise_macro_names(names, src);
        assert_eq!(disguised.len(), src.len());
        assert_eq!(
            disguised,
            src.replace("str![[", "Str![[")
                .replace("::str!(", "::Str!(")
                .replace("u8! {", "U8! {")
                .replace("\"str![\"", "\"Str![\"")
        );
        // No such word: the text itself, not a copy.
        let clean = "fn f(s: &str) -> bool { !s.is_empty() }";
        assert!(matches!(
            disguise_macro_names(names, clean),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_str_macro_is_a_macro_call_not_a_syntax_error() {
        // cargo's tests as they are written: the grammar alone reads `str` as a type and
        // fails, which cost every such file its clean tree.
        let src = "#[test]\nfn t() {\n    // TODO: also check stdout\n    if a && b {\n        \
                   p.cargo(\"build\")\n            .with_stderr_data(str![[r#\"\n\
                   [COMPILING] foo\n\"#]])\n            .run();\n    }\n}\n";
        let tags = TagSet::new(["TODO"]);
        let rules = Rules::default();
        let wanted = Wanted {
            markers: true,
            metrics: Some(&rules),
            imports: false,
        };
        let facts = parse_file("x.rs", src, &lang::LANGUAGES[0], &tags, wanted).unwrap();
        assert!(!facts.syntax_errors);
        let f = &facts.metrics.unwrap().functions[0];
        assert_eq!((f.symbol.as_str(), f.start_line, f.end_line), ("t", 2, 11));
        assert_eq!((f.cyclomatic, f.cognitive), (3, 2));
        assert_eq!(facts.markers.len(), 1);
        assert_eq!(facts.markers[0].marker.text, "also check stdout");
    }

    #[test]
    fn markers_come_only_from_comments() {
        let src = r##"
fn f() {
    let a = "TODO: not me";
    let b = r#"FIXME: nor me"#;
    let c = b"XXX";
    let todo_list = 1; // TODO: me
}
"##;
        assert_eq!(
            summary(src),
            vec![(6, "TODO".into(), "me".into(), Some("f".into()))]
        );
    }

    #[test]
    fn symbol_paths() {
        let src = r#"
mod net {
    struct Client;
    impl Client {
        fn retry(&self) {
            // FIXME: spins
        }
    }
    impl std::fmt::Display for Client {
        fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            todo!("format it")
        }
    }
}
// HACK: top level
"#;
        assert_eq!(
            summary(src),
            vec![
                (
                    6,
                    "FIXME".into(),
                    "spins".into(),
                    Some("net::Client::retry".into())
                ),
                (
                    11,
                    "todo!".into(),
                    "format it".into(),
                    Some("net::<Client as std::fmt::Display>::fmt".into())
                ),
                (15, "HACK".into(), "top level".into(), None),
            ]
        );
        assert_eq!(
            facts(src).symbols.unwrap(),
            [
                "net",
                "net::<Client as std::fmt::Display>",
                "net::<Client as std::fmt::Display>::fmt",
                "net::Client",
                "net::Client::retry",
            ]
        );
    }

    #[test]
    fn leading_comments_belong_to_the_next_item() {
        let src = "/// TODO: document\n#[inline]\nfn g() {}\n\n// XXX: loose\n\nfn h() {}\n";
        assert_eq!(
            summary(src),
            vec![
                (1, "TODO".into(), "document".into(), Some("g".into())),
                (5, "XXX".into(), "loose".into(), None),
            ]
        );
    }

    #[test]
    fn consecutive_line_comments_form_one_body() {
        let src = "fn f() {\n    // TODO: first\n    // second\n    let x = 1; // third\n}\n";
        let m = &facts(src).markers[0];
        assert_eq!(m.marker.text, "first second");
        assert_eq!((m.start_line, m.end_line), (2, 3));
    }

    #[test]
    fn block_comments_nested_and_starred() {
        let src =
            "/* outer /* TODO: inner */ rest */\n/**\n * FIXME: starred\n * more\n */\nfn f() {}\n";
        let m = facts(src).markers;
        assert_eq!(m[0].marker.text, "inner rest");
        assert_eq!((m[1].start_line, m[1].end_line), (3, 4));
        assert_eq!(m[1].marker.text, "starred more");
        assert_eq!(m[1].symbol.as_deref(), Some("f"));
    }

    #[test]
    fn suppression() {
        let src = "// TODO: hidden debtscan:ignore\n// debtscan:ignore\nfn f() { todo!() }\n// TODO: shown\n";
        let m = summary(src);
        assert_eq!(m, vec![(4, "TODO".into(), "shown".into(), None)]);
    }

    #[test]
    fn syntax_errors_are_flagged_and_markers_still_found() {
        let f = facts("fn f( {\n  // TODO: still here\n");
        assert!(f.syntax_errors);
        assert_eq!(f.markers.len(), 1);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 2000;
        let src = format!(
            "fn f() {{ {} // TODO: deep\n {} }}",
            "{".repeat(depth),
            "}".repeat(depth)
        );
        assert_eq!(facts(&src).markers.len(), 1);
    }

    #[test]
    fn imports_with_inline_modules_path_attributes_and_macro_bodies() {
        let src = "use std::fmt;\n#[path = \"x/y.rs\"]\n#[cfg(unix)]\nmod y;\n\
                   pub mod inner {\n    pub use super::z::{A, B as C};\n    mod deep;\n    \
                   fn f() -> crate::a::T { Vec::<u8>::new(); crate::a::b::g() }\n}\n\
                   cfg_io! {\n    pub mod io;\n    use crate::io::Read;\n}\n";
        let tags = TagSet::new(["TODO"]);
        let wanted = Wanted {
            markers: false,
            metrics: None,
            imports: true,
        };
        let facts = parse_file("x.rs", src, &lang::LANGUAGES[0], &tags, wanted).unwrap();
        let imports = facts.imports.unwrap();
        let modules: Vec<String> = imports
            .modules
            .iter()
            .map(|m| {
                let (name, inline, path) = (&m.name, m.inline, &m.path_attr);
                format!("{name} {inline} {path:?} {} {:?}", m.line, m.parent)
            })
            .collect();
        assert_eq!(
            modules,
            [
                "y false Some(\"x/y.rs\") 4 None",
                "inner true None 5 None",
                "deep false None 7 Some(1)",
                "io false None 11 None",
            ]
        );
        let refs: Vec<(&str, &str, u32, Option<u32>)> = imports
            .references
            .iter()
            .map(|r| (r.path.as_str(), r.kind.as_str(), r.line, r.module))
            .collect();
        assert_eq!(
            refs,
            [
                ("std::fmt", "use", 1, None),
                ("super::z::A", "reexport", 6, Some(1)),
                ("super::z::B", "reexport", 6, Some(1)),
                ("crate::a::T", "path", 8, Some(1)),
                ("Vec::new", "path", 8, Some(1)),
                ("crate::a::b::g", "path", 8, Some(1)),
                ("crate::io::Read", "use", 12, None),
            ]
        );
        assert_eq!(imports.references[2].binds.as_deref(), Some("C"));
    }
}
