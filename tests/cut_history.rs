//! Marker introductions when the analysed history is cut (`--max-commits`, `--since`, a shallow
//! clone): a line older than the window is reported as such (`marker.predates_history`, naming
//! the commit at the edge that already holds it), never as new and never as an error; the
//! full-history run still names the commit that wrote it (README, "History").

mod common;

use common::schema::assert_valid;
use common::{json, Repo};
use serde_json::Value;

/// Seven commits, one a day from 2023-11-15: the root writes `src/root.rs` with a TODO, the
/// second (by Bo) the old TODO of `src/lib.rs`, four more change that file and others, and the
/// last writes a FIXME.
fn scripted() -> Repo {
    let mut repo = Repo::git();
    repo.write("src/root.rs", "// TODO: since the root\npub fn r() {}\n");
    repo.write("src/lib.rs", "pub mod root;\n\npub fn a() {}\n");
    repo.commit("root");
    repo.write(
        "src/lib.rs",
        "pub mod root;\n\npub fn a() {\n    // TODO: old one, by bo\n}\n",
    );
    repo.commit_as(
        "bo's todo",
        "Bo",
        "bo@example.com",
        1_700_000_000 + 2 * 86_400,
    );
    repo.advance(1);
    let mut lib = String::from("pub mod root;\n\npub fn a() {\n    // TODO: old one, by bo\n}\n");
    for i in 3..=6 {
        lib.push_str(&format!("\npub fn f{i}() -> u32 {{\n    {i}\n}}\n"));
        repo.write("src/lib.rs", &lib);
        repo.write("src/other.rs", format!("pub const N: u32 = {i};\n"));
        repo.commit(&format!("commit {i}"));
    }
    lib.push_str("\n// FIXME: new one\n");
    repo.write("src/lib.rs", &lib);
    repo.commit("the fixme");
    repo
}

fn rev(repo: &Repo, name: &str) -> String {
    repo.run_git(&["rev-parse", name]).trim().to_string()
}

/// A commit's commit date as debtscan writes dates (RFC 3339, UTC), and its time.
fn commit_date(repo: &Repo, name: &str) -> (String, i64) {
    let out = std::process::Command::new("git")
        .args([
            "show",
            "-s",
            "--date=format-local:%Y-%m-%dT%H:%M:%SZ",
            "--format=%cd %ct",
            name,
        ])
        .current_dir(repo.path())
        .env("TZ", "UTC")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let (date, time) = text.trim().split_once(' ').unwrap();
    (date.to_string(), time.parse().unwrap())
}

fn scan(dir: &std::path::Path, extra: &[&str]) -> Value {
    let mut args = vec!["scan", ".", "--format", "json", "-q"];
    args.extend_from_slice(extra);
    let v = json(&args, dir);
    assert_valid("schema/backlog-v1.schema.json", &v);
    v
}

fn marker<'v>(v: &'v Value, title: &str) -> &'v Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["summary"] == title)
        .unwrap_or_else(|| panic!("no item {title:?} in {v}"))
}

/// The item says its line predates the history, at `edge`, and counts its age from there.
fn assert_predates(item: &Value, repo: &Repo, edge: &str, head_time: i64) {
    let (date, time) = commit_date(repo, edge);
    assert!(item["marker"].get("introduced").is_none(), "{item}");
    assert_eq!(
        item["marker"]["predates_history"]["commit"],
        rev(repo, edge),
        "{item}"
    );
    assert_eq!(item["marker"]["predates_history"]["date"], date);
    // At least as old as the window: never reported as new.
    assert_eq!(item["signals"]["age_days"], (head_time - time) / 86_400);
    assert!(
        item["explanation"].as_array().unwrap().iter().any(|l| l
            .as_str()
            .unwrap()
            .contains("older than the analysed history")),
        "{item}"
    );
}

