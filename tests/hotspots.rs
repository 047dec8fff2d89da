//! Hotspots and the function X-Ray on scripted repositories whose expected numbers are known.

mod common;

use std::collections::BTreeMap;

use common::{items_of, json, Repo};

/// `src` with the body of each named function replaced by `body`.
fn source(functions: &[(&str, &str)], module: Option<(&str, &str)>) -> String {
    let mut out = String::from("use std::fmt;\n\n");
    for (name, body) in functions {
        out.push_str(&format!(
            "pub fn {name}(x: u32) -> u32 {{\n    {body}\n}}\n\n"
        ));
    }
    if let Some((name, body)) = module {
        out.push_str(&format!(
            "mod m {{\n    pub fn {name}() -> u32 {{\n        {body}\n    }}\n}}\n"
        ));
    }
    out
}

#[test]
fn xray_counts_the_commits_that_touched_each_function() {
    let mut repo = Repo::git();
    // c1: created, which is no change of any function in it.
    repo.write(
        "src/lib.rs",
        source(
            &[("a", "x + 1"), ("b", "x + 2"), ("c", "x + 3")],
            Some(("d", "4")),
        ),
    );
    repo.commit("c1");
    // c2: a's body.
    repo.write(
        "src/lib.rs",
        source(
            &[("a", "x + 10"), ("b", "x + 2"), ("c", "x + 3")],
            Some(("d", "4")),
        ),
    );
    repo.commit("c2");
    // c3: a and c.
    repo.write(
        "src/lib.rs",
        source(
            &[("a", "x + 11"), ("b", "x + 2"), ("c", "x + 30")],
            Some(("d", "4")),
        ),
    );
    repo.commit("c3");
    // c4: a new function e above a, which moves everything down: e is created, nothing changed.
    let v4 = source(
        &[
            ("e", "x * 2"),
            ("a", "x + 11"),
            ("b", "x + 2"),
            ("c", "x + 30"),
        ],
        Some(("d", "4")),
    );
    repo.write("src/lib.rs", &v4);
    repo.commit("c4");
    // c5: a pure rename; the X-Ray follows the file through it.
    repo.run_git(&["mv", "src/lib.rs", "src/core.rs"]);
    repo.commit("c5");
    // c6: m::d changes and b is deleted (its lines exist only in the old version).
    repo.write(
        "src/core.rs",
        source(
            &[("e", "x * 2"), ("a", "x + 11"), ("c", "x + 30")],
            Some(("d", "40")),
        ),
    );
    repo.commit("c6");
    // c7: c changes on a branch, merged with a merge commit (which adds no change of its own).
    repo.run_git(&["checkout", "-q", "-b", "topic"]);
    repo.write(
        "src/core.rs",
        source(
            &[("e", "x * 2"), ("a", "x + 11"), ("c", "x + 300")],
            Some(("d", "40")),
        ),
    );
    repo.commit("c7");
    repo.run_git(&["checkout", "-q", "main"]);
    repo.write("README", "unrelated\n");
    repo.commit("c8");
    repo.run_git(&["merge", "-q", "--no-ff", "-m", "merge topic", "topic"]);

    let report = json(
        &["hotspots", ".", "--functions", "--format", "json"],
        repo.path(),
    );
    let expected: BTreeMap<String, u64> = [("a", 2), ("c", 2), ("e", 0), ("m::d", 1)]
        .into_iter()
        .map(|(s, n)| (s.to_string(), n))
        .collect();
    assert_eq!(common::xray(&report, "src/core.rs"), expected, "{report:#}");
    let top = &report["functions"][0];
    assert!(
        top["explanation"][0]
            .as_str()
            .unwrap()
            .contains("of the file's 7 commits"),
        "{top:#}"
    );
}

