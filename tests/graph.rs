//! `debtscan graph` and the graph's backlog items, against fixture crates whose edges were
//! computed by hand (`fixtures/rust/graph/*/expected.graph`) and scripted repositories.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{debtscan, items_of, json, Repo};
use serde_json::Value;

/// Copies a directory tree (a fixture) below `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A plain directory holding a copy of `fixtures/rust/graph/<name>`.
fn fixture_repo(name: &str) -> Repo {
    let repo = Repo::plain();
    copy_tree(&fixtures().join(name), repo.path());
    repo
}

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rust/graph")
}

#[derive(Debug, Default, PartialEq)]
struct Expected {
    edges: BTreeMap<(String, String), (u64, u64, u64)>,
    cycles: BTreeSet<Vec<String>>,
    nodes: BTreeMap<String, (u64, u64)>,
    unresolved: u64,
}

fn expected(text: &str) -> Expected {
    let mut e = Expected::default();
    for line in text.lines().map(str::trim) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let n = |k: usize| f[k].parse::<u64>().unwrap();
        match f.first().copied() {
            Some("edge") => {
                e.edges
                    .insert((f[1].into(), f[2].into()), (n(3), n(4), n(5)));
            }
            Some("cycle") => {
                e.cycles
                    .insert(f[1..].iter().map(|s| s.to_string()).collect());
            }
            Some("node") => {
                e.nodes.insert(f[1].into(), (n(2), n(3)));
            }
            Some("unresolved") => e.unresolved = n(1),
            _ => {}
        }
    }
    e
}

fn actual(report: &Value) -> Expected {
    let mut e = Expected::default();
    for edge in report["edges"].as_array().unwrap() {
        let k = |name: &str| edge["kinds"][name].as_u64().unwrap_or(0);
        e.edges.insert(
            (
                edge["from"].as_str().unwrap().into(),
                edge["to"].as_str().unwrap().into(),
            ),
            (k("use"), k("reexport"), k("path")),
        );
    }
    for c in report["cycles"].as_array().unwrap() {
        e.cycles.insert(
            c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap().to_string())
                .collect(),
        );
    }
    for n in report["nodes"].as_array().unwrap() {
        e.nodes.insert(
            n["id"].as_str().unwrap().into(),
            (
                n["fan_in"].as_u64().unwrap(),
                n["fan_out"].as_u64().unwrap(),
            ),
        );
    }
    e.unresolved = report["summary"]["unresolved"].as_u64().unwrap();
    e
}

/// Every `fixtures/<lang>/graph/<name>/` with an `expected.graph`, for each language of the
/// table: a new language's graph fixtures need no new test code.
fn graph_fixtures() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for def in debtscan::lang::LANGUAGES {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(def.name())
            .join("graph");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        out.extend(
            dirs.into_iter()
                .filter(|d| d.join("expected.graph").exists()),
        );
    }
    out
}

#[test]
fn fixture_repositories_match_their_hand_computed_graphs() {
    let mut checked = 0;
    for dir in graph_fixtures() {
        let expected_file = dir.join("expected.graph");
        let repo = Repo::plain();
        copy_tree(&dir, repo.path());
        let entry = dir;
        let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
        let want = expected(&std::fs::read_to_string(&expected_file).unwrap());
        let got = actual(&report);
        let name = entry.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap();
        for (edge, counts) in &want.edges {
            assert_eq!(got.edges.get(edge), Some(counts), "{name:?}: edge {edge:?}");
        }
        assert_eq!(got.edges, want.edges, "{name:?}: edges");
        assert_eq!(got.cycles, want.cycles, "{name:?}: cycles");
        assert_eq!(got.nodes, want.nodes, "{name:?}: fan-in and fan-out");
        assert_eq!(got.unresolved, want.unresolved, "{name:?}: unresolved");
        checked += 1;
    }
    assert!(checked >= 2, "the fixture repositories are missing");
}

#[test]
fn the_fixture_warns_of_what_it_could_not_follow() {
    let repo = fixture_repo("modtree");
    let out = debtscan()
        .args(["graph", "."])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("src/lib.rs:15: `mod missing;` names no scanned file"),
        "{stderr}"
    );
    assert!(stderr.contains("src/orphan.rs"), "{stderr}");
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("18 files, 26 edges"), "{table}");
    assert!(table.contains("2 cycles"), "{table}");
    assert!(
        table.contains("src/r.rs → src/s.rs → src/t.rs → src/r.rs"),
        "{table}"
    );
}

