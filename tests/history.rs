//! History against its oracle: `debtscan churn --raw` must count exactly what
//! `git log --no-renames --numstat HEAD` counts, for every file present at HEAD.

mod common;

use std::collections::BTreeMap;

use common::{json, Repo};

type Counts = BTreeMap<String, (u64, u64, u64)>;

/// Revisions, added and deleted lines per file at HEAD, from git itself.
fn git_numstat(dir: &std::path::Path, extra: &[&str]) -> Counts {
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(["-c", "core.quotePath=false"])
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .output()
            .expect("git runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let at_head: Vec<String> = git(&["ls-tree", "-r", "--name-only", "HEAD"])
        .lines()
        .map(str::to_string)
        .collect();
    let mut args = vec!["log", "--no-renames", "--numstat", "--format=%H"];
    args.extend_from_slice(extra);
    args.push("HEAD");
    let mut counts = Counts::new();
    for line in git(&args).lines() {
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

/// Revisions, added and deleted lines per file from a `churn --format json` report.
fn counts_of(v: &serde_json::Value) -> Counts {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let n = |k: &str| f[k].as_u64().unwrap();
            (
                f["path"].as_str().unwrap().to_string(),
                (n("revisions"), n("added"), n("deleted")),
            )
        })
        .collect()
}

fn debtscan_churn(repo: &Repo, extra: &[&str]) -> (Counts, serde_json::Value) {
    let mut args = vec!["churn", ".", "--raw", "--format", "json", "-q"];
    args.extend_from_slice(extra);
    let v = json(&args, repo.path());
    (counts_of(&v), v)
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

    // Text that .gitattributes declares binary: git counts no lines for it.
    repo.write(".gitattributes", "data/** binary\n");
    repo.write("data/table.txt", "1\n2\n3\n");
    repo.commit("data");
    repo.write("data/table.txt", "1\n2\n4\n");
    // A file that becomes a symlink (a type change: one change for git), and a mode change.
    repo.write("target.txt", "t\n");
    std::fs::remove_file(repo.path().join("src/d.rs")).unwrap();
    std::os::unix::fs::symlink("../target.txt", repo.path().join("src/d.rs")).unwrap();
    repo.commit("type change");
    repo.run_git(&["update-index", "--chmod=+x", "src/feature.rs"]);
    repo.run_git(&["commit", "-q", "-m", "mode change"]);
    repo
}

#[test]
fn churn_equals_git_log_numstat() {
    let repo = scripted();
    let (ours, v) = debtscan_churn(&repo, &[]);
    let theirs = git_numstat(repo.path(), &[]);
    assert_eq!(ours, theirs);
    // The oracle itself must have seen the interesting cases.
    assert_eq!(theirs["blob.bin"], (2, 0, 0));
    assert_eq!(theirs["notes.txt"].0, 3); // added, deleted, added again
    assert!(theirs.contains_key("src/d.rs") && !theirs.contains_key("src/c.rs"));
    assert_eq!(theirs["data/table.txt"], (2, 0, 0));
    assert_eq!(theirs["src/d.rs"], (2, 2, 1));
    assert_eq!(theirs["src/feature.rs"], (2, 1, 0)); // added, then a mode change
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
        git_numstat(repo.path(), &["--first-parent"])
    );
    assert_eq!(
        debtscan_churn(&repo, &["--max-commits", "3"]).0,
        git_numstat(repo.path(), &["-n", "3"])
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
        repo.commit_as("change", name, email, 1_800_000_000 + i as i64);
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

    // Config aliases apply after .mailmap: by email, or by full identity.
    for alias in [
        "\"bo@EXAMPLE.com\" = \"Ana <ana@example.com>\"",
        "\"Bo <bo@example.com>\" = \"Ana <ana@example.com>\"",
    ] {
        repo.write("aliases.toml", format!("[history.aliases]\n{alias}\n"));
        let (_, v) = debtscan_churn(&repo, &["--config", "aliases.toml"]);
        let x = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == "x.rs")
            .unwrap();
        assert_eq!(x["authors"], 1, "{alias}");
        assert_eq!(x["main_author_share"], 1.0);
    }
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

/// Commits whose history is odd in every way the issue lists, each checked against git.
#[test]
fn odd_histories_still_match_git() {
    use std::os::unix::ffi::OsStrExt;
    let mut repo = Repo::git();
    repo.write("one.rs", "fn one() {}\n");
    repo.commit("single");
    assert_eq!(debtscan_churn(&repo, &[]).0, git_numstat(repo.path(), &[]));

    // A huge binary blob, a commit touching 5,000 files, a symlink, a non-UTF-8 path.
    let mut blob = vec![0u8; 20 * 1024 * 1024];
    blob[100] = 1;
    repo.write("assets/huge.bin", &blob);
    for i in 0..5_000 {
        repo.write(&format!("gen/f{i}.txt"), format!("{i}\n"));
    }
    std::os::unix::fs::symlink("one.rs", repo.path().join("link.rs")).unwrap();
    let odd_name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(repo.path().join(odd_name), "x\n").unwrap();
    repo.commit("big");
    let (ours, _) = debtscan_churn(&repo, &[]);
    assert_eq!(ours, git_numstat(repo.path(), &[]));
    assert_eq!(ours["assets/huge.bin"], (1, 0, 0));
    assert_eq!(ours["link.rs"], (1, 1, 0));
    assert_eq!(ours.len(), 5_004);

    // A non-UTF-8 author name, and commit dates far in the past and in the future.
    repo.write("one.rs", "fn one() { 1 }\n");
    repo.run_git(&["add", "-A"]);
    let status = std::process::Command::new("git")
        .args(["commit", "-q", "-m", "odd author"])
        .current_dir(repo.path())
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", std::ffi::OsStr::from_bytes(b"Jos\xe9"))
        .env("GIT_AUTHOR_EMAIL", "jose@example.com")
        .env("GIT_COMMITTER_NAME", "c")
        .env("GIT_COMMITTER_EMAIL", "c@example.com")
        .env("GIT_AUTHOR_DATE", "@4102444800 +0000")
        .env("GIT_COMMITTER_DATE", "@4102444800 +0000")
        .status()
        .unwrap();
    assert!(status.success());
    // git refuses to write a date before 1970, but such commits exist (imported histories):
    // write one by hand.
    repo.write("one.rs", "fn one() { 2 }\n");
    repo.run_git(&["add", "-A"]);
    let tree = repo.run_git(&["write-tree"]);
    let parent = repo.run_git(&["rev-parse", "HEAD"]);
    let body = format!(
        "tree {}\nparent {}\nauthor Old <old@example.com> -2000000000 +0000\n\
         committer Old <old@example.com> -2000000000 +0000\n\n1906\n",
        tree.trim(),
        parent.trim()
    );
    let body_file = repo.write(".git/commit-body", body);
    let oid = repo.run_git(&[
        "hash-object",
        "-t",
        "commit",
        "-w",
        "--literally",
        body_file.to_str().unwrap(),
    ]);
    repo.run_git(&["update-ref", "refs/heads/main", oid.trim()]);
    let (ours, v) = debtscan_churn(&repo, &[]);
    assert_eq!(ours, git_numstat(repo.path(), &[]));
    let one = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "one.rs")
        .unwrap();
    assert_eq!(one["authors"], 3);
    assert_eq!(one["last_change"], "2100-01-01T00:00:00Z");
    assert_eq!(one["first_change"], "1906-08-16T20:26:40Z");

    // A detached HEAD counts the history of the commit it points to.
    repo.run_git(&["checkout", "-q", "--detach", "HEAD~2"]);
    let (ours, v) = debtscan_churn(&repo, &[]);
    assert_eq!(ours, git_numstat(repo.path(), &[]));
    assert_eq!(v["repository"]["branch"], serde_json::Value::Null);
}

