//! Complexity fixtures: every `fixtures/<lang>/complexity/*.<ext>` file has a `*.expected`
//! file beside it, computed by hand from the rules in the README (the oracle), one function
//! per line in order of start line:
//!
//! `symbol<TAB>start<TAB>end<TAB>cyclomatic<TAB>cognitive<TAB>nesting<TAB>params`
//!
//! and, for a dispatch only (README, "What counts as complex"),
//! `<TAB>arms/largest arm's cognitive/all arms' cognitive`.
//!
//! Lines starting with `#` and blank lines are ignored.

mod common;

use debtscan::parse::{parse_file, Rules, TagSet, Wanted};

#[test]
fn complexity_fixtures_match_their_expected_files() {
    let tags = TagSet::new(["TODO"]);
    let mut checked = 0;
    let mut failures = Vec::new();
    for fixture in common::fixtures("complexity") {
        let path = &fixture.path;
        let rules = Rules::default();
        let facts = parse_file(
            "fixture",
            &fixture.text,
            fixture.def,
            &tags,
            Wanted {
                markers: true,
                metrics: Some(&rules),
                imports: false,
            },
        )
        .unwrap();
        assert!(!facts.syntax_errors, "{} does not parse", path.display());
        let actual: Vec<String> = facts
            .metrics
            .unwrap()
            .functions
            .iter()
            .map(|f| {
                let dispatch = f.dispatch.map_or(String::new(), |d| {
                    format!("\t{}/{}/{}", d.arms, d.max_arm_cognitive, d.arms_cognitive)
                });
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}{dispatch}",
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
        let expected = &fixture.expected;
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        for k in 0..expected.len().max(actual.len()) {
            let (e, a) = (expected.get(k), actual.get(k));
            if e != a {
                failures.push(format!(
                    "{name}: expected {:?}\n{:>width$}  actual   {:?}",
                    e.map_or("(none)", String::as_str),
                    "",
                    a.map_or("(none)", String::as_str),
                    width = name.len()
                ));
            }
        }
        checked += expected.len();
    }
    assert!(checked > 50, "only {checked} fixture functions checked");
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
