//! JavaScript and TypeScript (one resolver, so a mixed code base is one graph): module
//! specifiers resolved to files the way Node.js and TypeScript's bundler resolution find them
//! (README, "Dependency graph").
//!
//! - A relative specifier (`./util`, `../lib/x.js`) is tried as written, then with each
//!   extension of [`EXTENSIONS`], then as a directory's `index` with each extension. A `.js`
//!   specifier also finds the `.ts`/`.tsx` file it is compiled from (TypeScript's ESM style,
//!   `import "./x.js"` for `x.ts`).
//! - A bare specifier goes through the nearest `tsconfig.json` or `jsconfig.json` above the
//!   importing file (JSONC: comments and trailing commas allowed): its `compilerOptions.paths`
//!   patterns (`"@/*": ["src/*"]`), then its `baseUrl`. `extends` is not followed.
//! - Then through the repository's own packages: every `package.json` with a `name` (a
//!   workspace member, or the root package importing itself). `name` finds the package's
//!   entry (`source`, `module`, `main`, then `src/index`, `index`), `name/sub` the file `sub`
//!   below the package's directory or its `src/`.
//! - What none of these finds (a dependency from `node_modules`, a Node.js built-in) is
//!   counted by its package name (`react`, `@scope/pkg`, `node:fs` → `node:fs`), never guessed.
//!
//! `export … from` is a re-export (the re-export rule of README, "Dependency graph"); every
//! other import, `require` and `import()` is a use.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use super::{crates, Context, ImportResolver, Resolved};
use crate::model::RefKind;
use crate::parse::FileImports;

/// Extensions tried after a specifier without one, in order (TypeScript's first: a `.ts`
/// file beside its compiled `.js` is the source).
const EXTENSIONS: &[&str] = &["ts", "tsx", "d.ts", "js", "jsx", "mjs", "cjs", "mts", "cts"];

/// JavaScript's and TypeScript's resolver.
pub(crate) struct Modules;

impl ImportResolver for Modules {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &Context) -> Resolved {
        let mut warnings = Vec::new();
        let mut configs = Vec::new();
        let mut packages = Vec::new();
        for (path, text) in context.manifests {
            let (dir, name) = match path.rsplit_once('/') {
                Some((dir, name)) => (dir, name),
                None => ("", path.as_str()),
            };
            match name {
                "tsconfig.json" | "jsconfig.json" => match config(dir, text) {
                    Ok(c) => configs.push(Config {
                        ts: name == "tsconfig.json",
                        ..c
                    }),
                    Err(e) => warnings.push(format!("{path} does not parse ({e}): not used")),
                },
                "package.json" => match serde_json::from_str::<Package>(text) {
                    Ok(p) => packages.extend(p.name.clone().map(|n| (n, dir.to_string(), p))),
                    Err(e) => warnings.push(format!("{path} is not JSON ({e}): not used")),
                },
                _ => {}
            }
        }
        // A directory's tsconfig.json wins over its jsconfig.json.
        configs.sort_by(|a, b| a.dir.cmp(&b.dir).then(b.ts.cmp(&a.ts)));
        configs.dedup_by(|a, b| a.dir == b.dir);
        let mut out = resolve(files, &configs, &packages);
        out.warnings.extend(warnings);
        out
    }
}

/// What debtscan reads of a `tsconfig.json`/`jsconfig.json`.
#[derive(Debug, Default)]
struct Config {
    /// Its directory.
    dir: String,
    /// A `tsconfig.json` (not a `jsconfig.json`).
    ts: bool,
    /// `baseUrl`, as a repository-relative directory.
    base: Option<String>,
    /// `paths`: pattern (with at most one `*`) → substitutions, relative to `base` (or to the
    /// config's directory).
    paths: Vec<(String, Vec<String>)>,
}

#[derive(Debug, Default, Deserialize)]
struct RawConfig {
    #[serde(default, rename = "compilerOptions")]
    options: RawOptions,
}

#[derive(Debug, Default, Deserialize)]
struct RawOptions {
    #[serde(default, rename = "baseUrl")]
    base_url: Option<String>,
    #[serde(default)]
    paths: BTreeMap<String, Vec<String>>,
}

/// What debtscan reads of a `package.json`.
#[derive(Debug, Default, Deserialize)]
struct Package {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    source: Option<serde_json::Value>,
    #[serde(default)]
    module: Option<serde_json::Value>,
    #[serde(default)]
    main: Option<serde_json::Value>,
}

/// Reads a config in directory `dir` from its JSONC `text`.
fn config(dir: &str, text: &str) -> Result<Config, String> {
    let raw: RawConfig =
        jsonc_parser::parse_to_serde_value(text, &jsonc_parser::ParseOptions::default())
            .map_err(|e| e.to_string())?;
    let base = raw
        .options
        .base_url
        .map(|b| normalize(&crates::join(dir, &b)));
    Ok(Config {
        dir: dir.to_string(),
        ts: true,
        paths: raw.options.paths.into_iter().collect(),
        base,
    })
}

