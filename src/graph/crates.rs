//! Crates and their targets from `Cargo.toml` manifests: which files are crate roots, what
//! each crate is called in paths, and under which names a crate knows the repository's other
//! crates.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

/// A package of the repository (or, without a manifest, a directory holding `lib.rs` or
/// `main.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    /// The package name (`tokio-util`).
    pub name: String,
    /// Its library's name in paths (`tokio_util`).
    pub crate_name: String,
    /// Repository-relative directory of the manifest (`""` for the repository root).
    pub dir: String,
    /// Crate root files, in order: library, binaries, build script, tests, examples, benches.
    pub roots: Vec<String>,
    /// The library root, if the package has one.
    pub lib: Option<String>,
    /// Dependency names as written in paths (`-` → `_`) → package name, for every dependency.
    pub deps: BTreeMap<String, String>,
    /// The roots of test, example and bench targets: all their code is test code.
    pub test_roots: BTreeSet<String>,
    /// Packages listed only under `[dev-dependencies]`: a reference to one is test-only.
    pub dev_only: BTreeSet<String>,
    /// It has a `Cargo.toml` (loose code with a `lib.rs` or `main.rs` has none, and no one
    /// knows its targets).
    pub manifest: bool,
    /// Its library is a procedural macro crate (`[lib] proc-macro = true`): its items are
    /// macros only, which live in another namespace than types and traits.
    pub proc_macro: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct RawManifest {
    package: Option<RawPackage>,
    lib: Option<RawTarget>,
    #[serde(default)]
    bin: Vec<RawTarget>,
    #[serde(default)]
    test: Vec<RawTarget>,
    #[serde(default)]
    example: Vec<RawTarget>,
    #[serde(default)]
    bench: Vec<RawTarget>,
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
    #[serde(default)]
    dev_dependencies: BTreeMap<String, toml::Value>,
    #[serde(default)]
    build_dependencies: BTreeMap<String, toml::Value>,
    workspace: Option<RawWorkspace>,
}

#[derive(Debug, Deserialize)]
struct RawPackage {
    name: String,
    build: Option<toml::Value>,
}

#[derive(Debug, Default, Deserialize)]
struct RawTarget {
    name: Option<String>,
    path: Option<String>,
    #[serde(default, rename = "proc-macro", alias = "proc_macro")]
    proc_macro: bool,
}

#[derive(Debug, Default, Deserialize)]
struct RawWorkspace {
    #[serde(default)]
    dependencies: BTreeMap<String, toml::Value>,
}

/// The packages of a repository and what could not be read.
#[derive(Debug, Default)]
pub struct Packages {
    /// By directory, deepest last.
    pub list: Vec<Package>,
    /// Manifests that do not parse: `(path, message)`.
    pub broken: Vec<(String, String)>,
}

