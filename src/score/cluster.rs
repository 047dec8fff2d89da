//! Duplicate clusters: a marker whose text is repeated in several places is one root cause,
//! so it becomes one item with several locations, and one tracker issue.

use std::collections::BTreeMap;

use super::fingerprint;
use crate::model::{DebtItem, Kind};
use crate::parse::markers;

/// What makes two markers the same root cause: kind, tag and text, case and trailing
/// punctuation aside (the exact key), or, when the text is near-identical, case, digits and
/// punctuation aside ([`markers::normalize`], the near key). `None` when the text is too short
/// to mean anything on its own (a bare `TODO`, `FIXME: fix`).
struct Key {
    /// Groups the cluster: the near key when it is `min_length` long too, else the exact key.
    group: (Kind, String),
    /// The exact key: what the id of a cluster of one text, and a lone marker's weak id, hash.
    exact: String,
}

fn key(item: &DebtItem, min_length: usize) -> Option<Key> {
    let m = item.marker.as_ref()?;
    // A run of adjacent bare markers is one item already (`items::markers`).
    if !item.related.is_empty() {
        return None;
    }
    let text = m
        .text
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace())
        .to_lowercase();
    if min_length == 0 || text.chars().count() < min_length {
        return None;
    }
    let tag = m.tag.to_uppercase();
    let exact = format!("{tag} {text}");
    let near = markers::normalize(&text);
    // A text that is mostly digits or punctuation (`u64::MAX + 1`) clusters only with itself.
    let group = match near.chars().count() >= min_length {
        true => format!("{tag}\u{1f}near\u{1f}{near}"),
        false => exact.clone(),
    };
    Some(Key {
        group: (item.kind, group),
        exact,
    })
}

/// Merges marker items with the same [`key`] into one item each; others pass through.
///
/// The cluster is located at its first place (by path and line), lists the others in
/// `related`, and is scored, signalled and explained as its most expensive place. Its id
/// hashes the kind and text alone, so places can come and go without a new id: the exact text
/// when all places say the same (so clusters and lone markers keep the ids they had before
/// near-identical texts joined them), else the near key. A lone marker with such a text
/// carries its exact text's id as its weak id, so `diff` follows it into and out of a cluster
/// of equal texts.
pub(super) fn clusters(items: Vec<DebtItem>, min_length: usize) -> Vec<DebtItem> {
    let mut groups: BTreeMap<(Kind, String), Vec<(String, DebtItem)>> = BTreeMap::new();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match key(&item, min_length) {
            Some(k) => groups.entry(k.group).or_default().push((k.exact, item)),
            None => out.push(item),
        }
    }
    for ((kind, near), members) in groups {
        let exact = members[0].0.clone();
        let same = members.iter().all(|(e, _)| *e == exact);
        let id = match same {
            true => fingerprint(kind, "", None, &format!("cluster\u{1f}{exact}"), 0),
            false => fingerprint(kind, "", None, &format!("cluster\u{1f}{near}"), 0),
        };
        let mut members: Vec<DebtItem> = members.into_iter().map(|(_, m)| m).collect();
        if members.len() == 1 {
            // A marker that could be a cluster has the cluster's weak id, so a copy made
            // elsewhere, or a duplicate removed, is a change of one item, not new debt.
            out.extend(members.into_iter().map(|m| DebtItem {
                weak_id: id.clone(),
                ..m
            }));
            continue;
        }
        members.sort_by(|a, b| {
            a.location
                .path
                .cmp(&b.location.path)
                .then(a.location.start_line.cmp(&b.location.start_line))
        });
        let best = members
            .iter()
            .enumerate()
            // The first of equals, so the choice does not depend on the input order.
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i);
        let n = members.len();
        let places: Vec<String> = members
            .iter()
            .map(|m| format!("{}:{}", m.location.path, m.location.start_line))
            .collect();
        let best_item = members[best].clone();
        let mut explanation = vec![format!(
            "{} in {n} places, one root cause: {}{}; scored at its most expensive place, {}",
            match same {
                true => "the same text",
                false => "nearly the same text (case, digits and punctuation aside)",
            },
            places
                .iter()
                .take(5)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
            if n > 5 { ", …" } else { "" },
            places[best]
        )];
        explanation.extend(best_item.explanation);
        let mut rest = members.into_iter();
        let first = rest.next().expect("a cluster has two members or more");
        out.push(DebtItem {
            id: id.clone(),
            weak_id: id,
            summary: format!("{} ({n} places)", first.summary),
            related: rest.map(|m| m.location).collect(),
            location: first.location,
            score: best_item.score,
            signals: best_item.signals,
            explanation,
            marker: first.marker,
            ..first
        });
    }
    out
}
