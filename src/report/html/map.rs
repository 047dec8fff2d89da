//! The hotspot map: every file as a circle inside its directories' circles, area by lines of
//! code, colour by hotspot score (change × complexity), a black ring on files that hold one of
//! the top items; a file's circle links to its best item's row.

use std::fmt::Write as _;

use super::chart::ellipsis;
use super::esc;
use super::pack::{absolute, pack_tree, Circle, Node};

/// What the map shows of one file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFacts {
    pub path: String,
    pub code_lines: u32,
    /// Hotspot score, 0–1 (0: unchanged in the window).
    pub score: f64,
    /// Commits in the window.
    pub revisions: u32,
    /// Its best item: rank and row anchor.
    pub item: Option<(usize, String)>,
}

/// Side of the square picture.
pub const SIZE: f64 = 720.0;
/// Items up to this rank are ringed.
pub const RINGED: usize = 25;

/// YlOrRd, a sequential scale that reads light to dark for every kind of colour vision.
const RAMP: [(f64, [u8; 3]); 5] = [
    (0.0, [255, 255, 204]),
    (0.25, [254, 217, 118]),
    (0.5, [253, 141, 60]),
    (0.75, [227, 26, 28]),
    (1.0, [128, 0, 38]),
];

/// The colour of a hotspot score; grey for a file unchanged in the window.
pub fn colour(score: f64) -> String {
    if score.is_nan() || score <= 0.0 {
        return "#e3e3e3".to_string();
    }
    let s = score.min(1.0);
    let k = RAMP
        .iter()
        .position(|(t, _)| *t >= s)
        .unwrap_or(RAMP.len() - 1)
        .max(1);
    let ((t0, c0), (t1, c1)) = (RAMP[k - 1], RAMP[k]);
    let f = ((s - t0) / (t1 - t0)).clamp(0.0, 1.0);
    let mix = |i: usize| (c0[i] as f64 + f * (c1[i] as f64 - c0[i] as f64)).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(0), mix(1), mix(2))
}

/// The directory tree of `files`, leaves sized by √lines.
fn tree(files: &[FileFacts]) -> Node {
    let empty = Circle {
        x: 0.0,
        y: 0.0,
        r: 0.0,
    };
    let mut root = Node {
        name: String::new(),
        path: String::new(),
        r: 0.0,
        children: Vec::new(),
        circle: empty,
    };
    for f in files {
        let parts: Vec<&str> = f.path.split('/').collect();
        let mut node = &mut root;
        for (depth, part) in parts.iter().enumerate() {
            let path = parts[..=depth].join("/");
            let leaf = depth + 1 == parts.len();
            let pos = match node.children.iter().position(|c| {
                c.name == *part && c.children.is_empty() == leaf && (leaf || c.r == 0.0)
            }) {
                Some(p) if !leaf => p,
                _ => {
                    node.children.push(Node {
                        name: part.to_string(),
                        path,
                        r: if leaf {
                            f64::from(f.code_lines.max(1)).sqrt()
                        } else {
                            0.0
                        },
                        children: Vec::new(),
                        circle: empty,
                    });
                    node.children.len() - 1
                }
            };
            node = &mut node.children[pos];
        }
    }
    root
}

/// The SVG of the map, with its legend.
pub fn map_svg(files: &[FileFacts]) -> String {
    let by_path: std::collections::HashMap<&str, &FileFacts> =
        files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut root = tree(files);
    pack_tree(&mut root, 1.0);
    // Fit the top-level circles' bounding box, not the root's circle, to the square: a few
    // large directories side by side would otherwise leave a band of empty picture.
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for c in root.children.iter().map(|n| n.circle) {
        (x0, y0) = (x0.min(c.x - c.r), y0.min(c.y - c.r));
        (x1, y1) = (x1.max(c.x + c.r), y1.max(c.y + c.r));
    }
    let k = (SIZE - 8.0) / (x1 - x0).max(y1 - y0).max(1e-9);
    // As tall as the drawing, no taller.
    let height = (k * (y1 - y0) + 8.0).min(SIZE);
    let (dx, dy) = (
        SIZE / 2.0 - k * (x0 + x1) / 2.0,
        height / 2.0 - k * (y0 + y1) / 2.0,
    );
    for child in &mut root.children {
        absolute(child, k, dx, dy);
    }
    let legend_h = 40.0;
    let mut s = super::chart::open_svg(
        "map-chart",
        "chart map",
        "Hotspot map: files in their directories, sized by code, coloured by hotspot score",
        SIZE,
        height + legend_h,
    );
    let mut labels = String::new();
    draw(&mut s, &mut labels, &root, 0, &by_path);
    s.push_str(&labels);
    // Legend: the colour ramp and the ring.
    let y = height + 10.0;
    for (i, (t, label)) in [
        (0.0, "unchanged"),
        (0.2, "0.2"),
        (0.4, "0.4"),
        (0.6, "0.6"),
        (0.8, "0.8"),
        (1.0, "1 (hottest)"),
    ]
    .iter()
    .enumerate()
    {
        let x = 10.0 + i as f64 * 92.0;
        let _ = write!(
            s,
            r##"<rect x="{x:.1}" y="{y:.1}" width="14" height="14" fill="{}" stroke="#999" stroke-width="0.5"/><text x="{:.1}" y="{:.1}" class="lbl">{label}</text>"##,
            colour(*t),
            x + 18.0,
            y + 11.0
        );
    }
    let _ = write!(
        s,
        r##"<circle cx="{:.1}" cy="{:.1}" r="7" fill="#fff" class="ring"/><text x="{:.1}" y="{:.1}" class="lbl">holds a top-{RINGED} item</text>"##,
        10.0 + 6.0 * 92.0 + 7.0,
        y + 7.0,
        10.0 + 6.0 * 92.0 + 20.0,
        y + 11.0
    );
    s.push_str("</svg>");
    s
}

