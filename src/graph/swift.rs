//! Swift: names resolved to the files that declare them, within the modules a file sees
//! (README, "Dependency graph"). A Swift `import` names a module (a SwiftPM target, a
//! framework), never a file, and the files of one module see each other's declarations without
//! any import; so a file's edges go to the files declaring, at their top level, a type, a
//! function or a global the file uses by name:
//! - in the file's own module;
//! - else in a module of the repository the file imports (`import Core`, `@testable import
//!   App`, `import struct Core.Token`), at the line of that import; a module re-exporting
//!   another (`@_exported import Core`) brings that one's too.
//!
//! A file's module is the SwiftPM target whose directory holds it: the targets of every
//! `Package.swift` (`.target(name: "Core", path: "Source")`, `.testTarget(…)`; without `path:`,
//! `Sources/<name>` or `Tests/<name>`, as SwiftPM looks for them). A file outside every target
//! (an Xcode project, a broken manifest) belongs to the directory below a `Sources/` or
//! `Tests/` directory (`Sources/Core/a.swift` → `Core`), else to the first directory of its
//! path (`MyApp/View.swift` → `MyApp`, Xcode's layout). A name declared by several files of a
//! module links to each; a `private` or `fileprivate` declaration is its file's alone (it
//! hides a declaration of the same name from that file); a name no file declares (`String`, `URLSession`) is no edge, and
//! methods added by an `extension` are not followed (knowing whose they are needs the types of
//! the expressions). An import naming no module of the repository is counted by its module
//! (`Foundation`, `XCTest`).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{crates, holds, Context, ImportResolver, Resolved};
use crate::parse::FileImports;

/// Swift's resolver: modules and the names their files declare.
pub(crate) struct Modules;

impl ImportResolver for Modules {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved {
        let paths: Vec<&str> = files.iter().map(|(p, _)| *p).collect();
        let mut targets = Vec::new();
        let mut warnings = Vec::new();
        for (path, text) in context.manifests {
            if path != "Package.swift" && !path.ends_with("/Package.swift") {
                continue;
            }
            let declared = package_targets(text);
            if declared.is_empty() {
                warnings.push(format!(
                    "{path} declares no target debtscan can read (`.target(name: \"…\")`): \
                     its Swift files' modules are their directories"
                ));
            }
            let root = crates::parent(path);
            targets.extend(
                declared
                    .iter()
                    .map(|t| (t.directory(root, &paths), t.name.clone())),
            );
        }
        let mut out = resolve(files, &targets);
        out.warnings.extend(warnings);
        out
    }
}

/// A target a `Package.swift` declares.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    /// `name: "Core"`: the module's name.
    name: String,
    /// `path: "Source/Core"`, relative to the package's directory.
    path: Option<String>,
    /// The function declaring it (`target`, `testTarget`, `plugin`…): where its sources are
    /// by default.
    kind: String,
}

impl Target {
    /// The target's directory relative to the repository: its `path:`, else the first of
    /// SwiftPM's default directories (`Sources/<name>`, `Source/<name>`, `src/<name>`,
    /// `srcs/<name>`, and `Tests/<name>` first for a test target; a plugin's `Plugins/<name>`)
    /// that holds one of `files`.
    fn directory(&self, root: &str, files: &[&str]) -> String {
        if let Some(path) = &self.path {
            let path = path.trim_start_matches("./").trim_end_matches('/');
            return super::normalize_path(&crates::join(root, path)).unwrap_or_default();
        }
        let mut parents = vec!["Sources", "Source", "src", "srcs"];
        match self.kind.as_str() {
            "testTarget" => parents.insert(0, "Tests"),
            "plugin" => parents = vec!["Plugins"],
            _ => {}
        }
        let candidates: Vec<String> = (parents.iter())
            .map(|p| crates::join(root, &format!("{p}/{}", self.name)))
            .collect();
        (candidates.iter())
            .find(|dir| files.iter().any(|f| inside(f, dir)))
            .unwrap_or(&candidates[0])
            .clone()
    }
}

