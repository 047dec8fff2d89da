//! Tracker-ready items through the real binary (README, "Tracker-ready items"): a short title
//! that keeps its words while the figures change, a severity level, a permalink from the
//! `origin` remote or `--remote-url`, and a Markdown body carrying the item's hidden id.

mod common;

use std::collections::BTreeMap;

use common::{complex, debtscan, json, Repo};
use serde_json::Value;

/// A repository whose `origin` is on GitHub, with a complex function and a long marker.
fn repo() -> Repo {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"app\"\n");
    repo.write(
        "src/lib.rs",
        format!(
            "// TODO: {}\npub fn small() {{}}\n\n{}",
            "replace this hand-rolled retry loop with the shared backoff policy ".repeat(4),
            complex("tangled", 1)
        ),
    );
    repo.commit("start");
    repo.run_git(&["remote", "add", "origin", "git@github.com:acme/app.git"]);
    repo
}

fn by_id(backlog: &Value) -> BTreeMap<String, Value> {
    backlog["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), i.clone()))
        .collect()
}

#[test]
fn items_are_ready_for_a_tracker() {
    let mut repo = repo();
    let head = repo.run_git(&["rev-parse", "HEAD"]).trim().to_string();
    let first = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let items = first["items"].as_array().unwrap();
    assert!(items.len() >= 2, "{first}");
    for item in items {
        let id = item["id"].as_str().unwrap();
        let title = item["title"].as_str().unwrap();
        assert!(!title.is_empty() && title.chars().count() <= 100, "{title}");
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&item["severity"].as_str().unwrap()),
            "{item}"
        );
        let body = item["body"].as_str().unwrap();
        assert!(
            body.starts_with(item["summary"].as_str().unwrap()),
            "{body}"
        );
        assert!(body.contains("**What to do:**"), "{body}");
        assert!(
            body.ends_with(&format!("<!-- debtscan:{id} -->\n")),
            "{body}"
        );
        let link = item["permalink"].as_str().unwrap();
        assert!(
            link.starts_with(&format!(
                "https://github.com/acme/app/blob/{head}/src/lib.rs"
            )),
            "{link}"
        );
        assert!(body.contains(link), "{body}");
    }
    let function = items
        .iter()
        .find(|i| i["kind"] == "complex-function")
        .expect("a complex function");
    assert_eq!(function["title"], "Complex function `tangled` (lib.rs)");
    let start = function["location"]["start_line"].as_u64().unwrap();
    let end = function["location"]["end_line"].as_u64().unwrap();
    assert!(
        function["permalink"]
            .as_str()
            .unwrap()
            .ends_with(&format!("#L{start}-L{end}")),
        "{function}"
    );
    let marker = items.iter().find(|i| i["kind"] == "todo").expect("a TODO");
    let title = marker["title"].as_str().unwrap();
    assert!(
        title.starts_with("TODO: replace this hand-rolled retry loop"),
        "{title}"
    );
    assert!(title.ends_with('…'), "{title}");

    // More commits change the figures of the summaries, not the titles.
    for k in 2..5 {
        repo.write(
            "src/lib.rs",
            std::fs::read_to_string(repo.path().join("src/lib.rs"))
                .unwrap()
                .replace(&format!("n + {}", k - 1), &format!("n + {k}")),
        );
        repo.commit(&format!("tweak {k}"));
    }
    let later = by_id(&json(&["scan", ".", "--format", "json", "-q"], repo.path()));
    for (id, before) in by_id(&first) {
        if let Some(after) = later.get(&id) {
            assert_eq!(before["title"], after["title"], "{id}");
        }
    }

    // --remote-url wins over origin; an address on no known forge is a usage error.
    let gitlab = json(
        &[
            "scan",
            ".",
            "--format",
            "json",
            "-q",
            "--remote-url",
            "https://gitlab.example.org/team/app.git",
        ],
        repo.path(),
    );
    let link = gitlab["items"][0]["permalink"].as_str().unwrap();
    assert!(
        link.starts_with("https://gitlab.example.org/team/app/-/blob/"),
        "{link}"
    );
    debtscan()
        .current_dir(repo.path())
        .args(["scan", ".", "--remote-url", "https://example.com/x/y"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--remote-url https://example.com/x/y",
        ));
}

#[test]
fn no_permalink_without_a_known_forge() {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", "// FIXME: later\npub fn f() {}\n");
    repo.commit("start");
    repo.run_git(&["remote", "add", "origin", "/srv/git/app.git"]);
    let backlog = json(&["todos", ".", "--format", "json", "-q"], repo.path());
    let item = &backlog["items"][0];
    assert!(item.get("permalink").is_none(), "{item}");
    assert!(
        item["body"].as_str().unwrap().contains("`src/lib.rs:1`"),
        "{item}"
    );
}

