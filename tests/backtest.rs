//! `debtscan backtest` on scripted repositories where it is known which files the fixes after
//! T land in: a complex, often-changed file with FIXMEs and a complex parser get the fixes;
//! large calm files do not.

mod common;

use common::{debtscan, json, Repo};
use serde_json::{json, Value};

/// A function with many branches (cyclomatic well above the item threshold), with `fixmes`
/// markers (FIXMEs) and a constant that each revision changes.
fn complex(name: &str, revision: u32, fixmes: usize) -> String {
    let mut out = String::new();
    for i in 0..fixmes {
        out.push_str(&format!("// FIXME: {name} breaks on input {i}\n"));
    }
    out.push_str(&format!("pub fn {name}(x: u32, y: u32) -> u32 {{\n"));
    out.push_str(&format!("    let mut acc = {revision};\n"));
    for i in 0..20 {
        out.push_str(&format!(
            "    if x > {i} && y < {i} {{\n        acc += {i};\n    }} else if y == {i} {{\n        acc -= 1;\n    }}\n"
        ));
    }
    out.push_str("    acc\n}\n");
    out
}

/// A large file of trivial functions: many lines, no item.
fn calm(name: &str, functions: usize, revision: u32) -> String {
    let mut out = format!("// {name}, revision {revision}\n");
    for i in 0..functions {
        out.push_str(&format!(
            "pub fn {name}_{i}(x: u32) -> u32 {{\n    let y = x + {i};\n    let z = y * 2;\n    z + 1\n}}\n\n"
        ));
    }
    out
}

/// The commits of the scripted history, and the ids of interest.
struct Scripted {
    repo: Repo,
    /// The last commit before the year-long gap: T for `--months 12`.
    t: String,
    /// An earlier commit, for `--at`.
    earlier: String,
}

fn head(repo: &Repo) -> String {
    repo.run_git(&["rev-parse", "HEAD"]).trim().to_string()
}

/// Before T: `engine.rs` (complex, 3 FIXMEs) and `parser.rs` (complex) change often; three
/// large calm files are written once. After a 400-day gap: 3 fixes to `engine.rs`, a rename
/// of `parser.rs` and a fix before and after it, a feature in `big1.rs`, a new file and its fix.
fn scripted() -> Scripted {
    let mut repo = Repo::git();
    repo.write("src/big1.rs", calm("big1", 60, 0));
    repo.write("src/big2.rs", calm("big2", 50, 0));
    repo.write("src/big3.rs", calm("big3", 40, 0));
    repo.write("src/small.rs", calm("small", 2, 0));
    repo.write("src/engine.rs", complex("run", 0, 3));
    repo.write("src/parser.rs", complex("parse", 0, 0));
    repo.commit("initial import");
    let mut earlier = String::new();
    for r in 1..=8 {
        repo.write("src/engine.rs", complex("run", r, 3));
        repo.commit(&format!("engine: tune step {r}"));
        if r % 2 == 0 {
            repo.write("src/parser.rs", complex("parse", r, 0));
            repo.commit(&format!("parser: tweak {r}"));
        }
        if r == 4 {
            earlier = head(&repo);
        }
    }
    let t = head(&repo);
    repo.advance(400);
    repo.write("src/engine.rs", complex("run", 100, 3));
    repo.commit("fix: engine overflow on large input");
    repo.write("src/parser.rs", complex("parse", 100, 0));
    repo.commit("Parser crash on empty files");
    repo.write("src/big1.rs", calm("big1", 61, 1));
    repo.commit("feat: one more helper");
    repo.run_git(&["mv", "src/parser.rs", "src/parsing.rs"]);
    repo.commit("refactor: rename the parser module");
    repo.write("src/parsing.rs", complex("parse", 101, 0));
    repo.commit("fix(parsing): regression in the last release");
    repo.write("src/engine.rs", complex("run", 101, 3));
    repo.commit("Fixed the engine again");
    repo.write("src/engine.rs", complex("run", 102, 3));
    repo.commit("engine: hotfix for the hotfix");
    repo.write("src/fresh.rs", calm("fresh", 3, 0));
    repo.commit("feat: fresh module");
    repo.write("src/fresh.rs", calm("fresh", 3, 1));
    repo.commit("fix: fresh module");
    repo.write("README.md", "# scripted\n");
    repo.commit("docs: a readme with a prefix and a debug note");
    Scripted { repo, t, earlier }
}

