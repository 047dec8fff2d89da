//! Go: `import "example.com/app/store"` resolved through the `go.mod` files of the repository
//! (README, "Dependency graph"). A Go import names a *package*, which is a directory: the
//! module whose path is the longest prefix of the import path gives the directory
//! (`<go.mod's directory>/<rest of the path>`). The package's files are its `.go` files
//! directly in that directory, without the `_test.go` files, which are not part of the package
//! another package imports. The importing file gets an edge to each of them that declares a
//! name it uses qualified (`store.Open`, the type `store.Options`, with the package's name or
//! the import's alias): a package of thirty files used for one function is one edge, not
//! thirty. A blank or dot import, or one whose uses name no declaration (a method reached
//! through a value), gets an edge to every file of the package. Files of one package see
//! each other without imports, so they have no edges between them (Go forbids import cycles
//! between packages, so a cycle in a Go graph is an error of this resolver).
//!
//! What no module of the repository matches — the standard library, other modules, a path
//! whose directory holds no Go file — is counted by its root, never guessed: the first segment
//! (`fmt`, `net` for `net/http`), or for a path that starts with a domain the first three
//! (`github.com/spf13/cobra`). A `go.mod` without a `module` line is reported and its packages
//! are not found by import path.

use std::collections::{BTreeMap, HashMap};

use super::{crates, holds, Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// Go's resolver: modules from `go.mod`, packages as directories.
pub(crate) struct Modules;

impl ImportResolver for Modules {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved {
        let mut warnings = Vec::new();
        let mut modules = Vec::new();
        for (path, text) in context.manifests {
            if path != "go.mod" && !path.ends_with("/go.mod") {
                continue;
            }
            match module_path(text) {
                Some(module) => modules.push((crates::parent(path).to_string(), module)),
                None => warnings.push(format!(
                    "{path} has no `module` line: imports of its packages are not resolved"
                )),
            }
        }
        let mut out = resolve(files, &modules);
        out.warnings.extend(warnings);
        out
    }
}

/// The module path a `go.mod` declares (`module example.com/app`, also quoted, with a
/// trailing `// comment`), if any.
fn module_path(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.split("//").next().unwrap_or("").trim();
        let rest = line.strip_prefix("module")?;
        if !rest.starts_with([' ', '\t', '"']) {
            return None;
        }
        let path = rest.trim().trim_matches(['"', '`']);
        (!path.is_empty()).then(|| path.to_string())
    })
}

/// Resolves the imports of the Go `files` (`(path, imports)`) among those files, given the
/// modules (`(directory of go.mod, module path)`) of the repository.
fn resolve(files: &[(&str, &FileImports)], modules: &[(String, String)]) -> Resolved {
    // Each package directory's files, the `_test.go` files left out.
    let mut packages: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (path, _)) in files.iter().enumerate() {
        if !path.ends_with("_test.go") {
            packages.entry(crates::parent(path)).or_default().push(k);
        }
    }
    let mut out = Resolved {
        modules: vec![None; files.len()],
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    for (file, (path, imports)) in files.iter().enumerate() {
        let own = crates::parent(path);
        out.modules[file] = modules
            .iter()
            .filter(|(dir, _)| inside(own, dir))
            .max_by_key(|(dir, _)| dir.len())
            .map(|(dir, module)| {
                match own
                    .strip_prefix(dir.as_str())
                    .unwrap_or("")
                    .trim_start_matches('/')
                {
                    "" => module.clone(),
                    rest => format!("{module}/{rest}"),
                }
            });
        for import in &imports.sources {
            let (alias, name) = spec(&import.text);
            if name.is_empty() || name == "C" {
                // cgo's pseudo-package.
                continue;
            }
            let dir = modules
                .iter()
                .filter_map(|(dir, module)| {
                    let rest = name.strip_prefix(module.as_str())?;
                    (rest.is_empty() || rest.starts_with('/')).then_some((dir, module, rest))
                })
                .max_by_key(|(_, module, _)| module.len())
                .map(|(dir, _, rest)| crates::join(dir, rest.trim_start_matches('/')));
            match dir.as_deref().and_then(|d| packages.get(d)) {
                Some(targets) => {
                    for target in used(files, file, targets, alias) {
                        out.add_use(file, target, import.line);
                    }
                }
                None => *unresolved.entry(root(name)).or_insert(0) += 1,
            }
        }
    }
    out.unresolved = unresolved;
    out
}

/// The alias (`st`, `_`, `.`; `None` without one) and the path of an import spec as written
/// (`st "example.com/app/store"`).
fn spec(text: &str) -> (Option<&str>, &str) {
    let text = text.trim();
    match text.find(['"', '`']) {
        Some(at) => {
            let alias = text[..at].trim();
            let path = text[at..].trim().trim_matches(['"', '`']);
            ((!alias.is_empty()).then_some(alias), path)
        }
        None => (None, text),
    }
}

