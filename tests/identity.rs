//! The identity of multi-file items across runs (README, "Fingerprints"): a dependency cycle
//! that a file joins is the same item, changed; a cycle that splits or vanishes is resolved;
//! files that change together are one hidden-coupling item, and a backlog written when each
//! pair was an item of its own diffs against it as changed, not as new and resolved.

mod common;

use std::path::Path;

use common::{debtscan, items_of, json, Repo};
use serde_json::Value;

/// `debtscan scan . --format json` written to `out` (outside the repository), parsed.
fn scan_to(repo: &Repo, out: &Path, history: bool) -> Value {
    let mut args = vec!["scan", ".", "--format", "json", "-q"];
    if !history {
        args.push("--no-history");
    }
    debtscan()
        .args(&args)
        .arg("--output")
        .arg(out)
        .current_dir(repo.path())
        .assert()
        .success();
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

/// `debtscan diff OLD NEW --format json`, by the real binary.
fn diff(cwd: &Path, old: &Path, new: &Path) -> Value {
    json(
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
        ],
        cwd,
    )
}

/// `(new, resolved, changed, moved, merged)` of a diff.
fn counts(d: &Value) -> (u64, u64, u64, u64, u64) {
    let c = &d["counts"];
    let n = |k: &str| c[k].as_u64().unwrap();
    (
        n("new"),
        n("resolved"),
        n("changed"),
        n("moved"),
        n("merged"),
    )
}

/// A crate whose files `src/<name>.rs` each use the files listed with them.
fn write_crate(repo: &Repo, files: &[(&str, &[&str])]) {
    repo.write("Cargo.toml", "[package]\nname = \"demo\"\n");
    let mut lib = String::new();
    for (name, _) in files {
        lib.push_str(&format!("pub mod {name};\n"));
    }
    repo.write("src/lib.rs", lib);
    for (name, uses) in files {
        let mut text = String::new();
        for u in *uses {
            text.push_str(&format!("use crate::{u}::F as _{u};\n"));
        }
        text.push_str("pub struct F;\n");
        repo.write(&format!("src/{name}.rs"), text);
    }
}

/// Scans the crate as `before` describes it, then as `after` does, and diffs the two runs;
/// also returns both runs.
fn cycle_runs(
    before: &[(&str, &[&str])],
    after: &[(&str, &[&str])],
) -> (Value, Value, Value, Repo, tempfile::TempDir) {
    let mut repo = Repo::git();
    let runs = tempfile::tempdir().unwrap();
    let (one, two) = (runs.path().join("1.json"), runs.path().join("2.json"));
    write_crate(&repo, before);
    repo.commit("before");
    let old = scan_to(&repo, &one, false);
    for f in ["a", "b", "c", "d"] {
        let _ = std::fs::remove_file(repo.path().join(format!("src/{f}.rs")));
    }
    write_crate(&repo, after);
    repo.commit("after");
    let new = scan_to(&repo, &two, false);
    let d = diff(repo.path(), &one, &two);
    (old, new, d, repo, runs)
}

fn members(item: &Value) -> Vec<String> {
    let mut m: Vec<String> = std::iter::once(&item["location"])
        .chain(item["related"].as_array().unwrap())
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    m.sort();
    m
}

#[test]
fn a_file_joining_a_cycle_changes_the_cycle_item() {
    let (old, new, d, repo, runs) = cycle_runs(
        &[("a", &["b"]), ("b", &["c"]), ("c", &["a"])],
        &[("a", &["b"]), ("b", &["c"]), ("c", &["d"]), ("d", &["a"])],
    );
    let (was, now) = (
        items_of(&old, "dependency-cycle"),
        items_of(&new, "dependency-cycle"),
    );
    assert_eq!((was.len(), now.len()), (1, 1), "{new:#}");
    assert_eq!(members(now[0]).len(), 4);
    // The strong id hashes the members: it is another id, followed by overlap.
    assert_ne!(was[0]["id"], now[0]["id"]);
    assert_eq!(counts(&d), (0, 0, 1, 0, 0), "{d:#}");
    assert_eq!(d["changed"][0]["id"], now[0]["id"]);
    assert_eq!(d["changed"][0]["previous"]["id"], was[0]["id"]);

    // And back: the file leaving keeps the item too.
    let back = diff(
        repo.path(),
        &runs.path().join("2.json"),
        &runs.path().join("1.json"),
    );
    assert_eq!(counts(&back), (0, 0, 1, 0, 0), "{back:#}");

    // `--baseline` agrees: the cycle is updated, not new, and nothing is absent.
    let annotated = json(
        &[
            "scan",
            ".",
            "--format",
            "json",
            "-q",
            "--no-history",
            "--baseline",
            runs.path().join("1.json").to_str().unwrap(),
        ],
        repo.path(),
    );
    let cycle = &items_of(&annotated, "dependency-cycle")[0];
    assert_eq!(cycle["baseline_state"], "updated");
    assert_eq!(annotated["summary"]["baseline"]["new"], 0);
    assert_eq!(annotated["summary"]["baseline"]["absent"], 0);
}

