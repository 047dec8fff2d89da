//! `hidden-coupling` items: files that change together with no dependency between them. Pairs
//! that share files form groups (connected components of the pair graph): a group is one item
//! naming all its files, because one implicit dependency (a format, a protocol, duplicated
//! logic) usually explains the whole group, and fifteen items for six files bury it. A pair
//! that shares no file with another stays a pair item, with the id it always had.

use std::collections::{BTreeMap, BTreeSet};

use super::{Draft, Model};
use crate::config::Config;
use crate::model::{DebtItem, HiddenCoupling, Kind, Location, Signals};

/// The most files one group takes in. Past it, a component is split: pairs are joined
/// strongest first, and a pair that would make a group larger stays an item of its own (both
/// items say so). Tens of files changing together are a tangle no reader can act on as one.
pub const MAX_GROUP_FILES: usize = 10;

/// How many pairs a group's explanation lists one by one.
const LISTED_PAIRS: usize = 8;

/// Adds the hidden-coupling items of `hidden` (pairs, strongest first) to `out`.
pub(super) fn items(
    hidden: &[HiddenCoupling],
    model: &Model,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let (groups, apart) = group(hidden);
    for g in &groups {
        match g.pairs.as_slice() {
            [one] => out.push(pair(one, model, config, g.capped)),
            _ => out.push(group_item(g, model, config)),
        }
    }
    for p in apart {
        out.push(pair(p, model, config, true));
    }
}

/// Files that change together, and the pairs between them.
struct Group<'a> {
    files: BTreeSet<&'a str>,
    pairs: Vec<&'a HiddenCoupling>,
    /// Another pair would have joined it but for [`MAX_GROUP_FILES`].
    capped: bool,
}

/// Groups the pairs: strongest first, a pair joins the groups of its two files unless the
/// result would exceed [`MAX_GROUP_FILES`]; such pairs are returned apart. Groups come in the
/// order of their strongest pair.
fn group(hidden: &[HiddenCoupling]) -> (Vec<Group<'_>>, Vec<&HiddenCoupling>) {
    let mut sorted: Vec<&HiddenCoupling> = hidden.iter().collect();
    sorted.sort_by(|x, y| {
        y.degree
            .cmp(&x.degree)
            .then(y.shared.cmp(&x.shared))
            .then_with(|| x.a.cmp(&y.a))
            .then_with(|| x.b.cmp(&y.b))
    });
    let mut groups: Vec<Option<Group>> = Vec::new();
    let mut group_of: BTreeMap<&str, usize> = BTreeMap::new();
    let mut apart = Vec::new();
    for p in sorted {
        let (ga, gb) = (
            group_of.get(p.a.as_str()).copied(),
            group_of.get(p.b.as_str()).copied(),
        );
        let size =
            |g: Option<usize>| g.map_or(1, |g| groups[g].as_ref().map_or(0, |g| g.files.len()));
        let joined = match (ga, gb) {
            (Some(a), Some(b)) if a == b => size(ga),
            _ => size(ga) + size(gb),
        };
        if joined > MAX_GROUP_FILES {
            for g in [ga, gb].into_iter().flatten() {
                if let Some(g) = groups[g].as_mut() {
                    g.capped = true;
                }
            }
            apart.push(p);
            continue;
        }
        // The older group (of the stronger pair) takes in the other.
        let host = match (ga, gb) {
            (Some(a), Some(b)) => {
                let (host, guest) = (a.min(b), a.max(b));
                if host != guest {
                    let guest = groups[guest].take().expect("a live group");
                    for f in &guest.files {
                        group_of.insert(f, host);
                    }
                    let g = groups[host].as_mut().expect("a live group");
                    g.files.extend(guest.files);
                    g.pairs.extend(guest.pairs);
                    g.capped |= guest.capped;
                }
                host
            }
            (Some(g), None) | (None, Some(g)) => g,
            (None, None) => {
                groups.push(Some(Group {
                    files: BTreeSet::new(),
                    pairs: Vec::new(),
                    capped: false,
                }));
                groups.len() - 1
            }
        };
        let g = groups[host].as_mut().expect("a live group");
        g.files.insert(&p.a);
        g.files.insert(&p.b);
        g.pairs.push(p);
        group_of.insert(&p.a, host);
        group_of.insert(&p.b, host);
    }
    (groups.into_iter().flatten().collect(), apart)
}

