//! The "Cycles and coupling" pictures: the worst dependency cycles as arc diagrams, small
//! enough to read (never the whole graph), and the strongest hidden coupling as pairs.
//!
//! A cycle's files are listed top to bottom in an order where every use points down except
//! the uses to remove: what the cut leaves has no cycle, so a topological order of it exists.
//! Downward uses are arcs on the right; the uses to remove are the only arcs on the left,
//! dashed, in another colour and labelled, so the picture says what to cut without colour.

use std::fmt::Write as _;

use super::chart::{open_svg, PALETTE, WIDTH};
use super::esc;
use crate::model::{HiddenCoupling, ItemUse};

/// One cycle item to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    /// The heading: the item's rank, title and score.
    pub heading: String,
    /// The item's row anchor.
    pub anchor: String,
    /// Its files.
    pub members: Vec<String>,
    /// Uses between them (for a tangle: the uses to remove only).
    pub uses: Vec<ItemUse>,
}

/// One hidden-coupling item to draw: its strongest pairs.
#[derive(Debug, Clone, PartialEq)]
pub struct Coupling {
    /// The heading: the item's rank and score.
    pub heading: String,
    /// The item's row anchor.
    pub anchor: String,
    /// Its pairs, strongest first.
    pub pairs: Vec<HiddenCoupling>,
}

/// An axis-aligned box of text, for overlap checks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    /// Left edge.
    pub x0: f64,
    /// Right edge.
    pub x1: f64,
    /// Baseline.
    pub y: f64,
}

/// Height of a label line (11 px text).
pub const LINE: f64 = 14.0;
/// Width of a character of a label, generous for the proportional fonts a browser picks for
/// `system-ui` (the browser test measures the real boxes).
pub const CHAR_W: f64 = 6.4;

impl Label {
    /// Whether two labels' boxes overlap.
    pub fn overlaps(&self, other: &Label) -> bool {
        self.x0 < other.x1 && other.x0 < self.x1 && (self.y - other.y).abs() < LINE
    }
}

/// Moves labels down, in order of their wanted height, until none overlaps another: each
/// label goes to the first free line at or below where it wants to be. Returns the new
/// baselines.
pub fn spread(labels: &[Label]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..labels.len()).collect();
    order.sort_by(|&a, &b| labels[a].y.total_cmp(&labels[b].y).then(a.cmp(&b)));
    let mut placed: Vec<Label> = Vec::with_capacity(labels.len());
    let mut ys = vec![0.0; labels.len()];
    for i in order {
        let mut l = labels[i];
        while let Some(hit) = placed.iter().find(|p| p.overlaps(&l)) {
            l.y = hit.y + LINE;
        }
        ys[i] = l.y;
        placed.push(l);
    }
    ys
}

/// The members' order top to bottom: a topological order of the uses that are not cut
/// (Kahn's algorithm, the first in path order among those ready), so that only cut uses point
/// up; members left over by a cut that does not break every cycle follow in path order.
pub fn order(members: &[String], uses: &[ItemUse]) -> Vec<usize> {
    let index = |p: &str| members.iter().position(|m| m == p);
    let mut indegree = vec![0usize; members.len()];
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); members.len()];
    for u in uses.iter().filter(|u| !u.cut) {
        if let (Some(a), Some(b)) = (index(&u.from), index(&u.to)) {
            if a != b {
                next[a].push(b);
                indegree[b] += 1;
            }
        }
    }
    let mut done = vec![false; members.len()];
    let mut out = Vec::with_capacity(members.len());
    while let Some(i) = (0..members.len()).find(|&i| !done[i] && indegree[i] == 0) {
        done[i] = true;
        out.push(i);
        for &j in &next[i] {
            indegree[j] -= 1;
        }
    }
    out.extend((0..members.len()).filter(|&i| !done[i]));
    out
}

/// The longest directory prefix (ending in `/`) all `paths` share.
pub fn common_dir(paths: &[String]) -> String {
    let Some(first) = paths.first() else {
        return String::new();
    };
    let mut prefix = match first.rfind('/') {
        Some(k) => &first[..=k],
        None => "",
    };
    for p in paths {
        while !p.starts_with(prefix) {
            prefix = match prefix[..prefix.len() - 1].rfind('/') {
                Some(k) => &prefix[..=k],
                None => "",
            };
        }
    }
    prefix.to_string()
}

