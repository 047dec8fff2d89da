//! One item per problem (README, "One item per problem"): a function that is both complex and
//! hot is one `complex-function` item carrying the hotspot's evidence, and a hot file's item names
//! its hot functions instead of competing with them, and its god-module evidence too. Markers stay
//! items of their own: each is a separate admission with its own text, owner and tracker issue.

use std::collections::HashMap;

use crate::model::{DebtItem, Kind};

/// Folds function `hotspot` items into the `complex-function` item of the same function, else
/// into their file's `hotspot` item, and `god-module` and `large-file` items into their file's
/// `hotspot` item; what is left is unchanged.
pub(crate) fn fold(items: &mut Vec<DebtItem>) {
    let folded = |i: &DebtItem| {
        (i.kind == Kind::Hotspot && i.location.symbol.is_some())
            || matches!(i.kind, Kind::GodModule | Kind::LargeFile)
    };
    let (guests, rest): (Vec<DebtItem>, Vec<DebtItem>) =
        std::mem::take(items).into_iter().partition(folded);
    *items = rest;
    let complex: HashMap<(String, String), usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == Kind::ComplexFunction)
        .filter_map(|(k, i)| Some(((i.location.path.clone(), i.location.symbol.clone()?), k)))
        .collect();
    let files: HashMap<String, usize> = items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == Kind::Hotspot && i.location.symbol.is_none())
        .map(|(k, i)| (i.location.path.clone(), k))
        .collect();
    let mut left = Vec::new();
    for f in guests {
        if matches!(f.kind, Kind::GodModule | Kind::LargeFile) {
            let (what, whose) = match f.kind {
                Kind::GodModule => ("a god module", "its god-module evidence"),
                _ => ("a large file", "its size"),
            };
            match files.get(&f.location.path) {
                Some(&host) => {
                    // "God module: used by 6 files…" reads "also a god module: used by 6 files…".
                    let facts = f
                        .title
                        .split_once(": ")
                        .map_or(f.title.as_str(), |(_, r)| r);
                    let line = format!("also {what}: {facts}");
                    take_over(&mut items[host], f, line, whose);
                }
                None => left.push(f),
            }
            continue;
        }
        let symbol = f.location.symbol.clone().unwrap_or_default();
        let key = (f.location.path.clone(), symbol.clone());
        if let Some(&host) = complex.get(&key) {
            let host = &mut items[host];
            host.explanation.insert(
                host.explanation.len() - 1,
                format!("also a hotspot: {}", summary(&f)),
            );
            host.signals.hotspot = f.signals.hotspot;
            host.signals.recent_revisions =
                host.signals.recent_revisions.or(f.signals.recent_revisions);
        } else if let Some(&host) = files.get(&f.location.path) {
            let line = format!("hot function `{symbol}`: {}", summary(&f));
            items[host].related.push(f.location.clone());
            let whose = format!("its hottest function, `{symbol}`");
            take_over(&mut items[host], f, line, &whose);
        } else {
            left.push(f);
        }
    }
    items.extend(left);
    link_markers(items);
}

/// Links each marker item to the complex function it sits in, both ways, by an explanation
/// line naming the other item's id: they stay separate entries (a marker is its own admission,
/// with its own owner and tracker issue) but a reader of either sees the other. The innermost
/// complex function around the marker's line is the one.
fn link_markers(items: &mut [DebtItem]) {
    let functions: Vec<usize> = (0..items.len())
        .filter(|&k| items[k].kind == Kind::ComplexFunction)
        .collect();
    let mut links: Vec<(usize, usize)> = Vec::new();
    for (m, marker) in items.iter().enumerate() {
        if !matches!(marker.kind, Kind::Todo | Kind::TodoMacro) {
            continue;
        }
        let at = &marker.location;
        let around = functions
            .iter()
            .copied()
            .filter(|&f| {
                let l = &items[f].location;
                l.path == at.path && l.start_line <= at.start_line && at.start_line <= l.end_line
            })
            .min_by_key(|&f| {
                let l = &items[f].location;
                (l.end_line - l.start_line, l.start_line)
            });
        if let Some(f) = around {
            links.push((m, f));
        }
    }
    for (m, f) in links {
        let (marker_line, function_line) = {
            let (marker, function) = (&items[m], &items[f]);
            (
                format!(
                    "inside `{}`, a complex function that is its own item ({}, score {:.1})",
                    function.location.symbol.as_deref().unwrap_or("?"),
                    function.id,
                    function.score
                ),
                format!(
                    "holds a marker that is its own item, line {}: {} ({}, score {:.1})",
                    marker.location.start_line, marker.title, marker.id, marker.score
                ),
            )
        };
        for (k, line) in [(m, marker_line), (f, function_line)] {
            let e = &mut items[k].explanation;
            e.insert(e.len().saturating_sub(1), line);
        }
    }
}

