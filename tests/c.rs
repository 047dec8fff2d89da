//! C and C++ through the real binary on scripted repositories: markers only in comments (a
//! `#define` line's comment included, a comment opener inside a `#define`'s string not),
//! unfinished code, complexity with recursion, `.h` headers read as C or C++ by what the
//! repository holds, GoogleTest tests as test code, `#include` resolved to files through the
//! including file's directory and the inferred include path, and bad input (macro-heavy code,
//! a syntax error, a generated parser, binary and non-UTF-8 files) read as far as it goes.
#![cfg(all(feature = "lang-c", feature = "lang-cpp"))]

mod common;

use common::{graph_edges, items_of, json, places, todo_places, unfinished, Repo};

const MAIN_C: &str = r#"#include <stdio.h>
#include "util.h"
#include "../include/app/api.h"

#define RETRIES 3 // TODO: read from the environment
#define BANNER "/* FIXME: a string, not a comment */"

static const char *note = "// HACK: a string";

/* Counts down. */
int countdown(int n, char **argv) {
    if (n > 0 && argv != NULL || n == -1) {
        return countdown(n - 1, argv);
    } else if (n < -1) {
        assert(0 && "negative counts: not implemented");
    }
    return 0;
}

#if 0
int disabled(void) { /* XXX: dead code kept around */ return 1; }
#endif
"#;

#[test]
fn c_files_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write("Makefile", "all:\n\tcc -Iinclude src/*.c\n");
    repo.write("src/main.c", MAIN_C);
    repo.write(
        "src/util.h",
        "#ifndef UTIL_H\n#define UTIL_H\nint twice(int x); // NOTE: pure\n#endif\n",
    );
    repo.write(
        "src/util.c",
        "#include \"util.h\"\nint twice(int x) { return 2 * x; }\n",
    );
    repo.write(
        "include/app/api.h",
        "#include <app/config.h>\nstruct api { int version; /* FIXME: widen */ };\n",
    );
    repo.write("include/app/config.h", "#define APP_VERSION 2\n");
    // Macro-heavy code the grammar cannot read whole: what parses is kept.
    repo.write(
        "src/list.c",
        "#include \"util.h\"\nLIST_FOREACH(x, list) {\n  use(x);\n}\nint len(void) {\n  // TODO: cache the length\n  return 0;\n}\n",
    );
    repo.write(
        "src/parser.c",
        "/* A Bison parser, made by GNU Bison 3.8.2.  */\n// TODO: generated\nint yyparse(void) { return 0; }\n",
    );
    repo.write("src/latin1.c", b"/* TODO: caf\xe9 */\nint x;\n");
    repo.write("tests/test_util.c", "#include \"../src/util.h\"\n// TODO: cover overflow\nint main(void) { return twice(1) != 2; }\n");
    repo.commit("start");

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let expected = places(&[
        ("include/app/api.h", 2, "FIXME", "production"),
        ("src/latin1.c", 1, "TODO", "production"),
        ("src/list.c", 6, "TODO", "production"),
        ("src/main.c", 5, "TODO", "production"),
        ("src/main.c", 21, "XXX", "production"),
        ("tests/test_util.c", 2, "TODO", "test"),
    ]);
    assert_eq!(todo_places(&backlog), expected, "{backlog:#}");
    let symbol = |path: &str| {
        items_of(&backlog, "todo")
            .into_iter()
            .find(|i| i["location"]["path"] == path)
            .map(|i| i["location"]["symbol"].clone())
            .unwrap()
    };
    assert_eq!(symbol("include/app/api.h"), "api");
    assert_eq!(symbol("src/list.c"), "len");
    // The generated parser is skipped, and says so.
    assert!(
        backlog.to_string().contains("src/parser.c"),
        "the generated parser is listed as skipped: {backlog:#}"
    );

    let unfinished = unfinished(&backlog);
    assert_eq!(
        unfinished,
        [("countdown", "assert", "negative counts: not implemented")],
        "{backlog:#}"
    );
    let languages = &backlog["summary"]["languages"];
    assert_eq!(languages["c"]["files"], 8, "{languages:#}");
    assert!(languages.get("cpp").is_none(), "{languages:#}");

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let countdown = rows.iter().find(|f| f["symbol"] == "countdown").unwrap();
    // 1 + if + && + || + else-if + the assertion's && = 6. Cognitive: if 1 + the &&/|| chain
    // 2 + recursion 1 + else if 1 + the assertion's chain 1 = 6.
    assert_eq!(countdown["cyclomatic"], 6, "{countdown:#}");
    assert_eq!(countdown["cognitive"], 6, "{countdown:#}");
    assert_eq!(countdown["params"], 2, "{countdown:#}");
    let len = rows.iter().find(|f| f["symbol"] == "len").unwrap();
    assert_eq!(len["params"], 0, "`(void)` declares no parameter: {len:#}");

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        graph_edges(&graph),
        [
            ("include/app/api.h", "include/app/config.h"),
            ("src/list.c", "src/util.h"),
            ("src/main.c", "include/app/api.h"),
            ("src/main.c", "src/util.h"),
            ("src/util.c", "src/util.h"),
            ("tests/test_util.c", "src/util.h"),
        ],
        "{graph:#}"
    );
    let unresolved = graph["unresolved"].to_string();
    assert!(unresolved.contains("\"stdio.h\""), "{unresolved}");
}

