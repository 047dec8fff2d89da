//! The tracker-ready title of an item (README, "Tracker-ready items"): what it is and where, in
//! at most [`MAX_TITLE`] characters, with no figure that drifts from run to run (commit counts,
//! complexity, line numbers, the number of places), so that an issue opened from it keeps its
//! title night after night. The figures are in the item's `summary` and `body`.

use crate::model::{Kind, Location, MarkerInfo};
use crate::parse::markers::collapse;

/// The longest title, in characters: GitHub allows 256, a list of issues shows about 100.
pub const MAX_TITLE: usize = 100;

/// The title of an item of `kind` at `location`, with its marker (marker kinds) and its
/// `summary` (the line with figures, whose text a debt macro's title keeps).
pub fn title(
    kind: Kind,
    location: &Location,
    marker: Option<&MarkerInfo>,
    summary: &str,
) -> String {
    let path = location.path.as_str();
    let file = path.rsplit('/').next().unwrap_or(path);
    let symbol = location.symbol.as_deref();
    let within = |what: &str| match symbol {
        Some(s) => format!("{what} in `{s}` ({file})"),
        None => format!("{what} in {path}"),
    };
    let text = match kind {
        Kind::Todo => match marker {
            Some(m) if !m.text.trim().is_empty() => format!("{}: {}", m.tag, collapse(&m.text)),
            Some(m) => within(&m.tag),
            None => within("Marker"),
        },
        Kind::TodoMacro => within(&format!("Unfinished code `{}`", without_places(summary))),
        Kind::ComplexFunction => match symbol {
            Some(s) => format!("Complex function `{s}` ({file})"),
            None => format!("Complex code in {path}"),
        },
        Kind::Hotspot => match symbol {
            Some(s) => format!("Hotspot: `{s}` ({file})"),
            None => format!("Hotspot: {path}"),
        },
        Kind::DependencyCycle => format!("Dependency cycle through {path}"),
        Kind::GodModule => format!("God module: {path}"),
        Kind::HiddenCoupling => format!("Hidden coupling of {path}"),
        Kind::LargeFile => format!("Large file: {path}"),
        Kind::DeadFile => format!("Dead file: {path}"),
        Kind::FixProne => format!("Fix-prone file: {path}"),
    };
    shorten(&text, MAX_TITLE)
}

/// A cluster's summary without its count of places (`todo!() (3 places)` → `todo!()`).
fn without_places(summary: &str) -> &str {
    match summary.rsplit_once(" (") {
        Some((head, tail)) if tail.ends_with(" places)") => head,
        _ => summary,
    }
}

/// `text` cut to at most `max` characters, at a word boundary where one is near, with `…`.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(k) if k >= cut.len() * 2 / 3 => &cut[..k],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str, symbol: Option<&str>) -> Location {
        Location {
            path: path.into(),
            start_line: 10,
            end_line: 20,
            symbol: symbol.map(Into::into),
        }
    }

    fn marker(tag: &str, text: &str) -> MarkerInfo {
        MarkerInfo {
            tag: tag.into(),
            text: text.into(),
            ..MarkerInfo::default()
        }
    }

    #[test]
    fn titles_name_the_kind_and_the_place_without_figures() {
        let f = at("src/net/retry.rs", Some("Client::send"));
        let file = at("src/net/retry.rs", None);
        let cases: &[(Kind, &Location, Option<MarkerInfo>, &str, &str)] = &[
            (
                Kind::Todo,
                &f,
                Some(marker("TODO", "use exponential\n   backoff")),
                "2 TODO markers at lines 10–11",
                "TODO: use exponential backoff",
            ),
            (
                Kind::Todo,
                &f,
                Some(marker("HACK", "")),
                "HACK",
                "HACK in `Client::send` (retry.rs)",
            ),
            (
                Kind::TodoMacro,
                &f,
                None,
                "todo!() (3 places)",
                "Unfinished code `todo!()` in `Client::send` (retry.rs)",
            ),
            (
                Kind::ComplexFunction,
                &f,
                None,
                "Complex function `Client::send`: cyclomatic 31, cognitive 46, 156 lines",
                "Complex function `Client::send` (retry.rs)",
            ),
            (
                Kind::Hotspot,
                &file,
                None,
                "Hotspot file: 91 commits in 365 days, cyclomatic 454",
                "Hotspot: src/net/retry.rs",
            ),
            (
                Kind::FixProne,
                &file,
                None,
                "Fix-prone file: 7 fix commits of its 30 commits in 365 days",
                "Fix-prone file: src/net/retry.rs",
            ),
            (
                Kind::DependencyCycle,
                &file,
                None,
                "Dependency cycle of 7 files: a → b → a",
                "Dependency cycle through src/net/retry.rs",
            ),
        ];
        for (kind, location, marker, summary, want) in cases {
            assert_eq!(title(*kind, location, marker.as_ref(), summary), *want);
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let text = "word ".repeat(40);
        let t = title(
            Kind::Todo,
            &at("a.rs", None),
            Some(&marker("FIXME", &text)),
            "",
        );
        assert!(t.chars().count() <= MAX_TITLE, "{t}");
        assert!(t.ends_with("word…"), "{t}");
        let one = "x".repeat(300);
        let t = title(
            Kind::Todo,
            &at("a.rs", None),
            Some(&marker("TODO", &one)),
            "",
        );
        assert_eq!(t.chars().count(), MAX_TITLE);
    }
}
