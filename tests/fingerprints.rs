//! Fingerprints across a scripted history: a repository evolves step by step, each step is
//! scanned (`--no-history`, so scores are severities and cannot drift) and `debtscan diff`
//! of the two runs must say exactly what happened: nothing for edits that keep every item's
//! identity (lines inserted above, re-indenting, moving a marker inside its function), moved
//! items for a renamed file, new + resolved (fixed or vanished) for real changes. Then
//! `scan --baseline` and `--fail-on new` must agree with the diff.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{debtscan, json, Repo};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// The repository at step 0.

const NET: &str = "\
pub struct Client;

impl Client {
    pub fn retry(&self) -> u32 {
        // FIXME: retry loop can spin forever when the server is down
        let mut attempts = 0;
        loop {
            attempts += 1;
            if attempts > 3 {
                break;
            }
        }
        attempts
    }

    pub fn send(&self) {
        // TODO: batch small writes
        let _ = self.retry();
    }
}
";

const UTIL: &str = "\
// HACK: global configuration is read from the environment

pub fn parse(input: &str) -> usize {
    // TODO: handle quoted fields
    input.len()
}

pub fn trim(input: &str) -> &str {
    // HACK: strip the BOM by hand
    input.trim()
}

pub fn legacy() {
    // TODO: remove this shim
    let _ = 0;
}
";

const LIB: &str = "pub mod net;\npub mod util;\n";

// The titles of the items.
const FIXME_RETRY: &str = "FIXME: retry loop can spin forever when the server is down";
const TODO_BATCH: &str = "TODO: batch small writes";
const TODO_BATCH_FLUSH: &str = "TODO: batch small writes and flush on drop";
const TODO_PEER: &str = "TODO: log the peer address on failure";
const HACK_GLOBAL: &str = "HACK: global configuration is read from the environment";
const TODO_QUOTED: &str = "TODO: handle quoted fields";
const HACK_BOM: &str = "HACK: strip the BOM by hand";
const TODO_SHIM: &str = "TODO: remove this shim";

// ---------------------------------------------------------------------------------------------
// Editing helpers.

fn read(repo: &Repo, rel: &str) -> String {
    std::fs::read_to_string(repo.path().join(rel)).unwrap()
}

/// Replaces the one occurrence of `old` in `rel` by `new`.
fn edit(repo: &Repo, rel: &str, old: &str, new: &str) {
    let text = read(repo, rel);
    assert_eq!(
        text.matches(old).count(),
        1,
        "{old:?} once in {rel}:\n{text}"
    );
    repo.write(rel, text.replacen(old, new, 1));
}

