//! Rust's module tree and path resolution: which file a `use` or a qualified path names.
//!
//! The rules are in the README ("Dependency graph"). In short: `mod` declarations build a
//! tree per crate target; a path is followed through that tree as far as it names modules,
//! and the file of the last module reached is the target. Nothing is guessed: a path whose
//! start names no module of the repository is unresolved.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

use super::crates::{join, parent, Packages};
use super::{holds, Counts, Resolved};
use crate::parse::imports::{FileImports, RefKind, Reference};

type ModId = usize;

/// How deep resolution may recurse through `use`-bound names and re-exports.
const MAX_DEPTH: u8 = 16;

/// How deep glob re-exports are searched (each level may hold many globs).
const MAX_GLOB_DEPTH: u8 = 4;

/// Names bound by `use` leaves of one file, per inline module scope: the reference's index.
type Bindings<'a> = HashMap<(Option<u32>, &'a str), usize>;

#[derive(Debug)]
struct Module {
    /// Index of the file holding the module's code.
    file: usize,
    parent: Option<ModId>,
    children: BTreeMap<String, ModId>,
    /// The crate target's root module.
    root: ModId,
    /// Its path, `crate_name::a::b` (empty when no crate root declares it).
    path: String,
    /// Test code: in a test, example or bench target, or declared under `#[cfg(test)]`.
    test: bool,
}

/// The module tree of every crate target.
struct Tree<'a> {
    files: &'a [(&'a str, &'a FileImports)],
    by_path: HashMap<&'a str, usize>,
    modules: Vec<Module>,
    /// Each file's module (the first way it was reached) and its inline modules by
    /// declaration index.
    file_module: Vec<Option<ModId>>,
    inline: Vec<HashMap<u32, ModId>>,
    packages: &'a Packages,
    /// Library root module of each package.
    libs: Vec<Option<ModId>>,
    /// The package of each file.
    file_package: Vec<Option<usize>>,
    /// The first package of each name, and of each crate name: every path that does not start
    /// at `crate`, `self` or `super` looks its first segment up here (a linear search over
    /// the packages was 5% of a warm scan of cargo).
    by_name: HashMap<&'a str, usize>,
    by_crate_name: HashMap<&'a str, usize>,
    /// Names bound by `use` leaves, per file.
    bindings: Vec<Bindings<'a>>,
    /// Per module, the names it re-exports (`pub use a::X;`): `(file, reference index)`, in
    /// source order (a name may be re-exported twice, in two namespaces).
    exports: Vec<HashMap<&'a str, Vec<(usize, usize)>>>,
    /// Per module, its glob re-exports (`pub use a::*;`): `(file, reference index)`.
    globs: Vec<Vec<(usize, usize)>>,
    /// Per module, the names its private `use` declarations bind (`use crate::ctx::Context;`),
    /// which the module's descendants see too (`use super::Context;` in a child).
    private: Vec<HashMap<&'a str, (usize, usize)>>,
    warnings: Vec<String>,
}

/// Each name's first position among `names`.
fn first_index<'a>(names: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut out = HashMap::new();
    for (i, name) in names.enumerate() {
        out.entry(name).or_insert(i);
    }
    out
}

/// Rust's resolver: Cargo packages and their module trees.
pub(crate) struct Cargo;

impl super::ImportResolver for Cargo {
    fn resolve(&self, files: &[(&str, &FileImports)], context: &super::Context) -> Resolved {
        let paths: std::collections::BTreeSet<String> =
            files.iter().map(|(p, _)| p.to_string()).collect();
        let cargo: Vec<(String, String)> = (context.manifests.iter())
            .filter(|(path, _)| path == "Cargo.toml" || path.ends_with("/Cargo.toml"))
            .cloned()
            .collect();
        let packages = Packages::new(&cargo, &paths);
        let broken = packages.broken.iter().map(|(path, message)| {
            format!(
                "{path} does not parse ({message}): its crate is named after its directory, \
                 with Cargo's default targets"
            )
        });
        let broken: Vec<String> = broken.collect();
        let mut resolved = resolve(files, &packages, context);
        resolved.package_count = packages.list.len();
        resolved.warnings.splice(0..0, broken);
        resolved
    }
}

