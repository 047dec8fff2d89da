//! PHP: class names resolved as PHP resolves them, to the files that declare the classes
//! (README, "Dependency graph"). A file's `namespace App\Http;` and the classes, interfaces,
//! traits and enums it declares give their fully qualified names (`App\Http\Controller`),
//! wherever the file sits: composer's PSR-4 map (`composer.json`'s `autoload`) is derived from
//! the same declarations, so it is not read, and a class autoloaded by a PSR-0 or classmap rule
//! resolves alike. A name a file uses resolves by PHP's rules: `\App\Models\User` as written;
//! `User` through the file's `use` imports (`use App\Models\User;`, `use App\Models\User as
//! U;`, `use App\Models\{User, Post};`), else in the file's own namespace; `Models\User`
//! through an import of its first segment, else below the file's namespace. Names compare
//! without case, as PHP's class names do. A `use` of a class of the repository is an edge by
//! itself (at its line). `require`/`include` (also `_once`) of a literal path go to that file:
//! `__DIR__ . '/x.php'`, `dirname(__DIR__) . '/x.php'` and `dirname(__DIR__, 2) . …` from the
//! file's directory, a bare
//! `'x.php'` from the file's directory, then from the scanned one (PHP's include path is a
//! runtime setting). What no file declares is counted by its vendor, the first segment
//! (`Symfony`, `Psr`), a global class (`Closure`) as `php`; `use function` and `use const`
//! name no class and are left out.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::{normalize_path, Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// PHP's resolver: declared namespaces and classes.
pub(crate) struct Namespaces;

impl ImportResolver for Namespaces {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved {
        resolve(files, context.scope)
    }
}

/// One statement of a file, read from its text.
#[derive(Debug, PartialEq, Eq)]
enum Statement {
    /// `use …;`: each imported class as (alias, fully qualified name).
    Use(Vec<(String, String)>),
    /// `require`/`include` of a path: relative to the directory `up` levels above the file's
    /// (`__DIR__`: 0), or `None` for a bare path.
    Include { path: String, up: Option<usize> },
}

/// Reads a `use` declaration or a `require`/`include` expression; `None` for a path built at
/// run time, or a `use function`/`use const`.
fn parse_statement(text: &str) -> Option<Statement> {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("use") {
        return parse_use(rest).map(Statement::Use);
    }
    let literals = string_literals(text)?;
    let path: String = literals.concat();
    if path.is_empty() {
        return None;
    }
    let up = match text.contains("__DIR__") || text.contains("__FILE__") {
        true => {
            // `dirname(__DIR__, 2)` climbs two levels.
            let levels: usize = (text.split(',').skip(1))
                .filter_map(|after| {
                    let digits: String = after
                        .trim_start()
                        .chars()
                        .take_while(char::is_ascii_digit)
                        .collect();
                    digits.parse::<usize>().ok()
                })
                .map(|n| n.saturating_sub(1))
                .sum();
            let dirnames = text.matches("dirname(").count() + levels;
            // `dirname(__FILE__)` is `__DIR__`.
            let file = usize::from(text.contains("__FILE__"));
            Some(dirnames.saturating_sub(file))
        }
        false => None,
    };
    Some(Statement::Include { path, up })
}

/// The contents of the `'…'` and `"…"` literals of an include's text, in order; `None` where
/// anything but literals, `__DIR__`, `__FILE__`, `dirname(…)` and `.` builds the path.
fn string_literals(text: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = text;
    for verb in ["require_once", "include_once", "require", "include"] {
        if let Some(r) = rest.strip_prefix(verb) {
            rest = r;
            break;
        }
    }
    let mut chars = rest.chars().peekable();
    let mut code = String::new();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            let literal: String = chars.by_ref().take_while(|&d| d != c).collect();
            if c == '"' && literal.contains('$') {
                return None;
            }
            out.push(literal);
        } else {
            code.push(c);
        }
    }
    let leftover = code
        .replace("__DIR__", "")
        .replace("__FILE__", "")
        .replace("dirname", "");
    leftover
        .chars()
        .all(|c| c.is_whitespace() || c.is_ascii_digit() || "().;,".contains(c))
        .then_some(out)
}

/// `App\Models\User;`, `App\Models\User as U, App\X;`, `App\Models\{User, Post as P};` →
/// (alias, name) pairs; `None` for `use function`/`use const`.
fn parse_use(rest: &str) -> Option<Vec<(String, String)>> {
    let rest = rest.trim().trim_end_matches(';').trim();
    let kind_word = |s: &str| s.starts_with("function ") || s.starts_with("const ");
    if kind_word(rest) {
        return None;
    }
    let mut out = Vec::new();
    let mut push = |clause: &str, prefix: &str| {
        let clause = clause.trim();
        if clause.is_empty() || kind_word(clause) {
            return;
        }
        let (name, alias) = match clause.split_once(" as ") {
            Some((n, a)) => (n.trim(), Some(a.trim())),
            None => (clause, None),
        };
        let full = format!("{prefix}{}", name.trim_start_matches('\\'));
        let alias = alias
            .map(str::to_string)
            .unwrap_or_else(|| full.rsplit('\\').next().unwrap_or(&full).to_string());
        out.push((alias, full));
    };
    match rest.split_once('{') {
        Some((prefix, group)) => {
            let prefix = prefix.trim().trim_start_matches('\\');
            let group = group.trim_end().trim_end_matches('}');
            for clause in group.split(',') {
                push(clause, prefix);
            }
        }
        None => {
            for clause in rest.split(',') {
                push(clause, "");
            }
        }
    }
    Some(out)
}

