//! The cache changes how fast a scan is, never what it says: a scripted repository evolves
//! across runs (new commits, a rewritten and force-pushed history, `.mailmap` and config edits,
//! a deepened shallow clone), and at every step the report with a warm cache is byte-identical
//! to the report without one.

mod common;

use std::path::Path;

use common::{complex, Repo};

/// `scan` (or another command) of `dir` as JSON, with the cache in `cache` or without one.
fn report(dir: &Path, command: &[&str], cache: Option<&Path>) -> Vec<u8> {
    let mut args = command.to_vec();
    args.extend([".", "--format", "json", "-q"]);
    common::run_cached(dir, &args, cache).stdout
}

/// Every command the cache serves gives the same bytes with a cold cache, a warm one, and none.
fn same_with_and_without(dir: &Path, cache: &Path, step: &str) {
    for command in [
        &["scan"][..],
        &["todos"],
        &["churn"],
        &["coupling"],
        &["hotspots", "--functions"],
    ] {
        let without = report(dir, command, None);
        let first = report(dir, command, Some(cache));
        let again = report(dir, command, Some(cache));
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        assert_eq!(
            text(&first),
            text(&without),
            "{step}: {command:?}, first run"
        );
        assert_eq!(
            text(&again),
            text(&without),
            "{step}: {command:?}, warm run"
        );
    }
}

/// A file with a complex function, a marker, and `k` in it so each commit changes it.
fn lib(k: u32) -> String {
    format!(
        "// TODO: tidy {k}\nmod other;\n{}\npub fn tail() -> u32 {{\n    {k}\n}}\n",
        complex("busy", k)
    )
}

/// `commits` commits that each change `src/lib.rs` and `src/other.rs`.
fn work(repo: &mut Repo, commits: u32) {
    for k in 0..commits {
        repo.write("src/lib.rs", lib(k));
        repo.write(
            "src/other.rs",
            format!("// FIXME: other {k}\npub fn o() -> u8 {{ {k} }}\n"),
        );
        repo.commit("work");
    }
}

#[test]
fn a_warm_cache_gives_the_same_report_as_none_while_the_repository_evolves() {
    let mut repo = Repo::git();
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path();
    work(&mut repo, 6);
    same_with_and_without(repo.path(), cache, "initial history");

    // New commits on top, one by another author, and a merge of a branch.
    repo.run_git(&["checkout", "-q", "-b", "feature"]);
    repo.write("src/feature.rs", "// HACK: a branch\npub fn f() {}\n");
    repo.commit("feature");
    repo.run_git(&["checkout", "-q", "main"]);
    repo.write("src/lib.rs", lib(7));
    repo.git_as(&["add", "-A"], "Bo", "bo@example.com", 1_700_900_000);
    repo.git_as(
        &["commit", "-q", "-m", "by bo"],
        "Bo",
        "bo@example.com",
        1_700_900_000,
    );
    repo.run_git(&["merge", "-q", "--no-ff", "-m", "merge feature", "feature"]);
    same_with_and_without(repo.path(), cache, "new commits and a merge");

    // A .mailmap that makes Bo someone else, and a config that changes the scoring.
    repo.write(
        ".mailmap",
        "Robert <robert@example.com> Bo <bo@example.com>\n",
    );
    repo.write(
        "debtscan.toml",
        "[complexity]\ncognitive = 12\n[history]\nhalf_life_days = 30\n",
    );
    same_with_and_without(repo.path(), cache, "mailmap and config edits (uncommitted)");
    repo.commit("mailmap and config");
    same_with_and_without(repo.path(), cache, "mailmap and config committed");

    // History rewritten: the last three commits replaced, as after a rebase and force-push.
    repo.run_git(&["reset", "-q", "--hard", "HEAD~3"]);
    repo.write("src/lib.rs", lib(20));
    repo.write("src/new.rs", "// XXX: rewritten\npub fn n() {}\n");
    repo.commit("rewritten history");
    same_with_and_without(repo.path(), cache, "rewritten history");

    // Uncommitted edits in the work tree.
    repo.write("src/lib.rs", lib(21));
    same_with_and_without(repo.path(), cache, "dirty work tree");
}

#[test]
fn a_shallow_clone_deepened_later_is_counted_afresh() {
    let mut repo = Repo::git();
    for k in 0..8 {
        repo.write("src/lib.rs", lib(k));
        repo.commit("work");
    }
    let clones = tempfile::tempdir().unwrap();
    let clone = clones.path().join("clone");
    let url = format!("file://{}", repo.path().display());
    let git = |args: &[&str], dir: &Path| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(
        &["clone", "-q", "--depth", "3", &url, clone.to_str().unwrap()],
        clones.path(),
    );
    let cache = clones.path().join("cache");
    same_with_and_without(&clone, &cache, "shallow clone");
    git(&["fetch", "-q", "--deepen", "3"], &clone);
    same_with_and_without(&clone, &cache, "deepened");
    git(&["fetch", "-q", "--unshallow"], &clone);
    same_with_and_without(&clone, &cache, "unshallowed");
}

/// `scan` of `dir` as JSON with the cache in `cache`, and whether the backlog came from the
/// cache (a run that reads history times its history phase).
fn cached_scan(dir: &Path, cache: &Path, extra: &[&str]) -> (String, bool) {
    let mut args = vec!["scan", ".", "--format", "json", "-q", "--timings"];
    args.extend(extra);
    let out = common::run_cached(dir, &args, Some(cache));
    let timings = String::from_utf8_lossy(&out.stderr).into_owned();
    let text = String::from_utf8(out.stdout).unwrap();
    (text, !timings.contains("timing: history"))
}

