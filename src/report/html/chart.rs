//! The pictures of the HTML report as inline SVG, from pure layout functions: scales, ticks,
//! stacked bars and a scatter. Every shape is placed inside its picture's view box (the unit
//! tests check it), every shape has a `<title>` (hover text and what a screen reader says),
//! and every text is escaped.

use std::fmt::Write as _;

use super::esc;

/// A colour-blind-safe palette (Okabe and Ito), then two greys: one colour per kind, always
/// with a label next to it, never colour alone.
pub const PALETTE: [&str; 10] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
    "#999999", "#5A5A5A",
];

/// Maps `[d0, d1]` onto `[r0, r1]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    /// A linear scale; an empty domain maps everything to `r0`.
    pub fn new(domain: (f64, f64), range: (f64, f64)) -> Scale {
        Scale {
            d0: domain.0,
            d1: domain.1,
            r0: range.0,
            r1: range.1,
        }
    }

    /// Where `v` goes, clamped to the range.
    pub fn at(&self, v: f64) -> f64 {
        if !v.is_finite() || (self.d1 - self.d0).abs() < f64::EPSILON {
            return self.r0;
        }
        let t = ((v - self.d0) / (self.d1 - self.d0)).clamp(0.0, 1.0);
        self.r0 + t * (self.r1 - self.r0)
    }
}

/// Round tick values from 0 to at least `max`: steps of 1, 2 or 5 × 10ⁿ, about `count` of
/// them (whole steps only for counts). Returns the ticks, the last at or above `max`.
pub fn ticks(max: f64, count: usize, whole: bool) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) {
        return vec![0.0, 1.0];
    }
    let raw = max / count.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let step = if whole { step.max(1.0) } else { step };
    let n = (max / step).ceil() as usize;
    (0..=n).map(|i| i as f64 * step).collect()
}

/// A tick label: no decimals for whole numbers.
fn label(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        format!("{v:.1}")
    }
}

/// One bar of a stacked bar chart: a label and its segments (series index, value).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar is (a directory).
    pub label: String,
    /// (series, value), values ≥ 0.
    pub segments: Vec<(usize, f64)>,
}

/// A rectangle of a laid-out chart, with its hover text.
#[derive(Debug, Clone, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
    pub series: usize,
    pub title: String,
}

/// Picture sizes, in SVG units.
pub const WIDTH: f64 = 720.0;
const BAR_H: f64 = 18.0;
const BAR_GAP: f64 = 6.0;
const LABEL_W: f64 = 190.0;
const TOP: f64 = 10.0;
const AXIS_H: f64 = 30.0;

/// Lays out horizontal stacked bars: one row per bar, segments left to right, the longest bar
/// spanning the plot; returns the rectangles, the height of the picture, and the x scale.
pub fn stack(bars: &[Bar], series: &[String], whole: bool) -> (Vec<Rect>, f64, Scale, Vec<f64>) {
    let ticks = ticks(longest(bars), 5, whole);
    let top_tick = *ticks.last().unwrap_or(&1.0);
    let x = Scale::new((0.0, top_tick), (LABEL_W, WIDTH - 20.0));
    let mut rects = Vec::new();
    for (row, bar) in bars.iter().enumerate() {
        let y = TOP + row as f64 * (BAR_H + BAR_GAP);
        for (a, b, series, title) in spans(bar, series) {
            let (x0, x1) = (x.at(a), x.at(b));
            rects.push(Rect {
                x: x0,
                y,
                w: (x1 - x0).max(0.5),
                h: BAR_H,
                series,
                title,
            });
        }
    }
    let height = TOP + bars.len() as f64 * (BAR_H + BAR_GAP) + AXIS_H;
    (rects, height, x, ticks)
}

/// The total of the longest bar.
fn longest(bars: &[Bar]) -> f64 {
    (bars.iter())
        .map(|b| b.segments.iter().map(|s| s.1.max(0.0)).sum::<f64>())
        .fold(0.0, f64::max)
}

/// A bar's segments stacked: each one's start and end value, series and hover text; zero and
/// negative segments are left out.
fn spans<'b>(
    bar: &'b Bar,
    series: &'b [String],
) -> impl Iterator<Item = (f64, f64, usize, String)> + 'b {
    let mut acc = 0.0;
    (bar.segments.iter())
        .filter(|(_, v)| *v > 0.0)
        .map(move |&(s, v)| {
            let start = acc;
            acc += v;
            let name = series.get(s).map_or("", String::as_str);
            let title = format!("{}: {name} {}", bar.label, label((v * 10.0).round() / 10.0));
            (start, acc, s, title)
        })
}