/// The files of an imported package (`targets`) that file `file` uses: those declaring a name
/// it uses qualified by the package's name (or the import's alias). A blank (`_`) or dot (`.`)
/// import, or one whose uses name nothing the package's files declare (a method through a
/// value, say), uses the whole package: every file of it.
fn used(
    files: &[(&str, &FileImports)],
    file: usize,
    targets: &[usize],
    alias: Option<&str>,
) -> Vec<usize> {
    let others = targets.iter().copied().filter(|&t| t != file);
    let qualifier = match alias {
        Some("_" | ".") => return others.collect(),
        Some(alias) => Some(alias),
        None => targets.iter().find_map(|&t| files[t].1.package.as_deref()),
    };
    let Some(qualifier) = qualifier else {
        return others.collect();
    };
    let prefix = format!("{qualifier}.");
    let names: Vec<&str> = (files[file].1.names.iter())
        .filter_map(|n| n.strip_prefix(&prefix))
        .collect();
    let declaring: Vec<usize> = others
        .clone()
        .filter(|&t| names.iter().any(|n| holds(&files[t].1.defines, n)))
        .collect();
    match declaring.is_empty() {
        true => others.collect(),
        false => declaring,
    }
}

/// Whether directory `dir` is `base` or below it (`""` is the repository root).
fn inside(dir: &str, base: &str) -> bool {
    base.is_empty() || dir == base || dir.starts_with(&format!("{base}/"))
}

/// What an unresolved import path is counted by: its first segment, or its first three when
/// the first is a domain (`github.com/spf13/cobra/doc` → `github.com/spf13/cobra`).
fn root(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    match parts[0].contains('.') {
        true => parts[..parts.len().min(3)].join("/"),
        false => parts[0].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::sources as imports;

    #[test]
    fn module_lines() {
        assert_eq!(
            module_path("// x\nmodule example.com/app // the app\n\ngo 1.22\n"),
            Some("example.com/app".to_string())
        );
        assert_eq!(module_path("module \"a/b\"\n"), Some("a/b".to_string()));
        assert_eq!(module_path("modules x\ngo 1.21\n"), None);
        assert_eq!(module_path("{ not a go.mod"), None);
    }

    #[test]
    fn packages_are_directories_without_their_tests() {
        let main = imports(&[
            "\"example.com/app/store\"",
            "\"fmt\"",
            "\"github.com/spf13/cobra/doc\"",
            "`example.com/app/missing`",
            "\"C\"",
        ]);
        let store = imports(&["\"net/http\""]);
        let test = imports(&["\"example.com/app/store\""]);
        let empty = imports(&[]);
        let files = [
            ("cmd/app/main.go", &main),
            ("store/db.go", &store),
            ("store/db_test.go", &test),
            ("store/kv.go", &empty),
            ("store/sub/deep.go", &empty),
        ];
        let r = resolve(&files, &[(String::new(), "example.com/app".to_string())]);
        let edges: Vec<(usize, usize, u32)> = r
            .edges
            .keys()
            .map(|&(a, b)| (a, b, r.edges[&(a, b)].line))
            .collect();
        // Both non-test files of store/, not its test file nor its subpackage; the external
        // test file reaches its package too.
        assert_eq!(edges, [(0, 1, 1), (0, 3, 1), (2, 1, 1), (2, 3, 1)]);
        assert_eq!(
            r.unresolved,
            [
                ("example.com/app/missing".to_string(), 1),
                ("fmt".to_string(), 1),
                ("github.com/spf13/cobra".to_string(), 1),
                ("net".to_string(), 1),
            ]
            .into()
        );
        assert_eq!(r.modules[0].as_deref(), Some("example.com/app/cmd/app"));
    }

    #[test]
    fn a_qualified_use_leads_to_the_files_declaring_the_name() {
        let with = |sources: &[&str], names: &[&str], defines: &[&str]| FileImports {
            names: names.iter().map(|n| n.to_string()).collect(),
            defines: defines.iter().map(|n| n.to_string()).collect(),
            package: Some("store".into()),
            ..imports(sources)
        };
        let main = with(
            &["\"example.com/app/store\"", "st \"example.com/app/store\""],
            &["st.Get", "store.Open", "x.Open"],
            &["main"],
        );
        let blank = with(&["_ \"example.com/app/store\""], &[], &[]);
        let files = [
            ("blank.go", &blank),
            ("main.go", &main),
            ("store/db.go", &with(&[], &[], &["DB", "Open"])),
            ("store/kv.go", &with(&[], &[], &["Get", "KV"])),
            ("store/util.go", &with(&[], &[], &["helper"])),
        ];
        let r = resolve(&files, &[(String::new(), "example.com/app".to_string())]);
        let edges: Vec<(usize, usize, u32)> = r
            .edges
            .keys()
            .map(|&(a, b)| (a, b, r.edges[&(a, b)].line))
            .collect();
        // `store.Open` through the package's name, `st.Get` through the alias; a blank import
        // runs every file's `init`.
        assert_eq!(
            edges,
            [(0, 2, 1), (0, 3, 1), (0, 4, 1), (1, 2, 1), (1, 3, 2)]
        );
        assert_eq!(spec("st \"a/b\""), (Some("st"), "a/b"));
        assert_eq!(spec("`a/b`"), (None, "a/b"));
    }

    #[test]
    fn the_longest_module_path_wins_in_a_multi_module_repository() {
        let main = imports(&[
            "\"example.com/app/tools/lint\"",
            "\"example.com/app/tools\"",
        ]);
        let empty = imports(&[]);
        let files = [
            ("main.go", &main),
            ("tools/go.go", &empty),
            ("tools/lint/lint.go", &empty),
        ];
        let modules = [
            (String::new(), "example.com/app".to_string()),
            ("tools".to_string(), "example.com/app/tools".to_string()),
        ];
        let r = resolve(&files, &modules);
        assert_eq!(
            r.edges.keys().copied().collect::<Vec<_>>(),
            [(0, 1), (0, 2)]
        );
        assert!(r.unresolved.is_empty());
    }
}
