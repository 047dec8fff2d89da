//! Complexity fixtures: every `fixtures/<lang>/complexity/*.<ext>` file has a `*.expected`
//! file beside it, computed by hand from the rules in the README (the oracle), one function
//! per line in order of start line:
//!
//! `symbol<TAB>start<TAB>end<TAB>cyclomatic<TAB>cognitive<TAB>nesting<TAB>params`
//!
//! Lines starting with `#` and blank lines are ignored.

use std::path::Path;

use debtscan::lang;
use debtscan::parse::{parse_file, Rules, TagSet};

#[test]
fn complexity_fixtures_match_their_expected_files() {
    let tags = TagSet::new(["TODO"]);
    let mut checked = 0;
    let mut failures = Vec::new();
    for def in lang::LANGUAGES {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(def.name)
            .join("complexity");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            if lang::for_path(&path).map(|l| l.name) != Some(def.name) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let expected_path = path.with_extension(format!(
                "{}.expected",
                path.extension().unwrap().to_str().unwrap()
            ));
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_else(|_| {
                panic!("{} has no {}", path.display(), expected_path.display())
            });
            let expected: Vec<&str> = expected
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .collect();
            let facts = parse_file("fixture", &text, def, &tags, Some(&Rules::default())).unwrap();
            assert!(!facts.syntax_errors, "{} does not parse", path.display());
            let actual: Vec<String> = facts
                .metrics
                .unwrap()
                .functions
                .iter()
                .map(|f| {
                    format!(
                        "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                        f.symbol,
                        f.start_line,
                        f.end_line,
                        f.cyclomatic,
                        f.cognitive,
                        f.nesting,
                        f.params
                    )
                })
                .collect();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            for k in 0..expected.len().max(actual.len()) {
                let (e, a) = (expected.get(k).copied(), actual.get(k).map(String::as_str));
                if e != a {
                    failures.push(format!(
                        "{name}: expected {:?}\n{:>width$}  actual   {:?}",
                        e.unwrap_or("(none)"),
                        "",
                        a.unwrap_or("(none)"),
                        width = name.len()
                    ));
                }
            }
            checked += expected.len();
        }
    }
    assert!(checked > 50, "only {checked} fixture functions checked");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
