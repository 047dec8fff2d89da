//! Real histories that are odd but valid: authors with an empty name or email (or bytes that are
//! not UTF-8), which git accepts and libgit2 refuses to rebuild. Every command still runs.

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
                i["title"].as_str().unwrap().to_string(),
                (
                    intro["commit"].as_str().unwrap().to_string(),
                    intro["author"].as_str().unwrap().to_string(),
                ),
            )
        })
        .collect()
}

/// `symbol → revisions` of the X-Rayed functions of `path`.
fn xray(report: &serde_json::Value, path: &str) -> BTreeMap<String, u64> {
    report["functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == path)
        .map(|f| {
            (
                f["symbol"].as_str().unwrap().to_string(),
                f["revisions"].as_u64().unwrap(),
            )
        })
        .collect()
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
        xray(&hotspots, "src/lib.rs"),
        BTreeMap::from([("a".to_string(), 2), ("b".to_string(), 1)])
    );
    assert_eq!(
        xray(&hotspots, "src/cepton.rs"),
        BTreeMap::from([("c".to_string(), 1), ("d".to_string(), 1)])
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