fn file_location(path: &str) -> Location {
    Location {
        path: path.to_string(),
        start_line: 1,
        end_line: 1,
        symbol: None,
    }
}

/// The severity of a pair of `degree`: the configured one at `graph.hidden_coupling_degree`,
/// growing linearly to the maximum at 100%.
fn pair_severity(degree: u32, config: &Config) -> f64 {
    let c = &config.graph;
    let from = c.hidden_coupling_degree.min(99);
    let t = (f64::from(degree) - f64::from(from)) / f64::from(100 - from);
    c.hidden_coupling_severity
        + (c.hidden_coupling_max_severity - c.hidden_coupling_severity).max(0.0) * t.clamp(0.0, 1.0)
}

const IMPLICIT: &str = "neither uses the other, directly or through one other file: the \
                        dependency is implicit (a shared format, protocol or duplicated logic)";

/// Which commits the counts count (the file's revisions in "all its history" count them all).
fn counted_note(config: &Config) -> String {
    format!(
        "these counts leave out commits that change more than {} files \
         (`coupling.max_changeset`): such a sweep is no evidence that two files belong together",
        config.coupling.max_changeset
    )
}

/// What a capped group or a pair left apart says about it.
fn capped_note() -> String {
    format!(
        "its files also change with files of another coupling group; a group stops at \
         {MAX_GROUP_FILES} files, so that coupling is an item of its own"
    )
}

/// One coupled pair: located at its first file, the other in `related`; its id hashes the
/// sorted pair (unchanged since the first version).
fn pair(h: &HiddenCoupling, model: &Model, config: &Config, capped: bool) -> DebtItem {
    let c = &config.graph;
    let severity = pair_severity(h.degree, config);
    let (ia, ib) = (model.interest(&h.a, None), model.interest(&h.b, None));
    let (mut interest, busiest) = if ia.value >= ib.value {
        (ia, &h.a)
    } else {
        (ib, &h.b)
    };
    for line in &mut interest.explanation {
        *line = format!("{busiest} (the more worked-on file): {line}");
    }
    let severity_why = vec![
        format!(
            "changed together in {} commits: coupling degree {}% of their average revisions \
             ({} and {}); severity {:.2} at {}%, growing to {:.2} at 100%: {severity:.2}",
            h.shared,
            h.degree,
            h.revisions_a,
            h.revisions_b,
            c.hidden_coupling_severity,
            c.hidden_coupling_degree,
            c.hidden_coupling_max_severity
        ),
        IMPLICIT.to_string(),
        counted_note(config),
    ];
    let mut item = Draft {
        kind: Kind::HiddenCoupling,
        location: file_location(&h.a),
        related: vec![file_location(&h.b)],
        content: format!("{}\n{}", h.a, h.b),
        occurrence: 0,
        summary: format!(
            "Hidden coupling: {} and {} change together ({}%) with no dependency between them",
            h.a, h.b, h.degree
        ),
        severity,
        severity_why,
        interest,
        context: capped.then(capped_note).into_iter().collect(),
        signals: Signals {
            coupling_degree: Some(h.degree),
            ..Signals::default()
        },
        marker: None,
        coverage: None,
    }
    .finish();
    item.coupled = vec![h.clone()];
    item
}

