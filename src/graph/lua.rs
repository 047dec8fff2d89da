//! Lua: `require("a.b")` resolved to files the way `package.path`'s usual templates find them
//! (README, "Dependency graph"): `.` becomes `/`, then for each root in order — the repository
//! root, `lua/` (Neovim plugins), `src/`, `lib/` — `<root>/a/b.lua`, then
//! `<root>/a/b/init.lua`; the first file that exists wins. `package.path` is relative to the
//! directory Lua runs in, usually the project's own: the roots are looked for first in the
//! scanned directory (`debtscan graph tools/nvim` names the project), then, when that finds
//! nothing, in each directory between it and the requiring file, outermost first (a Lua
//! project in a subdirectory of a larger repository scanned whole). What no file matches is
//! counted by its first segment (`socket.http` → `socket`), never guessed. Lua has no
//! re-exports and no qualified paths in code: every reference is a `use`.

use std::collections::HashMap;

use super::{Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// Directories `require` names are looked up in, in order.
const ROOTS: &[&str] = &["", "lua/", "src/", "lib/"];

/// Lua's resolver: `package.path`-style roots.
pub(crate) struct PackagePath;

impl ImportResolver for PackagePath {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved {
        resolve(files, context.scope)
    }
}

/// Resolves the `require`s of the Lua `files` (`(path, imports)`) among those files; `scope`
/// is the scanned directory (empty for the repository root).
fn resolve(files: &[(&str, &FileImports)], scope: &str) -> Resolved {
    let by_path: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(k, (p, _))| (*p, k))
        .collect();
    let mut out = Resolved {
        modules: vec![None; files.len()],
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    for (file, (path, imports)) in files.iter().enumerate() {
        // The scanned directory, then each directory below it down to the file's own.
        let scope = match scope {
            "" => String::new(),
            s => format!("{s}/"),
        };
        let mut bases = vec![scope.clone()];
        if let Some((inner, _)) = path.strip_prefix(&scope).and_then(|p| p.rsplit_once('/')) {
            let mut dir = scope;
            for part in inner.split('/') {
                dir = format!("{dir}{part}/");
                bases.push(dir.clone());
            }
        }
        for import in &imports.sources {
            let name = import.text.trim();
            if name.is_empty() {
                continue;
            }
            let rel = name.replace('.', "/");
            let target = bases
                .iter()
                .flat_map(|base| {
                    ROOTS
                        .iter()
                        .map(|root| format!("{base}{root}{rel}"))
                        .collect::<Vec<_>>()
                })
                .flat_map(|stem| [format!("{stem}.lua"), format!("{stem}/init.lua")])
                .find_map(|candidate| by_path.get(candidate.as_str()).copied());
            match target {
                Some(target) if target == file => {}
                Some(target) => out.add_use(file, target, import.line),
                None => {
                    let first = name.split('.').next().unwrap_or(name);
                    *out.unresolved.entry(first.to_string()).or_insert(0) += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::sources as imports;

    #[test]
    fn roots_in_order_init_files_self_and_unresolved() {
        let main = imports(&["a.b", "c", "d", "main", "socket.http", "a.b"]);
        let empty = imports(&[]);
        let files = [
            ("a/b.lua", &empty),
            ("lua/a/b.lua", &empty),
            ("lua/c/init.lua", &empty),
            ("lib/d.lua", &empty),
            ("main.lua", &main),
        ];
        let r = resolve(&files, "");
        let edges: Vec<(usize, usize, u32, u32)> = r
            .edges
            .iter()
            .map(|(&(a, b), c)| (a, b, c.uses, c.line))
            .collect();
        // The root's a/b.lua shadows lua/a/b.lua; two requires of it make one edge.
        assert_eq!(edges, [(4, 0, 2, 1), (4, 2, 1, 2), (4, 3, 1, 3)]);
        assert_eq!(r.unresolved, [("socket".to_string(), 1)].into());
    }

    #[test]
    fn a_project_in_a_subdirectory_resolves_from_its_own_root() {
        let main = imports(&["app.util", "util"]);
        let empty = imports(&[]);
        let files = [
            ("tools/nvim/lua/app/util.lua", &empty),
            ("tools/nvim/plugin/main.lua", &main),
            ("util.lua", &empty),
        ];
        let r = resolve(&files, "");
        let edges: Vec<(usize, usize)> = r.edges.keys().copied().collect();
        // `util` is found at the repository root first; `app.util` only below `tools/nvim/`.
        assert_eq!(edges, [(1, 0), (1, 2)]);
        assert!(r.unresolved.is_empty());
        // Scanning the project itself: its own root comes first.
        let files = [
            ("tools/nvim/lua/app/util.lua", &empty),
            ("tools/nvim/plugin/main.lua", &main),
            ("tools/nvim/util.lua", &empty),
            ("util.lua", &empty),
        ];
        let r = resolve(&files, "tools/nvim");
        let edges: Vec<(usize, usize)> = r.edges.keys().copied().collect();
        assert_eq!(edges, [(1, 0), (1, 2)]);
    }
}
