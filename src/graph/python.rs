//! Python: `import a.b` and `from .c import d` resolved to files the way the interpreter finds
//! them from its source roots (README, "Dependency graph"). A module `a.b` is `<root>/a/b.py` or
//! the package `<root>/a/b/__init__.py`. The roots are the scanned directory, `src/` and `lib/`
//! in it, and the directory above every top-level package (the first directory, walking up
//! from a file, without an `__init__.py`). A relative import (`from ..x import y`) starts at the
//! importing file's own package, one level up per dot beyond the first. `from m import n` names
//! the module `m.n` when there is one (a submodule), else `m` (an attribute of it); `import
//! a.b.c` names the module `a.b.c` (Python also runs the packages `a` and `a.b` on the way, but
//! the code uses `a.b.c`, and grimp draws that edge alone). What no file matches is counted by
//! its first segment (`os.path` → `os`), never guessed. A package's `__init__.py` re-exports
//! what it imports with `from … import` at its top level (`from .core import Command`, for
//! `from click import Command`): those references are re-exports, a facade, as JavaScript's
//! `export … from`.

use std::collections::{BTreeSet, HashMap};

use super::{Context, ImportResolver, Resolved};
use crate::model::RefKind;
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
    /// The name the statement binds for it: its `as` alias, else `name`, else the module's
    /// first segment (`import a.b` binds `a`).
    binds: String,
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
    let binds = |s: &str| {
        let bound = s.rsplit(" as ").next().unwrap_or("").trim();
        bound.split('.').next().unwrap_or("").to_string()
    };
    match words.first() {
        Some(&"import") => words[1..]
            .join(" ")
            .split(',')
            .map(|part| (dotted(part), binds(part)))
            .filter(|(module, _)| !module.is_empty())
            .map(|(module, binds)| Named {
                level: 0,
                module,
                name: None,
                binds,
            })
            .collect(),
        Some(&"from") => {
            let Some(at) = words.iter().position(|w| *w == "import") else {
                return Vec::new();
            };
            let source = words[1..at].concat();
            let level = source.chars().take_while(|c| *c == '.').count();
            let module = source[level..].to_string();
            let names: Vec<(String, String)> = words[at + 1..]
                .join(" ")
                .split(',')
                .map(|part| (dotted(part), binds(part)))
                .filter(|(n, _)| !n.is_empty() && n != "*")
                .collect();
            if names.is_empty() {
                return vec![Named {
                    level,
                    module,
                    name: None,
                    binds: String::new(),
                }];
            }
            names
                .into_iter()
                .map(|(name, binds)| Named {
                    level,
                    module: module.clone(),
                    name: Some(name),
                    binds,
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
    let absolute = AbsoluteModules::index(files, &roots);
    let mut out = Resolved {
        modules: vec![None; files.len()],
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    for (file, (path, imports)) in files.iter().enumerate() {
        // A package's `__init__.py` forwards what it imports at its top level.
        let facade = *path == "__init__.py" || path.ends_with("/__init__.py");
        for import in &imports.sources {
            for named in statement(&import.text) {
                // A name the `__init__.py` uses itself is its own use too.
                let used = imports.names.binary_search(&named.binds).is_ok();
                let kind = match import.reexport && facade && !used {
                    true => RefKind::Reexport,
                    false => RefKind::Use,
                };
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
                    candidates.iter().find_map(|c| absolute.find(c))
                };
                match target {
                    Some(target) if target == file => {}
                    Some(target) => out.add(file, target, import.line, kind),
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

/// Every module an absolute import can name, by its dotted name: what [`resolve`]'s roots,
/// tried in order, would find first. Built once, so that an import costs one lookup however
/// many roots a tree has (copies of a project side by side have one per copy).
struct AbsoluteModules(HashMap<String, (usize, bool, usize)>);

impl AbsoluteModules {
    fn index(files: &[(&str, &FileImports)], roots: &[String]) -> AbsoluteModules {
        let rank: HashMap<&str, usize> = roots
            .iter()
            .enumerate()
            .rev()
            .map(|(k, r)| (r.as_str(), k))
            .collect();
        let mut modules: HashMap<String, (usize, bool, usize)> = HashMap::new();
        for (file, (path, _)) in files.iter().enumerate() {
            let (stem, package) = match path.strip_suffix("/__init__.py") {
                Some(dir) => (dir, true),
                None => match path.strip_suffix(".py") {
                    Some(stem) => (stem, false),
                    None => continue,
                },
            };
            // Every directory above the file that is a root names it by the rest of its path;
            // a segment with a dot in it is no module name.
            let ends = std::iter::once(0).chain(stem.match_indices('/').map(|(k, _)| k + 1));
            for end in ends {
                let (root, rest) = stem.split_at(end);
                let Some(&r) = rank.get(root) else { continue };
                if rest.is_empty() || rest.contains('.') {
                    continue;
                }
                let key = (r, package, file);
                let dotted = rest.replace('/', ".");
                let best = modules.entry(dotted).or_insert(key);
                if key < *best {
                    *best = key;
                }
            }
        }
        AbsoluteModules(modules)
    }

    /// The file of the dotted module `name`: in the first root that has it, `name.py` before
    /// `name/__init__.py`.
    fn find(&self, name: &str) -> Option<usize> {
        self.0.get(name).map(|&(_, _, file)| file)
    }
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
    fn statements_bind_names() {
        let binds = |t: &str| {
            statement(t)
                .into_iter()
                .map(|n| n.binds)
                .collect::<Vec<_>>()
        };
        assert_eq!(binds("import a.b as c, d.e"), ["c", "d"]);
        assert_eq!(binds("from ..m import (x, y as z)"), ["x", "z"]);
        assert_eq!(binds("from . import _sysconfig"), ["_sysconfig"]);
        assert_eq!(binds("from m import *"), [""]);
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

    #[test]
    fn the_first_root_wins_and_a_module_file_before_its_package() {
        let empty = imports(&[]);
        let main = imports(&["import tools", "import shared.io", "import cfg.v1"]);
        let files = [
            ("main.py", &main),
            ("src/tools.py", &empty),
            ("tools/__init__.py", &empty),
            ("tools.py", &empty),
            ("vendor/shared/__init__.py", &empty),
            ("vendor/shared/io.py", &empty),
            ("lib/shared/io.py", &empty),
            ("cfg.v1.py", &empty),
        ];
        let r = resolve(&files, "");
        let edges: Vec<(usize, usize)> = r.edges.keys().copied().collect();
        // `tools`: the scanned directory is the first root, and there `tools.py` comes before
        // the package `tools/__init__.py` (src/tools.py is in a later root). `shared.io`:
        // `lib/` comes before the directory above the top-level package `vendor/shared`.
        // `cfg.v1` names `cfg/v1.py`, never the file `cfg.v1.py`.
        assert_eq!(edges, [(0, 3), (0, 6)]);
        assert_eq!(r.unresolved, [("cfg".to_string(), 1)].into());
    }
}
