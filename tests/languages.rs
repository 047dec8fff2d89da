//! Languages beside Rust, through the real binary on scripted repositories: detection by
//! extension and by `#!` line, a mixed repository giving one backlog and one graph, and the
//! marker, unfinished-code and complexity facts of a language that is only a table row,
//! queries and fixtures (Lua, the pilot of the language seam).
#![cfg(feature = "lang-lua")]

mod common;

use common::{items_of, json, Repo};

const LUA_APP: &str = "\
local util = require(\"app.util\")
local M = {}

-- FIXME: retry loop can spin forever
function M.run(n)
  if n > 0 and util.ready() then
    return M.run(n - 1)
  end
  error(\"not implemented: batch mode\")
end

return M
";

const LUA_UTIL: &str = "\
local app = require \"app\"
local M = {}
-- TODO: cache this
function M.ready() return app ~= nil end
return M
";

const SCRIPT: &str = "\
#!/usr/bin/env lua5.4 -- TODO: not a marker, a command line
-- HACK: parse arguments by hand
print(arg[1])
";

fn mixed_repo() -> Repo {
    let mut repo = Repo::git();
    repo.write("app/init.lua", LUA_APP);
    repo.write("app/util.lua", LUA_UTIL);
    repo.write("bin/tool", SCRIPT);
    repo.write(
        "notes.txt",
        "#!/usr/bin/env lua\n-- TODO: not source code\n",
    );
    repo.write("src/lib.rs", "// TODO: the Rust half\npub fn f() {}\n");
    repo.commit("start");
    repo
}

#[test]
fn a_mixed_repository_is_one_backlog() {
    let repo = mixed_repo();
    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let todos: Vec<(String, String, u64)> = items_of(&backlog, "todo")
        .iter()
        .map(|i| {
            (
                i["location"]["path"].as_str().unwrap().to_string(),
                i["marker"]["tag"].as_str().unwrap().to_string(),
                i["location"]["start_line"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = todos.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            ("app/init.lua".into(), "FIXME".into(), 4),
            ("app/util.lua".into(), "TODO".into(), 3),
            // An extensionless script is Lua by its `#!` line; the line itself holds no marker.
            ("bin/tool".into(), "HACK".into(), 2),
            ("src/lib.rs".into(), "TODO".into(), 1),
        ]
    );
    // The FIXME belongs to the function below it, named with Lua's separator.
    let fixme = &items_of(&backlog, "todo")
        .into_iter()
        .find(|i| i["marker"]["tag"] == "FIXME")
        .unwrap()["location"]["symbol"];
    assert_eq!(fixme, "M.run");
    let unfinished = items_of(&backlog, "todo-macro");
    assert_eq!(unfinished.len(), 1);
    assert_eq!(unfinished[0]["marker"]["tag"], "error");
    assert_eq!(
        unfinished[0]["marker"]["text"],
        "not implemented: batch mode"
    );
    assert_eq!(unfinished[0]["location"]["symbol"], "M.run");
    // The two Lua files require each other: a cycle in the one graph.
    let cycles = items_of(&backlog, "dependency-cycle");
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0]["location"]["path"], "app/init.lua");
    assert_eq!(cycles[0]["related"][0]["path"], "app/util.lua");
    // Every file was read and dated by history, whatever its language.
    assert_eq!(backlog["summary"]["files_scanned"], 4);
    assert!(unfinished[0]["marker"]["introduced"]["commit"].is_string());
}

#[test]
fn lua_functions_have_their_complexity() {
    let repo = mixed_repo();
    let report = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let run = report["functions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["symbol"] == "M.run")
        .expect("M.run is measured");
    // if +1, and +1; cognitive: if +1, the `and` chain +1, the recursive call M.run +1.
    assert_eq!(run["cyclomatic"], 3);
    assert_eq!(run["cognitive"], 3);
    assert_eq!(run["params"], 1);
    assert_eq!(run["start_line"], 5);
    assert_eq!(run["end_line"], 10);
}

#[test]
fn the_graph_holds_every_language_with_a_resolver() {
    let repo = mixed_repo();
    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let nodes: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(nodes.len(), 4, "{nodes:?}");
    for path in ["app/init.lua", "app/util.lua", "bin/tool", "src/lib.rs"] {
        assert!(nodes.contains(&path), "{path} missing from {nodes:?}");
    }
    assert_eq!(graph["summary"]["edges"], 2);
    assert_eq!(graph["summary"]["cycles"], 1);
    assert_eq!(graph["summary"]["packages"], 1);
}