#[test]
fn shallow_clone_is_detected_reported_and_counted_like_git() {
    let origin = scripted();
    let clone = Repo::plain();
    let url = format!("file://{}", origin.path().display());
    clone.run_git(&["clone", "-q", "--depth", "2", &url, "c"]);
    let dir = clone.path().join("c");
    let out = common::debtscan()
        .args(["churn", ".", "--raw", "--format", "json"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("shallow clone").count(), 1, "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["repository"]["history"]["shallow"], true);
    assert_eq!(v["repository"]["history"]["commits_analyzed"], 2);
    // git treats the shallow boundary as a root commit; so must debtscan.
    assert_eq!(counts_of(&v), git_numstat(&dir, &[]));
}

#[test]
fn a_missing_object_is_a_clear_error_naming_it() {
    let mut repo = Repo::git();
    repo.write("a.rs", "old\n");
    repo.commit("one");
    let old_blob = repo.run_git(&["rev-parse", "HEAD:a.rs"]).trim().to_string();
    repo.write("a.rs", "new\n");
    repo.commit("two");
    let object = repo
        .path()
        .join(".git/objects")
        .join(&old_blob[..2])
        .join(&old_blob[2..]);
    std::fs::remove_file(object).unwrap();
    common::debtscan()
        .args(["churn", "."])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains(&old_blob[..7]));
}

#[test]
fn submodules_count_like_git() {
    let mut inner = Repo::git();
    inner.write("lib.rs", "pub fn x() {}\n");
    inner.commit("inner one");
    let mut repo = Repo::git();
    repo.write("main.rs", "fn main() {}\n");
    repo.commit("outer");
    let url = inner.path().display().to_string();
    repo.run_git(&[
        "-c",
        "protocol.file.allow=always",
        "submodule",
        "add",
        "-q",
        &url,
        "sub",
    ]);
    repo.commit("add submodule");
    inner.write("lib.rs", "pub fn y() {}\n");
    inner.commit("inner two");
    repo.run_git(&[
        "-c",
        "protocol.file.allow=always",
        "-C",
        "sub",
        "pull",
        "-q",
        "origin",
        "main",
    ]);
    repo.commit("bump submodule");
    let (ours, _) = debtscan_churn(&repo, &[]);
    assert_eq!(ours, git_numstat(repo.path(), &[]));
    assert_eq!(ours["sub"].0, 2);
}

#[test]
fn noise_filters_leave_out_bots_ignored_revisions_and_lock_files_and_say_so() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "fn a() {}\n");
    repo.write("Cargo.lock", "# lock\n");
    repo.write("vendor/dep/x.rs", "x\n");
    repo.write("gen/out.rs", "g\n");
    repo.write(".gitattributes", "gen/** linguist-generated\n");
    repo.commit("start");
    repo.write("src/lib.rs", "fn a() { }\n");
    repo.commit_as("reformat", "Ana", "ana@example.com", 1_800_000_000);
    let reformat = repo.run_git(&["rev-parse", "HEAD"]);
    repo.write("src/lib.rs", "fn a() { 1 }\n");
    repo.write("Cargo.lock", "# lock 2\n");
    repo.commit_as(
        "bump",
        "dependabot[bot]",
        "49699333+dependabot[bot]@users.noreply.github.com",
        1_800_000_100,
    );
    repo.write(
        ".git-blame-ignore-revs",
        format!("# formatting\n{}\n", reformat.trim()),
    );
    repo.commit("ignore the reformat");

    let filtered = json(&["churn", ".", "--format", "json", "-q"], repo.path());
    let files: BTreeMap<String, u64> = filtered["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["revisions"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(files.get("src/lib.rs"), Some(&1));
    assert!(!files.contains_key("Cargo.lock"));
    assert!(!files.contains_key("vendor/dep/x.rs"));
    assert!(!files.contains_key("gen/out.rs"));
    let excluded: Vec<(String, String, u64)> = filtered["repository"]["history"]["excluded"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["what"].as_str().unwrap().into(),
                e["reason"].as_str().unwrap().into(),
                e["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        excluded,
        [
            (
                "commits".to_string(),
                "listed in .git-blame-ignore-revs".to_string(),
                1
            ),
            ("commits".to_string(), "bot author".to_string(), 1),
            ("files".to_string(), "generated".to_string(), 1),
            ("files".to_string(), "lock file".to_string(), 1),
            ("files".to_string(), "vendored".to_string(), 1),
        ]
    );

    let (raw, v) = debtscan_churn(&repo, &[]);
    assert_eq!(raw, git_numstat(repo.path(), &[]));
    assert_eq!(raw["src/lib.rs"].0, 3);
    assert_eq!(
        v["repository"]["history"]["excluded"],
        serde_json::json!([])
    );
}

/// code-maat's coupling computed independently from `git log --name-only`.
fn expected_coupling(
    repo: &Repo,
    min_revs: u64,
    min_shared: u64,
    min_degree: u64,
    max_changeset: usize,
) -> Vec<(String, String, u64, u64, u64, u64)> {
    let at_head: Vec<String> = repo
        .run_git(&["ls-tree", "-r", "--name-only", "HEAD"])
        .lines()
        .map(str::to_string)
        .collect();
    let log = repo.run_git(&[
        "log",
        "--no-renames",
        "--name-only",
        "--format=--%H",
        "HEAD",
    ]);
    let mut sets: Vec<Vec<String>> = Vec::new();
    for line in log.lines() {
        if line.starts_with("--") {
            sets.push(Vec::new());
        } else if !line.is_empty() {
            sets.last_mut().unwrap().push(line.to_string());
        }
    }
    let sets: Vec<Vec<String>> = sets
        .into_iter()
        .filter(|s| !s.is_empty() && s.len() <= max_changeset)
        .map(|s| s.into_iter().filter(|f| at_head.contains(f)).collect())
        .collect();
    let mut revs: BTreeMap<String, u64> = BTreeMap::new();
    let mut shared: BTreeMap<(String, String), u64> = BTreeMap::new();
    for set in &sets {
        for f in set {
            *revs.entry(f.clone()).or_default() += 1;
        }
        for a in set {
            for b in set {
                if a < b {
                    *shared.entry((a.clone(), b.clone())).or_default() += 1;
                }
            }
        }
    }
    let mut out = Vec::new();
    for ((a, b), n) in shared {
        let (ra, rb) = (revs[&a], revs[&b]);
        let average = (ra + rb) as f64 / 2.0;
        let degree = (100.0 * n as f64 / average).floor() as u64;
        if average >= min_revs as f64 && n >= min_shared && degree >= min_degree {
            out.push((a, b, degree, n, ra, rb));
        }
    }
    out.sort();
    out
}

#[test]
fn coupling_matches_the_code_maat_formula() {
    let mut repo = Repo::git();
    // api.rs and client.rs change together 6 times; client.rs also alone 2 times;
    // docs.md with api.rs 3 times; a 40-file commit that must be dropped.
    for i in 0..6 {
        repo.write("src/api.rs", format!("// v{i}\n"));
        repo.write("src/client.rs", format!("// v{i}\n"));
        repo.commit("api+client");
    }
    for i in 0..2 {
        repo.write("src/client.rs", format!("// solo {i}\n"));
        repo.commit("client");
    }
    for i in 0..3 {
        repo.write("src/api.rs", format!("// docs {i}\n"));
        repo.write("docs.md", format!("{i}\n"));
        repo.commit("api+docs");
    }
    for i in 0..40 {
        repo.write(&format!("many/f{i}.txt"), "x\n");
    }
    repo.write("src/api.rs", "// mass\n");
    repo.write("src/client.rs", "// mass\n");
    repo.commit("mass edit");

    let pairs = |v: &serde_json::Value| -> Vec<(String, String, u64, u64, u64, u64)> {
        let mut p: Vec<_> = v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let n = |k: &str| p[k].as_u64().unwrap();
                (
                    p["path_a"].as_str().unwrap().to_string(),
                    p["path_b"].as_str().unwrap().to_string(),
                    n("degree"),
                    n("shared"),
                    n("revisions_a"),
                    n("revisions_b"),
                )
            })
            .collect();
        p.sort();
        p
    };
    let defaults = json(
        &["coupling", ".", "--raw", "--format", "json", "-q"],
        repo.path(),
    );
    let expected = expected_coupling(&repo, 5, 5, 30, 30);
    assert_eq!(pairs(&defaults), expected);
    // api (9 revs), client (8 revs), shared 6: floor(100 × 6 / 8.5) = 70.
    assert_eq!(
        expected,
        [(
            "src/api.rs".to_string(),
            "src/client.rs".to_string(),
            70,
            6,
            9,
            8
        )]
    );
    assert_eq!(defaults["dropped_large"], 1);
    assert_eq!(defaults["thresholds"]["min_degree"], 30);

    let loose = json(
        &[
            "coupling",
            ".",
            "--raw",
            "--format",
            "json",
            "-q",
            "--min-revs",
            "1",
            "--min-shared",
            "1",
            "--min-degree",
            "0",
            "--max-changeset",
            "50",
        ],
        repo.path(),
    );
    let expected = expected_coupling(&repo, 1, 1, 0, 50);
    assert!(
        expected.len() > 40,
        "the mass edit couples many files when kept"
    );
    assert_eq!(pairs(&loose), expected);
}

