//! PHP through the real binary on a scripted project: markers only in comments (not in
//! strings, heredocs or the HTML around `<?php … ?>`), unfinished code (a throw whose message
//! says "not implemented"), complexity with recursion through `$this->`, PHPUnit files as test
//! code, `use` imports, same-namespace names and `require_once __DIR__ . …` resolved to files,
//! and bad input (a syntax error, a broken `composer.json`) read as far as it goes.
#![cfg(feature = "lang-php")]

mod common;

use common::{graph_edges, items_of, json, places, todo_places, unfinished, Repo};

const CONTROLLER: &str = r#"<?php
declare(strict_types=1);

namespace App\Http;

use App\Models\User;
use Psr\Log\LoggerInterface;

require_once __DIR__ . '/../helpers.php';

// TODO: read the limit from the configuration
final class Controller extends Base
{
    private string $banner = '// FIXME: a string, not a comment';

    public function handle(User $user, int $depth = 1, ...$rest): ?string
    {
        $help = <<<TEXT
        # HACK: a heredoc line, not a comment
        TEXT;
        if ($depth > 0 && $user || $rest === []) {
            return $this->handle($user, $depth - 1); # XXX: recursion
        } elseif ($depth < -1) {
            return null;
        }
        return $help;
    }

    public function export(): never
    {
        throw new \LogicException('Export is not implemented yet');
    }
}
?>
<p><!-- TODO: the page's text --> // BUG: not a comment either</p>
"#;

#[test]
fn php_files_are_read_to_the_same_depth_as_rust() {
    let mut repo = Repo::git();
    repo.write("composer.json", "{ \"autoload\": { \"psr-4\": ");
    repo.write("src/Http/Controller.php", CONTROLLER);
    repo.write(
        "src/Http/Base.php",
        "<?php\nnamespace App\\Http;\n\nabstract class Base\n{\n    abstract public function handle(\\App\\Models\\User $user): ?string;\n}\n",
    );
    repo.write(
        "src/Models/User.php",
        "<?php\nnamespace App\\Models;\n\nclass User\n{\n    // BUG: the name is not trimmed\n    public string $name = '';\n}\n",
    );
    repo.write(
        "src/helpers.php",
        "<?php\nfunction helper(): int { return 1; }\n",
    );
    repo.write(
        "src/Broken.php",
        "<?php\nnamespace App;\nclass Broken {\n  function f( {\n  // XXX: after the error\n}\n",
    );
    repo.write(
        "tests/Http/ControllerTest.php",
        "<?php\nnamespace App\\Tests\\Http;\n\nuse App\\Http\\Controller;\nuse PHPUnit\\Framework\\TestCase;\n\nfinal class ControllerTest extends TestCase\n{\n    // TODO: cover the error path\n    public function testHandles(): void { new Controller(); }\n}\n",
    );
    repo.commit("start");

    let backlog = json(&["scan", ".", "--format", "json", "-q"], repo.path());
    let expected = places(&[
        ("src/Broken.php", 5, "XXX", "production"),
        ("src/Http/Controller.php", 11, "TODO", "production"),
        ("src/Http/Controller.php", 22, "XXX", "production"),
        ("src/Models/User.php", 6, "BUG", "production"),
        ("tests/Http/ControllerTest.php", 9, "TODO", "test"),
    ]);
    assert_eq!(todo_places(&backlog), expected, "{backlog:#}");
    let symbol = |line: u64| {
        items_of(&backlog, "todo")
            .into_iter()
            .find(|i| {
                i["location"]["path"] == "src/Http/Controller.php"
                    && i["location"]["start_line"] == line
            })
            .map(|i| i["location"]["symbol"].clone())
            .unwrap()
    };
    assert_eq!(symbol(22), "Controller::handle");

    let unfinished = unfinished(&backlog);
    assert_eq!(
        unfinished,
        [(
            "Controller::export",
            "LogicException",
            "Export is not implemented yet"
        )],
        "{backlog:#}"
    );

    let functions = json(&["functions", ".", "--format", "json", "-q"], repo.path());
    let rows = functions["functions"].as_array().unwrap();
    let handle = rows
        .iter()
        .find(|f| f["symbol"] == "Controller::handle")
        .unwrap();
    // 1 + if + && + || + elseif = 5. Cognitive: if 1 + the &&/|| chain 2 + $this->handle
    // recursion 1 + elseif 1 = 5.
    assert_eq!(handle["cyclomatic"], 5, "{handle:#}");
    assert_eq!(handle["cognitive"], 5, "{handle:#}");
    assert_eq!(handle["params"], 3, "{handle:#}");
    assert!(
        !rows.iter().any(|f| f["symbol"] == "Base::handle"),
        "an abstract method is no function"
    );

    let graph = json(&["graph", ".", "--format", "json", "-q"], repo.path());
    assert_eq!(
        graph_edges(&graph),
        [
            ("src/Http/Base.php", "src/Models/User.php"),
            // Its own namespace's Base without a `use`; the imported User; the helpers file.
            ("src/Http/Controller.php", "src/Http/Base.php"),
            ("src/Http/Controller.php", "src/Models/User.php"),
            ("src/Http/Controller.php", "src/helpers.php"),
            ("tests/Http/ControllerTest.php", "src/Http/Controller.php"),
        ],
        "{graph:#}"
    );
    let unresolved = graph["unresolved"].to_string();
    assert!(unresolved.contains("\"Psr\""), "{unresolved}");
    assert!(unresolved.contains("\"PHPUnit\""), "{unresolved}");
}
