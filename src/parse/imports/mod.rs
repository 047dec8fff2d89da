//! Module declarations, imports and qualified paths of a file, as `imports.scm` captures
//! them: the raw material of the dependency graph. Nothing is resolved here; `graph` knows
//! how a language's paths map to files.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};
use tree_sitter::Node;

pub use crate::model::RefKind;
use rust::{code_path, expand_use_tree, unquote, unraw};

mod rust;

/// Capture names a Rust `imports.scm` must use (modules, use trees, paths, macro bodies).
pub const RUST_CAPTURES: &[&str] = &[
    "module",
    "module.name",
    "module.body",
    "module.path",
    "import",
    "import.tree",
    "import.public",
    "reference",
    "import.macro",
    "import.cfg",
];

/// Capture names the `imports.scm` of every other resolver must use: the import statement and
/// the module name or path it names, as written.
pub const SOURCE_CAPTURES: &[&str] = &["import", "import.source"];

/// The capture names `imports.scm` must use for a resolver.
pub fn required_captures(resolver: crate::lang::Resolver) -> &'static [&'static str] {
    match resolver {
        crate::lang::Resolver::Rust => RUST_CAPTURES,
        crate::lang::Resolver::None => &[],
        _ => SOURCE_CAPTURES,
    }
}

/// What a capture of `imports.scm` stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImportRole {
    Module,
    ModuleName,
    ModuleBody,
    ModulePath,
    Import,
    ImportTree,
    ImportPublic,
    Reference,
    Macro,
    Cfg,
    Source,
    Name,
    TestAttribute,
    Defines,
    TypeOnly,
    Package,
    Hidden,
}

impl ImportRole {
    pub(crate) fn from_name(name: &str) -> Option<ImportRole> {
        Some(match name {
            "module" => ImportRole::Module,
            "module.name" => ImportRole::ModuleName,
            "module.body" => ImportRole::ModuleBody,
            "module.path" => ImportRole::ModulePath,
            "import" => ImportRole::Import,
            "import.tree" => ImportRole::ImportTree,
            "import.public" => ImportRole::ImportPublic,
            "reference" => ImportRole::Reference,
            "import.macro" => ImportRole::Macro,
            "import.cfg" => ImportRole::Cfg,
            "import.source" => ImportRole::Source,
            "import.name" => ImportRole::Name,
            "import.test" => ImportRole::TestAttribute,
            "import.defines" => ImportRole::Defines,
            "import.type_only" => ImportRole::TypeOnly,
            "import.package" => ImportRole::Package,
            "import.hidden" => ImportRole::Hidden,
            _ => return None,
        })
    }
}

/// A module declaration: `mod x;` (its code is in another file) or `mod x { … }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleDecl {
    /// The module's name.
    pub name: String,
    /// Declared with a body in this file.
    pub inline: bool,
    /// The value of a `#[path = "…"]` attribute on the declaration.
    pub path_attr: Option<String>,
    /// 1-based line of the declaration.
    pub line: u32,
    /// Index (in [`FileImports::modules`]) of the inline module it is declared in, if any.
    pub parent: Option<u32>,
    /// Declared under `#[cfg(test)]` (on itself or an item around it): its code is test code.
    #[serde(default)]
    pub test: bool,
}

/// One path that may name a module of the repository.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reference {
    /// The path, segments joined by `::` (a leading `::` is kept).
    pub path: String,
    /// Where it comes from.
    pub kind: RefKind,
    /// A glob import (`a::*`): the path names a module whose items are all imported.
    pub glob: bool,
    /// The name a `use` leaf brings into scope (its last segment or its `as` alias).
    pub binds: Option<String>,
    /// 1-based line.
    pub line: u32,
    /// Index (in [`FileImports::modules`]) of the innermost inline module around it, if any.
    pub module: Option<u32>,
    /// Made from code under `#[cfg(test)]` (an item, a module or the whole file).
    #[serde(default)]
    pub test: bool,
}

