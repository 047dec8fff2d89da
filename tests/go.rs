//! Go through the real binary on a scripted repository: markers only in comments
//! (`context.TODO()` is code), unfinished code (`panic("not implemented")`), complexity with
//! methods calling themselves through their receiver, `_test.go` as tests, packages resolved
//! through `go.mod`, and bad input (a syntax error, a `go.mod` without a module line) read as
//! far as it goes, never a panic.
#![cfg(feature = "lang-go")]

mod common;

use common::{items_of, json, Repo};

const STORE: &str = r#"package store

import (
	"context"
	"fmt"
)

// Store keeps things.
type Store struct{ items map[string]int }

// TODO: evict old entries
func (s *Store) Get(ctx context.Context, key string) (int, error) {
	_ = context.TODO()
	if v, ok := s.items[key]; ok && v > 0 || key == "" {
		return s.Get(ctx, key+"x")
	} else if key == "y" {
		return Get(key), nil
	}
	msg := "// FIXME: a string"
	panic("not implemented: " + msg)
}

// Get is not the method: a bare call from the method is no recursion.
func Get(key string) int {
	panic(fmt.Sprintf("todo %s", key))
}
"#;

const MAIN: &str = r#"package main

import (
	"example.com/app/store"
	"fmt"
)

func main() {
	// HACK: hard-coded
	fmt.Println(store.Get("a"))
	panic("TODO: flags")
}
"#;

#[test]
fn go_files_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write("go.mod", "module example.com/app\n\ngo 1.22\n");
    repo.write("store/store.go", STORE);
    repo.write("store/kv.go", "package store\n\nfunc kv() {}\n");
    repo.write(
        "store/store_test.go",
        "package store\n\n// TODO: table tests\nfunc TestGet(t *testing.T) {}\n",
    );
    repo.write("cmd/app/main.go", MAIN);
    repo.write(
        "broken/broken.go",
        "package broken\n\nfunc f( {\n// XXX: after the error\n",
    );
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
            ("broken/broken.go".into(), "XXX".into(), "production".into()),
            ("cmd/app/main.go".into(), "HACK".into(), "production".into()),
            ("store/store.go".into(), "TODO".into(), "production".into()),
            ("store/store_test.go".into(), "TODO".into(), "test".into()),
        ]
    );
    let todo = items_of(&backlog, "todo")
        .into_iter()
        .find(|i| i["location"]["path"] == "store/store.go")
        .unwrap();
    assert_eq!(todo["location"]["symbol"], "Store.Get");
    let mut unfinished: Vec<(&str, &str)> = items_of(&backlog, "todo-macro")
        .iter()
        .map(|i| {
            (
                i["location"]["symbol"].as_str().unwrap(),
                i["marker"]["text"].as_str().unwrap(),
            )
        })
        .collect();
    unfinished.sort();
    // A concatenation is read by the literal it starts with.
    assert_eq!(
        unfinished,
        [("Store.Get", "not implemented:"), ("main", "TODO: flags")],
        "{backlog:#}"
    );

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let get = rows.iter().find(|f| f["symbol"] == "Store.Get").unwrap();
    // gocyclo: 1 + if + && + || + else-if = 5. Cognitive: if 1 + the &&/|| chain 2 +
    // s.Get recursion 1 + else if 1 = 5 (the bare `Get` is the package's function).
    assert_eq!(get["cyclomatic"], 5, "{get:#}");
    assert_eq!(get["cognitive"], 5, "{get:#}");
    // The receiver counts, as Rust's `self` does.
    assert_eq!(get["params"], 3, "{get:#}");

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edges: Vec<(&str, &str)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    // An import names a package; `store.Get` uses the file that declares `Get`, not kv.go
    // (nor the package's test file).
    assert_eq!(edges, [("cmd/app/main.go", "store/store.go")]);
}

#[test]
fn a_go_mod_without_a_module_line_is_reported() {
    let mut repo = Repo::git();
    repo.write("go.mod", "this is not a go.mod\n");
    repo.write("a/a.go", "package a\n\nimport \"x/b\"\n");
    repo.write("b/b.go", "package b\n");
    repo.commit("start");
    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let warnings = graph["warnings"].to_string();
    assert!(
        warnings.contains("go.mod has no `module` line"),
        "{warnings}"
    );
    assert_eq!(graph["edges"].as_array().unwrap().len(), 0);
}
