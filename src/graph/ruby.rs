//! Ruby: what ties a file to others is both what it loads and which constants it names
//! (README, "Dependency graph").
//! - `require_relative "x"` (also `require File.expand_path("../x", __FILE__)` and
//!   `File.join(__dir__, "x")`) is the file `x.rb` beside the requiring one.
//! - `require "a/b"` (also `load`, `autoload :B, "a/b"` and Rails' `require_dependency`) is a
//!   file `a/b.rb` in a load path: a `lib/`, `spec/` or `test/` directory (what Bundler, RSpec
//!   and Rake put on `$LOAD_PATH`) or the scanned directory; of several, the one sharing the
//!   most directories with the requiring file, and none where two share as many. What no file
//!   matches is counted by its first segment (`active_support/all` → `active_support`, `json`).
//! - A constant (`Client`, `Net::Client`) is the file that defines it. The classes and
//!   modules a file opens are read with their nesting (`module Net` … `class Client` is
//!   `Net::Client`); of several files opening one, the file named after it by Ruby's naming
//!   convention defines it, which Zeitwerk (Rails) and most gems follow: below a load root
//!   (`lib/`, `app/<kind>/`, `app/<kind>/concerns/`) `net/http_client.rb` holds
//!   `Net::HttpClient` (or `Net::HTTPClient`: names compare without case and underscores).
//!   Without such a file, each file opening it defines it, except where it only holds other
//!   classes and modules there: a namespace (`module Sinatra` around every file of a gem) is
//!   defined by such a file only where it is the one opening it. A constant is looked up as
//!   Ruby does, from the class or module around the code outwards (a name, whose place is
//!   not kept, from each the file opens), and a path `Net::Client::TIMEOUT` reaches the file
//!   of its longest prefix that is a class or module. Names no file defines (`String`,
//!   `ActiveRecord::Base`) are left alone, never counted: they are the language's and the
//!   gems'.

use std::collections::{BTreeMap, HashMap};

use super::{normalize_path, Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// Ruby's resolver: load paths and constants.
pub(crate) struct LoadPath;

impl ImportResolver for LoadPath {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved {
        resolve(files, context.scope)
    }
}

/// Directory names whose contents `require` reaches by a path relative to them.
const LOAD_DIRS: &[&str] = &["lib", "spec", "test"];

/// One `require`-like call, read from its text.
#[derive(Debug, PartialEq, Eq)]
enum Load {
    /// A path relative to the requiring file (`require_relative`, `File.expand_path`, `__dir__`);
    /// `from_file`: relative to the file itself, as `File.expand_path("../x", __FILE__)` is.
    Relative { path: String, from_file: bool },
    /// A path looked up in the load path.
    LoadPath(String),
}

/// Reads `require "a/b"`, `require_relative "x"`, `autoload :X, "a/b"`, `load "t.rake"`,
/// `require File.expand_path("../x", __FILE__)`; `None` for a path built at run time.
fn parse_load(text: &str) -> Option<Load> {
    let verb: String = text
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let rest = &text[verb.len()..];
    // Interpolation or a variable: the path is known only when the code runs.
    if rest.contains("#{") {
        return None;
    }
    let literals = string_literals(rest);
    let relative = rest.contains("__FILE__") || rest.contains("__dir__");
    if relative {
        let from_file = rest.contains("__FILE__") && !rest.contains("dirname");
        let path = literals.join("/");
        return (!path.is_empty()).then_some(Load::Relative { path, from_file });
    }
    let path = match verb.as_str() {
        // `autoload :Client, "net/client"`: the path is the literal after the symbol.
        "autoload" => literals.last()?.clone(),
        _ => literals.first()?.clone(),
    };
    // A literal that is only part of an expression (`require "x" + name`).
    if literals.len() > 1 && verb != "autoload" {
        return None;
    }
    match verb.as_str() {
        "require_relative" => Some(Load::Relative {
            path,
            from_file: false,
        }),
        _ => Some(Load::LoadPath(path)),
    }
}

/// The contents of the `'…'` and `"…"` literals of `text`, in order.
fn string_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            let literal: String = chars.by_ref().take_while(|&d| d != c).collect();
            out.push(literal);
        }
    }
    out
}