/// Resolves every reference of the Rust `files` (`(path, imports)`) against the module trees
/// of `packages`.
fn resolve(
    files: &[(&str, &FileImports)],
    packages: &Packages,
    context: &super::Context,
) -> Resolved {
    let mut tree = Tree {
        files,
        by_path: files
            .iter()
            .enumerate()
            .map(|(k, (p, _))| (*p, k))
            .collect(),
        modules: Vec::new(),
        file_module: vec![None; files.len()],
        inline: vec![HashMap::new(); files.len()],
        packages,
        libs: vec![None; packages.list.len()],
        file_package: files.iter().map(|(p, _)| packages.package_of(p)).collect(),
        by_name: first_index(packages.list.iter().map(|p| p.name.as_str())),
        by_crate_name: first_index(packages.list.iter().map(|p| p.crate_name.as_str())),
        bindings: files.iter().map(|(_, f)| bindings(f)).collect(),
        exports: Vec::new(),
        globs: Vec::new(),
        private: Vec::new(),
        warnings: Vec::new(),
    };
    for (k, package) in packages.list.iter().enumerate() {
        for root in &package.roots {
            let Some(&file) = tree.by_path.get(root.as_str()) else {
                continue;
            };
            let module = match tree.file_module[file] {
                Some(m) => m,
                None => {
                    let test = package.test_roots.contains(root);
                    tree.plant(file, &package.crate_name, true, None, test)
                }
            };
            if package.lib.as_deref() == Some(root.as_str()) {
                tree.libs[k] = Some(module);
            }
        }
    }
    // Files no `mod` declares are modules of their own, in their package's main crate;
    // parents first (`a.rs` and `a/mod.rs` before `a/b.rs`), so that what an orphan declares
    // is its module, not an orphan of its own.
    let mut order: Vec<usize> = (0..files.len())
        .filter(|&f| tree.file_module[f].is_none())
        .collect();
    order.sort_by_key(|&f| {
        let path = files[f].0;
        let base = path.rsplit('/').next().unwrap_or(path);
        (path.matches('/').count(), base != "mod.rs", path)
    });
    let included = included(files);
    let mut orphans = Vec::new();
    let mut dead = Vec::new();
    for file in order {
        let path = files[file].0;
        if tree.file_module[file].is_none() {
            orphans.push(path.to_string());
            let package = tree.file_package[file];
            let name = package
                .map_or("", |p| packages.list[p].crate_name.as_str())
                .to_string();
            // `crate::` from an orphan means its package's library (or first target).
            let root = package.and_then(|p| {
                tree.libs[p].or_else(|| {
                    let first = packages.list[p].roots.first()?;
                    tree.file_module[*tree.by_path.get(first.as_str())?]
                })
            });
            let test = package.is_some_and(|p| in_test_folder(path, &packages.list[p].dir));
            let first = tree.modules.len();
            tree.plant(file, &name, false, root, test);
            let Some(p) = package.filter(|&p| is_dead(path, p, packages, &included, context))
            else {
                continue;
            };
            // The files this plant reached: dead with it.
            let declares: Vec<usize> = (0..files.len())
                .filter(|&f| f != file)
                .filter(|&f| tree.file_module[f].is_some_and(|m| m > first))
                .collect();
            dead.push((file, declares, join(&packages.list[p].dir, "Cargo.toml")));
        }
    }
    if !orphans.is_empty() {
        tree.warnings.push(format!(
            "{} Rust file(s) are declared by no `mod` of any crate target, so their `self::` \
             and `super::` paths are not resolved: {}",
            orphans.len(),
            sample(&orphans)
        ));
    }

    tree.index_reexports();

    let mut out = Resolved::default();
    for file in 0..files.len() {
        let module = tree.file_module[file].map(|m| &tree.modules[m]);
        out.modules
            .push(module.map(|m| m.path.clone()).filter(|p| !p.is_empty()));
        out.packages
            .push(tree.file_package[file].map(|p| packages.list[p].name.clone()));
        tree.references(file, &mut out);
    }
    out.warnings = std::mem::take(&mut tree.warnings);
    out.dead = dead;
    out
}

