//! Circle packing for the hotspot map: files as circles inside their directories' circles.
//! Siblings are packed with the front-chain algorithm of Wang et al. ("Visualization of large
//! hierarchical data by circle packing", CHI 2006), as d3-hierarchy's `packSiblings` does
//! it: each new circle is placed tangent to two circles of the front chain, next to the one
//! closest to the centre, and the chain is repaired where it overlaps. The enclosing circle
//! is centred on the siblings' bounding centre and made just large enough, which is not the
//! smallest one but always encloses (a few percent of area).

/// A circle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Circle {
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

fn intersects(a: &Circle, b: &Circle) -> bool {
    let dr = a.r + b.r - 1e-6;
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    dr > 0.0 && dr * dr > dx * dx + dy * dy
}

/// Places `c` tangent to `a` and `b`.
fn place(b: &Circle, a: &Circle, c: &mut Circle) {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let d2 = dx * dx + dy * dy;
    if d2 > 0.0 {
        let a2 = (a.r + c.r).powi(2);
        let b2 = (b.r + c.r).powi(2);
        if a2 > b2 {
            let x = (d2 + b2 - a2) / (2.0 * d2);
            let y = (b2 / d2 - x * x).max(0.0).sqrt();
            c.x = b.x - x * dx - y * dy;
            c.y = b.y - x * dy + y * dx;
        } else {
            let x = (d2 + a2 - b2) / (2.0 * d2);
            let y = (a2 / d2 - x * x).max(0.0).sqrt();
            c.x = a.x + x * dx - y * dy;
            c.y = a.y + x * dy + y * dx;
        }
    } else {
        c.x = a.x + c.r;
        c.y = a.y;
    }
}

/// Packs `circles` (radii given, positions set) around the origin without overlap; returns
/// the radius of a circle centred on the origin that encloses them all.
pub fn pack_siblings(circles: &mut [Circle]) -> f64 {
    let n = circles.len();
    if n == 0 {
        return 0.0;
    }
    circles[0].x = 0.0;
    circles[0].y = 0.0;
    if n == 1 {
        return circles[0].r;
    }
    circles[0].x = -circles[1].r;
    circles[1].x = circles[0].r;
    circles[1].y = 0.0;
    if n > 2 {
        let (a, b) = (circles[0], circles[1]);
        place(&b, &a, &mut circles[2]);
        // The front chain as a doubly linked ring of indices.
        let mut next = vec![0usize; n];
        let mut prev = vec![0usize; n];
        let (mut a, mut b) = (0usize, 1usize);
        let c = 2usize;
        next[a] = b;
        prev[b] = a;
        next[b] = c;
        prev[c] = b;
        next[c] = a;
        prev[a] = c;
        let score = |circles: &[Circle], next: &[usize], i: usize| -> f64 {
            let (p, q) = (circles[i], circles[next[i]]);
            let ab = p.r + q.r;
            let dx = (p.x * q.r + q.x * p.r) / ab;
            let dy = (p.y * q.r + q.y * p.r) / ab;
            dx * dx + dy * dy
        };
        let mut i = 3;
        // Each repair of the chain removes a circle from it, so the loop ends; the guard only
        // protects against floating-point surprises.
        let mut guard = 0usize;
        while i < n {
            guard += 1;
            if guard > 50 * n * n + 1000 {
                break;
            }
            // d3's `place(a, b, c)` with its parameters named (b, a, c).
            let (ca, cb) = (circles[a], circles[b]);
            place(&ca, &cb, &mut circles[i]);
            let c = i;
            let (mut j, mut k) = (next[b], prev[a]);
            let (mut sj, mut sk) = (circles[b].r, circles[a].r);
            let mut repaired = false;
            loop {
                if sj <= sk {
                    if intersects(&circles[j], &circles[c]) {
                        b = j;
                        next[a] = b;
                        prev[b] = a;
                        repaired = true;
                        break;
                    }
                    sj += circles[j].r;
                    j = next[j];
                } else {
                    if intersects(&circles[k], &circles[c]) {
                        a = k;
                        next[a] = b;
                        prev[b] = a;
                        repaired = true;
                        break;
                    }
                    sk += circles[k].r;
                    k = prev[k];
                }
                if j == next[k] {
                    break;
                }
            }
            if repaired {
                continue;
            }
            prev[c] = a;
            next[c] = b;
            next[a] = c;
            prev[b] = c;
            b = c;
            // The new pair of the chain closest to the centre.
            let mut best = a;
            let mut best_score = score(circles, &next, a);
            let mut x = next[c];
            while x != b {
                let s = score(circles, &next, x);
                if s < best_score {
                    best = x;
                    best_score = s;
                }
                x = next[x];
            }
            a = best;
            b = next[a];
            i += 1;
        }
    }
    enclose_and_centre(circles)
}

