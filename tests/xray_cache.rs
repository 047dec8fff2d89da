//! The function X-Ray's cache through the real binary: whatever the cache holds (nothing, this
//! history, an older or a differently cut history, a damaged segment), `scan` and `hotspots
//! --functions` report what they report without a cache.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{complex, Repo};

const SCAN: &[&str] = &["scan", ".", "--format", "json", "-q"];
const HOTSPOTS: &[&str] = &["hotspots", ".", "--functions", "--format", "json", "-q"];

/// `src/lib.rs` with `busy` changed in most commits, `calm` changed in some, and a second
/// file `src/io.rs` changing now and then.
fn project(commits: u32) -> Repo {
    let mut repo = Repo::git();
    repo.write("src/quiet.rs", "pub fn q() -> u8 {\n    1\n}\n");
    for k in 0..commits {
        lib(&repo, k);
        if k % 3 == 0 {
            repo.write("src/io.rs", io(k));
        }
        repo.commit(&format!("work {k}"));
    }
    repo
}

fn lib(repo: &Repo, k: u32) {
    repo.write(
        "src/lib.rs",
        format!(
            "{}\n{}\npub fn calm() -> u32 {{\n    {}\n}}\n",
            complex("busy", k),
            complex("stable", 0),
            k / 4
        ),
    );
}

fn io(k: u32) -> String {
    format!(
        "{}\npub fn read() -> u32 {{\n    {k}\n}}\n",
        complex("parse", k % 2)
    )
}

/// `debtscan <args>` in the repository with `--cache-dir cache` (`None`: `--no-cache`).
fn run(repo: &Repo, args: &[&str], cache: Option<&Path>) -> Output {
    common::run_cached(repo.path(), args, cache)
}

/// Runs `args` without a cache and with `cache` (twice: cold or as left, then warm), and
/// checks the outputs are the same bytes. Returns the report.
fn same_with_and_without(repo: &Repo, args: &[&str], cache: &Path) -> serde_json::Value {
    let expected = run(repo, args, None);
    for pass in ["first", "second"] {
        let out = run(repo, args, Some(cache));
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&expected.stdout),
            "{args:?}, {pass} run with the cache"
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    serde_json::from_slice(&expected.stdout).unwrap()
}

/// The X-Ray tables of the repository's cache: name → entries.
fn xray_tables(repo: &Repo, cache: &Path) -> Vec<(String, u64)> {
    let out = run(
        repo,
        &["cache", "info", ".", "--format", "json"],
        Some(cache),
    );
    common::current_cache_tables(&out.stdout)
        .iter()
        .filter(|t| t["name"].as_str().unwrap().starts_with("xray-"))
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["entries"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn entries(tables: &[(String, u64)], name: &str) -> u64 {
    tables
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, e)| e)
        .sum()
}

/// Both reports, checked with and without the cache.
fn check_both(repo: &Repo, cache: &Path) {
    let backlog = same_with_and_without(repo, SCAN, cache);
    assert!(!backlog["items"].as_array().unwrap().is_empty());
    let hotspots = same_with_and_without(repo, HOTSPOTS, cache);
    // The X-Ray found the busy function: the comparison is not of empty reports.
    let functions = common::xray(&hotspots, "src/lib.rs");
    assert!(
        functions.get("busy").is_some_and(|&r| r > 0),
        "{hotspots:#}"
    );
}