const BOX_HPP: &str = r#"#pragma once
#include <vector>

namespace geo {
class Box {
 public:
  explicit operator bool() const { return !items_.empty(); }
  int depth(int n) const;
  void grow() {
    throw std::logic_error("grow: not implemented");
  }

 private:
  std::vector<int> items_; // TODO: a small vector
};
}  // namespace geo
"#;

const BOX_CPP: &str = r#"#include "box.h"

namespace geo {
int Box::depth(int n) const {
  for (int item : items_) {
    if (item > n and n > 0) {
      return this->depth(n - 1);
    }
  }
  auto pick = [&](int a) { return a > 0 ? a : -a; };
  return pick(n);
}
}  // namespace geo
"#;

#[test]
fn cpp_headers_namespaces_and_tests() {
    let mut repo = Repo::git();
    // `.h` headers are C++ where the repository has C++ sources.
    repo.write("src/box.h", BOX_HPP);
    repo.write("src/box.cpp", BOX_CPP);
    repo.write(
        "src/box_test.cc",
        "#include \"box.h\"\n#include <gtest/gtest.h>\n\nTEST(Box, Depth) {\n  // FIXME: flaky on CI\n  EXPECT_EQ(geo::Box().depth(0), 0);\n}\n",
    );
    repo.write(
        "src/engine.cpp",
        "#include \"box.h\"\nTEST(Engine, Starts) {\n  // HACK: a test beside the code\n}\nvoid run() {\n  // HACK: retries\n}\n",
    );
    repo.commit("start");

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let languages = &backlog["summary"]["languages"];
    assert_eq!(languages["cpp"]["files"], 4, "{languages:#}");
    assert!(languages.get("c").is_none(), "{languages:#}");
    let mut todos: Vec<(String, u64, String, String)> = items_of(&backlog, "todo")
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap().to_string(),
                i["location"]["start_line"].as_u64().unwrap(),
                i["location"]["symbol"].as_str().unwrap_or("-").to_string(),
                i["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    todos.sort();
    let expected: Vec<(String, u64, String, String)> = [
        ("src/box.h", 14, "geo::Box", "production"),
        ("src/box_test.cc", 5, "TEST(Box, Depth)", "test"),
        ("src/engine.cpp", 3, "TEST(Engine, Starts)", "test"),
        ("src/engine.cpp", 6, "run", "production"),
    ]
    .into_iter()
    .map(|(p, l, s, r)| (p.to_string(), l, s.to_string(), r.to_string()))
    .collect();
    assert_eq!(todos, expected, "{backlog:#}");
    let unfinished = items_of(&backlog, "todo-macro");
    assert_eq!(unfinished.len(), 1, "{backlog:#}");
    assert_eq!(unfinished[0]["location"]["symbol"], "geo::Box::grow");
    assert_eq!(unfinished[0]["marker"]["tag"], "logic_error");

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let symbols: Vec<&str> = rows.iter().map(|f| f["symbol"].as_str().unwrap()).collect();
    for want in [
        "geo::Box::operator bool",
        "geo::Box::grow",
        "geo::Box::depth",
    ] {
        assert!(symbols.contains(&want), "{want}: {symbols:?}");
    }
    let depth = rows
        .iter()
        .find(|f| f["symbol"] == "geo::Box::depth")
        .unwrap();
    // 1 + range-for + if + `and` + the small lambda's ?: = 5. Cognitive: for 1 + if 2
    // (nested) + `and` 1 + this->depth recursion 1 + the lambda's ?: 2 (nested in it) = 7.
    assert_eq!(depth["cyclomatic"], 5, "{depth:#}");
    assert_eq!(depth["cognitive"], 7, "{depth:#}");

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        graph_edges(&graph),
        [
            ("src/box.cpp", "src/box.h"),
            ("src/box_test.cc", "src/box.h"),
            ("src/engine.cpp", "src/box.h"),
        ],
        "{graph:#}"
    );
}
