//! Real histories that are odd but valid: authors with an empty name or email (or bytes that are
//! not UTF-8), which git accepts and libgit2 refuses to rebuild, and partial clones
//! (`git clone --filter=blob:none`) whose old blobs are not there. Every command still runs;
//! what cannot be measured is said.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{json, Repo};

/// Runs git in `dir` without user or system config; returns standard output as bytes.
fn git_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Vec<u8> {
    let mut child = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        // A test must never make git fetch what a partial clone lacks.
        .env("GIT_NO_LAZY_FETCH", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("git runs");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Commits the staged work tree with a raw `author` line (`name <email>`, any bytes), which
/// git's porcelain refuses when a part is empty: the commit object is written literally.
fn commit_as(repo: &Repo, author: &[u8], time: i64, message: &str) -> String {
    let dir = repo.path();
    git_in(dir, &["add", "-A"], None);
    let tree = String::from_utf8(git_in(dir, &["write-tree"], None)).unwrap();
    let parent = Command::new("git")
        .args(["rev-parse", "-q", "--verify", "HEAD"])
        .current_dir(dir)
        .output()
        .unwrap();
    let mut object = format!("tree {}\n", tree.trim()).into_bytes();
    if parent.status.success() {
        object.extend(format!("parent {}", String::from_utf8_lossy(&parent.stdout)).bytes());
    }
    for role in ["author", "committer"] {
        object.extend(format!("{role} ").bytes());
        object.extend(author);
        object.extend(format!(" {time} +0000\n").bytes());
    }
    object.extend(format!("\n{message}\n").bytes());
    let oid = git_in(
        dir,
        &[
            "hash-object",
            "-t",
            "commit",
            "-w",
            "--literally",
            "--stdin",
        ],
        Some(&object),
    );
    let oid = String::from_utf8(oid).unwrap().trim().to_string();
    git_in(dir, &["update-ref", "HEAD", &oid], None);
    oid
}

/// `path → (revisions, added, deleted, main author)` from a `churn --format json` report.
fn churn(v: &serde_json::Value) -> BTreeMap<String, (u64, u64, u64, String)> {
    v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let n = |k: &str| f[k].as_u64().unwrap();
            (
                f["path"].as_str().unwrap().to_string(),
                (
                    n("revisions"),
                    n("added"),
                    n("deleted"),
                    f["main_author"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

/// `title → (introducing commit, author)` of the marker items of a backlog.
fn introductions(v: &serde_json::Value) -> BTreeMap<String, (String, String)> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["marker"]["introduced"].is_object())
        .map(|i| {
            let intro = &i["marker"]["introduced"];
            (
                i["summary"].as_str().unwrap().to_string(),
                (
                    intro["commit"].as_str().unwrap().to_string(),
                    intro["author"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

/// Runs `debtscan <args>` in `dir`: it must exit 0; returns standard output and error.
fn run(args: &[&str], dir: &Path) -> (String, String) {
    let out = common::debtscan()
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "debtscan {args:?} failed: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

#[test]
fn authors_with_an_empty_name_or_email_are_ordinary_data() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "fn a() {}\n");
    repo.commit("start");
    repo.write(
        "src/lib.rs",
        "fn a() {}\n\nfn b() {\n    // TODO: from ceptontech\n}\n",
    );
    repo.write("src/cepton.rs", "fn c() {}\nfn d() {}\n");
    let cepton = commit_as(&repo, b"ceptontech <>", 1_700_100_000, "empty email");
    repo.write(
        "src/lib.rs",
        "fn a() {\n    // FIXME: from a nameless author\n}\n\nfn b() {\n    // TODO: from ceptontech\n}\n",
    );
    repo.write("src/noname.rs", "fn n() {}\n");
    let nameless = commit_as(&repo, b" <noname@example.com>", 1_700_200_000, "empty name");
    repo.write("src/latin.rs", "fn l() {}\n// HACK: latin-1 name\n");
    let latin = commit_as(
        &repo,
        b"Jos\xe9 <jose@example.com>",
        1_700_300_000,
        "latin-1",
    );
    repo.write("src/nobody.rs", "fn x() {}\n");
    commit_as(&repo, b" <>", 1_700_400_000, "no identity at all");

    // git itself reads these commits.
    let log = git_in(repo.path(), &["log", "--format=%an|%ae"], None);
    assert_eq!(
        String::from_utf8_lossy(&log),
        "|\nJos\u{FFFD}|jose@example.com\n|noname@example.com\nceptontech|\nAna|ana@example.com\n"
    );

    let files = churn(&json(
        &["churn", ".", "--format", "json", "-q"],
        repo.path(),
    ));
    let expected: BTreeMap<String, (u64, u64, u64, String)> = [
        ("src/cepton.rs", (1, 2, 0, "ceptontech <>")),
        ("src/latin.rs", (1, 2, 0, "Jos\u{FFFD} <jose@example.com>")),
        // Ties go to the alphabetically first author.
        ("src/lib.rs", (3, 8, 1, " <noname@example.com>")),
        ("src/noname.rs", (1, 1, 0, " <noname@example.com>")),
        ("src/nobody.rs", (1, 1, 0, " <>")),
    ]
    .into_iter()
    .map(|(p, (r, a, d, m))| (p.to_string(), (r, a, d, m.to_string())))
    .collect();
    assert_eq!(files, expected);
    // The figures are git's.
    let numstat = git_in(
        repo.path(),
        &["log", "--no-renames", "--numstat", "--format="],
        None,
    );
    let mut from_git: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new();
    for line in String::from_utf8(numstat).unwrap().lines() {
        if let [added, deleted, path] = line.split('\t').collect::<Vec<_>>()[..] {
            let entry = from_git.entry(path.to_string()).or_default();
            entry.0 += 1;
            entry.1 += added.parse::<u64>().unwrap();
            entry.2 += deleted.parse::<u64>().unwrap();
        }
    }
    let ours: BTreeMap<String, (u64, u64, u64)> = files
        .iter()
        .map(|(p, (r, a, d, _))| (p.clone(), (*r, *a, *d)))
        .collect();
    assert_eq!(ours, from_git);

    let scan = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let todos = json(&["todos", ".", "--format", "json", "-q"], repo.path());
    for backlog in [&scan, &todos] {
        let intro = introductions(backlog);
        assert_eq!(
            intro["TODO: from ceptontech"],
            (cepton.clone(), "ceptontech <>".to_string())
        );
        assert_eq!(
            intro["FIXME: from a nameless author"],
            (nameless.clone(), " <noname@example.com>".to_string())
        );
        assert_eq!(
            intro["HACK: latin-1 name"],
            (latin.clone(), "Jos\u{FFFD} <jose@example.com>".to_string())
        );
    }
    let hotspots = json(
        &["hotspots", ".", "--functions", "--format", "json", "-q"],
        repo.path(),
    );
    assert_eq!(
        common::xray(&hotspots, "src/lib.rs"),
        // The commit creating the file is no change of its functions.
        BTreeMap::from([("a".to_string(), 1), ("b".to_string(), 0)])
    );
    assert_eq!(
        common::xray(&hotspots, "src/cepton.rs"),
        BTreeMap::from([("c".to_string(), 0), ("d".to_string(), 0)])
    );

    // A .mailmap names them: by name and empty email, for every name with the empty email,
    // and a name for an email.
    repo.write(
        ".mailmap",
        "Cepton Tech <cepton@example.com> ceptontech <>\n\
         Nobody <nobody@example.com> <>\n\
         No Name <noname@example.com>\n",
    );
    let git_mapped = git_in(repo.path(), &["log", "--format=%aN <%aE>"], None);
    assert_eq!(
        String::from_utf8_lossy(&git_mapped),
        "Nobody <nobody@example.com>\nJos\u{FFFD} <jose@example.com>\n\
         No Name <noname@example.com>\nCepton Tech <cepton@example.com>\nAna <ana@example.com>\n"
    );
    let files = churn(&json(
        &["churn", ".", "--format", "json", "-q"],
        repo.path(),
    ));
    assert_eq!(files["src/cepton.rs"].3, "Cepton Tech <cepton@example.com>");
    assert_eq!(files["src/noname.rs"].3, "No Name <noname@example.com>");
    assert_eq!(files["src/nobody.rs"].3, "Nobody <nobody@example.com>");
    let intro = introductions(&json(
        &["todos", ".", "--format", "json", "-q"],
        repo.path(),
    ));
    assert_eq!(
        intro["TODO: from ceptontech"],
        (cepton, "Cepton Tech <cepton@example.com>".to_string())
    );
    assert_eq!(
        intro["FIXME: from a nameless author"],
        (nameless, "No Name <noname@example.com>".to_string())
    );
    // Aliases apply after the mailmap, to these identities as to any.
    repo.write(
        "debtscan.toml",
        "[history.aliases]\n\"cepton@example.com\" = \"Cepton <c@example.com>\"\n",
    );
    let files = churn(&json(
        &["churn", ".", "--format", "json", "-q"],
        repo.path(),
    ));
    assert_eq!(files["src/cepton.rs"].3, "Cepton <c@example.com>");
}

#[test]
fn a_partial_clone_missing_blobs_is_analysed_and_the_gap_reported() {
    let mut origin = Repo::git();
    origin.write(
        "src/lib.rs",
        "fn a() {\n    // TODO: first words\n    1\n}\n",
    );
    origin.write("src/stable.rs", "fn s() {}\nfn t() {}\nfn u() {}\n");
    origin.commit("one");
    let v1 = origin.run_git(&["rev-parse", "HEAD:src/lib.rs"]);
    origin.write(
        "src/lib.rs",
        "fn a() {\n    // TODO: first words\n    2\n}\nfn b() {}\n",
    );
    origin.commit("two");
    let v2 = origin.run_git(&["rev-parse", "HEAD:src/lib.rs"]);
    origin.write(
        "src/lib.rs",
        "fn a() {\n    // TODO: first words\n    3\n}\nfn b() {\n    4\n}\n",
    );
    origin.commit("three");
    origin.write("src/late.rs", "fn late() {\n    // FIXME: late\n}\n");
    origin.commit("four");
    let late_commit = origin.run_git(&["rev-parse", "HEAD"]).trim().to_string();
    origin.run_git(&["config", "uploadpack.allowFilter", "true"]);

    let clones = Repo::plain();
    let url = format!("file://{}", origin.path().display());
    clones.run_git(&["clone", "-q", "--filter=blob:none", "--no-local", &url, "c"]);
    let dir = clones.path().join("c");
    // The old versions of src/lib.rs really are missing (git lists them without fetching).
    let listed = git_in(
        &dir,
        &["rev-list", "--objects", "--all", "--missing=print"],
        None,
    );
    let missing: Vec<String> = String::from_utf8(listed)
        .unwrap()
        .lines()
        .filter_map(|l| l.strip_prefix('?').map(str::to_string))
        .collect();
    let mut expected_missing = vec![v1.trim().to_string(), v2.trim().to_string()];
    expected_missing.sort();
    let mut sorted = missing.clone();
    sorted.sort();
    assert_eq!(sorted, expected_missing);

    let warning = "2 blobs of the history are missing (a partial clone): the line counts of \
                   3 file changes could not be measured; run `git fetch --refetch --no-filter` \
                   to fetch them";
    let (out, stderr) = run(&["churn", ".", "--format", "json"], &dir);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["warnings"], serde_json::json!([warning]));
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
    // Every commit still counts as a revision; only the lines of the missing blobs are lost.
    let files = churn(&v);
    assert_eq!(files["src/lib.rs"].0, 3);
    assert_eq!((files["src/lib.rs"].1, files["src/lib.rs"].2), (0, 0));
    let counts = |p: &str| (files[p].0, files[p].1, files[p].2);
    assert_eq!(counts("src/stable.rs"), (1, 3, 0));
    assert_eq!(counts("src/late.rs"), (1, 3, 0));

    let (out, stderr) = run(&["scan", ".", "--format", "json"], &dir);
    let scan: serde_json::Value = serde_json::from_str(&out).unwrap();
    let warnings = scan["summary"]["warnings"].as_array().unwrap();
    let scan_warning = "2 blobs of the history are missing (a partial clone): the line counts \
                        of 3 file changes, the introductions of 1 marker line and 3 file \
                        versions for the function X-Ray could not be measured; run `git fetch \
                        --refetch --no-filter` to fetch them";
    assert_eq!(warnings[0], scan_warning, "{scan:#}");
    assert!(stderr.contains(scan_warning), "{stderr}");
    // The marker whose history needs a missing blob has no introduction; the other has one.
    let intro = introductions(&scan);
    assert_eq!(intro.len(), 1, "{intro:?}");
    assert_eq!(intro["FIXME: late"].0, late_commit);
    assert!(scan["repository"]["history"]["commits_analyzed"] == 4);

    let (out, stderr) = run(&["hotspots", ".", "--functions", "--format", "json"], &dir);
    let hotspots: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        hotspots["warnings"][0]
            .as_str()
            .unwrap()
            .contains("3 file versions for the function X-Ray"),
        "{hotspots:#}"
    );
    assert!(stderr.contains("git fetch --refetch --no-filter"));
    // The versions that are here are X-Rayed as usual.
    assert_eq!(
        common::xray(&hotspots, "src/stable.rs"),
        BTreeMap::from([
            ("s".to_string(), 0),
            ("t".to_string(), 0),
            ("u".to_string(), 0)
        ])
    );
    // Not one version of src/lib.rs in the window can be compared with the one before.
    assert_eq!(
        common::xray(&hotspots, "src/lib.rs"),
        BTreeMap::from([("a".to_string(), 0), ("b".to_string(), 0)])
    );

    // A rename with edits whose old blob is missing: similarity cannot be measured, so the
    // X-Ray follows exact renames only, and every command still runs.
    origin.write(
        "src/steady.rs",
        "fn s() {}\nfn t() {}\nfn u() {}\nfn v() {}\n",
    );
    std::fs::remove_file(origin.path().join("src/stable.rs")).unwrap();
    origin.commit("rename with edits");
    let renamed = clones.path().join("d");
    clones.run_git(&["clone", "-q", "--filter=blob:none", "--no-local", &url, "d"]);
    let (out, _) = run(
        &["hotspots", ".", "--functions", "--format", "json"],
        &renamed,
    );
    let hotspots: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        common::xray(&hotspots, "src/steady.rs").len(),
        4,
        "{hotspots:#}"
    );
    run(&["scan", ".", "--format", "json"], &renamed);
    run(&["churn", "."], &renamed);

    // The clone was only read: nothing was fetched.
    let listed = git_in(
        &dir,
        &["rev-list", "--objects", "--all", "--missing=print"],
        None,
    );
    assert_eq!(
        String::from_utf8(listed)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with('?'))
            .count(),
        2
    );
}

#[test]
fn a_damaged_repository_missing_a_blob_is_a_clear_error() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "pub fn a() -> u32 {\n    1\n}\n");
    repo.commit("one");
    repo.write("src/lib.rs", "pub fn a() -> u32 {\n    2\n}\n");
    repo.commit("two");
    // Delete the first version's blob (a loose object): not a partial clone, so a gap in the
    // history is damage, not a filter.
    let blob = repo.run_git(&["rev-parse", "HEAD~1:src/lib.rs"]);
    let blob = blob.trim();
    let object = repo
        .path()
        .join(".git/objects")
        .join(&blob[..2])
        .join(&blob[2..]);
    std::fs::remove_file(&object).unwrap();
    let out = common::debtscan()
        .args(["churn", "."])
        .current_dir(repo.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("object not found") && err.contains("`git fsck`"),
        "{err}"
    );
}
