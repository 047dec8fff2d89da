//! C and C++: `#include` resolved to the repository's files (README, "Dependency graph"). No
//! build is read (no Makefile, CMake or `compile_commands.json`), so the include path is
//! inferred from the files themselves, in the order a compiler searches:
//! 1. `#include "x/y.h"` (quoted): beside the including file (`..` allowed), as every compiler
//!    looks first;
//! 2. quoted or `<…>`: the files whose path ends in `/x/y.h` (or is `x/y.h`), as if their
//!    directory were on the `-I` path. One such file is the target; of several (each project of
//!    a monorepo has its `config.h`), the one whose directory shares the longest prefix with the
//!    including file's; a tie is not guessed. A `<y.h>` with no directory in it resolves only to
//!    a file in an `include/` directory: `<string.h>` is the system's even where a compat
//!    header of the same name sits in the tree.
//!
//! A source file and the header of its name beside it (`jv_alloc.c`, `jv_alloc.h`) are one
//! module in two files, the header its interface: the source has an edge to the header even
//! where it does not include it (jq's `jv_alloc.c` does not), so that the pair, which changes
//! together, is no hidden coupling.
//!
//! What no file matches (the C and C++ standard libraries, system and third-party headers not
//! in the scan) is counted by its root, never guessed: the first segment of the path
//! (`stdio.h`, `vector`, `sys` for `<sys/types.h>`, `boost`). Includes in every branch of
//! `#if`/`#ifdef` count, and `#include MACRO` is not read.

use std::collections::{BTreeMap, HashMap};

use super::{crates, Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// The resolver of C and C++.
pub(crate) struct IncludePath;

impl ImportResolver for IncludePath {
    fn resolve(&self, files: &[(&str, &FileImports)], _context: &Context) -> Resolved {
        resolve(files)
    }
}

/// An include as written: what it names, and whether in quotes (`"…"`) or brackets (`<…>`).
fn spec(text: &str) -> Option<(&str, bool)> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix('"') {
        return Some((inner.strip_suffix('"').unwrap_or(inner).trim(), true));
    }
    let inner = text.strip_prefix('<')?;
    Some((inner.strip_suffix('>').unwrap_or(inner).trim(), false))
}

fn resolve(files: &[(&str, &FileImports)]) -> Resolved {
    let index: HashMap<&str, usize> = (files.iter().enumerate())
        .map(|(k, (path, _))| (*path, k))
        .collect();
    // File name -> the files of that name, to find those a path ends with.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (path, _)) in files.iter().enumerate() {
        by_name.entry(name(path)).or_default().push(k);
    }
    let mut out = Resolved {
        modules: vec![None; files.len()],
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    for (file, (path, imports)) in files.iter().enumerate() {
        let dir = crates::parent(path);
        for include in &imports.sources {
            let Some((spec, quoted)) = spec(&include.text) else {
                continue;
            };
            if spec.is_empty() {
                continue;
            }
            let beside = quoted
                .then(|| index.get(crates::join(dir, spec).as_str()).copied())
                .flatten();
            let target = beside.or_else(|| on_include_path(files, &by_name, dir, spec, quoted));
            match target {
                Some(target) if target != file => out.add_use(file, target, include.line),
                Some(_) => {}
                None => *unresolved.entry(root(spec)).or_insert(0) += 1,
            }
        }
    }
    for (file, (path, _)) in files.iter().enumerate() {
        let Some((stem, ext)) = path.rsplit_once('.') else {
            continue;
        };
        if !SOURCES.contains(&ext.to_ascii_lowercase().as_str()) {
            continue;
        }
        let header = HEADERS
            .iter()
            .find_map(|h| index.get(format!("{stem}.{h}").as_str()).copied());
        if let Some(header) = header.filter(|h| !out.edges.contains_key(&(file, *h))) {
            out.add_use(file, header, 1);
        }
    }
    out.unresolved = unresolved;
    out
}

/// Extensions of C and C++ sources that implement a header of their name.
const SOURCES: &[&str] = &["c", "cc", "cpp", "cxx", "c++"];

/// Extensions of headers, in the order a source's own header is looked for.
const HEADERS: &[&str] = &["h", "hpp", "hh", "hxx", "h++"];

/// The file `spec` names through an inferred include directory, as seen from `dir`.
fn on_include_path(
    files: &[(&str, &FileImports)],
    by_name: &HashMap<&str, Vec<usize>>,
    dir: &str,
    spec: &str,
    quoted: bool,
) -> Option<usize> {
    let spec = crates::join("", spec);
    if spec.starts_with("..") {
        return None;
    }
    let bare = !spec.contains('/');
    let candidates: Vec<(usize, &str)> = by_name
        .get(name(&spec))?
        .iter()
        .map(|&k| (k, files[k].0))
        .filter(|(_, path)| {
            let Some(root) = path.strip_suffix(spec.as_str()) else {
                return false;
            };
            let at_root = root.is_empty() || root.ends_with('/');
            at_root && (quoted || !bare || root == "include/" || root.ends_with("/include/"))
        })
        .collect();
    let shared = |path: &str| common_dirs(crates::parent(path), dir);
    let best = candidates.iter().map(|(_, p)| shared(p)).max()?;
    let mut nearest = candidates.iter().filter(|(_, p)| shared(p) == best);
    let first = nearest.next()?;
    nearest.next().is_none().then_some(first.0)
}

