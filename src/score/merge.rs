//! One item per problem (README, "One item per problem"): a function that is both complex and
//! hot is one `complex-function` item carrying the hotspot's evidence; a hot file's item that
//! would only restate a complex function in it is part of that function's item, and any other
//! hot file's item names its hot functions instead of competing with them, holds its god-module,
//! large-file and fix-prone evidence, and is linked to its complex functions.
//! Markers stay items of their own: each is a separate admission with its own text, owner and
//! tracker issue.

use std::collections::{HashMap, HashSet};

use crate::model::{DebtItem, FunctionHotspot, Kind};

/// The share of a hot file's commits in the window that one complex function in it must have
/// changed for the file's heat to be that function's. One function, not the sum of several:
/// the X-Ray counts commits per function, and one commit that changes two functions would
/// count twice in a sum.
const EXPLAINED_SHARE: f64 = 0.5;

/// How many of its complex functions a hot file's item names, best first; a count says how
/// many more there are.
const NAMED_FUNCTIONS: usize = 5;

/// Where a hot file's evidence goes: the file's own `hotspot` item, or the `complex-function`
/// item its heat was folded into.
#[derive(Clone, Copy)]
struct FileHost {
    /// Index of the host item.
    at: usize,
    /// Whether the host is a function (whose explanation then says "its file").
    function: bool,
    /// Whether that function changed in most of the file's commits, so that the file's
    /// interest is its own: only then does the file's evidence raise its interest.
    owns_change: bool,
}