/// The files named by an `include!("…")` of another file (relative to the including file).
fn included(files: &[(&str, &FileImports)]) -> BTreeSet<String> {
    files
        .iter()
        .flat_map(|(path, imports)| {
            imports
                .sources
                .iter()
                .map(move |s| join(parent(path), &s.text))
        })
        .collect()
}

/// Whether the orphan `path` of package `p` is dead code: no target of a real `Cargo.toml`
/// compiles it. Only a file in the source tree of a library or binary target is (below the
/// directory of its root: `src/` for `src/lib.rs`); elsewhere a `.rs` file is more likely
/// data (`assets/`, fixtures). Not when the package's manifest is unknown (loose code), a file
/// of that source tree was not parsed (its `mod`s are unknown), the file is `include!`d, or it
/// is in a folder whose files are targets of their own or their fixtures (`tests/`,
/// `benches/`, `examples/`, `src/bin/`).
fn is_dead(
    path: &str,
    p: usize,
    packages: &Packages,
    included: &BTreeSet<String>,
    context: &super::Context,
) -> bool {
    let package = &packages.list[p];
    let build = join(&package.dir, "build.rs");
    let sources: Vec<String> = package
        .roots
        .iter()
        .filter(|r| !package.test_roots.contains(*r) && **r != build)
        .map(|r| parent(r).to_string())
        .collect();
    let inside = |file: &str| {
        sources
            .iter()
            .any(|dir| dir.is_empty() || file.starts_with(&format!("{dir}/")))
    };
    let bin = join(&package.dir, "src/bin") + "/";
    package.manifest
        && inside(path)
        && !in_test_folder(path, &package.dir)
        && !path.starts_with(&bin)
        && !included.contains(path)
        && !context
            .unread
            .iter()
            .any(|u| u.ends_with(".rs") && inside(u) && packages.package_of(u) == Some(p))
}

impl<'a> Tree<'a> {
    /// Makes `file` a module with no parent and walks the tree below it. It is a crate root
    /// when `root`; `crate::` leads to `crate_root`, or to the module itself.
    fn plant(
        &mut self,
        file: usize,
        crate_name: &str,
        root: bool,
        crate_root: Option<ModId>,
        test: bool,
    ) -> ModId {
        let id = self.modules.len();
        // An orphan's place in its crate is unknown: it (and what it declares) has no path.
        let path = match root {
            true => crate_name.to_string(),
            false => String::new(),
        };
        self.modules.push(Module {
            file,
            parent: None,
            children: BTreeMap::new(),
            root: crate_root.unwrap_or(id),
            path,
            test,
        });
        self.file_module[file] = Some(id);
        let mut queue = VecDeque::from([(file, root)]);
        while let Some((file, is_root)) = queue.pop_front() {
            self.declare(file, is_root, &mut queue);
        }
        id
    }

