//! Java: imports and type names resolved through the packages the files declare (README,
//! "Dependency graph"). A file's `package com.ex.util;` and its top-level types (`class
//! Helper`) give the fully qualified names it declares (`com.ex.util.Helper`), wherever the
//! file sits: no source root (`src/main/java`, a Gradle module) has to be known, and a
//! multi-module build is one index. The edges of a file:
//! - `import com.ex.util.Helper;` (also a nested type, `import com.ex.util.Helper.Inner;`, and
//!   a static import, `import static com.ex.util.Helper.run;` or `….Helper.*;`): to the file
//!   declaring the longest prefix of the path that is a type of the repository;
//! - `import com.ex.util.*;`: to the files of that package that declare a type the file uses
//!   by name (an unused wildcard is no edge, as for the compiler);
//! - a type of its own package used by its simple name, without an import (Java needs none);
//! - a fully qualified name written in the code (`com.ex.util.Helper.run()`).
//!
//! A type declared by two files (the same class in two source sets) links to both. What no
//! file declares (the JDK, libraries) is counted by its root, never guessed: the first segment
//! of the path (`java`, `javax`, `jdk`, `sun`), or the first two for a library's reverse domain
//! name (`org.junit`, `com.google`).

use std::collections::{BTreeMap, HashMap};