/// Folds function `hotspot` items into the `complex-function` item of the same function, else
/// into their file's host; a hot file's `hotspot` item into the complex function that explains
/// its heat (see [`explains`]), which then hosts the file's evidence; and `god-module` and
/// `large-file` items into their file's host. `xray` is the function X-Ray (every function of
/// the X-Rayed files, with its commits in the window; empty without one). What is left is
/// unchanged, ids included: an item folded into another simply is no more.
pub(crate) fn fold(items: &mut Vec<DebtItem>, xray: &[FunctionHotspot]) {
    let folded = |i: &DebtItem| {
        (i.kind == Kind::Hotspot && i.location.symbol.is_some())
            || matches!(i.kind, Kind::GodModule | Kind::LargeFile | Kind::FixProne)
    };
    let (guests, rest): (Vec<DebtItem>, Vec<DebtItem>) =
        std::mem::take(items).into_iter().partition(folded);
    *items = rest;
    let complex = complex_functions(items);
    let mut files: HashMap<String, FileHost> = HashMap::new();
    let mut gone: HashSet<usize> = HashSet::new();
    let hot_files: Vec<usize> = (0..items.len())
        .filter(|&k| items[k].kind == Kind::Hotspot && items[k].location.symbol.is_none())
        .collect();
    for file in hot_files {
        let path = items[file].location.path.clone();
        // The file item as it would stand with its guests: what a function must match.
        let with_guests = guests
            .iter()
            .filter(|g| g.location.path == path)
            .filter(|g| {
                let own = (path.clone(), g.location.symbol.clone().unwrap_or_default());
                g.location.symbol.is_none() || !complex.contains_key(&own)
            })
            .map(|g| g.score)
            .fold(items[file].score, f64::max);
        match explains(items, file, with_guests, xray) {
            Some((function, owns_change, why)) => {
                let guest = items[file].clone();
                let facts = facts(&guest.summary);
                let line = format!(
                    "also a hot file: {facts} (hotspot score {:.2}, score {:.1} on its own); {why}",
                    guest.signals.hotspot.unwrap_or(0.0),
                    guest.score
                );
                let host = &mut items[function];
                host.related.push(guest.location.clone());
                host.signals.hotspot = host.signals.hotspot.or(guest.signals.hotspot);
                raise_interest(host, guest, vec![line], owns_change);
                gone.insert(file);
                files.insert(
                    path,
                    FileHost {
                        at: function,
                        function: true,
                        owns_change,
                    },
                );
            }
            None => {
                files.insert(
                    path,
                    FileHost {
                        at: file,
                        function: false,
                        owns_change: false,
                    },
                );
            }
        }
    }
    let mut left = Vec::new();
    for f in guests {
        if matches!(f.kind, Kind::GodModule | Kind::LargeFile | Kind::FixProne) {
            let (what, whose) = match f.kind {
                Kind::GodModule => ("a god module", "god-module evidence"),
                Kind::FixProne => ("fix-prone", "fixes"),
                _ => ("a large file", "size"),
            };
            match files.get(&f.location.path) {
                Some(&host) => {
                    // "God module: used by 6 files…" reads "also a god module: used by 6 files…".
                    let facts = facts(&f.summary);
                    let (line, whose) = if host.function {
                        (
                            format!("its file is also {what}: {facts}"),
                            format!("its file's {whose}"),
                        )
                    } else {
                        (format!("also {what}: {facts}"), format!("its {whose}"))
                    };
                    // A fix-prone file's fixes are its evidence: they come along.
                    let fixes = f
                        .explanation
                        .iter()
                        .filter(|l| super::items::is_fix_line(l));
                    let title = format!("also {what}: {facts}");
                    let lines = std::iter::once(line).chain(fixes.cloned()).collect();
                    if host.function {
                        raise_interest(&mut items[host.at], f, lines, host.owns_change);
                    } else {
                        take_over(&mut items[host.at], f, lines, (&whose, Some(&title)));
                    }
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
                host.explanation.len().saturating_sub(1),
                format!("also a hotspot: {}", summary(&f)),
            );
            host.signals.hotspot = f.signals.hotspot;
            host.signals.recent_revisions =
                host.signals.recent_revisions.or(f.signals.recent_revisions);
        } else if let Some(&host) = files.get(&f.location.path) {
            let (line, whose) = if host.function {
                (
                    format!(
                        "another hot function in its file, `{symbol}`: {}",
                        summary(&f)
                    ),
                    format!("`{symbol}`, a hot function in its file"),
                )
            } else {
                (
                    format!("hot function `{symbol}`: {}", summary(&f)),
                    format!("its hottest function, `{symbol}`"),
                )
            };
            items[host.at].related.push(f.location.clone());
            if host.function {
                // Another function's heat is its own problem: named, not scored here.
                let at = items[host.at].explanation.len().saturating_sub(1);
                items[host.at].explanation.insert(at, line);
            } else {
                take_over(&mut items[host.at], f, vec![line], (&whose, None));
            }
        } else {
            left.push(f);
        }
    }
    remove(items, &gone);
    items.extend(left);
}

/// The complex function a hot file's item would restate, if one is (README, "One item per
/// problem"), and why, for the explanation. `file` is the file's `hotspot` item and
/// `with_guests` the score it would have with the items folded into it.
///
/// A function explains its file's heat when it ranks at least as high as the file's item would
/// (the best-scoring complex function, scoring at least `with_guests`): its interest already
/// counts the file's change, so the file's item below it only restates it. With an X-Ray of the
/// file, that function must have changed in the window, and one that changed in at least
/// [`EXPLAINED_SHARE`] of the file's commits in the window explains it too, even scoring less
/// (the best-scoring such function): the file's change is mostly that function's.
fn explains(
    items: &[DebtItem],
    file: usize,
    with_guests: f64,
    xray: &[FunctionHotspot],
) -> Option<(usize, bool, String)> {
    let path = &items[file].location.path;
    let functions: Vec<usize> = (0..items.len())
        .filter(|&k| items[k].kind == Kind::ComplexFunction && items[k].location.path == *path)
        .collect();
    let best = |candidates: &mut dyn Iterator<Item = usize>| {
        candidates.max_by(|&a, &b| {
            let (a, b) = (&items[a], &items[b]);
            a.score
                .total_cmp(&b.score)
                .then_with(|| b.location.start_line.cmp(&a.location.start_line))
        })
    };
    let counted: HashMap<&str, u32> = xray
        .iter()
        .filter(|f| f.path == *path)
        .map(|f| (f.symbol.as_str(), f.revisions))
        .collect();
    let commits = items[file].signals.recent_revisions.unwrap_or(0);
    let changed = |k: usize| {
        let symbol = items[k].location.symbol.as_deref().unwrap_or_default();
        counted.get(symbol).copied()
    };
    let most = |k: &usize| {
        changed(*k).is_some_and(|n| n > 0 && f64::from(n) >= EXPLAINED_SHARE * f64::from(commits))
    };
    let symbol = |k: usize| items[k].location.symbol.as_deref().unwrap_or("?");
    if let Some(host) = best(&mut functions.iter().copied().filter(most)) {
        let n = changed(host).unwrap_or(0);
        return Some((
            host,
            true,
            format!("`{}` changed in {n} of them", symbol(host)),
        ));
    }
    // A function the X-Ray saw unchanged in the window is no part of its file's change.
    let host = best(&mut functions.iter().copied().filter(|&k| changed(k) != Some(0)))?;
    if items[host].score < with_guests {
        return None;
    }
    let counts = match changed(host) {
        Some(n) => format!("it changed in {n} of them"),
        None => "no X-Ray counted its commits".to_string(),
    };
    Some((
        host,
        false,
        format!(
            "`{}` scores at least as high as the file, whose change its interest counts \
             ({counts})",
            symbol(host)
        ),
    ))
}

/// Links the items that stay apart but concern the same code, by an explanation line in each
/// naming the other's id and score: markers and the complex function they sit in, and a hot
/// file's item and its complex functions. Call it on the final scores (after role weights).
pub(crate) fn link(items: &mut [DebtItem]) {
    link_markers(items);
    link_files(items);
}

/// Links each hot file's `hotspot` item (one [`fold`] left: no complex function in it explains
/// its heat), and each `fix-prone` item left standing, with the complex functions in the file:
/// the file's explanation names them, best first, and each of them names the file's item.
fn link_files(items: &mut [DebtItem]) {
    let mut links: Vec<(usize, Vec<usize>)> = Vec::new();
    for (file, item) in items.iter().enumerate() {
        let whole_file = item.kind == Kind::Hotspot && item.location.symbol.is_none();
        if !whole_file && item.kind != Kind::FixProne {
            continue;
        }
        let mut functions: Vec<usize> = (0..items.len())
            .filter(|&k| {
                items[k].kind == Kind::ComplexFunction
                    && items[k].location.path == item.location.path
            })
            .collect();
        functions.sort_by(|&a, &b| {
            items[b].score.total_cmp(&items[a].score).then_with(|| {
                items[a]
                    .location
                    .start_line
                    .cmp(&items[b].location.start_line)
            })
        });
        if !functions.is_empty() {
            links.push((file, functions));
        }
    }
    for (file, functions) in links {
        let (id, score) = (items[file].id.clone(), items[file].score);
        let what = match items[file].kind {
            Kind::FixProne => "a fix-prone file",
            _ => "a hot file",
        };
        let mut lines: Vec<String> = functions
            .iter()
            .take(NAMED_FUNCTIONS)
            .map(|&f| {
                format!(
                    "holds `{}`, a complex function that is its own item ({}, score {:.1})",
                    items[f].location.symbol.as_deref().unwrap_or("?"),
                    items[f].id,
                    items[f].score
                )
            })
            .collect();
        if functions.len() > NAMED_FUNCTIONS {
            lines.push(format!(
                "holds {} more complex functions that are items of their own",
                functions.len() - NAMED_FUNCTIONS
            ));
        }
        let e = &mut items[file].explanation;
        let at = e.len().saturating_sub(1);
        e.splice(at..at, lines);
        for f in functions {
            let e = &mut items[f].explanation;
            e.insert(
                e.len().saturating_sub(1),
                format!("in {what} that is its own item ({id}, score {score:.1})"),
            );
        }
    }
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
                    marker.location.start_line, marker.summary, marker.id, marker.score
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
        f.summary,
        f.signals.hotspot.unwrap_or(0.0),
        f.score
    )
}

