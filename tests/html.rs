//! The HTML report (README, "HTML report") through the real binary and, where Chromium is
//! installed, a real headless browser: the page's script runs without error, no picture is
//! blank, no shape is drawn outside its picture and no two labels overlap (`html/check.js`,
//! measured by the browser's own layout), hostile file names and marker texts stay text, the
//! page still shows its pictures and table with JavaScript off, and each picture looks like its
//! reviewed reference screenshot (`html/reference/`, compared with a tolerance). `.ci/run`
//! installs Debian's `chromium` and sets `DEBTSCAN_REQUIRE_CHROMIUM=1`, so there the browser
//! part never skips.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{complex, scan_to, Repo};

const HOSTILE_FILE: &str = "src/<img src=x onerror=alert(1)>.rs";
const HOSTILE_TEXT: &str = "</script><script>alert(2)</script> escape me";

/// A repository with markers of several tags and ages, complex functions in two
/// directories, a dependency cycle (`alpha` ⇄ `beta`), hidden coupling (`net/retry.rs` and
/// `wire.rs` change together), and hostile names. `earlier` receives a JSON backlog after
/// each of the first two steps, for the trend.
fn repo_with_history(earlier: &Path) -> Repo {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"app\"\n");
    repo.write(
        "src/lib.rs",
        format!(
            "pub mod alpha;\npub mod beta;\npub mod net;\npub mod wire;\n// TODO: split this module\n{}",
            complex("tangled", 3)
        ),
    );
    repo.write(
        "src/alpha.rs",
        "use crate::beta::b;\n\npub fn a() -> u8 {\n    b() + 1\n}\n",
    );
    repo.write(
        "src/beta.rs",
        "use crate::alpha::a;\n\npub fn b() -> u8 {\n    7\n}\n\npub fn c() -> u8 {\n    a()\n}\n",
    );
    repo.write("src/net/mod.rs", "pub mod retry;\n");
    repo.write("src/wire.rs", "pub const W0: u32 = 0;\n");
    repo.commit("start");
    scan_to(repo.path(), "json", &earlier.join("1.json"), &[]);
    repo.advance(400);
    repo.write(
        "src/net/retry.rs",
        format!("// FIXME: retries forever\n{}", complex("retry", 2)),
    );
    repo.write(
        HOSTILE_FILE,
        format!("// HACK: {HOSTILE_TEXT}\npub fn f() {{}}\n"),
    );
    repo.commit("more");
    scan_to(repo.path(), "json", &earlier.join("2.json"), &[]);
    for i in 1..=6 {
        let retry = std::fs::read_to_string(repo.path().join("src/net/retry.rs")).unwrap();
        repo.write(
            "src/net/retry.rs",
            format!("{retry}pub const R{i}: u32 = {i};\n"),
        );
        let wire = std::fs::read_to_string(repo.path().join("src/wire.rs")).unwrap();
        repo.write("src/wire.rs", format!("{wire}pub const W{i}: u32 = {i};\n"));
        repo.commit(&format!("retry and wire {i}"));
    }
    repo
}

/// [`repo_with_history`], the earlier backlogs in a directory of their own.
fn repo() -> (Repo, tempfile::TempDir) {
    let earlier = tempfile::tempdir().unwrap();
    (repo_with_history(earlier.path()), earlier)
}

/// The report of `repo` with the earlier backlogs of `earlier` as its trend.
fn report(repo: &Repo, earlier: &Path, out: &Path) -> String {
    let file = out.join("debt.html");
    let history: Vec<String> = ["1.json", "2.json"]
        .iter()
        .map(|f| earlier.join(f).display().to_string())
        .collect();
    let mut extra = vec!["--history"];
    extra.extend(history.iter().map(String::as_str));
    scan_to(repo.path(), "html", &file, &extra);
    std::fs::read_to_string(&file).unwrap()
}

