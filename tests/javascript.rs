//! JavaScript and TypeScript through the real binary on scripted repositories: markers only in
//! comments (never in strings, template literals, regular expressions or JSX text), unfinished
//! code, complexity, test roles, imports resolved through relative paths, `tsconfig.json`
//! (JSONC) and workspace packages, and bad input read as far as it goes, never a panic.
#![cfg(all(feature = "lang-javascript", feature = "lang-typescript"))]

mod common;

use common::{items_of, json, Repo};

const APP: &str = r#"#!/usr/bin/env node
// TODO: split the router out
import { format } from './util.js';
const re = /\/\/ FIXME: not a comment/;
const s = `// HACK: a template literal ${format(1) /* XXX: in a substitution */}`;

export function route(req, opts = {}) {
  if (req?.path && opts.strict || opts.loose) {
    return route(req.next);
  } else if (req.method === 'GET') {
    throw new Error('not implemented');
  }
  return [1, 2].map((x) => (x > 1 ? x : 0));
}
"#;

const VIEW: &str = r#"// A .js file that is really JSX.
export const View = ({ items }) => (
  <ul>
    {/* TODO: empty state */}
    <li>// FIXME: text on the page</li>
    {items.map((i) => <li key={i}>{i}</li>)}
  </ul>
);
"#;

const TS: &str = r#"import type { Options } from './types';
import { helper } from '@/lib/helper';
import { core } from '@acme/core';

@sealed
export class Service {
  constructor(private readonly opts: Options) {}

  // FIXME: retries
  run(n: number = 3): number {
    return n > 0 ? this.run(n - 1) : core(helper(n));
  }
}
"#;

#[test]
fn javascript_and_typescript_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write("src/app.js", APP);
    repo.write("src/util.js", "export const format = (x) => String(x);\n");
    repo.write("src/view.js", VIEW);
    repo.write(
        "src/app.test.js",
        "// TODO: cover GET\ntest('x', () => {});\n",
    );
    repo.write("web/src/service.ts", TS);
    repo.write(
        "web/src/types.ts",
        "export interface Options { retries: number }\n",
    );
    repo.write(
        "web/src/lib/helper.ts",
        "export function helper(n: number) { return n; }\n",
    );
    // JSONC: comments and trailing commas.
    repo.write(
        "web/tsconfig.json",
        "{\n  // paths\n  \"compilerOptions\": { \"baseUrl\": \"src\", \"paths\": { \"@/*\": [\"*\"], }, },\n}\n",
    );
    repo.write(
        "packages/core/package.json",
        "{ \"name\": \"@acme/core\", \"main\": \"src/index.ts\" }\n",
    );
    repo.write(
        "packages/core/src/index.ts",
        "export * from './impl';\nexport function core(x: number) { return x; }\n",
    );
    repo.write("packages/core/src/impl.ts", "export * from './index';\n");
    repo.commit("start");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let mut todos: Vec<(String, String, String)> = items_of(&backlog, "todo")
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap().to_string(),
                i["marker"]["tag"].as_str().unwrap().to_string(),
                i["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    todos.sort();
    assert_eq!(
        todos,
        [
            ("src/app.js".into(), "TODO".into(), "production".into()),
            ("src/app.js".into(), "XXX".into(), "production".into()),
            ("src/app.test.js".into(), "TODO".into(), "test".into()),
            ("src/view.js".into(), "TODO".into(), "production".into()),
            (
                "web/src/service.ts".into(),
                "FIXME".into(),
                "production".into()
            ),
        ]
    );
    let fixme = items_of(&backlog, "todo")
        .into_iter()
        .find(|i| i["marker"]["tag"] == "FIXME")
        .unwrap();
    assert_eq!(fixme["location"]["symbol"], "Service.run");
    let unfinished = items_of(&backlog, "todo-macro");
    assert_eq!(unfinished.len(), 1, "{backlog:#}");
    assert_eq!(unfinished[0]["marker"]["text"], "not implemented");
    assert_eq!(unfinished[0]["location"]["symbol"], "route");
    let languages = &backlog["summary"]["languages"];
    assert_eq!(languages["javascript"]["files"], 4, "{languages:#}");
    assert_eq!(languages["typescript"]["files"], 5, "{languages:#}");

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let get = |symbol: &str| rows.iter().find(|f| f["symbol"] == symbol).unwrap();
    // ESLint's rule: 1 + if + ?. + && + || + else-if + default value + the callback's ?: = 8.
    // Cognitive: if 1 + the &&/|| chain 2 + recursion 1 + else if 1 + ?: in the callback at
    // nesting 1: 2 = 7.
    let route = get("route");
    assert_eq!(route["cyclomatic"], 8, "{route:#}");
    assert_eq!(route["cognitive"], 7, "{route:#}");
    assert_eq!(route["params"], 2, "{route:#}");
    // A method calls itself through `this`; a parameter default counts.
    let run = get("Service.run");
    assert_eq!(run["cyclomatic"], 3, "{run:#}");
    assert_eq!(run["cognitive"], 2, "{run:#}");
    assert_eq!(get("View")["cyclomatic"], 1);

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edges = graph_edges(&graph);
    for edge in [
        ("src/app.js", "src/util.js"),
        ("web/src/service.ts", "web/src/lib/helper.ts"),
        ("web/src/service.ts", "packages/core/src/index.ts"),
        ("packages/core/src/index.ts", "packages/core/src/impl.ts"),
        ("packages/core/src/impl.ts", "packages/core/src/index.ts"),
    ] {
        assert!(
            edges.contains(&(edge.0.into(), edge.1.into())),
            "{edge:?} in {edges:?}"
        );
    }
    // A type-only import is erased by the compiler: no edge.
    assert!(
        !edges.contains(&("web/src/service.ts".into(), "web/src/types.ts".into())),
        "{edges:?}"
    );
}

