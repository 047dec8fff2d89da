//! The dependency graph: which file uses which, from the imports `parse` found, and what its
//! shape says: cycles, fan-in and fan-out, instability, PageRank, and change coupling that
//! no import explains. Pure functions: manifests arrive as text.

pub mod analysis;
pub mod crates;
mod csharp;
mod go;
mod include;
mod java;
mod javascript;
mod lua;
mod php;
mod python;
mod ruby;
mod rust;
mod swift;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::lang::{self, Resolver};
pub use crate::model::Counts;
use crate::parse::{FileFacts, FileImports};

/// What a resolver may need beyond the imports: the repository's manifests and where the scan
/// started.
pub(crate) struct Context<'a> {
    /// `(path, text)` of the manifests that may describe the files (`Cargo.toml`).
    pub manifests: &'a [(String, String)],
    /// Files of the scan that were not parsed (skipped): a `mod` they declare is not seen.
    pub unread: &'a BTreeSet<String>,
    /// The scanned directory relative to the repository (empty for all of it).
    pub scope: &'a str,
}

/// Turns one ecosystem's imports into edges between its files: the only code per language
/// beside the table row (a language's row names its resolver).
pub(crate) trait ImportResolver: Sync {
    /// Resolves the imports of `files` (`(path, imports)`, in path order) among those files.
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved;
}

/// The resolver a row names, if it has one.
fn resolver_for(kind: Resolver) -> Option<&'static dyn ImportResolver> {
    match kind {
        Resolver::Rust => Some(&rust::Cargo),
        Resolver::Lua => Some(&lua::PackagePath),
        Resolver::Python => Some(&python::Packages),
        Resolver::Go => Some(&go::Modules),
        Resolver::JavaScript => Some(&javascript::Modules),
        Resolver::Java => Some(&java::Packages),
        Resolver::Include => Some(&include::IncludePath),
        Resolver::CSharp => Some(&csharp::Namespaces),
        Resolver::Ruby => Some(&ruby::LoadPath),
        Resolver::Php => Some(&php::Namespaces),
        Resolver::Swift => Some(&swift::Modules),
        Resolver::None => None,
    }
}

/// Whether the sorted `names` hold `name` (a file's `names` or `defines`).
fn holds(names: &[String], name: &str) -> bool {
    names.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
}

/// `scope.name`, or `name` in the unnamed scope (Java's default package, C#'s global namespace).
fn qualify(scope: &str, name: &str) -> String {
    match scope {
        "" => name.to_string(),
        scope => format!("{scope}.{name}"),
    }
}

/// The files declaring the longest prefix of the dotted `path` that is a type in `types`
/// (`a.b.Outer.Inner.run` → the file of `a.b.Outer`, where no file declares `Inner` alone).
fn type_owner<'t>(types: &'t HashMap<String, Vec<usize>>, path: &str) -> Option<&'t Vec<usize>> {
    let mut prefix = path;
    loop {
        if let Some(found) = types.get(prefix) {
            return Some(found);
        }
        prefix = &prefix[..prefix.rfind('.')?];
    }
}

/// `a/./b/../c` → `a/c`; `None` where `..` climbs above the repository (no file is there).
fn normalize_path(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// What an unresolved dotted name is counted by: its first segment for a platform's roots
/// (`java.util.List` → `java`, `System.Linq` → `System`), else its first two, a library's name
/// (`org.junit.jupiter.api` → `org.junit`, `Newtonsoft.Json.Linq` → `Newtonsoft.Json`).
fn dotted_root(path: &str, platform: &[&str]) -> String {
    let parts: Vec<&str> = path.split('.').collect();
    match platform.contains(&parts[0]) || parts.len() == 1 {
        true => parts[0].to_string(),
        false => parts[..2].join("."),
    }
}

/// What resolution found, by file index.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    /// Packages found (Cargo packages; 0 where the language has none).
    package_count: usize,
    edges: BTreeMap<(usize, usize), Counts>,
    unresolved: BTreeMap<String, usize>,
    modules: Vec<Option<String>>,
    packages: Vec<Option<String>>,
    warnings: Vec<String>,
    /// Files no crate target compiles, each with the files reached only through it and its
    /// package's manifest.
    dead: Vec<(usize, Vec<usize>, String)>,
}

