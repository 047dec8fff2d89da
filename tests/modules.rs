//! The crate's shape: its top-level modules form no dependency cycle, and the leaves (`model`,
//! `util`, `error`) import nothing from the crate (DESIGN §2: facts flow one way). A module
//! depends on another when its code (tests included, comments and string literals excluded)
//! names `crate::other`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Modules that must import nothing from the crate.
const LEAVES: &[&str] = &["model", "util", "error"];

/// Names the library root re-exports, and the module that defines them.
const REEXPORTS: &[(&str, &str)] = &[
    ("Error", "error"),
    ("scan", "pipeline"),
    ("collect", "pipeline"),
    ("churn", "pipeline"),
    ("coupling", "pipeline"),
    ("functions", "pipeline"),
    ("ScanRequest", "pipeline"),
    ("ChurnRequest", "pipeline"),
];

/// `text` without `//` comments and string literals (char literals and lifetimes aside).
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'r' if bytes.get(i + 1) == Some(&b'#') || bytes.get(i + 1) == Some(&b'"') => {
                // A raw string r"…" or r#"…"#: skip to the closing quote and hashes.
                let mut j = i + 1;
                let mut hashes = 0;
                while bytes.get(j) == Some(&b'#') {
                    hashes += 1;
                    j += 1;
                }
                if bytes.get(j) != Some(&b'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let rest = &text[j + 1..];
                i = j + 1 + rest.find(&close).map_or(rest.len(), |p| p + close.len());
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
            }
            b => {
                out.push(b as char);
                i += 1;
            }
        }
    }
    out
}

/// Top-level module → the top-level modules its code names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    let mut files = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    for path in files {
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if module == "lib" || module == "main" {
            continue;
        }
        let code = code_only(&std::fs::read_to_string(&path).unwrap());
        let deps = modules.entry(module.clone()).or_default();
        for (at, _) in code.match_indices("crate::") {
            let rest = &code[at + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let group = &group[..group.find('}').unwrap_or(group.len())];
                group
                    .split(',')
                    .map(|n| n.trim().split("::").next().unwrap_or("").trim())
                    .collect()
            } else {
                vec![rest
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or("")]
            };
            for name in names.into_iter().filter(|n| !n.is_empty() && *n != "self") {
                let target = REEXPORTS
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map_or(name, |(_, m)| m);
                if target != module {
                    deps.insert(target.to_string());
                }
            }
        }
    }
    modules
}

#[test]
fn leaves_import_nothing_from_the_crate() {
    let deps = dependencies();
    for leaf in LEAVES {
        let found = deps.get(*leaf).expect("leaf module exists");
        assert!(
            found.is_empty(),
            "`{leaf}` must be a leaf but uses {found:?}"
        );
    }
}

#[test]
fn top_level_modules_form_no_cycle() {
    let deps = dependencies();
    for (module, uses) in &deps {
        for target in uses {
            assert!(
                deps.contains_key(target),
                "`{module}` names `crate::{target}`, which is not a module: add it to REEXPORTS"
            );
        }
    }
    // Depth-first search for a back edge; the path in progress names the cycle.
    fn visit<'a>(
        node: &'a str,
        deps: &'a BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node);
            panic!("module cycle: {}", cycle.join(" → "));
        }
        path.push(node);
        for next in &deps[node] {
            visit(next, deps, path, done);
        }
        path.pop();
        done.insert(node);
    }
    let mut done = BTreeSet::new();
    for module in deps.keys() {
        visit(module, &deps, &mut Vec::new(), &mut done);
    }
}

#[test]
fn the_checker_sees_comments_strings_and_groups() {
    let code =
        code_only("use crate::{a, b::c}; // crate::x\nlet s = \"crate::y\"; r#\"crate::z\"#;");
    assert!(code.contains("crate::{a, b::c}"));
    assert!(!code.contains("crate::x") && !code.contains("crate::y") && !code.contains("crate::z"));
}