/// One import naming a module or file as written (`require("a.b")` → `a.b`; in Rust, the
/// path of an `include!("x.rs")`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSource {
    /// The module name or path, as written (without quotes).
    pub text: String,
    /// 1-based line of the import.
    pub line: u32,
    /// A re-export (`@import.public`: JavaScript's `export … from`; Python's top-level
    /// `from … import` in an `__init__.py`), which forwards the module's names rather than
    /// using them.
    pub reexport: bool,
}

/// The imports facts of one file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileImports {
    /// Module declarations, in source order (Rust).
    pub modules: Vec<ModuleDecl>,
    /// `use` leaves and qualified paths, in source order (Rust).
    pub references: Vec<Reference>,
    /// Imports by the name they give (every other language; Rust's `include!` paths), in
    /// source order.
    pub sources: Vec<ImportSource>,
    /// Bare names (no path) the file's non-test code uses outside its `use` declarations,
    /// sorted, once each (Rust: `@import.name`). A name the file re-exports and uses too
    /// makes the re-export a use as well: the file then depends on the item, not only
    /// forwards it. Kept per file rather than per re-export because a large file is read in
    /// pieces, and the re-export and the use may sit in different ones.
    pub names: Vec<String>,
    /// Names of the items the file defines at its top level outside test code (functions,
    /// types, traits, constants, statics), sorted, once each (Rust: `@import.defines`): a
    /// glob re-export of the file's module brings them.
    pub defines: Vec<String>,
    /// The package the file declares, where the language names one in each file (Go's
    /// `package store`, `@import.package`): the qualifier other files use its names with.
    pub package: Option<String>,
    /// Names the file declares at its top level for itself alone (Swift's `private` and
    /// `fileprivate`, `@import.hidden`), sorted, once each: no other file sees them, and in
    /// this file they hide other files' declarations of the same name.
    #[serde(default)]
    pub hidden: Vec<String>,
}

/// The body of an item-level macro invocation, to be parsed again as items.
#[derive(Debug, Clone)]
pub(crate) struct MacroBody {
    /// Its text, without the delimiters.
    pub range: std::ops::Range<usize>,
    /// 0-based row where that text starts.
    pub row: u32,
    /// The inline module around the invocation, if any.
    pub module: Option<u32>,
    /// The invocation is under `#[cfg(test)]`: so is everything in it.
    pub test: bool,
}

/// Adds the facts of a macro body, parsed on its own, to those of the file around it.
pub(crate) fn merge(outer: &mut FileImports, inner: FileImports, body: &MacroBody) {
    let offset = outer.modules.len() as u32;
    for mut decl in inner.modules {
        decl.line += body.row;
        decl.parent = decl.parent.map(|p| p + offset).or(body.module);
        decl.test |= body.test;
        outer.modules.push(decl);
    }
    for mut r in inner.references {
        r.line += body.row;
        r.module = r.module.map(|m| m + offset).or(body.module);
        r.test |= body.test;
        outer.references.push(r);
    }
    outer.references.sort_by_key(|r| r.line);
    if !body.test {
        union_names(&mut outer.names, inner.names);
        if body.module.is_none() {
            union_names(&mut outer.defines, inner.defines);
        }
    }
}

/// Adds `more` to the sorted, deduplicated `names`.
pub(crate) fn union_names(names: &mut Vec<String>, more: Vec<String>) {
    if more.is_empty() {
        return;
    }
    names.extend(more);
    names.sort_unstable();
    names.dedup();
}