/// The measures of `ranking` at cut `k` in a JSON report.
fn at<'v>(report: &'v Value, ranking: &str, k: &str) -> &'v Value {
    report["rankings"][ranking]
        .as_array()
        .unwrap_or_else(|| panic!("no ranking {ranking}: {report:#}"))
        .iter()
        .find(|m| m["k"] == k)
        .unwrap_or_else(|| panic!("no cut {k} in {ranking}: {report:#}"))
}

#[test]
fn the_backlog_at_t_finds_the_files_fixed_after_it_and_size_does_not() {
    let s = scripted();
    let report = json(
        &["backtest", ".", "--format", "json", "--top", "1,2,10", "-q"],
        s.repo.path(),
    );
    assert_eq!(report["at"]["commit"], s.t.as_str(), "{report:#}");
    assert_eq!(report["at"]["chosen_by"], "--months 12");
    // Ten commits after T; the fixes by subject: overflow, crash, regression, Fixed, hotfix,
    // and the fresh module's (whose file did not exist at T).
    let w = &report["window"];
    assert_eq!(w["commits"], 10, "{report:#}");
    assert_eq!(w["fix_commits"], 6, "{report:#}");
    // Fix changes to files present at T: engine ×3, parser ×2 (one under its new name).
    assert_eq!(w["fix_file_changes"], 5, "{report:#}");
    // Plus big1's feature and the rename, which counts as a change of parser.rs.
    assert_eq!(w["file_changes"], 7, "{report:#}");
    assert_eq!(w["files_fixed"], 2);
    assert_eq!(report["files"], 6, "{report:#}");
    assert_eq!(report["backlog_files"], 2, "{report:#}");

    // The backlog names engine.rs first (FIXMEs, complexity, churn), then parser.rs.
    let top1 = at(&report, "backlog", "1");
    assert_eq!(top1["fix_recall"], 0.6, "{report:#}");
    assert_eq!(top1["precision"], 1.0);
    let top2 = at(&report, "backlog", "2");
    assert_eq!(top2["fix_recall"], 1.0, "{report:#}");
    assert_eq!(top2["change_recall"], 0.857);
    assert_eq!(top2["precision"], 1.0);
    assert_eq!(at(&report, "backlog", "named")["fix_recall"], 1.0);
    // Size ranks the calm files first: no fix lands there.
    for k in ["1", "2"] {
        let size = at(&report, "size", k);
        assert_eq!(size["fix_recall"], 0.0, "{report:#}");
        assert_eq!(size["precision"], 0.0);
    }
    assert_eq!(at(&report, "size", "2")["change_recall"], 0.143);
    // Every ranking holds all six files in its top 10.
    for name in ["backlog", "churn", "size", "complexity", "random"] {
        assert_eq!(at(&report, name, "10")["fix_recall"], 1.0, "{name}");
        assert_eq!(at(&report, name, "10")["files"], 6, "{name}");
    }
}

#[test]
fn at_function_level_the_units_are_the_functions_at_t_that_each_commit_changed() {
    let s = scripted();
    let report = json(
        &[
            "backtest", ".", "--format", "json", "--top", "1,2,10", "--level", "function", "-q",
        ],
        s.repo.path(),
    );
    assert_eq!(report["level"], "function", "{report:#}");
    // The functions at T: big1 60, big2 50, big3 40, small 2, `run` and `parse`.
    assert_eq!(report["files"], 154, "{report:#}");
    // The backlog places its items in `run` (complex, and the FIXMEs above it) and `parse`.
    assert_eq!(report["backlog_files"], 2, "{report:#}");
    let w = &report["window"];
    // Fixes changed `run` three times and `parse` twice (once under its new file name); the
    // fresh module did not exist at T.
    assert_eq!(w["fix_file_changes"], 5, "{report:#}");
    // big1's feature changed its header comment (no function) and added a function T did not
    // have; the rename changed no line: neither counts.
    assert_eq!(w["file_changes"], 5, "{report:#}");
    assert_eq!(at(&report, "backlog", "1")["fix_recall"], 0.6, "{report:#}");
    assert_eq!(at(&report, "backlog", "2")["fix_recall"], 1.0, "{report:#}");
    // Every calm function is as long as the next: size ranks `run` and `parse` (27 lines)
    // first only because they are longer, and churn (the file's) ranks `run` first.
    assert_eq!(at(&report, "churn", "1")["fix_recall"], 0.6, "{report:#}");
    let table = debtscan()
        .args(["backtest", ".", "--level", "function", "-q"])
        .current_dir(s.repo.path())
        .output()
        .unwrap();
    let text = String::from_utf8(table.stdout).unwrap();
    assert!(
        text.contains(
            "5 changes to the 154 functions at T (5 by fixes); the backlog names 2 functions"
        ),
        "{text}"
    );
}

