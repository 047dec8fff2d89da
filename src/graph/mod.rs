//! The dependency graph: which file uses which, from the imports `parse` found, and what its
//! shape says: cycles, fan-in and fan-out, instability, PageRank, and change coupling that
//! no import explains. Pure functions: manifests arrive as text.

pub mod analysis;
pub mod crates;
mod rust;

use std::collections::{BTreeMap, BTreeSet};

pub use crate::model::Counts;
use crate::parse::FileFacts;

/// What resolution found, by file index.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    edges: BTreeMap<(usize, usize), Counts>,
    unresolved: BTreeMap<String, usize>,
    modules: Vec<Option<String>>,
    crates: Vec<Option<String>>,
    warnings: Vec<String>,
}

/// A file of the graph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNode {
    /// Repository-relative path.
    pub path: String,
    /// The package it belongs to.
    pub krate: Option<String>,
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
    pub crates: usize,
    /// What could not be followed, for the user.
    pub warnings: Vec<String>,
}

/// The file-level graph as scoring needs it: measured, with its hidden coupling.
#[derive(Debug, Clone, Default)]
pub struct DependencyFacts {
    /// Nodes (files), edges and cycles.
    pub analysed: analysis::Analysed,
    /// Change coupling no dependency explains.
    pub hidden: Vec<crate::model::HiddenCoupling>,
}

/// Builds the graph from the facts of every parsed file (those with imports) and the
/// repository's `Cargo.toml` manifests (`(path, text)`).
pub fn build(facts: &[FileFacts], manifests: &[(String, String)]) -> FileGraph {
    let mut rust: Vec<(&str, &crate::parse::FileImports, u32)> = facts
        .iter()
        .filter(|f| f.language == "rust")
        .filter_map(|f| Some((f.path.as_str(), f.imports.as_ref()?, f.lines)))
        .collect();
    rust.sort_by(|a, b| a.0.cmp(b.0));
    let paths: BTreeSet<String> = rust.iter().map(|(p, _, _)| p.to_string()).collect();
    let packages = crates::Packages::new(manifests, &paths);
    let files: Vec<(&str, &crate::parse::FileImports)> =
        rust.iter().map(|(p, i, _)| (*p, *i)).collect();
    let resolved = rust::resolve(&files, &packages);
    let mut warnings: Vec<String> = packages
        .broken
        .iter()
        .map(|(path, message)| {
            format!(
                "{path} does not parse ({message}): its crate is named after its directory, \
                 with Cargo's default targets"
            )
        })
        .collect();
    warnings.extend(resolved.warnings);
    FileGraph {
        files: rust
            .iter()
            .enumerate()
            .map(|(k, (path, _, lines))| FileNode {
                path: path.to_string(),
                krate: resolved.crates[k].clone(),
                module: resolved.modules[k].clone(),
                lines: *lines,
            })
            .collect(),
        edges: resolved
            .edges
            .into_iter()
            .map(|((from, to), counts)| Edge { from, to, counts })
            .collect(),
        unresolved: resolved.unresolved,
        crates: packages.list.len(),
        warnings,
    }
}

/// The manifest paths (`Cargo.toml`) that may describe the files at `paths`: one in each of
/// their directories and every directory above, up to the repository root.
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
    dirs.into_iter()
        .map(|d| crates::join(&d, "Cargo.toml"))
        .collect()
}
