//! The backlog as one self-contained HTML page (README, "HTML report"): pictures drawn as
//! inline SVG by [`chart`], then the backlog table. No network, no external script, font or
//! style; a few lines of plain JavaScript sort and filter the table, and everything else
//! (the pictures, the table, each row's explanation in a `<details>`) works without it.
//! Every text from the repository (paths, marker texts, names) is escaped.

pub mod chart;
pub mod cycles;
pub mod map;
pub mod pack;
pub mod trend;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::model::{Backlog, DebtItem, Kind};

use super::rules;
use super::table::summary_line;
use chart::{Bar, Point};

/// Escapes text for HTML text and attribute values.
pub fn esc(text: &str) -> String {
    escape(text, true)
}

/// Escapes text between tags, where quotes are plain characters (the backlog table's prose has
/// many: `file's`).
pub fn esc_text(text: &str) -> String {
    escape(text, false)
}

fn escape(text: &str, quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if quotes => out.push_str("&quot;"),
            '\'' if quotes => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page's anchor of an item.
fn anchor(item: &DebtItem) -> String {
    format!("i-{}", item.id.replace(':', "-"))
}

/// The kinds present, in the standard order.
fn kinds(backlog: &Backlog) -> Vec<Kind> {
    Kind::ALL
        .into_iter()
        .filter(|k| backlog.items.iter().any(|i| i.kind == *k))
        .collect()
}

/// The pictures' series: every kind, in the standard order, so that each kind has the same
/// colour in every report; named only when present (the legend shows those).
fn kind_series(present: &[Kind]) -> Vec<String> {
    (Kind::ALL.iter())
        .map(|k| {
            if present.contains(k) {
                k.as_str().to_string()
            } else {
                String::new()
            }
        })
        .collect()
}

/// A kind's series.
fn series_of(kind: Kind) -> usize {
    Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The directory an item counts under in "Where the debt is": its first path segment, and
/// one segment more for each level where one directory holds over 60% of the score (`src/`
/// everywhere says nothing; `src/pip/_internal/…` neither), down to four levels.
fn directories(backlog: &Backlog) -> Vec<String> {
    let top = |p: &str, depth: usize| -> String {
        let parts: Vec<&str> = p.split('/').collect();
        if parts.len() <= 1 {
            return "(root)".to_string();
        }
        parts[..depth.min(parts.len() - 1)].join("/")
    };
    let total: f64 = backlog.items.iter().map(|i| i.score).sum();
    // The chain of dominant directories, outermost first.
    let mut chain: Vec<String> = Vec::new();
    for depth in 1..=4 {
        let mut sums: BTreeMap<String, f64> = BTreeMap::new();
        for i in &backlog.items {
            let d = top(&i.location.path, depth);
            if chain.last().is_none_or(|c| d.starts_with(&format!("{c}/"))) {
                *sums.entry(d).or_default() += i.score;
            }
        }
        match sums
            .into_iter()
            .find(|(d, s)| total > 0.0 && *s / total > 0.6 && d != "(root)")
        {
            Some((d, _)) if chain.last() != Some(&d) => chain.push(d),
            _ => break,
        }
    }
    (backlog.items.iter())
        .map(|i| {
            let p = &i.location.path;
            let inside = chain
                .iter()
                .take_while(|c| p.starts_with(&format!("{c}/")))
                .count();
            top(p, inside + 1)
        })
        .collect()
}

/// Stacked bars of the score by directory and kind, the heaviest twelve directories (the rest
/// as "other").
fn where_bars(backlog: &Backlog) -> Vec<Bar> {
    let dirs = directories(backlog);
    let mut sums: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
    for (item, dir) in backlog.items.iter().zip(&dirs) {
        let row = sums
            .entry(dir)
            .or_insert_with(|| vec![0.0; Kind::ALL.len()]);
        row[series_of(item.kind)] += item.score;
    }
    let mut rows: Vec<(String, Vec<f64>)> =
        sums.into_iter().map(|(d, v)| (d.to_string(), v)).collect();
    rows.sort_by(|a, b| {
        b.1.iter()
            .sum::<f64>()
            .total_cmp(&a.1.iter().sum::<f64>())
            .then(a.0.cmp(&b.0))
    });
    if rows.len() > 12 {
        let rest = rows.split_off(11);
        let mut other = vec![0.0; Kind::ALL.len()];
        for (_, v) in &rest {
            for (o, x) in other.iter_mut().zip(v) {
                *o += x;
            }
        }
        rows.push((format!("other ({} directories)", rest.len()), other));
    }
    (rows.into_iter())
        .map(|(label, v)| Bar {
            label,
            segments: v
                .into_iter()
                .enumerate()
                .filter(|(_, x)| *x > 0.0)
                .collect(),
        })
        .collect()
}

/// The default tags, in the order that fixes their colours in "Marker age": a TODO has the same
/// colour in every report, whatever tags the repository uses. Other tags follow, by name.
const TAG_ORDER: [&str; 9] = [
    "TODO",
    "FIXME",
    "HACK",
    "XXX",
    "BUG",
    "KLUDGE",
    "WORKAROUND",
    "OPTIMIZE",
    "REFACTOR",
];

/// Open markers by the year their line was written and by tag; the tags as series (absent
/// default tags unnamed, so that they keep their slots).
fn marker_ages(backlog: &Backlog) -> (Vec<Bar>, Vec<String>) {
    let mut others: Vec<String> = (backlog.items.iter())
        .filter_map(|i| i.marker.as_ref())
        .map(|m| display_tag(&m.tag))
        .filter(|t| !TAG_ORDER.contains(&t.as_str()))
        .collect();
    others.sort();
    others.dedup();
    let mut tags: Vec<String> = TAG_ORDER.iter().map(|t| t.to_string()).collect();
    tags.extend(others);
    let mut used = vec![false; tags.len()];
    let mut years: BTreeMap<String, BTreeMap<usize, f64>> = BTreeMap::new();
    for item in &backlog.items {
        let Some(m) = &item.marker else { continue };
        let year = match (&m.introduced, &m.predates_history) {
            (Some(i), _) => i.date.get(..4).unwrap_or("?").to_string(),
            (None, Some(p)) => format!("before {}", p.date.get(..4).unwrap_or("?")),
            (None, None) => "unknown".to_string(),
        };
        let tag = display_tag(&m.tag);
        let t = tags.iter().position(|x| *x == tag).unwrap_or(0);
        used[t] = true;
        *years.entry(year).or_default().entry(t).or_default() += 1.0;
    }
    for (tag, used) in tags.iter_mut().zip(used) {
        if !used {
            tag.clear();
        }
    }
    let bars = (years.into_iter())
        .map(|(label, by_tag)| Bar {
            label,
            segments: by_tag.into_iter().collect(),
        })
        .collect();
    (bars, tags)
}

/// A marker's tag as "Marker age" names it: `todo` and `TODO` are one tag (short words are
/// upper-cased); `NotImplementedError` or `unimplemented!` keep their spelling.
fn display_tag(tag: &str) -> String {
    if tag.len() <= 10 && tag.chars().all(|c| c.is_ascii_alphabetic()) {
        tag.to_ascii_uppercase()
    } else {
        tag.to_string()
    }
}

const STYLE: &str = "
body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1100px;padding:0 16px 40px;color:#1b1b1b;background:#fff}
h1{font-size:24px;margin:20px 0 4px}h2{font-size:18px;margin:28px 0 2px}
.meta,.caption{color:#555;margin:2px 0 8px}.caption{font-style:italic}
nav a{margin-right:14px}
svg.chart{width:100%;max-width:720px;height:auto;display:block;border:1px solid #e3e3e3;background:#fff}
svg .lbl{font-size:11px;fill:#222}svg .tick{font-size:10px;fill:#555}svg .q{font-size:11px;fill:#8a3b00;font-weight:600}
svg .f{stroke:#777;stroke-width:.4}svg .m{fill-opacity:.75;stroke:#333;stroke-width:.5}svg .ring{stroke:#000;stroke-width:2.5}svg .d{fill:#6b8fb3;fill-opacity:.08;stroke:#6b8fb3;stroke-width:.6}
svg .dir{font-size:11px;fill:#1d3d5c;font-weight:600}svg .cut{font-size:11px;fill:#a34400;font-weight:600}
svg .axis{stroke:#888;stroke-width:1}svg .grid{stroke:#ccc;stroke-dasharray:4 3}svg .hot{fill:#fff4e5}
table{border-collapse:collapse;width:100%;margin-top:8px}th,td{border-bottom:1px solid #e6e6e6;padding:4px 6px;text-align:left;vertical-align:top}
th button{font:inherit;font-weight:600;border:0;background:none;padding:0;cursor:pointer}
td.n{text-align:right;font-variant-numeric:tabular-nums}td:last-child{max-width:260px;overflow-wrap:anywhere}
.sev-blocker,.sev-critical{color:#a00;font-weight:600}.sev-major{color:#b35c00}
details summary{cursor:pointer}details ul{margin:4px 0 4px 18px;padding:0}code{font-size:12px}
.controls label{margin-right:12px}
:focus-visible{outline:2px solid #1d4ed8;outline-offset:2px}svg a:focus-visible circle{stroke:#1d4ed8;stroke-width:3}
@media print{nav,.controls{display:none}svg.chart{border:0}tr{page-break-inside:avoid}details>*{display:block}}
";

/// Sorting and filtering; reports a JavaScript error on the root element, where the browser
/// test looks for it.
const SCRIPT: &str = r#"
window.onerror=function(m){document.documentElement.setAttribute('data-js-error',String(m));};
(function(){
var table=document.getElementById('backlog-table');if(!table)return;
var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
var kind=document.getElementById('f-kind'),role=document.getElementById('f-role'),path=document.getElementById('f-path'),count=document.getElementById('f-count');
function filter(){var k=kind.value,r=role.value,p=path.value.toLowerCase(),n=0;
rows.forEach(function(tr){var show=(!k||tr.cells[3].textContent===k)&&(!r||(tr.getAttribute('data-role')||'production')===r)&&(!p||tr.cells[5].textContent.toLowerCase().indexOf(p)>=0);tr.hidden=!show;if(show)n++;});
count.textContent=n+' of '+rows.length+' items';}
[kind,role].forEach(function(e){e.addEventListener('change',filter);});path.addEventListener('input',filter);
var dir={};
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,col){var b=th.querySelector('button');if(!b)return;
b.addEventListener('click',function(){var num=th.getAttribute('data-type')==='num';dir[col]=-(dir[col]||(num?1:-1));var d=dir[col];
function v(c){var x=c.getAttribute('data-v');return x===null?c.textContent:x;}
rows.sort(function(a,b){var x=v(a.cells[col]),y=v(b.cells[col]);
return num?d*(parseFloat(x)-parseFloat(y)):d*x.localeCompare(y);});
rows.forEach(function(tr){body.appendChild(tr);});
Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort');});
th.setAttribute('aria-sort',d>0?'ascending':'descending');});});
filter();
document.documentElement.setAttribute('data-js','ok');
})();
"#;

/// The facts of the hotspot map: every file the scan measured, and the best item of each.
fn map_files(backlog: &Backlog) -> Vec<map::FileFacts> {
    let mut best: std::collections::HashMap<&str, &DebtItem> = std::collections::HashMap::new();
    for item in &backlog.items {
        best.entry(item.location.path.as_str()).or_insert(item);
    }
    (backlog.files.iter())
        .map(|f| map::FileFacts {
            path: f.path.clone(),
            code_lines: f.code_lines,
            score: f.score,
            revisions: f.revisions,
            item: best.get(f.path.as_str()).map(|i| (i.rank, anchor(i))),
        })
        .collect()
}

/// Renders `backlog` as a self-contained HTML page; with its per-file figures, the hotspot map
/// first; with earlier runs (`trend`, this one last or among them), the trend.
pub fn render(backlog: &Backlog, trend: &[trend::Run]) -> String {
    let series = kinds(backlog);
    let names = kind_series(&series);
    let root = backlog.repository.root.as_str();
    let mut s = String::with_capacity(64 * 1024 + backlog.items.len() * 1500);
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"generator\" content=\"debtscan {}\"><title>Tech-debt backlog: {}</title><style>{STYLE}</style></head><body>",
        esc(&backlog.tool.version),
        esc(root)
    );
    let _ = write!(
        s,
        "<header><h1>Tech-debt backlog</h1><p class=\"meta\">{}",
        esc(&summary_line(backlog))
    );
    if let Some(h) = &backlog.repository.head {
        let _ = write!(s, " · at <code>{}</code>", esc(h.get(..12).unwrap_or(h)));
        if let Some(b) = &backlog.repository.branch {
            let _ = write!(s, " on <code>{}</code>", esc(b));
        }
    }
    let _ = writeln!(s, " · debtscan {}</p></header>", esc(&backlog.tool.version));
    if backlog.items.is_empty() {
        let text = if backlog.summary.files_scanned == 0 {
            "No source files analysed: nothing was read, so no debt is known."
        } else {
            "No debt items found."
        };
        let _ = writeln!(s, "<p>{text}</p></body></html>");
        return s;
    }
    let (ages, tags) = marker_ages(backlog);
    s.push_str("<nav>");
    let files = map_files(backlog);
    if !files.is_empty() {
        s.push_str("<a href=\"#map\">Hotspot map</a>");
    }
    s.push_str("<a href=\"#where\">Where the debt is</a><a href=\"#matrix\">Priority matrix</a>");
    let (cycle_items, coupling_items) = graph_items(backlog);
    if !cycle_items.is_empty() || !coupling_items.is_empty() {
        s.push_str("<a href=\"#cycles\">Cycles and coupling</a>");
    }
    if !ages.is_empty() {
        s.push_str("<a href=\"#age\">Marker age</a>");
    }
    if trend.len() > 1 {
        s.push_str("<a href=\"#trend\">Trend</a>");
    }
    s.push_str("<a href=\"#backlog\">Backlog</a></nav>\n");

    if !files.is_empty() {
        let _ = writeln!(
            s,
            "<section id=\"map\"><h2>Hotspot map</h2><p class=\"caption\">Every file as a circle inside its directories, area by lines of code, colour by hotspot score (change × complexity: grey unchanged, dark red hottest); a black ring marks a file holding a top-{} item. Click a file for its best item.</p>{}</section>",
            map::RINGED,
            map::map_svg(&files)
        );
    }
    let bars = where_bars(backlog);
    let _ = writeln!(
        s,
        "<section id=\"where\"><h2>Where the debt is</h2><p class=\"caption\">Total score by directory, split by kind: the longest bars are where the backlog's weight sits.</p>{}</section>",
        chart::bars_svg("where-chart", "Score by directory and kind", &bars, &names, "total score", false)
    );
    let points: Vec<Point> = (backlog.items.iter())
        .map(|i| Point {
            x: i.signals.interest,
            y: i.signals.severity,
            score: i.score,
            series: series_of(i.kind),
            // The title names the file (or the path when the name is ambiguous).
            title: format!("#{} {}, score {:.1}", i.rank, i.title, i.score),
            anchor: anchor(i),
        })
        .collect();
    let _ = writeln!(
        s,
        "<section id=\"matrix\"><h2>Priority matrix</h2><p class=\"caption\">Each item by severity (up) and interest (right), dot area by score: the shaded top right is severe debt where the work is. Click a dot for its row.</p>{}</section>",
        chart::matrix_svg("matrix-chart", "Items by severity and interest", &points, &names)
    );
    if !cycle_items.is_empty() || !coupling_items.is_empty() {
        s.push_str("<section id=\"cycles\"><h2>Cycles and coupling</h2>");
        if !cycle_items.is_empty() {
            let _ = write!(
                s,
                "<p class=\"caption\">The worst dependency cycles, each file a box, ordered so that every use points down (solid arcs on the right, thicker for more references) except the uses to remove: the dashed arcs on the left, marked ✂. A tangle too large to draw is listed as its uses to remove. Click a heading for its row.</p>{}",
                cycles::cycles_svg(&cycle_items).0
            );
        }
        if !coupling_items.is_empty() {
            let _ = write!(
                s,
                "<p class=\"caption\">The strongest hidden coupling: files that change together in the same commits although neither uses the other; the line's thickness and figure are how often they change together.</p>{}",
                cycles::coupling_svg(&coupling_items).0
            );
        }
        s.push_str("</section>\n");
    }
    if !ages.is_empty() {
        let _ = writeln!(
            s,
            "<section id=\"age\"><h2>Marker age</h2><p class=\"caption\">Open markers by the year their line was written (from git blame), by tag: long bars at the top are old promises.</p>{}</section>",
            chart::bars_svg("age-chart", "Open markers by year and tag", &ages, &tags, "markers", true)
        );
    }
    if trend.len() > 1 {
        let _ = writeln!(
            s,
            "<section id=\"trend\"><h2>Trend</h2><p class=\"caption\">Total score and items by kind in each of {} runs (the backlogs given with --history and --baseline, and this one), oldest left, each under the date of its commit: shrinking columns are debt paid down, growing ones debt taken on.</p>{}</section>",
            trend.len(),
            trend::svgs(trend)
        );
    }
    table(&mut s, backlog, &series);
    let _ = writeln!(s, "<script>{SCRIPT}</script>\n</body></html>");
    s
}

/// Cycles drawn in "Cycles and coupling", at most (the worst, by rank).
const CYCLES_SHOWN: usize = 3;
/// Hidden-coupling items drawn there, at most.
const COUPLINGS_SHOWN: usize = 4;

/// The worst dependency cycles and hidden coupling items, as the pictures draw them.
fn graph_items(backlog: &Backlog) -> (Vec<cycles::Cycle>, Vec<cycles::Coupling>) {
    let cycle_items = (backlog.items.iter())
        .filter(|i| i.kind == Kind::DependencyCycle && !i.uses.is_empty())
        .take(CYCLES_SHOWN)
        .map(|i| {
            let mut members: Vec<String> = std::iter::once(&i.location)
                .chain(&i.related)
                .map(|l| l.path.clone())
                .collect();
            members.sort();
            members.dedup();
            let what = match cycles::is_tangle(&i.uses) {
                true => "tangle",
                false => "cycle",
            };
            cycles::Cycle {
                heading: format!(
                    "#{} · {what} of {} files · score {:.1}",
                    i.rank,
                    members.len(),
                    i.score
                ),
                anchor: anchor(i),
                members,
                uses: i.uses.clone(),
            }
        })
        .collect();
    let coupling_items = (backlog.items.iter())
        .filter(|i| i.kind == Kind::HiddenCoupling && !i.coupled.is_empty())
        .take(COUPLINGS_SHOWN)
        .map(|i| cycles::Coupling {
            heading: format!(
                "#{} · hidden coupling of {} files · score {:.1}",
                i.rank,
                1 + i.related.len(),
                i.score
            ),
            anchor: anchor(i),
            pairs: i.coupled.clone(),
        })
        .collect();
    (cycle_items, coupling_items)
}

/// Explanation lines per row, at most: the rest (long lists of fix commits) is one
/// `debtscan explain` away. Rows past [`FULL_ROWS`] show fewer, so that a 1,000-item page of a
/// 2,000-file repository stays under 2 MB (README, "HTML report").
const MAX_REASONS: usize = 10;
/// The rows that show [`MAX_REASONS`] lines; the rest show [`SHORT_REASONS`].
const FULL_ROWS: usize = 100;
const SHORT_REASONS: usize = 4;

/// The backlog table: controls, then one row per item with its details.
fn table(s: &mut String, backlog: &Backlog, series: &[Kind]) {
    let roles: std::collections::BTreeSet<&str> =
        backlog.items.iter().map(|i| i.role.as_str()).collect();
    s.push_str("<section id=\"backlog\"><h2>Backlog</h2><p class=\"caption\">Ranked by score; open a title for why it ranks there and what to do. Sort by a column, filter by kind, role or path.</p>");
    s.push_str(
        "<div class=\"controls\"><label>Kind <select id=\"f-kind\"><option value=\"\">all</option>",
    );
    for k in series {
        let _ = write!(s, "<option>{}</option>", k.as_str());
    }
    s.push_str(
        "</select></label><label>Role <select id=\"f-role\"><option value=\"\">all</option>",
    );
    for r in roles {
        let _ = write!(s, "<option>{}</option>", esc(r));
    }
    s.push_str("</select></label><label>Path <input id=\"f-path\" type=\"search\" placeholder=\"src/\"></label><span id=\"f-count\" aria-live=\"polite\"></span></div>");
    s.push_str("<table id=\"backlog-table\"><thead><tr><th data-type=\"num\"><button type=\"button\">Rank</button></th><th data-type=\"num\"><button type=\"button\">Score</button></th><th><button type=\"button\">Severity</button></th><th><button type=\"button\">Kind</button></th><th>Item</th><th><button type=\"button\">Where</button></th></tr></thead><tbody>\n");
    for item in &backlog.items {
        let severity = item.severity.as_deref().unwrap_or("");
        // The symbol is in the title.
        let place = format!("{}:{}", item.location.path, item.location.start_line);
        let _ = write!(
            s,
            "<tr id=\"{}\"{}><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"sev-{sev}\">{sev}</td><td>{kind}</td><td><details><summary>{}</summary>",
            esc(&anchor(item)),
            // Most rows are production code: the filter reads a missing role as that.
            match item.role {
                crate::model::Role::Production => String::new(),
                role => format!(" data-role=\"{}\"", role.as_str()),
            },
            item.rank,
            item.score,
            esc_text(&item.title),
            sev = esc(severity),
            kind = item.kind.as_str(),
        );
        let _ = write!(s, "<p>{}</p><ul>", esc_text(&item.summary));
        let shown = match item.rank <= FULL_ROWS {
            true => MAX_REASONS,
            false => SHORT_REASONS,
        };
        for reason in item.explanation.iter().take(shown) {
            let _ = write!(s, "<li>{}</li>", esc_text(reason));
        }
        if item.explanation.len() > shown {
            // The id is on the row's last line.
            let _ = write!(
                s,
                "<li>and {} more: <code>debtscan explain ID</code></li>",
                item.explanation.len() - shown,
            );
        }
        s.push_str("</ul>");
        if !item.related.is_empty() {
            s.push_str("<p>Also at: ");
            let places: Vec<String> = (item.related.iter().take(30))
                .map(|l| format!("<code>{}:{}</code>", esc_text(&l.path), l.start_line))
                .collect();
            s.push_str(&places.join(", "));
            if item.related.len() > 30 {
                let _ = write!(s, " and {} more", item.related.len() - 30);
            }
            s.push_str("</p>");
        }
        // The advice is the kind's, written once below the table.
        let _ = write!(
            s,
            "<p><a href=\"#do-{}\">What to do</a> · <code>{}</code>",
            item.kind.as_str(),
            esc(&item.id)
        );
        if let Some(link) = &item.permalink {
            let _ = write!(s, " · <a href=\"{}\">code</a>", esc(link));
        }
        let _ = writeln!(
            s,
            "</p></details></td><td><code>{}</code></td></tr>",
            esc_text(&place)
        );
    }
    s.push_str("</tbody></table></section>\n<section id=\"todo\"><h2>What to do, by kind</h2><dl>");
    for k in series {
        let rule = rules::rule(*k);
        let _ = write!(
            s,
            "<dt id=\"do-{}\"><b>{}</b></dt><dd>{} {}</dd>",
            k.as_str(),
            k.as_str(),
            esc(rule.short),
            esc(rule.help)
        );
    }
    s.push_str("</dl></section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_named_and_placed_alike_in_every_report() {
        assert_eq!(display_tag("todo"), "TODO");
        assert_eq!(display_tag("Workaround"), "WORKAROUND");
        assert_eq!(display_tag("unimplemented!"), "unimplemented!");
        assert_eq!(display_tag("NotImplementedError"), "NotImplementedError");
        // TODO keeps the first colour whatever else the repository has.
        assert_eq!(TAG_ORDER[0], "TODO");
    }

    #[test]
    fn escaping_covers_text_and_attributes() {
        assert_eq!(
            esc("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            esc_text("</script> it's \"&\""),
            "&lt;/script&gt; it's \"&amp;\""
        );
    }
}