/// The SVG of horizontal stacked bars, with an x axis (whole ticks for counts), bar labels
/// and a legend below.
pub fn bars_svg(
    id: &str,
    title: &str,
    bars: &[Bar],
    series: &[String],
    unit: &str,
    whole: bool,
) -> String {
    let (rects, height, x, ticks) = stack(bars, series, whole);
    let mut s = open_svg(id, "chart", title, WIDTH, height + legend_height(series));
    for (row, bar) in bars.iter().enumerate() {
        let y = TOP + row as f64 * (BAR_H + BAR_GAP) + BAR_H * 0.7;
        let _ = write!(
            s,
            r#"<text x="{}" y="{y:.1}" text-anchor="end" class="lbl">{}</text>"#,
            LABEL_W - 6.0,
            esc(&ellipsis(&bar.label, 28))
        );
    }
    draw_rects(&mut s, &rects);
    let axis_y = height - AXIS_H + 4.0;
    let _ = write!(
        s,
        r#"<line x1="{LABEL_W}" y1="{axis_y:.1}" x2="{}" y2="{axis_y:.1}" class="axis"/>"#,
        WIDTH - 20.0
    );
    for t in &ticks {
        let _ = write!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
            x.at(*t),
            axis_y + 14.0,
            label(*t)
        );
    }
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="tick">{}</text>"#,
        WIDTH - 20.0,
        axis_y + 26.0,
        esc(unit)
    );
    legend(&mut s, series, height + 8.0);
    s.push_str("</svg>");
    s
}

/// Each rectangle in its series' colour, with its hover text.
fn draw_rects(s: &mut String, rects: &[Rect]) {
    for r in rects {
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"><title>{}</title></rect>"#,
            r.x,
            r.y,
            r.w,
            r.h,
            PALETTE[r.series % PALETTE.len()],
            esc(&r.title)
        );
    }
}

/// The opening of a picture: its view box, and the title a screen reader reads and a
/// browser shows on hover.
pub fn open_svg(id: &str, class: &str, title: &str, width: f64, height: f64) -> String {
    format!(
        r#"<svg id="{id}" class="{class}" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-t"><title id="{id}-t">{}</title>"#,
        esc(title)
    )
}

/// The height [`legend`] takes below a picture: a gap and a row per four named series.
fn legend_height(series: &[String]) -> f64 {
    let rows = series
        .iter()
        .filter(|n| !n.is_empty())
        .count()
        .div_ceil(4)
        .max(1);
    8.0 + rows as f64 * 18.0
}

/// Swatch and name per series, four a row; a series without a name (absent from this
/// picture) is left out, so that a colour keeps its meaning from one report to the next.
fn legend(s: &mut String, series: &[String], y0: f64) {
    let shown = series.iter().enumerate().filter(|(_, n)| !n.is_empty());
    for (slot, (i, name)) in shown.enumerate() {
        let x = 20.0 + (slot % 4) as f64 * 172.0;
        let y = y0 + (slot / 4) as f64 * 18.0;
        let _ = write!(
            s,
            r#"<rect x="{x:.1}" y="{y:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{:.1}" class="lbl">{}</text>"#,
            PALETTE[i % PALETTE.len()],
            x + 16.0,
            y + 10.0,
            esc(name)
        );
    }
}

/// A point of the priority matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// 0–1: how much the code costs (interest).
    pub x: f64,
    /// 0–1: how bad the item is (severity).
    pub y: f64,
    /// The item's score: the dot's area.
    pub score: f64,
    /// Series (kind).
    pub series: usize,
    /// Hover text.
    pub title: String,
    /// The item's row in the table.
    pub anchor: String,
}

const MATRIX_H: f64 = 420.0;
const PAD: f64 = 50.0;