#[test]
fn markers_carry_the_commit_that_wrote_them() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "fn a() {}\n");
    repo.commit("start");
    repo.write("src/lib.rs", "fn a() {\n    // TODO: written by bo\n}\n");
    repo.commit_as("bo's todo", "Bo", "bo@example.com", 1_700_100_000);
    let bo_commit = repo.run_git(&["rev-parse", "HEAD"]).trim().to_string();
    repo.write(
        "src/lib.rs",
        "use x;\n\nfn a() {\n    // TODO: written by bo\n}\n// FIXME: by ana\n",
    );
    repo.commit_as("ana adds lines", "Ana", "ana@example.com", 1_701_000_000);
    let ana_commit = repo.run_git(&["rev-parse", "HEAD"]).trim().to_string();
    let head_time: i64 = repo
        .run_git(&["log", "-1", "--format=%at"])
        .trim()
        .parse()
        .unwrap();
    // An uncommitted marker has no introduction yet.
    repo.write("src/new.rs", "// TODO: not committed\n");

    let v = json(&["todos", ".", "--format", "json", "-q"], repo.path());
    let by_title = |t: &str| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["summary"] == t)
            .unwrap()
            .clone()
    };
    let bo = by_title("TODO: written by bo");
    assert_eq!(bo["marker"]["introduced"]["commit"], bo_commit);
    assert_eq!(bo["marker"]["introduced"]["author"], "Bo <bo@example.com>");
    assert_eq!(bo["marker"]["introduced"]["date"], "2023-11-16T02:00:00Z");
    assert_eq!(head_time, 1_701_000_000);
    assert_eq!(bo["signals"]["age_days"], 10);
    let ana = by_title("FIXME: by ana");
    assert_eq!(ana["marker"]["introduced"]["commit"], ana_commit);
    let new = by_title("TODO: not committed");
    assert!(new["marker"].get("introduced").is_none());
    assert!(new["signals"].get("age_days").is_none());

    // A dirty work tree: lines above the marker are not committed; the marker still maps to Bo.
    repo.write(
        "src/lib.rs",
        "// new header\nuse x;\n\nfn a() {\n    // TODO: written by bo\n}\n// FIXME: by ana\n",
    );
    let v = json(&["todos", ".", "--format", "json", "-q"], repo.path());
    let bo = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["summary"] == "TODO: written by bo")
        .unwrap();
    assert_eq!(bo["marker"]["introduced"]["commit"], bo_commit);
}