/// How many leading directories two directories share.
fn common_dirs(a: &str, b: &str) -> usize {
    let a = a.split('/').filter(|s| !s.is_empty());
    let b = b.split('/').filter(|s| !s.is_empty());
    a.zip(b).take_while(|(x, y)| x == y).count()
}

/// The file name of a path.
fn name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// What an unresolved include is counted under: its first segment.
fn root(spec: &str) -> String {
    spec.trim_start_matches("./")
        .split('/')
        .next()
        .unwrap_or(spec)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::sources;

    /// Edges `(from, to)` and unresolved roots with their counts.
    type Found = (Vec<(String, String)>, Vec<(String, usize)>);

    fn edges(files: &[(&str, &[&str])]) -> Found {
        let imports: Vec<FileImports> = files.iter().map(|(_, s)| sources(s)).collect();
        let input: Vec<(&str, &FileImports)> = (files.iter().zip(&imports))
            .map(|((p, _), i)| (*p, i))
            .collect();
        let r = resolve(&input);
        let edges: Vec<(String, String)> = (crate::graph::edge_lines(files, &r).into_iter())
            .map(|(a, b, _)| (a.to_string(), b.to_string()))
            .collect();
        (edges, r.unresolved.into_iter().collect())
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn quoted_includes_look_beside_the_file_first() {
        let (e, u) = edges(&[
            (
                "src/main.c",
                &["\"util.h\"", "\"../include/app/api.h\"", "<stdio.h>"],
            ),
            ("src/util.h", &[]),
            ("include/app/api.h", &["\"config.h\""]),
            ("include/app/config.h", &[]),
            ("lib/util.h", &[]),
        ]);
        assert_eq!(
            e,
            pairs(&[
                ("include/app/api.h", "include/app/config.h"),
                ("src/main.c", "include/app/api.h"),
                ("src/main.c", "src/util.h"),
            ])
        );
        assert_eq!(u, vec![("stdio.h".to_string(), 1)]);
    }

    #[test]
    fn the_include_path_is_inferred_from_the_tree() {
        let (e, u) = edges(&[
            (
                "src/spdlog.cpp",
                &["<spdlog/spdlog.h>", "\"spdlog/common.h\"", "<vector>"],
            ),
            (
                "include/spdlog/spdlog.h",
                &["<spdlog/common.h>", "<sys/types.h>"],
            ),
            ("include/spdlog/common.h", &[]),
        ]);
        assert_eq!(
            e,
            pairs(&[
                ("include/spdlog/spdlog.h", "include/spdlog/common.h"),
                ("src/spdlog.cpp", "include/spdlog/common.h"),
                ("src/spdlog.cpp", "include/spdlog/spdlog.h"),
            ])
        );
        assert_eq!(u, vec![("sys".to_string(), 1), ("vector".to_string(), 1)]);
    }

    #[test]
    fn of_several_candidates_the_nearest_wins_and_a_tie_is_not_guessed() {
        let (e, u) = edges(&[
            ("a/src/main.c", &["\"config.h\""]),
            ("a/include/config.h", &[]),
            ("b/include/config.h", &[]),
            ("c/main.c", &["\"config.h\""]),
        ]);
        assert_eq!(e, pairs(&[("a/src/main.c", "a/include/config.h")]));
        assert_eq!(u, vec![("config.h".to_string(), 1)]);
    }

    #[test]
    fn a_bracketed_bare_name_is_a_system_header_unless_in_an_include_directory() {
        let (e, u) = edges(&[
            ("src/main.c", &["<string.h>", "<cJSON.h>"]),
            ("compat/string.h", &[]),
            ("include/cJSON.h", &[]),
        ]);
        assert_eq!(e, pairs(&[("src/main.c", "include/cJSON.h")]));
        assert_eq!(u, vec![("string.h".to_string(), 1)]);
    }

    #[test]
    fn a_source_depends_on_its_own_header_even_without_including_it() {
        let (e, _) = edges(&[
            ("src/jv_alloc.c", &["\"jv.h\""]),
            ("src/jv_alloc.h", &[]),
            ("src/jv.h", &[]),
            ("src/box.cpp", &["\"box.hpp\""]),
            ("src/box.hpp", &[]),
            ("lib/jv.c", &[]),
        ]);
        assert_eq!(
            e,
            pairs(&[
                ("src/box.cpp", "src/box.hpp"),
                ("src/jv_alloc.c", "src/jv.h"),
                ("src/jv_alloc.c", "src/jv_alloc.h"),
            ])
        );
    }

    #[test]
    fn a_file_never_includes_itself_and_a_partial_name_is_no_match() {
        let (e, u) = edges(&[
            ("x.h", &["\"x.h\""]),
            ("src/main.c", &["\"myutil.h\""]),
            ("src/util.h", &[]),
        ]);
        assert!(e.is_empty());
        assert_eq!(u, vec![("myutil.h".to_string(), 1)]);
    }
}