    /// Adds the modules `file` declares, queueing the files it brings into the tree.
    fn declare(&mut self, file: usize, is_root: bool, queue: &mut VecDeque<(usize, bool)>) {
        let (path, imports) = self.files[file];
        let Some(own) = self.file_module[file] else {
            return;
        };
        let stem = path.rsplit('/').next().unwrap_or(path);
        let mod_rs = is_root || stem == "mod.rs";
        // Where `mod x;` looks: the file's directory, or for `a.rs` the directory `a/`.
        let base = if mod_rs {
            parent(path).to_string()
        } else {
            join(parent(path), stem.trim_end_matches(".rs"))
        };
        for (k, decl) in imports.modules.iter().enumerate() {
            let owner = match decl.parent {
                Some(p) => match self.inline[file].get(&p) {
                    Some(&m) => m,
                    None => continue,
                },
                None => own,
            };
            if decl.inline {
                let child = self.child(owner, &decl.name, file, decl.test);
                self.inline[file].insert(k as u32, child);
                continue;
            }
            // Inline modules around the declaration add their names as directories.
            let mut dir = base.clone();
            let mut names = Vec::new();
            let mut up = decl.parent;
            while let Some(p) = up {
                names.push(imports.modules[p as usize].name.as_str());
                up = imports.modules[p as usize].parent;
            }
            for name in names.iter().rev() {
                dir = join(&dir, name);
            }
            let candidates = match &decl.path_attr {
                // Outside inline modules `#[path]` is relative to the file's own directory.
                Some(p) if decl.parent.is_none() => vec![join(parent(path), p)],
                Some(p) => vec![join(&dir, p)],
                None => vec![
                    join(&dir, &format!("{}.rs", decl.name)),
                    join(&dir, &format!("{}/mod.rs", decl.name)),
                ],
            };
            if candidates[0].starts_with("../") || candidates[0] == ".." {
                self.warnings.push(format!(
                    "{path}:{}: `mod {}` points outside the repository ({}): not followed",
                    decl.line,
                    decl.name,
                    decl.path_attr.as_deref().unwrap_or_default()
                ));
                continue;
            }
            let Some(target) = candidates
                .iter()
                .find_map(|c| self.by_path.get(c.as_str()).copied())
            else {
                self.warnings.push(format!(
                    "{path}:{}: `mod {};` names no scanned file ({})",
                    decl.line,
                    decl.name,
                    candidates.join(" or ")
                ));
                continue;
            };
            match self.file_module[target] {
                // Reached before (two targets share a file): link it, keep its first identity.
                Some(existing) => {
                    self.modules[owner]
                        .children
                        .entry(decl.name.clone())
                        .or_insert(existing);
                }
                None => {
                    let child = self.child(owner, &decl.name, target, decl.test);
                    self.file_module[target] = Some(child);
                    queue.push_back((target, false));
                }
            }
        }
    }

    /// Adds module `name` (in `file`) below `owner`; it is test code when `test` (declared
    /// under `#[cfg(test)]`) or when `owner` is.
    fn child(&mut self, owner: ModId, name: &str, file: usize, test: bool) -> ModId {
        let id = self.modules.len();
        let path = match self.modules[owner].path.as_str() {
            "" => String::new(),
            owner => format!("{owner}::{name}"),
        };
        let root = self.modules[owner].root;
        self.modules.push(Module {
            file,
            parent: Some(owner),
            children: BTreeMap::new(),
            root,
            path,
            test: test || self.modules[owner].test,
        });
        self.modules[owner].children.insert(name.to_string(), id);
        id
    }

    /// The library root of the crate `name` as seen from `file`'s package.
    fn crate_root(&self, file: usize, name: &str) -> Option<ModId> {
        let here = self.file_package[file];
        let package = here
            .and_then(|p| self.packages.list[p].deps.get(name))
            .and_then(|dep| self.by_name.get(dep.as_str()).copied())
            .or_else(|| self.by_crate_name.get(name).copied())?;
        self.libs[package]
    }

    /// Whether `target` is in a package that `file`'s package lists only as a
    /// dev-dependency (Cargo allows such a package to depend back on it).
    fn dev_only(&self, file: usize, target: usize) -> bool {
        match (self.file_package[file], self.file_package[target]) {
            (Some(a), Some(b)) if a != b => {
                let packages = &self.packages.list;
                packages[a].dev_only.contains(&packages[b].name)
            }
            _ => false,
        }
    }