impl Packages {
    /// Reads the packages from manifest texts (`(repository-relative path of Cargo.toml,
    /// text)`) and the repository's Rust files. A manifest that does not parse still makes a
    /// package, named after its directory, with Cargo's default targets.
    pub fn new(manifests: &[(String, String)], files: &BTreeSet<String>) -> Packages {
        let mut out = Packages::default();
        let mut parsed: Vec<(String, RawManifest)> = Vec::new();
        for (path, text) in manifests {
            let dir = parent(path).to_string();
            match toml::from_str::<RawManifest>(text) {
                Ok(m) => parsed.push((dir, m)),
                Err(e) => {
                    out.broken.push((path.clone(), one_line(&e.to_string())));
                    parsed.push((dir, RawManifest::default()));
                }
            }
        }
        let workspace_deps: Vec<(&str, &BTreeMap<String, toml::Value>)> = parsed
            .iter()
            .filter_map(|(dir, m)| Some((dir.as_str(), &m.workspace.as_ref()?.dependencies)))
            .collect();
        for (dir, m) in &parsed {
            let broken = out.broken.iter().any(|(p, _)| parent(p) == dir);
            if m.package.is_none() && !broken {
                // A virtual workspace manifest: its members have their own.
                continue;
            }
            let name = m.package.as_ref().map_or_else(
                || dir.rsplit('/').next().unwrap_or("crate").to_string(),
                |p| p.name.clone(),
            );
            let crate_name = m
                .lib
                .as_ref()
                .and_then(|l| l.name.clone())
                .unwrap_or_else(|| name.replace('-', "_"));
            let mut deps = BTreeMap::new();
            let mut normal = BTreeSet::new();
            let mut dev = BTreeSet::new();
            let all = m.dependencies.iter().map(|d| (d, false));
            let all = all.chain(m.build_dependencies.iter().map(|d| (d, false)));
            for ((key, value), is_dev) in all.chain(m.dev_dependencies.iter().map(|d| (d, true))) {
                let mut package = value.get("package").and_then(|p| p.as_str());
                if value.get("workspace").and_then(|w| w.as_bool()) == Some(true) {
                    // The nearest workspace that declares it says what it is.
                    let declared = workspace_deps
                        .iter()
                        .filter(|(w, _)| within(dir, w))
                        .max_by_key(|(w, _)| w.len())
                        .and_then(|(_, d)| d.get(key));
                    package = package.or(declared
                        .and_then(|d| d.get("package"))
                        .and_then(|p| p.as_str()));
                }
                let package = package.unwrap_or(key).to_string();
                match is_dev {
                    true => dev.insert(package.clone()),
                    false => normal.insert(package.clone()),
                };
                deps.insert(key.replace('-', "_"), package);
            }
            let (roots, test_roots) = roots(dir, m, files);
            let lib = match &m.lib {
                Some(RawTarget { path: Some(p), .. }) => Some(join(dir, p)),
                _ => Some(join(dir, "src/lib.rs")),
            }
            .filter(|p| files.contains(p));
            out.list.push(Package {
                name,
                crate_name,
                dir: dir.clone(),
                roots,
                lib,
                deps,
                test_roots,
                dev_only: dev.difference(&normal).cloned().collect(),
                manifest: true,
                proc_macro: m.lib.as_ref().is_some_and(|l| l.proc_macro),
            });
        }
        // Loose Rust code with no manifest: each directory holding a lib.rs or main.rs.
        for file in files {
            let (dir, base) = (parent(file), file.rsplit('/').next().unwrap_or(file));
            if !(base == "lib.rs" || base == "main.rs") || out.package_of(file).is_some() {
                continue;
            }
            let pkg_dir = dir.strip_suffix("/src").unwrap_or(dir);
            let pkg_dir = if dir == "src" { "" } else { pkg_dir };
            if let Some(p) = out
                .list
                .iter_mut()
                .find(|p| p.dir == pkg_dir && p.roots.is_empty())
            {
                p.roots.push(file.clone());
                continue;
            }
            let name = pkg_dir
                .rsplit('/')
                .next()
                .filter(|n| !n.is_empty())
                .unwrap_or("crate");
            out.list.push(Package {
                name: name.to_string(),
                crate_name: name.replace('-', "_"),
                dir: dir.to_string(),
                roots: vec![file.clone()],
                lib: (base == "lib.rs").then(|| file.clone()),
                deps: BTreeMap::new(),
                test_roots: BTreeSet::new(),
                dev_only: BTreeSet::new(),
                manifest: false,
                proc_macro: false,
            });
        }
        out.list
            .sort_by(|a, b| a.dir.cmp(&b.dir).then(a.name.cmp(&b.name)));
        out
    }

    /// The package a file belongs to: the one with the deepest directory above it.
    pub fn package_of(&self, file: &str) -> Option<usize> {
        self.list
            .iter()
            .enumerate()
            .filter(|(_, p)| within(parent(file), &p.dir))
            .max_by_key(|(_, p)| p.dir.len())
            .map(|(k, _)| k)
    }
}

/// Cargo's targets of a package: explicit paths first, then the conventional ones present;
/// and those of them that are test, example or bench targets.
fn roots(dir: &str, m: &RawManifest, files: &BTreeSet<String>) -> (Vec<String>, BTreeSet<String>) {
    let mut out: Vec<String> = Vec::new();
    let mut add = |path: String| {
        if files.contains(&path) && !out.contains(&path) {
            out.push(path);
        }
    };
    let explicit = |targets: &[RawTarget]| -> Vec<String> {
        targets
            .iter()
            .filter_map(|t| t.path.as_deref())
            .map(|p| join(dir, p))
            .collect()
    };
    match m.lib.as_ref().and_then(|l| l.path.as_deref()) {
        Some(p) => add(join(dir, p)),
        None => add(join(dir, "src/lib.rs")),
    }
    explicit(&m.bin).into_iter().for_each(&mut add);
    add(join(dir, "src/main.rs"));
    conventional(dir, "src/bin", files)
        .into_iter()
        .for_each(&mut add);
    match m.package.as_ref().and_then(|p| p.build.as_ref()) {
        Some(toml::Value::String(p)) => add(join(dir, p)),
        Some(_) => {}
        None => add(join(dir, "build.rs")),
    }
    // A file that is also a library or binary target keeps that role.
    let before = out.len();
    let mut add = |path: String| {
        if files.contains(&path) && !out.contains(&path) {
            out.push(path);
        }
    };
    for (targets, folder) in [
        (&m.test, "tests"),
        (&m.example, "examples"),
        (&m.bench, "benches"),
    ] {
        explicit(targets).into_iter().for_each(&mut add);
        conventional(dir, folder, files)
            .into_iter()
            .for_each(&mut add);
    }
    let tests = out[before..].iter().cloned().collect();
    (out, tests)
}