#[test]
fn a_cycle_that_splits_or_vanishes_is_resolved() {
    // a ⇄ b and c ⇄ d, joined into one cycle by b → c and d → a; then the joins go.
    let (_, new, d, _repo, _runs) = cycle_runs(
        &[
            ("a", &["b"]),
            ("b", &["a", "c"]),
            ("c", &["d"]),
            ("d", &["c", "a"]),
        ],
        &[("a", &["b"]), ("b", &["a"]), ("c", &["d"]), ("d", &["c"])],
    );
    assert_eq!(items_of(&new, "dependency-cycle").len(), 2, "{new:#}");
    // Two files of four is no majority: the old cycle is resolved, the halves are new.
    assert_eq!(counts(&d), (2, 1, 0, 0, 0), "{d:#}");
    assert_eq!(members(&d["resolved"][0]).len(), 4);

    let (_, new, d, _repo, _runs) = cycle_runs(
        &[("a", &["b"]), ("b", &["c"]), ("c", &["a"])],
        &[("a", &["b"]), ("b", &["c"]), ("c", &[])],
    );
    assert!(items_of(&new, "dependency-cycle").is_empty());
    assert_eq!(counts(&d), (0, 1, 0, 0, 0), "{d:#}");
    assert_eq!(d["resolved"][0]["kind"], "dependency-cycle");
}

/// Four files that always change together, with no import between them (the repository the
/// fixture `tests/data/coupling-pairs-v1.json` was scanned from, by debtscan before coupling
/// groups, when each of the six pairs was an item of its own).
fn coupled_four() -> Repo {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"demo\"\n");
    repo.write(
        "src/lib.rs",
        "pub mod a;\npub mod b;\npub mod c;\npub mod d;\n",
    );
    for k in 0..7 {
        for f in ["a", "b", "c", "d"] {
            repo.write(
                &format!("src/{f}.rs"),
                format!("pub fn f() -> u32 {{\n    {k}\n}}\n"),
            );
        }
        repo.commit(&format!("step {k}"));
    }
    repo
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

#[test]
fn files_that_change_together_are_one_item_naming_them_all() {
    let repo = coupled_four();
    let runs = tempfile::tempdir().unwrap();
    let now = runs.path().join("now.json");
    let backlog = scan_to(&repo, &now, true);
    let coupling = items_of(&backlog, "hidden-coupling");
    assert_eq!(coupling.len(), 1, "{backlog:#}");
    let item = coupling[0];
    assert_eq!(
        members(item),
        ["src/a.rs", "src/b.rs", "src/c.rs", "src/d.rs"]
    );
    assert!(
        item["summary"]
            .as_str()
            .unwrap()
            .starts_with("Hidden coupling: 4 files change together (100% at most)"),
        "{item:#}"
    );
    assert_eq!(item["signals"]["coupling_degree"], 100);
    let why = item["explanation"].as_array().unwrap();
    assert!(why[0].as_str().unwrap().contains("(6 coupled pairs)"));
    assert!(why
        .iter()
        .any(|l| l.as_str().unwrap().contains("src/a.rs ↔ src/b.rs: 100%")));
    // Scored from its strongest pair (0.70 at 100%) plus 0.05 for four files.
    assert_eq!(item["signals"]["severity"], 0.75);

    // The backlog written when each pair was an item: the pairs are the group, changed.
    let old = fixture("coupling-pairs-v1.json");
    let pairs: Value = serde_json::from_str(&std::fs::read_to_string(&old).unwrap()).unwrap();
    let old_items = items_of(&pairs, "hidden-coupling");
    assert_eq!(old_items.len(), 6);
    for i in &old_items {
        // The pair's id is still what this version gives a lone pair.
        let m = members(i);
        let id = debtscan::score::fingerprint(
            debtscan::model::Kind::HiddenCoupling,
            &m[0],
            None,
            &format!("{}\n{}", m[0], m[1]),
            0,
        );
        assert_eq!(i["id"], id.as_str());
    }
    let d = diff(repo.path(), &old, &now);
    assert_eq!(counts(&d), (0, 0, 1, 0, 5), "{d:#}");
    let changed = &d["changed"][0];
    assert_eq!(changed["id"], item["id"]);
    assert_eq!(changed["merged"].as_array().unwrap().len(), 5);
    // `--baseline` agrees: updated, nothing new, nothing absent.
    let annotated = json(
        &[
            "scan",
            ".",
            "--format",
            "json",
            "-q",
            "--baseline",
            old.to_str().unwrap(),
        ],
        repo.path(),
    );
    let b = &annotated["summary"]["baseline"];
    assert_eq!(
        (b["new"].as_u64(), b["absent"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(b["updated"], 1);
}
