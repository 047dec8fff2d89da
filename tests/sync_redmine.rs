//! `debtscan sync` end to end against a real Redmine (README, "Syncing with a tracker"): a
//! scripted repository lives through eight "nights", each one the README's nightly job (scan
//! with the previous backlog as baseline, then sync), while a person acts on the tracker in
//! between. `.ci/run` starts Redmine with `scripts/redmine-up.sh` and sets
//! `DEBTSCAN_REQUIRE_REDMINE=1`; elsewhere the test is skipped unless `REDMINE_URL`,
//! `REDMINE_API_KEY` and `REDMINE_ID_FIELD` are set (`eval "$(scripts/redmine-up.sh)"`).
//!
//! Each run makes its own project, so runs never see each other's issues.

mod common;

use std::path::{Path, PathBuf};

use common::{debtscan, scan_to, Repo};
use serde_json::{json, Value};

/// The Redmine REST API, for the test's own reads and for the "person" acting on issues.
struct Redmine {
    url: String,
    key: String,
    field: u64,
    project: String,
}

impl Redmine {
    fn from_env() -> Option<Redmine> {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let (url, key, field) = match (
            get("REDMINE_URL"),
            get("REDMINE_API_KEY"),
            get("REDMINE_ID_FIELD"),
        ) {
            (Some(u), Some(k), Some(f)) => (u, k, f.parse().expect("REDMINE_ID_FIELD is a number")),
            _ => {
                assert!(
                    std::env::var_os("DEBTSCAN_REQUIRE_REDMINE").is_none(),
                    "DEBTSCAN_REQUIRE_REDMINE is set but REDMINE_URL, REDMINE_API_KEY or REDMINE_ID_FIELD is not: run `eval \"$(scripts/redmine-up.sh)\"`"
                );
                eprintln!(
                    "skipped: no Redmine (eval \"$(scripts/redmine-up.sh)\" to run this test)"
                );
                return None;
            }
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos();
        let project = format!("e2e-{}-{}", std::process::id(), nanos % 1_000_000_000);
        let r = Redmine {
            url,
            key,
            field,
            project,
        };
        r.send(
            "POST",
            "/projects.json",
            json!({ "project": {
                "name": r.project, "identifier": r.project, "is_public": false,
                "enabled_module_names": ["issue_tracking"],
                "issue_custom_field_ids": [r.field],
            }}),
        );
        Some(r)
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let request = ureq::http::Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.url))
            .header("X-Redmine-API-Key", &self.key)
            .header("Content-Type", "application/json")
            .body(body.map(|b| b.to_string()).unwrap_or_default())
            .unwrap();
        let mut response = agent.run(request).expect("Redmine answers");
        let status = response.status().as_u16();
        let text = response.body_mut().read_to_string().unwrap();
        assert!(
            (200..300).contains(&status),
            "{method} {path}: {status} {text}"
        );
        if text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        }
    }

    fn send(&self, method: &str, path: &str, body: Value) -> Value {
        self.request(method, path, Some(body))
    }

    /// Every issue of the project, by id.
    fn issues(&self) -> Vec<Value> {
        let v = self.request(
            "GET",
            &format!(
                "/issues.json?project_id={}&status_id=*&sort=id&limit=100",
                self.project
            ),
            None,
        );
        v["issues"].as_array().unwrap().clone()
    }

    fn issue(&self, id: u64) -> Value {
        self.request("GET", &format!("/issues/{id}.json?include=journals"), None)["issue"].clone()
    }

    /// What a person does in the web UI.
    fn edit(&self, id: u64, changes: Value) {
        self.send(
            "PUT",
            &format!("/issues/{id}.json"),
            json!({ "issue": changes }),
        );
    }

    fn field(&self, issue: &Value) -> String {
        (issue["custom_fields"].as_array().unwrap().iter())
            .find(|f| f["id"].as_u64() == Some(self.field))
            .and_then(|f| f["value"].as_str())
            .unwrap_or("")
            .to_string()
    }

    fn notes(&self, id: u64) -> String {
        (self.issue(id)["journals"].as_array().unwrap().iter())
            .filter_map(|j| j["notes"].as_str())
            .collect::<Vec<_>>()
            .join("\n---\n")
    }
}

impl Drop for Redmine {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            self.request("DELETE", &format!("/projects/{}.json", self.project), None);
        }
    }
}

/// The scripted repository and the nightly job of the README.
struct Night<'a> {
    repo: Repo,
    out: tempfile::TempDir,
    n: usize,
    redmine: &'a Redmine,
}