#[test]
fn xray_skips_binary_versions_and_counts_the_version_after_as_changing_every_function() {
    let mut repo = Repo::git();
    repo.write(
        "src/x.rs",
        "fn x() -> u8 {\n    1\n}\n\nfn y() -> u8 {\n    2\n}\n",
    );
    repo.commit("text");
    repo.write("src/x.rs", b"fn x() -> u8 {\n    \0\n}\n".as_slice());
    repo.commit("binary");
    repo.write(
        "src/x.rs",
        "fn x() -> u8 {\n    3\n}\n\nfn y() -> u8 {\n    2\n}\n",
    );
    repo.commit("text again");
    let report = json(
        &["hotspots", ".", "--functions", "--format", "json"],
        repo.path(),
    );
    // Created by "text" (no change), then "text again" after the unreadable version: which
    // lines it changed cannot be told, so it changed both.
    let expected: BTreeMap<String, u64> = [("x".to_string(), 1), ("y".to_string(), 1)].into();
    assert_eq!(common::xray(&report, "src/x.rs"), expected, "{report:#}");
}

#[test]
fn files_rank_by_change_percentile_times_complexity_percentile() {
    let mut repo = Repo::git();
    let complex = "pub fn f(a: u8) -> u8 {\n    if a > 1 { 1 } else if a > 2 { 2 } else if a > 3 { 3 } else if a > 4 { 4 } else { 0 }\n}\n";
    repo.write("cold.rs", complex);
    repo.write("hot.rs", complex);
    repo.write("simple.rs", "pub fn g() -> u8 {\n    0\n}\n");
    repo.commit("start");
    for k in 0..5 {
        repo.write("hot.rs", format!("{complex}// {k}\n"));
        repo.write(
            "simple.rs",
            format!("pub fn g() -> u8 {{\n    {}\n}}\n", k + 1),
        );
        repo.commit("work");
    }
    let report = json(&["hotspots", ".", "--format", "json"], repo.path());
    let files: Vec<(String, f64, u64)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap().to_string(),
                f["score"].as_f64().unwrap(),
                f["revisions"].as_u64().unwrap(),
            )
        })
        .collect();
    // change: hot = simple (same commits) above cold → 2/3, 2/3, 1/6;
    // complexity: hot = cold (cyclomatic 5) above simple (1) → 2/3, 2/3, 1/6.
    assert_eq!(
        files,
        vec![
            ("hot.rs".to_string(), 0.444, 6),
            // Equal scores: more recent change first.
            ("simple.rs".to_string(), 0.111, 6),
            ("cold.rs".to_string(), 0.111, 1),
        ],
        "{report:#}"
    );
    let why = report["files"][0]["explanation"].to_string();
    assert!(why.contains("changed in 6 commits"), "{why}");
    assert!(why.contains("cyclomatic 5"), "{why}");
    assert!(why.contains("`f`"), "{why}");
}

#[test]
fn hotspots_need_a_repository() {
    let repo = Repo::plain();
    repo.write("a.rs", "fn a() {}\n");
    common::debtscan()
        .args(["hotspots", "."])
        .current_dir(repo.path())
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not inside a git repository"));
}

#[test]
fn a_todo_in_a_hot_function_outranks_the_same_todo_in_cold_code() {
    let mut repo = Repo::git();
    let file = |k: u32| {
        format!(
            "fn hot() -> u32 {{\n    // TODO: handle overflow\n    {k}\n}}\n\n\
             fn cold() -> u32 {{\n    // TODO: handle underflow\n    0\n}}\n"
        )
    };
    // Quiet files around it: a function's change is placed among the files' changes.
    for k in 0..3 {
        repo.write(
            &format!("src/q{k}.rs"),
            format!("pub fn q() -> u8 {{\n    {k}\n}}\n"),
        );
    }
    for k in 0..7 {
        repo.write("src/a.rs", file(k));
        repo.commit("work on hot");
    }
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    let todos = items_of(&backlog, "todo");
    assert_eq!(todos.len(), 2);
    let (hot, cold) = (todos[0], todos[1]);
    assert_eq!(hot["location"]["symbol"], "hot", "{backlog:#}");
    assert_eq!(cold["location"]["symbol"], "cold");
    assert!(hot["score"].as_f64() > cold["score"].as_f64());
    // The commit creating `hot` is no change of it.
    assert_eq!(hot["signals"]["recent_revisions"], 6);
    assert!(
        hot["explanation"]
            .to_string()
            .contains("`hot` itself changed in 6 of the file's 7 commits"),
        "{hot:#}"
    );
    assert!(
        cold["explanation"]
            .to_string()
            .contains("`cold` itself changed in 0 of the file's 7 commits"),
        "{cold:#}"
    );
    assert_eq!(cold["signals"]["change"], 0.0, "{cold:#}");
}

