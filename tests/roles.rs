//! Code roles through the real binary: the same debt weighs less in tests, benches, examples,
//! build scripts and documentation stubs than in production code, the explanation says why,
//! `--role` and `[roles]` choose what is reported, and the summary counts items by role.

mod common;

use common::{json, Repo};
use serde_json::Value;

const LIB: &str = r#"pub fn parse(input: &str) -> usize {
    // FIXME: quadratic on long inputs
    input.len()
}

#[cfg(docsrs)]
pub fn stub() -> usize {
    todo!("For doc generation only")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses() {
        // FIXME: quadratic on long inputs
        assert_eq!(parse("ab"), 2);
    }
}
"#;

fn repo() -> Repo {
    let mut repo = Repo::git();
    repo.write("src/lib.rs", LIB);
    repo.write(
        "tests/it.rs",
        "// TODO: cover the empty input\n#[test]\nfn it() {}\n",
    );
    repo.write("benches/b.rs", "// TODO: a larger corpus\nfn main() {}\n");
    repo.write("examples/demo.rs", "// TODO: show errors\nfn main() {}\n");
    repo.write(
        "build.rs",
        "// HACK: probe the compiler by hand\nfn main() {}\n",
    );
    repo.write(
        "tools/gen.rs",
        "// TODO: generate the tables\nfn main() {}\n",
    );
    repo.commit("start");
    repo
}

/// `(path, line, role, score)` of every item, by path and line.
fn items(backlog: &Value) -> Vec<(String, u64, String, f64)> {
    let mut v: Vec<_> = backlog["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap().to_string(),
                i["location"]["start_line"].as_u64().unwrap(),
                i["role"].as_str().unwrap().to_string(),
                i["score"].as_f64().unwrap(),
            )
        })
        .collect();
    v.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    v
}

#[test]
fn every_item_has_the_role_of_its_code() {
    let repo = repo();
    // Clustering would join the two FIXMEs; they are compared apart here.
    repo.write("debtscan.toml", "[markers]\ncluster_min_length = 0\n");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let roles: Vec<(String, u64, String)> = items(&backlog)
        .into_iter()
        .map(|(p, l, r, _)| (p, l, r))
        .collect();
    let expect = [
        ("benches/b.rs", 1, "bench"),
        ("build.rs", 1, "build"),
        ("examples/demo.rs", 1, "example"),
        ("src/lib.rs", 2, "production"),
        // `#[cfg(docsrs)]` covers the function after it.
        ("src/lib.rs", 8, "docs"),
        // Inside `#[cfg(test)] mod tests`.
        ("src/lib.rs", 17, "test"),
        ("tests/it.rs", 1, "test"),
        ("tools/gen.rs", 1, "production"),
    ];
    let expect: Vec<(String, u64, String)> = expect
        .iter()
        .map(|(p, l, r)| (p.to_string(), *l, r.to_string()))
        .collect();
    assert_eq!(roles, expect);
    assert_eq!(backlog["summary"]["by_role"]["test"], 2);
    assert_eq!(backlog["summary"]["by_role"]["production"], 2);
    assert_eq!(backlog["scoring"]["role_weights"]["test"], 0.4);
}

#[test]
fn the_same_debt_in_a_test_ranks_lower_and_says_why() {
    let repo = repo();
    repo.write("debtscan.toml", "[markers]\ncluster_min_length = 0\n");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let all = backlog["items"].as_array().unwrap();
    let fixme = |line: u64| {
        all.iter()
            .find(|i| i["location"]["path"] == "src/lib.rs" && i["location"]["start_line"] == line)
            .unwrap()
    };
    let (production, test) = (fixme(2), fixme(17));
    let (p, t) = (
        production["score"].as_f64().unwrap(),
        test["score"].as_f64().unwrap(),
    );
    assert!(
        (t - (p * 0.4 * 10.0).round() / 10.0).abs() < 0.051,
        "{p} {t}"
    );
    assert!(production["rank"].as_u64() < test["rank"].as_u64());
    let explanation: Vec<&str> = test["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_str().unwrap())
        .collect();
    assert!(
        explanation
            .iter()
            .any(|e| e.starts_with("test code: its debt counts 0.4×")),
        "{explanation:?}"
    );
    let formula = explanation.last().unwrap();
    assert!(
        formula.starts_with(&format!("score {t:.1} = 100 × severity"))
            && formula.ends_with("× role weight 0.4"),
        "{formula}"
    );
    // Production code's explanation names no role.
    assert!(!production["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e.as_str().unwrap().contains("role weight")));
}

#[test]
fn role_filters_and_path_rules_from_the_config() {
    let repo = repo();
    let production = json(
        &[
            "scan",
            ".",
            "--format",
            "json",
            "-q",
            "--role",
            "production",
        ],
        repo.path(),
    );
    let paths: Vec<String> = items(&production).into_iter().map(|i| i.0).collect();
    assert_eq!(paths, ["src/lib.rs", "tools/gen.rs"]);
    assert_eq!(production["summary"]["items"], 2);
    assert_eq!(production["items"][0]["rank"], 1);

    repo.write(
        "debtscan.toml",
        "[roles]\npaths = { \"tools/**\" = \"build\" }\nreport = [\"build\"]\n\n[score.role_weights]\nbuild = 1.0\n",
    );
    let build = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let got: Vec<(String, String)> = items(&build).into_iter().map(|i| (i.0, i.2)).collect();
    assert_eq!(
        got,
        [
            ("build.rs".to_string(), "build".to_string()),
            ("tools/gen.rs".to_string(), "build".to_string())
        ]
    );
    // With weight 1 the score is not touched.
    assert!(!build["items"][0]["explanation"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e.as_str().unwrap().contains("role weight")));
}

#[test]
fn bad_role_settings_are_clear_errors() {
    let repo = repo();
    for (config, message) in [
        (
            "[roles]\npaths = { \"a/**\" = \"tests\" }\n",
            "unknown variant `tests`",
        ),
        (
            "[roles]\npaths = { \"a/[\" = \"test\" }\n",
            "roles.paths: \"a/[\" is not a glob",
        ),
        ("[roles]\nreport = []\n", "roles.report is empty"),
        (
            "[score.role_weights]\ntest = 2.0\n",
            "score.role_weights.test = 2",
        ),
    ] {
        repo.write("debtscan.toml", config);
        let out = common::debtscan()
            .args(["scan", ".", "-q"])
            .current_dir(repo.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{config}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(message), "{config}: {stderr}");
    }
}
