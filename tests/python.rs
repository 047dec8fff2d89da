//! Python through the real binary on a scripted repository: markers only in comments (never in
//! docstrings), unfinished code (`raise NotImplementedError`, not under `@abstractmethod`),
//! complexity, roles by pytest's conventions, a `#!` script without extension, and bad input
//! (a syntax error, Python 2 code, a vendored package) read as far as it goes, never a panic.
#![cfg(feature = "lang-python")]

mod common;

use common::{items_of, json, Repo};

const APP: &str = "\
\"\"\"The app. TODO: a docstring is no comment.\"\"\"
from abc import ABC, abstractmethod


class Store(ABC):
    @abstractmethod
    def load(self, key):
        raise NotImplementedError

    def export(self, fmt):
        # FIXME: csv only
        if fmt == \"csv\" and self.ok or fmt == \"tsv\":
            return self.rows()
        raise NotImplementedError(\"other formats\")
";

const TEST: &str = "\
def test_export():
    # TODO: cover tsv
    assert True
";

const SCRIPT: &str = "\
#!/usr/bin/env python3
# HACK: arguments parsed by hand
import sys
print(sys.argv)
";

#[test]
fn python_files_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write("app/store.py", APP);
    repo.write("tests/test_store.py", TEST);
    repo.write("bin/tool", SCRIPT);
    // A syntax error and Python 2 are read as far as they parse.
    repo.write(
        "app/broken.py",
        "def f(:\n    # TODO: after the error\n    pass\n",
    );
    repo.write("app/legacy.py", "# XXX: python 2\nprint \"hello\"\n");
    repo.write("app/_vendor/six.py", "# TODO: vendored, never read\n");
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
            ("app/broken.py".into(), "TODO".into(), "production".into()),
            ("app/legacy.py".into(), "XXX".into(), "production".into()),
            ("app/store.py".into(), "FIXME".into(), "production".into()),
            ("bin/tool".into(), "HACK".into(), "production".into()),
            ("tests/test_store.py".into(), "TODO".into(), "test".into()),
        ]
    );
    let fixme = items_of(&backlog, "todo")
        .into_iter()
        .find(|i| i["marker"]["tag"] == "FIXME")
        .unwrap();
    assert_eq!(fixme["location"]["symbol"], "Store.export");
    // The abstract method's raise is the design; the other is unfinished code.
    let unfinished = items_of(&backlog, "todo-macro");
    assert_eq!(unfinished.len(), 1, "{backlog:#}");
    assert_eq!(unfinished[0]["marker"]["tag"], "NotImplementedError");
    assert_eq!(unfinished[0]["marker"]["text"], "other formats");
    assert_eq!(unfinished[0]["location"]["symbol"], "Store.export");
    let skipped = backlog["summary"]["skipped_files"].to_string();
    assert!(skipped.contains("vendored"), "{skipped}");

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let export = rows.iter().find(|f| f["symbol"] == "Store.export").unwrap();
    // 1 + if + and + or; cognitive: if 1 + the and/or chain's two runs 2.
    assert_eq!(export["cyclomatic"], 4, "{export:#}");
    assert_eq!(export["cognitive"], 3, "{export:#}");
    assert_eq!(export["params"], 2, "{export:#}");
}

#[test]
fn python_imports_make_one_graph_with_its_cycles() {
    let mut repo = Repo::git();
    repo.write("src/app/__init__.py", "");
    repo.write(
        "src/app/store.py",
        "import os\nfrom . import util\n\n\ndef save():\n    return util.path()\n",
    );
    repo.write(
        "src/app/util.py",
        "from app.store import save\n\n\ndef path():\n    return save\n",
    );
    repo.write("src/app/cli.py", "from .store import save\n");
    repo.commit("start");
    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let text = graph.to_string();
    // store ↔ util is a cycle (a relative and an absolute import from the `src/` root); cli
    // only uses store; `os` is outside the repository.
    let cycles = graph["cycles"].as_array().expect("cycles");
    assert_eq!(cycles.len(), 1, "{text}");
    assert_eq!(
        cycles[0]["members"],
        serde_json::json!(["src/app/store.py", "src/app/util.py"]),
        "{text}"
    );
    assert_eq!(graph["unresolved"], serde_json::json!({"os": 1}), "{text}");
    let cli_uses_store = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["from"] == "src/app/cli.py" && e["to"] == "src/app/store.py");
    assert!(cli_uses_store, "{text}");
}

#[test]
fn a_package_init_that_re_exports_is_a_facade_not_a_cycle() {
    let mut repo = Repo::git();
    repo.write(
        "pkg/__init__.py",
        "from .core import Command\nfrom .util import helper, Unused\ntry:\n    from ._speedups import fast\nexcept ImportError:\n    \
         from ._fallback import fast\nimport os\n\n__version__ = \"1.0\"\n\n\ndef run():\n    \
         from .log import say\n    return say(helper())\n",
    );
    repo.write(
        "pkg/core.py",
        "from . import __version__\n\n\nclass Command:\n    version = __version__\n",
    );
    repo.write("pkg/_speedups.py", "def fast():\n    return 1\n");
    repo.write("pkg/_fallback.py", "def fast():\n    return 0\n");
    repo.write("pkg/log.py", "def say(x):\n    return x\n");
    repo.write(
        "pkg/util.py",
        "def helper():\n    return 2\n\n\nclass Unused:\n    pass\n",
    );
    repo.write(
        "pkg/cli.py",
        "from .core import Command\n\n\ndef main():\n    return Command\n",
    );
    // The same import in a module is its own use, no re-export.
    repo.write("pkg/shell.py", "from .core import Command\n");
    repo.commit("start");
    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let text = graph.to_string();
    // core → __init__ (for `__version__`) and __init__ → core (a re-export) would be a cycle;
    // a facade's re-exports are none.
    assert_eq!(graph["cycles"], serde_json::json!([]), "{text}");
    let edge = |from: &str, to: &str| {
        graph["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["from"] == from && e["to"] == to)
            .cloned()
            .unwrap_or_else(|| panic!("no edge {from} -> {to}: {text}"))
    };
    for to in ["pkg/core.py", "pkg/_speedups.py", "pkg/_fallback.py"] {
        let e = edge("pkg/__init__.py", to);
        assert_eq!(e["kinds"], serde_json::json!({"reexport": 1}), "{e}");
    }
    // `helper` is used by the `__init__.py` itself: a use (and `Unused` a re-export); an
    // import inside a function of `__init__.py` is a use.
    assert_eq!(
        edge("pkg/__init__.py", "pkg/util.py")["kinds"],
        serde_json::json!({"use": 1, "reexport": 1}),
        "{text}"
    );
    let uses = serde_json::json!({"use": 1});
    assert_eq!(
        edge("pkg/__init__.py", "pkg/log.py")["kinds"],
        uses,
        "{text}"
    );
    assert_eq!(edge("pkg/cli.py", "pkg/core.py")["kinds"], uses, "{text}");
    assert_eq!(edge("pkg/shell.py", "pkg/core.py")["kinds"], uses, "{text}");
    assert_eq!(
        edge("pkg/core.py", "pkg/__init__.py")["kinds"],
        uses,
        "{text}"
    );
}
