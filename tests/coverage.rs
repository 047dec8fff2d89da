//! `--coverage` through the real binary: of two equally complex functions, the one the tests
//! never run ranks higher and its explanation says why, from an LCOV file and from a Cobertura
//! file alike; without a report, or with full coverage, nothing changes; report paths that
//! match no scanned file are one warning; bad reports are clear errors.

mod common;

use common::{debtscan, items_of, json, Repo};
use serde_json::Value;

/// A function with cognitive complexity 20 (a `complex-function` at the default threshold).
fn complex(name: &str) -> String {
    format!(
        r#"pub fn {name}(v: &[i32]) -> i32 {{
    let mut n = 0;
    for x in v {{
        if *x > 0 {{
            for y in 0..*x {{
                if y % 2 == 0 && y % 3 == 0 {{
                    n += 1;
                }} else if y % 5 == 0 {{
                    n += 2;
                }} else {{
                    n += 3;
                }}
                while n > 100 {{
                    n -= 7;
                }}
            }}
        }} else if *x < -10 {{
            n -= 1;
        }}
        if n == 42 {{
            return n;
        }}
    }}
    n
}}
"#
    )
}

/// A repository with `tested` and `untested`, equally complex, in one file.
fn repo() -> Repo {
    let mut repo = Repo::git();
    repo.write(
        "src/lib.rs",
        format!("{}\n{}", complex("tested"), complex("untested")),
    );
    repo.write("src/other.rs", "pub fn small() -> u8 {\n    1\n}\n");
    repo.commit("start");
    repo
}