/// The figures of a function hotspot item, for another item's explanation.
fn summary(f: &DebtItem) -> String {
    format!(
        "{} (hotspot score {:.2}, score {:.1} on its own)",
        f.title,
        f.signals.hotspot.unwrap_or(0.0),
        f.score
    )
}

/// A hot file's item takes in another item about the same code (a hot function, its god-module
/// evidence): one explanation `line` for it and, when the other scored higher, its score (the
/// file costs at least what the worst of its problems does), saying `whose` score it is.
fn take_over(file: &mut DebtItem, guest: DebtItem, line: String, whose: &str) {
    if guest.score > file.score {
        file.score = guest.score;
        file.signals.severity = guest.signals.severity;
        file.signals.interest = guest.signals.interest;
        let formula = guest.explanation.last().cloned().unwrap_or_default();
        file.explanation.pop();
        file.explanation.push(line);
        file.explanation
            .push(format!("{formula} (the score of {whose})"));
    } else {
        file.explanation.insert(file.explanation.len() - 1, line);
    }
    file.signals.fan_in = file.signals.fan_in.or(guest.signals.fan_in);
    file.signals.fan_out = file.signals.fan_out.or(guest.signals.fan_out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Role, Signals};

    fn item(kind: Kind, path: &str, symbol: Option<&str>, score: f64) -> DebtItem {
        DebtItem {
            id: format!("{kind:?}{path}{symbol:?}"),
            kind,
            rank: 0,
            score,
            title: format!("{kind:?} {}", symbol.unwrap_or(path)),
            location: Location {
                path: path.into(),
                start_line: 1,
                end_line: 9,
                symbol: symbol.map(str::to_string),
            },
            related: Vec::new(),
            role: Role::Production,
            signals: Signals {
                severity: score / 100.0,
                hotspot: (kind == Kind::Hotspot).then_some(0.9),
                recent_revisions: (kind == Kind::Hotspot).then_some(7),
                interest: 1.0,
                ..Signals::default()
            },
            explanation: vec![format!(
                "score {score:.1} = 100 × severity … × interest 1.00"
            )],
            marker: None,
            coverage: None,
            weak_id: String::new(),
            baseline_state: None,
        }
    }

    #[test]
    fn a_complex_hot_function_is_one_item() {
        let mut items = vec![
            item(Kind::ComplexFunction, "a.rs", Some("run"), 50.0),
            item(Kind::Hotspot, "a.rs", Some("run"), 70.0),
            item(Kind::Todo, "a.rs", Some("run"), 40.0),
        ];
        fold(&mut items);
        let kinds: Vec<Kind> = items.iter().map(|i| i.kind).collect();
        assert_eq!(kinds, [Kind::ComplexFunction, Kind::Todo]);
        let host = &items[0];
        assert_eq!(host.signals.hotspot, Some(0.9));
        assert_eq!(host.signals.recent_revisions, Some(7));
        assert!(host.explanation[0].starts_with("also a hotspot: Hotspot run"));
        // The TODO inside stays its own entry, and the two name each other.
        assert!(host.explanation[1].starts_with("holds a marker that is its own item, line 1"));
        assert!(items[1].explanation[0].starts_with("inside `run`, a complex function"));
        assert!(
            host.explanation[2].starts_with("score 50.0 ="),
            "the formula stays last"
        );
    }

    #[test]
    fn a_hot_file_names_its_hot_functions() {
        let mut items = vec![
            item(Kind::Hotspot, "a.rs", None, 60.0),
            item(Kind::Hotspot, "a.rs", Some("low"), 40.0),
            item(Kind::Hotspot, "a.rs", Some("high"), 80.0),
            item(Kind::Hotspot, "b.rs", Some("alone"), 55.0),
        ];
        fold(&mut items);
        assert_eq!(items.len(), 2);
        let file = &items[0];
        assert_eq!(file.location.symbol, None);
        let named: Vec<Option<&str>> = file.related.iter().map(|l| l.symbol.as_deref()).collect();
        assert_eq!(named, [Some("low"), Some("high")]);
        // The file costs what its hottest function does.
        assert_eq!(file.score, 80.0);
        let last = file.explanation.last().unwrap();
        assert!(last.starts_with("score 80.0 =") && last.ends_with("hottest function, `high`)"));
        assert!(file
            .explanation
            .iter()
            .any(|e| e.starts_with("hot function `low`")));
        // A hot function in a file that is not itself an item stays an item.
        assert_eq!(items[1].location.symbol.as_deref(), Some("alone"));
    }

    #[test]
    fn a_hot_god_module_is_one_item() {
        let mut god = item(Kind::GodModule, "a.rs", None, 65.0);
        god.signals.fan_in = Some(9);
        let mut items = vec![
            item(Kind::Hotspot, "a.rs", None, 60.0),
            god,
            item(Kind::GodModule, "b.rs", None, 50.0),
        ];
        fold(&mut items);
        let kinds: Vec<(Kind, &str)> = items
            .iter()
            .map(|i| (i.kind, i.location.path.as_str()))
            .collect();
        assert_eq!(kinds, [(Kind::Hotspot, "a.rs"), (Kind::GodModule, "b.rs")]);
        let file = &items[0];
        assert_eq!(file.score, 65.0);
        assert_eq!(file.signals.fan_in, Some(9));
        assert!(file.related.is_empty());
        assert!(file.explanation[0].starts_with("also a god module: GodModule a.rs"));
        assert!(file.explanation[1].ends_with("(the score of its god-module evidence)"));
    }

    #[test]
    fn a_hot_large_file_is_one_item() {
        let mut items = vec![
            item(Kind::LargeFile, "a.rs", None, 20.0),
            item(Kind::Hotspot, "a.rs", None, 60.0),
            item(Kind::LargeFile, "b.rs", None, 25.0),
        ];
        fold(&mut items);
        let kinds: Vec<(Kind, &str)> = items
            .iter()
            .map(|i| (i.kind, i.location.path.as_str()))
            .collect();
        assert_eq!(kinds, [(Kind::Hotspot, "a.rs"), (Kind::LargeFile, "b.rs")]);
        // The hotspot scored higher: its score and formula stay, the size is one more line.
        let file = &items[0];
        assert_eq!(file.score, 60.0);
        assert!(file.explanation[0].starts_with("also a large file: LargeFile a.rs"));
    }

    #[test]
    fn a_marker_and_the_complex_function_around_it_name_each_other() {
        let mut outer = item(Kind::ComplexFunction, "a.rs", Some("outer"), 50.0);
        outer.location.end_line = 100;
        let mut inner = item(Kind::ComplexFunction, "a.rs", Some("outer::inner"), 40.0);
        (inner.location.start_line, inner.location.end_line) = (20, 40);
        let mut todo = item(Kind::Todo, "a.rs", Some("outer::inner"), 30.0);
        (todo.location.start_line, todo.location.end_line) = (25, 25);
        let mut elsewhere = item(Kind::Todo, "b.rs", None, 30.0);
        elsewhere.location.start_line = 25;
        let mut items = vec![outer, inner, todo, elsewhere];
        fold(&mut items);
        let lines = |k: usize| items[k].explanation.join("\n");
        // The innermost function around line 25 is `outer::inner`.
        assert!(
            lines(2).contains("inside `outer::inner`, a complex function"),
            "{}",
            lines(2)
        );
        assert!(
            lines(1).contains("holds a marker that is its own item, line 25"),
            "{}",
            lines(1)
        );
        assert!(!lines(0).contains("holds a marker"));
        assert!(!lines(3).contains("inside"));
        // The score formula stays the last line.
        assert!(items[1].explanation.last().unwrap().starts_with("score"));
    }
}