/// Puts the module declarations in source order (those of macro bodies are added after the
/// file's own), renumbering what refers to them: a file read in pieces then lists them as its
/// whole parse does, each piece's in turn.
pub(crate) fn in_source_order(facts: &mut FileImports) {
    if facts.modules.windows(2).all(|w| w[0].line <= w[1].line) {
        return;
    }
    let mut order: Vec<usize> = (0..facts.modules.len()).collect();
    order.sort_by_key(|&i| facts.modules[i].line);
    let mut new_index = vec![0u32; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new as u32;
    }
    let renumber = |m: Option<u32>| m.map(|m| new_index[m as usize]);
    let mut modules: Vec<ModuleDecl> = order.iter().map(|&i| facts.modules[i].clone()).collect();
    for m in &mut modules {
        m.parent = renumber(m.parent);
    }
    facts.modules = modules;
    for r in &mut facts.references {
        r.module = renumber(r.module);
    }
}

/// Builds the facts from the matches of `imports.scm` (each a list of captures; `@reference`
/// nodes apart in `paths`, `@import.name` nodes in `names`), and lists the item-level macro
/// bodies to parse again.
pub(crate) fn extract<'t>(
    matches: &[Vec<(Node<'t>, ImportRole)>],
    (mut paths, names): (Vec<Node<'t>>, Vec<Node<'t>>),
    text: &str,
    attachable_kinds: &[&str],
) -> (FileImports, Vec<MacroBody>) {
    let node_text = |n: Node| text.get(n.byte_range()).unwrap_or("");
    fn find<'t>(m: &[(Node<'t>, ImportRole)], role: ImportRole) -> Option<Node<'t>> {
        m.iter().find(|(_, r)| *r == role).map(|(n, _)| *n)
    }
    // `#[path]` values by the attribute item carrying them; visibilities (a capture inside the
    // import: Rust's `pub`, a Python module name) by their import.
    let mut path_attrs: HashMap<usize, String> = HashMap::new();
    let mut public: HashSet<usize> = HashSet::new();
    for m in matches {
        if let Some(value) = find(m, ImportRole::ModulePath) {
            if let Some(item) = value.parent().and_then(|a| a.parent()) {
                path_attrs.insert(item.id(), unquote(node_text(value)));
            }
        }
        if let Some(vis) = find(m, ImportRole::ImportPublic) {
            if let Some(decl) = vis.parent() {
                public.insert(decl.id());
            }
        }
    }

    let tests = test_ranges(matches, text, attachable_kinds);
    let is_test = |start: usize, end: usize| tests.iter().any(|(s, e)| *s <= start && end <= *e);

    let mut modules: Vec<(Node, ModuleDecl)> = Vec::new();
    for m in matches {
        let (Some(node), Some(name)) =
            (find(m, ImportRole::Module), find(m, ImportRole::ModuleName))
        else {
            continue;
        };
        let mut path_attr = None;
        let mut prev = node.prev_named_sibling();
        while let Some(p) = prev.filter(|p| attachable_kinds.contains(&p.kind())) {
            if let Some(value) = path_attrs.get(&p.id()) {
                path_attr = Some(value.clone());
                break;
            }
            prev = p.prev_named_sibling();
        }
        modules.push((
            node,
            ModuleDecl {
                // `mod r#type;` is the module `type`, in `type.rs`.
                name: unraw(node_text(name)).to_string(),
                inline: find(m, ImportRole::ModuleBody).is_some(),
                path_attr,
                line: node.start_position().row as u32 + 1,
                parent: None,
                test: is_test(node.start_byte(), node.end_byte()),
            },
        ));
    }
    modules.sort_by_key(|(n, _)| n.start_byte());
    modules.dedup_by_key(|(n, _)| n.id());
    let inline: Vec<(usize, usize, u32)> = modules
        .iter()
        .enumerate()
        .filter(|(_, (_, d))| d.inline)
        .map(|(k, (n, _))| (n.start_byte(), n.end_byte(), k as u32))
        .collect();
    // The innermost inline module strictly around a byte range.
    let enclosing = |start: usize, end: usize| {
        inline
            .iter()
            .filter(|(s, e, _)| *s <= start && end <= *e && (*s, *e) != (start, end))
            .max_by_key(|(s, _, _)| *s)
            .map(|(_, _, k)| *k)
    };
    for (node, decl) in modules.iter_mut() {
        decl.parent = enclosing(node.start_byte(), node.end_byte());
    }

    // Imports only the type checker reads (Python's `if TYPE_CHECKING:` block): no edge.
    let type_only: HashSet<usize> = (matches.iter())
        .filter_map(|m| find(m, ImportRole::TypeOnly))
        .map(|n| n.id())
        .collect();
    // Statements named by their text (every language but Rust's `use`): a name in one is no use.
    let mut statements: Vec<(usize, usize)> = (matches.iter())
        .filter(|m| find(m, ImportRole::Source).is_some())
        .filter_map(|m| find(m, ImportRole::Import))
        .map(|n| (n.start_byte(), n.end_byte()))
        .collect();
    statements.sort_unstable();
    let mut sources: Vec<ImportSource> = matches
        .iter()
        .filter_map(|m| {
            let (decl, source) = (find(m, ImportRole::Import)?, find(m, ImportRole::Source)?);
            if type_only.contains(&decl.id()) {
                return None;
            }
            Some(ImportSource {
                text: node_text(source).to_string(),
                line: decl.start_position().row as u32 + 1,
                reexport: find(m, ImportRole::ImportPublic).is_some()
                    || public.contains(&decl.id()),
            })
        })
        .collect();
    sources.sort_by_key(|s| s.line);

    let mut references = Vec::new();
    let mut uses: Vec<(usize, usize)> = Vec::new();
    for m in matches {
        let (Some(decl), Some(tree)) =
            (find(m, ImportRole::Import), find(m, ImportRole::ImportTree))
        else {
            continue;
        };
        uses.push((decl.start_byte(), decl.end_byte()));
        let kind = if public.contains(&decl.id()) {
            RefKind::Reexport
        } else {
            RefKind::Use
        };
        let module = enclosing(decl.start_byte(), decl.end_byte());
        let test = is_test(decl.start_byte(), decl.end_byte());
        for leaf in expand_use_tree(node_text(tree)) {
            references.push(Reference {
                path: leaf.path,
                kind,
                glob: leaf.glob,
                binds: leaf.binds,
                line: decl.start_position().row as u32 + 1,
                module,
                test,
            });
        }
    }
    uses.sort_unstable();

    paths.extend(
        matches
            .iter()
            .filter_map(|m| find(m, ImportRole::Reference)),
    );
    paths.sort_by_key(|n| (n.start_byte(), std::cmp::Reverse(n.end_byte())));
    let mut covered_to = 0;
    let mut outermost = Vec::new();
    for node in paths {
        let (start, end) = (node.start_byte(), node.end_byte());
        // Only the outermost path counts, and paths of `use` declarations are leaves already.
        if start < covered_to || inside(&uses, start) {
            continue;
        }
        covered_to = end;
        outermost.push((start, end));
        if let Some(path) = code_path(node_text(node)) {
            references.push(Reference {
                path,
                kind: RefKind::Path,
                glob: false,
                binds: None,
                line: node.start_position().row as u32 + 1,
                module: enclosing(start, end),
                test: is_test(start, end),
            });
        }
    }
    references.sort_by_key(|r| r.line);
    // A segment of a path (`inner::Thing`) names what the path reaches, counted above.
    let mut names: Vec<String> = names
        .into_iter()
        .filter(|n| {
            let (start, end) = (n.start_byte(), n.end_byte());
            !inside(&uses, start)
                && !inside(&statements, start)
                && !inside(&outermost, start)
                && !is_test(start, end)
        })
        .map(|n| node_text(n).to_string())
        .collect();
    names.sort_unstable();
    names.dedup();
    let mut defines: Vec<String> = matches
        .iter()
        .filter_map(|m| find(m, ImportRole::Defines))
        .filter(|n| !is_test(n.start_byte(), n.end_byte()))
        .map(|n| unraw(node_text(n)).to_string())
        .collect();
    defines.sort_unstable();
    defines.dedup();
    let mut hidden: Vec<String> = (matches.iter())
        .filter_map(|m| find(m, ImportRole::Hidden))
        .map(|n| node_text(n).to_string())
        .collect();
    hidden.sort_unstable();
    hidden.dedup();
    let bodies = matches
        .iter()
        .filter_map(|m| find(m, ImportRole::Macro))
        .filter(|n| n.end_byte() >= n.start_byte() + 2)
        .map(|n| MacroBody {
            range: n.start_byte() + 1..n.end_byte() - 1,
            row: n.start_position().row as u32,
            module: enclosing(n.start_byte(), n.end_byte()),
            test: is_test(n.start_byte(), n.end_byte()),
        })
        .collect();
    let package = (matches.iter())
        .find_map(|m| find(m, ImportRole::Package))
        .map(|n| node_text(n).to_string());
    let facts = FileImports {
        modules: modules.into_iter().map(|(_, d)| d).collect(),
        references,
        sources,
        names,
        defines,
        package,
        hidden,
    };
    (facts, bodies)
}

