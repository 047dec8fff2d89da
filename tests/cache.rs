//! The incremental cache through the real binary: `cache info|clear`, `--no-cache`,
//! `--cache-dir`, and a cache directory that is read-only, damaged, of a newer format, on
//! another file system, shared by two repositories or by two runs at once. Whatever the
//! cache's state, the report is the one computed without it.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{debtscan, Repo};
use debtscan::cache::{Cache, CacheSettings, Key};

/// A repository with some history, markers, complex code and a pair of coupled files.
fn project() -> Repo {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "// TODO: split this\nmod a;\nmod b;\n");
    repo.write("src/a.rs", common::complex("busy", 12));
    repo.write("src/b.rs", "pub fn b() {}\n");
    repo.commit("start");
    for i in 0..6 {
        repo.write("src/a.rs", common::complex("busy", 12 + i));
        repo.write("src/b.rs", format!("pub fn b() {{}}\n// v{i}\n"));
        repo.commit(&format!("change {i}"));
    }
    repo
}

/// `debtscan <args>` in `cwd` with `XDG_CACHE_HOME` at `xdg`.
fn run(args: &[&str], cwd: &Path, xdg: &Path) -> Output {
    debtscan()
        .args(args)
        .current_dir(cwd)
        .env("XDG_CACHE_HOME", xdg)
        .output()
        .unwrap()
}

fn ok(out: Output) -> Output {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A JSON report without its warnings (the only part a cache problem may add to).
fn report(out: &Output) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    for at in ["/summary/warnings", "/warnings"] {
        if let Some(w) = v.pointer_mut(at) {
            *w = serde_json::json!([]);
        }
    }
    v
}

/// The scan of `repo` with no cache at all: what every other run must report.
fn reference(repo: &Repo, args: &[&str]) -> Output {
    let none = tempfile::tempdir().unwrap();
    let mut all = args.to_vec();
    all.push("--no-cache");
    let out = ok(run(&all, repo.path(), none.path()));
    assert_eq!(
        std::fs::read_dir(none.path()).unwrap().count(),
        0,
        "--no-cache writes nothing"
    );
    out
}

const SCAN: &[&str] = &["scan", ".", "--format", "json", "-q"];

/// `cache info --format json` for the repository in `cwd`.
fn info(cwd: &Path, cache_dir: &Path) -> serde_json::Value {
    let dir = cache_dir.to_str().unwrap();
    let out = ok(run(
        &["cache", "info", ".", "--cache-dir", dir, "--format", "json"],
        cwd,
        Path::new("/nonexistent"),
    ));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `git rev-list --max-parents=0 HEAD`, sorted and comma-separated: the oracle of the key.
/// The root commit HEAD's first parents lead to: the repository's cache key.
fn root(repo: &Repo) -> String {
    let out = repo.run_git(&["rev-list", "--first-parent", "--max-parents=0", "HEAD"]);
    out.trim().to_string()
}

/// A clone of `origin` two commits deep, in a new temporary directory (kept alive by the
/// first value).
fn shallow_clone(origin: &Repo) -> (tempfile::TempDir, PathBuf) {
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.path().display());
    let clone = clones.path().join("shallow");
    let status = std::process::Command::new("git")
        .args(["clone", "-q", "--depth", "2", &url])
        .arg(&clone)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success());
    (clones, clone)
}

/// This repository's cache directory, as `cache info` names it.
fn repo_dir(info: &serde_json::Value) -> PathBuf {
    PathBuf::from(common::current_repository(info)["dir"].as_str().unwrap())
}

/// Every file below `dir` with the given extension.
fn files_with(dir: &Path, ext: &str) -> Vec<PathBuf> {
    common::files_below(dir)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect()
}