#[test]
fn the_page_is_self_contained_and_escapes_everything() {
    let (repo, earlier) = repo();
    let out = tempfile::tempdir().unwrap();
    let html = report(&repo, earlier.path(), out.path());
    assert!(html.starts_with("<!DOCTYPE html>"));
    // One script, ours; nothing loaded from elsewhere.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert_eq!(html.matches("</script>").count(), 1);
    for outside in ["src=\"http", "href=\"http", "@import", "<link", "<img"] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    // `url(` only for the arrowheads defined in the page.
    assert_eq!(
        html.matches("url(").count(),
        html.matches("url(#cyc-").count()
    );
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.rs"));
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; escape me"));
    // The hotspot map: one circle per file with code, the files with top items ringed.
    let map = svg(&html, "map-chart");
    assert_eq!(map.matches(" lines, ").count(), 7, "{map}");
    assert!(map.contains("&lt;img src=x onerror=alert(1)&gt;.rs: "));
    assert!(map.contains("href=\"#i-v1-"), "files link to their items");
    for section in [
        "id=\"where-chart\"",
        "id=\"matrix-chart\"",
        "id=\"age-chart\"",
        "id=\"backlog-table\"",
    ] {
        assert!(html.contains(section), "{section}");
    }
    // Markers written in two years: two bars in the age picture.
    let age = svg(&html, "age-chart");
    assert!(age.contains(">2023<") && age.contains(">2024<"), "{age}");
    // The cycle: both files, the use to remove dashed on the left and labelled.
    let cycles = svg(&html, "cycles-chart");
    assert!(
        cycles.contains(">alpha.rs<") && cycles.contains(">beta.rs<"),
        "{cycles}"
    );
    assert_eq!(cycles.matches("stroke-dasharray").count(), 1, "{cycles}");
    assert_eq!(
        cycles.matches("class=\"cut\">✂ 1 ref<").count(),
        1,
        "{cycles}"
    );
    // The coupled pair with its degree.
    let coupling = svg(&html, "coupling-chart");
    assert!(
        coupling.contains(">src/net/retry.rs<") && coupling.contains(">src/wire.rs<"),
        "{coupling}"
    );
    assert!(coupling.contains("%</text>"), "{coupling}");
    // The trend: the two earlier backlogs and this run, in commit order, each named by date.
    let trend = svg(&html, "trend-items-chart");
    let dates: Vec<&str> = trend
        .split("class=\"tick\">")
        .skip(1)
        .filter_map(|t| t.split('<').next())
        .filter(|t| t.len() == 10 && t.starts_with("20"))
        .collect();
    assert_eq!(dates.len(), 3, "{trend}");
    assert!(dates.windows(2).all(|d| d[0] < d[1]), "{dates:?}");
    assert!(html.contains("in each of 3 runs"));
}

/// The SVG of picture `id` in `html`.
fn svg<'h>(html: &'h str, id: &str) -> &'h str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no {id} in the page"));
    let rest = &html[at..];
    &rest[..rest.find("</svg>").unwrap()]
}

#[test]
fn history_is_checked_before_the_scan() {
    let (repo, earlier) = repo();
    let first = earlier.path().join("1.json");
    let out = common::debtscan()
        .current_dir(repo.path())
        .args(["scan", ".", "-q", "--format", "json", "--history"])
        .arg(&first)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--history draws the HTML report's trend"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A backlog cut by --top has no comparable total.
    let top = earlier.path().join("top.json");
    scan_to(repo.path(), "json", &top, &["--top", "1"]);
    let out = common::debtscan()
        .current_dir(repo.path())
        .args(["scan", ".", "-q", "--format", "html", "--history"])
        .arg(&top)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("top.json") && err.contains("written with --top"),
        "{err}"
    );
    // Another tree's backlog (checked once this tree is scanned): no trend of mixed numbers.
    let mut other = Repo::git();
    for name in ["one", "two", "three"] {
        other.write(
            &format!("lib/{name}.rs"),
            format!("// TODO: {name}\npub fn {name}() {{}}\n"),
        );
    }
    other.commit("other");
    let foreign = earlier.path().join("foreign.json");
    scan_to(other.path(), "json", &foreign, &[]);
    let out = common::debtscan()
        .current_dir(repo.path())
        .args(["scan", ".", "-q", "--format", "html", "--history"])
        .arg(&foreign)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("foreign.json") && err.contains("another repository"),
        "{err}"
    );
}

/// Chromium, if installed (or required by CI).
fn chromium() -> Option<PathBuf> {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            let out = Command::new("which").arg(name).output().ok()?;
            out.status
                .success()
                .then(|| PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()))
        });
    if found.is_none() {
        assert!(
            std::env::var_os("DEBTSCAN_REQUIRE_CHROMIUM").is_none(),
            "DEBTSCAN_REQUIRE_CHROMIUM is set but no chromium is installed (apt-get install chromium)"
        );
        eprintln!("skipped: no chromium");
    }
    found
}