    /// The module a reference of `file` is made in (`inline`: its inline module, if any).
    fn module_of(&self, file: usize, inline: Option<u32>) -> Option<ModId> {
        let own = self.file_module[file]?;
        Some(match inline {
            Some(m) => self.inline[file].get(&m).copied().unwrap_or(own),
            None => own,
        })
    }

    /// Records each module's re-exports (named ones by the name they give, globs apart) and
    /// the names its private `use` declarations bind.
    fn index_reexports(&mut self) {
        let mut exports = vec![HashMap::new(); self.modules.len()];
        let mut globs = vec![Vec::new(); self.modules.len()];
        let mut private = vec![HashMap::new(); self.modules.len()];
        for (file, (_, imports)) in self.files.iter().enumerate() {
            for (k, r) in imports.references.iter().enumerate() {
                let Some(module) = self.module_of(file, r.module) else {
                    continue;
                };
                match (r.kind, &r.binds, r.glob) {
                    (RefKind::Reexport, _, true) => globs[module].push((file, k)),
                    (RefKind::Reexport, Some(name), false) => {
                        let list: &mut Vec<_> = exports[module].entry(name.as_str()).or_default();
                        list.push((file, k));
                    }
                    (RefKind::Use, Some(name), false) if !r.test => {
                        private[module].entry(name.as_str()).or_insert((file, k));
                    }
                    _ => {}
                }
            }
        }
        self.exports = exports;
        self.globs = globs;
        self.private = private;
    }

    /// Whether re-export `r` of `module` leads into a procedural macro crate (`target` is a
    /// file there) while the module re-exports the same name from elsewhere too: the macro
    /// twin of a trait or type (`pub use axum_macros::FromRequest;` beside the trait).
    fn macro_twin(&self, module: ModId, r: &Reference, target: usize) -> bool {
        let twice = r
            .binds
            .as_deref()
            .and_then(|name| self.exports[module].get(name))
            .is_some_and(|list| list.len() > 1);
        twice && self.in_proc_macro(target)
    }

    /// Whether `file` is in a procedural macro crate, whose items are macros only.
    fn in_proc_macro(&self, file: usize) -> bool {
        self.file_package[file].is_some_and(|p| self.packages.list[p].proc_macro)
    }

    /// Whether module `a` is `b` or one of its ancestors.
    fn encloses(&self, a: ModId, b: ModId) -> bool {
        let mut m = Some(b);
        while let Some(x) = m {
            if x == a {
                return true;
            }
            m = self.modules[x].parent;
        }
        false
    }

    /// The names visible while resolving the references of `file`.
    fn scope(&self, file: usize) -> Scope<'_, 'a> {
        Scope {
            tree: self,
            file,
            imports: self.files[file].1,
            bindings: &self.bindings[file],
        }
    }

    /// Resolves the references of one file into `out`.
    fn references(&self, file: usize, out: &mut Resolved) {
        let imports = self.files[file].1;
        let scope = self.scope(file);
        for (k, r) in imports.references.iter().enumerate() {
            let Some(module) = self.module_of(file, r.module) else {
                return;
            };
            match scope.resolve(module, r.module, &r.path, k, 0) {
                Some(Target { external: true, .. }) => {}
                Some(Target { module: m, .. }) => {
                    let target = self.modules[m].file;
                    if target != file {
                        let test =
                            r.test || self.modules[module].test || self.dev_only(file, target);
                        let counts = out.edges.entry((file, target)).or_insert(Counts {
                            line: r.line,
                            ..Counts::default()
                        });
                        counts.add(r.kind);
                        // A re-exported name the file's own code uses is a use too (of the
                        // trait or type, when a derive macro shares its name).
                        let used_reexport = !test
                            && r.kind == RefKind::Reexport
                            && !r.glob
                            && uses_name(imports, r)
                            && !self.macro_twin(module, r, target);
                        if used_reexport {
                            counts.add(RefKind::Use);
                        }
                        if !test && (r.kind != RefKind::Reexport || used_reexport) {
                            counts.note_use_line(r.line);
                        }
                        counts.test += u32::from(test);
                        counts.test_reexports += u32::from(test && r.kind == RefKind::Reexport);
                        counts.line = counts.line.min(r.line);
                    }
                }
                None if r.kind != RefKind::Path => {
                    let first = r.path.trim_start_matches("::");
                    let first = first.split("::").next().unwrap_or(first);
                    *out.unresolved.entry(first.to_string()).or_insert(0) += 1;
                }
                None => {}
            }
        }
    }
}