/// Places the points: x = interest, y = severity (up), radius ∝ √score, inside the plot.
pub fn matrix(points: &[Point]) -> Vec<(f64, f64, f64)> {
    let x = Scale::new((0.0, 1.0), (PAD, WIDTH - 20.0));
    let y = Scale::new((0.0, 1.0), (MATRIX_H - PAD, 20.0));
    (points.iter())
        .map(|p| {
            let r = 2.5 + 7.5 * (p.score.clamp(0.0, 100.0) / 100.0).sqrt();
            let cx = x.at(p.x).clamp(PAD + r, WIDTH - 20.0 - r);
            let cy = y.at(p.y).clamp(20.0 + r, MATRIX_H - PAD - r);
            (cx, cy, r)
        })
        .collect()
}

/// The SVG of the priority matrix, quadrants named, dots linking to their rows.
pub fn matrix_svg(id: &str, title: &str, points: &[Point], series: &[String]) -> String {
    let placed = matrix(points);
    let (x0, x1, y0, y1) = (PAD, WIDTH - 20.0, 20.0, MATRIX_H - PAD);
    let (xm, ym) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let mut s = open_svg(id, "chart", title, WIDTH, MATRIX_H + legend_height(series));
    let _ = write!(
        s,
        r#"<rect x="{xm:.1}" y="{y0:.1}" width="{:.1}" height="{:.1}" class="hot"/><line x1="{xm:.1}" y1="{y0:.1}" x2="{xm:.1}" y2="{y1:.1}" class="grid"/><line x1="{x0:.1}" y1="{ym:.1}" x2="{x1:.1}" y2="{ym:.1}" class="grid"/><line x1="{x0:.1}" y1="{y1:.1}" x2="{x1:.1}" y2="{y1:.1}" class="axis"/><line x1="{x0:.1}" y1="{y0:.1}" x2="{x0:.1}" y2="{y1:.1}" class="axis"/>"#,
        x1 - xm,
        ym - y0
    );
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="end" class="q">severe, where the work is: fix first</text><text x="{:.1}" y="{:.1}" class="q">severe, quiet code</text><text x="{:.1}" y="{:.1}" text-anchor="end" class="q">mild, busy code</text>"#,
        x1 - 4.0,
        y0 + 14.0,
        x0 + 6.0,
        y0 + 14.0,
        x1 - 4.0,
        y1 - 6.0
    );
    let _ = write!(
        s,
        r#"<text x="{xm:.1}" y="{:.1}" text-anchor="middle" class="tick">interest: how much the code around it changes, is depended on, is known by few →</text><text x="14" y="{ym:.1}" text-anchor="middle" class="tick" transform="rotate(-90 14 {ym:.1})">severity →</text>"#,
        y1 + 30.0
    );
    // Biggest first, so small dots stay on top and reachable.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by(|&a, &b| placed[b].2.total_cmp(&placed[a].2));
    for i in order {
        let (p, (cx, cy, r)) = (&points[i], placed[i]);
        let _ = write!(
            s,
            r##"<a href="#{}"><circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="{}" class="m"><title>{}</title></circle></a>"##,
            esc(&p.anchor),
            PALETTE[p.series % PALETTE.len()],
            esc(&p.title)
        );
    }
    legend(&mut s, series, MATRIX_H + 8.0);
    s.push_str("</svg>");
    s
}

const COL_TOP: f64 = 26.0;
const COL_H: f64 = 180.0;
const COL_X0: f64 = 56.0;
const COL_X1: f64 = WIDTH - 20.0;
const COL_MAX_W: f64 = 56.0;
/// Width of a character of an axis label (10 px text), generous.
const TICK_CHAR_W: f64 = 6.0;

/// Which of `n` evenly spaced labels, `slot` apart and each at most `widest` wide, to show so
/// that no two overlap: every k-th counted from the last (the newest run is always named),
/// with the smallest such k.
pub fn thin_labels(n: usize, slot: f64, widest: f64) -> Vec<bool> {
    let k = if slot <= 0.0 {
        n.max(1)
    } else {
        ((widest + 8.0) / slot).ceil().max(1.0) as usize
    };
    (0..n).map(|i| (n - 1 - i).is_multiple_of(k)).collect()
}