/// Each marker's introduction against `git blame` itself on a history with a merge, a rename
/// with edits, and a reformatting commit listed in `.git-blame-ignore-revs`.
#[test]
fn introductions_agree_with_git_blame_across_merges_renames_and_ignored_revisions() {
    let repo = Repo::git();
    let mut at = 1_700_000_000;
    let mut commit_as = |repo: &Repo, who: &str, msg: &str| {
        at += 86_400;
        repo.commit_as(msg, who, &format!("{}@example.com", who.to_lowercase()), at);
    };
    let body = |a: &str, b: &str, c: &str| {
        format!("fn start() {{}}\n{a}\n\nfn middle() {{\n    let x = 1;\n}}\n{b}\n\nfn end() {{}}\n{c}\n")
    };
    repo.write("lib/a.rs", body("// TODO: from ana", "", ""));
    commit_as(&repo, "Ana", "ana");
    repo.run_git(&["checkout", "-q", "-b", "feature"]);
    repo.write(
        "lib/a.rs",
        body("// TODO: from ana", "// FIXME: from bo on a branch", ""),
    );
    commit_as(&repo, "Bo", "bo");
    repo.run_git(&["checkout", "-q", "main"]);
    repo.write(
        "lib/a.rs",
        body("// TODO: from ana", "", "// HACK: from cy on main"),
    );
    commit_as(&repo, "Cy", "cy");
    repo.run_git(&["merge", "-q", "--no-ff", "-m", "merge", "feature"]);
    // Rename with an edit.
    std::fs::create_dir_all(repo.path().join("src")).unwrap();
    std::fs::remove_file(repo.path().join("lib/a.rs")).unwrap();
    let renamed = body(
        "// TODO: from ana",
        "// FIXME: from bo on a branch",
        "// HACK: from cy on main",
    )
    .replace("let x = 1;", "let x = 2;");
    repo.write("src/b.rs", &renamed);
    commit_as(&repo, "Dee", "move and edit");
    // A reformatting commit that git blame is told to ignore: it indents every line (which
    // `-w` alone would see through) and turns the markers into doc comments (which only the
    // ignore list passes on).
    let reformatted: String = renamed
        .lines()
        .map(|l| format!("  {}\n", l.replacen("// ", "/// ", 1)))
        .collect();
    repo.write("src/b.rs", &reformatted);
    commit_as(&repo, "Eve", "reformat");
    let reformat = repo.run_git(&["rev-parse", "HEAD"]).trim().to_string();
    repo.write(".git-blame-ignore-revs", format!("{reformat}\n"));
    commit_as(&repo, "Eve", "ignore the reformat");

    let v = json(&["todos", ".", "--format", "json", "-q"], repo.path());
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        let line = item["location"]["start_line"].as_u64().unwrap();
        let theirs = blamed(
            &repo,
            &["--ignore-revs-file", ".git-blame-ignore-revs"],
            "src/b.rs",
            line,
        );
        assert_eq!(
            item["marker"]["introduced"]["commit"], theirs,
            "{}",
            item["summary"]
        );
    }
    let author = |title: &str| {
        items.iter().find(|i| i["summary"] == title).unwrap()["marker"]["introduced"]["author"]
            .clone()
    };
    assert_eq!(author("TODO: from ana"), "Ana <ana@example.com>");
    assert_eq!(author("FIXME: from bo on a branch"), "Bo <bo@example.com>");
    assert_eq!(author("HACK: from cy on main"), "Cy <cy@example.com>");
}