fn indentation(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

/// Ten lines without a marker to insert above `line`: blank lines and an unrelated function
/// above an item or a top-level comment, blank lines and statements inside a function body.
fn padding(line: &str, n: usize) -> String {
    let i = indentation(line);
    let t = line.trim_start();
    let in_body = t.starts_with("// ") && !i.is_empty();
    let pad = if in_body {
        format!("\n\n{i}let unrelated_{n} = {n};\n\n\n{i}let _ = unrelated_{n};\n\n\n\n\n")
    } else {
        format!("\n\n{i}fn unrelated_{n}() -> u32 {{\n{i}    {n}\n{i}}}\n\n\n\n\n\n")
    };
    assert_eq!(pad.lines().count(), 10, "{pad:?}");
    pad
}

/// Inserts ten marker-free lines above every item and every marker comment.
fn pad_every_item(text: &str) -> String {
    let mut out = String::new();
    for (n, line) in text.lines().enumerate() {
        let t = line.trim_start();
        if ["pub fn ", "fn ", "pub struct ", "impl ", "pub mod ", "// "]
            .iter()
            .any(|p| t.starts_with(p))
        {
            out.push_str(&padding(line, n));
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Each leading group of four spaces becomes a tab.
fn tabs_for_spaces(text: &str) -> String {
    text.lines()
        .map(|l| {
            let i = indentation(l);
            format!("{}{}\n", "\t".repeat(i.len() / 4), l.trim_start())
        })
        .collect()
}

/// Removes the line whose trimmed text starts with `needle` and inserts it, with the
/// indentation of its new place, above the line whose trimmed text is `above`.
fn move_line(repo: &Repo, rel: &str, needle: &str, above: &str) {
    let text = read(repo, rel);
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let from = find_line(&lines, rel, |l| l.trim_start().starts_with(needle));
    let moved = lines.remove(from);
    let to = find_line(&lines, rel, |l| l.trim() == above);
    let placed = format!("{}{}", indentation(&lines[to]), moved.trim_start());
    lines.insert(to, placed);
    repo.write(rel, lines.join("\n") + "\n");
}

fn find_line(lines: &[String], rel: &str, pred: impl Fn(&str) -> bool) -> usize {
    let found: Vec<usize> = (0..lines.len()).filter(|&i| pred(&lines[i])).collect();
    assert_eq!(
        found.len(),
        1,
        "one such line in {rel}:\n{}",
        lines.join("\n")
    );
    found[0]
}

/// Removes the function whose line starts with `header` (trimmed), up to its closing brace
/// at the same indentation.
fn remove_fn(repo: &Repo, rel: &str, header: &str) {
    let text = read(repo, rel);
    let lines: Vec<String> = text.lines().map(str::to_string).collect();
    let start = find_line(&lines, rel, |l| l.trim_start().starts_with(header));
    let close = format!("{}}}", indentation(&lines[start]));
    let end = start + lines[start..].iter().position(|l| *l == close).unwrap();
    let kept: Vec<&str> = lines[..start]
        .iter()
        .chain(&lines[end + 1..])
        .map(String::as_str)
        .collect();
    repo.write(rel, kept.join("\n") + "\n");
}

// ---------------------------------------------------------------------------------------------
// The steps; each commits.

fn step(repo: &mut Repo, k: usize) {
    match k {
        0 => {
            repo.write("src/lib.rs", LIB);
            repo.write("src/net.rs", NET);
            repo.write("src/util.rs", UTIL);
        }
        1 => {
            for rel in ["src/lib.rs", "src/net.rs", "src/util.rs"] {
                let padded = pad_every_item(&read(repo, rel));
                repo.write(rel, padded);
            }
        }
        2 => {
            let tabbed = tabs_for_spaces(&read(repo, "src/net.rs"));
            assert!(tabbed.contains("\t\t// FIXME: retry loop"), "{tabbed}");
            repo.write("src/net.rs", tabbed);
        }
        3 => {
            repo.run_git(&["mv", "src/util.rs", "src/helpers.rs"]);
            edit(repo, "src/lib.rs", "pub mod util;", "pub mod helpers;");
        }
        4 => edit(
            repo,
            "src/net.rs",
            "batch small writes",
            "batch small writes and flush on drop",
        ),
        5 => remove_fn(repo, "src/helpers.rs", "pub fn legacy()"),
        6 => edit(
            repo,
            "src/helpers.rs",
            "    // TODO: handle quoted fields\n",
            "",
        ),
        // Inside the loop of the same function.
        7 => move_line(
            repo,
            "src/net.rs",
            "// FIXME: retry loop",
            "if attempts > 3 {",
        ),
        // From `trim` to `parse`.
        8 => move_line(
            repo,
            "src/helpers.rs",
            "// HACK: strip the BOM",
            "input.len()",
        ),
        9 => edit(
            repo,
            "src/net.rs",
            "batch small writes and flush on drop",
            "log the peer address on failure",
        ),
        _ => unreachable!("no step {k}"),
    }
    repo.commit(&format!("step {k}"));
}

// ---------------------------------------------------------------------------------------------
// Running debtscan.

/// `debtscan scan . --format json -q --no-history --no-graph` written to `out` (outside the
/// repository), parsed.
fn scan(repo: &Repo, out: &Path) -> Value {
    debtscan()
        .args([
            "scan",
            ".",
            "--format",
            "json",
            "-q",
            "--no-history",
            "--no-graph",
            "--output",
        ])
        .arg(out)
        .current_dir(repo.path())
        .assert()
        .success();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    for i in v["items"].as_array().unwrap() {
        let id = i["id"].as_str().unwrap();
        assert!(id.starts_with("v1:") && id.len() == 19, "{id}");
    }
    v
}

fn diff(repo: &Repo, old: &Path, new: &Path) -> Value {
    json(
        &[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "--format",
            "json",
        ],
        repo.path(),
    )
}

/// One step: the runs before and after it and their diff.
struct Step {
    repo: Repo,
    /// Holds the runs.
    _runs: tempfile::TempDir,
    before_file: PathBuf,
    before: Value,
    after: Value,
    diff: Value,
}

/// Replays steps `0..k`, scans, applies step `k`, scans again and diffs the two runs.
fn run_step(k: usize) -> Step {
    let mut repo = Repo::git();
    for s in 0..k {
        step(&mut repo, s);
    }
    let runs = tempfile::tempdir().unwrap();
    let before_file = runs.path().join(format!("step{}.json", k - 1));
    let after_file = runs.path().join(format!("step{k}.json"));
    let before = scan(&repo, &before_file);
    step(&mut repo, k);
    let after = scan(&repo, &after_file);
    let diff = diff(&repo, &before_file, &after_file);
    Step {
        repo,
        _runs: runs,
        before_file,
        before,
        after,
        diff,
    }
}

// ---------------------------------------------------------------------------------------------
// What a diff says, in comparable form.

/// `kind | title | path`.
fn entry(i: &Value) -> String {
    format!(
        "{} | {} | {}",
        i["kind"].as_str().unwrap(),
        i["summary"].as_str().unwrap(),
        i["location"]["path"].as_str().unwrap()
    )
}

fn todo(title: &str, path: &str) -> String {
    format!("todo | {title} | {path}")
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Outcome {
    new: Vec<String>,
    /// `entry | resolution`.
    resolved: Vec<String>,
    /// `entry <- previous title @ previous path`.
    changed: Vec<String>,
    /// `entry <- previous path`.
    moved: Vec<String>,
}

impl Outcome {
    fn of(diff: &Value) -> Outcome {
        let list = |key: &str, f: &dyn Fn(&Value) -> String| -> Vec<String> {
            let mut v: Vec<String> = diff[key].as_array().unwrap().iter().map(f).collect();
            v.sort();
            v
        };
        Outcome {
            new: list("new", &entry),
            resolved: list("resolved", &|i| {
                format!("{} | {}", entry(i), i["resolution"].as_str().unwrap())
            }),
            changed: list("changed", &|i| {
                format!(
                    "{} <- {} @ {}",
                    entry(i),
                    i["previous"]["title"].as_str().unwrap(),
                    i["previous"]["location"]["path"].as_str().unwrap()
                )
            }),
            moved: list("moved", &|i| {
                format!(
                    "{} <- {}",
                    entry(i),
                    i["previous"]["location"]["path"].as_str().unwrap()
                )
            }),
        }
    }

    fn sorted(mut self) -> Outcome {
        self.new.sort();
        self.resolved.sort();
        self.changed.sort();
        self.moved.sort();
        self
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap()
}

/// Asserts the diff's lists and counts exactly.
fn assert_diff(diff: &Value, expected: Outcome, unchanged: usize) {
    let expected = expected.sorted();
    let count = |suffix: &str| {
        expected
            .resolved
            .iter()
            .filter(|r| r.ends_with(suffix))
            .count()
    };
    let counts = json!({
        "new": expected.new.len(),
        "resolved": expected.resolved.len(),
        "fixed": count("| fixed"),
        "vanished": count("| vanished"),
        "changed": expected.changed.len(),
        "moved": expected.moved.len(),
        "unchanged": unchanged,
        // No marker is ever part of another item.
        "merged": 0,
    });
    assert_eq!(Outcome::of(diff), expected, "diff:\n{}", pretty(diff));
    assert_eq!(diff["counts"], counts, "diff:\n{}", pretty(diff));
}

/// `(title, path, id)` of every item of a run.
fn identities(run: &Value) -> BTreeSet<(String, String, String)> {
    run["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["summary"].as_str().unwrap().to_string(),
                i["location"]["path"].as_str().unwrap().to_string(),
                i["id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Asserts the two runs have the same items with the same ids (and the same lines or not:
/// line numbers are not part of an id).
fn assert_same_ids(s: &Step) {
    assert_eq!(
        identities(&s.before),
        identities(&s.after),
        "diff:\n{}",
        pretty(&s.diff)
    );
}

// ---------------------------------------------------------------------------------------------
// The steps' diffs.

#[test]
fn step_0_scans_every_marker_with_its_symbol() {
    let mut repo = Repo::git();
    step(&mut repo, 0);
    let runs = tempfile::tempdir().unwrap();
    let run = scan(&repo, &runs.path().join("step0.json"));
    let mut found: Vec<(String, String)> = run["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let symbol = i["location"]["symbol"].as_str().unwrap_or("-");
            (entry(i), symbol.to_string())
        })
        .collect();
    found.sort();
    let mut expected: Vec<(String, String)> = [
        (FIXME_RETRY, "src/net.rs", "Client::retry"),
        (TODO_BATCH, "src/net.rs", "Client::send"),
        (HACK_GLOBAL, "src/util.rs", "-"),
        (TODO_QUOTED, "src/util.rs", "parse"),
        (HACK_BOM, "src/util.rs", "trim"),
        (TODO_SHIM, "src/util.rs", "legacy"),
    ]
    .iter()
    .map(|(t, p, s)| (todo(t, p), s.to_string()))
    .collect();
    expected.sort();
    assert_eq!(found, expected, "{}", pretty(&run["items"]));
    assert!(
        run["code_index"]["entries"].as_array().is_some(),
        "a scan writes a code index for `diff`"
    );
}

#[test]
fn step_1_lines_inserted_above_every_item_change_nothing() {
    let s = run_step(1);
    // The lines did move.
    let line = |run: &Value| -> Vec<u64> {
        let mut v: Vec<u64> = run["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["location"]["start_line"].as_u64().unwrap())
            .collect();
        v.sort();
        v
    };
    assert!(
        line(&s.before)
            .iter()
            .zip(line(&s.after))
            .all(|(b, a)| a >= b + 10),
        "{:?} -> {:?}",
        line(&s.before),
        line(&s.after)
    );
    assert_diff(&s.diff, Outcome::default(), 6);
    assert_same_ids(&s);
}

#[test]
fn step_2_reindenting_a_file_changes_nothing() {
    let s = run_step(2);
    assert_diff(&s.diff, Outcome::default(), 6);
    assert_same_ids(&s);
}

#[test]
fn step_3_a_renamed_file_moves_its_items() {
    let s = run_step(3);
    let moved = |t: &str| format!("{} <- src/util.rs", todo(t, "src/helpers.rs"));
    assert_diff(
        &s.diff,
        Outcome {
            moved: vec![
                moved(HACK_GLOBAL),
                moved(TODO_QUOTED),
                moved(HACK_BOM),
                moved(TODO_SHIM),
            ],
            ..Outcome::default()
        },
        2,
    );
    for m in s.diff["moved"].as_array().unwrap() {
        assert_ne!(m["id"], m["previous"]["id"], "{}", pretty(m));
        assert_eq!(m["summary"], m["previous"]["title"], "{}", pretty(m));
        assert_eq!(m["score"], m["previous"]["score"], "{}", pretty(m));
        assert_eq!(m["previous"]["location"]["path"], "src/util.rs");
    }
}

#[test]
fn step_4_a_reworded_todo_is_changed_and_keeps_its_place() {
    let s = run_step(4);
    assert_diff(
        &s.diff,
        Outcome {
            changed: vec![format!(
                "{} <- {TODO_BATCH} @ src/net.rs",
                todo(TODO_BATCH_FLUSH, "src/net.rs")
            )],
            ..Outcome::default()
        },
        5,
    );
    // Everything else kept its id; the reworded one has a new id, and the diff names the old.
    let before: BTreeSet<_> = identities(&s.before)
        .into_iter()
        .filter(|(t, _, _)| t != TODO_BATCH)
        .collect();
    let after: BTreeSet<_> = identities(&s.after)
        .into_iter()
        .filter(|(t, _, _)| t != TODO_BATCH_FLUSH)
        .collect();
    assert_eq!(before.len(), 5);
    assert_eq!(before, after, "diff:\n{}", pretty(&s.diff));
    let changed = &s.diff["changed"][0];
    assert_ne!(changed["id"], changed["previous"]["id"]);
    assert_eq!(changed["location"]["symbol"], "Client::send");
}

#[test]
fn step_9_a_rewritten_todo_is_new_and_its_old_text_fixed() {
    let s = run_step(9);
    assert_diff(
        &s.diff,
        Outcome {
            new: vec![todo(TODO_PEER, "src/net.rs")],
            resolved: vec![format!("{} | fixed", todo(TODO_BATCH_FLUSH, "src/net.rs"))],
            ..Outcome::default()
        },
        3,
    );
    assert_eq!(s.diff["new"][0]["location"]["symbol"], "Client::send");
    assert_eq!(s.diff["resolved"][0]["location"]["symbol"], "Client::send");
}

#[test]
fn step_5_a_deleted_function_takes_its_todo_with_it() {
    let s = run_step(5);
    assert_diff(
        &s.diff,
        Outcome {
            resolved: vec![format!("{} | vanished", todo(TODO_SHIM, "src/helpers.rs"))],
            ..Outcome::default()
        },
        5,
    );
}

#[test]
fn step_6_a_removed_comment_is_fixed() {
    let s = run_step(6);
    assert_diff(
        &s.diff,
        Outcome {
            resolved: vec![format!("{} | fixed", todo(TODO_QUOTED, "src/helpers.rs"))],
            ..Outcome::default()
        },
        4,
    );
}

#[test]
fn step_7_moving_a_fixme_within_its_function_changes_nothing() {
    let s = run_step(7);
    let line = |run: &Value| {
        run["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["summary"] == FIXME_RETRY)
            .map(|i| i["location"]["start_line"].clone())
            .unwrap()
    };
    assert_ne!(line(&s.before), line(&s.after), "the marker did move");
    assert_diff(&s.diff, Outcome::default(), 4);
    assert_same_ids(&s);
}

#[test]
fn step_8_moving_a_hack_to_another_function_is_new_and_fixed() {
    let s = run_step(8);
    assert_diff(
        &s.diff,
        Outcome {
            new: vec![todo(HACK_BOM, "src/helpers.rs")],
            resolved: vec![format!("{} | fixed", todo(HACK_BOM, "src/helpers.rs"))],
            ..Outcome::default()
        },
        3,
    );
    assert_eq!(s.diff["new"][0]["location"]["symbol"], "parse");
    assert_eq!(s.diff["resolved"][0]["location"]["symbol"], "trim");
}

// ---------------------------------------------------------------------------------------------
// `scan --baseline` and `--fail-on new` agree with `diff`.

/// `scan --baseline FILE --format json` (stdout) with `--fail-on new`: its exit code, JSON and
/// standard error.
fn scan_against(repo: &Repo, baseline: &Path) -> (i32, Value, String) {
    let out = debtscan()
        .args([
            "scan",
            ".",
            "--format",
            "json",
            "-q",
            "--no-history",
            "--no-graph",
            "--fail-on",
            "new",
            "--baseline",
        ])
        .arg(baseline)
        .current_dir(repo.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("JSON on stdout ({e}); stderr: {stderr}"));
    (out.status.code().unwrap(), v, stderr)
}

/// Title -> baseline state of every item.
fn states(run: &Value) -> BTreeMap<String, String> {
    run["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["summary"].as_str().unwrap().to_string(),
                i["baseline_state"].as_str().unwrap_or("<none>").to_string(),
            )
        })
        .collect()
}

/// The state each item must have by the diff of the baseline and this run: new when new,
/// updated when changed or moved, unchanged otherwise.
fn assert_states_agree(annotated: &Value, diff: &Value) {
    let ids = |key: &str| -> BTreeSet<String> {
        diff[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (new, changed, moved) = (ids("new"), ids("changed"), ids("moved"));
    for i in annotated["items"].as_array().unwrap() {
        let id = i["id"].as_str().unwrap();
        let expected = if new.contains(id) {
            "new"
        } else if changed.contains(id) || moved.contains(id) {
            "updated"
        } else {
            "unchanged"
        };
        assert_eq!(
            i["baseline_state"],
            expected,
            "{}\ndiff:\n{}",
            pretty(i),
            pretty(diff)
        );
    }
    let c = &diff["counts"];
    let b = &annotated["summary"]["baseline"];
    assert_eq!(b["new"], c["new"], "{}", pretty(b));
    assert_eq!(
        b["updated"].as_u64().unwrap(),
        c["changed"].as_u64().unwrap() + c["moved"].as_u64().unwrap(),
        "{}",
        pretty(b)
    );
    assert_eq!(b["unchanged"], c["unchanged"], "{}", pretty(b));
    assert_eq!(b["absent"], c["resolved"], "{}", pretty(b));
}

#[test]
fn baseline_states_and_fail_on_new_agree_with_diff() {
    // A rename alone: moved items are updated, nothing is new, the gate passes.
    let s = run_step(3);
    let (code, annotated, stderr) = scan_against(&s.repo, &s.before_file);
    assert_eq!(code, 0, "nothing new; stderr: {stderr}");
    assert_eq!(stderr, "");
    let expected: BTreeMap<String, String> = [
        (FIXME_RETRY, "unchanged"),
        (TODO_BATCH, "unchanged"),
        (HACK_GLOBAL, "updated"),
        (TODO_QUOTED, "updated"),
        (HACK_BOM, "updated"),
        (TODO_SHIM, "updated"),
    ]
    .iter()
    .map(|(t, s)| (t.to_string(), s.to_string()))
    .collect();
    assert_eq!(states(&annotated), expected, "diff:\n{}", pretty(&s.diff));
    assert_states_agree(&annotated, &s.diff);

    // Then a reworded TODO against the same baseline: updated, with the id it had there.
    let mut repo = s.repo;
    step(&mut repo, 4);
    let (code, annotated, stderr) = scan_against(&repo, &s.before_file);
    assert_eq!(code, 0, "a reworded TODO is not new; stderr: {stderr}");
    let mut expected = expected;
    expected.remove(TODO_BATCH);
    expected.insert(TODO_BATCH_FLUSH.into(), "updated".into());
    assert_eq!(states(&annotated), expected);
    let id_of = |run: &Value, title: &str| -> Value {
        let items = run["items"].as_array().unwrap();
        let item = items.iter().find(|i| i["summary"] == title).unwrap();
        item["id"].clone()
    };
    let reworded = (annotated["items"].as_array().unwrap().iter())
        .find(|i| i["summary"] == TODO_BATCH_FLUSH)
        .unwrap();
    assert_eq!(reworded["baseline_id"], id_of(&s.before, TODO_BATCH));
    // A moved item names the id it had; an unchanged one has no baseline_id.
    let moved = (annotated["items"].as_array().unwrap().iter())
        .find(|i| i["summary"] == HACK_BOM)
        .unwrap();
    assert_eq!(moved["baseline_id"], id_of(&s.before, HACK_BOM));
    let kept = (annotated["items"].as_array().unwrap().iter())
        .find(|i| i["summary"] == FIXME_RETRY)
        .unwrap();
    assert!(kept.get("baseline_id").is_none(), "{kept}");

    // A rewritten TODO: one new item, and the gate fails.
    edit(
        &repo,
        "src/net.rs",
        "batch small writes and flush on drop",
        "log the peer address on failure",
    );
    repo.commit("rewrite");
    let runs = tempfile::tempdir().unwrap();
    let after_file = runs.path().join("rewritten.json");
    scan(&repo, &after_file);
    let d = diff(&repo, &s.before_file, &after_file);
    let (code, annotated, stderr) = scan_against(&repo, &s.before_file);
    assert_eq!(code, 1, "one new item; stderr: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr:?}");
    assert!(stderr.starts_with("debtscan: failing:"), "{stderr:?}");
    expected.remove(TODO_BATCH_FLUSH);
    expected.insert(TODO_PEER.into(), "new".into());
    assert_eq!(states(&annotated), expected, "diff:\n{}", pretty(&d));
    assert_states_agree(&annotated, &d);
    assert_eq!(annotated["summary"]["baseline"]["absent"], 1);

    // Against a baseline of the tree as it is now: nothing new, the gate passes.
    let (code, annotated, stderr) = scan_against(&repo, &after_file);
    assert_eq!(code, 0, "nothing new; stderr: {stderr}");
    assert!(states(&annotated).values().all(|s| s == "unchanged"));
}

// ---------------------------------------------------------------------------------------------
// Clusters: one id for a repeated text, whatever its places.

#[test]
fn a_cluster_keeps_its_id_when_a_place_goes() {
    let mut repo = Repo::git();
    for f in ["a", "b", "c"] {
        repo.write(
            &format!("src/{f}.rs"),
            format!("pub fn {f}() {{\n    // TODO: use the shared retry policy\n}}\n"),
        );
    }
    repo.commit("three places");
    let runs = tempfile::tempdir().unwrap();
    let (one, two) = (runs.path().join("1.json"), runs.path().join("2.json"));
    let before = scan(&repo, &one);
    assert_eq!(before["items"].as_array().unwrap().len(), 1);
    edit(
        &repo,
        "src/c.rs",
        "    // TODO: use the shared retry policy\n",
        "",
    );
    repo.commit("one place fewer");
    scan(&repo, &two);
    let d = diff(&repo, &one, &two);
    let title = "TODO: use the shared retry policy";
    assert_diff(
        &d,
        Outcome {
            changed: vec![format!(
                "{} <- {title} (3 places) @ src/a.rs",
                todo(&format!("{title} (2 places)"), "src/a.rs")
            )],
            ..Outcome::default()
        },
        0,
    );
    assert_eq!(d["changed"][0]["id"], d["changed"][0]["previous"]["id"]);
}

/// The diff of two scans of `src/{a,b,c}.rs`: the files named in `before`, then those in
/// `after`, hold the same TODO; the others none.
fn cluster_diff(before: &[&str], after: &[&str]) -> Value {
    let write = |repo: &Repo, with: &[&str]| {
        for f in ["a", "b", "c"] {
            let body = if with.contains(&f) {
                "    // TODO: use the shared retry policy\n"
            } else {
                ""
            };
            repo.write(
                &format!("src/{f}.rs"),
                format!("pub fn {f}() {{\n{body}}}\n"),
            );
        }
    };
    let mut repo = Repo::git();
    let runs = tempfile::tempdir().unwrap();
    let (one, two) = (runs.path().join("1.json"), runs.path().join("2.json"));
    write(&repo, before);
    repo.commit("before");
    scan(&repo, &one);
    write(&repo, after);
    repo.commit("after");
    scan(&repo, &two);
    diff(&repo, &one, &two)
}

#[test]
fn removing_a_duplicate_leaves_one_changed_item_not_new_debt() {
    // The TODO in a.rs is untouched; only the copy in b.rs goes. Nothing is new.
    let d = cluster_diff(&["a", "b"], &["a"]);
    let title = "TODO: use the shared retry policy";
    assert_diff(
        &d,
        Outcome {
            changed: vec![format!(
                "{} <- {title} (2 places) @ src/a.rs",
                todo(title, "src/a.rs")
            )],
            ..Outcome::default()
        },
        0,
    );
}

#[test]
fn copying_a_todo_elsewhere_does_not_resolve_the_original() {
    // The TODO in a.rs is untouched; a copy appears in b.rs: one root cause, more places.
    let d = cluster_diff(&["a"], &["a", "b"]);
    let title = "TODO: use the shared retry policy";
    assert_diff(
        &d,
        Outcome {
            changed: vec![format!(
                "{} <- {title} @ src/a.rs",
                todo(&format!("{title} (2 places)"), "src/a.rs")
            )],
            ..Outcome::default()
        },
        0,
    );
}