/// A production function `work` with a test module whose test `work_works` checks it, at
/// `revision` (each revision changes both).
fn tested(revision: u32) -> String {
    format!(
        "pub fn work(x: u32) -> u32 {{\n    if x == 0 {{\n        return {revision};\n    }}\n    x * 2\n}}\n\n\
         #[cfg(test)]\nmod tests {{\n    use super::*;\n\n    #[test]\n    fn work_works() {{\n        \
         assert_eq!(work(0), {revision});\n        assert_eq!(work(2), 4);\n    }}\n}}\n"
    )
}

#[test]
fn at_function_level_a_production_files_tests_are_test_code() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", tested(0));
    repo.commit("initial import");
    repo.write("src/lib.rs", tested(1));
    repo.commit("work: tune");
    repo.advance(400);
    // The fix changes `work` and the test that checks it.
    repo.write("src/lib.rs", tested(2));
    repo.commit("fix: work on zero");
    let run = |roles: &[&str]| {
        let mut args = vec![
            "backtest", ".", "--format", "json", "--level", "function", "-q",
        ];
        for r in roles {
            args.extend(["--role", r]);
        }
        json(&args, repo.path())
    };
    // Production code by default: `work` alone; the test function in the same file is test
    // code, which the backlog ranks lower, so it is not a unit of a production ranking.
    let production = run(&[]);
    assert_eq!(production["files"], 1, "{production:#}");
    assert_eq!(
        production["window"]["fix_file_changes"], 1,
        "{production:#}"
    );
    let both = run(&["production", "test"]);
    assert_eq!(both["files"], 2, "{both:#}");
    assert_eq!(both["window"]["fix_file_changes"], 2, "{both:#}");
    // A test ranking takes the test function alone.
    let tests = run(&["test"]);
    assert_eq!(tests["files"], 1, "{tests:#}");
    assert_eq!(tests["window"]["fix_file_changes"], 1, "{tests:#}");
}

#[test]
fn t_can_be_named_with_at_and_the_window_grows_accordingly() {
    let s = scripted();
    let report = json(
        &[
            "backtest", ".", "--format", "json", "--at", &s.earlier, "-q",
        ],
        s.repo.path(),
    );
    assert_eq!(report["at"]["commit"], s.earlier.as_str());
    assert_eq!(report["at"]["chosen_by"], format!("--at {}", s.earlier));
    // Six more commits before the gap: engine ×4 and parser ×2, none a fix.
    assert_eq!(report["window"]["commits"], 16, "{report:#}");
    assert_eq!(report["window"]["fix_commits"], 6);
    assert_eq!(report["window"]["file_changes"], 13);
    // --months picks the same T as counting back by hand.
    let by_months = json(
        &["backtest", ".", "--format", "json", "--months", "13", "-q"],
        s.repo.path(),
    );
    assert_eq!(by_months["at"]["commit"], s.t.as_str());
}

