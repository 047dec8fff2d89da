//! The real binary on real (temporary) trees and git repositories.

mod common;

use common::{debtscan, ids_by_title, json, Repo};
use predicates::prelude::*;

const SAMPLE: &str = "\
mod net {
    pub struct Client;
    impl Client {
        pub fn retry(&self) {
            // FIXME(ana): retry loop can spin forever, see #311
            let msg = \"TODO: not a marker\";
        }
    }
}

fn main() {
    // TODO: parse arguments
    todo!(\"the rest\")
}
";

#[test]
fn nonexistent_path_is_a_usage_error_naming_it() {
    debtscan()
        .args(["scan", "/nonexistent/debtscan-test"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("/nonexistent/debtscan-test"))
        .stderr(predicate::function(|s: &str| s.lines().count() == 1));
}

#[test]
fn a_file_instead_of_a_directory_is_a_usage_error() {
    let repo = Repo::plain();
    let file = repo.write("a.rs", "fn main() {}");
    debtscan()
        .arg("scan")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a directory"));
}

#[test]
fn unknown_flag_is_a_usage_error() {
    debtscan().args(["scan", "--frobnicate"]).assert().code(2);
}

#[test]
fn version_and_help() {
    debtscan()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
    debtscan()
        .args(["scan", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--no-history"));
}

#[test]
fn outside_git_the_scan_runs_without_history_and_says_so() {
    let repo = Repo::plain();
    repo.write("src/main.rs", SAMPLE);
    let out = debtscan()
        .args(["todos", ".", "--format", "json"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not inside a git repository"), "{stderr}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["repository"]["history"]["available"], false);
    let titles: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["summary"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "FIXME: retry loop can spin forever, see #311",
            "todo!(\"the rest\")",
            "TODO: parse arguments"
        ]
    );
    let fixme = &v["items"][0];
    assert_eq!(fixme["kind"], "todo");
    assert_eq!(fixme["rank"], 1);
    assert_eq!(fixme["location"]["path"], "src/main.rs");
    assert_eq!(fixme["location"]["start_line"], 5);
    assert_eq!(fixme["location"]["symbol"], "net::Client::retry");
    assert_eq!(fixme["marker"]["owner"], "ana");
    assert_eq!(fixme["marker"]["issue"], "#311");
    assert!(fixme["id"].as_str().unwrap().starts_with("v1:"));
    assert_eq!(v["items"][1]["kind"], "todo-macro");
    // --quiet silences the warning.
    debtscan()
        .args(["todos", ".", "-q"])
        .current_dir(repo.path())
        .assert()
        .success()
        .stderr("");
}

#[test]
fn empty_repository_and_unborn_head() {
    let repo = Repo::git();
    repo.write("a.rs", "// TODO: first\n");
    let out = debtscan()
        .args(["scan", ".", "--format", "json"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no commits yet"));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["items"], 1);
    assert_eq!(v["repository"]["head"], serde_json::Value::Null);
}

#[test]
fn bare_repository_is_a_clear_error() {
    let repo = Repo::plain();
    repo.run_git(&["init", "-q", "--bare", "b.git"]);
    debtscan()
        .args(["scan", "b.git"])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bare"));
}

#[test]
fn history_counts_revisions_and_raises_the_score_of_active_files() {
    let mut repo = Repo::git();
    repo.write("hot.rs", "// TODO: same text\nfn a() {}\n");
    repo.write("cold.rs", "// TODO: same text\nfn a() {}\n");
    repo.commit("start");
    for i in 0..5 {
        repo.write(
            "hot.rs",
            format!("// TODO: same text\nfn a() {{}}\nfn b{i}() {{}}\n"),
        );
        repo.commit("work on hot");
    }
    let v = json(&["scan", ".", "--format", "json"], repo.path());
    assert_eq!(v["repository"]["history"]["available"], true);
    assert_eq!(v["repository"]["history"]["commits_analyzed"], 6);
    assert_eq!(v["repository"]["branch"], "main");
    let head = repo.run_git(&["rev-parse", "HEAD"]);
    assert_eq!(v["repository"]["head"], head.trim());
    let items = v["items"].as_array().unwrap();
    assert_eq!(items[0]["location"]["path"], "hot.rs");
    assert_eq!(items[0]["signals"]["revisions"], 6);
    assert_eq!(items[1]["signals"]["revisions"], 1);
    assert_eq!(items[1]["signals"]["days_since_change"], 5);
    assert!(items[0]["score"].as_f64() > items[1]["score"].as_f64());
    // Same text in different files: different ids.
    assert_ne!(items[0]["id"], items[1]["id"]);
}

#[test]
fn ids_survive_lines_inserted_above_and_reindenting_but_not_edits() {
    let mut repo = Repo::git();
    let original = "fn f() {\n    // TODO: handle   errors\n    run();\n}\n\nfn g() {}\n";
    repo.write("src/lib.rs", original);
    repo.commit("one");
    let before = ids_by_title(&json(&["todos", ".", "--format", "json"], repo.path()));

    let shifted = "use std::io;\n\n// a comment\nfn f() {\n    let x = 1;\n\n        // TODO: handle errors\n    run();\n}\n\nfn g() {}\n";
    repo.write("src/lib.rs", shifted);
    repo.commit("two");
    let after = ids_by_title(&json(&["todos", ".", "--format", "json"], repo.path()));
    assert_eq!(before, after);

    repo.write(
        "src/lib.rs",
        "fn f() {\n    // TODO: handle all errors\n}\n",
    );
    let edited = ids_by_title(&json(&["todos", ".", "--format", "json"], repo.path()));
    assert_ne!(before[0].1, edited[0].1);

    repo.write(
        "src/lib.rs",
        "fn f() {}\nfn g() {\n    // TODO: handle errors\n}\n",
    );
    let moved = ids_by_title(&json(&["todos", ".", "--format", "json"], repo.path()));
    assert_ne!(before[0].1, moved[0].1);
}

#[test]
fn json_output_is_byte_identical_across_runs() {
    let mut repo = Repo::git();
    for i in 0..20 {
        repo.write(
            &format!("src/m{i}.rs"),
            format!("// TODO: item {i}\n// FIXME: other {}\n", i % 3),
        );
    }
    repo.commit("many");
    let run = || {
        debtscan()
            .args(["scan", ".", "--format", "json"])
            .current_dir(repo.path())
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    assert!(!first.is_empty());
    assert_eq!(first, run());
    assert_eq!(first, run());
}

#[test]
fn bad_files_are_skipped_with_reasons_and_nothing_is_written() {
    let mut repo = Repo::git();
    repo.write("ok.rs", "// TODO: fine\n");
    repo.write("latin1.rs", b"// TODO: caf\xe9 au lait\nfn f() {}\n");
    repo.write("nul.rs", b"// TODO: hidden\n\0\0\0");
    repo.write("big.rs", vec![b'/'; 50 * 1024 * 1024]);
    let mut one_line = b"// TODO: long ".to_vec();
    one_line.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    repo.write("oneline.rs", &one_line);
    let mut minified = b"// TODO: minified ".to_vec();
    minified.extend(std::iter::repeat_n(b'y', 200_000));
    repo.write("min.rs", &minified);
    repo.write("broken.rs", "fn f( {\n    // FIXME: still found\n");
    repo.write("gen.rs", "// @generated by a tool\n// TODO: not ours\n");
    repo.write("vendor/dep/lib.rs", "// TODO: vendored\n");
    repo.write("third/x.rs", "// TODO: attributed\n");
    repo.write(
        ".gitattributes",
        "third/** linguist-vendored\nout.rs linguist-generated=true\n",
    );
    repo.write("out.rs", "// TODO: generated by attribute\n");
    repo.write("ignored.rs", "// TODO: gitignored\n");
    repo.write(".gitignore", "ignored.rs\n");
    repo.commit("files");
    // Symbolic links, including a loop and a link to a parent directory.
    std::os::unix::fs::symlink("loop_b", repo.path().join("loop_a")).unwrap();
    std::os::unix::fs::symlink("loop_a", repo.path().join("loop_b")).unwrap();
    std::os::unix::fs::symlink("..", repo.path().join("parent")).unwrap();
    std::os::unix::fs::symlink("ok.rs", repo.path().join("link.rs")).unwrap();
    // An unreadable file (root reads it anyway; then it is simply scanned).
    let secret = repo.write("secret.rs", "// TODO: secret\n");
    std::fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let root_can_read = std::fs::read(&secret).is_ok();

    let before = repo.listing();
    let v = json(&["todos", ".", "--format", "json"], repo.path());
    assert_eq!(
        before,
        repo.listing(),
        "debtscan wrote into the scanned tree"
    );

    let groups: std::collections::BTreeMap<String, Vec<String>> = v["summary"]["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            let sample = g["sample"]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| p.as_str().unwrap().to_string())
                .collect();
            (g["reason"].as_str().unwrap().to_string(), sample)
        })
        .collect();
    let expect = |reason: &str, paths: &[&str]| {
        assert_eq!(
            groups.get(reason).map(Vec::as_slice),
            Some(
                paths
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .as_slice()
            ),
            "{reason}: {groups:?}"
        );
    };
    expect("binary", &["nul.rs"]);
    expect("too-large", &["big.rs", "oneline.rs"]);
    expect("minified", &["min.rs"]);
    expect("generated", &["gen.rs", "out.rs"]);
    expect("vendored", &["third/x.rs", "vendor/"]);
    expect("symlink", &["link.rs", "loop_a", "loop_b", "parent"]);
    if !root_can_read {
        expect("unreadable", &["secret.rs"]);
    }
    let partial: Vec<(String, String)> = v["summary"]["partial_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["reason"].as_str().unwrap().to_string(),
                g["sample"][0].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        partial,
        [
            ("non-utf8".to_string(), "latin1.rs".to_string()),
            ("syntax-errors".to_string(), "broken.rs".to_string())
        ]
    );
    let mut titles: Vec<&str> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["summary"].as_str().unwrap())
        .collect();
    titles.sort();
    let mut expected = vec![
        "FIXME: still found",
        "TODO: caf\u{fffd} au lait",
        "TODO: fine",
    ];
    if root_can_read {
        expected.push("TODO: secret");
    }
    expected.sort();
    assert_eq!(titles, expected);
}

#[test]
fn output_file_is_written_atomically_and_failures_leave_nothing() {
    let repo = Repo::plain();
    repo.write("a.rs", SAMPLE);
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("backlog.json");
    debtscan()
        .args(["scan", ".", "--format", "json", "-q", "--output"])
        .arg(&target)
        .current_dir(repo.path())
        .assert()
        .success()
        .stdout("");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(v["summary"]["items"], 3);
    let leftovers: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "temporary files left behind");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(
        mode & 0o777,
        0o644,
        "a report is readable like any other file"
    );

    let missing = out_dir.path().join("no/such/dir/out.json");
    debtscan()
        .args(["scan", ".", "-q", "--output"])
        .arg(&missing)
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot write the report"));
    assert!(!missing.exists());
}

#[test]
fn top_include_and_exclude() {
    let repo = Repo::plain();
    repo.write("src/a.rs", "// FIXME: a\n// TODO: a2\n");
    repo.write("tests/b.rs", "// TODO: b\n");
    let v = json(
        &["todos", ".", "--format", "json", "--top", "1", "-q"],
        repo.path(),
    );
    assert_eq!(v["items"].as_array().unwrap().len(), 1);
    assert_eq!(v["summary"]["items"], 3);
    let v = json(
        &[
            "todos",
            ".",
            "--format",
            "json",
            "--exclude",
            "tests/**",
            "-q",
        ],
        repo.path(),
    );
    assert_eq!(v["summary"]["items"], 2);
    let v = json(
        &[
            "todos",
            ".",
            "--format",
            "json",
            "--include",
            "tests/**",
            "-q",
        ],
        repo.path(),
    );
    assert_eq!(v["summary"]["items"], 1);
    debtscan()
        .args(["todos", ".", "--include", "[unclosed"])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid glob"));
}

#[test]
fn config_file_is_read_and_errors_name_line_and_column() {
    let repo = Repo::plain();
    repo.write(
        "a.rs",
        "// NOTE: custom tag\nfn f() {}\n// TODO: default tag\n",
    );
    repo.write("debtscan.toml", "[markers.tags]\nNOTE = 0.3\n");
    let v = json(&["todos", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(v["items"][0]["summary"], "NOTE: custom tag");
    assert_eq!(v["summary"]["items"], 1);

    repo.write("bad.toml", "[walk]\nmax_file_size = \"huge\"\n");
    debtscan()
        .args(["todos", ".", "--config", "bad.toml"])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.toml").and(predicate::str::contains("line 2")));
    debtscan()
        .args(["todos", ".", "--config", "missing.toml"])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.toml"));
}

#[test]
fn table_is_the_default_and_lists_ranked_items() {
    let repo = Repo::plain();
    repo.write("a.rs", SAMPLE);
    debtscan()
        .args(["scan", ".", "-q"])
        .current_dir(repo.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("SCORE").and(predicate::str::contains("a.rs:5")))
        .stdout(predicate::str::contains(
            "3 items (2 todo, 1 todo-macro) · 1 files scanned · no history",
        ));
    let empty = Repo::plain();
    debtscan()
        .args(["scan", "."])
        .current_dir(empty.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("No source files analysed"))
        .stderr(predicate::str::contains(
            "no source files in a language debtscan reads",
        ));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let repo = Repo::plain();
    for i in 0..300 {
        repo.write(&format!("f{i}.rs"), "// TODO: x\n// FIXME: y\n");
    }
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("debtscan"))
        .args(["scan", ".", "--format", "json", "-q"])
        .current_dir(repo.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn subdirectory_scan_reports_repository_relative_paths() {
    let mut repo = Repo::git();
    repo.write("crates/x/src/lib.rs", "// TODO: nested\n");
    repo.write("other.rs", "// TODO: outside\n");
    repo.commit("c");
    let v = json(&["todos", "crates/x", "--format", "json"], repo.path());
    assert_eq!(v["summary"]["items"], 1);
    assert_eq!(v["items"][0]["location"]["path"], "crates/x/src/lib.rs");
    assert_eq!(v["items"][0]["signals"]["revisions"], 1);
}

#[test]
fn unreadable_files_and_directories_are_skipped_and_counted() {
    use std::os::unix::fs::PermissionsExt;
    let repo = Repo::plain();
    repo.write("ok.rs", "// TODO: visible\n");
    let secret = repo.write("secret.rs", "// TODO: secret\n");
    repo.write("locked/inner.rs", "// TODO: locked away\n");
    std::fs::set_permissions(repo.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(
        repo.path().join("ok.rs"),
        std::fs::Permissions::from_mode(0o644),
    )
    .unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(
        repo.path().join("locked"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    let bin = assert_cmd::cargo::cargo_bin("debtscan");
    let is_root = std::fs::read(&secret).is_ok();
    // Root reads everything; drop to an unprivileged user to see what a normal user sees.
    let mut cmd = if is_root {
        if !std::path::Path::new("/usr/bin/setpriv").exists() {
            eprintln!("skipped: running as root without setpriv");
            return;
        }
        let mut c = std::process::Command::new("/usr/bin/setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin);
        c
    } else {
        std::process::Command::new(&bin)
    };
    let out = cmd
        .args(["todos", "--format", "json", "--no-history"])
        .arg(repo.path())
        .output()
        .unwrap();
    std::fs::set_permissions(
        repo.path().join("locked"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["items"], 1);
    let unreadable = v["summary"]["skipped_files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["reason"] == "unreadable")
        .expect("an unreadable group");
    assert_eq!(
        unreadable["sample"],
        serde_json::json!(["locked", "secret.rs"])
    );
}

#[test]
fn output_to_a_device_or_through_a_symlink_keeps_what_is_there() {
    use std::os::unix::fs::FileTypeExt;
    let repo = Repo::plain();
    repo.write("a.rs", SAMPLE);
    // Renaming a temporary file over /dev/null would replace the device with a file.
    debtscan()
        .args([
            "scan",
            ".",
            "--format",
            "json",
            "-q",
            "--output",
            "/dev/null",
        ])
        .current_dir(repo.path())
        .assert()
        .success();
    let meta = std::fs::metadata("/dev/null").unwrap();
    assert!(
        meta.file_type().is_char_device(),
        "/dev/null is no longer a device"
    );

    let out_dir = tempfile::tempdir().unwrap();
    let real = out_dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = out_dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    debtscan()
        .args(["scan", ".", "--format", "json", "-q", "--output"])
        .arg(&link)
        .current_dir(repo.path())
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains("schema_version"));

    debtscan()
        .args(["scan", ".", "-q", "--output"])
        .arg(out_dir.path())
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("directory"));
}

#[test]
fn timings_name_each_phase_on_stderr_and_leave_the_report_alone() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "// TODO: one\nmod a;\n");
    repo.write("src/a.rs", common::complex("busy", 12));
    repo.commit("start");
    let cache = tempfile::tempdir().unwrap();
    let scan = |timings: bool| {
        let mut cmd = debtscan();
        cmd.args(["scan", ".", "--format", "json", "-q", "--cache-dir"])
            .arg(cache.path())
            .current_dir(repo.path());
        if timings {
            cmd.arg("--timings");
        }
        cmd.output().unwrap()
    };
    // Timed first: the rerun takes the backlog from the cache, without the phases.
    let timed = scan(true);
    let plain = scan(false);
    let rerun = scan(true);
    assert!(plain.status.success() && timed.status.success());
    let rerun = String::from_utf8(rerun.stderr).unwrap();
    assert!(
        rerun.contains("timing: backlog cache") && !rerun.contains("history"),
        "{rerun}"
    );
    assert_eq!(plain.stdout, timed.stdout, "--timings changes only stderr");
    assert!(plain.stderr.is_empty());
    let stderr = String::from_utf8(timed.stderr).unwrap();
    let phases: Vec<&str> = stderr
        .lines()
        .map(|l| l.strip_prefix("timing: ").unwrap_or_else(|| panic!("{l}")))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    for phase in [
        "walk",
        "parse",
        "history",
        "introductions",
        "x-ray",
        "graph",
        "score",
    ] {
        assert!(phases.contains(&phase), "{phase} missing in {stderr}");
    }
}