#[test]
fn full_history_names_the_commit_that_wrote_each_marker() {
    let repo = scripted();
    let v = scan(repo.path(), &[]);
    let old = marker(&v, "TODO: old one, by bo");
    assert_eq!(old["marker"]["introduced"]["commit"], rev(&repo, "HEAD~5"));
    assert_eq!(old["marker"]["introduced"]["author"], "Bo <bo@example.com>");
    assert!(old["marker"].get("predates_history").is_none());
    let root = marker(&v, "TODO: since the root");
    assert_eq!(root["marker"]["introduced"]["commit"], rev(&repo, "HEAD~6"));
    let new = marker(&v, "FIXME: new one");
    assert_eq!(new["marker"]["introduced"]["commit"], rev(&repo, "HEAD"));
}

#[test]
fn max_commits_reports_older_lines_as_predating_the_window() {
    let repo = scripted();
    let head_time = commit_date(&repo, "HEAD").1;
    // HEAD, HEAD~1 and HEAD~2 are analysed; HEAD~3 is the first commit that is not.
    let v = scan(repo.path(), &["--max-commits", "3"]);
    assert_eq!(v["repository"]["history"]["commits_analyzed"], 3);
    assert_predates(
        marker(&v, "TODO: old one, by bo"),
        &repo,
        "HEAD~3",
        head_time,
    );
    // A file no analysed commit touched: the trace ends at the same edge.
    assert_predates(
        marker(&v, "TODO: since the root"),
        &repo,
        "HEAD~3",
        head_time,
    );
    // Lines written inside the window keep their exact introduction.
    let new = marker(&v, "FIXME: new one");
    assert_eq!(new["marker"]["introduced"]["commit"], rev(&repo, "HEAD"));
    assert!(new["marker"].get("predates_history").is_none());
}

#[test]
fn an_edge_at_the_root_commit_is_exact() {
    let repo = scripted();
    // Every commit but the root: a line the root holds was written there.
    let v = scan(repo.path(), &["--max-commits", "6"]);
    let root = marker(&v, "TODO: since the root");
    assert_eq!(root["marker"]["introduced"]["commit"], rev(&repo, "HEAD~6"));
    assert_eq!(
        root["marker"]["introduced"]["author"],
        "Ana <ana@example.com>"
    );
    assert!(root["marker"].get("predates_history").is_none());
    let old = marker(&v, "TODO: old one, by bo");
    assert_eq!(old["marker"]["introduced"]["commit"], rev(&repo, "HEAD~5"));
}

#[test]
fn since_reports_older_lines_as_predating_the_window() {
    let repo = scripted();
    let head_time = commit_date(&repo, "HEAD").1;
    // The day of HEAD~2: it and the two after it are analysed.
    let (day, _) = commit_date(&repo, "HEAD~2");
    let v = scan(repo.path(), &["--since", &day[..10]]);
    assert_eq!(v["repository"]["history"]["commits_analyzed"], 3);
    assert_predates(
        marker(&v, "TODO: old one, by bo"),
        &repo,
        "HEAD~3",
        head_time,
    );
    let new = marker(&v, "FIXME: new one");
    assert_eq!(new["marker"]["introduced"]["commit"], rev(&repo, "HEAD"));
}

#[test]
fn a_shallow_clone_reports_lines_at_its_boundary_as_predating_it() {
    let origin = scripted();
    let clone = Repo::plain();
    let url = format!("file://{}", origin.path().display());
    clone.run_git(&["clone", "-q", "--depth", "2", &url, "c"]);
    let dir = clone.path().join("c");
    let out = common::debtscan()
        .args(["scan", ".", "--format", "json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("shallow clone"), "{stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_valid("schema/backlog-v1.schema.json", &v);
    assert_eq!(v["repository"]["history"]["shallow"], true);
    // The boundary (HEAD~1) is diffed against the empty tree, but it did not write the old
    // marker (the TODO): it already held it.
    let head_time = commit_date(&origin, "HEAD").1;
    assert_predates(
        marker(&v, "TODO: old one, by bo"),
        &origin,
        "HEAD~1",
        head_time,
    );
    let new = marker(&v, "FIXME: new one");
    assert_eq!(new["marker"]["introduced"]["commit"], rev(&origin, "HEAD"));
}
