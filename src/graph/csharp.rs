//! C#: `using` directives and type names resolved through the namespaces the files declare
//! (README, "Dependency graph"). A file's `namespace Acme.Util` (block or file-scoped) and the
//! types it declares in it (`class Helper`) give the names other files use
//! (`Acme.Util.Helper`), wherever the file sits: no project file (`.csproj`) is read, and a
//! solution of many projects is one index. The edges of a file go to the files declaring a type
//! it uses by its simple name and that it sees:
//! - in its own namespace and the namespaces around it (`Acme.Util.Text` sees `Acme.Util` and
//!   `Acme`), as C# needs no `using` for them;
//! - in a namespace of its `using` directives, and of any file's `global using` (C# 10);
//! - a `using static Acme.Util.Strings;` or an alias of a type (`using S =
//!   Acme.Util.Strings;`) goes to the type's file;
//! - a type used by its fully qualified name (`Acme.Util.Helper.Run()`);
//! - an attribute `[Retry]` goes to the class `RetryAttribute` (or `Retry`), as C# looks it up.
//!
//! A namespace or type no file declares (the .NET libraries, packages) is counted by its root,
//! never guessed: the first segment for the platform (`System`, `Microsoft`, `Windows`), else
//! the first two (`Newtonsoft.Json`, `Xunit.Abstractions` → `Xunit.Abstractions`). A file with
//! several namespace blocks is read as in its first.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{holds, qualify, Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// C#'s resolver: declared namespaces and their types.
pub(crate) struct Namespaces;

impl ImportResolver for Namespaces {
    fn resolve(&self, files: &[(&str, &FileImports)], _context: &Context) -> Resolved {
        resolve(files)
    }
}

/// One `using` directive, read from its text.
#[derive(Debug, PartialEq, Eq)]
struct Using {
    /// The namespace or type it names (`Acme.Util`, `Acme.Util.Strings`).
    path: String,
    /// `using static`.
    is_static: bool,
    /// `using X = …;`: the alias.
    alias: Option<String>,
    /// `global using`: it holds in every file of the project.
    global: bool,
}

/// Reads `[global] using [static] [Alias =] A.B.C;` (comments dropped).
fn parse_using(text: &str) -> Option<Using> {
    let plain: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ");
    let mut rest = plain.trim().trim_end_matches(';').trim();
    let global = match rest.strip_prefix("global") {
        Some(r) if r.starts_with(char::is_whitespace) => {
            rest = r.trim_start();
            true
        }
        _ => false,
    };
    rest = rest.strip_prefix("using")?.trim_start();
    let is_static = match rest.strip_prefix("static") {
        Some(r) if r.starts_with(char::is_whitespace) => {
            rest = r.trim_start();
            true
        }
        _ => false,
    };
    let (alias, path) = match rest.split_once('=') {
        Some((alias, path)) => (Some(alias.trim().to_string()), path.trim()),
        None => (None, rest),
    };
    // `global::Acme.Util` names the same namespace; type arguments are no part of the name.
    let path = path.trim_start_matches("global::");
    let path: String = path
        .split('<')
        .next()
        .unwrap_or(path)
        .split_whitespace()
        .collect();
    (!path.is_empty()).then_some(Using {
        path,
        is_static,
        alias,
        global,
    })
}