#[test]
fn a_baseline_run_lists_what_is_gone_and_gates_on_worse() {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"app\"\n");
    repo.write(
        "src/lib.rs",
        format!(
            "pub mod jobs;\n// FIXME: drop the legacy wire format\npub fn f() {{}}\n\n{}",
            complex("tangled", 1)
        ),
    );
    repo.write(
        "src/jobs.rs",
        "// TODO: one queue per tenant\npub fn run() {}\n",
    );
    repo.commit("start");
    // Outside the repository, which a scan never writes into.
    let out = tempfile::tempdir().unwrap();
    let baseline = out.path().join("baseline.json");
    let baseline = baseline.to_str().unwrap();
    debtscan()
        .current_dir(repo.path())
        .args(["scan", ".", "--format", "json", "-q", "-o", baseline])
        .assert()
        .success();
    // The FIXME is done (its function stays); `tangled` gets much more complex; a new TODO.
    let worse = complex("tangled", 1).replace(
        "    n + 1\n",
        "    for a in xs {\n        if *a > 3 {\n            if *a > 4 {\n                if *a > 5 \
         {\n                    if *a > 6 {\n                        n += 1;\n                    \
         }\n                }\n            }\n        }\n    }\n    n + 1\n",
    );
    repo.write(
        "src/lib.rs",
        format!("pub mod jobs;\npub fn f() {{}}\n\n{worse}"),
    );
    repo.write(
        "src/jobs.rs",
        "// TODO: one queue per tenant\n// TODO: retry failed jobs\npub fn run() {}\n",
    );
    repo.commit("more");
    let args = [
        "scan",
        ".",
        "--format",
        "json",
        "-q",
        "--baseline",
        baseline,
    ];
    let run = json(&args, repo.path());
    let b = &run["summary"]["baseline"];
    let gone = b["gone"].as_array().unwrap();
    assert_eq!(gone.len(), 1, "{b}");
    assert_eq!(
        gone[0]["title"], "FIXME: drop the legacy wire format",
        "{b}"
    );
    assert_eq!(gone[0]["resolution"], "fixed", "{b}");
    let items = run["items"].as_array().unwrap();
    let function = items
        .iter()
        .find(|i| i["kind"] == "complex-function")
        .unwrap();
    let then = function["baseline_score"].as_f64().unwrap();
    let now = function["score"].as_f64().unwrap();
    assert!(now - then >= 5.0, "{function}");
    let new = items
        .iter()
        .find(|i| i["title"] == "TODO: retry failed jobs")
        .unwrap();
    assert_eq!(new["baseline_state"], "new");
    assert!(new.get("baseline_score").is_none(), "{new}");

    // The gate: worse by 5 (the default) fails and names the item; by more than it rose passes.
    let mut gate = args.to_vec();
    gate.extend(["--fail-on", "worse"]);
    debtscan()
        .current_dir(repo.path())
        .args(&gate)
        .assert()
        .code(1)
        .stderr(predicates::str::contains("--fail-on worse>=5: 1 item"))
        .stderr(predicates::str::contains("tangled"));
    let high = format!("worse>={}", (now - then).ceil() + 1.0);
    let mut gate = args.to_vec();
    gate.extend(["--fail-on", &high]);
    debtscan()
        .current_dir(repo.path())
        .args(&gate)
        .assert()
        .success();
    // Without a baseline, `worse` is a usage error; the table marks new items and counts gone.
    debtscan()
        .current_dir(repo.path())
        .args(["scan", ".", "--fail-on", "worse"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--fail-on worse needs --baseline",
        ));
    let table = debtscan()
        .current_dir(repo.path())
        .args(["scan", ".", "-q", "--baseline", baseline])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("[new] TODO: retry failed jobs"), "{table}");
    assert!(table.contains("1 gone (1 fixed)"), "{table}");
}

#[test]
fn assignees_come_from_the_marker_codeowners_and_the_main_author() {
    let repo = Repo::git();
    repo.write(
        ".github/CODEOWNERS",
        "*  @core-team-lead\nsrc/billing/ @ana-gh @acme/billing fin@example.com\n!src/x.rs @nobody\n",
    );
    repo.write(
        "src/billing/invoice.rs",
        "pub fn total() -> u32 {\n    // TODO(bruno): round per line, not per invoice\n    1\n}\n",
    );
    repo.write(
        "src/report.rs",
        "pub fn render() {\n    // FIXME: escape the CSV cells\n}\n",
    );
    repo.commit_as(
        "start",
        "Carla Dias",
        "4242+carla-d@users.noreply.github.com",
        1_700_000_000,
    );
    repo.write(
        "debtscan.toml",
        "[tracker]\nmax_assignees = 3\n\n[tracker.logins]\n\"fin@example.com\" = \"fiona\"\nbruno = \"bruno-gh\"\n",
    );
    let out = debtscan()
        .args(["scan", ".", "--format", "json"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(".github/CODEOWNERS: line 3 is no owner rule"),
        "{stderr}"
    );
    let backlog: Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = |path: &str| -> Value {
        let items = backlog["items"].as_array().unwrap();
        (items.iter())
            .find(|i| i["location"]["path"] == path && i["kind"] == "todo")
            .unwrap_or_else(|| panic!("no todo in {path}: {backlog}"))
            .clone()
    };
    let who = |i: &Value| -> Vec<(String, String, String)> {
        (i["suggested_assignees"].as_array().unwrap().iter())
            .map(|a| {
                (
                    a["login"].as_str().unwrap_or("-").to_string(),
                    a["source"].as_str().unwrap().to_string(),
                    a["person"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let t = |l: &str, s: &str, p: &str| (l.to_string(), s.to_string(), p.to_string());
    // The owner named in the marker first (mapped), then CODEOWNERS users and emails (a team
    // is no assignee), cut at three.
    assert_eq!(
        who(&item("src/billing/invoice.rs")),
        vec![
            t("bruno-gh", "marker-owner", "bruno"),
            t("ana-gh", "codeowners", "@ana-gh"),
            t("fiona", "codeowners", "fin@example.com"),
        ]
    );
    // No owner in the marker: the catch-all CODEOWNERS line, then the main author, whose
    // login a GitHub noreply email gives.
    assert_eq!(
        who(&item("src/report.rs")),
        vec![
            t("core-team-lead", "codeowners", "@core-team-lead"),
            t(
                "carla-d",
                "main-author",
                "Carla Dias <4242+carla-d@users.noreply.github.com>"
            ),
        ]
    );
}