/// Where a path leads: the last module reached and whether every segment was a module.
#[derive(Debug, Clone, Copy)]
struct Target {
    module: ModId,
    complete: bool,
    /// The path ends at an item the repository re-exports from outside it
    /// (`pub use futures_core::Stream;`): no file of the repository defines it.
    external: bool,
}

/// Whether the file's non-test code uses the name `r` binds, bare (not in a path).
fn uses_name(imports: &FileImports, r: &Reference) -> bool {
    r.binds
        .as_deref()
        .is_some_and(|name| holds(&imports.names, name))
}

/// The names bound by the `use` leaves of a file.
fn bindings(imports: &FileImports) -> Bindings<'_> {
    let mut out = HashMap::new();
    for (k, r) in imports.references.iter().enumerate() {
        if let Some(name) = &r.binds {
            out.entry((r.module, name.as_str())).or_insert(k);
        }
    }
    out
}

/// The names visible while resolving the references of one file.
struct Scope<'s, 'a> {
    tree: &'s Tree<'a>,
    file: usize,
    imports: &'a FileImports,
    bindings: &'s Bindings<'a>,
}

impl Scope<'_, '_> {
    /// Resolves `path` from `module` (inline scope `inline`), for reference `index`.
    fn resolve(
        &self,
        module: ModId,
        inline: Option<u32>,
        path: &str,
        index: usize,
        depth: u8,
    ) -> Option<Target> {
        let modules = &self.tree.modules;
        let mut segments = path.split("::").peekable();
        let first = segments.next()?;
        let mut at = match first {
            "" => self.tree.crate_root(self.file, segments.next()?)?,
            "crate" => modules[module].root,
            "self" => module,
            "super" => {
                let mut m = modules[module].parent?;
                while segments.peek() == Some(&"super") {
                    segments.next();
                    m = modules[m].parent?;
                }
                m
            }
            name => {
                if let Some(&child) = modules[module].children.get(name) {
                    child
                } else if let Some(&k) = self
                    .bindings
                    .get(&(inline, name))
                    .filter(|&&k| k != index && depth < MAX_DEPTH)
                {
                    // A name a `use` brought in: resolve that `use`, then go on from it.
                    let bound = &self.imports.references[k];
                    let target = self.resolve(module, inline, &bound.path, k, depth + 1)?;
                    if !target.complete {
                        return Some(target);
                    }
                    target.module
                } else {
                    self.tree.crate_root(self.file, name)?
                }
            }
        };
        for segment in segments {
            match modules[at].children.get(segment) {
                Some(&child) => at = child,
                None => match self
                    .tree
                    .reexported(at, segment, depth + 1)
                    .or_else(|| self.privately_bound(module, at, segment, depth + 1))
                {
                    // A re-exported module: go on through it.
                    Some(t) if t.complete => at = t.module,
                    // An item: its defining module is the target.
                    Some(t) => return Some(t),
                    None => {
                        return Some(Target {
                            module: at,
                            complete: false,
                            external: false,
                        })
                    }
                },
            }
        }
        Some(Target {
            module: at,
            complete: true,
            external: false,
        })
    }
}