/// A constant name as compared: lowercase, without underscores (`HTTPClient`, `HttpClient`
/// and `http_client` are one). A name in capitals alone is another (`^etag`): the class
/// `ETag` is not the constant `ETAG`, and only a module `JSON` is `JSON`.
fn fold(segment: &str) -> String {
    let capitals = segment.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !segment.chars().any(char::is_lowercase);
    let folded = segment
        .chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase);
    match capitals {
        true => std::iter::once('^').chain(folded).collect(),
        false => folded.collect(),
    }
}

/// The folded segments of a constant path (`::Net::HTTPClient` → `net`, `httpclient`), up to
/// the first that names a value rather than a class or module: one with an underscore
/// (`Rack::CONTENT_TYPE` is a string, not the class `Rack::ContentType`).
fn segments(path: &str) -> Vec<String> {
    path.split("::")
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .take_while(|s| !s.contains('_'))
        .map(fold)
        .collect()
}

/// The constant a file defines by the naming convention (`lib/net/http_client.rb` → `net`,
/// `httpclient`), or `None` outside every load root.
fn conventional(path: &str) -> Option<Vec<String>> {
    let stem = path.strip_suffix(".rb")?;
    let parts: Vec<&str> = stem.split('/').collect();
    // The innermost root: `app/models/concerns/` before `app/models/`, the last `lib/`.
    let mut start = None;
    for (k, part) in parts.iter().enumerate().take(parts.len() - 1) {
        if *part == "lib" {
            start = Some(k + 1);
        } else if *part == "app" && k + 2 < parts.len() {
            start = Some(k + 2);
            if parts[k + 2] == "concerns" && k + 3 < parts.len() {
                start = Some(k + 3);
            }
        }
    }
    let start = start?;
    Some(parts[start..].iter().map(|p| fold(p)).collect())
}