/// Whether `path` is below the directory `dir` (the repository root is "").
fn inside(path: &str, dir: &str) -> bool {
    dir.is_empty()
        || path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The target functions of SwiftPM's `PackageDescription` whose `name:` is a module.
const TARGET_KINDS: &[&str] = &[
    "target",
    "testTarget",
    "executableTarget",
    "macro",
    "plugin",
    "systemLibrary",
    "binaryTarget",
];

/// The targets a `Package.swift` declares, read from its text: each `.target(…)`-like call
/// whose own `name:` (not one of a nested `.product(name: …)`) is a string literal. A manifest
/// that computes its names is not run: its targets are missing here.
fn package_targets(text: &str) -> Vec<Target> {
    let code = without_comments(text);
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut at = 0;
    while let Some(found) = code[at..].find('.') {
        let start = at + found + 1;
        at = start;
        let word_end = (code[start..].find(|c: char| !c.is_alphanumeric() && c != '_'))
            .map_or(code.len(), |e| start + e);
        let word = &code[start..word_end];
        if !TARGET_KINDS.contains(&word) || bytes.get(word_end) != Some(&b'(') {
            continue;
        }
        let arguments = top_level_arguments(&code[word_end + 1..]);
        let value = |label: &str| {
            (arguments.iter())
                .find_map(|a| a.strip_prefix(label)?.trim_start().strip_prefix(':'))
                .and_then(string_literal)
        };
        if let Some(name) = value("name") {
            out.push(Target {
                name,
                path: value("path"),
                kind: word.to_string(),
            });
        }
    }
    out
}

/// `text` with its `//` and `/* */` comments blanked (strings kept).
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_string = !in_string;
                out.push(c);
            }
            '\\' if in_string => {
                out.push(c);
                out.extend(chars.next());
            }
            '/' if !in_string && chars.peek() == Some(&'/') => {
                while chars.next_if(|&c| c != '\n').is_some() {}
            }
            '/' if !in_string && chars.peek() == Some(&'*') => {
                chars.next();
                let mut depth = 1;
                while depth > 0 {
                    match chars.next() {
                        Some('*') if chars.peek() == Some(&'/') => {
                            chars.next();
                            depth -= 1;
                        }
                        Some('/') if chars.peek() == Some(&'*') => {
                            chars.next();
                            depth += 1;
                        }
                        Some(_) => {}
                        None => break,
                    }
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The arguments of a call whose text starts after its `(`, split at its own commas (not those
/// inside nested brackets or strings), each trimmed.
fn top_level_arguments(after_paren: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 0;
    for (i, c) in after_paren.char_indices() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                out.push(after_paren[start..i].trim());
                return out;
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                out.push(after_paren[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out
}

/// The contents of the string literal `text` starts with (`"Core"` → `Core`), if plain.
fn string_literal(text: &str) -> Option<String> {
    let inner = text.trim().strip_prefix('"')?;
    let end = inner.find('"')?;
    let value = &inner[..end];
    (!value.is_empty() && !value.contains('\\')).then(|| value.to_string())
}

/// One import, read from its text: the module it names and whether it re-exports it.
#[derive(Debug, PartialEq, Eq)]
struct Import {
    /// The module (`Swift` of `import struct Swift.Array`, `Core` of `import Core.Sub`).
    module: String,
    /// `@_exported import`: files importing this file's module see this one too.
    exported: bool,
}

/// Reads `[@attribute …] [access] import [kind] A.B`.
fn parse_import(text: &str) -> Option<Import> {
    let plain = without_comments(text);
    let mut words = plain.split_whitespace();
    let mut exported = false;
    for word in words.by_ref() {
        if word == "import" {
            break;
        }
        exported |= word == "@_exported";
    }
    const KINDS: &[&str] = &[
        "typealias",
        "struct",
        "class",
        "enum",
        "protocol",
        "let",
        "var",
        "func",
    ];
    let path = words.find(|w| !KINDS.contains(w))?;
    let module = path.split('.').next().unwrap_or(path);
    (!module.is_empty()).then(|| Import {
        module: module.to_string(),
        exported,
    })
}

/// The module of `path` outside every target: the directory below `Sources/` or `Tests/`, else
/// the first directory of the path ("" for a file at the root).
fn module_by_layout(path: &str) -> &str {
    let parts: Vec<&str> = path.split('/').collect();
    let dirs = &parts[..parts.len() - 1];
    for pair in dirs.windows(2) {
        if pair[0] == "Sources" || pair[0] == "Tests" {
            return pair[1];
        }
    }
    dirs.first().copied().unwrap_or("")
}

/// Resolves `files` with the `targets` (`(directory, module)`) the manifests declare.
fn resolve(files: &[(&str, &FileImports)], targets: &[(String, String)]) -> Resolved {
    let module_of = |path: &str| -> String {
        (targets.iter())
            .filter(|(dir, _)| inside(path, dir))
            .max_by_key(|(dir, _)| dir.len())
            .map_or_else(|| module_by_layout(path).to_string(), |(_, m)| m.clone())
    };
    let modules: Vec<String> = files.iter().map(|(p, _)| module_of(p)).collect();
    let imports: Vec<Vec<(Import, u32)>> = (files.iter())
        .map(|(_, i)| {
            (i.sources.iter())
                .filter_map(|s| Some((parse_import(&s.text)?, s.line)))
                .collect()
        })
        .collect();
    let known: HashSet<&str> = (modules.iter().map(String::as_str))
        .chain(targets.iter().map(|(_, m)| m.as_str()))
        .collect();
    // Module -> the modules its files re-export.
    let mut exports: HashMap<&str, Vec<&str>> = HashMap::new();
    for (k, list) in imports.iter().enumerate() {
        for (import, _) in list.iter().filter(|(i, _)| i.exported) {
            exports.entry(&modules[k]).or_default().push(&import.module);
        }
    }
    // Name -> the files declaring it at their top level.
    let mut declared: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, (_, facts)) in files.iter().enumerate() {
        for name in &facts.defines {
            declared.entry(name).or_default().push(k);
        }
    }
    let mut out = Resolved {
        modules: modules
            .iter()
            .map(|m| Some(m.clone()).filter(|m| !m.is_empty()))
            .collect(),
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    let mut unresolved: BTreeMap<String, usize> = BTreeMap::new();
    for (file, (_, facts)) in files.iter().enumerate() {
        // The modules the file sees beside its own, each with the line of its import.
        let mut seen: BTreeMap<&str, u32> = BTreeMap::new();
        for (import, line) in &imports[file] {
            if !known.contains(import.module.as_str()) {
                *unresolved.entry(import.module.clone()).or_insert(0) += 1;
                continue;
            }
            let mut reach = vec![import.module.as_str()];
            while let Some(module) = reach.pop() {
                if module != modules[file] && !seen.contains_key(module) {
                    seen.insert(module, *line);
                    reach.extend(exports.get(module).into_iter().flatten());
                }
            }
        }
        let mut targets: BTreeMap<usize, u32> = BTreeMap::new();
        for name in &facts.names {
            if holds(&facts.defines, name) || holds(&facts.hidden, name) {
                continue;
            }
            let Some(declarers) = declared.get(name.as_str()) else {
                continue;
            };
            let own: Vec<usize> = (declarers.iter().copied())
                .filter(|&t| t != file && modules[t] == modules[file])
                .collect();
            let found: Vec<(usize, u32)> = match own.is_empty() {
                false => own.into_iter().map(|t| (t, 1)).collect(),
                true => (declarers.iter())
                    .filter_map(|&t| Some((t, *seen.get(modules[t].as_str())?)))
                    .collect(),
            };
            for (t, line) in found {
                let first = targets.entry(t).or_insert(line);
                *first = (*first).min(line);
            }
        }
        for (to, line) in targets {
            out.add_use(file, to, line);
        }
    }
    out.unresolved = unresolved;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::declaring;

    fn edges(files: &[(&str, FileImports)], targets: &[(&str, &str)]) -> Vec<(String, String)> {
        let refs: Vec<(&str, &FileImports)> = files.iter().map(|(p, i)| (*p, i)).collect();
        let targets: Vec<(String, String)> = (targets.iter())
            .map(|(d, m)| (d.to_string(), m.to_string()))
            .collect();
        let r = resolve(&refs, &targets);
        (crate::graph::edge_lines(files, &r).into_iter())
            .map(|(a, b, _)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn reads_the_targets_of_a_package_manifest() {
        let manifest = r#"// swift-tools-version:5.9
import PackageDescription
let package = Package(
    name: "Kit", // name: "NotATarget"
    products: [.library(name: "Kit", targets: ["Kit"])],
    dependencies: [.package(url: "https://example.com/x.git", from: "1.0.0")],
    targets: [
        .target(name: "Kit", dependencies: [.product(name: "X", package: "x")], path: "Source",
                exclude: ["Info.plist"]),
        /* .target(name: "Old") */
        .testTarget(name: "KitTests", dependencies: ["Kit"], path: "Tests"),
        .executableTarget(name: "kit-cli"),
        .target(name: computedName),
    ]
)"#;
        let targets = package_targets(manifest);
        let summary: Vec<(&str, Option<&str>, &str)> = (targets.iter())
            .map(|t| (t.name.as_str(), t.path.as_deref(), t.kind.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("Kit", Some("Source"), "target"),
                ("KitTests", Some("Tests"), "testTarget"),
                ("kit-cli", None, "executableTarget"),
            ]
        );
        assert!(package_targets("let x = [").is_empty());
        assert!(package_targets(".target(name: \"A\"").len() <= 1);
    }

    #[test]
    fn a_target_without_a_path_is_found_where_swiftpm_looks() {
        let t = |name: &str, kind: &str| Target {
            name: name.to_string(),
            path: None,
            kind: kind.to_string(),
        };
        let files = ["pkg/Sources/Core/a.swift", "pkg/src/Util/b.swift"];
        let core = t("Core", "target");
        assert_eq!(core.directory("pkg", &files), "pkg/Sources/Core");
        let util = t("Util", "target");
        assert_eq!(util.directory("pkg", &files), "pkg/src/Util");
        let tests = t("CoreTests", "testTarget");
        assert_eq!(tests.directory("pkg", &files), "pkg/Tests/CoreTests");
        let plugin = t("Docs", "plugin");
        assert_eq!(plugin.directory("", &files), "Plugins/Docs");
        let explicit = Target {
            path: Some("./Source/".to_string()),
            ..t("Kit", "target")
        };
        assert_eq!(explicit.directory("", &files), "Source");
    }

    #[test]
    fn reads_imports() {
        let read = |t: &str| parse_import(t).map(|i| (i.module, i.exported));
        assert_eq!(
            read("import Foundation"),
            Some(("Foundation".into(), false))
        );
        assert_eq!(read("@testable import Kit"), Some(("Kit".into(), false)));
        assert_eq!(
            read("import struct Swift.Array"),
            Some(("Swift".into(), false))
        );
        assert_eq!(
            read("@_exported import Core.Sub"),
            Some(("Core".into(), true))
        );
        assert_eq!(
            read("public import /* c */ Kit"),
            Some(("Kit".into(), false))
        );
        assert_eq!(read("import"), None);
    }

    #[test]
    fn modules_by_layout_outside_targets() {
        assert_eq!(module_by_layout("Sources/Core/Model/a.swift"), "Core");
        assert_eq!(module_by_layout("pkg/Tests/CoreTests/a.swift"), "CoreTests");
        assert_eq!(module_by_layout("MyApp/Views/a.swift"), "MyApp");
        assert_eq!(module_by_layout("main.swift"), "");
    }

    #[test]
    fn names_resolve_in_the_own_module_then_in_imported_ones() {
        let files = vec![
            // Module Kit (a target with an explicit path).
            (
                "Source/Session.swift",
                declaring("", &["Session"], &[], &["Request", "URL"]),
            ),
            (
                "Source/Request.swift",
                declaring("", &["Request", "helper"], &[], &[]),
            ),
            // Another module declaring `Request` too: not seen by Kit's files.
            (
                "Sources/Other/Request.swift",
                declaring("", &["Request"], &[], &[]),
            ),
            // Tests import Kit: they see its names, at the import's line.
            (
                "Tests/SessionTests.swift",
                declaring(
                    "",
                    &["SessionTests"],
                    &["import XCTest", "@testable import Kit"],
                    &["Session", "XCTestCase", "helper", "SessionTests"],
                ),
            ),
            // No import of Kit: its names are not seen.
            (
                "Sources/Other/Use.swift",
                declaring("", &[], &[], &["Session", "Request"]),
            ),
        ];
        let targets = [("Source", "Kit"), ("Tests", "KitTests")];
        assert_eq!(
            edges(&files, &targets),
            vec![
                pair("Source/Session.swift", "Source/Request.swift"),
                pair("Sources/Other/Use.swift", "Sources/Other/Request.swift"),
                pair("Tests/SessionTests.swift", "Source/Request.swift"),
                pair("Tests/SessionTests.swift", "Source/Session.swift"),
            ]
        );
        let refs: Vec<(&str, &FileImports)> = files.iter().map(|(p, i)| (*p, i)).collect();
        let owned: Vec<(String, String)> = (targets.iter())
            .map(|(d, m)| (d.to_string(), m.to_string()))
            .collect();
        let r = resolve(&refs, &owned);
        assert_eq!(r.unresolved, BTreeMap::from([("XCTest".to_string(), 1)]));
        let test_edge = &r.edges[&(3, 0)];
        assert_eq!(test_edge.line, 2, "at the line of `@testable import Kit`");
        assert_eq!(r.modules[0].as_deref(), Some("Kit"));
    }

    #[test]
    fn a_reexported_module_is_seen_through_the_one_exporting_it() {
        let files = vec![
            (
                "Sources/Core/Token.swift",
                declaring("", &["Token"], &[], &[]),
            ),
            (
                "Sources/Kit/Exports.swift",
                declaring("", &[], &["@_exported import Core"], &[]),
            ),
            (
                "Sources/App/Main.swift",
                declaring("", &[], &["import Kit"], &["Token"]),
            ),
        ];
        assert_eq!(
            edges(&files, &[]),
            vec![pair("Sources/App/Main.swift", "Sources/Core/Token.swift")]
        );
    }

    #[test]
    fn a_private_declaration_is_its_files_alone() {
        let private = |names: &[&str], hidden: &[&str]| FileImports {
            hidden: hidden.iter().map(|h| h.to_string()).collect(),
            ..declaring("", &[], &[], names)
        };
        let files = vec![
            ("App/Name.swift", declaring("", &["Name"], &[], &[])),
            // Its own private `Name` hides the module's; its private `Key` is no one else's.
            ("App/Parser.swift", private(&["Name"], &["Key", "Name"])),
            ("App/Use.swift", declaring("", &[], &[], &["Key", "Name"])),
        ];
        assert_eq!(
            edges(&files, &[]),
            vec![pair("App/Use.swift", "App/Name.swift")]
        );
    }

    #[test]
    fn an_own_declaration_shadows_and_duplicates_link_to_each() {
        let files = vec![
            (
                "App/A.swift",
                declaring("", &["Cache"], &[], &["Cache", "Log"]),
            ),
            ("App/B.swift", declaring("", &["Cache"], &[], &[])),
            ("App/Log1.swift", declaring("", &["Log"], &[], &[])),
            ("App/Log2.swift", declaring("", &["Log"], &[], &[])),
        ];
        assert_eq!(
            edges(&files, &[]),
            vec![
                pair("App/A.swift", "App/Log1.swift"),
                pair("App/A.swift", "App/Log2.swift"),
            ]
        );
    }
}