impl Resolved {
    /// A `use` of file `target` by file `file` at `line`: one edge per pair, counting each use
    /// and keeping the first line.
    fn add_use(&mut self, file: usize, target: usize, line: u32) {
        self.add(file, target, line, crate::model::RefKind::Use);
    }

    /// A reference of `kind` to file `target` by file `file` at `line`.
    fn add(&mut self, file: usize, target: usize, line: u32, kind: crate::model::RefKind) {
        let counts = self.edges.entry((file, target)).or_insert(Counts {
            line,
            ..Counts::default()
        });
        counts.line = counts.line.min(line);
        counts.add(kind);
        if kind == crate::model::RefKind::Use {
            counts.note_use_line(line);
        }
    }
}

/// Imports facts holding one source per text, on lines 1, 2, …: what a resolver's tests read.
#[cfg(test)]
fn sources(texts: &[&str]) -> FileImports {
    FileImports {
        sources: texts
            .iter()
            .enumerate()
            .map(|(k, t)| crate::parse::imports::ImportSource {
                text: t.to_string(),
                line: k as u32 + 1,
                reexport: false,
            })
            .collect(),
        ..FileImports::default()
    }
}

/// Imports facts of a file declaring `defines` in the package or namespace `package` (none
/// when empty), with one source per text on lines 1, 2, … and the `names` it uses: what the
/// tests of the resolvers by declared names (C#, PHP) read.
#[cfg(test)]
fn declaring(package: &str, defines: &[&str], texts: &[&str], names: &[&str]) -> FileImports {
    let sorted = |v: &[&str]| {
        let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    };
    FileImports {
        names: sorted(names),
        defines: sorted(defines),
        package: (!package.is_empty()).then(|| package.to_string()),
        ..sources(texts)
    }
}

/// The edges `resolved` found among `files`, as `(from, to, first line)` by path, sorted: what
/// the resolvers' tests compare.
#[cfg(test)]
fn edge_lines<'p, T>(files: &[(&'p str, T)], resolved: &Resolved) -> Vec<(&'p str, &'p str, u32)> {
    let mut edges: Vec<(&str, &str, u32)> = (resolved.edges.iter())
        .map(|(&(a, b), counts)| (files[a].0, files[b].0, counts.line))
        .collect();
    edges.sort();
    edges
}

/// A Rust file that no target of its Cargo package compiles (README, "Kinds": `dead-file`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeadFile {
    /// Repository-relative path.
    pub path: String,
    /// The manifest of its package (`tokio/Cargo.toml`).
    pub manifest: String,
    /// Its lines.
    pub lines: u32,
    /// Files reached only through its `mod` declarations (dead with it), with their lines.
    pub declares: Vec<(String, u32)>,
}

/// A file of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNode {
    /// Repository-relative path.
    pub path: String,
    /// The package it belongs to.
    pub package: Option<String>,
    /// Its module path (`tokio::runtime::task`), when a crate target declares it.
    pub module: Option<String>,
    /// Lines.
    pub lines: u32,
}

/// An edge: `from` uses something `to` defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// Index of the using file.
    pub from: usize,
    /// Index of the used file.
    pub to: usize,
    /// How many references, by kind.
    pub counts: Counts,
}

/// The file-level dependency graph of a repository.
#[derive(Debug, Clone, Default)]
pub struct FileGraph {
    /// Files, in path order.
    pub files: Vec<FileNode>,
    /// Edges, by `(from, to)`.
    pub edges: Vec<Edge>,
    /// `use` leaves naming no module of the repository, by their first segment (`std`, …).
    pub unresolved: BTreeMap<String, usize>,
    /// Packages found.
    pub packages: usize,
    /// What could not be followed, for the user.
    pub warnings: Vec<String>,
    /// Files no crate target compiles.
    pub dead: Vec<DeadFile>,
}

/// The file-level graph as scoring needs it: measured, with its hidden coupling.
#[derive(Debug, Clone, Default)]
pub struct DependencyFacts {
    /// Nodes (files), edges and cycles.
    pub analysed: analysis::Analysed,
    /// Change coupling no dependency explains.
    pub hidden: Vec<crate::model::HiddenCoupling>,
    /// Files no crate target compiles.
    pub dead: Vec<DeadFile>,
}