/// `symbol → (first line, last line)` of the functions of `src/lib.rs`, as debtscan measures
/// them, so the hand-written reports below follow the fixture.
fn spans(repo: &Repo) -> Vec<(String, u64, u64)> {
    let report = json(&["functions", ".", "--format", "json"], repo.path());
    report["functions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["path"] == "src/lib.rs")
        .map(|f| {
            (
                f["symbol"].as_str().unwrap().to_string(),
                f["start_line"].as_u64().unwrap(),
                f["end_line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// `(line, hits)` for every line of both functions: `tested` run `tested_hits` times each,
/// `untested` `untested_hits` times.
fn lines(repo: &Repo, tested_hits: u64, untested_hits: u64) -> Vec<(u64, u64)> {
    let mut out = Vec::new();
    for (symbol, start, end) in spans(repo) {
        let hits = if symbol == "tested" {
            tested_hits
        } else {
            untested_hits
        };
        out.extend((start..=end).map(|l| (l, hits)));
    }
    out
}

fn lcov(path: &str, lines: &[(u64, u64)]) -> String {
    let mut text = format!("TN:\nSF:{path}\nFN:1,tested\nFNDA:1,tested\n");
    for (line, hits) in lines {
        text.push_str(&format!("DA:{line},{hits}\n"));
    }
    let hit = lines.iter().filter(|(_, h)| *h > 0).count();
    text.push_str(&format!("LF:{}\nLH:{hit}\nend_of_record\n", lines.len()));
    text
}

fn cobertura(source: &str, filename: &str, lines: &[(u64, u64)]) -> String {
    let mut text = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE coverage SYSTEM \
         \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n<coverage line-rate=\"0.5\" \
         version=\"1.9\">\n  <sources>\n    <source>{source}</source>\n  </sources>\n  \
         <packages>\n    <package name=\"src\">\n      <classes>\n        <class name=\"lib\" \
         filename=\"{filename}\">\n          <lines>\n"
    );
    for (line, hits) in lines {
        text.push_str(&format!(
            "            <line number=\"{line}\" hits=\"{hits}\"/>\n"
        ));
    }
    text.push_str("          </lines>\n        </class>\n      </classes>\n    </package>\n  </packages>\n</coverage>\n");
    text
}

/// The `complex-function` item of `symbol`.
fn item<'b>(backlog: &'b Value, symbol: &str) -> &'b Value {
    items_of(backlog, "complex-function")
        .into_iter()
        .find(|i| i["location"]["symbol"] == symbol)
        .unwrap_or_else(|| panic!("no complex-function item for {symbol}"))
}

fn score(backlog: &Value, symbol: &str) -> f64 {
    item(backlog, symbol)["score"].as_f64().unwrap()
}

fn explanation(item: &Value) -> Vec<&str> {
    item["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect()
}

fn scan(repo: &Repo, extra: &[&str]) -> Value {
    let mut args = vec!["scan", ".", "--format", "json", "-q"];
    args.extend(extra);
    json(&args, repo.path())
}

/// The checks both formats share: the untested function ranks above the tested one, says
/// why, and carries its coverage; ids are those of the run without coverage.
fn check_untested_ranks_higher(repo: &Repo, report: &str, plain: &Value) {
    let backlog = scan(repo, &["--coverage", report]);
    let (tested, untested) = (item(&backlog, "tested"), item(&backlog, "untested"));
    assert!(
        score(&backlog, "untested") > score(&backlog, "tested"),
        "{report}: {} vs {}",
        untested["score"],
        tested["score"]
    );
    assert!(untested["rank"].as_u64() < tested["rank"].as_u64());
    // Fully covered code scores as without coverage.
    assert_eq!(tested["score"], item(plain, "tested")["score"], "{report}");
    let n = untested["coverage"]["instrumented"].as_u64().unwrap();
    assert!(n > 10, "{report}: {n}");
    assert_eq!(untested["coverage"]["covered"], 0);
    assert_eq!(untested["coverage"]["share"], 0.0);
    assert_eq!(tested["coverage"]["share"], 1.0);
    let why = explanation(untested);
    let line = format!(
        "none of the function's {n} instrumented lines is covered by tests (coverage: {report})"
    );
    assert!(
        why.iter().any(|e| e.starts_with(&line)),
        "{report}: {why:#?}"
    );
    assert!(
        explanation(tested)
            .iter()
            .any(|e| e.contains("are covered by tests") && e.ends_with("severity unchanged")),
        "{report}"
    );
    // Coverage changes scores, never identities.
    for symbol in ["tested", "untested"] {
        assert_eq!(item(&backlog, symbol)["id"], item(plain, symbol)["id"]);
        assert_eq!(
            item(&backlog, symbol)["weak_id"],
            item(plain, symbol)["weak_id"]
        );
    }
    let summary = &backlog["summary"]["coverage"];
    assert_eq!(summary["reports"][0]["file"], report);
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["functions"], 2);
    // src/other.rs has a function and is in no report.
    assert_eq!(summary["files_not_in_report"], 1);
    assert_eq!(summary["unmatched_paths"], 0);
}

#[test]
fn without_coverage_equal_functions_score_equally() {
    let repo = repo();
    let plain = scan(&repo, &[]);
    assert_eq!(score(&plain, "tested"), score(&plain, "untested"));
    assert!(plain["summary"].get("coverage").is_none());
    assert!(item(&plain, "tested").get("coverage").is_none());
    assert_eq!(plain["scoring"]["coverage_weight"], 0.5);
}

#[test]
fn lcov_untested_function_ranks_higher_and_says_why() {
    let repo = repo();
    let plain = scan(&repo, &[]);
    // cargo llvm-cov writes absolute paths.
    let root = repo.path().canonicalize().unwrap();
    let abs = format!("{}/src/lib.rs", root.display());
    repo.write("lcov.info", lcov(&abs, &lines(&repo, 3, 0)));
    check_untested_ranks_higher(&repo, "lcov.info", &plain);
    assert_eq!(
        scan(&repo, &["--coverage", "lcov.info"])["summary"]["coverage"]["reports"][0]["format"],
        "lcov"
    );
}

#[test]
fn cobertura_untested_function_ranks_higher_and_says_why() {
    let repo = repo();
    let plain = scan(&repo, &[]);
    // tarpaulin writes the repository as the source and relative file names.
    let root = repo.path().canonicalize().unwrap();
    repo.write(
        "cobertura.xml",
        cobertura(
            &root.display().to_string(),
            "src/lib.rs",
            &lines(&repo, 1, 0),
        ),
    );
    check_untested_ranks_higher(&repo, "cobertura.xml", &plain);
}

#[test]
fn full_coverage_changes_no_score() {
    let repo = repo();
    let plain = scan(&repo, &[]);
    repo.write("full.info", lcov("src/lib.rs", &lines(&repo, 1, 1)));
    let full = scan(&repo, &["--coverage", "full.info"]);
    let scores = |b: &Value| -> Vec<(String, f64)> {
        b["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                (
                    i["id"].as_str().unwrap().into(),
                    i["score"].as_f64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(scores(&full), scores(&plain));
}

#[test]
fn reports_from_the_config_and_several_reports() {
    let repo = repo();
    let all = lines(&repo, 1, 0);
    let (first, second): (Vec<_>, Vec<_>) = all.iter().partition(|(l, _)| l % 2 == 0);
    repo.write("cov/a.info", lcov("src/lib.rs", &first));
    repo.write("cov/b.info", lcov("./src/lib.rs", &second));
    let both = scan(
        &repo,
        &["--coverage", "cov/a.info", "--coverage", "cov/b.info"],
    );
    let why = explanation(item(&both, "untested"));
    assert!(
        why.iter()
            .any(|e| e.contains("(coverage: cov/a.info, cov/b.info)")),
        "{why:#?}"
    );
    assert!(score(&both, "untested") > score(&both, "tested"));
    // The same from `[coverage] files`, relative to the config file.
    repo.write(
        "debtscan.toml",
        "[coverage]\nfiles = [\"cov/a.info\", \"cov/b.info\"]\n\n[score]\ncoverage_weight = 1.0\n",
    );
    let configured = scan(&repo, &[]);
    assert_eq!(
        configured["summary"]["coverage"]["reports"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(score(&configured, "untested") > score(&both, "untested"));
    assert_eq!(score(&configured, "tested"), score(&both, "tested"));
}

#[test]
fn report_paths_outside_the_repository_are_one_warning() {
    let repo = repo();
    let mut text = lcov("src/lib.rs", &lines(&repo, 1, 0));
    text.push_str(&lcov("/somewhere/else/gen.rs", &[(1, 1)]));
    repo.write("lcov.info", text);
    let out = debtscan()
        .args(["scan", ".", "--format", "json", "--coverage", "lcov.info"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let warning = "1 path in the coverage report matches no scanned file (/somewhere/else/gen.rs)";
    assert!(stderr.contains(warning), "{stderr}");
    let backlog: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(backlog["summary"]["coverage"]["unmatched_paths"], 1);
    assert!(backlog["summary"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().starts_with(warning)));
    // The matched file still counts.
    assert!(score(&backlog, "untested") > score(&backlog, "tested"));
}

#[test]
fn empty_reports_warn_and_change_nothing() {
    let repo = repo();
    let plain = scan(&repo, &[]);
    repo.write("empty.info", "");
    let out = debtscan()
        .args(["scan", ".", "--coverage", "empty.info"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("coverage report empty.info describes no source file"));
    let backlog = scan(&repo, &["--coverage", "empty.info"]);
    assert_eq!(score(&backlog, "untested"), score(&plain, "untested"));
}

#[test]
fn bad_reports_are_clear_errors() {
    let repo = repo();
    repo.write("text.txt", "coverage: 80%\n");
    repo.write(
        "bad.info",
        "TN:\nSF:src/lib.rs\nDA:1,1\nDA:2,lots\nend_of_record\n",
    );
    repo.write(
        "broken.xml",
        "<coverage>\n<packages>\n<package>\n</coverage>\n",
    );
    repo.write(
        "jacoco.xml",
        "<?xml version=\"1.0\"?>\n<report name=\"x\"/>\n",
    );
    let cases: [(&[&str], &str); 6] = [
        (
            &["scan", ".", "--coverage", "missing.info"],
            "missing.info: no such coverage report",
        ),
        (
            &["scan", ".", "--coverage", "text.txt"],
            "text.txt: line 1: neither LCOV",
        ),
        (
            &["scan", ".", "--coverage", "bad.info"],
            "bad.info: line 4: \"DA:2,lots\": expected `DA:<line>,<hits>`",
        ),
        (
            &["scan", ".", "--coverage", "broken.xml"],
            "broken.xml: line 4: not well-formed XML",
        ),
        (
            &["explain", "v1:0000", ".", "--coverage", "jacoco.xml"],
            "jacoco.xml: line 2: XML whose root element is <report>",
        ),
        (
            &["todos", ".", "--coverage", "bad.info"],
            "--coverage: `debtscan todos` ranks markers",
        ),
    ];
    for (args, message) in cases {
        let out = debtscan()
            .args(args)
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("debtscan: {message}")),
            "{args:?}: {stderr}"
        );
    }
    // A missing report named in the config is the same error.
    repo.write("debtscan.toml", "[coverage]\nfiles = [\"gone.info\"]\n");
    let out = debtscan()
        .args(["scan", ".", "-q"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("gone.info: no such coverage report"));
}