/// Resolves the imports of `files` given the configs (sorted by directory) and the
/// repository's named packages (`(name, directory, manifest)`).
fn resolve(
    files: &[(&str, &FileImports)],
    configs: &[Config],
    packages: &[(String, String, Package)],
) -> Resolved {
    let by_path: HashMap<&str, usize> = files
        .iter()
        .enumerate()
        .map(|(k, (p, _))| (*p, k))
        .collect();
    let find = |stem: &str| probe(stem, &by_path);
    let mut out = Resolved {
        modules: vec![None; files.len()],
        packages: vec![None; files.len()],
        ..Resolved::default()
    };
    for (file, (path, imports)) in files.iter().enumerate() {
        let dir = crates::parent(path);
        // The nearest config above the file.
        let config = configs
            .iter()
            .filter(|c| c.dir.is_empty() || dir == c.dir || dir.starts_with(&format!("{}/", c.dir)))
            .max_by_key(|c| c.dir.len());
        for import in &imports.sources {
            let spec = import.text.trim();
            if spec.is_empty() {
                continue;
            }
            let target =
                if spec.starts_with("./") || spec.starts_with("../") || spec == "." || spec == ".."
                {
                    find(&normalize(&crates::join(dir, spec)))
                } else {
                    config
                        .and_then(|c| through_config(spec, c, &find))
                        .or_else(|| through_packages(spec, packages, &find))
                };
            let kind = match import.reexport {
                true => RefKind::Reexport,
                false => RefKind::Use,
            };
            match target {
                Some(target) if target == file => {}
                Some(target) => out.add(file, target, import.line, kind),
                None => *out.unresolved.entry(package_name(spec)).or_insert(0) += 1,
            }
        }
    }
    out
}

/// The file a specifier's path `stem` (repository-relative, normalized) names: itself, with
/// an extension, or a directory's index.
fn probe(stem: &str, by_path: &HashMap<&str, usize>) -> Option<usize> {
    let stem = stem.trim_end_matches('/');
    if let Some(&k) = by_path.get(stem) {
        return Some(k);
    }
    // `./x.js` written for `x.ts` (TypeScript's ESM imports name the compiled file).
    for (js, ts) in [
        ("js", &["ts", "tsx"][..]),
        ("jsx", &["tsx"]),
        ("mjs", &["mts"]),
        ("cjs", &["cts"]),
    ] {
        if let Some(base) = stem.strip_suffix(&format!(".{js}")) {
            if let Some(k) = ts
                .iter()
                .find_map(|e| by_path.get(format!("{base}.{e}").as_str()))
            {
                return Some(*k);
            }
        }
    }
    let with = |base: &str| {
        EXTENSIONS
            .iter()
            .find_map(|e| by_path.get(format!("{base}.{e}").as_str()).copied())
    };
    with(stem).or_else(|| with(&crates::join(stem, "index")))
}

/// A bare specifier through a config's `paths`, then its `baseUrl`.
fn through_config(spec: &str, c: &Config, find: &dyn Fn(&str) -> Option<usize>) -> Option<usize> {
    let root = c.base.as_deref().unwrap_or(&c.dir);
    // The longest matching prefix wins, as in TypeScript.
    let mut patterns: Vec<&(String, Vec<String>)> = c.paths.iter().collect();
    patterns.sort_by_key(|(p, _)| std::cmp::Reverse(p.split('*').next().unwrap_or("").len()));
    for (pattern, substitutions) in patterns {
        let star = match pattern.split_once('*') {
            Some((before, after)) => spec
                .strip_prefix(before)
                .and_then(|s| s.strip_suffix(after))
                .map(str::to_string),
            None => (spec == pattern).then(String::new),
        };
        let Some(star) = star else { continue };
        for s in substitutions {
            let path = normalize(&crates::join(root, &s.replacen('*', &star, 1)));
            if let Some(k) = find(&path) {
                return Some(k);
            }
        }
    }
    c.base
        .as_deref()
        .and_then(|b| find(&normalize(&crates::join(b, spec))))
}