/// Folds the `complex-function` item of a large closure (measured apart from the function
/// around it, `f::{closure#1}`) into the item of the nearest enclosing function that is a
/// complex function too: refactoring the function takes in its closure, so they are one
/// problem. The host names the closure, its figures and score, lists it in `related`, and
/// scores what the closure scores when that is more. A closure whose enclosing functions are
/// no items stays an item of its own.
pub(crate) fn fold_closures(items: &mut Vec<DebtItem>) {
    let complex = complex_functions(items);
    // Each closure item's host: the nearest enclosing function (named or a closure) that is
    // an item, then that one's host, and so on, so nested closures end in one item.
    let parent_of = |k: usize| -> Option<usize> {
        let i = &items[k];
        let mut symbol = i.location.symbol.as_deref()?;
        while let Some(outer) = crate::parse::complexity::closure_host(symbol) {
            symbol = outer;
            if let Some(&host) = complex.get(&(i.location.path.clone(), symbol.to_string())) {
                return Some(host);
            }
        }
        None
    };
    let parents: Vec<Option<usize>> = (0..items.len())
        .map(|k| match items[k].kind {
            Kind::ComplexFunction => parent_of(k),
            _ => None,
        })
        .collect();
    let host_of = |mut k: usize| {
        while let Some(p) = parents[k] {
            k = p;
        }
        k
    };
    let mut guests: Vec<(usize, usize)> = (0..items.len())
        .filter(|&k| parents[k].is_some())
        .map(|k| (k, host_of(k)))
        .collect();
    if guests.is_empty() {
        return;
    }
    guests.sort_by_key(|&(k, _)| (items[k].location.start_line, k));
    for &(k, host) in &guests {
        let guest = items[k].clone();
        let symbol = guest.location.symbol.clone().unwrap_or_default();
        let facts = facts(&guest.summary);
        let line = format!(
            "holds a large closure measured on its own, `{symbol}` (lines {}–{}): {facts} \
             (score {:.1}); refactoring this function takes it in, so it is part of this item",
            guest.location.start_line, guest.location.end_line, guest.score
        );
        items[host].related.push(guest.location.clone());
        let whose = format!("`{symbol}`");
        take_over(&mut items[host], guest, vec![line], (&whose, None));
    }
    remove(items, &guests.iter().map(|&(k, _)| k).collect());
}