/// The classes and modules a file opens: each one's folded lexical path (`module Net` …
/// `class Client` is `net`, `client`), and whether it holds another one (a namespace).
fn opened(imports: &FileImports) -> Vec<(Vec<String>, bool)> {
    let mut out: Vec<(Vec<String>, bool)> = Vec::with_capacity(imports.modules.len());
    for decl in &imports.modules {
        // `class ::Top` starts again at the top; a parent comes before its children.
        let mut path = match (decl.parent, decl.name.trim_start().starts_with("::")) {
            (Some(p), false) => out
                .get(p as usize)
                .map(|(p, _)| p.clone())
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        // A declared name is a class or module's, underscores or not.
        path.extend(
            decl.name
                .split("::")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(fold),
        );
        out.push((path, false));
    }
    for decl in &imports.modules {
        if let Some(p) = decl.parent.and_then(|p| out.get_mut(p as usize)) {
            p.1 = true;
        }
    }
    out
}

/// Each path and every prefix of it, longest first, then the top level.
fn scopes<'a>(paths: impl Iterator<Item = &'a Vec<String>>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for path in paths {
        for len in 0..=path.len() {
            out.push(path[..len].to_vec());
        }
    }
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

fn resolve(files: &[(&str, &FileImports)], scope: &str) -> Resolved {
    let by_path: HashMap<&str, usize> = (files.iter().enumerate())
        .map(|(k, (p, _))| (*p, k))
        .collect();
    // Who defines each class or module, by its folded path: the file named after it by the
    // convention, else each file that opens it and holds no class or module in it. A
    // namespace (`module Sinatra` around the classes of every file of the gem) is defined
    // only by its conventional file, or, where there is none, by the one file opening it.
    let mut definers: HashMap<Vec<String>, Vec<(usize, bool)>> = HashMap::new();
    let mut openers: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
    let opened: Vec<Vec<(Vec<String>, bool)>> = files.iter().map(|(_, i)| opened(i)).collect();
    for (k, (path, _)) in files.iter().enumerate() {
        let convention = conventional(path);
        for (key, holds_others) in &opened[k] {
            let by_convention = convention.as_ref() == Some(key);
            if by_convention || !holds_others {
                definers
                    .entry(key.clone())
                    .or_default()
                    .push((k, by_convention));
            } else {
                openers.entry(key.clone()).or_default().push(k);
            }
        }
    }
    for found in definers.values_mut() {
        found.sort_unstable();
        found.dedup();
        if found.iter().any(|(_, c)| *c) {
            found.retain(|(_, c)| *c);
        }
    }
    openers.retain(|_, found| {
        found.dedup();
        found.len() == 1
    });
    let projects: Vec<&str> = files.iter().map(|(p, _)| project(p)).collect();
    // The files defining `key` that `from` sees: a definition by the convention from
    // anywhere, another only within its own project (`class Rack::Builder` reopened in one gem
    // of a repository is not what another gem means by it).
    let defined = |from: usize, key: &[String]| -> Vec<usize> {
        let found: Vec<(usize, bool)> = match definers.get(key) {
            Some(found) => found.clone(),
            None => (openers.get(key).into_iter().flatten())
                .map(|k| (*k, false))
                .collect(),
        };
        (found.into_iter())
            .filter(|(k, by_convention)| *by_convention || projects[*k] == projects[from])
            .map(|(k, _)| k)
            .collect()
    };
    // The files defining `name` seen from `scopes` (innermost first): in the first scope
    // where its longest prefix that is a class or module is defined.
    let lookup = |from: usize, scopes: &[Vec<String>], name: &[String]| -> Vec<usize> {
        scopes
            .iter()
            .find_map(|scope| {
                (1..=name.len()).rev().find_map(|len| {
                    let mut key = scope.clone();
                    key.extend(name[..len].iter().cloned());
                    Some(defined(from, &key)).filter(|found| !found.is_empty())
                })
            })
            .unwrap_or_default()
    };

    let mut out = Resolved {
        modules: vec![None; files.len()],
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    let scope = match scope {
        "" => String::new(),
        s => format!("{s}/"),
    };
    for (file, (path, imports)) in files.iter().enumerate() {
        let mut targets: BTreeMap<usize, u32> = BTreeMap::new();
        let mut link = |to: usize, line: u32| {
            if to != file {
                let first = targets.entry(to).or_insert(line);
                *first = (*first).min(line);
            }
        };
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        // `require "rack/protection"` in `lib/rack/protection/base.rb` loads the namespace
        // the file lives in (its entry file, which loads the namespace's files in turn): no
        // dependency of the file on what that entry file holds.
        let mut link_load = |to: usize, line: u32| {
            let entry = files[to].0.strip_suffix(".rb").unwrap_or(files[to].0);
            if !path.starts_with(&format!("{entry}/")) {
                link(to, line);
            }
        };
        for source in &imports.sources {
            match parse_load(&source.text) {
                Some(Load::Relative {
                    path: rel,
                    from_file,
                }) => {
                    let base = if from_file { *path } else { dir };
                    let target = normalize_path(&format!("{base}/{rel}"))
                        .map(|p| with_extension(&p))
                        .and_then(|p| by_path.get(p.as_str()).copied());
                    if let Some(target) = target {
                        link_load(target, source.line);
                    }
                }
                Some(Load::LoadPath(name)) => {
                    match in_load_path(files, path, &with_extension(&name), &scope) {
                        Found::One(target) => link_load(target, source.line),
                        Found::Tie => {}
                        Found::None => {
                            let first = name.split('/').next().unwrap_or(&name);
                            *out.unresolved.entry(first.to_string()).or_insert(0) += 1;
                        }
                    }
                }
                None => {}
            }
        }
        // A name as the file's own `class`/`module` line writes it is no use.
        let own_names: Vec<String> = imports.modules.iter().map(|m| m.name.clone()).collect();
        let opened = &opened[file];
        // Names come without a place: looked up from every class or module of the file.
        let everywhere = scopes(opened.iter().map(|(p, _)| p));
        for name in imports.names.iter().filter(|n| !own_names.contains(n)) {
            let name = segments(name);
            if name.is_empty() {
                continue;
            }
            for target in lookup(file, &everywhere, &name) {
                link(target, 1);
            }
        }
        for reference in &imports.references {
            if own_names.contains(&reference.path) {
                continue;
            }
            let name = segments(&reference.path);
            if name.is_empty() {
                continue;
            }
            let found = match reference.path.starts_with("::") {
                // `::Net::Client` starts at the top.
                true => lookup(file, &[Vec::new()], &name),
                false => {
                    // From the class or module around it outwards.
                    let mut chain = Vec::new();
                    let mut at = reference.module;
                    while let Some(k) = at {
                        chain.extend(opened.get(k as usize).map(|(p, _)| p));
                        at = imports.modules.get(k as usize).and_then(|m| m.parent);
                    }
                    lookup(file, &scopes(chain.into_iter()), &name)
                }
            };
            for target in found {
                link(target, reference.line);
            }
        }
        for (to, line) in targets {
            out.add_use(file, to, line);
        }
    }
    out
}

/// The project a file belongs to: its path before its first load root or the directories
/// every Ruby project has (`rack-protection/` of `rack-protection/lib/rack/protection.rb`;
/// empty for `app/models/user.rb`).
fn project(path: &str) -> &str {
    const TOP: &[&str] = &[
        "lib", "app", "spec", "test", "features", "config", "bin", "exe", "script", "db",
    ];
    let mut at = 0;
    for part in path.split('/') {
        if TOP.contains(&part) {
            return &path[..at];
        }
        at += part.len() + 1;
    }
    path.rsplit_once('/')
        .map_or("", |(dir, _)| &path[..dir.len() + 1])
}

/// `name` with `.rb` unless it names a file of another kind (`tasks/x.rake`).
fn with_extension(name: &str) -> String {
    let last = name.rsplit('/').next().unwrap_or(name);
    match last.contains('.') {
        true => name.to_string(),
        false => format!("{name}.rb"),
    }
}

/// What a load path lookup found.
enum Found {
    One(usize),
    /// Several files, none nearer than the others.
    Tie,
    None,
}

/// The file `rel` (`a/b.rb`) in a load path, nearest to `from`.
fn in_load_path(files: &[(&str, &FileImports)], from: &str, rel: &str, scope: &str) -> Found {
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for (k, (path, _)) in files.iter().enumerate() {
        let Some(prefix) = path.strip_suffix(rel) else {
            continue;
        };
        let in_root = prefix == scope
            || prefix
                .strip_suffix('/')
                .is_some_and(|p| LOAD_DIRS.contains(&p.rsplit('/').next().unwrap_or(p)));
        if !in_root {
            continue;
        }
        let shared = from
            .split('/')
            .zip(path.split('/'))
            .take_while(|(a, b)| a == b)
            .count();
        match best {
            Some((_, s)) if s > shared => {}
            Some((_, s)) if s == shared => tie = true,
            _ => {
                best = Some((k, shared));
                tie = false;
            }
        }
    }
    match (best, tie) {
        (Some(_), true) => Found::Tie,
        (Some((k, _)), false) => Found::One(k),
        (None, _) => Found::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RefKind;
    use crate::parse::imports::{ModuleDecl, Reference};

    /// A file: its loads, the classes and modules it opens (each in the one before it when
    /// written `>Name`), the names it uses and its constant paths (each on line 7, inside
    /// its last class or module).
    fn file(loads: &[&str], opens: &[&str], names: &[&str], paths: &[&str]) -> FileImports {
        let mut modules: Vec<ModuleDecl> = Vec::new();
        for (k, open) in opens.iter().enumerate() {
            let (name, parent) = match open.strip_prefix('>') {
                Some(name) => (name, Some(k as u32 - 1)),
                None => (*open, None),
            };
            modules.push(ModuleDecl {
                name: name.to_string(),
                inline: true,
                path_attr: None,
                line: k as u32 + 1,
                parent,
                test: false,
            });
        }
        let mut names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        names.sort();
        FileImports {
            references: (paths.iter())
                .map(|p| Reference {
                    path: p.to_string(),
                    kind: RefKind::Path,
                    glob: false,
                    binds: None,
                    line: 7,
                    module: (!modules.is_empty()).then(|| modules.len() as u32 - 1),
                    test: false,
                })
                .collect(),
            names,
            modules,
            ..crate::graph::sources(loads)
        }
    }

    #[test]
    fn load_calls_are_read() {
        let rel = |p: &str, f| {
            Some(Load::Relative {
                path: p.into(),
                from_file: f,
            })
        };
        let table = [
            ("require_relative \"lib/helper\"", rel("lib/helper", false)),
            ("require_relative('../x')", rel("../x", false)),
            (
                "require 'net/http'",
                Some(Load::LoadPath("net/http".into())),
            ),
            (
                "load \"tasks/a.rake\"",
                Some(Load::LoadPath("tasks/a.rake".into())),
            ),
            (
                "autoload :Client, \"net/client\"",
                Some(Load::LoadPath("net/client".into())),
            ),
            (
                "require File.expand_path('../support/x', __FILE__)",
                rel("../support/x", true),
            ),
            (
                "require File.join(File.dirname(__FILE__), 'a', 'b')",
                rel("a/b", false),
            ),
            ("require File.join(__dir__, 'a')", rel("a", false)),
            ("require \"plugins/#{name}\"", None),
            ("require name", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_load(text), expected, "{text}");
        }
    }

    #[test]
    fn conventional_names_follow_the_load_roots() {
        let table = [
            ("lib/net/http_client.rb", Some(vec!["net", "httpclient"])),
            ("gems/a/lib/a/b.rb", Some(vec!["a", "b"])),
            ("app/models/user.rb", Some(vec!["user"])),
            ("app/models/concerns/trackable.rb", Some(vec!["trackable"])),
            (
                "app/controllers/admin/users_controller.rb",
                Some(vec!["admin", "userscontroller"]),
            ),
            ("spec/user_spec.rb", None),
            ("app.rb", None),
            ("lib/tasks/a.rake", None),
        ];
        for (path, expected) in table {
            let expected: Option<Vec<String>> =
                expected.map(|v| v.into_iter().map(String::from).collect());
            assert_eq!(conventional(path), expected, "{path}");
        }
    }

    #[test]
    fn loads_and_constants_resolve_to_files() {
        let files = [
            (
                "app/controllers/admin/users_controller.rb",
                file(
                    &[],
                    &["Admin", ">UsersController"],
                    &["Admin", "UsersController", "User", "Base", "Audit"],
                    &[],
                ),
            ),
            (
                "app/controllers/admin/base.rb",
                file(&[], &["Admin", ">Base"], &[], &[]),
            ),
            (
                "app/models/user.rb",
                file(&[], &["User"], &["Trackable"], &[]),
            ),
            (
                "app/models/concerns/trackable.rb",
                file(&[], &["Trackable"], &[], &[]),
            ),
            // Reopened outside the convention: not the definition.
            ("lib/core_ext/user.rb", file(&[], &["User"], &[], &[])),
            ("lib/audit.rb", file(&[], &["Audit"], &[], &[])),
            (
                "lib/net.rb",
                file(
                    &[
                        "require_relative \"net/http_client\"",
                        "require \"net/errors\"",
                        "require \"json\"",
                        "require \"active_support/all\"",
                        "require File.expand_path('../net/version', __FILE__)",
                    ],
                    &["Net"],
                    &[],
                    &["Net::HTTPClient::TIMEOUT"],
                ),
            ),
            (
                "lib/net/http_client.rb",
                file(&[], &["Net", ">HTTPClient"], &["Error"], &[]),
            ),
            // Several classes in a file named after none: each is defined here.
            (
                "lib/net/errors.rb",
                file(&[], &["Net", ">Error", "Net", ">Timeout"], &[], &[]),
            ),
            // A namespace around a module of the same name elsewhere: not `Net::Error`.
            (
                "lib/net/dav.rb",
                file(&[], &["Net", ">Dav", ">Error"], &[], &[]),
            ),
            ("lib/net/version.rb", file(&[], &["Net"], &[], &[])),
            (
                "spec/net_spec.rb",
                file(&["require \"net\""], &[], &["Net"], &["::Net::HTTPClient"]),
            ),
        ];
        let input: Vec<(&str, &FileImports)> = files.iter().map(|(p, f)| (*p, f)).collect();
        let r = resolve(&input, "");
        let edges = crate::graph::edge_lines(&files, &r);
        assert_eq!(
            edges,
            [
                // `Base` inside `Admin` is `Admin::Base`; `User` is the model, not the patch.
                (
                    "app/controllers/admin/users_controller.rb",
                    "app/controllers/admin/base.rb",
                    1
                ),
                (
                    "app/controllers/admin/users_controller.rb",
                    "app/models/user.rb",
                    1
                ),
                (
                    "app/controllers/admin/users_controller.rb",
                    "lib/audit.rb",
                    1
                ),
                ("app/models/user.rb", "app/models/concerns/trackable.rb", 1),
                ("lib/net.rb", "lib/net/errors.rb", 2),
                ("lib/net.rb", "lib/net/http_client.rb", 1),
                ("lib/net.rb", "lib/net/version.rb", 5),
                // `Error` inside `Net::HTTPClient` is `Net::Error`.
                ("lib/net/http_client.rb", "lib/net/errors.rb", 1),
                ("spec/net_spec.rb", "lib/net.rb", 1),
                ("spec/net_spec.rb", "lib/net/http_client.rb", 7),
            ]
        );
        let unresolved: Vec<(&str, usize)> =
            r.unresolved.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(unresolved, [("active_support", 1), ("json", 1)]);
    }

    #[test]
    fn a_require_found_in_two_equally_near_load_paths_is_no_edge() {
        let main = file(&["require \"util\""], &[], &[], &[]);
        let empty = file(&[], &[], &[], &[]);
        let files = [
            ("a/lib/util.rb", &empty),
            ("b/lib/util.rb", &empty),
            ("main.rb", &main),
            ("a/lib/a.rb", &file(&["require \"util\""], &[], &[], &[])),
        ];
        let r = resolve(&files, "");
        let edges: Vec<(usize, usize)> = r.edges.keys().copied().collect();
        // From a/lib/a.rb, a/lib/util.rb is nearer; from main.rb neither is.
        assert_eq!(edges, [(3, 0)]);
        assert!(r.unresolved.is_empty());
    }

    #[test]
    fn a_namespace_entry_and_another_projects_patch_make_no_edge() {
        let files = [
            // Loads its parts; each part loads it back to be loadable alone.
            (
                "lib/rack/protection.rb",
                file(
                    &["autoload :Base, 'rack/protection/base'"],
                    &["Rack", ">Protection"],
                    &[],
                    &[],
                ),
            ),
            (
                "lib/rack/protection/base.rb",
                file(
                    &["require 'rack/protection'"],
                    &["Rack", ">Protection", ">Base"],
                    &[],
                    &["Rack::Builder"],
                ),
            ),
            // Another gem of the repository reopens a class of a third one.
            (
                "sinatra/lib/sinatra/main.rb",
                file(&[], &["Rack::Builder"], &[], &[]),
            ),
            (
                "sinatra/lib/sinatra/base.rb",
                file(&[], &["Sinatra", ">Base"], &[], &["Rack::Builder"]),
            ),
        ];
        let input: Vec<(&str, &FileImports)> = files.iter().map(|(p, f)| (*p, f)).collect();
        let r = resolve(&input, "");
        let edges: Vec<(usize, usize)> = r.edges.keys().copied().collect();
        assert_eq!(edges, [(0, 1), (3, 2)]);
        assert_eq!(
            project("rack-protection/lib/rack/protection.rb"),
            "rack-protection/"
        );
        assert_eq!(project("app/models/user.rb"), "");
        assert_eq!(project("tools/x.rb"), "tools/");
        assert_eq!(project("x.rb"), "");
        let folded: Vec<String> = ["ETAG", "ETag", "HTTPClient", "http_client", "A", "JSON"]
            .iter()
            .map(|n| fold(n))
            .collect();
        assert_eq!(
            folded,
            ["^etag", "etag", "httpclient", "httpclient", "a", "^json"]
        );
    }
}