/// A group of three or more files: located at its most-changed file, the others in
/// `related` (in path order); scored from its strongest pair plus a share for its size; its id
/// hashes the sorted files, marked as a group.
fn group_item(g: &Group, model: &Model, config: &Config) -> DebtItem {
    let c = &config.graph;
    let n = g.files.len();
    // Change sets per file, as the pairs counted them.
    let mut revisions: BTreeMap<&str, u32> = BTreeMap::new();
    for p in &g.pairs {
        for (f, r) in [(&p.a, p.revisions_a), (&p.b, p.revisions_b)] {
            let e = revisions.entry(f.as_str()).or_insert(0);
            *e = (*e).max(r);
        }
    }
    let lead = revisions
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(f, _)| *f)
        .expect("a group has files");
    let strongest = g.pairs[0];
    let base = pair_severity(strongest.degree, config);
    // Each file past two adds to the cost of the change they make together, up to 0.1.
    let extra = 0.1 * (1.0 - 2.0 / n as f64);
    let severity = (base + extra).min(1.0);
    let (mut interest, busiest) = g
        .files
        .iter()
        .map(|f| (model.interest(f, None), *f))
        .reduce(|a, b| if b.0.value > a.0.value { b } else { a })
        .expect("a group has files");
    for line in &mut interest.explanation {
        *line = format!("{busiest} (the most worked-on file of the group): {line}");
    }
    let mut severity_why = vec![
        format!(
            "{n} files change together ({} coupled pairs); the strongest, {} and {}, changed \
             together in {} commits: degree {}%, severity {base:.2} (severity {:.2} at {}%, \
             growing to {:.2} at 100%); plus {extra:.2} for {n} files (up to 0.10): {severity:.2}",
            g.pairs.len(),
            strongest.a,
            strongest.b,
            strongest.shared,
            strongest.degree,
            c.hidden_coupling_severity,
            c.hidden_coupling_degree,
            c.hidden_coupling_max_severity
        ),
        "no pair of them uses the other, directly or through one other file: the dependency \
         is implicit (a shared format, protocol or duplicated logic)"
            .to_string(),
    ];
    let mut listed: Vec<String> = g
        .pairs
        .iter()
        .take(LISTED_PAIRS)
        .map(|p| {
            format!(
                "{} ↔ {}: {}% ({} shared commits of {} and {})",
                p.a, p.b, p.degree, p.shared, p.revisions_a, p.revisions_b
            )
        })
        .collect();
    if g.pairs.len() > LISTED_PAIRS {
        listed.push(format!("and {} weaker pairs", g.pairs.len() - LISTED_PAIRS));
    }
    severity_why.push(format!("pairs, strongest first: {}", listed.join("; ")));
    severity_why.push(counted_note(config));
    let related = g
        .files
        .iter()
        .filter(|f| **f != lead)
        .map(|f| file_location(f))
        .collect();
    let members: Vec<&str> = g.files.iter().copied().collect();
    let mut item = Draft {
        kind: Kind::HiddenCoupling,
        location: file_location(lead),
        related,
        content: format!("group\n{}", members.join("\n")),
        occurrence: 0,
        summary: format!(
            "Hidden coupling: {n} files change together ({}% at most) with no dependency \
             between them: {}",
            strongest.degree,
            members.join(", ")
        ),
        severity,
        severity_why,
        interest,
        context: g.capped.then(capped_note).into_iter().collect(),
        signals: Signals {
            coupling_degree: Some(strongest.degree),
            ..Signals::default()
        },
        marker: None,
        coverage: None,
    }
    .finish();
    item.coupled = g.pairs.iter().map(|p| (*p).clone()).collect();
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(a: &str, b: &str, degree: u32) -> HiddenCoupling {
        HiddenCoupling {
            a: a.into(),
            b: b.into(),
            degree,
            shared: 5,
            revisions_a: 6,
            revisions_b: 6,
        }
    }

    #[test]
    fn connected_pairs_are_one_group_and_lone_pairs_stay_pairs() {
        let hidden = [
            pair("a", "b", 90),
            pair("x", "y", 80),
            pair("b", "c", 70),
            pair("c", "d", 60),
        ];
        let (groups, apart) = group(&hidden);
        assert!(apart.is_empty());
        let files: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.files.iter().copied().collect())
            .collect();
        assert_eq!(files, [vec!["a", "b", "c", "d"], vec!["x", "y"]]);
        assert_eq!(groups[0].pairs.len(), 3);
    }

    #[test]
    fn a_huge_component_is_split_at_the_cap() {
        // A chain of 15 files: the strongest 9 pairs make a group of 10; the next one would
        // make it 11, so it stays apart, and the rest start a second group.
        let names: Vec<String> = (0..15).map(|k| format!("f{k:02}")).collect();
        let hidden: Vec<HiddenCoupling> = (0..14)
            .map(|k| pair(&names[k], &names[k + 1], 99 - k as u32))
            .collect();
        let (groups, apart) = group(&hidden);
        assert_eq!(groups[0].files.len(), MAX_GROUP_FILES);
        assert!(groups[0].capped);
        assert_eq!(apart.len(), 1);
        assert_eq!((apart[0].a.as_str(), apart[0].b.as_str()), ("f09", "f10"));
        assert_eq!(groups[1].files.len(), 5);
    }
}