impl Night<'_> {
    fn backlog(&self, n: usize) -> PathBuf {
        self.out.path().join(format!("backlog-{n}.json"))
    }

    /// Writes this night's backlog, with the previous night's as the baseline.
    fn scan(&self) {
        let baseline = (self.n > 1).then(|| self.backlog(self.n - 1));
        let baseline = baseline.as_ref().map(|b| b.to_string_lossy());
        let extra: Vec<&str> = (baseline.iter()).flat_map(|b| ["--baseline", b]).collect();
        scan_to(self.repo.path(), "json", &self.backlog(self.n), &extra);
    }

    /// Commits, scans against the previous night's backlog and syncs; returns sync's output.
    fn next(&mut self, message: &str) -> String {
        self.next_with(message, &[])
    }

    fn next_with(&mut self, message: &str, sync: &[&str]) -> String {
        self.repo.commit(message);
        self.n += 1;
        self.scan();
        self.sync(sync)
    }

    fn sync(&self, extra: &[&str]) -> String {
        let out = self.sync_command(extra).output().unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "night {}: sync failed: {}\n{text}",
            self.n,
            String::from_utf8_lossy(&out.stderr)
        );
        text
    }

    fn sync_command(&self, extra: &[&str]) -> assert_cmd::Command {
        let mut cmd = debtscan();
        cmd.current_dir(self.out.path())
            .arg("sync")
            .arg(self.backlog(self.n))
            .args([
                "--tracker",
                "redmine",
                "--min-severity",
                "info",
                "--write-interval-ms",
                "20",
            ])
            .env("REDMINE_URL", &self.redmine.url)
            .env("REDMINE_API_KEY", &self.redmine.key)
            .env("REDMINE_PROJECT", &self.redmine.project)
            .env("REDMINE_ID_FIELD", self.redmine.field.to_string())
            .args(extra);
        cmd
    }
}

const API: &str = "pub fn run() {
    // TODO: retry every request twice
    step();
}

pub fn parse(s: &str) -> usize {
    // FIXME: handle empty input
    s.len()
}
";

const STORE: &str = "pub fn load() {
    // HACK: sleep to wait for the lock
    wait();
}
";

fn by_subject<'v>(issues: &'v [Value], words: &str) -> &'v Value {
    (issues.iter())
        .find(|i| i["subject"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("no issue about {words:?} in {issues:#?}"))
}

fn id(issue: &Value) -> u64 {
    issue["id"].as_u64().unwrap()
}

