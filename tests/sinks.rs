//! Every output format of the backlog, the CI gate (`--fail-on`, `--baseline`), `init`,
//! `explain`, and bad input to all of them.

mod common;

use std::collections::HashSet;

use common::{debtscan, json, schema, Repo};
use predicates::prelude::*;

/// A repository with clustered markers, a dependency cycle, a complex function and history.
fn project() -> Repo {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"demo\"\n");
    repo.write(
        "src/lib.rs",
        "pub mod a;\npub mod b;\n// FIXME: <b>escape</b> | pipes * and `code_span`\npub fn top() {}\n",
    );
    repo.write(
        "src/a.rs",
        "pub fn a() -> u32 {\n    // TODO: use the shared retry policy\n    crate::b::b()\n}\n",
    );
    let mut branches = String::from("pub fn b() -> u32 { 1 }\npub fn tangled(x: u32) -> u32 {\n");
    for k in 0..16 {
        branches.push_str(&format!("    if x == {k} {{ return {k}; }}\n"));
    }
    branches.push_str("    crate::a::a()\n}\n// TODO: use the shared retry policy\n");
    repo.write("src/b.rs", &branches);
    repo.commit("start");
    for k in 0..3 {
        repo.write("src/a.rs", format!(
            "pub fn a() -> u32 {{\n    // TODO: use the shared retry policy\n    crate::b::b() + {k}\n}}\n"
        ));
        repo.commit("tweak a");
    }
    repo
}

fn stdout(args: &[&str], repo: &Repo) -> String {
    common::stdout(args, repo.path())
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_stable_fingerprints_and_related_locations() {
    let repo = project();
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&["scan", ".", "--format", "sarif", "-q"], &repo)).unwrap();
    schema::assert_valid(schema::SARIF_2_1_0, &sarif);
    let run = &sarif["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(rules.contains(&"todo") && rules.contains(&"dependency-cycle"));
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), backlog["items"].as_array().unwrap().len());
    for (r, item) in results.iter().zip(backlog["items"].as_array().unwrap()) {
        assert_eq!(r["partialFingerprints"]["debtscan/v1"], item["id"]);
        assert!(r["partialFingerprints"]
            .get("primaryLocationLineHash")
            .is_none());
        assert_eq!(
            rules[r["ruleIndex"].as_u64().unwrap() as usize],
            r["ruleId"]
        );
        let level = r["level"].as_str().unwrap();
        let score = item["score"].as_f64().unwrap();
        let expected = if score >= 70.0 {
            "error"
        } else if score >= 40.0 {
            "warning"
        } else {
            "note"
        };
        assert_eq!(level, expected, "{r:#}");
        assert_eq!(
            r["relatedLocations"].as_array().map_or(0, |a| a.len()),
            item["related"].as_array().unwrap().len()
        );
    }
    // The cluster and the cycle carry their other places.
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "todo" && r["relatedLocations"].is_array()));
    assert!(results
        .iter()
        .any(|r| r["ruleId"] == "dependency-cycle" && r["relatedLocations"].is_array()));
}

#[test]
fn sarif_keeps_at_most_5000_results_and_says_so() {
    let repo = Repo::plain();
    let body: String = (0..5_003)
        .map(|k| format!("// TODO: item number {k}\n"))
        .collect();
    repo.write("many.rs", body);
    let sarif: serde_json::Value =
        serde_json::from_str(&stdout(&["todos", ".", "--format", "sarif", "-q"], &repo)).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 5_000);
    let notes = run["invocations"][0]["toolExecutionNotifications"].to_string();
    assert!(notes.contains("3 of 5003 items left out"), "{notes}");
    schema::assert_valid(schema::SARIF_2_1_0, &sarif);
}

#[test]
fn codeclimate_has_what_gitlab_requires_and_unique_fingerprints() {
    let repo = project();
    let issues: serde_json::Value = serde_json::from_str(&stdout(
        &["scan", ".", "--format", "codeclimate", "-q"],
        &repo,
    ))
    .unwrap();
    let issues = issues.as_array().unwrap();
    assert!(!issues.is_empty());
    let mut seen = HashSet::new();
    for i in issues {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(i[key].is_string(), "{key} missing in {i:#}");
        }
        assert!(i["location"]["path"].is_string());
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&i["severity"].as_str().unwrap()));
        assert!(seen.insert(i["fingerprint"].as_str().unwrap().to_string()));
    }
}

#[test]
fn markdown_stays_under_65000_characters_with_a_note() {
    let repo = Repo::plain();
    let body: String = (0..3_000)
        // Spelled in letters: texts that differ only in digits are one cluster.
        .map(|k: u32| {
            let word: String = k
                .to_string()
                .bytes()
                .map(|d| char::from(d - b'0' + b'a'))
                .collect();
            format!("// TODO: a fairly long marker text that says what to do, number {word}\n")
        })
        .collect();
    repo.write("many.rs", body);
    let md = stdout(&["todos", ".", "--format", "markdown", "-q"], &repo);
    assert!(md.chars().count() <= 65_000, "{}", md.chars().count());
    assert!(md.contains("more items not shown"));
    let shown = md.matches("<!-- debtscan:v1:").count();
    assert!(shown > 50 && shown < 3_000, "{shown}");
    // Every item shown in a section also has its table row.
    assert_eq!(md.matches("\n### ").count(), shown);

    // A small backlog is whole, with markup in titles escaped.
    let small = stdout(&["scan", ".", "--format", "markdown", "-q"], &project());
    assert!(!small.contains("not shown"));
    assert!(small.contains("&lt;b&gt;escape&lt;/b&gt; \\| pipes \\* and `code_span`"));
}

