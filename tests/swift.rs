//! Swift through the real binary on a scripted SwiftPM package: markers only in comments (not
//! in strings, multi-line or raw strings; nested block comments read whole), unfinished code
//! (`fatalError`/`preconditionFailure` whose message says "not implemented", not Xcode's
//! `init(coder:)` template), complexity with recursion through `self.`, XCTest and Swift
//! Testing tests as test code, names resolved to files within a module and through the modules
//! a file imports (modules from `Package.swift`), and bad input (a syntax error, a broken
//! manifest) read as far as it goes.
#![cfg(feature = "lang-swift")]

mod common;

use common::{graph_edges, items_of, json, places, todo_places, unfinished, Repo};

const MANIFEST: &str = r#"// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "Kit",
    targets: [
        .target(name: "Kit", dependencies: ["Util"], path: "Source"),
        .target(name: "Util"),
        .testTarget(name: "KitTests", dependencies: ["Kit"]),
    ]
)
"#;

const CLIENT: &str = r##"import Foundation
import Util

// TODO: read the limit from the configuration
public final class Client: Base {
    private let banner = "// FIXME: a string, not a comment"
    private let raw = #"/* HACK: a raw string */"#
    private let long = """
        TODO: a multi-line string
        """

    /* XXX: an outer comment /* with a nested one */ still the outer one */
    func fetch(depth: Int, names: String...) -> Int {
        if depth > 0 && limit > 0 || names.isEmpty {
            return self.fetch(depth: depth - 1)
        } else if depth < -1 {
            return Strings.count(names.count)
        }
        return open(depth) ?? 0
    }

    func export() -> String {
        fatalError("not implemented: csv export")
    }

    required init?(coder: NSCoder) {
        fatalError("init(coder:) has not been implemented")
    }

    func close() {
        fatalError()
    }
}
"##;

#[test]
fn swift_files_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write("Package.swift", MANIFEST);
    repo.write("Source/Client.swift", CLIENT);
    repo.write(
        "Source/Base.swift",
        "open class Base {\n    var limit: Int { 1 }\n}\n\nfunc open(_ n: Int) -> Int? { n }\n",
    );
    repo.write(
        "Sources/Util/Strings.swift",
        "public enum Strings {\n    // BUG: counts bytes\n    public static func count(_ n: Int) -> Int { n }\n}\n",
    );
    // A file of another module declaring `Base` too: Kit's files do not see it.
    repo.write("Sources/Util/Base.swift", "public struct Base {}\n");
    // A file of Kit's own with a private `Strings`: no other file sees it, so Client's
    // `Strings` is Util's.
    repo.write(
        "Source/Local.swift",
        "@available(macOS 10.15, *)\nprivate enum Strings {}\n",
    );
    repo.write(
        "Source/Broken.swift",
        "// XXX: before the error\nfunc broken( {\n}\n",
    );
    repo.write(
        "Tests/KitTests/ClientTests.swift",
        "import XCTest\n@testable import Kit\n\nfinal class ClientTests: XCTestCase {\n    // TODO: cover the error path\n    func testFetches() {\n        XCTAssertEqual(Client(coder: .init())?.fetch(depth: 0), 0)\n    }\n}\n",
    );
    // Tests outside the test target are test code by their markings: `@Test` (Swift
    // Testing) and `test…` methods of an `XCTestCase`.
    repo.write(
        "Source/Checks.swift",
        "import Testing\n\n@Test func check() {\n    // HACK: sleeps\n}\n\nfunc prod() {\n    // HACK: retries\n}\n",
    );
    repo.commit("start");

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let expected = places(&[
        ("Source/Broken.swift", 1, "XXX", "production"),
        ("Source/Checks.swift", 4, "HACK", "test"),
        ("Source/Checks.swift", 8, "HACK", "production"),
        ("Source/Client.swift", 4, "TODO", "production"),
        ("Source/Client.swift", 12, "XXX", "production"),
        ("Sources/Util/Strings.swift", 2, "BUG", "production"),
        ("Tests/KitTests/ClientTests.swift", 5, "TODO", "test"),
    ]);
    assert_eq!(todo_places(&backlog), expected, "{backlog:#}");
    let partial = backlog["summary"]["partial_files"].to_string();
    assert!(
        partial.contains("syntax-errors") && partial.contains("Broken.swift"),
        "the broken file is counted as parsed in part: {partial}"
    );
    let xxx = items_of(&backlog, "todo")
        .into_iter()
        .find(|i| i["location"]["start_line"] == 12)
        .unwrap();
    assert_eq!(xxx["location"]["symbol"], "Client.fetch", "{xxx:#}");
    assert_eq!(
        xxx["marker"]["text"], "an outer comment with a nested one still the outer one",
        "{xxx:#}"
    );

    // `close()` stopping without a message and the storyboard initializer are designs, not
    // unfinished work.
    assert_eq!(
        unfinished(&backlog),
        [("Client.export", "fatalError", "not implemented: csv export")],
        "{backlog:#}"
    );

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let fetch = rows.iter().find(|f| f["symbol"] == "Client.fetch").unwrap();
    // 1 + if + && + || + else-if + ?? = 6. Cognitive: if 1 + the &&/|| chain 2 + self.fetch
    // recursion 1 + else if 1 + ?? 1 = 6 (`Strings.count` is another type's).
    assert_eq!(fetch["cyclomatic"], 6, "{fetch:#}");
    assert_eq!(fetch["cognitive"], 6, "{fetch:#}");
    assert_eq!(fetch["params"], 2, "{fetch:#}");
    let limit = rows.iter().find(|f| f["symbol"] == "Base.limit").unwrap();
    assert_eq!(
        limit["cyclomatic"], 1,
        "a computed property is a function: {limit:#}"
    );

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        graph_edges(&graph),
        [
            // Its own module's `Base` (not Util's) and top-level `open` without an import;
            // `Strings` through `import Util`.
            ("Source/Client.swift", "Source/Base.swift"),
            ("Source/Client.swift", "Sources/Util/Strings.swift"),
            ("Tests/KitTests/ClientTests.swift", "Source/Client.swift"),
        ],
        "{graph:#}"
    );
    let unresolved = graph["unresolved"].to_string();
    assert!(
        unresolved.contains("\"Foundation\"") && unresolved.contains("\"XCTest\""),
        "{unresolved}"
    );

    // A manifest that declares nothing readable: modules come from the directories, and the
    // user is told.
    repo.write(
        "Package.swift",
        "// swift-tools-version:5.9\nlet package = Package(\n",
    );
    repo.commit("break the manifest");
    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    let warnings = graph["warnings"].to_string();
    assert!(warnings.contains("Package.swift"), "{graph:#}");
}
