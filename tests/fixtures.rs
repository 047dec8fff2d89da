//! Marker fixtures: every `fixtures/<lang>/markers/*.<ext>` file has a `*.expected` file beside
//! it, written by hand, listing the markers debtscan must find (the oracle), one per line:
//!
//! `start<TAB>end<TAB>kind<TAB>tag<TAB>symbol<TAB>owner<TAB>issue<TAB>due<TAB>priority<TAB>text`
//!
//! with `-` for an absent value. Lines starting with `#` and blank lines are ignored.

use std::path::Path;

use debtscan::lang;
use debtscan::model::FoundMarker;
use debtscan::parse::{parse_file, TagSet};

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
    for def in lang::LANGUAGES {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(def.name)
            .join("markers");
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
            let facts = parse_file("fixture", &text, def, &tags, None).unwrap();
            let actual: Vec<String> = facts.markers.iter().map(format).collect();
            if actual != expected {
                let mut msg = format!("{}:\n", path.display());
                for line in expected.iter().filter(|e| !actual.iter().any(|a| a == *e)) {
                    msg.push_str(&format!("  expected, not found: {line}\n"));
                }
                for line in actual.iter().filter(|a| !expected.contains(&a.as_str())) {
                    msg.push_str(&format!("  found, not expected: {line}\n"));
                }
                failures.push(msg);
            }
            checked += 1;
        }
    }
    assert!(checked > 0, "no fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