/// `FOLDER/*.rs` and `FOLDER/*/main.rs` below `dir`, sorted.
fn conventional(dir: &str, folder: &str, files: &BTreeSet<String>) -> Vec<String> {
    let prefix = join(dir, folder) + "/";
    files
        .range(prefix.clone()..)
        .take_while(|f| f.starts_with(&prefix))
        .filter(|f| {
            let rest = &f[prefix.len()..];
            match rest.split_once('/') {
                None => rest.ends_with(".rs"),
                Some((_, tail)) => tail == "main.rs",
            }
        })
        .cloned()
        .collect()
}

/// `dir/rel`, with `.` and `..` resolved; `..` above the root is kept as `..`.
pub fn join(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = if rel.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    for part in rel.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            _ => parts.push(part),
        }
    }
    parts.join("/")
}

/// The directory part of a repository-relative path (`""` at the top).
pub fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// Whether directory `dir` is `ancestor` or below it.
fn within(dir: &str, ancestor: &str) -> bool {
    ancestor.is_empty()
        || dir == ancestor
        || dir
            .strip_prefix(ancestor)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[&str]) -> BTreeSet<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn targets_names_and_dependencies() {
        let manifests = vec![
            ("Cargo.toml".to_string(), "[workspace]\nmembers = [\"crates/*\"]\n[workspace.dependencies]\nbase = { path = \"crates/base-x\", package = \"base-x\" }\n".to_string()),
            ("crates/base-x/Cargo.toml".to_string(), "[package]\nname = \"base-x\"\n[lib]\nname = \"basex\"\n".to_string()),
            ("crates/app/Cargo.toml".to_string(), "[package]\nname = \"app\"\nbuild = false\n[dependencies]\nbase = { workspace = true }\nother-dep = \"1\"\n[dev-dependencies]\ntester = \"1\"\nhelp = { package = \"helper\", path = \"x\" }\nbase = { workspace = true }\n[[bin]]\nname = \"tool\"\npath = \"tool/main.rs\"\n".to_string()),
        ];
        let f = files(&[
            "crates/base-x/src/lib.rs",
            "crates/app/src/main.rs",
            "crates/app/tool/main.rs",
            "crates/app/src/bin/extra.rs",
            "crates/app/tests/it.rs",
            "crates/app/tests/common/mod.rs",
            "crates/app/build.rs",
        ]);
        let p = Packages::new(&manifests, &f);
        assert!(p.broken.is_empty());
        assert_eq!(p.list.len(), 2);
        let app = &p.list[0];
        assert_eq!(app.name, "app");
        assert_eq!(
            app.roots,
            [
                "crates/app/tool/main.rs",
                "crates/app/src/main.rs",
                "crates/app/src/bin/extra.rs",
                "crates/app/tests/it.rs"
            ]
        );
        assert_eq!(app.lib, None);
        assert_eq!(app.deps.get("base").map(String::as_str), Some("base-x"));
        assert_eq!(
            app.test_roots.iter().collect::<Vec<_>>(),
            ["crates/app/tests/it.rs"]
        );
        assert_eq!(
            app.dev_only.iter().collect::<Vec<_>>(),
            ["helper", "tester"]
        );
        assert_eq!(
            app.deps.get("other_dep").map(String::as_str),
            Some("other-dep")
        );
        let base = &p.list[1];
        assert_eq!(
            (base.crate_name.as_str(), base.lib.as_deref()),
            ("basex", Some("crates/base-x/src/lib.rs"))
        );
        assert_eq!(p.package_of("crates/app/tests/common/mod.rs"), Some(0));
        assert_eq!(p.package_of("README.rs"), None);
    }

    #[test]
    fn broken_manifests_and_loose_code() {
        let manifests = vec![("x/Cargo.toml".to_string(), "[package\nname=".to_string())];
        let f = files(&["x/src/lib.rs", "loose/src/main.rs", "one/lib.rs"]);
        let p = Packages::new(&manifests, &f);
        assert_eq!(p.broken.len(), 1);
        assert!(p.broken[0].1.contains("line 1"), "{:?}", p.broken);
        let names: Vec<(&str, &str)> = p
            .list
            .iter()
            .map(|p| (p.name.as_str(), p.dir.as_str()))
            .collect();
        assert_eq!(names, [("loose", "loose/src"), ("one", "one"), ("x", "x")]);
        assert_eq!(p.list[2].roots, ["x/src/lib.rs"]);
    }

    #[test]
    fn joining_paths() {
        assert_eq!(join("src", "a/../b.rs"), "src/b.rs");
        assert_eq!(join("src", "./x.rs"), "src/x.rs");
        assert_eq!(join("", "../../x.rs"), "../../x.rs");
        assert_eq!(join("a/b", "../c.rs"), "a/c.rs");
    }
}