/// `path` cut from the left to `max` characters, keeping the file name: `…/core/walk.rs`.
pub fn tail(path: &str, max: usize) -> String {
    let n = path.chars().count();
    if n <= max {
        return path.to_string();
    }
    let kept: String = path.chars().skip(n + 1 - max).collect();
    format!("…{kept}")
}

// The arc diagram's geometry.
const HEAD: f64 = 30.0;
const ROW: f64 = 26.0;
const BOX_H: f64 = 20.0;
const BOX_X0: f64 = 250.0;
const BOX_X1: f64 = 500.0;
const MAX_BULGE: f64 = 200.0;
const BOX_CHARS: usize = 37;
/// Uses listed for a tangle, at most.
const TANGLE_ROWS: usize = 10;
const CUT_COLOUR: &str = PALETTE[5];
const USE_COLOUR: &str = PALETTE[4];

/// Files drawn as boxes, at most: a larger cycle is listed as its uses to remove.
const MAX_DRAWN: usize = 16;

/// Whether a cycle item carries its uses to remove only: a tangle of more than
/// `graph.max_cycle_items` files, listed rather than drawn.
pub fn is_tangle(uses: &[ItemUse]) -> bool {
    uses.iter().all(|u| u.cut)
}

/// How far an arc between rows `a` and `b` bulges out of the boxes.
fn bulge(a: usize, b: usize) -> f64 {
    (14.0 + 22.0 * (a.abs_diff(b) as f64 - 1.0).max(0.0)).min(MAX_BULGE)
}

/// Where each arc `(from row, to row)` meets its two boxes, as offsets from the boxes'
/// middles: the arcs at one side of a box share its height, ordered by the row at their other
/// end so that they do not cross there, and their arrowheads do not pile up on one point.
/// Arcs pointing down sit on the right, arcs pointing up on the left.
pub fn attach(arcs: &[(usize, usize)]) -> Vec<(f64, f64)> {
    // (row, side, other row, arc, which end)
    let mut ends: Vec<(usize, bool, usize, usize, bool)> = Vec::new();
    for (k, &(a, b)) in arcs.iter().enumerate() {
        let right = b > a;
        ends.push((a, right, b, k, false));
        ends.push((b, right, a, k, true));
    }
    ends.sort_unstable();
    let mut out = vec![(0.0, 0.0); arcs.len()];
    let spread = BOX_H - 6.0;
    let mut i = 0;
    while i < ends.len() {
        let j = i + ends[i..]
            .iter()
            .take_while(|e| (e.0, e.1) == (ends[i].0, ends[i].1))
            .count();
        let n = (j - i) as f64;
        for (slot, e) in ends[i..j].iter().enumerate() {
            let offset = spread * ((slot as f64 + 0.5) / n - 0.5);
            match e.4 {
                false => out[e.3].0 = offset,
                true => out[e.3].1 = offset,
            }
        }
        i = j;
    }
    out
}

/// A cycle laid out: its height, and the shapes and labels as SVG.
struct Panel {
    height: f64,
    svg: String,
    labels: Vec<Label>,
}