fn draw(
    s: &mut String,
    labels: &mut String,
    node: &Node,
    depth: usize,
    by_path: &std::collections::HashMap<&str, &FileFacts>,
) {
    let c = node.circle;
    if node.children.is_empty() {
        let Some(f) = by_path.get(node.path.as_str()) else {
            return;
        };
        let ringed = f.item.as_ref().is_some_and(|(rank, _)| *rank <= RINGED);
        let stroke = if ringed {
            r#"class="ring""#
        } else {
            r#"class="f""#
        };
        let mut title = match f.revisions {
            0 => format!(
                "{}: {} lines, unchanged in the window",
                f.path, f.code_lines
            ),
            n => format!(
                "{}: {} lines, hotspot {:.2}, {n} commit{}",
                f.path,
                f.code_lines,
                f.score,
                crate::util::s(n)
            ),
        };
        if let Some((rank, _)) = &f.item {
            let _ = write!(title, "; item #{rank}");
        }
        let circle = format!(
            r#"<circle cx="{:.1}" cy="{:.1}" r="{:.2}" fill="{}" {stroke}><title>{}</title></circle>"#,
            c.x,
            c.y,
            c.r.max(0.3),
            colour(f.score),
            esc(&title)
        );
        match &f.item {
            Some((_, anchor)) => {
                let _ = write!(s, r##"<a href="#{}">{circle}</a>"##, esc(anchor));
            }
            None => s.push_str(&circle),
        }
        return;
    }
    if depth > 0 {
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="{:.2}" class="d"><title>{}/</title></circle>"##,
            c.x,
            c.y,
            c.r,
            esc(&node.path)
        );
        // Only top directories are named, inside the top of their own circle: siblings never
        // overlap, so neither do their labels.
        if depth == 1 && c.r > 28.0 {
            let drop = 14.0;
            let chord = 2.0 * (c.r * c.r - (c.r - drop).powi(2)).max(0.0).sqrt();
            let chars = (chord / 6.5) as usize;
            if chars >= 3 {
                let _ = write!(
                    labels,
                    r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" class="dir">{}</text>"#,
                    c.x,
                    c.y - c.r + drop,
                    esc(&ellipsis(&node.name, chars))
                );
            }
        }
    }
    for child in &node.children {
        draw(s, labels, child, depth + 1, by_path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_run_light_to_dark() {
        assert_eq!(colour(0.0), "#e3e3e3");
        assert_eq!(colour(f64::NAN), "#e3e3e3");
        assert_eq!(colour(0.001), "#ffffcc");
        assert_eq!(colour(1.0), "#800026");
        assert_eq!(colour(0.5), "#fd8d3c");
        assert_eq!(colour(7.0), "#800026");
    }

    #[test]
    fn every_file_is_drawn_inside_the_picture() {
        let files: Vec<FileFacts> = (0..60)
            .map(|i| FileFacts {
                path: format!(
                    "{}/{}/f{i}.rs",
                    ["src", "tests", "benches"][i % 3],
                    ["a", "b"][i % 2]
                ),
                code_lines: 10 + (i as u32 * 37) % 900,
                score: (i as f64) / 60.0,
                revisions: i as u32,
                item: (i % 7 == 0).then(|| (i, format!("i-{i}"))),
            })
            .chain(std::iter::once(FileFacts {
                path: "README.rs".into(),
                code_lines: 0,
                score: 0.0,
                revisions: 0,
                item: None,
            }))
            .collect();
        let svg = map_svg(&files);
        let circles: Vec<(f64, f64, f64)> = svg
            .split("<circle ")
            .skip(1)
            .map(|c| {
                let num = |k: &str| -> f64 {
                    let start = c.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
                    c[start..start + c[start..].find('"').unwrap()]
                        .parse()
                        .unwrap()
                };
                (num("cx"), num("cy"), num("r"))
            })
            .collect();
        // Files, directories (6 + 3 top), the legend's ring.
        assert_eq!(svg.matches(" lines, ").count(), 61);
        for (x, y, r) in circles {
            assert!(
                x - r >= -0.1 && y - r >= -0.1 && x + r <= SIZE + 0.1 && y + r <= SIZE + 40.0,
                "{x} {y} {r}"
            );
        }
        assert_eq!(
            svg.matches("class=\"ring\"").count(),
            4 + 1,
            "items ranked 0, 7, 14, 21 and the legend"
        );
    }
}