fn resolve(files: &[(&str, &FileImports)], scope: &str) -> Resolved {
    let by_path: HashMap<&str, usize> = (files.iter().enumerate())
        .map(|(k, (p, _))| (*p, k))
        .collect();
    let namespace_of = |imports: &FileImports| -> String {
        let ns: String = (imports.package.as_deref().unwrap_or(""))
            .split_whitespace()
            .collect();
        ns.trim_matches('\\').to_string()
    };
    // Classes by their lowercase fully qualified name, and every namespace declared (with the
    // namespaces around it), to tell an import of a namespace from one of a missing class.
    let mut classes: HashMap<String, Vec<usize>> = HashMap::new();
    let mut namespaces: BTreeSet<String> = BTreeSet::new();
    for (k, (_, imports)) in files.iter().enumerate() {
        let ns = namespace_of(imports);
        let mut prefix = ns.as_str();
        while !prefix.is_empty() {
            namespaces.insert(prefix.to_lowercase());
            prefix = prefix.rsplit_once('\\').map_or("", |(p, _)| p);
        }
        for name in &imports.defines {
            classes.entry(qualify(&ns, name)).or_default().push(k);
        }
    }
    let mut out = Resolved {
        modules: (files.iter())
            .map(|(_, imports)| Some(namespace_of(imports)).filter(|n| !n.is_empty()))
            .collect(),
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    let scope = match scope {
        "" => String::new(),
        s => format!("{s}/"),
    };
    for (file, (path, imports)) in files.iter().enumerate() {
        let ns = namespace_of(imports);
        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
        let mut targets: BTreeMap<usize, u32> = BTreeMap::new();
        let mut link = |to: usize, line: u32| {
            if to != file {
                let first = targets.entry(to).or_insert(line);
                *first = (*first).min(line);
            }
        };
        // Aliases by lowercase name: the imported name and the line of its `use`.
        let mut aliases: HashMap<String, (String, u32)> = HashMap::new();
        for source in &imports.sources {
            match parse_statement(&source.text) {
                Some(Statement::Use(pairs)) => {
                    for (alias, full) in pairs {
                        let key = full.to_lowercase();
                        match classes.get(&key) {
                            Some(found) => found.iter().for_each(|&t| link(t, source.line)),
                            None if namespaces.contains(&key) => {}
                            None => {
                                // A global class (`Closure`, `DateTimeImmutable`) is PHP's own.
                                let vendor = match full.split_once('\\') {
                                    Some((vendor, _)) => vendor,
                                    None => "php",
                                };
                                *out.unresolved.entry(vendor.to_string()).or_insert(0) += 1;
                            }
                        }
                        aliases.insert(alias.to_lowercase(), (full, source.line));
                    }
                }
                Some(Statement::Include { path: rel, up }) => {
                    let candidates: Vec<String> = match up {
                        Some(up) => {
                            let mut base = dir;
                            for _ in 0..up {
                                base = base.rsplit_once('/').map_or("", |(d, _)| d);
                            }
                            vec![format!("{base}/{rel}")]
                        }
                        None => vec![format!("{dir}/{rel}"), format!("{scope}{rel}")],
                    };
                    let target = candidates
                        .iter()
                        .filter_map(|c| normalize_path(c))
                        .find_map(|c| by_path.get(c.as_str()).copied());
                    if let Some(target) = target {
                        link(target, source.line);
                    }
                }
                None => {}
            }
        }
        for name in &imports.names {
            let Some((full, line)) = qualified(name, &ns, &aliases) else {
                continue;
            };
            for &t in classes.get(&full.to_lowercase()).into_iter().flatten() {
                link(t, line);
            }
        }
        for (to, line) in targets {
            out.add_use(file, to, line);
        }
    }
    out
}

/// `ns\name` in lowercase, or `name` in the global namespace.
fn qualify(ns: &str, name: &str) -> String {
    match ns {
        "" => name.to_lowercase(),
        ns => format!("{ns}\\{name}").to_lowercase(),
    }
}

/// The fully qualified name `name` (as written in a file of namespace `ns` with `aliases`)
/// stands for, with the line of the `use` that brings it (1 for none); `None` for `self`,
/// `static` and `parent`.
fn qualified(
    name: &str,
    ns: &str,
    aliases: &HashMap<String, (String, u32)>,
) -> Option<(String, u32)> {
    let name: String = name.split_whitespace().collect();
    if let Some(full) = name.strip_prefix('\\') {
        return Some((full.to_string(), 1));
    }
    let (first, rest) = match name.split_once('\\') {
        Some((first, rest)) => (first, Some(rest)),
        None => (name.as_str(), None),
    };
    if rest.is_none() && ["self", "static", "parent"].contains(&first.to_lowercase().as_str()) {
        return None;
    }
    // `namespace\Rel` is `Rel` below the file's own namespace.
    if let (true, Some(rest)) = (first.eq_ignore_ascii_case("namespace"), rest) {
        return Some((qualify(ns, rest), 1));
    }
    Some(match (aliases.get(&first.to_lowercase()), rest) {
        (Some((full, line)), None) => (full.clone(), *line),
        (Some((full, line)), Some(rest)) => (format!("{full}\\{rest}"), *line),
        (None, _) => (qualify(ns, &name), 1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::graph::declaring as file;

    #[test]
    fn statements_are_read() {
        let uses = |pairs: &[(&str, &str)]| {
            Some(Statement::Use(
                (pairs.iter())
                    .map(|(a, f)| (a.to_string(), f.to_string()))
                    .collect(),
            ))
        };
        let include = |p: &str, up| Some(Statement::Include { path: p.into(), up });
        let table = [
            (
                "use App\\Models\\User;",
                uses(&[("User", "App\\Models\\User")]),
            ),
            (
                "use \\App\\X as Y, B;",
                uses(&[("Y", "App\\X"), ("B", "B")]),
            ),
            (
                "use App\\Support\\{Str, Arr as A};",
                uses(&[("Str", "App\\Support\\Str"), ("A", "App\\Support\\Arr")]),
            ),
            ("use function App\\format;", None),
            ("use const App\\LIMIT;", None),
            (
                "require_once __DIR__ . '/../boot.php'",
                include("/../boot.php", Some(0)),
            ),
            (
                "require dirname(__DIR__) . '/vendor/autoload.php'",
                include("/vendor/autoload.php", Some(1)),
            ),
            (
                "include dirname(__FILE__) . '/x.php'",
                include("/x.php", Some(0)),
            ),
            ("include 'config.php'", include("config.php", None)),
            (
                "require dirname(__DIR__, 2) . '/lib/boot.php'",
                include("/lib/boot.php", Some(2)),
            ),
            ("require $path . '/x.php'", None),
            ("include \"$dir/x.php\"", None),
        ];
        for (text, expected) in table {
            assert_eq!(parse_statement(text), expected, "{text}");
        }
    }

    #[test]
    fn names_resolve_as_php_resolves_them() {
        let files = [
            (
                "src/Http/Controller.php",
                file(
                    "App\\Http",
                    &["Controller"],
                    &[
                        "use App\\Models\\User;",
                        "use App\\Models;",
                        "use Symfony\\Component\\HttpFoundation\\Request;",
                        "use Closure;",
                        "require_once __DIR__ . '/../helpers.php'",
                    ],
                    &[
                        "Base",
                        "User",
                        "Models\\Post",
                        "\\App\\Support\\Str",
                        "self",
                        "Request",
                        "namespace\\Kernel",
                    ],
                ),
            ),
            ("src/Http/Base.php", file("App\\Http", &["Base"], &[], &[])),
            (
                "src/Http/Kernel.php",
                file("App\\Http", &["Kernel"], &[], &[]),
            ),
            (
                "src/Models/User.php",
                file("App\\Models", &["User"], &[], &[]),
            ),
            (
                "src/Models/Post.php",
                file("App\\Models", &["Post"], &[], &[]),
            ),
            (
                "src/Support/Str.php",
                file("App\\Support", &["Str"], &[], &[]),
            ),
            ("src/helpers.php", file("", &[], &[], &[])),
            ("src/Unused.php", file("App\\Http", &["Unused"], &[], &[])),
        ];
        let input: Vec<(&str, &FileImports)> = files.iter().map(|(p, f)| (*p, f)).collect();
        let r = resolve(&input, "");
        let edges = crate::graph::edge_lines(&files, &r);
        assert_eq!(
            edges,
            [
                ("src/Http/Controller.php", "src/Http/Base.php", 1),
                ("src/Http/Controller.php", "src/Http/Kernel.php", 1),
                ("src/Http/Controller.php", "src/Models/Post.php", 2),
                ("src/Http/Controller.php", "src/Models/User.php", 1),
                ("src/Http/Controller.php", "src/Support/Str.php", 1),
                ("src/Http/Controller.php", "src/helpers.php", 5),
            ]
        );
        let unresolved: Vec<(&str, usize)> =
            r.unresolved.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(unresolved, [("Symfony", 1), ("php", 1)]);
        assert_eq!(r.modules[0].as_deref(), Some("App\\Http"));
    }
}