/// Lays out one cycle at `y0`.
fn panel(c: &Cycle, y0: f64) -> Panel {
    let mut svg = String::new();
    let mut labels = Vec::new();
    let dir = common_dir(&c.members);
    let head = format!(
        "{} · in {}",
        c.heading,
        if dir.is_empty() { "/" } else { &dir }
    );
    let _ = write!(
        svg,
        r##"<a href="#{}"><text x="8" y="{:.1}" class="dir">{}</text></a>"##,
        esc(&c.anchor),
        y0 + 18.0,
        esc(&super::chart::ellipsis(&head, 108))
    );
    labels.push(Label {
        x0: 8.0,
        x1: 8.0 + CHAR_W * head.chars().count().min(108) as f64,
        y: y0 + 18.0,
    });
    if is_tangle(&c.uses) || c.members.len() > MAX_DRAWN {
        return tangle(c, y0, svg, labels, &dir);
    }
    let order = order(&c.members, &c.uses);
    let mut row = vec![0usize; c.members.len()];
    for (r, &m) in order.iter().enumerate() {
        row[m] = r;
    }
    let y_of = |r: usize| y0 + HEAD + r as f64 * ROW + BOX_H / 2.0;
    for (r, &m) in order.iter().enumerate() {
        let name = &c.members[m][dir.len()..];
        let y = y0 + HEAD + r as f64 * ROW;
        let _ = write!(
            svg,
            r##"<rect x="{BOX_X0}" y="{y:.1}" width="{}" height="{BOX_H}" rx="3" fill="#f2f5f8" stroke="#6b8fb3"><title>{}</title></rect><text x="{:.1}" y="{:.1}" class="lbl">{}</text>"##,
            BOX_X1 - BOX_X0,
            esc(&c.members[m]),
            BOX_X0 + 6.0,
            y + 14.0,
            esc(&tail(name, BOX_CHARS))
        );
    }
    let index = |p: &str| c.members.iter().position(|m| m == p);
    // Arcs: kept uses down the right, cut uses up the left, widest first so narrow ones stay
    // on top.
    let mut arcs: Vec<(usize, usize, &ItemUse)> = c
        .uses
        .iter()
        .filter_map(|u| Some((row[index(&u.from)?], row[index(&u.to)?], u)))
        .filter(|(a, b, _)| a != b)
        .collect();
    arcs.sort_by_key(|x| std::cmp::Reverse(x.0.abs_diff(x.1)));
    let ends = attach(&arcs.iter().map(|(a, b, _)| (*a, *b)).collect::<Vec<_>>());
    let mut cut_labels: Vec<(Label, String)> = Vec::new();
    for ((a, b, u), (oa, ob)) in arcs.into_iter().zip(ends) {
        let (ya, yb) = (y_of(a) + oa, y_of(b) + ob);
        let k = bulge(a, b);
        // Up the left, the cut's side, or down the right; an uncut use pointing up (a cut
        // that leaves a cycle) also goes left, as what it is.
        let (x, dx) = if b < a { (BOX_X0, -k) } else { (BOX_X1, k) };
        let (colour, dash, marker) = match u.cut {
            true => (CUT_COLOUR, r#" stroke-dasharray="5 3""#, "cyc-cut"),
            false => (USE_COLOUR, "", "cyc-use"),
        };
        let width = 1.0 + f64::from(u.references.min(20)) / 5.0;
        let _ = write!(
            svg,
            r#"<path d="M{x:.1} {ya:.1}C{:.1} {ya:.1} {:.1} {yb:.1} {x:.1} {yb:.1}" fill="none" stroke="{colour}" stroke-width="{width:.1}"{dash} marker-end="url(#{marker})"><title>{} uses {}: {} reference{}{}</title></path>"#,
            x + dx,
            x + dx,
            esc(&u.from),
            esc(&u.to),
            u.references,
            crate::util::s(u.references),
            if u.cut { " (remove it)" } else { "" }
        );
        if u.cut {
            let text = format!("✂ {} ref{}", u.references, crate::util::s(u.references));
            let apex = x + 0.75 * dx;
            let w = CHAR_W * text.chars().count() as f64;
            let (x0, x1) = if dx < 0.0 {
                (apex - 4.0 - w, apex - 4.0)
            } else {
                (apex + 4.0, apex + 4.0 + w)
            };
            cut_labels.push((
                Label {
                    x0,
                    x1,
                    y: (ya + yb) / 2.0 + 4.0,
                },
                text,
            ));
        }
    }
    let spots: Vec<Label> = cut_labels.iter().map(|(l, _)| *l).collect();
    let mut bottom = y0 + HEAD + c.members.len() as f64 * ROW;
    for ((l, text), y) in cut_labels.iter().zip(spread(&spots)) {
        let _ = write!(
            svg,
            r#"<text x="{:.1}" y="{y:.1}" class="cut">{}</text>"#,
            l.x0,
            esc(text)
        );
        labels.push(Label { y, ..*l });
        bottom = bottom.max(y + 6.0);
    }
    Panel {
        height: bottom - y0 + 8.0,
        svg,
        labels,
    }
}

/// A tangle (or a cycle whose uses are not all known): its uses to remove as a list.
fn tangle(c: &Cycle, y0: f64, mut svg: String, mut labels: Vec<Label>, dir: &str) -> Panel {
    let mut cut: Vec<&ItemUse> = c.uses.iter().filter(|u| u.cut).collect();
    cut.sort_by(|a, b| a.references.cmp(&b.references).then(a.from.cmp(&b.from)));
    let mut y = y0 + HEAD + 10.0;
    let intro = format!(
        "{} files; removing these {} use{} breaks every cycle:",
        c.members.len(),
        cut.len(),
        crate::util::s(cut.len())
    );
    let _ = write!(
        svg,
        r#"<text x="20" y="{y:.1}" class="lbl">{}</text>"#,
        esc(&intro)
    );
    labels.push(Label {
        x0: 20.0,
        x1: 20.0 + CHAR_W * intro.chars().count() as f64,
        y,
    });
    for u in cut.iter().take(TANGLE_ROWS) {
        y += LINE + 4.0;
        let text = format!(
            "✂ {} → {} ({} reference{})",
            tail(&u.from[dir.len().min(u.from.len())..], 42),
            tail(&u.to[dir.len().min(u.to.len())..], 42),
            u.references,
            crate::util::s(u.references)
        );
        let _ = write!(
            svg,
            r#"<line x1="12" y1="{0:.1}" x2="28" y2="{0:.1}" stroke="{CUT_COLOUR}" stroke-width="1.5" stroke-dasharray="4 2" marker-end="url(#cyc-cut)"/><text x="32" y="{y:.1}" class="cut"><title>{1} uses {2}</title>{3}</text>"#,
            y - 4.0,
            esc(&u.from),
            esc(&u.to),
            esc(&text)
        );
        labels.push(Label {
            x0: 32.0,
            x1: 32.0 + CHAR_W * text.chars().count() as f64,
            y,
        });
    }
    if cut.len() > TANGLE_ROWS {
        y += LINE + 4.0;
        let more = format!("and {} more", cut.len() - TANGLE_ROWS);
        let _ = write!(svg, r#"<text x="32" y="{y:.1}" class="lbl">{more}</text>"#);
        labels.push(Label {
            x0: 32.0,
            x1: 32.0 + CHAR_W * more.chars().count() as f64,
            y,
        });
    }
    Panel {
        height: y - y0 + 14.0,
        svg,
        labels,
    }
}

/// Arrowheads for the two kinds of arcs.
fn defs(s: &mut String) {
    for (id, colour) in [("cyc-use", USE_COLOUR), ("cyc-cut", CUT_COLOUR)] {
        let _ = write!(
            s,
            r#"<defs><marker id="{id}" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0 0L8 4L0 8z" fill="{colour}"/></marker></defs>"#
        );
    }
}

/// The SVG of the worst cycles, one panel under another, and every label's box (for tests).
pub fn cycles_svg(cycles: &[Cycle]) -> (String, Vec<Label>) {
    let mut body = String::new();
    let mut labels = Vec::new();
    let mut y = 0.0;
    for c in cycles {
        let p = panel(c, y);
        body.push_str(&p.svg);
        labels.extend(p.labels);
        y += p.height;
        if !std::ptr::eq(c, cycles.last().unwrap_or(c)) {
            let _ = write!(
                body,
                r##"<line x1="8" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/>"##,
                WIDTH - 8.0
            );
        }
    }
    let mut s = open_svg(
        "cycles-chart",
        "chart",
        "The worst dependency cycles: each file a box, uses as arcs; the dashed arcs on the left are the uses to remove",
        WIDTH,
        y.max(20.0),
    );
    defs(&mut s);
    s.push_str(&body);
    s.push_str("</svg>");
    (s, labels)
}

// The pairs' geometry.
const PAIR_ROW: f64 = 24.0;
const A_END: f64 = 322.0;
const B_START: f64 = 398.0;
const PAIR_CHARS: usize = 46;
/// Pairs drawn per coupling item, at most.
pub const PAIRS_SHOWN: usize = 4;

/// The SVG of the strongest hidden coupling: per item, its strongest pairs as two file names
/// joined by a line as thick as their coupling, with the percentage over it.
pub fn coupling_svg(items: &[Coupling]) -> (String, Vec<Label>) {
    let mut body = String::new();
    let mut labels = Vec::new();
    let mut y = 0.0;
    for c in items {
        y += 20.0;
        let _ = write!(
            body,
            r##"<a href="#{}"><text x="8" y="{y:.1}" class="dir">{}</text></a>"##,
            esc(&c.anchor),
            esc(&c.heading)
        );
        labels.push(Label {
            x0: 8.0,
            x1: 8.0 + CHAR_W * c.heading.chars().count() as f64,
            y,
        });
        for p in c.pairs.iter().take(PAIRS_SHOWN) {
            y += PAIR_ROW;
            let (a, b) = (tail(&p.a, PAIR_CHARS), tail(&p.b, PAIR_CHARS));
            let mid = (A_END + B_START) / 2.0;
            let width = 1.0 + f64::from(p.degree.min(100)) / 20.0;
            let pct = format!("{}%", p.degree);
            let _ = write!(
                body,
                r#"<g><title>{} and {} changed together in {} commits ({} and {} in all): {}%</title><text x="{A_END}" y="{y:.1}" text-anchor="end" class="lbl">{}</text><line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="{}" stroke-width="{width:.1}"/><text x="{mid:.1}" y="{:.1}" text-anchor="middle" class="tick">{pct}</text><text x="{B_START}" y="{y:.1}" class="lbl">{}</text></g>"#,
                esc(&p.a),
                esc(&p.b),
                p.shared,
                p.revisions_a,
                p.revisions_b,
                p.degree,
                esc(&a),
                A_END + 6.0,
                y - 4.0,
                B_START - 6.0,
                y - 4.0,
                PALETTE[6],
                y - 9.0,
                esc(&b)
            );
            let aw = CHAR_W * a.chars().count() as f64;
            let pw = CHAR_W * pct.chars().count() as f64;
            labels.push(Label {
                x0: A_END - aw,
                x1: A_END,
                y,
            });
            labels.push(Label {
                x0: mid - pw / 2.0,
                x1: mid + pw / 2.0,
                y: y - 9.0,
            });
            labels.push(Label {
                x0: B_START,
                x1: B_START + CHAR_W * b.chars().count() as f64,
                y,
            });
        }
        y += 8.0;
    }
    let mut s = open_svg(
        "coupling-chart",
        "chart",
        "The strongest hidden coupling: files that change together with no dependency between them",
        WIDTH,
        y.max(20.0),
    );
    s.push_str(&body);
    s.push_str("</svg>");
    (s, labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn used(from: &str, to: &str, references: u32, cut: bool) -> ItemUse {
        ItemUse {
            from: from.into(),
            to: to.into(),
            references,
            cut,
        }
    }

    fn paths(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn only_cut_uses_point_up() {
        // a → b → c → a, and a → c; cutting c → a leaves a → b → c.
        let members = paths(&["src/c.rs", "src/b.rs", "src/a.rs"]);
        let uses = vec![
            used("src/a.rs", "src/b.rs", 2, false),
            used("src/b.rs", "src/c.rs", 1, false),
            used("src/c.rs", "src/a.rs", 3, true),
            used("src/a.rs", "src/c.rs", 1, false),
        ];
        let order = order(&members, &uses);
        let names: Vec<&str> = order.iter().map(|&i| members[i].as_str()).collect();
        assert_eq!(names, ["src/a.rs", "src/b.rs", "src/c.rs"]);
        let row = |p: &str| names.iter().position(|n| *n == p).unwrap();
        for u in &uses {
            assert_eq!(row(&u.to) < row(&u.from), u.cut, "{u:?}");
        }
    }

    #[test]
    fn arcs_share_a_box_side_without_sharing_a_point() {
        // Rows 0 → 1, 0 → 2 leave row 0's right side; 2 → 0 arrives on its left.
        let ends = attach(&[(0, 1), (0, 2), (2, 0)]);
        assert!(
            ends[0].0 < ends[1].0,
            "the shorter arc leaves above: {ends:?}"
        );
        assert_eq!(ends[2].1, 0.0, "alone on its side, in the middle");
        for (a, b) in &ends {
            assert!(a.abs() < BOX_H / 2.0 && b.abs() < BOX_H / 2.0);
        }
    }

    #[test]
    fn a_cut_that_leaves_a_cycle_still_orders_every_member() {
        let members = paths(&["a", "b"]);
        let uses = vec![used("a", "b", 1, false), used("b", "a", 1, false)];
        let mut order = order(&members, &uses);
        order.sort_unstable();
        assert_eq!(order, [0, 1]);
    }

    #[test]
    fn common_directories_and_tails() {
        assert_eq!(
            common_dir(&paths(&["crates/a/src/x.rs", "crates/a/src/y/z.rs"])),
            "crates/a/src/"
        );
        assert_eq!(common_dir(&paths(&["src/x.rs", "lib.rs"])), "");
        assert_eq!(common_dir(&paths(&["src/ab.rs", "src/abc/d.rs"])), "src/");
        assert_eq!(tail("src/x.rs", 20), "src/x.rs");
        assert_eq!(tail("crates/core/src/walk.rs", 12), "…src/walk.rs");
        assert_eq!(tail("crates/core/src/walk.rs", 12).chars().count(), 12);
    }

    #[test]
    fn spread_labels_never_overlap_and_never_rise() {
        let wanted = vec![
            Label {
                x0: 0.0,
                x1: 50.0,
                y: 100.0,
            },
            Label {
                x0: 10.0,
                x1: 60.0,
                y: 104.0,
            },
            Label {
                x0: 40.0,
                x1: 90.0,
                y: 100.0,
            },
            Label {
                x0: 200.0,
                x1: 250.0,
                y: 100.0,
            },
        ];
        let ys = spread(&wanted);
        let placed: Vec<Label> = wanted
            .iter()
            .zip(&ys)
            .map(|(l, y)| Label { y: *y, ..*l })
            .collect();
        for (i, a) in placed.iter().enumerate() {
            assert!(a.y >= wanted[i].y);
            for b in &placed[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
        // Far apart, it stays.
        assert_eq!(ys[3], 100.0);
    }

    fn cycle(n: usize, cut_every: usize) -> Cycle {
        let members: Vec<String> = (0..n).map(|i| format!("crates/x/src/m{i:02}.rs")).collect();
        let mut uses = Vec::new();
        for i in 0..n {
            for j in 0..n {
                if i != j && (i + 2 * j) % 3 == 0 {
                    let cut = j < i && (i + j) % cut_every == 0;
                    uses.push(used(&members[i], &members[j], (i + j) as u32 + 1, cut));
                }
            }
        }
        // Whatever is upward and not yet cut, cut: the set must break every cycle.
        for u in &mut uses {
            if u.to < u.from {
                u.cut = true;
            }
        }
        Cycle {
            heading: format!("#1 Dependency cycle of {n} files (score 40.0)"),
            anchor: "i-v1-0".into(),
            members,
            uses,
        }
    }

    #[test]
    fn cycle_pictures_keep_labels_apart_and_inside() {
        let cycles = vec![cycle(2, 1), cycle(7, 2), cycle(12, 3)];
        let (svg, labels) = cycles_svg(&cycles);
        let height: f64 = svg
            .split("viewBox=\"0 0 720 ")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap()
            .parse()
            .unwrap();
        for (i, a) in labels.iter().enumerate() {
            assert!(a.x0 >= 0.0 && a.x1 <= WIDTH, "{a:?}");
            assert!(a.y - LINE >= -4.0 && a.y <= height, "{a:?} in {height}");
            for b in &labels[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
        // Every use drawn, every cut one labelled.
        let uses: usize = cycles.iter().map(|c| c.uses.len()).sum();
        let cut: usize = cycles
            .iter()
            .map(|c| c.uses.iter().filter(|u| u.cut).count())
            .sum();
        assert_eq!(svg.matches("fill=\"none\"").count(), uses);
        assert_eq!(svg.matches("class=\"cut\">✂").count(), cut);
    }

    #[test]
    fn a_tangle_lists_its_cut() {
        let mut c = cycle(30, 2);
        c.uses.retain(|u| u.cut);
        let (svg, labels) = cycles_svg(&[c.clone()]);
        assert!(svg.contains("30 files; removing these"));
        assert_eq!(svg.matches("<text x=\"32\"").count(), TANGLE_ROWS + 1);
        for (i, a) in labels.iter().enumerate() {
            assert!(a.x1 <= WIDTH, "{a:?}");
            for b in &labels[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn coupling_rows_stay_inside_and_escape_names() {
        let long = "a/very/long/directory/name/that/goes/on/and/on/<b>file</b>.rs".to_string();
        let pair = HiddenCoupling {
            a: long.clone(),
            b: "src/b.rs".into(),
            degree: 80,
            shared: 8,
            revisions_a: 10,
            revisions_b: 10,
        };
        let items = vec![Coupling {
            heading: "#4 Hidden coupling (score 30.0)".into(),
            anchor: "i-v1-1".into(),
            pairs: vec![pair; 6],
        }];
        let (svg, labels) = coupling_svg(&items);
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;b&gt;file&lt;/b&gt;.rs"));
        assert_eq!(svg.matches("<line").count(), PAIRS_SHOWN);
        for (i, a) in labels.iter().enumerate() {
            assert!(a.x0 >= 0.0 && a.x1 <= WIDTH, "{a:?}");
            for b in &labels[i + 1..] {
                assert!(!a.overlaps(b), "{a:?} {b:?}");
            }
        }
    }
}