impl Scope<'_, '_> {
    /// Where `name`, bound by a private `use` of module `at`, leads, when the reference is
    /// made in `at` or below it (a private import is visible there: `use super::Context;` in a
    /// child of a module that has `use crate::ctx::Context;` reaches `ctx`).
    fn privately_bound(&self, from: ModId, at: ModId, name: &str, depth: u8) -> Option<Target> {
        if depth >= MAX_DEPTH || !self.tree.encloses(at, from) {
            return None;
        }
        let &(file, k) = self.tree.private[at].get(name)?;
        let r = &self.tree.files[file].1.references[k];
        let module = self.tree.module_of(file, r.module)?;
        self.tree
            .scope(file)
            .resolve(module, r.module, &r.path, k, depth + 1)
    }
}

impl Tree<'_> {
    /// Whether module `m` is a file's own module (not an inline one) and that file defines an
    /// item `name` at its top level.
    fn defines(&self, m: ModId, name: &str) -> bool {
        let file = self.modules[m].file;
        self.file_module[file] == Some(m) && holds(&self.files[file].1.defines, name)
    }

    /// Where `name`, re-exported by module `at` (`pub use a::X;`, `pub use a::*;`), comes
    /// from: the named re-export's own resolution (which follows further re-exports), else
    /// the first glob re-export whose module has `name` as a child module or re-exports it in
    /// turn. `None` when `at` re-exports no such name, or it leads outside the repository.
    fn reexported(&self, at: ModId, name: &str, depth: u8) -> Option<Target> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let resolve_export = |(file, k): (usize, usize)| {
            let r = &self.files[file].1.references[k];
            let module = self.module_of(file, r.module)?;
            self.scope(file)
                .resolve(module, r.module, &r.path, k, depth + 1)
        };
        if let Some(exports) = self.exports[at].get(name) {
            // Re-exported from outside the repository: a reference to it names no file here.
            let outside = Target {
                module: at,
                complete: false,
                external: true,
            };
            // A name re-exported twice lives in two namespaces (axum's `extract::FromRequest`
            // is a trait and a derive macro): a path names the trait or type, not the macro.
            let mut first = None;
            for &export in exports {
                let t = resolve_export(export).unwrap_or(outside);
                if t.external || !self.in_proc_macro(self.modules[t.module].file) {
                    return Some(t);
                }
                first.get_or_insert(t);
            }
            return first;
        }
        if depth >= MAX_GLOB_DEPTH {
            return None;
        }
        self.globs[at].iter().find_map(|&glob| {
            let source = resolve_export(glob).filter(|t| t.complete && t.module != at)?;
            match self.modules[source.module].children.get(name) {
                Some(&child) => Some(Target {
                    module: child,
                    complete: true,
                    external: false,
                }),
                // An item the glob's module defines: that module is the target.
                None if self.defines(source.module, name) => Some(Target {
                    module: source.module,
                    complete: false,
                    external: false,
                }),
                None => self.reexported(source.module, name, depth + 1),
            }
        })
    }
}

/// Whether `path` is in the `tests/`, `benches/` or `examples/` folder of the package at
/// `dir`: code of a test, bench or example target that no `mod` reaches.
fn in_test_folder(path: &str, dir: &str) -> bool {
    let rel = match dir {
        "" => path,
        dir => path
            .strip_prefix(dir)
            .and_then(|p| p.strip_prefix('/'))
            .unwrap_or(""),
    };
    ["tests/", "benches/", "examples/"]
        .iter()
        .any(|folder| rel.starts_with(folder))
}

/// A few of `items`, for a warning.
fn sample(items: &[String]) -> String {
    let shown: BTreeSet<&str> = items.iter().take(5).map(String::as_str).collect();
    let mut text = shown.into_iter().collect::<Vec<_>>().join(", ");
    if items.len() > 5 {
        text.push_str(&format!(" and {} more", items.len() - 5));
    }
    text
}