#[test]
fn a_history_shorter_than_the_months_is_a_clear_error() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", complex("f", 0, 1));
    repo.commit("one");
    repo.write("src/lib.rs", complex("f", 1, 1));
    repo.commit("fix: two");
    let out = debtscan()
        .args(["backtest", "."])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("the history is shorter than 12 months")
            && err.contains("is 1 day older than HEAD")
            && err.contains("--at REV"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
    // --at HEAD leaves nothing to measure; an unknown revision is named.
    for (rev, says) in [
        ("HEAD", "is HEAD: there are no commits after it"),
        ("nope", "--at nope: no such commit"),
    ] {
        let out = debtscan()
            .args(["backtest", ".", "--at", rev])
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{err}");
    }
    // Outside a repository.
    let plain = Repo::plain();
    let out = debtscan()
        .args(["backtest", "."])
        .current_dir(plain.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not inside a git repository"));
}

/// Every path below `dir` (`.git` included) with its size and modification time.
fn everything(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let meta = std::fs::symlink_metadata(entry.path()).unwrap();
            out.push((entry.path(), meta.len(), meta.modified().unwrap()));
            if meta.is_dir() {
                stack.push(entry.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_repository_is_only_read() {
    let s = scripted();
    // An uncommitted edit and an untracked file must survive as they are.
    s.repo.write("src/small.rs", "// work in progress\n");
    s.repo.write("notes.txt", "draft\n");
    let before = s.repo.listing();
    let git_before = everything(&s.repo.path().join(".git"));
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("report.txt");
    let out = debtscan()
        .args(["backtest", ".", "-o", file.to_str().unwrap()])
        .current_dir(s.repo.path().join("src"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = std::fs::read_to_string(&file).unwrap();
    assert_eq!(s.repo.listing(), before);
    assert_eq!(everything(&s.repo.path().join(".git")), git_before);
    assert_eq!(
        std::fs::read_to_string(s.repo.path().join("src/small.rs")).unwrap(),
        "// work in progress\n"
    );
    // The table: the rankings per measure, the backlog's row first, and the verdict.
    assert!(report.starts_with("Back-test of ."), "{report}");
    assert!(report.contains(&s.t[..10]), "{report}");
    let fix = report
        .split("\n\n")
        .find(|b| b.starts_with("FIX RECALL"))
        .unwrap_or_else(|| panic!("{report}"));
    let rows: Vec<&str> = fix
        .lines()
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(
        rows,
        ["FIX", "backlog", "churn", "size", "complexity", "random"],
        "{report}"
    );
    assert!(
        fix.lines().next().unwrap().contains("NAMED (2)"),
        "{report}"
    );
    assert!(report.contains("CHANGE RECALL") && report.contains("PRECISION"));
    assert!(report.contains("The backlog "), "{report}");
}

#[test]
fn the_json_report_has_its_documented_shape() {
    let s = scripted();
    let report = json(&["backtest", ".", "--format", "json", "-q"], s.repo.path());
    for key in [
        "schema_version",
        "tool",
        "repository",
        "at",
        "window",
        "fix_patterns",
        "files",
        "backlog_files",
        "backlog_items",
        "rankings",
        "verdict",
        "warnings",
    ] {
        assert!(report.get(key).is_some(), "no {key}: {report:#}");
    }
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["tool"]["name"], "debtscan");
    assert_eq!(report["repository"]["head"], head(&s.repo).as_str());
    assert_eq!(report["repository"]["branch"], "main");
    assert_eq!(report["repository"]["root"], ".");
    // The history read for the ranking ends at T.
    assert_eq!(report["repository"]["history"]["commits_analyzed"], 13);
    assert!(report["at"]["date"].as_str().unwrap().ends_with('Z'));
    let names: Vec<&String> = report["rankings"].as_object().unwrap().keys().collect();
    assert_eq!(names, ["backlog", "churn", "complexity", "random", "size"]);
    let cuts: Vec<&str> = report["rankings"]["backlog"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["k"].as_str().unwrap())
        .collect();
    assert_eq!(cuts, ["10", "25", "50", "named"]);
    let m = at(&report, "random", "named");
    for key in [
        "files",
        "fix_recall",
        "change_recall",
        "precision",
        "fix_changes",
        "changes",
        "fixed_files",
    ] {
        assert!(m.get(key).is_some(), "no {key}: {m:#}");
    }
    let verdict = &report["verdict"];
    assert!(verdict["beats_best_baseline"].is_boolean());
    assert!(verdict["at_least_as_good"].is_boolean());
    let interval = verdict["cuts"][0]["interval"].as_array().unwrap();
    assert!(interval[0].as_f64().unwrap() <= interval[1].as_f64().unwrap());
    assert_eq!(verdict["cuts"].as_array().unwrap().len(), 4);
    assert!(report["fix_patterns"][0]
        .as_str()
        .unwrap()
        .contains("hotfix"));
}

#[test]
fn fix_patterns_come_from_the_config() {
    let s = scripted();
    s.repo
        .write("bt.toml", "[backtest]\nfix_patterns = ['^refactor']\n");
    let report = json(
        &[
            "backtest", ".", "--format", "json", "--config", "bt.toml", "-q",
        ],
        s.repo.path(),
    );
    // Only the rename is a fix now; it changed parser.rs.
    assert_eq!(report["window"]["fix_commits"], 1, "{report:#}");
    assert_eq!(report["window"]["fix_file_changes"], 1);
    assert_eq!(report["fix_patterns"][0], "^refactor");
}

#[test]
fn mechanical_fixes_are_not_counted_as_fixes() {
    let mut s = scripted();
    // A lint sweep touches the three large files that no defect fix touched: counted as a
    // fix, it would put size ahead of the backlog.
    s.repo.write("src/big1.rs", calm("big1", 61, 2));
    s.repo.write("src/big2.rs", calm("big2", 50, 2));
    s.repo.write("src/big3.rs", calm("big3", 40, 2));
    s.repo.commit("Fix clippy warnings");
    s.repo.write("src/big2.rs", calm("big2", 50, 3));
    s.repo.commit("docs: fix a typo in big2");
    // Fix commits, mechanical fixes, changes by fixes.
    let counts = |report: &Value| {
        let w = &report["window"];
        [
            w["fix_commits"].clone(),
            w["mechanical_commits"].clone(),
            w["fix_file_changes"].clone(),
        ]
    };
    let report = json(&["backtest", ".", "--format", "json", "-q"], s.repo.path());
    assert_eq!(
        counts(&report),
        [json!(6), json!(2), json!(5)],
        "{report:#}"
    );
    assert!(report["mechanical_patterns"][0]
        .as_str()
        .unwrap()
        .contains("clippy"));
    let table = String::from_utf8(
        debtscan()
            .args(["backtest", ".", "-q"])
            .current_dir(s.repo.path())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        table.contains("6 fixes (2 mechanical fixes not counted)"),
        "{table}"
    );

    // Without mechanical patterns, both count.
    s.repo
        .write("bt.toml", "[backtest]\nmechanical_patterns = []\n");
    let report = json(
        &[
            "backtest", ".", "--format", "json", "--config", "bt.toml", "-q",
        ],
        s.repo.path(),
    );
    assert_eq!(
        counts(&report),
        [json!(8), json!(0), json!(9)],
        "{report:#}"
    );
}

#[test]
fn windows_go_back_one_period_each_and_pool_their_fixes() {
    let mut repo = Repo::git();
    repo.write("src/engine.rs", complex("run", 0, 2));
    repo.write("src/big.rs", calm("big", 60, 0));
    repo.commit("initial import");
    for r in 1..=4 {
        repo.write("src/engine.rs", complex("run", r, 2));
        repo.commit(&format!("engine: tune step {r}"));
    }
    repo.advance(400);
    repo.write("src/engine.rs", complex("run", 10, 2));
    repo.commit("fix: engine overflow");
    repo.write("src/big.rs", calm("big", 61, 1));
    repo.commit("feat: one more helper");
    repo.write("src/engine.rs", complex("run", 11, 2));
    repo.commit("fix: engine again");
    repo.advance(400);
    repo.write("src/big.rs", calm("big", 61, 2));
    repo.commit("fix: off by one in big");
    repo.write("src/engine.rs", complex("run", 12, 2));
    repo.commit("fix: engine crash");
    let report = json(
        &[
            "backtest",
            ".",
            "--format",
            "json",
            "--windows",
            "3",
            "--top",
            "1",
        ],
        repo.path(),
    );
    // Three asked, two fit: the third would start before the first commit.
    let windows = report["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 2, "{report:#}");
    assert!(
        report["warnings"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .starts_with("only 2 of the 3 windows fit")),
        "{report:#}"
    );
    assert_eq!(windows[0]["at"], report["at"]);
    // The newest window: 2 commits after T, both fixes; the older: 3 commits up to T, 2 fixes.
    assert_eq!(windows[0]["window"]["commits"], 2, "{report:#}");
    assert_eq!(windows[0]["window"]["fix_file_changes"], 2);
    assert_eq!(windows[1]["window"]["commits"], 3, "{report:#}");
    assert_eq!(windows[1]["window"]["fix_file_changes"], 2);
    assert_eq!(windows[1]["window"]["until"], windows[0]["at"]["date"]);
    // Pooled: engine.rs, the backlog's top file, got 3 of the 4 fix changes; big.rs, the
    // largest, 1 of 4 (and 1 of 2 in the newest window alone).
    assert_eq!(
        at(&report, "backlog", "1")["fix_recall"],
        0.75,
        "{report:#}"
    );
    assert_eq!(at(&report, "backlog", "1")["fix_changes"], 3);
    assert_eq!(at(&report, "size", "1")["fix_recall"], 0.25);
    // Churn and complexity also put engine.rs first: equal, not better.
    for cut in report["verdict"]["cuts"].as_array().unwrap() {
        assert_eq!(cut["backlog"], "on par", "{report:#}");
        assert_eq!(cut["difference"], 0.0, "{report:#}");
    }
    // The table names each window and the pooling.
    let table = String::from_utf8(
        debtscan()
            .args(["backtest", ".", "--windows", "3", "-q"])
            .current_dir(repo.path())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(table.contains("Window 2: ranked at "), "{table}");
    assert!(
        table.contains("Pooled over 2 windows: 4 changes by fixes"),
        "{table}"
    );
}