#[test]
fn the_report_is_the_same_with_without_and_with_a_warm_cache() {
    let repo = project();
    let xdg = tempfile::tempdir().unwrap();
    for args in [
        SCAN,
        &["todos", ".", "--format", "json", "-q"],
        &["hotspots", ".", "--functions", "--format", "json", "-q"],
        &["churn", ".", "--format", "json", "-q"],
        &["coupling", ".", "--format", "json", "-q", "--min-revs", "1"],
        &["graph", ".", "--format", "json", "-q"],
        &["functions", ".", "--format", "json", "-q"],
    ] {
        let expected = reference(&repo, args);
        for pass in ["cold", "warm"] {
            let out = ok(run(args, repo.path(), xdg.path()));
            assert_eq!(out.stdout, expected.stdout, "{args:?}, {pass} cache");
            assert!(out.stderr.is_empty(), "{}", stderr(&out));
        }
    }
    // The default directory was used, and named after the repository's root commit.
    let v = info(repo.path(), &xdg.path().join("debtscan"));
    assert_eq!(v["repository_key"], root(&repo));
    assert_eq!(v["repositories"].as_array().unwrap().len(), 1);
    assert_eq!(v["format"], v["supported_format"]);
    assert!(xdg.path().join("debtscan/CACHEDIR.TAG").is_file());
}