fn status(issue: &Value) -> &str {
    issue["status"]["name"].as_str().unwrap()
}

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn a_month_of_nights_against_a_real_redmine() {
    let Some(redmine) = Redmine::from_env() else {
        return;
    };
    let repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"app\"\n");
    repo.write("src/api.rs", API);
    repo.write("src/store/cache.rs", STORE);
    repo.write("src/extra.rs", "pub fn helper() {}\n");
    let mut night = Night {
        repo,
        out: tempfile::tempdir().unwrap(),
        n: 0,
        redmine: &redmine,
    };

    // Night 1: three markers, three issues; a dry run first, which writes nothing.
    night.repo.commit("start");
    night.n = 1;
    night.scan();
    let plan_file = night.out.path().join("plan-1.json");
    night.sync(&[
        "--dry-run",
        "--format",
        "json",
        "--output",
        plan_file.to_str().unwrap(),
    ]);
    let plan = read(&plan_file);
    assert_eq!(plan["counts"]["create"], 3, "{plan:#}");
    assert!(redmine.issues().is_empty(), "a dry run writes nothing");
    let out = night.sync(&[]);
    assert!(out.contains("3 to create"), "{out}");
    let issues = redmine.issues();
    assert_eq!(issues.len(), 3, "{issues:#?}");
    let todo = id(by_subject(&issues, "retry every request"));
    let fixme = id(by_subject(&issues, "handle empty input"));
    let hack = id(by_subject(&issues, "sleep to wait"));
    let items: Vec<String> = read(&night.backlog(1))["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    for issue in &issues {
        assert!(
            items.contains(&redmine.field(issue)),
            "the id field holds the item id"
        );
    }

    // Night 2: the TODO is reworded, the HACK's file moves, the FIXME is fixed.
    night.repo.write(
        "src/api.rs",
        API.replace("every", "each")
            .replace("    // FIXME: handle empty input\n", ""),
    );
    std::fs::remove_file(night.repo.path().join("src/store/cache.rs")).unwrap();
    night.repo.write("src/cache.rs", STORE);
    let out = night.next("reword, move, fix");
    assert!(
        out.contains("0 to create"),
        "a reworded or moved item keeps its issue: {out}"
    );
    let issues = redmine.issues();
    assert_eq!(issues.len(), 3);
    let t = redmine.issue(todo);
    assert_eq!(t["subject"], "TODO: retry each request twice");
    assert_eq!(
        redmine.field(&t),
        read(&night.backlog(2))["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["title"].as_str().unwrap().contains("retry each"))
            .unwrap()["id"]
            .as_str()
            .unwrap()
    );
    assert!(redmine.issue(hack)["description"]
        .as_str()
        .unwrap()
        .contains("src/cache.rs"));
    assert_eq!(
        status(&redmine.issue(fixme)),
        "New",
        "one absent run does not close"
    );
    // Yesterday's reviewed plan is refused with today's backlog.
    let late = night
        .sync_command(&["--apply", plan_file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(late.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&late.stderr).contains("plan again"),
        "{late:?}"
    );
    assert_eq!(redmine.issues().len(), 3);

    // Night 3: a person rejects the HACK issue; the job runs twice (a retried CI job).
    redmine.edit(
        hack,
        json!({ "status_id": 6, "notes": "We keep the sleep." }),
    );
    night.repo.write("README.md", "app\n");
    let out = night.next("docs");
    assert!(out.contains("0 to close"), "{out}");
    let again = night.sync(&["--dry-run"]);
    assert!(
        again.contains("0 to update"),
        "a rerun counts no second absence: {again}"
    );
    assert!(again.contains("closed by a person"), "{again}");

    // Night 4: the FIXME has been absent from three runs: closed as fixed. A new TODO. This
    // night's job is reviewed: a plan, applied, and applied again as a rerun after a crash.
    night.repo.write("src/extra.rs", "pub fn helper() {}\n\npub fn flush() {\n    // TODO: batch small writes\n    write();\n}\n");
    let plan_file = night.out.path().join("plan-4.json");
    night.next_with(
        "flush",
        &[
            "--dry-run",
            "--format",
            "json",
            "--output",
            plan_file.to_str().unwrap(),
        ],
    );
    let plan = read(&plan_file);
    assert_eq!(
        (
            plan["counts"]["create"].as_u64(),
            plan["counts"]["close"].as_u64()
        ),
        (Some(1), Some(1)),
        "{plan:#}"
    );
    assert_eq!(redmine.issues().len(), 3);
    let out = night.sync(&["--apply", plan_file.to_str().unwrap()]);
    assert!(out.contains("2 of 2 actions done"), "{out}");
    let out = night.sync(&["--apply", plan_file.to_str().unwrap()]);
    assert!(
        out.contains("0 of 0 actions done; 2 of the reviewed plan's actions dropped"),
        "{out}"
    );
    let f = redmine.issue(fixme);
    assert_eq!(status(&f), "Closed");
    assert!(
        redmine
            .notes(fixme)
            .contains("Fixed: `parse` in `src/api.rs` is still there"),
        "{}",
        redmine.notes(fixme)
    );
    assert_eq!(
        status(&redmine.issue(hack)),
        "Rejected",
        "a person's decision stands"
    );
    let issues = redmine.issues();
    assert_eq!(issues.len(), 4);
    let flush = id(by_subject(&issues, "batch small writes"));

    // Night 5: the FIXME comes back: its issue reopens, no new one. Then a person renames
    // that issue and opts the TODO issue out by emptying its id field.
    night.repo.write("src/api.rs", API.replace("every", "each"));
    let out = night.next("the FIXME is back");
    assert!(
        out.contains("1 to reopen") && out.contains("0 to create"),
        "{out}"
    );
    assert_eq!(status(&redmine.issue(fixme)), "New");
    assert!(redmine.notes(fixme).contains("finds this item again"));
    redmine.edit(fixme, json!({ "subject": "Parser: handle empty input" }));
    redmine.edit(
        todo,
        json!({ "custom_fields": [{ "id": redmine.field, "value": "" }] }),
    );

    // Night 6: flush() is deleted (its TODO vanishes with it); the FIXME is reworded; the
    // TODO, whose issue was opted out, is still there and gets no new issue.
    night.repo.write(
        "src/api.rs",
        API.replace("every", "each")
            .replace("empty input", "empty and blank input"),
    );
    night.repo.write("src/extra.rs", "pub fn helper() {}\n");
    let out = night.next("drop flush");
    assert!(
        out.contains("0 to create"),
        "an opted-out issue is not replaced: {out}"
    );
    assert!(out.contains("opted out"), "{out}");
    let f = redmine.issue(fixme);
    assert_eq!(
        f["subject"], "Parser: handle empty input",
        "a person's title stands"
    );
    assert!(f["description"]
        .as_str()
        .unwrap()
        .contains("empty and blank input"));
    assert_eq!(
        redmine.field(&redmine.issue(todo)),
        "",
        "an opted-out issue is not written"
    );
    assert_eq!(
        redmine.issue(todo)["subject"],
        "TODO: retry each request twice"
    );

    // Nights 7 and 8: nothing changes; flush's issue closes after its third absent run.
    let out = night.next("quiet");
    assert!(out.contains("0 to close"), "{out}");
    let out = night.next("quiet");
    assert!(out.contains("1 to close"), "{out}");
    assert_eq!(status(&redmine.issue(flush)), "Closed");
    assert!(
        redmine
            .notes(flush)
            .contains("Vanished: `flush` in `src/extra.rs` is gone"),
        "{}",
        redmine.notes(flush)
    );

    // After the first week: four issues, no duplicate, every human decision kept.
    let issues = redmine.issues();
    assert_eq!(issues.len(), 4, "{issues:#?}");
    assert_eq!(status(&redmine.issue(todo)), "New");
    assert_eq!(status(&redmine.issue(fixme)), "New");
    assert_eq!(status(&redmine.issue(hack)), "Rejected");
    let quiet = night.sync(&["--dry-run"]);
    assert!(
        quiet.contains("0 to create, 0 to update, 0 to close, 0 to reopen"),
        "{quiet}"
    );

    // The rest of the month: every night a function with a TODO is added and one four
    // nights old goes (its TODO fixed on even nights, the function deleted on odd ones);
    // every fifth night a live TODO is reworded, and on night 20 the TODO of night 10 comes
    // back. After each night the tracker must hold no duplicate, no wrong close, and the
    // people's decisions.
    let mut live: Vec<usize> = Vec::new();
    let mut fixed_only: Vec<usize> = Vec::new();
    let churn = |live: &[usize], fixed_only: &[usize], reworded: &[usize]| -> String {
        let mut code = String::new();
        for k in live {
            let text = if reworded.contains(k) {
                format!("retry each failed {} request with backoff", NOUNS[*k])
            } else {
                format!("retry every failed {} request with backoff", NOUNS[*k])
            };
            code.push_str(&format!(
                "pub fn f{k}() {{\n    // TODO: {text}\n    go({k});\n}}\n\n"
            ));
        }
        for k in fixed_only {
            code.push_str(&format!("pub fn f{k}() {{\n    go({k});\n}}\n\n"));
        }
        code
    };
    let mut reworded: Vec<usize> = Vec::new();
    for n in 9..=30 {
        live.push(n);
        if n >= 13 {
            let gone = live.remove(0);
            if gone.is_multiple_of(2) {
                fixed_only.push(gone);
            }
        }
        if n.is_multiple_of(5) {
            if let Some(k) = live.first() {
                reworded.push(*k);
            }
        }
        if n == 20 {
            // f10's TODO was fixed on night 14 and its issue closed on night 16: it returns.
            fixed_only.retain(|k| *k != 10);
            live.push(10);
        }
        night
            .repo
            .write("src/churn.rs", churn(&live, &fixed_only, &reworded));
        let out = night.next(&format!("night {n}"));
        eprintln!("night {n}: {}", out.lines().next().unwrap_or(""));
        // One new function a night: one create, whatever was reworded, fixed or deleted.
        assert!(out.contains(": 1 to create,"), "night {n}: {out}");
        if n == 20 {
            assert!(out.contains("1 to reopen"), "{out}");
        }
        invariants(&redmine, &read(&night.backlog(night.n)), n);
    }
    assert_eq!(status(&redmine.issue(hack)), "Rejected");
    assert_eq!(
        redmine.issue(fixme)["subject"],
        "Parser: handle empty input"
    );
    assert_eq!(redmine.field(&redmine.issue(todo)), "");
}

/// One word per function of the month, so that no two of its TODOs read alike (alike markers
/// in one file are one item: README, "One item per problem").
const NOUNS: [&str; 31] = [
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "",
    "billing",
    "search",
    "upload",
    "login",
    "export",
    "import",
    "refund",
    "invoice",
    "report",
    "webhook",
    "avatar",
    "session",
    "archive",
    "payment",
    "profile",
    "thumbnail",
    "backup",
    "audit",
    "quota",
    "metrics",
    "signup",
    "cart",
];

/// What must hold after every night: one issue per item, every item with an issue (all are
/// over the thresholds and few are new each night), closes only of absent items, no item
/// absent for three runs with its issue still open.
fn invariants(redmine: &Redmine, backlog: &Value, night: usize) {
    let items: Vec<&Value> = backlog["items"].as_array().unwrap().iter().collect();
    let present = |id: &str| items.iter().any(|i| i["id"] == id);
    let issues = redmine.issues();
    let mut seen = std::collections::HashMap::new();
    for issue in &issues {
        let body = issue["description"]
            .as_str()
            .unwrap_or("")
            .replace("\r\n", "\n");
        let marker = body
            .split("<!-- debtscan:")
            .nth(1)
            .and_then(|r| r.split(" -->").next())
            .unwrap_or("");
        let field = redmine.field(issue);
        let id = if field.is_empty() {
            marker.to_string()
        } else {
            field.clone()
        };
        if let Some(other) = seen.insert(id.clone(), id_of(issue)) {
            panic!(
                "night {night}: issues #{other} and #{} both track {id}",
                id_of(issue)
            );
        }
        let debtscan_closed = body.contains("\"closed\":");
        if status(issue) == "Closed" && debtscan_closed {
            assert!(
                !present(&id),
                "night {night}: #{} closed while {id} is present",
                id_of(issue)
            );
        }
        if status(issue) == "New" && !field.is_empty() && !present(&id) {
            let absent = body
                .split("\"absent\":")
                .nth(1)
                .and_then(|r| r.split([',', '}']).next())
                .unwrap_or("0");
            assert!(
                absent.parse::<u32>().unwrap() < 3,
                "night {night}: #{} open after 3 absences",
                id_of(issue)
            );
        }
    }
    for item in &items {
        let id = item["id"].as_str().unwrap();
        assert!(
            seen.contains_key(id),
            "night {night}: {id} ({}) has no issue",
            item["title"]
        );
    }
}

fn id_of(issue: &Value) -> u64 {
    issue["id"].as_u64().unwrap()
}

/// A backlog of a small repository, written with `--top 1` when `top`.
fn small_backlog(dir: &Path, top: bool) -> PathBuf {
    let mut repo = Repo::git();
    repo.write("src/api.rs", API);
    repo.commit("start");
    let file = dir.join(if top { "top.json" } else { "all.json" });
    scan_to(
        repo.path(),
        "json",
        &file,
        if top { &["--top", "1"] } else { &[] },
    );
    file
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let dir = tempfile::tempdir().unwrap();
    let top = small_backlog(dir.path(), true);
    let all = small_backlog(dir.path(), false);
    let not_a_plan = dir.path().join("plan.json");
    std::fs::write(&not_a_plan, "{\"actions\": 3}").unwrap();
    // Port 9 (discard): nothing answers, so a request would fail loudly, not pass quietly.
    let env = [
        ("REDMINE_URL", "http://127.0.0.1:9"),
        ("REDMINE_PROJECT", "p"),
        ("REDMINE_API_KEY", "sekrit-key"),
    ];
    // The backlog, extra flags, the environment, what standard error must say.
    type Case<'a> = (&'a Path, &'a [&'a str], &'a [(&'a str, &'a str)], &'a str);
    let cases: &[Case] = &[
        (
            &top,
            &[],
            &env,
            "the backlog holds 1 of its 2 items (written with --top?)",
        ),
        (&all, &[], &env[..2], "set REDMINE_API_KEY"),
        (&dir.path().join("missing.json"), &[], &env, "missing.json"),
        (
            &all,
            &["--apply", not_a_plan.to_str().unwrap()],
            &env,
            "connecting to Redmine",
        ),
        (
            &all,
            &[],
            &env,
            "connecting to Redmine: GET http://127.0.0.1:9/issue_statuses.json",
        ),
    ];
    for (backlog, args, env, want) in cases {
        let mut cmd = debtscan();
        cmd.arg("sync")
            .arg(backlog)
            .args(["--tracker", "redmine"])
            .args(*args);
        cmd.env_remove("REDMINE_URL")
            .env_remove("REDMINE_PROJECT")
            .env_remove("REDMINE_API_KEY")
            .env_remove("REDMINE_ID_FIELD");
        for (k, v) in *env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(want), "{args:?}: want {want:?} in {err}");
        assert!(!err.contains("sekrit"), "the key is never printed: {err}");
    }
}
