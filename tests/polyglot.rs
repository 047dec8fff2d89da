//! One scripted repository in twelve languages (Rust, Python, TypeScript, Go, Java, C, C++,
//! C#, Ruby, PHP, Kotlin, Swift)
//! through `scan`,
//! `graph` and `hotspots`: one backlog, one graph holding every language's files, and the
//! summary counting each language.
#![cfg(all(
    feature = "lang-python",
    feature = "lang-go",
    feature = "lang-typescript",
    feature = "lang-java",
    feature = "lang-c",
    feature = "lang-cpp",
    feature = "lang-csharp",
    feature = "lang-ruby",
    feature = "lang-php",
    feature = "lang-kotlin",
    feature = "lang-swift"
))]

mod common;

use common::{complex, items_of, json, Repo};

#[test]
fn a_polyglot_repository_is_one_backlog_and_one_graph() {
    let mut repo = Repo::git();
    repo.write(
        "Cargo.toml",
        "[package]\nname = \"core\"\nversion = \"0.1.0\"\nedition = \"2021\"\n",
    );
    repo.write(
        "src/lib.rs",
        "mod util;\n// TODO: rust\npub fn f() { util::g(); }\n",
    );
    repo.write("src/util.rs", complex("g", 12));
    repo.write(
        "tools/gen/main.py",
        "from gen import helpers\n\n# FIXME: python\ndef main():\n    helpers.run()\n",
    );
    repo.write("tools/gen/helpers.py", "def run():\n    pass\n");
    repo.write("tools/gen/__init__.py", "");
    repo.write(
        "web/src/app.ts",
        "import { api } from './api';\n// HACK: typescript\nexport const app = () => api();\n",
    );
    repo.write("web/src/api.ts", "export function api() { return 1; }\n");
    repo.write("svc/go.mod", "module example.com/svc\n\ngo 1.22\n");
    repo.write(
        "svc/main.go",
        "package main\n\nimport \"example.com/svc/db\"\n\n// XXX: go\nfunc main() { db.Open() }\n",
    );
    repo.write("svc/db/db.go", "package db\n\nfunc Open() {}\n");
    repo.write(
        "jvm/src/main/java/ex/App.java",
        "package ex;\n\nimport ex.store.Db;\n\nclass App {\n    // BUG: java\n    void run() { Db.open(); }\n}\n",
    );
    repo.write(
        "jvm/src/main/java/ex/store/Db.java",
        "package ex.store;\n\npublic class Db {\n    public static void open() {}\n}\n",
    );
    repo.write(
        "native/codec.c",
        "#include \"codec.h\"\n// KLUDGE: c\nint encode(int x) { return x; }\n",
    );
    repo.write("native/codec.h", "int encode(int x);\n");
    repo.write(
        "engine/render.cpp",
        "#include \"render.hpp\"\n// OPTIMIZE: c++\nvoid render() {}\n",
    );
    repo.write("engine/render.hpp", "void render();\n");
    repo.write(
        "dotnet/App.cs",
        "namespace Ex;\n\nclass App\n{\n    // WORKAROUND: c#\n    void Run() { Db.Open(); }\n}\n",
    );
    repo.write(
        "dotnet/Db.cs",
        "namespace Ex;\n\nstatic class Db\n{\n    public static void Open() { }\n}\n",
    );
    repo.write(
        "gem/lib/shop.rb",
        "require_relative \"shop/cart\"\n\nmodule Shop\n  # REFACTOR: ruby\n  def self.cart = Cart.new\nend\n",
    );
    repo.write(
        "gem/lib/shop/cart.rb",
        "module Shop\n  class Cart\n  end\nend\n",
    );
    repo.write(
        "site/src/Page.php",
        "<?php\nnamespace Site;\n\n// KLUDGE: php\nclass Page extends Layout {}\n",
    );
    repo.write(
        "site/src/Layout.php",
        "<?php\nnamespace Site;\n\nclass Layout {}\n",
    );
    repo.write(
        "jvm/src/main/kotlin/ex/Report.kt",
        "package ex\n\n// OPTIMIZE: kotlin\nfun report() = App()\n",
    );
    repo.write(
        "ios/App/View.swift",
        "// HACK: swift\nstruct View {\n    let model = Model()\n}\n",
    );
    repo.write("ios/App/Model.swift", "struct Model {}\n");
    repo.commit("start");
    for k in 0..4 {
        repo.advance(3);
        repo.write("src/util.rs", complex("g", 12 + k));
        repo.write(
            "web/src/api.ts",
            format!("export function api() {{ return {k}; }}\n"),
        );
        repo.commit(&format!("change {k}"));
    }

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let mut tags: Vec<&str> = items_of(&backlog, "todo")
        .iter()
        .map(|i| i["marker"]["tag"].as_str().unwrap())
        .collect();
    tags.sort();
    assert_eq!(
        tags,
        [
            "BUG",
            "FIXME",
            "HACK",
            "HACK",
            "KLUDGE",
            "KLUDGE",
            "OPTIMIZE",
            "OPTIMIZE",
            "REFACTOR",
            "TODO",
            "WORKAROUND",
            "XXX"
        ],
        "{backlog:#}"
    );
    let languages = &backlog["summary"]["languages"];
    for (language, files) in [
        ("rust", 2),
        ("python", 3),
        ("typescript", 2),
        ("go", 2),
        ("java", 2),
        // A header is C++ in a repository with more C++ sources than C ones.
        ("c", 1),
        ("cpp", 3),
        ("csharp", 2),
        ("ruby", 2),
        ("php", 2),
        ("kotlin", 1),
        ("swift", 2),
    ] {
        assert_eq!(languages[language]["files"], files, "{languages:#}");
        assert!(
            languages[language]["items"].as_u64().unwrap() >= 1,
            "{languages:#}"
        );
    }

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let edges: Vec<(&str, &str)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["from"].as_str().unwrap(), e["to"].as_str().unwrap()))
        .collect();
    for edge in [
        ("src/lib.rs", "src/util.rs"),
        ("tools/gen/main.py", "tools/gen/helpers.py"),
        ("web/src/app.ts", "web/src/api.ts"),
        ("svc/main.go", "svc/db/db.go"),
        (
            "jvm/src/main/java/ex/App.java",
            "jvm/src/main/java/ex/store/Db.java",
        ),
        ("native/codec.c", "native/codec.h"),
        ("engine/render.cpp", "engine/render.hpp"),
        ("dotnet/App.cs", "dotnet/Db.cs"),
        ("gem/lib/shop.rb", "gem/lib/shop/cart.rb"),
        ("site/src/Page.php", "site/src/Layout.php"),
        // Kotlin and Java in one package: one resolver, one graph.
        (
            "jvm/src/main/kotlin/ex/Report.kt",
            "jvm/src/main/java/ex/App.java",
        ),
        ("ios/App/View.swift", "ios/App/Model.swift"),
    ] {
        assert!(edges.contains(&edge), "{edge:?} in {edges:?}");
    }
    assert_eq!(graph["summary"]["nodes"], 24, "{:#}", graph["summary"]);

    let hotspots = json(&["hotspots", ".", "--format", "json", "-q"], repo.path());
    let files: Vec<&str> = hotspots["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"src/util.rs"), "{files:?}");
    assert!(files.contains(&"web/src/api.ts"), "{files:?}");
}