/// Moves the circles so that a circle at the origin encloses them, and returns its radius.
/// The centre comes from Bădoiu and Clarkson's iteration (step towards the farthest circle by
/// 1/(t+1)), which approaches the smallest enclosing circle; the radius is then exact for
/// that centre, so every circle is inside whatever the iteration reached.
fn enclose_and_centre(circles: &mut [Circle]) -> f64 {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for c in circles.iter() {
        x0 = x0.min(c.x - c.r);
        y0 = y0.min(c.y - c.r);
        x1 = x1.max(c.x + c.r);
        y1 = y1.max(c.y + c.r);
    }
    let (mut cx, mut cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    let reach =
        |cx: f64, cy: f64, c: &Circle| ((c.x - cx).powi(2) + (c.y - cy).powi(2)).sqrt() + c.r;
    let (mut best_x, mut best_y) = (cx, cy);
    let mut best = circles.iter().map(|c| reach(cx, cy, c)).fold(0.0, f64::max);
    for t in 1..=400 {
        let far = (circles.iter())
            .max_by(|a, b| reach(cx, cy, a).total_cmp(&reach(cx, cy, b)))
            .copied()
            .unwrap_or(Circle {
                x: cx,
                y: cy,
                r: 0.0,
            });
        let d = ((far.x - cx).powi(2) + (far.y - cy).powi(2)).sqrt();
        if d < 1e-12 {
            break;
        }
        // The point of the far circle farthest from the centre, approached by 1/(t+1).
        let (px, py) = (
            far.x + (far.x - cx) / d * far.r,
            far.y + (far.y - cy) / d * far.r,
        );
        let step = 1.0 / (t as f64 + 1.0);
        cx += (px - cx) * step;
        cy += (py - cy) * step;
        let r = circles.iter().map(|c| reach(cx, cy, c)).fold(0.0, f64::max);
        if r < best {
            (best, best_x, best_y) = (r, cx, cy);
        }
    }
    let (cx, cy) = (best_x, best_y);
    let mut r: f64 = 0.0;
    for c in circles.iter_mut() {
        c.x -= cx;
        c.y -= cy;
        r = r.max((c.x * c.x + c.y * c.y).sqrt() + c.r);
    }
    r
}

/// A node of the tree to pack: a file (a leaf with its radius) or a directory.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The name of the file or directory (its last path segment).
    pub name: String,
    /// The full path.
    pub path: String,
    /// For a leaf: its radius (√ of its size).
    pub r: f64,
    pub children: Vec<Node>,
    /// Where it ends up, relative to its parent's centre until [`absolute`].
    pub circle: Circle,
}

/// Packs a tree bottom-up: each directory's circle encloses its packed children, with
/// `padding` around them. Children are packed largest first (the packing is tighter).
pub fn pack_tree(node: &mut Node, padding: f64) -> f64 {
    if node.children.is_empty() {
        node.circle.r = node.r;
        return node.r;
    }
    for child in &mut node.children {
        pack_tree(child, padding);
    }
    node.children
        .sort_by(|a, b| b.circle.r.total_cmp(&a.circle.r).then(a.name.cmp(&b.name)));
    let mut circles: Vec<Circle> = node
        .children
        .iter()
        .map(|c| Circle {
            x: 0.0,
            y: 0.0,
            r: c.circle.r + padding,
        })
        .collect();
    let r = pack_siblings(&mut circles);
    for (child, c) in node.children.iter_mut().zip(&circles) {
        child.circle.x = c.x;
        child.circle.y = c.y;
    }
    node.circle.r = r;
    r
}