/// Removes the items at the indices in `gone`, keeping the others' order.
fn remove(items: &mut Vec<DebtItem>, gone: &HashSet<usize>) {
    let kept = std::mem::take(items);
    items.extend(
        kept.into_iter()
            .enumerate()
            .filter(|(k, _)| !gone.contains(k))
            .map(|(_, i)| i),
    );
}

/// The figures of an item's title, after its kind ("God module: used by 6 files…" → "used by
/// 6 files…"), for another item's explanation.
fn facts(title: &str) -> &str {
    title.split_once(": ").map_or(title, |(_, r)| r)
}

/// The `complex-function` items, by path and symbol.
fn complex_functions(items: &[DebtItem]) -> HashMap<(String, String), usize> {
    items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.kind == Kind::ComplexFunction)
        .filter_map(|(k, i)| Some(((i.location.path.clone(), i.location.symbol.clone()?), k)))
        .collect()
}

/// An item takes in another item about the same code (a hot file's item a hot function or its
/// god-module evidence; a complex function its hot file's item and what that held): one
/// explanation `line` for it and, when the other scored higher, its score (the code costs at
/// least what the worst of its problems does), saying `whose` score it is.
/// Folds a file's evidence (hot, a god module, large) into the complex function that holds
/// that file's problem. The function keeps its own severity — how hard it is to read is the
/// principal — and, when it changed in most of the file's commits (`owns_change`), the file's
/// interest replaces its own when that is more: the file's heat is then the function's, but
/// not a harder function (a message table that changes with every new error stays a table).
/// A function folded in because it outscores its file keeps its own interest: the file's
/// change is not its own.
fn raise_interest(host: &mut DebtItem, guest: DebtItem, lines: Vec<String>, owns_change: bool) {
    let (own, theirs) = (host.signals.interest, guest.signals.interest);
    host.signals.fan_in = host.signals.fan_in.or(guest.signals.fan_in);
    host.signals.fan_out = host.signals.fan_out.or(guest.signals.fan_out);
    host.signals.fixes = host.signals.fixes.or(guest.signals.fixes);
    let at = host.explanation.len().saturating_sub(1);
    host.explanation.splice(at..at, lines);
    if owns_change && own > 0.0 && theirs > own {
        let score = (10.0 * host.score * theirs / own).round() / 10.0;
        host.explanation.push(format!(
            "score {score:.1} = {:.1} × {theirs:.2} / {own:.2}: the interest of its file \
             ({theirs:.2}), whose change is mostly this function's, replaces its own \
             ({own:.2}); its severity stays its own",
            host.score
        ));
        host.score = score;
        host.signals.interest = theirs;
    }
}