#[test]
fn csv_has_one_row_per_item() {
    let repo = project();
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let text = stdout(&["scan", ".", "--format", "csv", "-q"], &repo);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..4], ["rank", "score", "kind", "id"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let items = backlog["items"].as_array().unwrap();
    assert_eq!(rows.len(), items.len());
    for (row, item) in rows.iter().zip(items) {
        assert_eq!(&row[3], item["id"].as_str().unwrap());
        assert_eq!(&row[8], item["title"].as_str().unwrap());
    }
}

#[test]
fn every_format_of_the_fixtures_is_stable() {
    let repo = Repo::plain();
    for entry in std::fs::read_dir(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/rust/markers"
    ))
    .unwrap()
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            std::fs::copy(&path, repo.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    for format in ["sarif", "codeclimate", "markdown", "csv"] {
        let out = stdout(
            &["scan", ".", "-q", "--top", "12", "--format", format],
            &repo,
        );
        insta::assert_snapshot!(format!("fixtures_{format}"), out);
    }
}

#[test]
fn fail_on_exits_1_with_a_reason_and_still_writes_the_report() {
    let repo = project();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("b.json");
    debtscan()
        .args([
            "scan",
            ".",
            "-q",
            "--format",
            "json",
            "--fail-on",
            "score>=1",
            "-o",
        ])
        .arg(&file)
        .current_dir(repo.path())
        .assert()
        .code(1)
        .stderr(
            predicate::str::starts_with("debtscan: failing: --fail-on score>=1: ")
                .and(predicate::str::contains("the highest v1:")),
        );
    assert!(file.exists());
    debtscan()
        .args([
            "scan",
            ".",
            "-q",
            "--fail-on",
            "score>=100",
            "--fail-on",
            "count>1000",
        ])
        .current_dir(repo.path())
        .assert()
        .success();
    debtscan()
        .args(["scan", ".", "-q", "--fail-on", "count>1"])
        .current_dir(repo.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--fail-on count>1:"));
    for bad in [
        "scores>=3",
        "score>=abc",
        "score>=101",
        "count>-1",
        "newest",
    ] {
        debtscan()
            .args(["scan", ".", "-q", "--fail-on", bad])
            .current_dir(repo.path())
            .assert()
            .code(2);
    }
    debtscan()
        .args(["scan", ".", "-q", "--fail-on", "new"])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("needs --baseline"));
}

#[test]
fn baseline_marks_items_and_gates_on_new_debt() {
    let mut repo = project();
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("base.json");
    debtscan()
        .args(["scan", ".", "-q", "--format", "json", "-o"])
        .arg(&base)
        .current_dir(repo.path())
        .assert()
        .success();
    // Unchanged tree: nothing new.
    debtscan()
        .args(["scan", ".", "-q", "--fail-on", "new", "--baseline"])
        .arg(&base)
        .current_dir(repo.path())
        .assert()
        .success();
    repo.write("src/c.rs", "// HACK: brand new debt\npub fn c() {}\n");
    // Declared, so that the new file is not also a dead file.
    let lib = std::fs::read_to_string(repo.path().join("src/lib.rs")).unwrap();
    repo.write("src/lib.rs", format!("pub mod c;\n{lib}"));
    repo.commit("more debt");
    let v = json(
        &[
            "scan",
            ".",
            "-q",
            "--format",
            "json",
            "--baseline",
            base.to_str().unwrap(),
        ],
        repo.path(),
    );
    let states: Vec<(&str, &str)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["summary"].as_str().unwrap(),
                i["baseline_state"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        states.contains(&("HACK: brand new debt", "new")),
        "{states:?}"
    );
    assert_eq!(v["summary"]["baseline"]["new"], 1);
    let sarif: serde_json::Value = serde_json::from_str(&stdout(
        &[
            "scan",
            ".",
            "-q",
            "--format",
            "sarif",
            "--baseline",
            base.to_str().unwrap(),
        ],
        &repo,
    ))
    .unwrap();
    schema::assert_valid(schema::SARIF_2_1_0, &sarif);
    assert!(sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["baselineState"].is_string()));
    debtscan()
        .args(["scan", ".", "-q", "--fail-on", "new", "--baseline"])
        .arg(&base)
        .current_dir(repo.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 new item since the baseline"));
}