fn resolve(files: &[(&str, &FileImports)]) -> Resolved {
    let mut types: HashMap<String, Vec<usize>> = HashMap::new();
    let mut namespaces: BTreeSet<String> = BTreeSet::new();
    let mut global_usings: Vec<String> = Vec::new();
    for (k, (_, imports)) in files.iter().enumerate() {
        let namespace = namespace_of(imports);
        for prefix in prefixes(&namespace) {
            namespaces.insert(prefix.to_string());
        }
        for name in &imports.defines {
            types.entry(qualify(&namespace, name)).or_default().push(k);
        }
        for source in &imports.sources {
            if let Some(u) = parse_using(&source.text).filter(|u| u.global && !u.is_static) {
                global_usings.push(u.path);
            }
        }
    }
    let mut out = Resolved {
        modules: (files.iter())
            .map(|(_, imports)| Some(namespace_of(imports)).filter(|n| !n.is_empty()))
            .collect(),
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    let owner = |path: &str| super::type_owner(&types, path);
    for (file, (_, imports)) in files.iter().enumerate() {
        let own = namespace_of(imports);
        let mut targets: BTreeMap<usize, u32> = BTreeMap::new();
        let mut link = |to: usize, line: u32| {
            if to != file {
                let first = targets.entry(to).or_insert(line);
                *first = (*first).min(line);
            }
        };
        let (dotted, simple): (Vec<&String>, Vec<&String>) =
            imports.names.iter().partition(|n| n.contains('.'));
        // Namespaces whose types the file sees by their simple names, with the line that
        // brings each (1: its own and the global ones).
        let mut seen: Vec<(String, u32)> = prefixes(&own).map(|p| (p.to_string(), 1)).collect();
        seen.extend(global_usings.iter().map(|g| (g.clone(), 1)));
        for source in &imports.sources {
            let Some(using) = parse_using(&source.text) else {
                continue;
            };
            if using.global && !using.is_static {
                continue;
            }
            let is_namespace = namespaces.contains(&using.path);
            let as_type = types.get(&using.path).or_else(|| {
                // `using static Outer.Inner;` names a nested type: its owner's file.
                (using.is_static).then(|| owner(&using.path)).flatten()
            });
            match (as_type, is_namespace) {
                (Some(found), _) if using.is_static || using.alias.is_some() => {
                    for &t in found {
                        link(t, source.line);
                    }
                }
                (_, true) => seen.push((using.path.clone(), source.line)),
                (Some(_), false) => {}
                (None, false) => *unresolved.entry(root(&using.path)).or_insert(0) += 1,
            }
        }
        for (namespace, line) in &seen {
            for name in &simple {
                // `[Retry]` names the attribute class `RetryAttribute`, as C# looks it up.
                for name in [name.to_string(), format!("{name}Attribute")] {
                    for &t in types.get(&qualify(namespace, &name)).into_iter().flatten() {
                        if holds(&files[t].1.defines, &name) {
                            link(t, *line);
                        }
                    }
                }
            }
        }
        for name in dotted {
            for &t in owner(name).into_iter().flatten() {
                link(t, 1);
            }
        }
        for (to, line) in targets {
            out.add_use(file, to, line);
        }
    }
    out.unresolved = unresolved;
    out
}

/// The namespace a file declares (its first), without whitespace; empty for none.
fn namespace_of(imports: &FileImports) -> String {
    (imports.package.as_deref().unwrap_or(""))
        .split_whitespace()
        .collect()
}

/// `Acme.Util.Text`, `Acme.Util`, `Acme` (nothing for the global namespace).
fn prefixes(namespace: &str) -> impl Iterator<Item = &str> {
    let mut next = (!namespace.is_empty()).then_some(namespace);
    std::iter::from_fn(move || {
        let current = next?;
        next = current.rfind('.').map(|at| &current[..at]);
        Some(current)
    })
}

/// Roots of the .NET platform, counted by their first segment.
const PLATFORM: &[&str] = &["System", "Microsoft", "Windows"];

/// What an unresolved name is counted by ([`super::dotted_root`] with the platform's roots).
fn root(path: &str) -> String {
    super::dotted_root(path, PLATFORM)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::graph::declaring as file;

    #[test]
    fn using_directives_are_read() {
        let read = |t| parse_using(t).map(|u| (u.path, u.is_static, u.alias, u.global));
        let table = [
            ("using System;", Some(("System".into(), false, None, false))),
            (
                "using static Acme.Util.Strings;",
                Some(("Acme.Util.Strings".into(), true, None, false)),
            ),
            (
                "using IO = System.IO;",
                Some(("System.IO".into(), false, Some("IO".into()), false)),
            ),
            (
                "global using global::Acme.Core;",
                Some(("Acme.Core".into(), false, None, true)),
            ),
            (
                "using L = System.Collections.Generic.List<int>;",
                Some((
                    "System.Collections.Generic.List".into(),
                    false,
                    Some("L".into()),
                    false,
                )),
            ),
            ("using ;", None),
        ];
        for (text, expected) in table {
            assert_eq!(read(text), expected, "{text}");
        }
    }

    #[test]
    fn names_resolve_through_namespaces_usings_and_statics() {
        let files = [
            (
                "App/Program.cs",
                file(
                    "Acme.App",
                    &["Program"],
                    &[
                        "using System;",
                        "using Acme.Util;",
                        "using static Acme.Util.Strings;",
                        "using Newtonsoft.Json.Linq;",
                    ],
                    &["Helper", "Config", "Base", "Acme.Models.User", "Retry"],
                ),
            ),
            ("App/Config.cs", file("Acme.App", &["Config"], &[], &[])),
            ("Core/Base.cs", file("Acme", &["Base"], &[], &[])),
            ("Util/Helper.cs", file("Acme.Util", &["Helper"], &[], &[])),
            ("Util/Strings.cs", file("Acme.Util", &["Strings"], &[], &[])),
            ("Util/Unused.cs", file("Acme.Util", &["Unused"], &[], &[])),
            ("Models/User.cs", file("Acme.Models", &["User"], &[], &[])),
            (
                "Util/RetryAttribute.cs",
                file("Acme.Util", &["RetryAttribute"], &[], &[]),
            ),
        ];
        let input: Vec<(&str, &FileImports)> = files.iter().map(|(p, f)| (*p, f)).collect();
        let r = resolve(&input);
        let edges = crate::graph::edge_lines(&files, &r);
        assert_eq!(
            edges,
            [
                ("App/Program.cs", "App/Config.cs", 1),
                ("App/Program.cs", "Core/Base.cs", 1),
                ("App/Program.cs", "Models/User.cs", 1),
                ("App/Program.cs", "Util/Helper.cs", 2),
                ("App/Program.cs", "Util/RetryAttribute.cs", 2),
                ("App/Program.cs", "Util/Strings.cs", 3),
            ]
        );
        let unresolved: Vec<(&str, usize)> =
            r.unresolved.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(unresolved, [("Newtonsoft.Json", 1), ("System", 1)]);
        assert_eq!(r.modules[0].as_deref(), Some("Acme.App"));
    }

    #[test]
    fn a_global_using_holds_in_every_file() {
        let files = [
            (
                "Usings.cs",
                file("", &[], &["global using Acme.Util;"], &[]),
            ),
            ("App.cs", file("Acme.App", &["App"], &[], &["Helper"])),
            ("Helper.cs", file("Acme.Util", &["Helper"], &[], &[])),
        ];
        let input: Vec<(&str, &FileImports)> = files.iter().map(|(p, f)| (*p, f)).collect();
        let r = resolve(&input);
        let edges: Vec<(usize, usize)> = r.edges.keys().copied().collect();
        assert_eq!(edges, [(1, 2)]);
    }
}
