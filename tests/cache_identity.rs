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

#[test]
fn a_warm_cache_gives_the_same_report_as_none_while_the_repository_evolves() {
    let mut repo = Repo::git();
    let cache = tempfile::tempdir().unwrap();
    let cache = cache.path();
    for k in 0..6 {
        repo.write("src/lib.rs", lib(k));
        repo.write(
            "src/other.rs",
            format!("// FIXME: other {k}\npub fn o() -> u8 {{ {k} }}\n"),
        );
        repo.commit("work");
    }
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
