//! Kotlin through the real binary on a scripted Gradle project: markers only in comments (not
//! in strings or raw strings; nested block comments and KDoc read whole), unfinished code
//! (`TODO()`, a throw whose message says "not implemented"), complexity with recursion through
//! `this.`, JUnit tests as test code (by source set and by annotation), imports, aliases and
//! same-package names resolved to files by Java's resolver, and bad input (a syntax error, a
//! broken build script) read as far as it goes.
#![cfg(feature = "lang-kotlin")]

mod common;

use common::{graph_edges, items_of, json, places, todo_places, unfinished, Repo};

const CLIENT: &str = r#"package com.ex.app

import com.ex.util.Helper
import com.ex.db.open as dbOpen

// TODO: read the limit from the configuration
class Client(private val limit: Int) : Base() {
    private val banner = "// FIXME: a string, not a comment"
    private val raw = """/* HACK: a raw string */"""

    /* XXX: an outer comment /* with a nested one */ still the outer one */
    fun fetch(depth: Int, vararg names: String): Int {
        if (depth > 0 && limit > 0 || names.isEmpty()) {
            return this.fetch(depth - 1)
        } else if (depth < -1) {
            return Helper.count(names.size)
        }
        return dbOpen(depth)
    }

    fun export(): String = TODO("csv export")

    fun close() {
        throw UnsupportedOperationException()
    }
}
"#;

#[test]
fn kotlin_files_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write("build.gradle.kts", "plugins {\n  kotlin(\"jvm\"\n");
    repo.write("src/main/kotlin/com/ex/app/Client.kt", CLIENT);
    repo.write(
        "src/main/kotlin/com/ex/app/Base.kt",
        "package com.ex.app\n\nopen class Base {\n    open fun id(): Int = 0\n}\n",
    );
    repo.write(
        "src/main/kotlin/com/ex/util/Helper.kt",
        "package com.ex.util\n\nobject Helper {\n    fun count(n: Int): Int = n\n}\n",
    );
    // Top-level functions: a file named after none of them.
    repo.write(
        "src/main/kotlin/com/ex/db/Db.kt",
        "package com.ex.db\n\n// BUG: leaks the handle\nfun open(n: Int): Int = n\n",
    );
    repo.write(
        "src/main/kotlin/com/ex/app/Broken.kt",
        "package com.ex.app\n\n// XXX: before the error\nfun broken( {\n// FIXME: lost in the error region\n}\n",
    );
    repo.write(
        "src/test/kotlin/com/ex/app/ClientTest.kt",
        "package com.ex.app\n\nimport org.junit.jupiter.api.Test\n\nclass ClientTest {\n    // TODO: cover the error path\n    @Test\n    fun fetches() {\n        Client(1).fetch(0)\n    }\n}\n",
    );
    // A JUnit test outside the test source set is test code by its annotation.
    repo.write(
        "src/main/kotlin/com/ex/app/Checks.kt",
        "package com.ex.app\n\nimport org.junit.Test\n\nclass Checks {\n    @Test\n    fun check() {\n        // HACK: sleeps\n    }\n\n    fun prod() {\n        // HACK: retries\n    }\n}\n",
    );
    repo.commit("start");

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let expected = places(&[
        // tree-sitter-kotlin-ng drops the comments of a region it cannot parse (README).
        (
            "src/main/kotlin/com/ex/app/Broken.kt",
            3,
            "XXX",
            "production",
        ),
        ("src/main/kotlin/com/ex/app/Checks.kt", 8, "HACK", "test"),
        (
            "src/main/kotlin/com/ex/app/Checks.kt",
            12,
            "HACK",
            "production",
        ),
        (
            "src/main/kotlin/com/ex/app/Client.kt",
            6,
            "TODO",
            "production",
        ),
        (
            "src/main/kotlin/com/ex/app/Client.kt",
            11,
            "XXX",
            "production",
        ),
        ("src/main/kotlin/com/ex/db/Db.kt", 3, "BUG", "production"),
        (
            "src/test/kotlin/com/ex/app/ClientTest.kt",
            6,
            "TODO",
            "test",
        ),
    ]);
    assert_eq!(todo_places(&backlog), expected, "{backlog:#}");
    let partial = backlog["summary"]["partial_files"].to_string();
    assert!(
        partial.contains("syntax-errors") && partial.contains("Broken.kt"),
        "the broken file is counted as parsed in part: {partial}"
    );
    let xxx = items_of(&backlog, "todo")
        .into_iter()
        .find(|i| i["location"]["start_line"] == 11)
        .unwrap();
    assert_eq!(xxx["location"]["symbol"], "Client.fetch", "{xxx:#}");
    assert_eq!(
        xxx["marker"]["text"], "an outer comment with a nested one still the outer one",
        "{xxx:#}"
    );

    let unfinished = unfinished(&backlog);
    // `close()` throwing without a message is a design, not unfinished work.
    assert_eq!(
        unfinished,
        [("Client.export", "TODO", "csv export")],
        "{backlog:#}"
    );

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let fetch = rows.iter().find(|f| f["symbol"] == "Client.fetch").unwrap();
    // 1 + if + && + || + else-if = 5. Cognitive: if 1 + the &&/|| chain 2 + this.fetch
    // recursion 1 + else if 1 = 5 (`Helper.count` is another object's).
    assert_eq!(fetch["cyclomatic"], 5, "{fetch:#}");
    assert_eq!(fetch["cognitive"], 5, "{fetch:#}");
    assert_eq!(fetch["params"], 2, "{fetch:#}");

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        graph_edges(&graph),
        [
            // Its own package's Base without an import; the aliased top-level function.
            (
                "src/main/kotlin/com/ex/app/Client.kt",
                "src/main/kotlin/com/ex/app/Base.kt"
            ),
            (
                "src/main/kotlin/com/ex/app/Client.kt",
                "src/main/kotlin/com/ex/db/Db.kt"
            ),
            (
                "src/main/kotlin/com/ex/app/Client.kt",
                "src/main/kotlin/com/ex/util/Helper.kt"
            ),
            (
                "src/test/kotlin/com/ex/app/ClientTest.kt",
                "src/main/kotlin/com/ex/app/Client.kt"
            ),
        ],
        "{graph:#}"
    );
    let unresolved = graph["unresolved"].to_string();
    assert!(unresolved.contains("\"org.junit\""), "{unresolved}");
}