/// A commit that only re-indents a marker line (code moved into a block, a formatter run) did
/// not write it: the marker keeps its author and age, as `git blame -w` says, without a
/// `.git-blame-ignore-revs` entry. A commit that changes the marker's words did write it.
#[test]
fn a_reindented_marker_keeps_its_author() {
    let repo = Repo::git();
    repo.write(
        "src/lib.rs",
        "fn run() {\n// TODO: handle the empty case\nstep();\n// FIXME: retry\n}\n",
    );
    repo.commit_as("start", "Ana", "ana@example.com", 1_600_000_000);
    repo.write(
        "src/lib.rs",
        "fn run() {\n    // TODO: handle the empty case\n    step();\n    // FIXME: retry twice\n}\n",
    );
    repo.commit_as("style: indent", "Bo", "bo@example.com", 1_700_000_000);
    let v = json(
        &["todos", ".", "--format", "json", "-q", "--no-cache"],
        repo.path(),
    );
    let items = v["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "{v:#}");
    let author = |title: &str| {
        let item = items.iter().find(|i| i["summary"] == title).unwrap();
        let line = item["location"]["start_line"].as_u64().unwrap();
        assert_eq!(
            item["marker"]["introduced"]["commit"],
            blamed(&repo, &[], "src/lib.rs", line),
            "{title}"
        );
        item["marker"]["introduced"]["author"].clone()
    };
    assert_eq!(
        author("TODO: handle the empty case"),
        "Ana <ana@example.com>"
    );
    assert_eq!(author("FIXME: retry twice"), "Bo <bo@example.com>");
}

/// The commit `git blame -w` (the oracle of marker introductions) names for line `line` of
/// `path`, with `extra` options.
fn blamed(repo: &Repo, extra: &[&str], path: &str, line: u64) -> String {
    let range = format!("{line},{line}");
    let mut args = vec!["blame", "--porcelain", "-w"];
    args.extend(extra);
    args.extend(["-L", &range, "--", path]);
    let out = repo.run_git(&args);
    out.split(' ').next().unwrap().to_string()
}

/// A merge that takes a file whole from its second parent (as a subtree sync does) hands every
/// line to that parent, as git blame does, even a line its first parent also has: rust-analyzer
/// disagreed with git blame on 27 markers before this rule.
#[test]
fn a_file_a_merge_took_whole_from_its_second_parent_is_blamed_there() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "fn a() {}\n");
    repo.commit("start");
    repo.run_git(&["checkout", "-q", "-b", "side"]);
    repo.write("src/lib.rs", "fn a() {}\n// TODO: same words\nfn b() {}\n");
    repo.commit_as("bo", "Bo", "bo@example.com", 1_700_100_000);
    repo.run_git(&["checkout", "-q", "main"]);
    repo.write("src/lib.rs", "fn a() {}\n// TODO: same words\n");
    repo.commit_as("cy", "Cy", "cy@example.com", 1_700_200_000);
    // The merge keeps the side's file as it is: its blob is the second parent's.
    let _ = std::process::Command::new("git")
        .args(["merge", "-q", "--no-ff", "--no-commit", "side"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    repo.run_git(&["checkout", "side", "--", "src/lib.rs"]);
    repo.commit_as("merge", "Cy", "cy@example.com", 1_700_300_000);
    assert_eq!(
        repo.run_git(&["rev-list", "--count", "--merges", "HEAD"])
            .trim(),
        "1"
    );

    // Without the cache: what is checked is the trace, not an earlier run's answer.
    let v = json(
        &["todos", ".", "--format", "json", "-q", "--no-cache"],
        repo.path(),
    );
    let item = &v["items"][0];
    assert_eq!(item["location"]["start_line"], 2);
    assert_eq!(
        item["marker"]["introduced"]["commit"],
        blamed(&repo, &[], "src/lib.rs", 2)
    );
    assert_eq!(
        item["marker"]["introduced"]["author"],
        "Bo <bo@example.com>"
    );
}

/// Attributes files that are not committed count as git counts them: an uncommitted
/// `.gitattributes` in a subdirectory, and `info/attributes` (a repository without any
/// committed attributes skips the per-path lookups, so these must still be found).
#[test]
fn uncommitted_attributes_files_count_like_git() {
    let mut repo = Repo::git();
    repo.write("data/table.txt", "1\n2\n3\n");
    repo.write("keep/list.txt", "a\nb\n");
    repo.write("src/a.rs", "fn a() {}\n");
    repo.commit("start");
    repo.write("data/table.txt", "1\n2\n4\n");
    repo.write("keep/list.txt", "a\nc\n");
    repo.commit("change");
    repo.write("data/.gitattributes", "*.txt binary\n");
    std::fs::create_dir_all(repo.path().join(".git/info")).unwrap();
    std::fs::write(repo.path().join(".git/info/attributes"), "keep/** -diff\n").unwrap();
    let (ours, _) = debtscan_churn(&repo, &[]);
    let theirs = git_numstat(repo.path(), &[]);
    assert_eq!(theirs["data/table.txt"], (2, 0, 0));
    assert_eq!(theirs["keep/list.txt"], (2, 0, 0));
    assert_eq!(ours, theirs);
    // Without them, lines are counted again.
    std::fs::remove_file(repo.path().join(".git/info/attributes")).unwrap();
    std::fs::remove_file(repo.path().join("data/.gitattributes")).unwrap();
    let (ours, _) = debtscan_churn(&repo, &[]);
    let theirs = git_numstat(repo.path(), &[]);
    assert_eq!(theirs["data/table.txt"], (2, 4, 1));
    assert_eq!(ours, theirs);
}

/// The scan reads lines only as the churn of its hotspot window: a file's lines from before the
/// window do not count there (their blobs are not even diffed), while `churn` counts them all,
/// and both agree with `git log --numstat` over their range.
#[test]
fn the_scans_churn_counts_the_lines_of_its_window_only() {
    let mut repo = Repo::git();
    let old: String = (0..200).map(|i| format!("let v{i} = {i};\n")).collect();
    repo.write(
        "src/big.rs",
        format!("// TODO: split\nfn f() {{\n{old}}}\n"),
    );
    repo.commit("a large file, long ago");
    repo.advance(400);
    let new = old.replace("let v7 = 7;", "let v7 = 8;");
    repo.write(
        "src/big.rs",
        format!("// TODO: split\nfn f() {{\n{new}}}\n"),
    );
    repo.commit("one line, lately");

    let all = git_numstat(repo.path(), &[]);
    assert_eq!(all["src/big.rs"], (2, 204, 1));
    let (counted, _) = debtscan_churn(&repo, &[]);
    assert_eq!(counted["src/big.rs"], all["src/big.rs"]);

    let churn_of = |repo: &Repo| {
        let scan = json(&["scan", ".", "--format", "json", "-q"], repo.path());
        let item = scan["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["location"]["path"] == "src/big.rs")
            .expect("the TODO's item")
            .clone();
        let why: Vec<String> = item["explanation"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap().to_string())
            .collect();
        (item["signals"]["churn"].as_u64().unwrap(), why)
    };
    // Two commits in all: the window stretches back to hold them (it holds at least
    // `window_min_commits`, 300, or every commit), so both count; the first is 401 days
    // old (each commit comes a day after the one before).
    let (churn, why) = churn_of(&repo);
    assert_eq!(churn, 204 + 1);
    assert!(
        why.iter()
            .any(|e| e.contains("205 lines added and deleted in the 401 days before HEAD")),
        "{why:?}"
    );
    // The calendar window alone holds the latest commit only: one line added, one deleted.
    repo.write("debtscan.toml", "[hotspots]\nwindow_min_commits = 0\n");
    let head = repo.run_git(&["log", "-1", "--format=%ct"]);
    let since = format!("@{}", head.trim().parse::<i64>().unwrap() - 365 * 86_400);
    let window = git_numstat(repo.path(), &["--since", &since]);
    assert_eq!(window["src/big.rs"], (1, 1, 1));
    let (churn, why) = churn_of(&repo);
    assert_eq!(churn, 2);
    assert!(
        why.iter()
            .any(|e| e.contains("2 lines added and deleted in the 365 days before HEAD")),
        "{why:?}"
    );
}

/// Revisions, added and deleted lines of one file, from `git log --follow --numstat`.
fn git_follow(dir: &std::path::Path, path: &str) -> (u64, u64, u64) {
    let out = std::process::Command::new("git")
        .args([
            "log",
            "--follow",
            "--numstat",
            "--format=tformat:C",
            "--",
            path,
        ])
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("git runs");
    let log = String::from_utf8_lossy(&out.stdout);
    let mut counts = (0, 0, 0);
    for line in log.lines() {
        if line == "C" {
            counts.0 += 1;
        }
        if let [added, deleted, _] = line.splitn(3, '\t').collect::<Vec<_>>()[..] {
            counts.1 += added.parse::<u64>().unwrap_or(0);
            counts.2 += deleted.parse::<u64>().unwrap_or(0);
        }
    }
    counts
}

/// Twenty distinct lines, `tag`ged so that files do not look alike.
fn body(tag: &str) -> String {
    (0..20)
        .map(|i| format!("fn {tag}_{i}() {{ {i} }}\n"))
        .collect()
}

#[test]
fn files_are_followed_through_renames_as_git_log_follow_counts_them() {
    let mut repo = Repo::git();
    repo.write("src/context.rs", body("ctx"));
    repo.write("src/chain_a.rs", body("chain"));
    repo.write("lib/moved.rs", body("moved"));
    repo.write("src/split.rs", format!("{}{}", body("big"), body("bigger")));
    repo.write("empty_a.txt", "");
    repo.commit("first");
    repo.write(
        "src/context.rs",
        body("ctx").replace("ctx_3()", "ctx_three()"),
    );
    repo.write("src/chain_a.rs", body("chain").replace("{ 5 }", "{ 50 }"));
    repo.commit("edit");
    // A rename with an edit (a module becomes a directory), a move of a directory, a file
    // split out of one that stays (new: only deleted files are sources), and a rename of an
    // empty file (files of the same content pair by name, as in git).
    std::fs::create_dir(repo.path().join("src/context")).unwrap();
    repo.run_git(&["mv", "src/context.rs", "src/context/mod.rs"]);
    repo.write(
        "src/context/mod.rs",
        body("ctx").replace("ctx_3()", "ctx_three()") + "fn added() {}\n",
    );
    repo.run_git(&["mv", "lib", "crates"]);
    repo.write("src/piece.rs", body("big"));
    repo.write("src/split.rs", body("bigger"));
    repo.run_git(&["mv", "empty_a.txt", "empty_b.txt"]);
    repo.commit("restructure");
    // A chain of renames, one of them on a branch merged back.
    repo.run_git(&["mv", "src/chain_a.rs", "src/chain_b.rs"]);
    repo.commit("chain one");
    repo.run_git(&["checkout", "-q", "-b", "side"]);
    repo.run_git(&["mv", "src/chain_b.rs", "src/chain_c.rs"]);
    repo.write("src/chain_c.rs", body("chain").replace("{ 5 }", "{ 55 }"));
    repo.commit("chain two");
    repo.run_git(&["checkout", "-q", "main"]);
    repo.write("src/context/mod.rs", body("ctx") + "fn added() {}\n");
    repo.commit("main edit");
    repo.run_git(&["merge", "-q", "--no-ff", "-m", "merge side", "side"]);
    repo.write("src/chain_c.rs", body("chain"));
    repo.commit("last");

    let (followed, _) = debtscan_churn(&repo, &["--follow"]);
    for path in [
        "src/context/mod.rs",
        "src/chain_c.rs",
        "crates/moved.rs",
        "src/piece.rs",
        "src/split.rs",
        "empty_b.txt",
    ] {
        assert_eq!(followed[path], git_follow(repo.path(), path), "{path}");
    }
    assert_eq!(followed["src/context/mod.rs"].0, 4);
    assert_eq!(followed["src/chain_c.rs"].0, 5);
    assert_eq!(followed["src/piece.rs"].0, 1, "split out, not renamed");
    assert_eq!(followed["empty_b.txt"].0, 2);
    // `--raw` alone still counts each path on its own, as `git log --no-renames`.
    let (raw, _) = debtscan_churn(&repo, &[]);
    assert_eq!(raw, git_numstat(repo.path(), &[]));
    assert_eq!(raw["src/context/mod.rs"].0, 2);
    // Without `--raw`, files are followed (this history has no noise to filter).
    let v = json(&["churn", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(counts_of(&v), followed);
    let first = |v: &serde_json::Value, path: &str| {
        let files = v["files"].as_array().unwrap();
        let file = files.iter().find(|f| f["path"] == path).unwrap();
        file["first_change"].clone()
    };
    assert_eq!(first(&v, "src/chain_c.rs"), first(&v, "src/split.rs"));
}
