//! Python: `import a.b` and `from .c import d` resolved to files the way the interpreter finds
//! them from its source roots (README, "Dependency graph"). A module `a.b` is `<root>/a/b.py` or
//! the package `<root>/a/b/__init__.py`. The roots are the scanned directory, `src/` and `lib/`
//! in it, and the directory above every top-level package (the first directory, walking up
//! from a file, without an `__init__.py`). A relative import (`from ..x import y`) starts at the
//! importing file's own package, one level up per dot beyond the first. `from m import n` names
//! the module `m.n` when there is one (a submodule), else `m` (an attribute of it); `import
//! a.b.c` names the module `a.b.c` (Python also runs the packages `a` and `a.b` on the way, but
//! the code uses `a.b.c`, and grimp draws that edge alone). What no file matches is counted by
//! its first segment (`os.path` → `os`), never guessed.

use std::collections::{BTreeSet, HashMap};

use super::{Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// Source roots looked in below the scanned directory, after it, in order.
const ROOTS: &[&str] = &["src/", "lib/"];

/// Python's resolver: packages and source roots.
pub(crate) struct Packages;

impl ImportResolver for Packages {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved {
        resolve(files, context.scope)
    }
}

/// One module an import statement names: how many leading dots (0: absolute), the dotted
/// path after them, and the name imported from it (`from m import n`), if any.
#[derive(Debug, PartialEq, Eq)]
struct Named {
    level: usize,
    module: String,
    name: Option<String>,
}

/// The modules an import statement's text names: `import a.b as c, d` names `a.b` and `d`;
/// `from ..m import (x, y as z)` names `x` and `y` from `..m`; `from m import *` names `m`.
fn statement(text: &str) -> Vec<Named> {
    // One logical line: no comments, no continuations, no parentheses.
    let flat: String = text
        .lines()
        .map(|l| l.split('#').next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\\', '(', ')'], " ");
    let words: Vec<&str> = flat.split_whitespace().collect();
    let dotted = |s: &str| s.split(" as ").next().unwrap_or("").trim().to_string();
    match words.first() {
        Some(&"import") => words[1..]
            .join(" ")
            .split(',')
            .map(dotted)
            .filter(|m| !m.is_empty())
            .map(|module| Named {
                level: 0,
                module,
                name: None,
            })
            .collect(),
        Some(&"from") => {
            let Some(at) = words.iter().position(|w| *w == "import") else {
                return Vec::new();
            };
            let source = words[1..at].concat();
            let level = source.chars().take_while(|c| *c == '.').count();
            let module = source[level..].to_string();
            let names: Vec<String> = words[at + 1..]
                .join(" ")
                .split(',')
                .map(dotted)
                .filter(|n| !n.is_empty() && n != "*")
                .collect();
            if names.is_empty() {
                return vec![Named {
                    level,
                    module,
                    name: None,
                }];
            }
            names
                .into_iter()
                .map(|name| Named {
                    level,
                    module: module.clone(),
                    name: Some(name),
                })
                .collect()
        }
        _ => Vec::new(),
    }
}

/// Resolves the imports of the Python `files` (`(path, imports)`) among those files; `scope` is
/// the scanned directory (empty for the repository root).
fn resolve(files: &[(&str, &FileImports)], scope: &str) -> Resolved {
    let by_path: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(k, (p, _))| (*p, k))
        .collect();
    let is_package = |dir: &str| by_path.contains_key(format!("{dir}__init__.py").as_str());
    let scope = match scope {
        "" => String::new(),
        s => format!("{s}/"),
    };
    // The scanned directory and its usual source roots first, then the directory above each
    // top-level package.
    let mut roots: Vec<String> = std::iter::once(scope.clone())
        .chain(ROOTS.iter().map(|r| format!("{scope}{r}")))
        .collect();
    let mut above: BTreeSet<String> = BTreeSet::new();
    for (path, _) in files {
        let mut dir = parent(path);
        while !dir.is_empty() && is_package(&dir) {
            dir = parent(dir.trim_end_matches('/'));
        }
        above.insert(dir);
    }
    for dir in above {
        if !roots.contains(&dir) {
            roots.push(dir);
        }
    }
    let find = |base: &str, module: &str| -> Option<usize> {
        let rel = module.replace('.', "/");
        let stem = format!("{base}{rel}");
        [format!("{stem}.py"), format!("{stem}/__init__.py")]
            .iter()
            .find_map(|c| by_path.get(c.as_str()).copied())
    };
    let mut out = Resolved {
        modules: vec![None; files.len()],
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    for (file, (path, imports)) in files.iter().enumerate() {
        for import in &imports.sources {
            for named in statement(&import.text) {
                let target = if named.level > 0 {
                    // The importing file's package, then one directory up per further dot.
                    let mut base = parent(path);
                    for _ in 1..named.level {
                        base = parent(base.trim_end_matches('/'));
                    }
                    let module = |m: &str| match (named.module.as_str(), m) {
                        ("", m) => m.to_string(),
                        (p, "") => p.to_string(),
                        (p, m) => format!("{p}.{m}"),
                    };
                    let whole = module(named.name.as_deref().unwrap_or(""));
                    let found = (!whole.is_empty()).then(|| find(&base, &whole)).flatten();
                    found.or_else(|| match named.module.as_str() {
                        "" => by_path.get(format!("{base}__init__.py").as_str()).copied(),
                        m => find(&base, m),
                    })
                } else {
                    // `import a.b.c` names a module; `from m import n` the submodule `m.n`,
                    // else `m` itself (n is one of its attributes).
                    let mut candidates = Vec::new();
                    if let Some(n) = &named.name {
                        candidates.push(format!("{}.{n}", named.module));
                    }
                    candidates.push(named.module.clone());
                    candidates
                        .iter()
                        .find_map(|c| roots.iter().find_map(|root| find(root, c)))
                };
                match target {
                    Some(target) if target == file => {}
                    Some(target) => out.add_use(file, target, import.line),
                    None => {
                        let first = match named.level {
                            0 => named.module.split('.').next().unwrap_or("").to_string(),
                            n => ".".repeat(n),
                        };
                        *out.unresolved.entry(first).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    out
}

/// The directory of `path`, with its trailing `/` (empty at the root).
fn parent(path: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::sources as imports;

    #[test]
    fn statements_name_their_modules() {
        let names = |t: &str| {
            statement(t)
                .into_iter()
                .map(|n| (n.level, n.module, n.name))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("import a.b as c, d"),
            [(0, "a.b".into(), None), (0, "d".into(), None)]
        );
        assert_eq!(
            names("from ..m import (x,  # the x\n    y as z,\n)"),
            [
                (2, "m".into(), Some("x".into())),
                (2, "m".into(), Some("y".into()))
            ]
        );
        assert_eq!(
            names("from . import util"),
            [(1, "".into(), Some("util".into()))]
        );
        assert_eq!(names("from m import *"), [(0, "m".into(), None)]);
        assert_eq!(
            names("from a.b import \\\n    c"),
            [(0, "a.b".into(), Some("c".into()))]
        );
    }

    #[test]
    fn packages_roots_relative_imports_and_unresolved() {
        let empty = imports(&[]);
        let core = imports(&[
            "import os.path",
            "from . import util",
            "from .util import helper",
            "from app.models import User, Group",
            "import app.models.user",
            "from .. import conf",
            "import requests",
        ]);
        let files = [
            ("conf.py", &empty),
            ("src/app/__init__.py", &empty),
            ("src/app/core.py", &core),
            ("src/app/models/__init__.py", &empty),
            ("src/app/models/user.py", &empty),
            ("src/app/util.py", &empty),
        ];
        let r = resolve(&files, "");
        let edges: Vec<(usize, usize, u32)> =
            r.edges.iter().map(|(&(a, b), c)| (a, b, c.uses)).collect();
        // util twice (a submodule, then a module's attribute); models.__init__ for User and
        // Group (attributes); models/user.py for `import app.models.user`; `from .. import
        // conf` goes up to `src/`, where there is no conf.py (the root's is not the package's
        // parent): unresolved as "..".
        assert_eq!(edges, [(2, 3, 2), (2, 4, 1), (2, 5, 2)]);
        assert_eq!(
            r.unresolved,
            [
                ("..".to_string(), 1),
                ("os".to_string(), 1),
                ("requests".to_string(), 1)
            ]
            .into()
        );
    }
}