#[test]
fn reports_are_the_same_cold_warm_and_after_new_commits_a_rename_and_a_merge() {
    let mut repo = project(10);
    let cache = tempfile::tempdir().unwrap();
    check_both(&repo, cache.path());
    let tables = xray_tables(&repo, cache.path());
    let steps = entries(&tables, "xray-steps");
    assert!(steps >= 10, "{tables:?}");
    assert!(entries(&tables, "xray-outlines") >= 2, "{tables:?}");

    // New commits: a rename with an edit, then a branch merged back with changes on both sides.
    for k in 10..13 {
        lib(&repo, k);
        repo.commit(&format!("more {k}"));
    }
    repo.run_git(&["mv", "src/io.rs", "src/input.rs"]);
    repo.write("src/input.rs", io(13));
    repo.commit("rename io to input");
    repo.run_git(&["checkout", "-q", "-b", "side"]);
    repo.write("src/input.rs", io(14));
    lib(&repo, 14);
    repo.commit("side work");
    repo.run_git(&["checkout", "-q", "main"]);
    lib(&repo, 15);
    repo.commit("main work");
    repo.run_git(&["merge", "-q", "--no-edit", "-X", "theirs", "side"]);
    lib(&repo, 16);
    repo.write("src/input.rs", io(16));
    repo.commit("after the merge");
    check_both(&repo, cache.path());
    let grown = entries(&xray_tables(&repo, cache.path()), "xray-steps");
    assert!(grown > steps, "the new commits' steps were kept");
    let hotspots = same_with_and_without(&repo, HOTSPOTS, cache.path());
    assert!(
        !common::xray(&hotspots, "src/input.rs").is_empty(),
        "the renamed file was X-Rayed: {hotspots:#}"
    );
    // Where input.rs came from was found once and kept, and is then taken from the cache.
    let renames = entries(&xray_tables(&repo, cache.path()), "xray-renames");
    assert!(renames >= 1, "the rename was kept");
    same_with_and_without(&repo, HOTSPOTS, cache.path());
    assert_eq!(
        entries(&xray_tables(&repo, cache.path()), "xray-renames"),
        renames
    );

    // A history cut shorter, then longer again: other first versions, the same steps.
    for cut in ["6", "12", "40"] {
        let mut scan = SCAN.to_vec();
        scan.extend(["--max-commits", cut]);
        same_with_and_without(&repo, &scan, cache.path());
        let mut hotspots = HOTSPOTS.to_vec();
        hotspots.extend(["--max-commits", cut]);
        same_with_and_without(&repo, &hotspots, cache.path());
    }
}

/// Every file below `dir` whose path contains `part` and ends in `.seg`.
fn segments(dir: &Path, part: &str) -> Vec<PathBuf> {
    common::files_below(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "seg") && p.to_string_lossy().contains(part))
        .collect()
}

/// The report without its warnings.
fn without_warnings(out: &Output) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for at in ["/summary/warnings", "/warnings"] {
        if let Some(w) = v.pointer_mut(at) {
            *w = serde_json::json!([]);
        }
    }
    v
}

fn warnings(out: &Output) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let w = v.pointer("/summary/warnings").or(v.pointer("/warnings"));
    w.and_then(|w| w.as_array())
        .into_iter()
        .flatten()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_damaged_xray_segment_is_computed_again_with_a_warning() {
    let repo = project(8);
    for args in [SCAN, HOTSPOTS] {
        let cache = tempfile::tempdir().unwrap();
        let expected = run(&repo, args, None);
        run(&repo, args, Some(cache.path()));
        for table in ["xray-steps", "xray-outlines"] {
            let damaged = segments(cache.path(), table);
            assert!(!damaged.is_empty(), "{table} was saved");
            for segment in &damaged {
                let bytes = std::fs::read(segment).unwrap();
                std::fs::write(segment, &bytes[..bytes.len() - 3]).unwrap();
            }
        }
        common::drop_backlogs(cache.path());
        let out = run(&repo, args, Some(cache.path()));
        assert_eq!(without_warnings(&out), without_warnings(&expected));
        let w = warnings(&out);
        for table in ["xray-steps", "xray-outlines"] {
            assert!(
                w.iter()
                    .any(|w| w.contains("damaged cache segment") && w.contains(table)),
                "{args:?}: {w:?}"
            );
        }
        // Computed again and kept: the next run is whole again, without a warning.
        let again = run(&repo, args, Some(cache.path()));
        assert_eq!(again.stdout, expected.stdout, "{args:?}");
    }
}