/// Lays out vertical stacked columns, oldest left: the rectangles, the x of each column's
/// middle, the y scale and its ticks.
pub fn columns(
    bars: &[Bar],
    series: &[String],
    whole: bool,
) -> (Vec<Rect>, Vec<f64>, Scale, Vec<f64>) {
    let ticks = ticks(longest(bars), 4, whole);
    let y = Scale::new(
        (0.0, *ticks.last().unwrap_or(&1.0)),
        (COL_TOP + COL_H, COL_TOP),
    );
    let slot = (COL_X1 - COL_X0) / bars.len().max(1) as f64;
    let w = (slot * 0.7).min(COL_MAX_W);
    let mut rects = Vec::new();
    let mut middles = Vec::new();
    for (i, bar) in bars.iter().enumerate() {
        let mid = COL_X0 + slot * (i as f64 + 0.5);
        middles.push(mid);
        for (a, b, series, title) in spans(bar, series) {
            let (y0, y1) = (y.at(a), y.at(b));
            rects.push(Rect {
                x: mid - w / 2.0,
                y: y1,
                w,
                h: (y0 - y1).max(0.5),
                series,
                title,
            });
        }
    }
    (rects, middles, y, ticks)
}

/// The SVG of vertical stacked columns with a y axis, the columns' labels below (thinned so
/// they never overlap) and a legend.
pub fn columns_svg(
    id: &str,
    title: &str,
    bars: &[Bar],
    series: &[String],
    unit: &str,
    whole: bool,
) -> String {
    let (rects, middles, y, ticks) = columns(bars, series, whole);
    let axis_y = COL_TOP + COL_H;
    let height = axis_y + 34.0;
    let mut s = open_svg(id, "chart", title, WIDTH, height + legend_height(series));
    for t in &ticks {
        let _ = write!(
            s,
            r#"<line x1="{COL_X0}" y1="{0:.1}" x2="{COL_X1}" y2="{0:.1}" class="grid"/><text x="{1:.1}" y="{2:.1}" text-anchor="end" class="tick">{3}</text>"#,
            y.at(*t),
            COL_X0 - 6.0,
            y.at(*t) + 3.5,
            label(*t)
        );
    }
    let _ = write!(
        s,
        r#"<text x="{:.1}" y="{:.1}" class="tick">{}</text>"#,
        4.0,
        COL_TOP - 14.0,
        esc(unit)
    );
    draw_rects(&mut s, &rects);
    let _ = write!(
        s,
        r#"<line x1="{COL_X0}" y1="{axis_y:.1}" x2="{COL_X1}" y2="{axis_y:.1}" class="axis"/>"#
    );
    let slot = (COL_X1 - COL_X0) / bars.len().max(1) as f64;
    let widest = (bars.iter())
        .map(|b| b.label.chars().count().min(16) as f64 * TICK_CHAR_W)
        .fold(0.0, f64::max);
    let shown = thin_labels(bars.len(), slot, widest);
    for ((bar, mid), show) in bars.iter().zip(&middles).zip(shown) {
        if show {
            let _ = write!(
                s,
                r#"<text x="{mid:.1}" y="{:.1}" text-anchor="middle" class="tick">{}</text>"#,
                axis_y + 14.0,
                esc(&ellipsis(&bar.label, 16))
            );
        }
    }
    legend(&mut s, series, height + 8.0);
    s.push_str("</svg>");
    s
}