#[test]
fn cache_info_and_clear() {
    let repo = project();
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_str().unwrap();
    let none = Path::new("/nonexistent");
    // Before any scan: where it would be, and nothing yet.
    let table = ok(run(
        &["cache", "info", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains(&format!("cache directory: {dir} (nothing cached yet)")),
        "{text}"
    );
    assert!(text.contains("no cache yet"), "{text}");

    ok(run(
        &["todos", ".", "-q", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    let v = info(repo.path(), cache.path());
    let mine = repo_dir(&v);
    assert!(mine.starts_with(cache.path()) && mine.is_dir());
    let current = &v["repositories"][0];
    assert_eq!(current["key"], root(&repo));
    assert_eq!(current["head"], repo.run_git(&["rev-parse", "HEAD"]).trim());
    let work_tree = repo.path().canonicalize().unwrap();
    assert_eq!(current["path"], work_tree.to_str().unwrap());
    let text = String::from_utf8(
        ok(run(
            &["cache", "info", "--cache-dir", dir],
            repo.path(),
            none,
        ))
        .stdout,
    )
    .unwrap();
    assert!(
        text.contains(&format!("this repository: {}", mine.display())),
        "{text}"
    );
    assert!(
        text.contains("max_size:        1.0 GiB per repository"),
        "{text}"
    );

    // A subdirectory belongs to the same repository.
    repo.write("sub/x.rs", "");
    let from_sub = info(&repo.path().join("sub"), cache.path());
    assert_eq!(repo_dir(&from_sub), mine);

    let cleared = ok(run(
        &["cache", "clear", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    assert!(
        stderr(&cleared).contains("removed the cache of ."),
        "{}",
        stderr(&cleared)
    );
    assert!(!mine.exists());
    let again = ok(run(
        &["cache", "clear", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    assert!(
        stderr(&again).contains("nothing to clear"),
        "{}",
        stderr(&again)
    );

    ok(run(
        &["todos", ".", "-q", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    let all = ok(run(
        &["cache", "clear", "--all", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    assert!(
        stderr(&all).contains("the caches of 1 repository"),
        "{}",
        stderr(&all)
    );
    assert!(
        !cache.path().exists(),
        "the emptied cache directory is removed"
    );

    // Outside a repository there is nothing to clear, and info says so.
    let plain = Repo::plain();
    let out = run(&["cache", "clear", "--cache-dir", dir], plain.path(), none);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cache clear --all"),
        "{}",
        stderr(&out)
    );
    let out = ok(run(
        &["cache", "info", "--cache-dir", dir],
        plain.path(),
        none,
    ));
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a git repository with commits"));
}

#[test]
fn two_repositories_sharing_a_cache_directory_keep_separate_entries() {
    let one = project();
    let mut two = Repo::git();
    two.write("main.rs", "// FIXME: other project\n");
    two.commit("other root");
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_str().unwrap();
    for repo in [&one, &two] {
        let expected = reference(repo, SCAN);
        let mut args = SCAN.to_vec();
        args.extend(["--cache-dir", dir]);
        for _ in 0..2 {
            let out = ok(run(&args, repo.path(), Path::new("/nonexistent")));
            assert_eq!(out.stdout, expected.stdout);
        }
    }
    let (a, b) = (
        info(one.path(), cache.path()),
        info(two.path(), cache.path()),
    );
    assert_eq!(a["repositories"].as_array().unwrap().len(), 2);
    assert_ne!(repo_dir(&a), repo_dir(&b));
    assert_eq!(a["repository_key"], root(&one));
    assert_eq!(b["repository_key"], root(&two));
    assert_ne!(root(&one), root(&two));
    // Entries of one are not the other's.
    let settings = CacheSettings {
        enabled: true,
        dir: Some(cache.path().to_path_buf()),
    };
    let elsewhere = tempfile::tempdir().unwrap();
    let (c1, _) = Cache::open(&settings, &root(&one), elsewhere.path());
    let mut t1 = c1.unwrap().table::<u32>("probe", 1);
    t1.insert(Key::of(&[b"x"]), 1);
    t1.save();
    let (c2, _) = Cache::open(&settings, &root(&two), elsewhere.path());
    assert_eq!(
        c2.unwrap().table::<u32>("probe", 1).get(&Key::of(&[b"x"])),
        None
    );
}

#[test]
fn the_key_follows_new_commits_and_merged_histories() {
    let mut repo = project();
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_str().unwrap();
    let none = Path::new("/nonexistent");
    ok(run(
        &["todos", ".", "-q", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    let first = repo_dir(&info(repo.path(), cache.path()));
    // A new commit: the same repository (found from the note, walking only the new commit).
    repo.write("src/c.rs", "// TODO: more\n");
    repo.commit("more");
    ok(run(
        &["todos", ".", "-q", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    let v = info(repo.path(), cache.path());
    assert_eq!(repo_dir(&v), first);
    assert_eq!(
        v["repositories"][0]["head"],
        repo.run_git(&["rev-parse", "HEAD"]).trim()
    );
    // An unrelated history merged in: two roots, and still the same key and directory.
    let before = root(&repo);
    repo.run_git(&["checkout", "-q", "--orphan", "side"]);
    repo.run_git(&["rm", "-rfq", "."]);
    repo.write("side.rs", "// TODO: side\n");
    repo.commit("side root");
    repo.run_git(&["checkout", "-q", "main"]);
    repo.run_git(&[
        "merge",
        "-q",
        "--allow-unrelated-histories",
        "-m",
        "merge side",
        "side",
    ]);
    ok(run(
        &["todos", ".", "-q", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    let merged = info(repo.path(), cache.path());
    let all_roots = repo.run_git(&["rev-list", "--max-parents=0", "HEAD"]);
    assert_eq!(all_roots.lines().count(), 2);
    assert_eq!(merged["repository_key"], before);
    assert_eq!(repo_dir(&merged), first);
    // And on top of it, the note leads to the same key.
    repo.write("after.rs", "// TODO: after\n");
    repo.commit("after");
    ok(run(
        &["todos", ".", "-q", "--cache-dir", dir],
        repo.path(),
        none,
    ));
    let after = info(repo.path(), cache.path());
    assert_eq!(after["repository_key"], root(&repo));
    assert_eq!(repo_dir(&after), repo_dir(&merged));
    // Without any note, the first parents lead to the same root.
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(info(repo.path(), fresh.path())["repository_key"], before);
}

#[test]
fn a_shallow_clone_is_keyed_by_its_boundary() {
    let origin = project();
    let (_clones, clone) = shallow_clone(&origin);
    let git_roots = std::process::Command::new("git")
        .args(["rev-list", "--max-parents=0", "HEAD"])
        .current_dir(&clone)
        .output()
        .unwrap();
    let boundary = String::from_utf8(git_roots.stdout).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let v = info(&clone, cache.path());
    assert_eq!(v["repository_key"], boundary.trim());
    assert_ne!(v["repository_key"], root(&origin));
}

#[test]
fn a_shallow_clone_never_takes_a_deeper_clones_record_of_its_boundary() {
    // The boundary commit is the same object in both clones, but git diffs it against its
    // parent in the full one and against nothing in the shallow one.
    let origin = project();
    let (_clones, clone) = shallow_clone(&origin);
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_str().unwrap();
    let churn = [
        "churn",
        ".",
        "--raw",
        "--format",
        "json",
        "-q",
        "--cache-dir",
        dir,
    ];
    let none = Path::new("/nonexistent");
    let shallow_cold = report(&ok(run(&churn, &clone, none)));
    // The full clone at the same HEAD finds the shallow one's note and files every record,
    // the boundary's with its parent, in the same directory.
    let full = report(&ok(run(&churn, origin.path(), none)));
    assert_ne!(full["files"], shallow_cold["files"]);
    let shallow_warm = report(&ok(run(&churn, &clone, none)));
    assert_eq!(shallow_warm, shallow_cold);
}

#[test]
fn a_damaged_segment_is_dropped_with_a_warning_and_the_report_is_unchanged() {
    let repo = project();
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_str().unwrap();
    let mut args = SCAN.to_vec();
    args.extend(["--cache-dir", dir]);
    let expected = reference(&repo, SCAN);
    ok(run(&args, repo.path(), Path::new("/nonexistent")));
    // A segment of a table of this repository's cache, written as debtscan writes them.
    let settings = CacheSettings {
        enabled: true,
        dir: Some(cache.path().to_path_buf()),
    };
    let (opened, warning) = Cache::open(&settings, &root(&repo), Path::new("/nonexistent"));
    assert_eq!(warning, None);
    let mut probe = opened.unwrap().table::<String>("probe", 1);
    probe.insert(Key::of(&[b"k"]), "value".into());
    probe.save();
    // Truncate every segment: the probe's and any the scan wrote.
    let segments = files_with(cache.path(), "seg");
    assert!(!segments.is_empty());
    for segment in &segments {
        let bytes = std::fs::read(segment).unwrap();
        std::fs::write(segment, &bytes[..bytes.len() / 2]).unwrap();
    }
    let v = info(repo.path(), cache.path());
    assert_eq!(
        v["repositories"][0]["damaged"].as_array().unwrap().len(),
        segments.len()
    );
    let text = String::from_utf8(
        ok(run(
            &["cache", "info", "--cache-dir", dir],
            repo.path(),
            Path::new("/x"),
        ))
        .stdout,
    )
    .unwrap();
    assert!(
        text.contains(&format!("damaged segments: {}", segments.len())),
        "{text}"
    );

    let out = ok(run(&args, repo.path(), Path::new("/nonexistent")));
    assert_eq!(report(&out), report(&expected));
    // Loading the table drops the damage, with a warning naming the file.
    let (opened, _) = Cache::open(&settings, &root(&repo), Path::new("/nonexistent"));
    let opened = opened.unwrap();
    assert_eq!(opened.table::<String>("probe", 1).len(), 0);
    let warnings = opened.warnings();
    assert!(
        warnings.iter().any(|w| w.contains("damaged cache segment")),
        "{warnings:?}"
    );
    assert!(files_with(&cache.path().join("probe"), "seg").is_empty());
}

#[test]
fn a_cache_written_by_a_newer_debtscan_is_left_alone() {
    let repo = project();
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_str().unwrap();
    std::fs::write(cache.path().join("VERSION"), "debtscan cache format 999\n").unwrap();
    std::fs::create_dir(cache.path().join("future")).unwrap();
    let mut args = SCAN.to_vec();
    args.extend(["--cache-dir", dir]);
    args.retain(|a| *a != "-q");
    let out = ok(run(&args, repo.path(), Path::new("/nonexistent")));
    let err = stderr(&out);
    assert!(err.contains("written by a newer debtscan"), "{err}");
    assert!(
        err.contains("--cache-dir") && err.contains("debtscan cache clear"),
        "{err}"
    );
    assert_eq!(report(&out), report(&reference(&repo, SCAN)));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["summary"]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("newer debtscan"));
    // Untouched.
    let mut left: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["VERSION", "future"]);
    let text = String::from_utf8(
        ok(run(
            &["cache", "info", "--cache-dir", dir],
            repo.path(),
            Path::new("/x"),
        ))
        .stdout,
    )
    .unwrap();
    assert!(text.contains("written by a newer debtscan"), "{text}");
}

#[test]
fn an_unusable_cache_directory_is_a_warning_and_a_normal_report() {
    let repo = project();
    let expected = reference(&repo, SCAN);
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let inside_a_file = file.join("cache");
    // Not creatable, and no default directory at all.
    let mut args: Vec<&str> = vec!["scan", ".", "--format", "json"];
    args.extend(["--cache-dir", inside_a_file.to_str().unwrap()]);
    let out = ok(run(&args, repo.path(), Path::new("/nonexistent")));
    assert!(
        stderr(&out).contains("cannot use the cache directory"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--no-cache"), "{}", stderr(&out));
    assert_eq!(report(&out), report(&expected));

    let out = ok(debtscan()
        .args(["scan", ".", "--format", "json"])
        .current_dir(repo.path())
        .env_remove("XDG_CACHE_HOME")
        .env_remove("HOME")
        .env_remove("LOCALAPPDATA")
        .output()
        .unwrap());
    assert!(
        stderr(&out).contains("no cache directory"),
        "{}",
        stderr(&out)
    );
    assert_eq!(report(&out), report(&expected));
}

/// Runs debtscan with `dir` read-only: by its mode for a normal user; for root, which
/// ignores modes, through a read-only bind mount in a mount namespace of its own. `None`
/// when neither is possible here.
fn run_read_only(dir: &Path, args: &[&str], cwd: &Path) -> Option<Output> {
    use std::os::unix::fs::PermissionsExt;
    let set = |mode| {
        let mut stack = vec![dir.to_path_buf()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                if entry.path().is_dir() {
                    stack.push(entry.path());
                    std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode))
                        .unwrap();
                }
            }
        }
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    set(0o555);
    let enforced = std::fs::write(dir.join("probe"), "").is_err();
    let out = if enforced {
        Some(run(args, cwd, Path::new("/nonexistent")))
    } else {
        let _ = std::fs::remove_file(dir.join("probe"));
        let bin = assert_cmd::cargo::cargo_bin("debtscan");
        let out = std::process::Command::new("unshare")
            .args(["-m", "sh", "-c"])
            .arg(
                "mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" || exit 99; \
                 exec \"$@\"",
            )
            .arg(dir)
            .arg(bin)
            .args(args)
            .current_dir(cwd)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .ok();
        out.filter(|o| o.status.code() != Some(99))
    };
    set(0o755);
    out
}

#[test]
fn a_read_only_cache_directory_is_a_warning_and_a_normal_report() {
    let repo = project();
    let expected = reference(&repo, SCAN);
    for used_before in [false, true] {
        let cache = tempfile::tempdir().unwrap();
        let dir = cache.path().to_str().unwrap();
        let mut args: Vec<&str> = vec!["scan", ".", "--format", "json", "--cache-dir", dir];
        if used_before {
            ok(run(&args, repo.path(), Path::new("/nonexistent")));
        }
        let before = files_with(cache.path(), "seg").len();
        args.push("--timings");
        let Some(out) = run_read_only(cache.path(), &args, repo.path()) else {
            eprintln!("skipped: cannot make a read-only directory here");
            return;
        };
        let out = ok(out);
        let err = stderr(&out);
        assert!(err.contains("going on without a cache"), "{err}");
        assert!(err.contains("--no-cache"), "{err}");
        assert_eq!(report(&out), report(&expected));
        assert_eq!(files_with(cache.path(), "seg").len(), before);
    }
}

#[test]
fn a_cache_directory_on_another_file_system_works() {
    let repo = project();
    let base = Path::new("/dev/shm");
    let other = if base.is_dir() && std::fs::metadata(base).is_ok() {
        tempfile::tempdir_in(base).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let dir = other.path().to_str().unwrap();
    let mut args = SCAN.to_vec();
    args.extend(["--cache-dir", dir]);
    let expected = reference(&repo, SCAN);
    for _ in 0..2 {
        let out = ok(run(&args, repo.path(), Path::new("/nonexistent")));
        assert_eq!(out.stdout, expected.stdout);
    }
    assert!(repo_dir(&info(repo.path(), other.path())).is_dir());
    // The temporary files of atomic writes stay on the cache's file system.
    assert!(files_with(other.path(), "tmp").is_empty());
}

#[test]
fn the_default_directory_is_not_used_inside_the_scanned_tree() {
    let repo = project();
    let expected = reference(&repo, SCAN);
    let before = repo.listing();
    let xdg = repo.path().join("xdg");
    let out = ok(run(&["scan", ".", "--format", "json"], repo.path(), &xdg));
    assert!(
        stderr(&out).contains("inside the scanned tree"),
        "{}",
        stderr(&out)
    );
    assert_eq!(report(&out), report(&expected));
    assert_eq!(repo.listing(), before, "nothing written into the tree");
    // An explicit --cache-dir there is the user's choice, and changes nothing in the report.
    let mut args = SCAN.to_vec();
    args.extend(["--cache-dir", ".debtscan-cache"]);
    for _ in 0..2 {
        let out = ok(run(&args, repo.path(), Path::new("/nonexistent")));
        assert_eq!(out.stdout, expected.stdout);
        assert!(out.stderr.is_empty(), "{}", stderr(&out));
    }
    assert!(repo.path().join(".debtscan-cache/VERSION").is_file());
}

#[test]
fn concurrent_scans_sharing_a_cache_both_succeed() {
    let repo = project();
    let expected = reference(&repo, SCAN);
    let cache = tempfile::tempdir().unwrap();
    let dir = cache.path().to_str().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("debtscan");
    for _ in 0..2 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                std::process::Command::new(&bin)
                    .args(SCAN)
                    .args(["--cache-dir", dir])
                    .current_dir(repo.path())
                    .env("GIT_CONFIG_GLOBAL", "/dev/null")
                    .env("GIT_CONFIG_NOSYSTEM", "1")
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = ok(child.wait_with_output().unwrap());
            assert_eq!(out.stdout, expected.stdout);
            assert!(out.stderr.is_empty(), "{}", stderr(&out));
        }
    }
    assert_eq!(
        info(repo.path(), cache.path())["repositories"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn clear_waits_for_a_run_in_progress_then_says_so() {
    let repo = project();
    let cache = tempfile::tempdir().unwrap();
    let settings = CacheSettings {
        enabled: true,
        dir: Some(cache.path().to_path_buf()),
    };
    // A run holding the cache (its shared lock) for longer than `clear` waits.
    let (held, _) = Cache::open(&settings, &root(&repo), Path::new("/nonexistent"));
    let held = held.unwrap();
    let out = run(
        &[
            "cache",
            "clear",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
        repo.path(),
        Path::new("/x"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("in use by a running debtscan"),
        "{}",
        stderr(&out)
    );
    assert!(held.dir().is_dir());
    drop(held);
    ok(run(
        &[
            "cache",
            "clear",
            "--cache-dir",
            cache.path().to_str().unwrap(),
        ],
        repo.path(),
        Path::new("/x"),
    ));
}