/// Builds one graph from the facts of every parsed file with imports, whatever its language,
/// and the repository's `Cargo.toml` manifests (`(path, text)`): each language's files are
/// resolved by its row's resolver, and their edges meet in one graph (a Lua file never names
/// a Rust file, but they share the cycles, centrality and coupling analyses). `scope` is the
/// scanned directory relative to the repository (empty for all of it): where a language
/// without manifests looks for its modules first. `unread` names the files of the scan that
/// were not parsed (a package with one of them has no dead files: its `mod`s are unknown).
/// Every reference made by a file of `test_code` (test, bench and example files by their
/// path's role) is test-only, whatever the language says: axum's `examples/*` crates use the
/// library as any user would, which makes no module of it a god module.
pub fn build(
    facts: &[FileFacts],
    manifests: &[(String, String)],
    scope: &str,
    (unread, test_code): (&BTreeSet<String>, &BTreeSet<String>),
) -> FileGraph {
    let mut files: Vec<(&FileFacts, &FileImports, Resolver)> = facts
        .iter()
        .filter_map(|f| {
            let resolver = lang::get(f.language)?.resolver;
            (resolver != Resolver::None).then_some((f, f.imports.as_ref()?, resolver))
        })
        .collect();
    files.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let mut graph = FileGraph {
        files: files
            .iter()
            .map(|(f, _, _)| FileNode {
                path: f.path.clone(),
                package: None,
                module: None,
                lines: f.lines,
            })
            .collect(),
        ..FileGraph::default()
    };
    let context = Context {
        manifests,
        scope,
        unread,
    };
    let mut edges = BTreeMap::new();
    let resolvers: BTreeSet<Resolver> = files.iter().map(|(_, _, r)| *r).collect();
    for resolver in resolvers {
        // Global indices of this resolver's files, in path order.
        let members: Vec<usize> = (0..files.len())
            .filter(|&k| files[k].2 == resolver)
            .collect();
        let local: Vec<(&str, &FileImports)> = members
            .iter()
            .map(|&k| (files[k].0.path.as_str(), files[k].1))
            .collect();
        let Some(resolver) = resolver_for(resolver) else {
            continue;
        };
        let resolved = resolver.resolve(&local, &context);
        graph.packages += resolved.package_count;
        for (k, &global) in members.iter().enumerate() {
            graph.files[global].package = resolved.packages[k].clone();
            graph.files[global].module = resolved.modules[k].clone();
        }
        for ((from, to), mut counts) in resolved.edges {
            if test_code.contains(local[from].0) {
                counts.test = counts.total();
                counts.test_reexports = counts.reexports;
            }
            edges.insert((members[from], members[to]), counts);
        }
        for (name, n) in resolved.unresolved {
            *graph.unresolved.entry(name).or_insert(0) += n;
        }
        graph.warnings.extend(resolved.warnings);
        for (file, declares, manifest) in resolved.dead {
            let node = |k: usize| &graph.files[members[k]];
            graph.dead.push(DeadFile {
                path: node(file).path.clone(),
                manifest,
                lines: node(file).lines,
                declares: declares
                    .iter()
                    .map(|&k| (node(k).path.clone(), node(k).lines))
                    .collect(),
            });
        }
    }
    graph.edges = edges
        .into_iter()
        .map(|((from, to), counts)| Edge { from, to, counts })
        .collect();
    graph
}

/// The file names of the manifests resolvers read: Cargo's packages, Go's modules, npm's
/// packages, TypeScript's (or JavaScript's) project settings and SwiftPM's packages.
pub const MANIFESTS: &[&str] = &[
    "Cargo.toml",
    "go.mod",
    "package.json",
    "tsconfig.json",
    "jsconfig.json",
    "Package.swift",
];

/// The manifest paths ([`MANIFESTS`]) that may describe the files at `paths`: in each of their
/// directories and every directory above, up to the repository root.
pub fn manifest_candidates<'a>(paths: impl Iterator<Item = &'a str>) -> BTreeSet<String> {
    let mut dirs = BTreeSet::new();
    for path in paths {
        let mut dir = crates::parent(path);
        loop {
            if !dirs.insert(dir.to_string()) {
                break;
            }
            if dir.is_empty() {
                break;
            }
            dir = crates::parent(dir);
        }
    }
    dirs.iter()
        .flat_map(|d| MANIFESTS.iter().map(move |m| crates::join(d, m)))
        .collect()
}