/// Turns positions relative to the parent into absolute ones, scaled by `k` and moved by
/// (`dx`, `dy`).
pub fn absolute(node: &mut Node, k: f64, dx: f64, dy: f64) {
    node.circle.x = node.circle.x * k + dx;
    node.circle.y = node.circle.y * k + dy;
    node.circle.r *= k;
    node.r *= k;
    let (cx, cy) = (node.circle.x, node.circle.y);
    for child in &mut node.children {
        absolute(child, k, cx, cy);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic sequence of radii between 1 and 30.
    fn radii(n: usize, seed: u64) -> Vec<f64> {
        let mut x = seed;
        (0..n)
            .map(|_| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                1.0 + (x >> 33) as f64 / (1u64 << 31) as f64 * 29.0
            })
            .collect()
    }

    fn check(circles: &[Circle], r: f64) {
        for (i, a) in circles.iter().enumerate() {
            assert!(
                (a.x * a.x + a.y * a.y).sqrt() + a.r <= r + 1e-6,
                "{a:?} outside {r}"
            );
            for b in &circles[i + 1..] {
                let d = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
                assert!(d + 1e-6 >= a.r + b.r, "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn siblings_never_overlap_and_stay_inside() {
        for (n, seed) in [(1, 1), (2, 2), (3, 3), (4, 4), (10, 5), (57, 6), (300, 7)] {
            let mut circles: Vec<Circle> = radii(n, seed)
                .into_iter()
                .map(|r| Circle { x: 0.0, y: 0.0, r })
                .collect();
            circles.sort_by(|a, b| b.r.total_cmp(&a.r));
            let r = pack_siblings(&mut circles);
            check(&circles, r);
            // Reasonably dense: the circles fill a good part of the enclosing one.
            let area: f64 = circles.iter().map(|c| c.r * c.r).sum();
            if n >= 10 {
                assert!(area / (r * r) > 0.5, "{n}: density {}", area / (r * r));
            }
        }
    }

    #[test]
    fn equal_circles_pack_tightly() {
        let mut circles = vec![
            Circle {
                x: 0.0,
                y: 0.0,
                r: 1.0
            };
            7
        ];
        let r = pack_siblings(&mut circles);
        check(&circles, r);
        // The front chain packs them around the first pair: radius 1 + √7 ≈ 3.65, against 3
        // for the hexagon around one circle (which the chain does not look for).
        assert!(r < 1.0 + 7f64.sqrt() + 1e-3, "{r}");
    }

    #[test]
    fn a_tree_nests_children_inside_their_parents() {
        let leaf = |name: &str, r: f64| Node {
            name: name.into(),
            path: name.into(),
            r,
            children: vec![],
            circle: Circle {
                x: 0.0,
                y: 0.0,
                r: 0.0,
            },
        };
        let dir = |name: &str, children: Vec<Node>| Node {
            name: name.into(),
            path: name.into(),
            r: 0.0,
            children,
            circle: Circle {
                x: 0.0,
                y: 0.0,
                r: 0.0,
            },
        };
        let mut root = dir(
            "",
            vec![
                dir(
                    "src",
                    vec![
                        leaf("a", 5.0),
                        leaf("b", 3.0),
                        dir("net", vec![leaf("c", 2.0), leaf("d", 2.0)]),
                    ],
                ),
                leaf("README", 1.0),
            ],
        );
        let r = pack_tree(&mut root, 1.0);
        absolute(&mut root, 100.0 / r, 100.0, 100.0);
        fn inside(node: &Node) {
            for child in &node.children {
                let (p, c) = (node.circle, child.circle);
                let d = ((p.x - c.x).powi(2) + (p.y - c.y).powi(2)).sqrt();
                assert!(
                    d + c.r <= p.r + 1e-6,
                    "{} outside {}",
                    child.name,
                    node.name
                );
                inside(child);
            }
        }
        inside(&root);
        assert!((root.circle.r - 100.0).abs() < 1e-9);
    }
}