use super::{holds, qualify, Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// Java's resolver: declared packages and top-level types.
pub(crate) struct Packages;

impl ImportResolver for Packages {
    fn resolve(&self, files: &[(&str, &FileImports)], _context: &Context) -> Resolved {
        resolve(files)
    }
}

/// One import declaration, read from its text.
#[derive(Debug, PartialEq, Eq)]
struct Import {
    /// The dotted path without `.*` (`com.ex.util`, `com.ex.util.Helper.run`).
    path: String,
    /// `import static`.
    is_static: bool,
    /// Ends in `.*`.
    wildcard: bool,
}

/// Reads `import [static] a.b.C[.*];` (comments and whitespace anywhere in it are dropped).
fn parse_import(text: &str) -> Option<Import> {
    let plain = strip_comments(text);
    let mut words = plain
        .trim()
        .trim_end_matches(';')
        .trim()
        .strip_prefix("import")?
        .trim_start()
        .to_string();
    let is_static = match words.strip_prefix("static") {
        Some(rest) if rest.starts_with(|c: char| c.is_whitespace()) => {
            words = rest.to_string();
            true
        }
        _ => false,
    };
    // Kotlin's `import a.b.C as D`: the alias names the same declaration.
    if let Some((path, _alias)) = words.split_once(" as ") {
        words = path.to_string();
    }
    let mut path: String = words.chars().filter(|c| !c.is_whitespace()).collect();
    let wildcard = path.ends_with(".*");
    if wildcard {
        path.truncate(path.len() - 2);
    }
    (!path.is_empty()).then_some(Import {
        path,
        is_static,
        wildcard,
    })
}

/// `text` without its `//` and `/* */` comments (an import may carry one between its words).
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('/') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("//") {
            rest = after.find('\n').map_or("", |n| &after[n..]);
        } else if let Some(after) = tail.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |n| &after[n + 2..]);
            out.push(' ');
        } else {
            out.push('/');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Resolves the imports of the Java `files` (`(path, imports)`) among those files.
fn resolve(files: &[(&str, &FileImports)]) -> Resolved {
    // Fully qualified type name -> the files declaring it; package -> its files.
    let mut types: HashMap<String, Vec<usize>> = HashMap::new();
    let mut packages: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (_, imports)) in files.iter().enumerate() {
        let package = imports.package.as_deref().unwrap_or("");
        packages.entry(package).or_default().push(k);
        for name in &imports.defines {
            types.entry(qualify(package, name)).or_default().push(k);
        }
    }
    let mut out = Resolved {
        modules: files
            .iter()
            .map(|(path, imports)| Some(module_of(path, imports)))
            .collect(),
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    let owner = |path: &str| super::type_owner(&types, path);
    for (file, (_, imports)) in files.iter().enumerate() {
        let own_package = imports.package.as_deref().unwrap_or("");
        let mut targets: BTreeMap<usize, u32> = BTreeMap::new();
        let link = |targets: &mut BTreeMap<usize, u32>, to: usize, line: u32| {
            if to != file {
                let first = targets.entry(to).or_insert(line);
                *first = (*first).min(line);
            }
        };
        // Simple type names used; dotted ones are fully qualified (or `Outer.Inner`).
        let (dotted, simple): (Vec<&String>, Vec<&String>) =
            imports.names.iter().partition(|n| n.contains('.'));
        let uses = |t: usize| simple.iter().any(|n| holds(&files[t].1.defines, n));
        for source in &imports.sources {
            let Some(import) = parse_import(&source.text) else {
                continue;
            };
            let found: Vec<usize> = if import.wildcard && !import.is_static {
                match packages.get(import.path.as_str()) {
                    Some(members) => members.iter().copied().filter(|&t| uses(t)).collect(),
                    // `import a.b.Outer.*;` brings Outer's nested types.
                    None => types.get(&import.path).cloned().unwrap_or_default(),
                }
            } else {
                // A static import names a member: its owner is a prefix of the path.
                owner(&import.path).cloned().unwrap_or_default()
            };
            let known = packages.contains_key(import.path.as_str()) || !found.is_empty();
            if !known {
                *unresolved.entry(root(&import.path)).or_insert(0) += 1;
            }
            for t in found {
                link(&mut targets, t, source.line);
            }
        }
        // Types of the file's own package, named without an import.
        if let Some(members) = packages.get(own_package) {
            for &t in members.iter().filter(|&&t| uses(t)) {
                link(&mut targets, t, 1);
            }
        }
        // Fully qualified names in the code, and `Outer.Inner` of the own package.
        for name in dotted {
            let found = owner(name).or_else(|| {
                let first = name.split('.').next().unwrap_or("");
                types.get(&qualify(own_package, first))
            });
            for &t in found.into_iter().flatten() {
                link(&mut targets, t, 1);
            }
        }
        for (to, line) in targets {
            out.add_use(file, to, line);
        }
    }
    out.unresolved = unresolved;
    out
}

/// The module a file is: its package and its file name (`com.ex.util.Helper`), the name of
/// its public type by Java's rule.
fn module_of(path: &str, imports: &FileImports) -> String {
    let file = path.rsplit('/').next().unwrap_or(path);
    let stem = file.strip_suffix(".java").unwrap_or(file);
    qualify(imports.package.as_deref().unwrap_or(""), stem)
}

/// Roots of the Java platform, counted by their first segment.
const PLATFORM: &[&str] = &["java", "javax", "jdk", "sun"];

/// What an unresolved name is counted by ([`super::dotted_root`] with the platform's roots).
fn root(path: &str) -> String {
    super::dotted_root(path, PLATFORM)
}

/// The distinct files a set of edges reaches, for tests.
#[cfg(test)]
fn edges(r: &Resolved) -> std::collections::BTreeSet<(usize, usize)> {
    r.edges.keys().copied().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::imports::ImportSource;
    use std::collections::BTreeSet;

    fn file(package: &str, defines: &[&str], imports: &[&str], names: &[&str]) -> FileImports {
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.sort();
        let mut defines: Vec<String> = defines.iter().map(|s| s.to_string()).collect();
        defines.sort();
        FileImports {
            sources: imports
                .iter()
                .enumerate()
                .map(|(k, t)| ImportSource {
                    text: t.to_string(),
                    line: k as u32 + 2,
                    reexport: false,
                })
                .collect(),
            names,
            defines,
            package: (!package.is_empty()).then(|| package.to_string()),
            ..FileImports::default()
        }
    }

    #[test]
    fn import_declarations_are_read() {
        let read = |t| parse_import(t).map(|i| (i.path, i.is_static, i.wildcard));
        let table = [
            ("import a.b.C;", Some(("a.b.C", false, false))),
            ("import a.b.*;", Some(("a.b", false, true))),
            ("import static a.b.C.run;", Some(("a.b.C.run", true, false))),
            ("import static a.b.C.*;", Some(("a.b.C", true, true))),
            ("import a . b /* x */ . C ;", Some(("a.b.C", false, false))),
            ("import staticky.C;", Some(("staticky.C", false, false))),
            ("import ;", None),
        ];
        for (text, expected) in table {
            let expected = expected.map(|(p, s, w)| (p.to_string(), s, w));
            assert_eq!(read(text), expected, "{text}");
        }
    }

    #[test]
    fn imports_wildcards_same_package_and_qualified_names() {
        let files = [
            // 0: the importer.
            file(
                "com.ex.app",
                &["App"],
                &[
                    "import com.ex.util.Helper;",
                    "import com.ex.model.*;",
                    "import static com.ex.util.Strings.trim;",
                    "import java.util.List;",
                    "import org.junit.jupiter.api.Test;",
                ],
                &["Helper", "User", "List", "Config", "com.ex.io.Files"],
            ),
            // 1: imported by name.
            file("com.ex.util", &["Helper"], &[], &[]),
            // 2: its static member imported.
            file("com.ex.util", &["Strings"], &[], &[]),
            // 3, 4: a wildcard's package; only the type used is an edge.
            file("com.ex.model", &["User"], &[], &[]),
            file("com.ex.model", &["Order"], &[], &[]),
            // 5: the own package, used without an import; 6: not used.
            file("com.ex.app", &["Config"], &[], &[]),
            file("com.ex.app", &["Unused"], &[], &[]),
            // 7: named fully qualified in the code.
            file("com.ex.io", &["Files"], &[], &[]),
        ];
        let refs: Vec<(&str, &FileImports)> = files
            .iter()
            .enumerate()
            .map(|(k, f)| (["a", "b", "c", "d", "e", "f", "g", "h"][k], f))
            .collect();
        let r = resolve(&refs);
        let expected: BTreeSet<(usize, usize)> = [(0, 1), (0, 2), (0, 3), (0, 5), (0, 7)]
            .into_iter()
            .collect();
        assert_eq!(edges(&r), expected);
        assert_eq!(r.edges[&(0, 1)].line, 2);
        let unresolved: Vec<(&str, usize)> =
            r.unresolved.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(unresolved, [("java", 1), ("org.junit", 1)]);
        assert_eq!(r.modules[0].as_deref(), Some("com.ex.app.a"));
    }

    #[test]
    fn nested_types_and_duplicates() {
        let files = [
            file(
                "p",
                &["A"],
                &["import q.Outer.Inner;", "import q.Outer.*;"],
                &["Inner", "Dup.Nested"],
            ),
            file("q", &["Outer"], &[], &[]),
            // The same type in two source sets: both are linked.
            file("p", &["Dup"], &[], &[]),
            file("p", &["Dup"], &[], &[]),
        ];
        let refs: Vec<(&str, &FileImports)> = files
            .iter()
            .enumerate()
            .map(|(k, f)| (["a", "b", "c", "d"][k], f))
            .collect();
        let r = resolve(&refs);
        let expected: BTreeSet<(usize, usize)> = [(0, 1), (0, 2), (0, 3)].into_iter().collect();
        assert_eq!(edges(&r), expected);
        assert!(r.unresolved.is_empty());
    }

    #[test]
    fn roots_of_unresolved_imports() {
        assert_eq!(root("java.util.List"), "java");
        assert_eq!(root("javax.inject.Inject"), "javax");
        assert_eq!(root("org.junit.Test"), "org.junit");
        assert_eq!(root("Single"), "Single");
    }
}