#[test]
fn complex_functions_become_items_identified_by_path_and_symbol() {
    let mut repo = Repo::git();
    // cognitive: for +1, if +2, if +3, for +4, if +5, && +1, while +1, if +2, else +1 = 20.
    let body = "pub fn pick(xs: &[u8]) -> u8 {
    let mut n = 0;
    for x in xs {
        if *x > 1 {
            if *x > 2 {
                for _ in 0..*x {
                    if n > 3 && n < 9 {
                        n += 1;
                    }
                }
            }
        }
    }
    while n > 100 {
        if n % 2 == 0 {
            n -= 1;
        } else {
            n -= 2;
        }
    }
    n
}
";
    // Read at a glance: a flat `match` of 17 arms (cyclomatic 18, cognitive 1) and 150
    // straight lines are not complex functions.
    let arms: String = (0..16).map(|k| format!("        {k} => {k},\n")).collect();
    let table = format!(
        "pub fn table(x: u8) -> u8 {{\n    match x {{\n{arms}        _ => 0,\n    }}\n}}\n"
    );
    let lines: String = (0..150).map(|k| format!("    v.push({k});\n")).collect();
    let straight = format!("pub fn straight(v: &mut Vec<u8>) {{\n{lines}}}\n");
    let body = format!("{body}\n{table}\n{straight}");
    repo.write("src/lib.rs", &body);
    repo.commit("start");
    let items = |backlog: &serde_json::Value| -> Vec<(String, String, u64)> {
        backlog["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["kind"] == "complex-function")
            .map(|i| {
                (
                    i["id"].as_str().unwrap().to_string(),
                    i["summary"].as_str().unwrap().to_string(),
                    i["location"]["start_line"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let before = items(&json(&["scan", ".", "--format", "json"], repo.path()));
    assert_eq!(before.len(), 1);
    assert_eq!(
        before[0].1,
        "Complex function `pick`: cyclomatic 9, cognitive 20, 22 lines"
    );
    repo.write("src/lib.rs", format!("//! Picks.\n\n{body}"));
    repo.commit("doc");
    let after = items(&json(&["scan", ".", "--format", "json"], repo.path()));
    assert_eq!((after[0].0.as_str(), after[0].2), (before[0].0.as_str(), 3));
}

#[test]
fn a_ten_thousand_line_file_and_deep_nesting_are_measured() {
    let repo = Repo::plain();
    let big: String = (0..2_000)
        .map(|k| format!("fn f{k}(x: u32) -> u32 {{\n    if x > {k} {{\n        x\n    }} else {{ 0 }}\n}}\n"))
        .collect();
    assert_eq!(big.lines().count(), 10_000);
    repo.write("big.rs", &big);
    let depth = 200;
    repo.write(
        "deep.rs",
        format!(
            "fn deep(a: bool) {{\n{}{}}}\n",
            "if a {\n".repeat(depth),
            "}\n".repeat(depth)
        ),
    );
    let report = json(&["functions", ".", "--format", "json"], repo.path());
    let files = report["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "big.rs");
    assert_eq!(files[0]["functions"], 2_000);
    assert_eq!(files[0]["cyclomatic"], 4_000);
    assert_eq!(files[0]["code_lines"], 10_000);
    let deep = report["functions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["symbol"] == "deep")
        .unwrap();
    assert_eq!(deep["nesting"], depth);
    assert_eq!(deep["cognitive"], depth * (depth + 1) / 2);
}

#[test]
fn a_large_file_is_a_low_severity_item_that_rises_when_it_changes() {
    let mut repo = Repo::git();
    // 1,200 lines of code in 300 small, simple functions: no complex function, but large.
    let fns = |n: u32| -> String {
        (0..300)
            .map(|k| format!("pub fn f{k}(x: u32) -> u32 {{\n    x + {k}\n        + {n}\n}}\n"))
            .collect()
    };
    repo.write("src/big.rs", fns(0));
    repo.write("src/small.rs", "pub fn one() -> u32 {\n    1\n}\n");
    repo.write("src/quiet.rs", fns(1));
    // 1,200 lines of code too, but 1,120 of them its test module: its own code is small.
    repo.write(
        "src/tested.rs",
        format!(
            "{}#[cfg(test)]\nmod tests {{\n{}}}\n",
            (0..20)
                .map(|k| format!("pub fn g{k}(x: u32) -> u32 {{\n    x + {k}\n        + 1\n}}\n"))
                .collect::<String>(),
            (0..280)
                .map(|k| format!("#[test]\nfn t{k}() {{\n    super::g0({k});\n}}\n"))
                .collect::<String>()
        ),
    );
    repo.commit("start");
    let first = json(&["scan", ".", "--format", "json"], repo.path());
    let large = items_of(&first, "large-file");
    let paths: Vec<&str> = large
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths.len(), 2, "{large:?}");
    assert!(paths.contains(&"src/big.rs") && paths.contains(&"src/quiet.rs"));
    let tested = json(&["functions", ".", "--format", "json"], repo.path());
    let tested = tested["files"].as_array().unwrap().iter();
    let tested: Vec<_> = tested.filter(|f| f["path"] == "src/tested.rs").collect();
    assert!(
        tested[0]["code_lines"].as_u64().unwrap() >= 1_200,
        "{tested:?}"
    );
    let big = large
        .iter()
        .find(|i| i["location"]["path"] == "src/big.rs")
        .unwrap();
    assert_eq!(
        big["summary"],
        "Large file: 1200 lines of code, 300 functions"
    );
    assert_eq!(big["signals"]["severity"], 0.226);
    assert!(items_of(&first, "complex-function").is_empty());
    // Work on big.rs raises its item above the quiet file of the same size.
    for n in 2..6 {
        repo.advance(1);
        repo.write("src/big.rs", fns(n));
        repo.commit("tune");
    }
    let later = json(&["scan", ".", "--format", "json"], repo.path());
    let score = |path: &str| {
        items_of(&later, "large-file")
            .iter()
            .find(|i| i["location"]["path"] == path)
            .unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    assert!(score("src/big.rs") > score("src/quiet.rs"));
}

#[test]
fn a_hot_file_of_simple_functions_is_no_hotspot_item() {
    let mut repo = Repo::git();
    // Thirty quiet, small files make the percentiles; two busy files of about the same total
    // cyclomatic complexity: an API surface of 30 one-branch functions, and an engine whose
    // main function nests its branches (cognitive ≥ min_cognitive) among 30 small ones.
    for k in 0..30 {
        repo.write(
            &format!("src/quiet{k}.rs"),
            format!("pub fn q{k}() -> u8 {{\n    {k}\n}}\n"),
        );
    }
    let api = |n: u32| -> String {
        (0..30)
            .map(|k| {
                format!(
                    "pub fn f{k}(x: u32) -> u32 {{\n    if x > {n} {{ x }} else {{ {k} }}\n}}\n"
                )
            })
            .collect()
    };
    let engine = |n: u32| -> String {
        let mut body = String::from("pub fn run(xs: &[u32]) -> u32 {\n    let mut t = 0;\n");
        body.push_str("    for x in xs {\n        if *x > 1 {\n            for y in xs {\n");
        body.push_str("                if *y > *x && *y % 2 == 0 || *y == 7 {\n                    t += y;\n                } else if *y == 3 {\n                    t -= 1;\n                }\n");
        body.push_str(
            "            }\n        } else {\n            t += 1;\n        }\n    }\n    t\n}\n",
        );
        let rest: String = (0..30)
            .map(|k| {
                format!(
                    "pub fn g{k}(x: u32) -> u32 {{\n    if x > {n} {{ x }} else {{ {k} }}\n}}\n"
                )
            })
            .collect();
        body + &rest
    };
    // The API surface again, with the engine in its `#[cfg(test)]` module: the tests'
    // branching is not the file's.
    let tested = |n: u32| format!("{}\n#[cfg(test)]\nmod tests {{\n{}}}\n", api(n), engine(n));
    repo.write("src/api.rs", api(0));
    repo.write("src/engine.rs", engine(0));
    repo.write("src/tested.rs", tested(0));
    repo.commit("start");
    for n in 1..8 {
        repo.advance(1);
        repo.write("src/api.rs", api(n));
        repo.write("src/engine.rs", engine(n));
        repo.write("src/tested.rs", tested(n));
        repo.commit("work");
    }
    let listing = json(&["hotspots", ".", "--format", "json"], repo.path());
    let listed: Vec<&str> = listing["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["score"].as_f64().unwrap() >= 0.85)
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    for path in ["src/api.rs", "src/engine.rs", "src/tested.rs"] {
        assert!(listed.contains(&path), "{path}: {listing:#}");
    }
    // A file's complexity is its own code's: the test module's branching is left out.
    let cyclomatic = |path: &str| {
        listing["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == path)
            .map(|f| f["cyclomatic"].clone())
    };
    assert_eq!(
        cyclomatic("src/tested.rs"),
        cyclomatic("src/api.rs"),
        "{listing:#}"
    );
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    let items: Vec<&str> = items_of(&backlog, "hotspot")
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(items, ["src/engine.rs"], "{backlog:#}");
}

#[test]
fn a_hot_file_whose_change_is_its_complex_function_is_one_item() {
    let mut repo = Repo::git();
    for k in 0..20 {
        repo.write(
            &format!("src/quiet{k}.rs"),
            format!("pub fn q{k}() -> u8 {{\n    {k}\n}}\n"),
        );
    }
    // One complex function (cognitive 20) that every commit to the file changes (7 of 8: the
    // commit creating it is no change of it).
    let engine = |k: u32| common::complex("pick", k);
    repo.write("src/engine.rs", engine(0));
    repo.commit("start");
    for k in 1..8 {
        repo.advance(1);
        repo.write("src/engine.rs", engine(k));
        repo.commit("tune");
    }
    let listing = json(&["hotspots", ".", "--format", "json"], repo.path());
    let file = &listing["files"][0];
    assert_eq!(file["path"], "src/engine.rs", "{listing:#}");
    assert!(file["score"].as_f64().unwrap() >= 0.85, "{listing:#}");
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    let here: Vec<&serde_json::Value> = backlog["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["location"]["path"] == "src/engine.rs")
        .collect();
    assert_eq!(here.len(), 1, "{backlog:#}");
    let item = here[0];
    assert_eq!(item["kind"], "complex-function");
    assert_eq!(item["location"]["symbol"], "pick");
    let explanation = item["explanation"].to_string();
    assert!(
        explanation.contains("also a hot file: 8 commits in 365 days")
            && explanation.contains("`pick` changed in 7 of them"),
        "{item:#}"
    );
    assert!(explanation.contains("also a hotspot: "), "{item:#}");
    assert!(item["signals"]["hotspot"].as_f64().is_some());
    let related: Vec<(&str, Option<&str>)> = item["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| (l["path"].as_str().unwrap(), l["symbol"].as_str()))
        .collect();
    assert_eq!(related, [("src/engine.rs", None)]);
}

#[test]
fn a_file_that_fix_after_fix_changed_is_a_fix_prone_item() {
    let mut repo = Repo::git();
    let body = |name: &str, n: u32| format!("pub fn {name}() -> u32 {{\n    {n}\n}}\n");
    for f in [
        "src/parser.rs",
        "src/pair.rs",
        "src/lexer.rs",
        "tests/parser.rs",
    ] {
        repo.write(f, body("f", 0));
    }
    for k in 0..30 {
        repo.write(&format!("src/m{k}.rs"), body("m", 0));
    }
    repo.commit("start");
    let mut n = 0;
    let mut change = |repo: &mut Repo, files: &[&str], subject: &str| {
        n += 1;
        for f in files {
            repo.write(f, body("f", n));
        }
        repo.commit(subject);
    };
    // A fix more than a year ago, backported inside the window below: no new fix.
    change(&mut repo, &["src/parser.rs"], "fix: old leak");
    repo.advance(400);
    change(&mut repo, &["src/parser.rs"], "fix: old leak");
    // parser.rs: three fixes, one of them also backported (the same subject again), with
    // its regression test; a mechanical fix and a feature change do not count.
    change(
        &mut repo,
        &["src/parser.rs", "tests/parser.rs"],
        "fix: off by one in spans",
    );
    change(
        &mut repo,
        &["src/parser.rs", "tests/parser.rs"],
        "Fix crash on empty input",
    );
    change(
        &mut repo,
        &["src/parser.rs"],
        "parser: a bug with nested groups",
    );
    change(&mut repo, &["src/parser.rs"], "Fix crash on empty input");
    change(&mut repo, &["src/parser.rs"], "Fix clippy warnings");
    change(&mut repo, &["src/parser.rs"], "add labels");
    // pair.rs: two fixes, below the threshold of three.
    change(&mut repo, &["src/pair.rs"], "fix: pairs");
    change(&mut repo, &["src/pair.rs"], "fix: more pairs");
    // lexer.rs: three fixes, each a sweep across 31 files (a CLI-wide change).
    let sweep: Vec<String> = (0..30).map(|k| format!("src/m{k}.rs")).collect();
    for subject in ["fix(cli): styles", "fix(cli): colors", "fix(cli): help"] {
        let mut files: Vec<&str> = sweep.iter().map(String::as_str).collect();
        files.push("src/lexer.rs");
        change(&mut repo, &files, subject);
    }
    // The calendar window alone: left to hold 300 commits, it would reach the old fix.
    repo.write("debtscan.toml", "[hotspots]\nwindow_min_commits = 0\n");
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    let items = items_of(&backlog, "fix-prone");
    assert_eq!(items.len(), 1, "{items:#?}");
    let item = items[0];
    assert_eq!(item["location"]["path"], "src/parser.rs");
    assert_eq!(
        item["summary"],
        "Fix-prone file: 3 fix commits of its 7 commits in 365 days"
    );
    assert_eq!(item["signals"]["fixes"], 3);
    assert_eq!(item["signals"]["severity"], 0.4);
    let explanation: Vec<&str> = item["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(explanation[0].starts_with("3 fix commits in the 365 days before HEAD ≥ 3"));
    assert!(explanation[0].ends_with("severity 0.40 at 3: 0.40"));
    // The fixes that count, newest first: the first of the two same-subject ones. A fix that
    // also changed its regression test says how much of it landed here (as
    // `git show --numstat` counts: one line replaced in each of the two files).
    let fixes: Vec<&str> = explanation
        .iter()
        .filter_map(|l| l.strip_prefix("fix "))
        .map(|l| l.split_once(") ").unwrap().1)
        .collect();
    assert_eq!(
        fixes,
        [
            "parser: a bug with nested groups",
            "Fix crash on empty input [2 of its 4 changed lines here]",
            "fix: off by one in spans [2 of its 4 changed lines here]"
        ]
    );
    // Fewer required: the pair is one too, the sweeps still none, nor the test file.
    repo.write(
        "debtscan.toml",
        "[hotspots]\nwindow_min_commits = 0\nfix_prone_min_fixes = 2\n",
    );
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    let mut paths: Vec<&str> = items_of(&backlog, "fix-prone")
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    paths.sort();
    assert_eq!(paths, ["src/pair.rs", "src/parser.rs"]);
    repo.write("debtscan.toml", "[hotspots]\nfix_prone_min_fixes = 0\n");
    let backlog = json(&["scan", ".", "--format", "json"], repo.path());
    assert!(items_of(&backlog, "fix-prone").is_empty());
}

/// A project that paused for over a year: the hotspot window stretches back until it holds
/// `window_min_commits` non-merge commits, so the last active stretch is its recent change;
/// with 0, the calendar window alone holds the commits after the pause. `scan --as-of` and the
/// hotspots agree, and a busy history keeps the calendar window.
#[test]
fn the_window_of_a_paused_project_reaches_back_to_its_last_active_stretch() {
    let mut repo = Repo::git();
    let busy = |k: u32| format!("pub fn busy(x: u32) -> u32 {{\n    x + {k}\n}}\n");
    repo.write("src/busy.rs", busy(0));
    repo.write("src/later.rs", "pub fn later() {}\n");
    repo.commit("start");
    for k in 1..=8 {
        repo.write("src/busy.rs", busy(k));
        repo.commit("work");
    }
    let active = repo.run_git(&["rev-parse", "HEAD"]).trim().to_string();
    repo.advance(500);
    for k in 1..=2 {
        repo.write("src/later.rs", format!("pub fn later() -> u32 {{ {k} }}\n"));
        repo.commit("after the pause");
    }
    repo.write("debtscan.toml", "[hotspots]\nwindow_min_commits = 5\n");
    let window = |args: &[&str]| {
        let mut all = vec!["hotspots", ".", "--format", "json"];
        all.extend_from_slice(args);
        let report = json(&all, repo.path());
        let w = &report["window"];
        let revisions: BTreeMap<String, u64> = report["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let path = f["path"].as_str().unwrap().to_string();
                (path, f["revisions"].as_u64().unwrap())
            })
            .collect();
        (
            w["days"].as_u64().unwrap(),
            w["commits"].as_u64().unwrap(),
            revisions,
        )
    };
    // The fifth newest commit is the sixth `work`, 501 + 2 + 1 days before HEAD (a commit a
    // day, the pause of 500 days on top): the window holds it and the four after it.
    let (days, commits, revisions) = window(&[]);
    assert_eq!((days, commits), (504, 5));
    assert_eq!(revisions["src/busy.rs"], 3);
    assert_eq!(revisions["src/later.rs"], 2);
    // The scan's summary says how far the window reaches and that it was stretched, and so
    // does the table's summary line.
    let scan = json(&["scan", ".", "--format", "json"], repo.path());
    let w = &scan["summary"]["window"];
    assert_eq!((&w["days"], &w["commits"]), (&504.into(), &5.into()), "{w}");
    assert_eq!(w["stretched_from"], 365);
    let table = common::debtscan()
        .args(["scan", ".", "-q"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("change counted over 504 days (the 365 before HEAD held too few commits)"),
        "{table}"
    );
    // Days asked for on the command line are the window, however few commits it holds.
    let (days, commits, _) = window(&["--window-days", "365"]);
    assert_eq!((days, commits), (365, 2));
    // The calendar window alone holds the two commits after the pause.
    repo.write("debtscan.toml", "[hotspots]\nwindow_min_commits = 0\n");
    let (days, commits, revisions) = window(&[]);
    assert_eq!((days, commits), (365, 2));
    let scan = json(&["scan", ".", "--format", "json"], repo.path());
    let w = &scan["summary"]["window"];
    assert_eq!((&w["days"], &w["commits"]), (&365.into(), &2.into()), "{w}");
    assert!(w.get("stretched_from").is_none(), "{w}");
    assert_eq!(revisions.get("src/busy.rs").copied().unwrap_or(0), 0);
    // More commits asked for than there are: the whole history, back to the first commit.
    repo.write("debtscan.toml", "[hotspots]\nwindow_min_commits = 50\n");
    let (days, commits, _) = window(&[]);
    assert_eq!((days, commits), (510, 11));
    // As of the last busy commit, the calendar window holds five commits already.
    repo.write("debtscan.toml", "[hotspots]\nwindow_min_commits = 5\n");
    let (days, commits, _) = window(&["--as-of", &active]);
    assert_eq!((days, commits), (365, 9));
    let scan = json(
        &["scan", ".", "--format", "json", "--as-of", &active],
        repo.path(),
    );
    assert_eq!(scan["repository"]["as_of"], active.as_str());
}
