//! Marker fixtures: every `fixtures/<lang>/markers/*.<ext>` file has a `*.expected` file beside
//! it, written by hand, listing the markers debtscan must find (the oracle), one per line:
//!
//! `start<TAB>end<TAB>kind<TAB>tag<TAB>symbol<TAB>owner<TAB>issue<TAB>due<TAB>priority<TAB>text`
//!
//! with `-` for an absent value. Lines starting with `#` and blank lines are ignored.

mod common;

use debtscan::model::FoundMarker;
use debtscan::parse::{parse_file, TagSet, Wanted};

fn format(m: &FoundMarker) -> String {
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    [
        m.start_line.to_string(),
        m.end_line.to_string(),
        m.kind.as_str().to_string(),
        m.marker.tag.clone(),
        opt(&m.symbol),
        opt(&m.marker.owner),
        opt(&m.marker.issue),
        opt(&m.marker.due),
        m.marker.priority.to_string(),
        m.marker.text.clone(),
    ]
    .join("\t")
}

#[test]
fn marker_fixtures_match_their_expected_files() {
    let tags = TagSet::new(debtscan::config::Config::default().markers.tags.keys());
    let mut checked = 0;
    let mut failures = Vec::new();
    for fixture in common::fixtures("markers") {
        let (path, expected) = (&fixture.path, &fixture.expected);
        let facts = parse_file(
            "fixture",
            &fixture.text,
            fixture.def,
            &tags,
            Wanted::MARKERS,
        )
        .unwrap();
        let actual: Vec<String> = facts.markers.iter().map(format).collect();
        if &actual != expected {
            let mut msg = format!("{}:\n", path.display());
            for line in expected.iter().filter(|e| !actual.contains(e)) {
                msg.push_str(&format!("  expected, not found: {line}\n"));
            }
            for line in actual.iter().filter(|a| !expected.contains(a)) {
                msg.push_str(&format!("  found, not expected: {line}\n"));
            }
            failures.push(msg);
        }
        checked += 1;
    }
    assert!(checked > 0, "no fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