/// Runs headless Chromium on `page` in a window `size` wide and high, with a fresh profile in
/// `profile` and `action` (`--dump-dom`, `--screenshot=FILE`); returns its standard output.
/// The flags keep it off the network, which this machine closes (README of the environment).
fn headless(browser: &Path, page: &Path, profile: &Path, size: (u32, u32), action: &str) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(action)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The value of attribute `name` on the root element of a dumped DOM, unescaped.
fn root_attribute(dom: &str, name: &str) -> Option<String> {
    let tag = &dom[dom.find("<html")?..];
    let tag = &tag[..tag.find('>')?];
    let value = tag.split(&format!(" {name}=\"")).nth(1)?;
    let value = &value[..value.find('"')?];
    Some(
        value
            .replace("&quot;", "\"")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[test]
fn a_real_browser_runs_the_page() {
    let Some(browser) = chromium() else { return };
    let (repo, earlier) = repo();
    let out = tempfile::tempdir().unwrap();
    let html = report(&repo, earlier.path(), out.path());
    let page = out.path().join("debt.html");
    // The page with the layout checks appended: they run after it has laid out.
    let checked = out.path().join("checked.html");
    std::fs::write(
        &checked,
        format!("{html}<script>{}</script>\n", include_str!("html/check.js")),
    )
    .unwrap();
    let size = (1100, 1600);
    let dom = headless(
        &browser,
        &checked,
        &out.path().join("profile"),
        size,
        "--dump-dom",
    );
    assert_eq!(
        root_attribute(&dom, "data-js").as_deref(),
        Some("ok"),
        "the script ran to its end: {:?}",
        root_attribute(&dom, "data-js-error")
    );
    let check: serde_json::Value =
        serde_json::from_str(&root_attribute(&dom, "data-check").expect("the checks ran")).unwrap();
    assert_eq!(check["charts"], PICTURES.len(), "{check}");
    assert!(check["texts"].as_u64().unwrap() > 60, "{check}");
    assert_eq!(check["problems"], serde_json::json!([]), "{check}");
    assert!(!dom.contains("<img"), "a hostile name became an element");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;.rs"));
    let rows = dom.matches("<tr id=\"i-").count();
    assert!(rows >= 5, "{rows} rows");
    assert!(
        dom.contains(&format!(">{rows} of {rows} items</span>")),
        "the filter counted the rows"
    );
    // Not a blank page: a screenshot of it is far from one of an empty page (PNG compresses
    // white to almost nothing). The page needs no script to show anything (the first test:
    // pictures and rows are in the HTML itself); headless Chromium cannot screenshot or
    // dump a page with scripts off, so that is checked on the HTML, not here.
    let shot = |page: &Path, name: &str| -> u64 {
        let png = out.path().join(format!("{name}.png"));
        let action = format!("--screenshot={}", png.display());
        headless(&browser, page, &out.path().join(name), size, &action);
        std::fs::metadata(&png).unwrap().len()
    };
    let empty = out.path().join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><html><body></body></html>").unwrap();
    let (page_png, empty_png) = (shot(&page, "page"), shot(&empty, "empty"));
    assert!(page_png > 4 * empty_png, "{page_png} vs {empty_png} bytes");
}

/// The pictures compared with their references, and where the references are.
const PICTURES: [&str; 8] = [
    "map-chart",
    "where-chart",
    "matrix-chart",
    "cycles-chart",
    "coupling-chart",
    "age-chart",
    "trend-score-chart",
    "trend-items-chart",
];
const REFERENCES: &str = "tests/html/reference";

/// An RGB image.
struct Image {
    width: usize,
    height: usize,
    rgb: Vec<u8>,
}

/// Reads a PNG as 8-bit RGB.
fn read_png(path: &Path) -> Image {
    let file = std::io::BufReader::new(std::fs::File::open(path).unwrap());
    let mut decoder = png::Decoder::new(file);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (width, height) = (info.width as usize, info.height as usize);
    let mut rgb = Vec::with_capacity(width * height * 3);
    for y in 0..height {
        let row = &buf[y * info.line_size..][..width * channels];
        for px in row.chunks(channels) {
            match channels {
                1 | 2 => rgb.extend([px[0]; 3]),
                _ => rgb.extend(&px[..3]),
            }
        }
    }
    Image { width, height, rgb }
}

/// Side of the blocks images are compared by.
const BLOCK: usize = 16;

/// How far apart two screenshots are: the share of 16×16 blocks whose mean colour differs by
/// more than 40 (of 255) in a channel. Blocks, not pixels: another font's glyphs move a
/// label's pixels but hardly its block's mean, while a missing bar, a moved picture or a
/// changed colour changes whole blocks. Images of different sizes are all different.
fn difference(a: &Image, b: &Image) -> f64 {
    if (a.width, a.height) != (b.width, b.height) {
        return 1.0;
    }
    let (bw, bh) = (a.width.div_ceil(BLOCK), a.height.div_ceil(BLOCK));
    let mut differing = 0;
    for by in 0..bh {
        for bx in 0..bw {
            let mut sums = [0i64; 6];
            let mut n = 0i64;
            for y in by * BLOCK..((by + 1) * BLOCK).min(a.height) {
                for x in bx * BLOCK..((bx + 1) * BLOCK).min(a.width) {
                    let at = (y * a.width + x) * 3;
                    for c in 0..3 {
                        sums[c] += i64::from(a.rgb[at + c]);
                        sums[3 + c] += i64::from(b.rgb[at + c]);
                    }
                    n += 1;
                }
            }
            if (0..3).any(|c| (sums[c] - sums[3 + c]).abs() > 40 * n) {
                differing += 1;
            }
        }
    }
    f64::from(differing) / (bw * bh) as f64
}

/// The most a picture may differ from its reference ([`difference`]). Measured on the
/// where-chart reference: drawn in DejaVu Serif or DejaVu Sans Condensed instead of DejaVu
/// Sans, 0.00% of blocks differ; with a bar's last 55-pixel segment gone, 0.27%; with one
/// segment recoloured, 0.89%; moved down 6 pixels, 6.6%.
const TOLERANCE: f64 = 0.002;

/// `html` showing only picture `id`, at the top left, at its natural width.
fn alone(html: &str, id: &str) -> String {
    html.replacen(
        "</style>",
        &format!(
            "body{{margin:0;padding:0;max-width:none}}body *{{visibility:hidden}}#{id},#{id} *{{visibility:visible}}#{id}{{position:absolute;left:0;top:0;width:720px;border:0}}</style>"
        ),
        1,
    )
}

#[test]
fn pictures_look_like_their_reviewed_references() {
    let Some(browser) = chromium() else { return };
    let (repo, earlier) = repo();
    let out = tempfile::tempdir().unwrap();
    let html = report(&repo, earlier.path(), out.path());
    let update = std::env::var_os("DEBTSCAN_UPDATE_REFERENCES").is_some();
    let kept = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-pictures");
    std::fs::create_dir_all(&kept).unwrap();
    let mut failed = Vec::new();
    for id in PICTURES {
        let view_box = svg(&html, id)
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|v| v.split('"').next())
            .unwrap();
        let height: f64 = view_box.split(' ').nth(1).unwrap().parse().unwrap();
        let page = out.path().join(format!("{id}.html"));
        std::fs::write(&page, alone(&html, id)).unwrap();
        let shot = kept.join(format!("{id}.png"));
        let action = format!("--screenshot={}", shot.display());
        // Headless Chromium paints only part of a window under some 200 pixels high: every
        // window is well taller than its picture, the rest white in both images.
        let size = (720, (height.ceil() as u32 + 200).max(400));
        headless(&browser, &page, &out.path().join(id), size, &action);
        let reference = Path::new(REFERENCES).join(format!("{id}.png"));
        if update {
            std::fs::copy(&shot, &reference).unwrap();
            continue;
        }
        assert!(
            reference.exists(),
            "no reference for {id}: review {} and copy it to {} \
             (DEBTSCAN_UPDATE_REFERENCES=1 copies them all)",
            shot.display(),
            reference.display()
        );
        let d = difference(&read_png(&shot), &read_png(&reference));
        eprintln!("{id}: {:.2}% of blocks differ", 100.0 * d);
        if d > TOLERANCE {
            failed.push(format!(
                "{id}: {:.2}% of blocks differ (tolerance {:.1}%): compare {} with {}",
                100.0 * d,
                100.0 * TOLERANCE,
                shot.display(),
                reference.display()
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn the_comparison_tells_a_broken_picture_from_a_font() {
    // Two images as a screenshot and the same with a block-sized change: a bar gone.
    let blank = Image {
        width: 64,
        height: 64,
        rgb: vec![255; 64 * 64 * 3],
    };
    let mut bar = Image {
        width: 64,
        height: 64,
        rgb: blank.rgb.clone(),
    };
    for y in 16..32 {
        for x in 0..64 {
            bar.rgb[(y * 64 + x) * 3] = 0;
        }
    }
    assert!(
        difference(&blank, &bar) > TOLERANCE,
        "a missing bar is seen"
    );
    // Glyph-sized changes (a few dark pixels moved within each block) are not.
    let mut text = Image {
        width: 64,
        height: 64,
        rgb: blank.rgb.clone(),
    };
    for k in 0..16 {
        let (x, y) = (k * 4 + 1, 40 + k % 3);
        for c in 0..3 {
            text.rgb[(y * 64 + x) * 3 + c] = 0;
        }
    }
    assert_eq!(difference(&blank, &text), 0.0);
    let wider = Image {
        width: 65,
        height: 64,
        rgb: vec![255; 65 * 64 * 3],
    };
    assert_eq!(
        difference(&blank, &wider),
        1.0,
        "another size is another picture"
    );
}