/// The byte ranges of test code: each item a `#[cfg(test)]`, `#[test]` or `#[….::test]`
/// precedes (skipping the other attributes and comments between them), and the file or module
/// body a `#![cfg(test)]` is in.
fn test_ranges(
    matches: &[Vec<(Node, ImportRole)>],
    text: &str,
    attachable_kinds: &[&str],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for m in matches {
        let attribute = if let Some(&(attribute, _)) =
            m.iter().find(|(_, r)| *r == ImportRole::TestAttribute)
        {
            attribute
        } else {
            let Some(&(args, _)) = m.iter().find(|(_, r)| *r == ImportRole::Cfg) else {
                continue;
            };
            if !cfg_is_test(text.get(args.byte_range()).unwrap_or("")) {
                continue;
            }
            let Some(attribute) = args.parent().and_then(|a| a.parent()) else {
                continue;
            };
            attribute
        };
        let target = if attribute.kind() == "inner_attribute_item" {
            attribute.parent()
        } else {
            let mut next = attribute.next_named_sibling();
            while let Some(n) = next.filter(|n| attachable_kinds.contains(&n.kind())) {
                next = n.next_named_sibling();
            }
            next
        };
        if let Some(t) = target {
            out.push((t.start_byte(), t.end_byte()));
        }
    }
    out
}