/// `(from, to)` of every edge of a `graph --format json` report.
fn graph_edges(graph: &serde_json::Value) -> Vec<(String, String)> {
    graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let end = |k: &str| e[k].as_str().unwrap().to_string();
            (end("from"), end("to"))
        })
        .collect()
}

#[test]
fn bad_javascript_input_is_read_as_far_as_it_goes() {
    let mut repo = Repo::git();
    repo.write(
        "src/broken.js",
        "function f( {\n  // TODO: after the error\n}\n",
    );
    // A minified bundle: one long line, and its `.min.js` twin.
    let long = format!("var a=1;{}// TODO: minified\n", "a+=1;".repeat(400_000));
    repo.write("dist/bundle.js", &long);
    repo.write("src/lib.min.js", "var x=1;// TODO: minified\n");
    // Broken manifests.
    repo.write("package.json", "{ \"name\": \"app\", ");
    repo.write("tsconfig.json", "{ \"compilerOptions\": { \"paths\": ");
    repo.write(
        "src/a.ts",
        "import { b } from './b';\n// HACK: still read\nexport const a = 1;\n",
    );
    repo.write("src/b.ts", "export * from './a';\nexport const b = 2;\n");
    // An extension that lies: Python in a .js file.
    repo.write("src/script.js", "def f():\n    # TODO: python\n    pass\n");
    repo.commit("start");
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let tags: Vec<(&str, &str)> = items_of(&backlog, "todo")
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap(),
                i["marker"]["tag"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(tags.contains(&("src/broken.js", "TODO")), "{tags:?}");
    assert!(tags.contains(&("src/a.ts", "HACK")), "{tags:?}");
    assert!(
        !tags.iter().any(|(p, _)| p.starts_with("dist/")),
        "{tags:?}"
    );
    let summary = backlog["summary"].to_string();
    assert!(summary.contains("minified"), "{summary}");
    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let warnings = graph["warnings"].to_string();
    assert!(warnings.contains("package.json is not JSON"), "{warnings}");
    assert!(
        warnings.contains("tsconfig.json does not parse"),
        "{warnings}"
    );
    assert!(graph_edges(&graph).contains(&("src/a.ts".into(), "src/b.ts".into())));
}

#[test]
fn languages_filter_and_a_repository_with_no_supported_source() {
    let mut repo = Repo::git();
    repo.write("a.js", "// TODO: js\n");
    repo.write("b.ts", "// TODO: ts\n");
    repo.write("c.tsx", "// TODO: tsx\n");
    repo.commit("start");
    let backlog = json(
        &[
            "todos",
            ".",
            "--languages",
            "typescript",
            "--format",
            "json",
            "-q",
        ],
        repo.path(),
    );
    let paths: Vec<&str> = items_of(&backlog, "todo")
        .iter()
        .map(|i| i["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["b.ts", "c.tsx"]);
    common::debtscan()
        .args(["todos", ".", "--languages", "cobol"])
        .current_dir(repo.path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("unknown language `cobol`"));

    let mut docs = Repo::git();
    docs.write("README.md", "# TODO: docs only\n");
    docs.write("notes.txt", "TODO\n");
    docs.commit("start");
    let sarif = json(&["scan", ".", "--format", "sarif", "-q"], docs.path());
    let notes = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"].to_string();
    assert!(
        notes.contains("no source files in a language debtscan reads"),
        "{sarif:#}"
    );
    let table = common::stdout(&["scan", "."], docs.path());
    assert!(table.contains("No source files analysed"), "{table}");
}