#[test]
fn dot_output_is_valid_graphviz() {
    let repo = fixture_repo("modtree");
    let out = debtscan()
        .args(["graph", ".", "--format", "dot", "-q"])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let dot = String::from_utf8(out.stdout).unwrap();
    assert!(dot.starts_with("digraph debtscan {") && dot.ends_with("}\n"));
    // 18 nodes, 26 edges; the 5 cycle members and 5 cycle edges in red.
    assert_eq!(dot.matches(" [label=").count(), 18);
    assert_eq!(dot.matches(" -> ").count(), 26);
    assert_eq!(dot.matches("fillcolor=\"#fadbd8\"").count(), 5);
    assert_eq!(dot.matches("style=dashed").count(), 2);
    let graphviz = std::process::Command::new("dot")
        .args(["-Tsvg"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn();
    match graphviz {
        Ok(mut child) => {
            use std::io::Write;
            child
                .stdin
                .take()
                .unwrap()
                .write_all(dot.as_bytes())
                .unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "dot -Tsvg rejected the output: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(String::from_utf8_lossy(&out.stdout).contains("<svg"));
        }
        // CI installs graphviz and sets this, so the check cannot be skipped there.
        Err(_) if std::env::var_os("DEBTSCAN_REQUIRE_DOT").is_some() => {
            panic!("DEBTSCAN_REQUIRE_DOT is set but `dot` (graphviz) cannot be run")
        }
        Err(_) => eprintln!("graphviz `dot` not installed: only the structure was checked"),
    }
}

#[test]
fn aggregation_by_directory_and_crate() {
    let repo = fixture_repo("workspace");
    let crates = json(
        &["graph", ".", "--by", "crate", "--format", "json", "-q"],
        repo.path(),
    );
    assert_eq!(crates["granularity"], "package");
    let edges: Vec<(&str, &str)> = crates["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    assert_eq!(edges, [("ws-app", "ws-core")]);
    let nodes = crates["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), 2);
    assert_eq!(nodes[1]["files"], 4);
    let dirs = json(
        &["graph", ".", "--by", "directory", "--format", "json", "-q"],
        repo.path(),
    );
    let ids: Vec<&str> = dirs["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["crates/ws-app/src", "crates/ws-core/src"]);
}

#[test]
fn bad_input_is_reported_and_never_fatal() {
    let repo = Repo::plain();
    repo.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"good\", \"broken\"]\n",
    );
    repo.write("broken/Cargo.toml", "[package\nname = ");
    repo.write(
        "broken/src/lib.rs",
        "pub mod a;\nuse crate::a::X;\npub struct Root;\n",
    );
    repo.write("broken/src/a.rs", "pub struct X;\nuse crate::Root as Y;\n");
    repo.write("good/Cargo.toml", "[package]\nname = \"good\"\n");
    // A `#[path]` leaving the repository, a missing module, cyclic glob re-exports.
    repo.write(
        "good/src/lib.rs",
        "#[path = \"../../../../outside.rs\"]\nmod outside;\nmod gone;\npub mod p;\npub mod q;\n",
    );
    repo.write("good/src/p.rs", "pub use crate::q::*;\npub struct P;\n");
    repo.write(
        "good/src/q.rs",
        "pub use crate::p::*;\npub use self::Q as R;\npub struct Q;\n",
    );
    let out = debtscan()
        .args(["graph", ".", "--format", "json"])
        .current_dir(repo.path())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("broken/Cargo.toml does not parse"),
        "{stderr}"
    );
    assert!(stderr.contains("points outside the repository"), "{stderr}");
    assert!(
        stderr.contains("`mod gone;` names no scanned file"),
        "{stderr}"
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cycles: Vec<&Value> = report["cycles"].as_array().unwrap().iter().collect();
    assert_eq!(cycles.len(), 1, "{report:#}");
    // The broken crate still has its default target: src/lib.rs ⇄ src/a.rs.
    let members: BTreeSet<String> = cycles.iter().map(|c| c["members"].to_string()).collect();
    assert!(
        members.contains(r#"["broken/src/a.rs","broken/src/lib.rs"]"#),
        "{members:?}"
    );
    // p and q only re-export each other (their globs terminate): they use nothing, so they
    // are no cycle, but both edges are listed.
    let edges = edge_set(&report);
    assert!(edges.contains(&("good/src/p.rs".to_string(), "good/src/q.rs".to_string())));
    assert!(edges.contains(&("good/src/q.rs".to_string(), "good/src/p.rs".to_string())));
    let broken = report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "broken/src/lib.rs")
        .unwrap();
    assert_eq!(broken["package"], "broken");
}

#[test]
fn no_rust_code_is_an_empty_graph_with_a_message() {
    let repo = Repo::plain();
    repo.write("notes.txt", "import os\n");
    let out = debtscan()
        .args(["graph", "."])
        .current_dir(repo.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no source files"));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("0 files, 0 edges"));
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(report["summary"]["nodes"], 0);
}

#[test]
fn a_workspace_of_200_crates_in_a_chain() {
    let repo = Repo::plain();
    let members: Vec<String> = (0..200).map(|k| format!("\"c{k}\"")).collect();
    repo.write(
        "Cargo.toml",
        format!("[workspace]\nmembers = [{}]\n", members.join(", ")),
    );
    for k in 0..200 {
        let dep = if k + 1 < 200 {
            format!(
                "[dependencies]\nc{} = {{ path = \"../c{}\" }}\n",
                k + 1,
                k + 1
            )
        } else {
            String::new()
        };
        repo.write(
            &format!("c{k}/Cargo.toml"),
            format!("[package]\nname = \"c{k}\"\n{dep}"),
        );
        let body = if k + 1 < 200 {
            format!("pub fn f() -> u32 {{ c{}::f() + 1 }}\n", k + 1)
        } else {
            "pub fn f() -> u32 { 0 }\n".to_string()
        };
        repo.write(&format!("c{k}/src/lib.rs"), body);
    }
    let report = json(
        &["graph", ".", "--by", "package", "--format", "json", "-q"],
        repo.path(),
    );
    assert_eq!(report["summary"]["packages"], 200);
    assert_eq!(report["summary"]["edges"], 199);
    assert_eq!(report["summary"]["cycles"], 0);
    // PageRank accumulates down the chain (to float precision): the first crate, which
    // nothing uses, is the least central.
    let nodes = report["nodes"].as_array().unwrap();
    let node = |id: &str| nodes.iter().find(|n| n["id"] == id).unwrap();
    let pr = |id: &str| node(id)["pagerank"].as_f64().unwrap();
    assert_eq!(node("c0")["rank"], 200);
    assert!(pr("c0") < pr("c1") && pr("c1") < pr("c5") && pr("c5") <= pr("c199"));
}

/// A scripted repository: `hub.rs` used by four files, `a.rs` and `b.rs` changing together
/// with no import between them, `c.rs` and `d.rs` changing together through an import.
fn coupled_repo() -> Repo {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"demo\"\n");
    repo.write(
        "src/lib.rs",
        "pub mod hub;\npub mod a;\npub mod b;\npub mod c;\npub mod d;\npub mod leaf;\n",
    );
    repo.write(
        "src/hub.rs",
        "pub fn shared() -> u32 {\n    // TODO: cache this\n    1\n}\n",
    );
    repo.write(
        "src/leaf.rs",
        "pub fn alone() -> u32 {\n    // TODO: cache this\n    1\n}\n",
    );
    for (name, uses) in [("a", "a"), ("b", "b"), ("c", "c"), ("d", "d")] {
        let extra = if name == "c" { "use crate::d;\n" } else { "" };
        repo.write(
            &format!("src/{name}.rs"),
            format!("use crate::hub::shared;\n{extra}pub fn {uses}() -> u32 {{ shared() }}\n"),
        );
    }
    repo.commit("start");
    for k in 0..6 {
        for name in ["a", "b"] {
            repo.write(
                &format!("src/{name}.rs"),
                format!("use crate::hub::shared;\npub fn {name}() -> u32 {{ shared() + {k} }}\n"),
            );
        }
        repo.commit("a and b, together");
        for name in ["c", "d"] {
            let extra = if name == "c" { "use crate::d;\n" } else { "" };
            repo.write(
                &format!("src/{name}.rs"),
                format!(
                    "use crate::hub::shared;\n{extra}pub fn {name}() -> u32 {{ shared() + {k} }}\n"
                ),
            );
        }
        repo.commit("c and d, together");
    }
    repo
}

#[test]
fn hidden_coupling_is_co_change_without_a_dependency() {
    let repo = coupled_repo();
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let hidden = report["hidden_coupling"].as_array().unwrap();
    assert_eq!(hidden.len(), 1, "{report:#}");
    assert_eq!(
        (hidden[0]["a"].as_str(), hidden[0]["b"].as_str()),
        (Some("src/a.rs"), Some("src/b.rs"))
    );
    assert_eq!(hidden[0]["degree"], 100);
    assert_eq!(hidden[0]["shared"], 7);

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let coupling = items_of(&backlog, "hidden-coupling");
    assert_eq!(coupling.len(), 1);
    assert_eq!(coupling[0]["location"]["path"], "src/a.rs");
    assert_eq!(coupling[0]["related"][0]["path"], "src/b.rs");
    assert_eq!(coupling[0]["signals"]["coupling_degree"], 100);
    // Its counts say which commits they count.
    let explanation = coupling[0]["explanation"].as_array().unwrap();
    assert!(
        explanation.iter().any(|l| l
            .as_str()
            .unwrap()
            .contains("leave out commits that change more than 30 files")),
        "{explanation:?}"
    );
    // The same pair in a second run has the same id.
    let again = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        items_of(&again, "hidden-coupling")[0]["id"],
        coupling[0]["id"]
    );
}

#[test]
fn a_todo_in_a_central_module_outranks_the_same_todo_in_a_leaf() {
    let repo = coupled_repo();
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let todos = items_of(&backlog, "todo");
    assert_eq!(todos.len(), 2);
    let (hub, leaf) = (todos[0], todos[1]);
    assert_eq!(hub["location"]["path"], "src/hub.rs", "{backlog:#}");
    assert_eq!(leaf["location"]["path"], "src/leaf.rs");
    assert!(hub["score"].as_f64() > leaf["score"].as_f64());
    assert_eq!(hub["signals"]["fan_in"], 4);
    assert!(
        hub["explanation"]
            .to_string()
            .contains("centrality 0.93 (weight 0.25): 4 files depend on it"),
        "{hub:#}"
    );
    assert_eq!(leaf["signals"]["fan_in"], 0);
    assert_eq!(leaf["signals"]["centrality"], 0.0);
}

#[test]
fn a_cycle_is_located_at_a_use_not_at_a_re_export() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"demo\"\n");
    repo.write("src/lib.rs", "pub mod a;\npub mod b;\n");
    // `a` publishes `b`'s items on its first line, and uses `b` on its third.
    repo.write(
        "src/a.rs",
        "pub use crate::b::*;\n\nuse crate::b::B;\npub struct A;\npub fn f(_: B) {}\n",
    );
    repo.write("src/b.rs", "pub struct B;\n\npub fn g(_: crate::a::A) {}\n");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let cycles = items_of(&backlog, "dependency-cycle");
    assert_eq!(cycles.len(), 1, "{backlog:#}");
    assert_eq!(cycles[0]["location"]["path"], "src/a.rs");
    assert_eq!(cycles[0]["location"]["start_line"], 3);
    assert_eq!(cycles[0]["related"][0]["path"], "src/b.rs");
    assert_eq!(cycles[0]["related"][0]["start_line"], 3);
}

#[test]
fn cycles_and_god_modules_become_items() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"demo\"\n");
    let mut lib = String::from("pub mod god;\npub mod x;\npub mod y;\n");
    for k in 0..8 {
        lib.push_str(&format!("pub mod user{k};\npub mod dep{k};\n"));
        repo.write(
            &format!("src/user{k}.rs"),
            "pub fn f() { crate::god::g(); }\n",
        );
        repo.write(&format!("src/dep{k}.rs"), "pub fn h() {}\n");
    }
    repo.write("src/lib.rs", lib);
    let mut god: String = (0..8)
        .map(|k| format!("use crate::dep{k}::h as h{k};\n"))
        .collect();
    god.push_str("pub fn g() {}\n");
    god.push_str(&"// filler\n".repeat(200));
    repo.write("src/god.rs", god);
    repo.write("src/x.rs", "use crate::y::Y;\npub struct X;\n");
    repo.write("src/y.rs", "pub struct Y;\n\nfn f(_: crate::x::X) {}\n");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let of = |kind| items_of(&backlog, kind);
    let cycles = of("dependency-cycle");
    assert_eq!(cycles.len(), 1, "{backlog:#}");
    assert_eq!(cycles[0]["location"]["path"], "src/x.rs");
    assert_eq!(cycles[0]["location"]["start_line"], 1);
    assert_eq!(cycles[0]["related"][0]["path"], "src/y.rs");
    assert_eq!(cycles[0]["related"][0]["start_line"], 3);
    assert_eq!(cycles[0]["signals"]["cycle_size"], 2);
    assert!(cycles[0]["summary"]
        .as_str()
        .unwrap()
        .contains("src/x.rs → src/y.rs → src/x.rs"));
    let gods = of("god-module");
    assert_eq!(gods.len(), 1, "{backlog:#}");
    assert_eq!(gods[0]["location"]["path"], "src/god.rs");
    assert_eq!(gods[0]["signals"]["fan_in"], 8);
    assert_eq!(gods[0]["signals"]["fan_out"], 8);
    // `--no-graph` leaves them out.
    let plain = json(
        &["scan", ".", "--format", "json", "-q", "--no-graph"],
        repo.path(),
    );
    assert!(plain["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["kind"] != "dependency-cycle" && i["kind"] != "god-module"));
}

/// A workspace where `corex` dev-depends on `helper`, which depends on `corex`: the edges
/// back are made from test code only (an inline `#[cfg(test)]` module, a `#[cfg(test)] mod
/// tests;` file, a `#![cfg(test)]` file, an integration test, a dev-dependency).
fn test_edges_repo() -> Repo {
    let repo = Repo::plain();
    repo.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"corex\", \"helper\"]\n",
    );
    repo.write(
        "corex/Cargo.toml",
        "[package]\nname = \"corex\"\n[dev-dependencies]\nhelper = { path = \"../helper\" }\n",
    );
    repo.write(
        "corex/src/lib.rs",
        "pub mod a;\npub mod b;\npub mod d;\npub mod e;\npub mod g;\n#[cfg(test)]\nmod tests;\n",
    );
    // Test functions outside a test module.
    repo.write(
        "corex/src/g.rs",
        "pub fn g() {}\n\n#[test]\nfn g_works() {\n    crate::b::f();\n}\n\n\
         #[tokio::test]\n#[ignore]\nasync fn g_async() {\n    crate::a::a();\n}\n",
    );
    repo.write(
        "corex/src/a.rs",
        "pub fn a() {}\n\n#[cfg(test)]\nmod t {\n    use crate::b::B;\n}\n",
    );
    repo.write(
        "corex/src/b.rs",
        "pub struct B;\npub fn f() {\n    crate::a::a();\n}\n",
    );
    repo.write("corex/src/d.rs", "pub fn d() {\n    helper::h();\n}\n");
    repo.write("corex/src/e.rs", "#![cfg(test)]\nuse crate::b::B;\n");
    repo.write("corex/src/tests.rs", "use helper::H;\nuse crate::a::a;\n");
    repo.write("corex/tests/it.rs", "use corex::a::a;\n");
    repo.write(
        "helper/Cargo.toml",
        "[package]\nname = \"helper\"\n[dependencies]\ncorex = { path = \"../corex\" }\n",
    );
    repo.write(
        "helper/src/lib.rs",
        "pub struct H;\npub fn h() {\n    corex::b::f();\n}\n",
    );
    repo
}

