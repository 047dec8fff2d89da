//! History against its oracle: `debtscan churn --raw` must count exactly what
//! `git log --no-renames --numstat HEAD` counts, for every file present at HEAD.

mod common;

use std::collections::BTreeMap;

use common::{json, Repo};

type Counts = BTreeMap<String, (u64, u64, u64)>;

/// Revisions, added and deleted lines per file at HEAD, from git itself.
fn git_numstat(repo: &Repo, extra: &[&str]) -> Counts {
    let at_head: Vec<String> = repo
        .run_git(&[
            "-c",
            "core.quotePath=false",
            "ls-tree",
            "-r",
            "--name-only",
            "HEAD",
        ])
        .lines()
        .map(str::to_string)
        .collect();
    let mut args = vec![
        "-c",
        "core.quotePath=false",
        "log",
        "--no-renames",
        "--numstat",
        "--format=%H",
    ];
    args.extend_from_slice(extra);
    args.push("HEAD");
    let mut counts = Counts::new();
    for line in repo.run_git(&args).lines() {
        let parts: Vec<&str> = line.splitn(3, '\t').collect();
        let [added, deleted, path] = parts[..] else {
            continue;
        };
        if !at_head.iter().any(|p| p == path) {
            continue;
        }
        let entry = counts.entry(path.to_string()).or_default();
        entry.0 += 1;
        entry.1 += added.parse::<u64>().unwrap_or(0);
        entry.2 += deleted.parse::<u64>().unwrap_or(0);
    }
    counts
}

fn debtscan_churn(repo: &Repo, extra: &[&str]) -> (Counts, serde_json::Value) {
    let mut args = vec!["churn", ".", "--raw", "--format", "json", "-q"];
    args.extend_from_slice(extra);
    let v = json(&args, repo.path());
    let counts = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                (
                    f["revisions"].as_u64().unwrap(),
                    f["added"].as_u64().unwrap(),
                    f["deleted"].as_u64().unwrap(),
                ),
            )
        })
        .collect();
    (counts, v)
}

/// A history with the cases that trip up line counting: deletes and re-adds, renames,
/// binary files, merges, empty commits, files that lose their last newline, CRLF.
fn scripted() -> Repo {
    let mut repo = Repo::git();
    repo.write("src/a.rs", "fn a() {}\nfn b() {}\nfn c() {}\n");
    repo.write("notes.txt", "one\ntwo\n");
    repo.write("blob.bin", b"\x00\x01\x02binary\n");
    repo.commit("first");

    repo.write("src/a.rs", "fn a() {}\nfn b2() {}\nfn c() {}\nfn d() {}\n");
    std::fs::remove_file(repo.path().join("notes.txt")).unwrap();
    repo.commit("edit a, drop notes");

    repo.run_git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "src/a.rs",
        "fn a() {}\nfn b2() {}\nfn c() {}\nfn d() {}\nfn e() {}",
    );
    repo.write("src/feature.rs", "pub fn f() {}\n");
    repo.commit("feature work");
    repo.run_git(&["checkout", "-q", "main"]);
    repo.write("src/c.rs", "// c\n");
    repo.commit("main work");
    repo.run_git(&["merge", "-q", "--no-ff", "-m", "merge feature", "feature"]);

    std::fs::rename(repo.path().join("src/c.rs"), repo.path().join("src/d.rs")).unwrap();
    repo.commit("rename c to d");
    repo.write("notes.txt", "back\r\nagain\r\n");
    repo.write("blob.bin", b"\x00\x01\x02binary, changed\n");
    repo.commit("re-add notes, change the binary");
    repo.commit("empty");
    repo.write("src/a.rs", "fn a() {}\n");
    repo.commit("shrink a");
    repo
}

#[test]
fn churn_equals_git_log_numstat() {
    let repo = scripted();
    let (ours, v) = debtscan_churn(&repo, &[]);
    let theirs = git_numstat(&repo, &[]);
    assert_eq!(ours, theirs);
    // The oracle itself must have seen the interesting cases.
    assert_eq!(theirs["blob.bin"], (2, 0, 0));
    assert_eq!(theirs["notes.txt"].0, 3); // added, deleted, added again
    assert!(theirs.contains_key("src/d.rs") && !theirs.contains_key("src/c.rs"));
    let log_count = repo.run_git(&["rev-list", "--count", "HEAD"]);
    assert_eq!(
        v["repository"]["history"]["commits_analyzed"],
        log_count.trim().parse::<u64>().unwrap()
    );
}

#[test]
fn first_parent_and_max_commits_match_git() {
    let repo = scripted();
    assert_eq!(
        debtscan_churn(&repo, &["--first-parent"]).0,
        git_numstat(&repo, &["--first-parent"])
    );
    assert_eq!(
        debtscan_churn(&repo, &["--max-commits", "3"]).0,
        git_numstat(&repo, &["-n", "3"])
    );
}

#[test]
fn since_limits_the_window_and_a_future_date_gives_nothing() {
    let repo = scripted();
    let (all, _) = debtscan_churn(&repo, &[]);
    let (recent, v) = debtscan_churn(&repo, &["--since", "2023-11-20"]);
    assert!(
        recent.len() < all.len()
            || recent.values().map(|c| c.0).sum::<u64>() < all.values().map(|c| c.0).sum::<u64>()
    );
    assert_eq!(v["repository"]["history"]["since"], "2023-11-20T00:00:00Z");
    let (none, v) = debtscan_churn(&repo, &["--since", "2999-01-01"]);
    assert!(none.is_empty());
    assert_eq!(v["repository"]["history"]["commits_analyzed"], 0);
    common::debtscan()
        .args(["churn", ".", "--since", "last tuesday"])
        .current_dir(repo.path())
        .assert()
        .code(2);
}

#[test]
fn authors_follow_mailmap_and_ownership_is_reported() {
    let mut repo = Repo::git();
    repo.write("x.rs", "1\n");
    repo.commit("ana");
    for (i, (name, email)) in [
        ("Ana Alias", "ana@old.example"),
        ("Bo", "bo@example.com"),
        ("Ana", "ana@example.com"),
    ]
    .iter()
    .enumerate()
    {
        repo.write("x.rs", format!("{i}\n"));
        repo.run_git(&["add", "-A"]);
        repo.git_as(
            &["commit", "-q", "-m", "change"],
            name,
            email,
            1_800_000_000 + i as i64,
        );
    }
    repo.write(".mailmap", "Ana <ana@example.com> <ana@old.example>\n");
    repo.commit("mailmap");
    let (_, v) = debtscan_churn(&repo, &[]);
    let x = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "x.rs")
        .unwrap();
    assert_eq!(x["revisions"], 4);
    assert_eq!(x["authors"], 2);
    assert_eq!(x["main_author"], "Ana <ana@example.com>");
    assert_eq!(x["main_author_share"], 0.75);
    assert_eq!(x["fragmentation"], 0.375);
}

#[test]
fn churn_needs_a_repository() {
    let repo = Repo::plain();
    common::debtscan()
        .args(["churn", "."])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not inside a git repository"));
    let empty = Repo::git();
    let v = json(&["churn", ".", "--format", "json", "-q"], empty.path());
    assert_eq!(v["files"].as_array().unwrap().len(), 0);
}