#[test]
fn bad_baselines_are_clear_errors() {
    let repo = project();
    let dir = tempfile::tempdir().unwrap();
    let good = json(&["scan", ".", "-q", "--format", "json"], repo.path());
    let text = serde_json::to_string(&good).unwrap();
    let cases = [
        (
            "newer.json",
            text.replacen("\"schema_version\":1", "\"schema_version\":7", 1),
            "newer debtscan (schema_version 7)",
        ),
        (
            "truncated.json",
            text[..text.len() / 2].to_string(),
            "truncated JSON",
        ),
        (
            "other.json",
            "{\"hello\": 1}".to_string(),
            "not a debtscan backlog",
        ),
        (
            "garbage.json",
            "not json at all".to_string(),
            "not valid JSON",
        ),
    ];
    for (name, content, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        debtscan()
            .args(["scan", ".", "-q", "--baseline"])
            .arg(&path)
            .current_dir(repo.path())
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(name).and(predicate::str::contains(message)));
    }
    // A backlog of another repository: none of its files is here.
    let other = Repo::plain();
    for k in 0..3 {
        other.write(&format!("elsewhere{k}.rs"), "// TODO: not from here\n");
    }
    let foreign = dir.path().join("foreign.json");
    std::fs::write(
        &foreign,
        stdout(&["todos", ".", "-q", "--format", "json"], &other),
    )
    .unwrap();
    debtscan()
        .args(["scan", ".", "-q", "--baseline"])
        .arg(&foreign)
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("another repository"));
}

#[test]
fn bad_configs_are_clear_errors() {
    let repo = Repo::plain();
    repo.write("a.rs", "// TODO: x\n");
    let cases = [
        ("[score]\nchange_weight = \"high\"\n", "line 2"),
        ("[score]\nchange_wieght = 1\n", "change_wieght"),
        (
            "[score]\nknowledge_weight = -0.5\n",
            "a weight must be 0 or more",
        ),
        ("[levels]\ncritical = 10\n", "must not decrease"),
        ("score = 3\n", "line 1"),
        ("[markers]\ncluster_min_length = -1\n", "line 2"),
    ];
    for (text, message) in cases {
        repo.write("debtscan.toml", text);
        debtscan()
            .args(["scan", "."])
            .current_dir(repo.path())
            .assert()
            .code(2)
            .stdout("")
            .stderr(
                predicate::str::contains("debtscan.toml").and(predicate::str::contains(message)),
            );
    }
    // 10 MB of config is refused before it is parsed.
    repo.write("debtscan.toml", "#".repeat(10 << 20));
    debtscan()
        .args(["scan", "."])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("larger than 1 MiB"));
}

#[test]
fn output_into_a_missing_or_unwritable_place_leaves_nothing() {
    let repo = project();
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "x").unwrap();
    for target in [
        dir.path().join("missing/out.sarif"),
        blocker.join("out.sarif"),
    ] {
        debtscan()
            .args(["scan", ".", "-q", "--format", "sarif", "-o"])
            .arg(&target)
            .current_dir(repo.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot write the report"));
        assert!(!target.exists());
    }
    // A read-only directory (meaningless for root, who may write anyway).
    use std::os::unix::fs::PermissionsExt;
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), "x").is_err() {
        debtscan()
            .args(["scan", ".", "-q", "-o"])
            .arg(ro.join("out.txt"))
            .current_dir(repo.path())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("cannot write the report"));
        assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn init_writes_the_defaults_once() {
    let repo = project();
    debtscan()
        .args(["init", "."])
        .current_dir(repo.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    let written = std::fs::read_to_string(repo.path().join("debtscan.toml")).unwrap();
    assert!(written.contains("[score]") && written.contains("interest_floor = 0.3"));
    debtscan()
        .args(["init", "."])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("already exists"));
    debtscan()
        .args(["init", ".", "--force"])
        .current_dir(repo.path())
        .assert()
        .success();
    debtscan()
        .args(["init", "--stdout"])
        .current_dir(repo.path())
        .assert()
        .success()
        .stdout(written.clone());
    // The written defaults score exactly as no config at all.
    let with = json(&["scan", ".", "-q", "--format", "json"], repo.path());
    std::fs::remove_file(repo.path().join("debtscan.toml")).unwrap();
    let without = json(&["scan", ".", "-q", "--format", "json"], repo.path());
    assert_eq!(with["items"], without["items"]);
}

#[test]
fn explain_shows_the_whole_breakdown_of_one_item() {
    let repo = project();
    let backlog = json(&["scan", ".", "-q", "--format", "json"], repo.path());
    let item = &backlog["items"][0];
    let id = item["id"].as_str().unwrap();
    let text = stdout(&["explain", id, "-q"], &repo);
    assert!(text.starts_with(item["summary"].as_str().unwrap()));
    for line in item["explanation"].as_array().unwrap() {
        assert!(text.contains(line.as_str().unwrap()), "{text}");
    }
    assert!(text.contains("interest = 0.30 + 0.70 × weighted mean"));
    assert!(text.contains("What to do"));
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("b.json");
    std::fs::write(&saved, serde_json::to_string(&backlog).unwrap()).unwrap();
    let from_file = json(
        &[
            "explain",
            &id[..8],
            "--input",
            saved.to_str().unwrap(),
            "--format",
            "json",
        ],
        repo.path(),
    );
    assert_eq!(&from_file["item"], item);
    debtscan()
        .args(["explain", "v1:0000000000000000", "-q"])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no item"));
}