#[test]
fn test_only_edges_are_listed_but_left_out_of_cycles_and_measures() {
    let repo = test_edges_repo();
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edges: BTreeMap<(String, String), (u64, u64)> = report["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let k = |name: &str| e["kinds"][name].as_u64().unwrap_or(0);
            let end = |name: &str| e[name].as_str().unwrap().to_string();
            (
                (end("from"), end("to")),
                (e["count"].as_u64().unwrap(), k("test")),
            )
        })
        .collect();
    let edge = |a: &str, b: &str| edges.get(&(a.to_string(), b.to_string())).copied();
    // Test-only edges: listed, with every reference counted as `test`.
    assert_eq!(edge("corex/src/a.rs", "corex/src/b.rs"), Some((1, 1)));
    assert_eq!(edge("corex/src/e.rs", "corex/src/b.rs"), Some((1, 1)));
    assert_eq!(edge("corex/src/tests.rs", "corex/src/a.rs"), Some((1, 1)));
    assert_eq!(
        edge("corex/src/tests.rs", "helper/src/lib.rs"),
        Some((1, 1))
    );
    assert_eq!(edge("corex/src/d.rs", "helper/src/lib.rs"), Some((1, 1)));
    assert_eq!(edge("corex/tests/it.rs", "corex/src/a.rs"), Some((1, 1)));
    assert_eq!(edge("corex/src/g.rs", "corex/src/b.rs"), Some((1, 1)));
    assert_eq!(edge("corex/src/g.rs", "corex/src/a.rs"), Some((1, 1)));
    // Ordinary edges.
    assert_eq!(edge("corex/src/b.rs", "corex/src/a.rs"), Some((1, 0)));
    assert_eq!(edge("helper/src/lib.rs", "corex/src/b.rs"), Some((1, 0)));
    assert_eq!(report["summary"]["test_edges"], 8);
    assert_eq!(report["summary"]["cycles"], 0, "{report:#}");
    let node = |report: &Value, id: &str| {
        let nodes = report["nodes"].as_array().unwrap();
        let n = nodes.iter().find(|n| n["id"] == id).unwrap().clone();
        (
            n["fan_in"].as_u64().unwrap(),
            n["fan_out"].as_u64().unwrap(),
        )
    };
    assert_eq!(node(&report, "helper/src/lib.rs"), (0, 1));
    assert_eq!(node(&report, "corex/src/a.rs"), (1, 0));

    // Included on request: a ⇄ b is a cycle, helper is used.
    let all = json(
        &[
            "graph",
            ".",
            "--format",
            "json",
            "-q",
            "--include-test-edges",
        ],
        repo.path(),
    );
    assert_eq!(all["summary"]["cycles"], 1, "{all:#}");
    assert_eq!(
        all["cycles"][0]["members"],
        serde_json::json!(["corex/src/a.rs", "corex/src/b.rs"])
    );
    assert_eq!(node(&all, "helper/src/lib.rs"), (2, 1));

    // Packages: the cycle Cargo forbids exists only through the dev-dependency.
    let packages = |extra: &[&str]| {
        let mut args = vec!["graph", ".", "--by", "package", "--format", "json", "-q"];
        args.extend(extra);
        json(&args, repo.path())["summary"]["cycles"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(packages(&[]), 0);
    assert_eq!(packages(&["--include-test-edges"]), 1);

    // The backlog follows, and the config key does what the flag does.
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    assert!(items_of(&backlog, "dependency-cycle").is_empty());
    repo.write("debtscan.toml", "[graph]\ninclude_test_edges = true\n");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(items_of(&backlog, "dependency-cycle").len(), 1);
}

#[test]
fn reexports_are_followed_to_the_defining_module() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"stream\"\n");
    // The root re-exports items of its modules, by name, in a chain and by glob; the
    // modules use each other through those re-exports.
    repo.write(
        "src/lib.rs",
        "mod ext;\nmod map;\nmod wrappers;\nmod r#type;\n\
         pub use ext::{Ext, collect::Collect};\npub use map::Map;\npub use wrappers::*;\n\
         pub use crate::r#type::Kind;\npub use futures_core::Stream;\n",
    );
    repo.write("src/ext.rs", "pub mod collect;\npub trait Ext {}\n");
    repo.write("src/ext/collect.rs", "pub trait Collect: crate::Ext {}\n");
    repo.write(
        "src/map.rs",
        "use crate::{Collect, Stream};\npub struct Map;\nfn f(_: crate::Wrapper) {}\n",
    );
    repo.write(
        "src/wrappers/mod.rs",
        "mod wrapper;\npub use wrapper::Wrapper;\n",
    );
    repo.write(
        "src/wrappers/wrapper.rs",
        "use crate::{Ext, Map};\npub struct Wrapper;\n",
    );
    repo.write(
        "src/type.rs",
        "pub enum Kind {}\npub fn k(_: crate::r#type::Kind) {}\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edges = edge_set(&report);
    let has = |a: &str, b: &str| edges.contains(&(a.to_string(), b.to_string()));
    assert!(has("src/map.rs", "src/ext/collect.rs"), "{edges:?}");
    assert!(has("src/map.rs", "src/wrappers/wrapper.rs"), "{edges:?}");
    assert!(has("src/ext/collect.rs", "src/ext.rs"), "{edges:?}");
    assert!(has("src/wrappers/wrapper.rs", "src/ext.rs"), "{edges:?}");
    assert!(has("src/wrappers/wrapper.rs", "src/map.rs"), "{edges:?}");
    assert!(has("src/lib.rs", "src/type.rs"), "{edges:?}");
    // Nothing uses the root (`crate::Stream` is another crate's): it is in no cycle.
    assert_eq!(report["unresolved"], serde_json::json!({"futures_core": 1}));
    assert!(!edges.iter().any(|(_, to)| to == "src/lib.rs"), "{edges:?}");
    let cycles: Vec<Vec<String>> = report["cycles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::from_value(c["members"].clone()).unwrap())
        .collect();
    assert_eq!(
        cycles,
        [["src/map.rs", "src/wrappers/wrapper.rs"]],
        "{report:#}"
    );
    assert!(!report.to_string().contains("names no scanned file"));
}

#[test]
fn a_facade_that_only_re_exports_its_children_is_no_cycle() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"app\"\n");
    // just's shape: the root declares and re-exports every module; each module takes what it
    // needs with `use super::*`. The root uses nothing itself, so there is nothing to break.
    repo.write(
        "src/lib.rs",
        "mod error;\nmod parser;\nmod lexer;\n\
         pub use error::Error;\npub use parser::Parser;\npub use lexer::Lexer;\n",
    );
    repo.write("src/error.rs", "use super::*;\npub struct Error;\n");
    repo.write(
        "src/parser.rs",
        "use super::*;\npub struct Parser(Lexer);\nfn f() -> Error { Error }\n",
    );
    repo.write(
        "src/lexer.rs",
        "use super::*;\npub struct Lexer;\nfn g(_: Error) {}\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(report["cycles"], serde_json::json!([]), "{report:#}");
    // The re-export edges are listed all the same.
    let reexports = report["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["from"] == "src/lib.rs" && e["kinds"]["reexport"].as_u64() > Some(0))
        .count();
    assert_eq!(reexports, 3, "{report:#}");
    // A glob re-export is a facade too: what it brings is what its module's file defines
    // (read from the file), and a use of such an item leads to that file.
    repo.write(
        "src/lib.rs",
        "mod error;\nmod parser;\nmod lexer;\n\
         pub use error::*;\npub use parser::Parser;\npub use lexer::Lexer;\n",
    );
    repo.write(
        "src/parser.rs",
        "use super::*;\npub struct Parser(Lexer);\nfn f() -> crate::Error { Error }\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(report["cycles"], serde_json::json!([]), "{report:#}");
    let edges = edge_set(&report);
    assert!(
        edges.contains(&("src/parser.rs".to_string(), "src/error.rs".to_string())),
        "{edges:?}"
    );
    // A root that also uses a child's item in its own code is in a cycle with it.
    repo.write(
        "src/lib.rs",
        "mod error;\nmod parser;\nmod lexer;\n\
         pub use error::Error;\npub use parser::Parser;\npub use lexer::Lexer;\n\
         pub fn run() -> Result<(), error::Error> { Ok(()) }\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let members = cycle_members(&report);
    assert!(
        members
            .iter()
            .any(|m| m.contains(&"src/lib.rs".to_string())),
        "{report:#}"
    );
}

#[test]
fn an_example_crate_uses_the_library_as_test_code_does() {
    let repo = Repo::plain();
    repo.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"web\", \"examples/hello\"]\n",
    );
    repo.write("web/Cargo.toml", "[package]\nname = \"web\"\n");
    repo.write("web/src/lib.rs", "pub mod router;\n");
    repo.write("web/src/router.rs", "pub struct Router;\n");
    // axum's shape: each example is a package of its own that depends on the library as a
    // user would; its uses are listed but no measure counts them.
    repo.write(
        "examples/hello/Cargo.toml",
        "[package]\nname = \"hello\"\n[dependencies]\nweb = { path = \"../../web\" }\n",
    );
    repo.write(
        "examples/hello/src/main.rs",
        "use web::router::Router;\nfn main() {\n    let _ = Router;\n}\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edge = report["edges"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["from"] == "examples/hello/src/main.rs")
        .cloned()
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(edge["to"], "web/src/router.rs", "{report:#}");
    assert_eq!(edge["kinds"]["test"], edge["count"], "{report:#}");
    let router = report["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "web/src/router.rs")
        .cloned()
        .unwrap();
    assert_eq!(router["fan_in"], 0, "{report:#}");
}

#[test]
fn a_name_a_trait_and_a_derive_macro_share_leads_to_the_trait() {
    let repo = Repo::plain();
    repo.write(
        "Cargo.toml",
        "[workspace]\nmembers = [\"web\", \"web-core\", \"web-macros\"]\n",
    );
    repo.write("web-core/Cargo.toml", "[package]\nname = \"web-core\"\n");
    repo.write("web-core/src/lib.rs", "pub trait FromRequest {}\n");
    repo.write(
        "web-macros/Cargo.toml",
        "[package]\nname = \"web-macros\"\n[lib]\nproc-macro = true\n",
    );
    repo.write(
        "web-macros/src/lib.rs",
        "#[proc_macro_derive(FromRequest)]\npub fn from_request(i: TokenStream) -> TokenStream { i }\n",
    );
    // axum's shape: `extract` re-exports the trait and the derive macro under one name, and
    // uses the trait; a user of `extract::FromRequest` implements the trait.
    repo.write(
        "web/Cargo.toml",
        "[package]\nname = \"web\"\n[dependencies]\n\
         web-core = { path = \"../web-core\" }\nweb-macros = { path = \"../web-macros\" }\n",
    );
    repo.write("web/src/lib.rs", "pub mod extract;\npub mod json;\n");
    repo.write(
        "web/src/extract.rs",
        "pub use web_macros::FromRequest;\npub use web_core::FromRequest;\n\
         pub fn check<T: FromRequest>() {}\n",
    );
    repo.write(
        "web/src/json.rs",
        "use crate::extract::FromRequest;\npub struct Json;\nimpl FromRequest for Json {}\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edges = edge_set(&report);
    let has = |a: &str, b: &str| edges.contains(&(a.to_string(), b.to_string()));
    assert!(has("web/src/json.rs", "web-core/src/lib.rs"), "{edges:?}");
    assert!(
        !has("web/src/json.rs", "web-macros/src/lib.rs"),
        "{edges:?}"
    );
    // The re-export of the macro is listed, but `extract`'s own use is the trait's.
    let kinds = |to: &str| {
        report["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["from"] == "web/src/extract.rs" && e["to"] == to)
            .map(|e| e["kinds"].clone())
    };
    assert_eq!(
        kinds("web-core/src/lib.rs"),
        Some(serde_json::json!({"use": 1, "reexport": 1}))
    );
    assert_eq!(
        kinds("web-macros/src/lib.rs"),
        Some(serde_json::json!({"reexport": 1}))
    );
}

#[test]
fn a_private_import_is_followed_from_the_modules_below_it() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"prompt\"\n");
    // starship's shape: `modules` imports `Context` privately and each module takes it with
    // `use super::Context`, which names `context`'s `Context`, not `modules`'s.
    repo.write("src/lib.rs", "mod context;\nmod modules;\nmod other;\n");
    repo.write("src/context.rs", "pub struct Context;\n");
    repo.write(
        "src/modules/mod.rs",
        "mod git;\nuse crate::context::Context;\npub fn handle(_: &Context) {}\n",
    );
    repo.write(
        "src/modules/git.rs",
        "use super::Context;\npub fn module(_: &Context) {}\n",
    );
    // A private import is no name for a module outside: `other` reaches no further.
    repo.write(
        "src/other.rs",
        "use crate::modules::Context;\npub fn f(_: &Context) {}\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edges = edge_set(&report);
    let has = |a: &str, b: &str| edges.contains(&(a.to_string(), b.to_string()));
    assert!(has("src/modules/git.rs", "src/context.rs"), "{edges:?}");
    assert!(
        !has("src/modules/git.rs", "src/modules/mod.rs"),
        "{edges:?}"
    );
    assert!(has("src/other.rs", "src/modules/mod.rs"), "{edges:?}");
    assert!(!has("src/other.rs", "src/context.rs"), "{edges:?}");
}

#[test]
fn a_re_export_is_a_name_unless_the_file_uses_it_too() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"web\"\n");
    // axum's shape: `extract` re-exports a sibling's `Form` for its users, `form` uses a
    // child of `extract`, which uses `extract`. `extract` uses nothing of `form` itself (a
    // doc comment naming it is no use): no cycle.
    repo.write("src/lib.rs", "pub mod extract;\nmod form;\n");
    repo.write(
        "src/extract/mod.rs",
        "pub mod raw;\npub use crate::form::Form;\n\
         /// Every `Form` field is read by `Form::parse`.\npub fn any() -> u8 { 0 }\n",
    );
    repo.write(
        "src/extract/raw.rs",
        "pub struct Raw;\npub fn g() -> u8 {\n    super::any()\n}\n",
    );
    repo.write(
        "src/form.rs",
        "use crate::extract::raw::Raw;\npub struct Form(pub Raw);\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(report["cycles"], serde_json::json!([]), "{report:#}");
    // The re-export edge is listed all the same.
    let edge = |report: &serde_json::Value| {
        report["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["from"] == "src/extract/mod.rs" && e["to"] == "src/form.rs")
            .map(|e| e["kinds"].clone())
    };
    assert_eq!(edge(&report), Some(serde_json::json!({"reexport": 1})));
    // Once the module's own code names `Form` (here far below, in another piece of a
    // large file, which is read in pieces), the re-export is a use too and the cycle real.
    let filler: String = (0..40)
        .map(|k| format!("pub fn f{k}() -> u32 {{\n    let x = {k};\n    x + 1\n}}\n\n"))
        .collect();
    repo.write(
        "src/extract/mod.rs",
        format!(
            "pub mod raw;\npub use crate::form::Form;\n\n{filler}\
             pub fn any() -> u8 {{ 0 }}\npub fn empty() -> Option<Form> {{\n    None\n}}\n"
        ),
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        edge(&report),
        Some(serde_json::json!({"use": 1, "reexport": 1})),
        "{report:#}"
    );
    assert_eq!(
        cycle_members(&report),
        [["src/extract/mod.rs", "src/extract/raw.rs", "src/form.rs"]],
        "{report:#}"
    );
    // Test code that names it is no use by production code.
    repo.write(
        "src/extract/mod.rs",
        "pub mod raw;\npub use crate::form::Form;\n\
         pub fn any() -> u8 { 0 }\n\
         #[cfg(test)]\nmod tests {\n    fn t() -> super::Form { todo!() }\n    fn u(_: Form) {}\n}\n",
    );
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(report["cycles"], serde_json::json!([]), "{report:#}");
}

#[test]
fn a_large_cycle_is_one_tangle_item_that_leads_with_its_cut() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"ring\"\n");
    repo.write("src/lib.rs", "mod m0;\nmod m1;\nmod m2;\nmod m3;\n");
    for k in 0..4 {
        repo.write(
            &format!("src/m{k}.rs"),
            format!("pub fn f() {{\n    crate::m{}::f();\n}}\n", (k + 1) % 4),
        );
    }
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let cycle = items_of(&backlog, "dependency-cycle")[0].clone();
    assert!(cycle["summary"]
        .as_str()
        .unwrap()
        .starts_with("Dependency cycle of 4 files: src/m0.rs → src/m1.rs"));
    repo.write("debtscan.toml", "[graph]\nmax_cycle_items = 3\n");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let tangles = items_of(&backlog, "dependency-cycle");
    assert_eq!(tangles.len(), 1);
    let tangle = tangles[0];
    assert_eq!(
        tangle["summary"],
        "Dependency tangle of 4 files: removing 1 use breaks every cycle"
    );
    // Same members, same id; the cut comes first.
    assert_eq!(tangle["id"], cycle["id"]);
    let text = tangle.to_string();
    let (cut, example) = (
        text.find("removing 1 use breaks every cycle:").unwrap(),
        text.find("for example").unwrap(),
    );
    assert!(cut < example, "{tangle:#}");
    assert!(
        text.contains("an architecture note, not one task"),
        "{tangle:#}"
    );
    assert!(tangle["signals"]["severity"].as_f64().unwrap() <= 0.5);
}

#[test]
fn a_file_changing_with_its_own_test_is_not_hidden_coupling() {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"demo\"\n");
    repo.write("src/lib.rs", "pub mod parser;\npub mod a;\npub mod b;\n");
    for k in 0..7 {
        for name in ["src/parser.rs", "tests/parser.rs", "src/a.rs", "src/b.rs"] {
            repo.write(name, format!("pub fn f() -> u32 {{ {k} }}\n"));
        }
        repo.commit("all four, together");
    }
    let report = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let pairs: Vec<(&str, &str)> = report["hidden_coupling"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["a"].as_str().unwrap(), h["b"].as_str().unwrap()))
        .collect();
    assert!(pairs.contains(&("src/a.rs", "src/b.rs")), "{pairs:?}");
    assert!(
        !pairs.contains(&("src/parser.rs", "tests/parser.rs")),
        "{pairs:?}"
    );
    assert_eq!(pairs.len(), 5, "{pairs:?}");
    // In the backlog no pair with a test file is an item, its own test or not: what is left
    // is one group of the three source files.
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let groups: Vec<Vec<&str>> = items_of(&backlog, "hidden-coupling")
        .iter()
        .map(|i| {
            let mut files: Vec<&str> = std::iter::once(&i["location"])
                .chain(i["related"].as_array().unwrap())
                .map(|l| l["path"].as_str().unwrap())
                .collect();
            files.sort_unstable();
            files
        })
        .collect();
    assert_eq!(
        groups,
        [["src/a.rs", "src/b.rs", "src/parser.rs"]],
        "{backlog:#}"
    );
}

#[test]
fn a_file_no_crate_target_compiles_is_a_dead_file_item() {
    let repo = Repo::git();
    repo.write("demo/Cargo.toml", "[package]\nname = \"demo\"\n");
    repo.write("demo/src/lib.rs", "pub mod a;\n");
    repo.write("demo/src/a.rs", "pub fn a() {}\n");
    // Dead: no `mod old;` anywhere; it declares `gone`, dead with it.
    repo.write("demo/src/old.rs", "mod gone;\npub fn old() {}\n");
    repo.write("demo/src/old/gone.rs", "pub fn gone() {}\n");
    // Not dead: included, a test's helper, a binary, data outside the source tree, and
    // Rust code with no Cargo.toml above it.
    repo.write(
        "demo/src/a.rs",
        "pub fn a() {}\ninclude!(\"generated.rs\");\n",
    );
    repo.write("demo/src/generated.rs", "pub fn generated() {}\n");
    repo.write("demo/tests/common/helper.rs", "pub fn help() {}\n");
    repo.write("demo/src/bin/tool/util.rs", "pub fn util() {}\n");
    repo.write("demo/assets/sample.rs", "fn main() {}\n");
    repo.write("scripts/gen.rs", "fn main() {}\n");
    let backlog = json(
        &["scan", ".", "--format", "json", "-q", "--no-history"],
        repo.path(),
    );
    let dead = items_of(&backlog, "dead-file");
    assert_eq!(dead.len(), 1, "{backlog:#}");
    let item = dead[0];
    assert_eq!(item["location"]["path"], "demo/src/old.rs");
    assert_eq!(item["related"][0]["path"], "demo/src/old/gone.rs");
    assert_eq!(item["role"], "production");
    let why = item["explanation"].as_array().unwrap();
    assert!(
        why[0].as_str().unwrap().contains(
            "no `mod` declaration, `include!` or `#[path]` reaches it from any target in \
             demo/Cargo.toml"
        ),
        "{item:#}"
    );
    assert!(why
        .iter()
        .any(|l| l.as_str().unwrap().contains("declare it with `mod old;`")));
    // Declared, it is compiled: no item.
    repo.write("demo/src/lib.rs", "pub mod a;\nmod old;\n");
    let backlog = json(
        &["scan", ".", "--format", "json", "-q", "--no-history"],
        repo.path(),
    );
    assert!(items_of(&backlog, "dead-file").is_empty(), "{backlog:#}");
}

#[test]
fn a_parent_and_its_children_weigh_less_than_a_cycle_with_a_bigger_cut() {
    let repo = Repo::plain();
    repo.write("Cargo.toml", "[package]\nname = \"tiers\"\n");
    repo.write("src/lib.rs", "mod back;\nmod front;\nmod net;\n");
    // One module split into files: the parent uses its child once, the child its parent once.
    repo.write(
        "src/net/mod.rs",
        "mod split;\npub fn addr() {}\npub fn halves() {\n    self::split::half();\n}\n",
    );
    repo.write(
        "src/net/split.rs",
        "pub fn half() {\n    super::addr();\n}\n",
    );
    // Two modules of different parents that use each other sixteen times each way.
    repo.write("src/front/mod.rs", "pub mod parse;\n");
    repo.write("src/back/mod.rs", "pub mod eval;\n");
    let calls = |path: &str| format!("    crate::{path}();\n").repeat(16);
    repo.write(
        "src/front/parse.rs",
        format!(
            "pub fn tok() {{}}\npub fn all() {{\n{}}}\n",
            calls("back::eval::run")
        ),
    );
    repo.write(
        "src/back/eval.rs",
        format!(
            "pub fn run() {{}}\npub fn all() {{\n{}}}\n",
            calls("front::parse::tok")
        ),
    );
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let cycles = items_of(&backlog, "dependency-cycle");
    let find = |first: &str| {
        cycles
            .iter()
            .find(|c| c["location"]["path"] == first)
            .unwrap_or_else(|| panic!("no cycle at {first}: {backlog:#}"))
    };
    let (module, tiers) = (find("src/net/mod.rs"), find("src/back/eval.rs"));
    let severity = |c: &Value| c["signals"]["severity"].as_f64().unwrap();
    let text = module["explanation"].to_string();
    assert!(severity(module) <= 0.3, "{module:#}");
    assert!(
        text.contains("cohesive module: a parent and the children it declares use each other"),
        "{module:#}"
    );
    assert!(
        !tiers["explanation"].to_string().contains("cohesive"),
        "{tiers:#}"
    );
    // A cut of sixteen references weighs the most.
    assert!((severity(tiers) - 0.85).abs() < 1e-9, "{tiers:#}");
    assert!(
        tiers["score"].as_f64() > module["score"].as_f64(),
        "{tiers:#} {module:#}"
    );
    // Interest comes from the files at the ends of the cut, named in the explanation.
    assert!(
        tiers["explanation"]
            .to_string()
            .contains("the mean over the 2 files at the ends of the uses to remove"),
        "{tiers:#}"
    );
}

/// The members of each cycle of a `graph` JSON report.
/// The `(from, to)` pairs of a graph report's edges.
fn edge_set(report: &serde_json::Value) -> BTreeSet<(String, String)> {
    report["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let end = |name: &str| e[name].as_str().unwrap().to_string();
            (end("from"), end("to"))
        })
        .collect()
}

fn cycle_members(report: &serde_json::Value) -> Vec<Vec<String>> {
    report["cycles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::from_value(c["members"].clone()).unwrap())
        .collect()
}