/// Whether the arguments of a `cfg` attribute (`(test)`, `(all(test, feature = "x"))`) hold
/// only when testing: `test` itself, or `test` among the conditions of an `all(…)`.
pub(crate) fn cfg_is_test(arguments: &str) -> bool {
    let plain: String = arguments.chars().filter(|c| !c.is_whitespace()).collect();
    if plain == "(test)" {
        return true;
    }
    plain
        .strip_prefix("(all(")
        .and_then(|rest| rest.strip_suffix("))"))
        .is_some_and(|inner| inner.split(',').any(|c| c == "test"))
}

/// Whether byte `at` lies in one of the sorted ranges.
fn inside(ranges: &[(usize, usize)], at: usize) -> bool {
    let k = ranges.partition_point(|(s, _)| *s <= at);
    k > 0 && at < ranges[k - 1].1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_ranges() {
        let r = [(0, 5), (10, 20)];
        assert!(inside(&r, 0) && inside(&r, 4) && inside(&r, 10));
        assert!(!inside(&r, 5) && !inside(&r, 20) && !inside(&r, 7));
    }

    #[test]
    fn cfg_test_conditions() {
        assert!(cfg_is_test("(test)") && cfg_is_test("( test )"));
        assert!(cfg_is_test("(all(test, feature = \"x\"))"));
        assert!(cfg_is_test("(all(unix,test))"));
        assert!(!cfg_is_test("(not(test))") && !cfg_is_test("(any(test, doc))"));
        assert!(!cfg_is_test("(all(not(test), unix))") && !cfg_is_test("(feature = \"test\")"));
    }
}