/// A bare specifier naming one of the repository's own packages, or a file below one.
fn through_packages(
    spec: &str,
    packages: &[(String, String, Package)],
    find: &dyn Fn(&str) -> Option<usize>,
) -> Option<usize> {
    let (dir, package, rest) = packages
        .iter()
        .filter_map(|(name, dir, p)| {
            let rest = spec.strip_prefix(name.as_str())?;
            (rest.is_empty() || rest.starts_with('/')).then_some((dir, p, rest))
        })
        .max_by_key(|(dir, _, _)| dir.len())?;
    let rest = rest.trim_start_matches('/');
    if !rest.is_empty() {
        return find(&normalize(&crates::join(dir, rest)))
            .or_else(|| find(&normalize(&crates::join(&crates::join(dir, "src"), rest))));
    }
    let entries = [&package.source, &package.module, &package.main];
    let named = entries
        .iter()
        .filter_map(|v| v.as_ref()?.as_str())
        .find_map(|e| find(&normalize(&crates::join(dir, e))));
    named
        .or_else(|| find(&crates::join(dir, "src/index")))
        .or_else(|| find(&crates::join(dir, "index")))
}

/// `a/./b/../c` → `a/c`; a path climbing above the repository root keeps its `..` (and
/// then names no file).
fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => match parts.last() {
                Some(&p) if p != ".." => {
                    parts.pop();
                }
                _ => parts.push(".."),
            },
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// What an unresolved specifier is counted by: its package name (`lodash/fp` → `lodash`,
/// `@babel/core/lib` → `@babel/core`), or a relative path as written.
fn package_name(spec: &str) -> String {
    if spec.starts_with('.') {
        return spec.to_string();
    }
    let parts: Vec<&str> = spec.split('/').collect();
    match spec.starts_with('@') {
        true => parts[..parts.len().min(2)].join("/"),
        false => parts[0].to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::imports::ImportSource;

    fn imports(specs: &[(&str, bool)]) -> FileImports {
        FileImports {
            sources: specs
                .iter()
                .enumerate()
                .map(|(k, (t, reexport))| ImportSource {
                    text: t.to_string(),
                    line: k as u32 + 1,
                    reexport: *reexport,
                })
                .collect(),
            ..FileImports::default()
        }
    }

    fn edges(r: &Resolved) -> Vec<(usize, usize, u32, bool)> {
        r.edges
            .iter()
            .map(|(&(a, b), c)| (a, b, c.line, c.reexports > 0))
            .collect()
    }

    #[test]
    fn relative_specifiers_probe_extensions_and_indexes() {
        let app = imports(&[
            ("./util", false),
            ("../lib", false),
            ("./view.js", false),
            ("./missing", false),
            ("react", false),
            ("@scope/pkg/deep", false),
            ("node:fs", false),
        ]);
        let index = imports(&[("./a", true)]);
        let empty = imports(&[]);
        let files = [
            ("lib/a.mjs", &empty),
            ("lib/index.ts", &index),
            ("src/app.jsx", &app),
            ("src/util.js", &empty),
            ("src/view.tsx", &empty),
        ];
        let r = resolve(&files, &[], &[]);
        assert_eq!(
            edges(&r),
            [
                (1, 0, 1, true),
                (2, 1, 2, false),
                (2, 3, 1, false),
                (2, 4, 3, false)
            ]
        );
        assert_eq!(
            r.unresolved,
            [
                ("./missing".to_string(), 1),
                ("@scope/pkg".to_string(), 1),
                ("node:fs".to_string(), 1),
                ("react".to_string(), 1),
            ]
            .into()
        );
    }

    #[test]
    fn tsconfig_paths_base_url_and_workspace_packages() {
        let app = imports(&[
            ("@/components/button", false),
            ("utils/format", false),
            ("@acme/core", false),
            ("@acme/core/extra", false),
        ]);
        let empty = imports(&[]);
        let files = [
            ("packages/core/src/extra.ts", &empty),
            ("packages/core/src/index.ts", &empty),
            ("web/src/app.ts", &app),
            ("web/src/components/button.tsx", &empty),
            ("web/src/utils/format.ts", &empty),
        ];
        let tsconfig = "{\n  // JSONC\n  \"compilerOptions\": {\n    \"baseUrl\": \"./src\",\n    \"paths\": { \"@/*\": [\"./*\"], },\n  },\n}\n";
        let configs = [config("web", tsconfig).unwrap()];
        let core: Package = serde_json::from_str(r#"{"name": "@acme/core"}"#).unwrap();
        let packages = [("@acme/core".to_string(), "packages/core".to_string(), core)];
        let r = resolve(&files, &configs, &packages);
        assert_eq!(
            edges(&r),
            [
                (2, 0, 4, false),
                (2, 1, 3, false),
                (2, 3, 1, false),
                (2, 4, 2, false)
            ]
        );
        assert!(r.unresolved.is_empty(), "{:?}", r.unresolved);
    }

    #[test]
    fn broken_configs_are_reported() {
        assert!(config("", "{ \"compilerOptions\": ").is_err());
        assert_eq!(normalize("a/./b/../c"), "a/c");
        assert_eq!(normalize("../x"), "../x");
    }
}