/// A change to a repository between two scans.
type Edit = Box<dyn Fn(&mut Repo)>;

#[test]
fn any_changed_input_is_a_new_backlog_and_an_unchanged_one_the_same() {
    let mut repo = Repo::git();
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path();
    let elsewhere = tempfile::tempdir().unwrap();
    let team_mailmap = elsewhere.path().join("team.mailmap");
    work(&mut repo, 4);
    let first = repo.run_git(&["rev-list", "--max-parents=0", "HEAD"]);
    let edits: Vec<(&str, Edit)> = vec![
        (
            "a source file edited",
            Box::new(|r| drop(r.write("src/lib.rs", lib(9)))),
        ),
        ("a new commit", Box::new(|r| r.commit("more"))),
        (
            ".mailmap",
            Box::new(|r| {
                drop(r.write(".mailmap", "Ann <ann@example.com> Ana <ana@example.com>\n"))
            }),
        ),
        (
            ".git-blame-ignore-revs",
            Box::new(move |r| drop(r.write(".git-blame-ignore-revs", &first))),
        ),
        (
            "the root .gitattributes",
            Box::new(|r| drop(r.write(".gitattributes", "src/other.rs linguist-generated\n"))),
        ),
        (
            "a .gitattributes below the root",
            Box::new(|r| drop(r.write("src/.gitattributes", "*.rs -diff\n"))),
        ),
        (
            ".git/info/attributes",
            Box::new(|r| drop(r.write(".git/info/attributes", "lib.rs binary\n"))),
        ),
        (
            "git's config (mailmap.file)",
            Box::new({
                let path = team_mailmap.display().to_string();
                move |r| drop(r.run_git(&["config", "mailmap.file", &path]))
            }),
        ),
        (
            "the file mailmap.file names",
            Box::new({
                let path = team_mailmap.clone();
                move |_| std::fs::write(&path, "Team <t@example.com> <ana@example.com>\n").unwrap()
            }),
        ),
        (
            "debtscan.toml",
            Box::new(|r| drop(r.write("debtscan.toml", "[complexity]\ncognitive = 9\n"))),
        ),
        (
            "a Cargo.toml",
            Box::new(|r| {
                drop(r.write(
                    "Cargo.toml",
                    "[package]\nname = \"x\"\nversion = \"0.1.0\"\n",
                ))
            }),
        ),
        (
            "another branch at the same commit",
            Box::new(|r| drop(r.run_git(&["checkout", "-q", "-b", "other"]))),
        ),
    ];
    let (before, _) = cached_scan(repo.path(), cache, &[]);
    let (again, hit) = cached_scan(repo.path(), cache, &[]);
    assert!(hit, "nothing changed: the backlog comes from the cache");
    assert_eq!(again, before);
    for (what, edit) in edits {
        edit(&mut repo);
        let without = String::from_utf8(report(repo.path(), &["scan"], None)).unwrap();
        let (first, hit) = cached_scan(repo.path(), cache, &[]);
        assert!(!hit, "{what}: a changed input is read afresh");
        assert_eq!(first, without, "{what}: first run");
        let (again, hit) = cached_scan(repo.path(), cache, &[]);
        assert!(hit, "{what}: then filed");
        assert_eq!(again, without, "{what}: warm run");
    }
    // Another request on the same tree is another backlog.
    let (_, hit) = cached_scan(repo.path(), cache, &["--max-commits", "2"]);
    assert!(!hit, "another flag");
}

#[test]
fn a_damaged_backlog_is_dropped_with_a_warning_and_computed_again() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", lib(1));
    repo.commit("work");
    let cache = tempfile::tempdir().unwrap();
    let without = report(repo.path(), &["scan"], None);
    let (first, _) = cached_scan(repo.path(), cache.path(), &[]);
    common::damage_the_only_segment(cache.path(), "backlogs");

    let (damaged, hit) = cached_scan(repo.path(), cache.path(), &[]);
    assert!(!hit, "a damaged backlog is never read");
    let mut damaged: serde_json::Value = serde_json::from_str(&damaged).unwrap();
    let clean: serde_json::Value = serde_json::from_slice(&without).unwrap();
    let usual = clean["summary"]["warnings"].as_array().unwrap();
    let warnings = std::mem::take(&mut damaged["summary"]["warnings"]);
    let added: Vec<_> = warnings
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| !usual.contains(w))
        .collect();
    assert_eq!(added.len(), 1, "{warnings:?}");
    let warning = added[0].as_str().unwrap();
    assert!(
        warning.contains("damaged cache segment") && warning.contains("backlogs"),
        "{warning}"
    );
    damaged["summary"]["warnings"] = clean["summary"]["warnings"].clone();
    assert_eq!(damaged, clean);
    // Its warning is that run's: the next one is filed and answered clean.
    let (_, hit) = cached_scan(repo.path(), cache.path(), &[]);
    assert!(!hit);
    let (again, hit) = cached_scan(repo.path(), cache.path(), &[]);
    assert!(hit);
    assert_eq!(again, first);
    assert_eq!(again.as_bytes(), &without[..]);
}
