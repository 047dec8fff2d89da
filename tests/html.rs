//! The HTML report (README, "HTML report") through the real binary and, where Chromium is
//! installed, a real headless browser: the page's script runs without error, every picture
//! has shapes, hostile file names and marker texts stay text, and the page still shows its
//! pictures and table with JavaScript off. `.ci/run` installs Debian's `chromium` and sets
//! `DEBTSCAN_REQUIRE_CHROMIUM=1`, so there the browser part never skips.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{complex, scan_to, Repo};

const HOSTILE_FILE: &str = "src/<img src=x onerror=alert(1)>.rs";
const HOSTILE_TEXT: &str = "</script><script>alert(2)</script> escape me";

/// A repository with markers of several tags and ages, complex functions in two
/// directories, and hostile names.
fn repo() -> Repo {
    let mut repo = Repo::git();
    repo.write("Cargo.toml", "[package]\nname = \"app\"\n");
    repo.write(
        "src/lib.rs",
        format!("// TODO: split this module\n{}", complex("tangled", 3)),
    );
    repo.commit("start");
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
    repo
}

fn report(repo: &Repo, out: &Path) -> String {
    let file = out.join("debt.html");
    scan_to(repo.path(), "html", &file, &[]);
    std::fs::read_to_string(&file).unwrap()
}

#[test]
fn the_page_is_self_contained_and_escapes_everything() {
    let repo = repo();
    let out = tempfile::tempdir().unwrap();
    let html = report(&repo, out.path());
    assert!(html.starts_with("<!DOCTYPE html>"));
    // One script, ours; nothing loaded from elsewhere.
    assert_eq!(html.matches("<script").count(), 1, "{html}");
    assert_eq!(html.matches("</script>").count(), 1);
    for outside in [
        "src=\"http",
        "href=\"http",
        "@import",
        "url(",
        "<link",
        "<img",
    ] {
        assert!(!html.contains(outside), "{outside} in the page");
    }
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.rs"));
    assert!(html.contains("&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt; escape me"));
    // The hotspot map: one circle per file with code, the files with top items ringed.
    let map = &html[html.find("id=\"map-chart\"").unwrap()..];
    let map = &map[..map.find("</svg>").unwrap()];
    assert_eq!(map.matches(" lines, hotspot ").count(), 3, "{map}");
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
    let age = &html[html.find("id=\"age-chart\"").unwrap()..];
    let age = &age[..age.find("</svg>").unwrap()];
    assert!(age.contains(">2023<") && age.contains(">2024<"), "{age}");
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

/// Runs headless Chromium on `page` with a fresh profile in `profile` and `action`
/// (`--dump-dom`, `--screenshot=FILE`); returns its standard output. The flags keep it off
/// the network, which this machine closes (README of the environment).
fn headless(browser: &Path, page: &Path, profile: &Path, action: &str) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1100,1600",
        ])
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

#[test]
fn a_real_browser_runs_the_page() {
    let Some(browser) = chromium() else { return };
    let repo = repo();
    let out = tempfile::tempdir().unwrap();
    report(&repo, out.path());
    let page = out.path().join("debt.html");
    let dom = headless(&browser, &page, &out.path().join("profile"), "--dump-dom");
    let html_tag = &dom[dom.find("<html").unwrap()..];
    let html_tag = &html_tag[..html_tag.find('>').unwrap()];
    assert!(
        html_tag.contains("data-js=\"ok\""),
        "the script ran to its end: {html_tag}"
    );
    assert!(!html_tag.contains("data-js-error"), "{html_tag}");
    assert!(!dom.contains("<img"), "a hostile name became an element");
    assert!(dom.contains("&lt;img src=x onerror=alert(1)&gt;.rs"));
    let rows = dom.matches("<tr id=\"i-").count();
    assert!(rows >= 5, "{rows} rows");
    assert!(
        dom.contains(&format!(">{rows} of {rows} items</span>")),
        "the filter counted the rows"
    );
    // No blank picture: every chart has shapes.
    for chart in dom.split("<svg").skip(1) {
        let chart = &chart[..chart.find("</svg>").unwrap()];
        assert!(
            chart.contains("<rect") || chart.contains("<circle"),
            "blank picture: {chart}"
        );
    }
    // Not a blank page: a screenshot of it is far from one of an empty page (PNG compresses
    // white to almost nothing). The page needs no script to show anything (the first test:
    // pictures and rows are in the HTML itself); headless Chromium cannot screenshot or
    // dump a page with scripts off, so that is checked on the HTML, not here.
    let shot = |page: &Path, name: &str| -> u64 {
        let png = out.path().join(format!("{name}.png"));
        let action = format!("--screenshot={}", png.display());
        headless(&browser, page, &out.path().join(name), &action);
        std::fs::metadata(&png).unwrap().len()
    };
    let empty = out.path().join("empty.html");
    std::fs::write(&empty, "<!DOCTYPE html><html><body></body></html>").unwrap();
    let (page_png, empty_png) = (shot(&page, "page"), shot(&empty, "empty"));
    assert!(page_png > 4 * empty_png, "{page_png} vs {empty_png} bytes");
}