/// `guest` becomes part of `file`: its `lines` join the explanation, and when it scores higher
/// its score replaces the file's, said to be `whose`. With `title`, the title says so too
/// ("Hotspot file: …; also fix-prone: …"), for the reader who sees only the table.
fn take_over(
    file: &mut DebtItem,
    guest: DebtItem,
    lines: Vec<String>,
    (whose, title): (&str, Option<&str>),
) {
    if guest.score > file.score {
        if let Some(title) = title {
            file.summary = format!("{}; {title}", file.summary);
        }
        file.score = guest.score;
        file.signals.severity = guest.signals.severity;
        file.signals.interest = guest.signals.interest;
        let formula = guest.explanation.last().cloned().unwrap_or_default();
        file.explanation.pop();
        file.explanation.extend(lines);
        file.explanation
            .push(format!("{formula} (the score of {whose})"));
    } else {
        let at = file.explanation.len().saturating_sub(1);
        file.explanation.splice(at..at, lines);
    }
    file.signals.fan_in = file.signals.fan_in.or(guest.signals.fan_in);
    file.signals.fan_out = file.signals.fan_out.or(guest.signals.fan_out);
    file.signals.fixes = file.signals.fixes.or(guest.signals.fixes);
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
            summary: format!("{kind:?} {}", symbol.unwrap_or(path)),
            severity: None,
            permalink: None,
            body: None,
            suggested_assignees: Vec::new(),
            baseline_score: None,
            baseline_id: None,
            uses: Vec::new(),
            coupled: Vec::new(),
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

    /// [`fold`] and [`link`], as `rank` calls them, without an X-Ray.
    fn fold_all(items: &mut Vec<DebtItem>) {
        fold(items, &[]);
        link(items);
    }

    #[test]
    fn a_large_closure_that_is_complex_is_part_of_its_complex_function() {
        let complex = |path: &str, symbol: &str, score| {
            item(Kind::ComplexFunction, path, Some(symbol), score)
        };
        let mut items = vec![
            complex("a.rs", "f", 40.0),
            complex("a.rs", "f::{closure#1}", 55.0),
            complex("a.rs", "f::{closure#1}::{closure#1}", 30.0),
            // No enclosing function is an item: it stays.
            complex("a.rs", "g::{closure#1}", 35.0),
            // Same name in another file: not its closure.
            complex("b.rs", "f::{closure#2}", 20.0),
            // Lua's separator.
            complex("m.lua", "M.run", 25.0),
            complex("m.lua", "M.run.{closure#1}", 22.0),
        ];
        items[1].location.start_line = 12;
        items[1].location.end_line = 40;
        fold_closures(&mut items);
        let symbols: Vec<&str> = items
            .iter()
            .map(|i| i.location.symbol.as_deref().unwrap())
            .collect();
        assert_eq!(symbols, ["f", "g::{closure#1}", "f::{closure#2}", "M.run"]);
        let f = &items[0];
        // The closure scored more: the function scores what it does, and says so.
        assert_eq!(f.score, 55.0);
        assert_eq!(f.related.len(), 2);
        assert!(
            f.explanation.iter().any(|e| e.starts_with(
                "holds a large closure measured on its own, `f::{closure#1}` (lines 12–40)"
            )),
            "{:?}",
            f.explanation
        );
        assert!(f
            .explanation
            .iter()
            .any(|e| e.contains("`f::{closure#1}::{closure#1}`")));
        assert!(f
            .explanation
            .last()
            .unwrap()
            .ends_with("(the score of `f::{closure#1}`)"));
        // The closure scored less: the function keeps its score, the line comes before it.
        let run = &items[3];
        assert_eq!(run.score, 25.0);
        assert_eq!(run.related.len(), 1);
        assert!(run.explanation[run.explanation.len() - 2].contains("`M.run.{closure#1}`"));
    }

    /// What the X-Ray counted for a function: `revisions` commits in the window.
    fn counted(path: &str, symbol: &str, revisions: u32) -> FunctionHotspot {
        FunctionHotspot {
            path: path.into(),
            symbol: symbol.into(),
            start_line: 1,
            end_line: 9,
            rank: 0,
            score: 0.5,
            revisions,
            weighted_revisions: f64::from(revisions),
            change_percentile: 0.5,
            complexity_percentile: 0.5,
            cyclomatic: 10,
            cognitive: 10,
            lines: 9,
            explanation: Vec::new(),
        }
    }

    /// A hot file item with `commits` commits in the window.
    fn hot_file(path: &str, score: f64, commits: u32) -> DebtItem {
        let mut file = item(Kind::Hotspot, path, None, score);
        file.summary = format!("Hotspot file: {commits} commits in 365 days, cyclomatic 80");
        file.signals.recent_revisions = Some(commits);
        file
    }

    #[test]
    fn a_hot_file_whose_change_is_one_complex_function_is_that_function() {
        let mut god = item(Kind::GodModule, "a.rs", None, 65.0);
        god.summary = "God module: used by 9 files".into();
        god.signals.fan_in = Some(9);
        god.signals.interest = 0.75;
        let mut hot = hot_file("a.rs", 60.0, 10);
        hot.signals.interest = 0.75;
        // The function's own change is less than its file's.
        let mut run = item(Kind::ComplexFunction, "a.rs", Some("run"), 50.0);
        run.signals.interest = 0.6;
        let mut items = vec![
            hot,
            run,
            item(Kind::ComplexFunction, "a.rs", Some("other"), 70.0),
            god,
            item(Kind::Hotspot, "a.rs", Some("helper"), 40.0),
            item(Kind::Todo, "a.rs", Some("run"), 30.0),
        ];
        let xray = [
            counted("a.rs", "run", 6),
            counted("a.rs", "other", 2),
            counted("a.rs", "helper", 4),
        ];
        fold(&mut items, &xray);
        link(&mut items);
        let kinds: Vec<(Kind, Option<&str>)> = items
            .iter()
            .map(|i| (i.kind, i.location.symbol.as_deref()))
            .collect();
        // `run` changed in 6 of the file's 10 commits: the file item is `run`'s.
        assert_eq!(
            kinds,
            [
                (Kind::ComplexFunction, Some("run")),
                (Kind::ComplexFunction, Some("other")),
                (Kind::Todo, Some("run")),
            ]
        );
        let run = &items[0];
        let lines = run.explanation.join("\n");
        assert!(
            run.explanation[0].starts_with(
                "also a hot file: 10 commits in 365 days, cyclomatic 80 (hotspot score 0.90, \
                 score 60.0 on its own); `run` changed in 6 of them"
            ),
            "{lines}"
        );
        // What the file item held comes along: its god-module evidence, its other hot
        // function. The function keeps its severity; the file's interest replaces its own.
        assert!(lines.contains("its file is also a god module: used by 9 files"));
        assert!(lines.contains("another hot function in its file, `helper`: "));
        assert_eq!(run.score, 62.5);
        assert_eq!(run.signals.interest, 0.75);
        assert!(
            run.explanation.last().unwrap().starts_with(
                "score 62.5 = 50.0 × 0.75 / 0.60: the interest of its file (0.75), whose change \
                 is mostly this function's, replaces its own (0.60); its severity stays its own"
            ),
            "{lines}"
        );
        assert_eq!(run.signals.hotspot, Some(0.9));
        assert_eq!(run.signals.fan_in, Some(9));
        let related: Vec<(&str, Option<&str>)> = run
            .related
            .iter()
            .map(|l| (l.path.as_str(), l.symbol.as_deref()))
            .collect();
        assert_eq!(related, [("a.rs", None), ("a.rs", Some("helper"))]);
        // Nothing names a file item that is no more.
        assert!(!items[1].explanation.join("\n").contains("hot file"));
        assert!(lines.contains("holds a marker that is its own item"));
    }

    #[test]
    fn a_fix_prone_file_and_its_complex_functions_name_each_other() {
        let mut items = vec![
            item(Kind::FixProne, "a.rs", None, 40.0),
            item(Kind::ComplexFunction, "a.rs", Some("run"), 55.0),
            item(Kind::ComplexFunction, "b.rs", Some("far"), 45.0),
        ];
        fold(&mut items, &[]);
        link(&mut items);
        assert_eq!(items.len(), 3);
        let of = |kind: Kind, path: &str| {
            let i = items
                .iter()
                .find(|i| i.kind == kind && i.location.path == path);
            i.unwrap().explanation[0].clone()
        };
        assert_eq!(
            of(Kind::FixProne, "a.rs"),
            "holds `run`, a complex function that is its own item \
             (ComplexFunctiona.rsSome(\"run\"), score 55.0)"
        );
        assert_eq!(
            of(Kind::ComplexFunction, "a.rs"),
            "in a fix-prone file that is its own item (FixPronea.rsNone, score 40.0)"
        );
        assert!(!of(Kind::ComplexFunction, "b.rs").contains("fix-prone"));
    }

    #[test]
    fn a_hot_file_spread_over_its_functions_stays_and_names_them() {
        let mut items = vec![
            hot_file("a.rs", 60.0, 10),
            item(Kind::ComplexFunction, "a.rs", Some("run"), 55.0),
            item(Kind::ComplexFunction, "a.rs", Some("walk"), 45.0),
            item(Kind::ComplexFunction, "b.rs", Some("far"), 45.0),
        ];
        // No function ranks as high as the file, and none changed in half of its commits.
        let xray = [counted("a.rs", "run", 4), counted("a.rs", "walk", 3)];
        fold(&mut items, &xray);
        link(&mut items);
        assert_eq!(items.len(), 4);
        let file = &items[0];
        assert_eq!((file.kind, file.score), (Kind::Hotspot, 60.0));
        assert_eq!(
            file.explanation[..2],
            [
                "holds `run`, a complex function that is its own item \
                 (ComplexFunctiona.rsSome(\"run\"), score 55.0)",
                "holds `walk`, a complex function that is its own item \
                 (ComplexFunctiona.rsSome(\"walk\"), score 45.0)",
            ]
        );
        assert!(file.explanation[2].starts_with("score 60.0 ="));
        for k in [1, 2] {
            assert!(
                items[k].explanation[0].starts_with(
                    "in a hot file that is its own item (Hotspota.rsNone, score 60.0)"
                ),
                "{:?}",
                items[k].explanation
            );
        }
        assert!(!items[3].explanation.join("\n").contains("hot file"));
    }

    #[test]
    fn a_hot_file_ranking_below_its_best_function_is_that_function() {
        // The file's interest is more than `run`'s own, which stays: its file's change is not
        // its own.
        let mut hot = hot_file("a.rs", 50.0, 10);
        hot.signals.interest = 0.9;
        let mut run = item(Kind::ComplexFunction, "a.rs", Some("run"), 55.0);
        run.signals.interest = 0.6;
        let mut items = vec![
            hot,
            run,
            hot_file("b.rs", 60.0, 10),
            item(Kind::ComplexFunction, "b.rs", Some("walk"), 55.0),
            hot_file("c.rs", 50.0, 10),
            item(Kind::ComplexFunction, "c.rs", Some("x"), 40.0),
            item(Kind::ComplexFunction, "c.rs", Some("y"), 52.0),
            item(Kind::ComplexFunction, "c.rs", Some("z"), 90.0),
        ];
        // Only c.rs was X-Rayed: `y` changed in 2 of its 10 commits, yet ranks above it; `z`
        // ranks higher still but did not change: it is no part of the file's change.
        let xray = [
            counted("c.rs", "x", 3),
            counted("c.rs", "y", 2),
            counted("c.rs", "z", 0),
        ];
        fold(&mut items, &xray);
        link(&mut items);
        let kinds: Vec<(Kind, &str, Option<&str>)> = items
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.location.path.as_str(),
                    i.location.symbol.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            kinds,
            [
                (Kind::ComplexFunction, "a.rs", Some("run")),
                (Kind::Hotspot, "b.rs", None),
                (Kind::ComplexFunction, "b.rs", Some("walk")),
                (Kind::ComplexFunction, "c.rs", Some("x")),
                (Kind::ComplexFunction, "c.rs", Some("y")),
                (Kind::ComplexFunction, "c.rs", Some("z")),
            ]
        );
        assert!(
            items[0].explanation[0].ends_with(
                "`run` scores at least as high as the file, whose change its interest counts \
                 (no X-Ray counted its commits)"
            ),
            "{:?}",
            items[0].explanation
        );
        assert!(items[4].explanation[0].ends_with("(it changed in 2 of them)"));
        for k in [3, 5] {
            assert!(!items[k].explanation.join("\n").contains("hot file"));
        }
        assert_eq!(
            (items[0].score, items[0].signals.interest),
            (55.0, 0.6),
            "the function scored higher: its score and interest stay"
        );
        assert!(items[0]
            .explanation
            .last()
            .unwrap()
            .starts_with("score 55.0 ="));
        assert!(items[1].explanation[0].starts_with("holds `walk`"));
    }

    #[test]
    fn a_complex_hot_function_is_one_item() {
        let mut items = vec![
            item(Kind::ComplexFunction, "a.rs", Some("run"), 50.0),
            item(Kind::Hotspot, "a.rs", Some("run"), 70.0),
            item(Kind::Todo, "a.rs", Some("run"), 40.0),
        ];
        fold_all(&mut items);
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
        fold_all(&mut items);
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
        fold_all(&mut items);
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
        fold_all(&mut items);
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
    fn a_hot_fix_prone_file_is_one_item_that_takes_the_higher_score() {
        let mut fixes = item(Kind::FixProne, "a.rs", None, 70.0);
        fixes.summary = "Fix-prone file: 5 fix commits of its 9 commits in 365 days".into();
        fixes.signals.fixes = Some(5);
        let fix_lines = [
            "fix 14d6bc0feb (2026-07-06) fix(dap): configuration done body is not required",
            "fix f37bee941c (2026-03-14) fix(dap): surface failed responses",
        ];
        let formula = fixes.explanation.pop().unwrap();
        fixes
            .explanation
            .push("change 0.94 (weight 0.45): …".into());
        fixes.explanation.extend(fix_lines.map(String::from));
        fixes.explanation.push(formula);
        let mut items = vec![
            fixes,
            item(Kind::Hotspot, "a.rs", None, 60.0),
            item(Kind::FixProne, "b.rs", None, 25.0),
        ];
        fold_all(&mut items);
        let kinds: Vec<(Kind, &str)> = items
            .iter()
            .map(|i| (i.kind, i.location.path.as_str()))
            .collect();
        assert_eq!(kinds, [(Kind::Hotspot, "a.rs"), (Kind::FixProne, "b.rs")]);
        // The fixes scored higher: the file's item takes their score and says whose it is.
        let file = &items[0];
        assert_eq!(file.score, 70.0);
        assert_eq!(file.signals.fixes, Some(5));
        let n = file.explanation.len();
        assert_eq!(
            file.explanation[n - 4],
            "also fix-prone: 5 fix commits of its 9 commits in 365 days"
        );
        // Its fixes come along, as the evidence; the rest of its explanation does not.
        assert_eq!(file.explanation[n - 3..n - 1], fix_lines);
        assert!(!file
            .explanation
            .iter()
            .any(|l| l.starts_with("change 0.94")));
        assert!(file.explanation[n - 1].ends_with("(the score of its fixes)"));
        // The title says what scores it, for the reader of the table.
        assert_eq!(
            file.summary,
            "Hotspot a.rs; also fix-prone: 5 fix commits of its 9 commits in 365 days"
        );
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
        fold_all(&mut items);
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