/// `text` cut to `max` characters with `…`.
pub fn ellipsis(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(7.0, 5, false), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
        assert_eq!(
            ticks(100.0, 5, false),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(ticks(0.0, 5, false), vec![0.0, 1.0]);
        assert_eq!(
            ticks(0.3, 3, false),
            vec![0.0, 0.1, 0.2, 0.30000000000000004]
        );
        assert_eq!(ticks(2.0, 5, false), vec![0.0, 0.5, 1.0, 1.5, 2.0]);
        assert_eq!(
            ticks(2.0, 5, true),
            vec![0.0, 1.0, 2.0],
            "counts have whole ticks"
        );
        for max in [1.0, 3.7, 12.0, 999.0, 1234.5] {
            let t = ticks(max, 5, false);
            assert!(*t.last().unwrap() >= max && t.len() <= 12, "{max}: {t:?}");
        }
    }

    #[test]
    fn scales_clamp_and_survive_empty_domains() {
        let s = Scale::new((0.0, 10.0), (100.0, 200.0));
        assert_eq!(
            (s.at(5.0), s.at(-1.0), s.at(20.0), s.at(f64::NAN)),
            (150.0, 100.0, 200.0, 100.0)
        );
        assert_eq!(Scale::new((3.0, 3.0), (1.0, 2.0)).at(3.0), 1.0);
    }

    #[test]
    fn bars_stay_inside_the_picture() {
        let series: Vec<String> = vec!["todo".into(), "hotspot".into()];
        let bars = vec![
            Bar {
                label: "src".into(),
                segments: vec![(0, 120.5), (1, 40.0)],
            },
            Bar {
                label: "tests".into(),
                segments: vec![(0, 3.0), (1, 0.0)],
            },
            Bar {
                label: "docs".into(),
                segments: vec![(1, -2.0)],
            },
        ];
        let (rects, height, _, ticks) = stack(&bars, &series, false);
        assert_eq!(rects.len(), 3, "zero and negative segments draw nothing");
        for r in &rects {
            assert!(
                r.x >= LABEL_W
                    && r.x + r.w <= WIDTH - 20.0 + 0.5
                    && r.y >= 0.0
                    && r.y + r.h <= height,
                "{r:?}"
            );
        }
        // The longest bar ends where its total sits on the axis.
        let end = rects[1].x + rects[1].w;
        let x = Scale::new((0.0, *ticks.last().unwrap()), (LABEL_W, WIDTH - 20.0));
        assert!((end - x.at(160.5)).abs() < 0.01);
        assert!(rects[0].title.contains("src: todo 120.5"));
    }

    #[test]
    fn matrix_dots_stay_inside_the_plot() {
        let pts: Vec<Point> = [
            (0.0, 0.0, 100.0),
            (1.0, 1.0, 100.0),
            (0.5, 0.5, 0.0),
            (2.0, -1.0, 50.0),
        ]
        .iter()
        .map(|&(x, y, score)| Point {
            x,
            y,
            score,
            series: 0,
            title: String::new(),
            anchor: String::new(),
        })
        .collect();
        for (cx, cy, r) in matrix(&pts) {
            assert!(
                cx - r >= PAD
                    && cx + r <= WIDTH - 20.0
                    && cy - r >= 20.0
                    && cy + r <= MATRIX_H - PAD,
                "{cx} {cy} {r}"
            );
        }
    }

    #[test]
    fn column_labels_are_thinned_to_fit_and_name_the_newest() {
        // Wide slots: every label.
        assert_eq!(thin_labels(3, 100.0, 60.0), vec![true; 3]);
        // 30 runs in 644 units: labels 60 wide need every 4th.
        let shown = thin_labels(30, 644.0 / 30.0, 60.0);
        assert!(shown[29], "the newest run is named");
        let at: Vec<usize> = (0..30).filter(|&i| shown[i]).collect();
        for pair in at.windows(2) {
            let gap = (pair[1] - pair[0]) as f64 * 644.0 / 30.0;
            assert!(gap >= 60.0 + 8.0, "{at:?}");
        }
        assert_eq!(thin_labels(0, 0.0, 10.0), Vec::<bool>::new());
    }

    #[test]
    fn columns_stay_inside_the_plot_and_stack_up() {
        let series: Vec<String> = vec!["todo".into(), "hotspot".into()];
        let bars: Vec<Bar> = (0..40)
            .map(|i| Bar {
                label: format!("2026-01-{i:02}"),
                segments: vec![(0, i as f64), (1, 2.0 * i as f64)],
            })
            .collect();
        let (rects, middles, y, _) = columns(&bars, &series, false);
        for r in &rects {
            assert!(
                r.x >= COL_X0
                    && r.x + r.w <= COL_X1
                    && r.y >= COL_TOP - 0.01
                    && r.y + r.h <= COL_TOP + COL_H + 0.01,
                "{r:?}"
            );
        }
        assert!(middles.windows(2).all(|m| m[0] < m[1]), "oldest left");
        // The last column's top is its total.
        let top = rects
            .iter()
            .rev()
            .take(2)
            .map(|r| r.y)
            .fold(f64::MAX, f64::min);
        assert!((top - y.at(117.0)).abs() < 0.01);
    }

    #[test]
    fn text_is_escaped_in_pictures() {
        let series = vec!["<b>".to_string()];
        let bars = vec![Bar {
            label: "<img src=x onerror=alert(1)>".into(),
            segments: vec![(0, 1.0)],
        }];
        let svg = bars_svg("b", "T & <t>", &bars, &series, "score", false);
        assert!(!svg.contains("<img") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
    }
}
