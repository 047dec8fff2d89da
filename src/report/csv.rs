//! The backlog as CSV (RFC 4180), one row per item, for spreadsheets.

use crate::model::Backlog;

/// The header row.
pub const HEADER: [&str; 20] = [
    "rank",
    "score",
    "kind",
    "id",
    "path",
    "start_line",
    "end_line",
    "symbol",
    "title",
    "summary",
    "tag",
    "owner",
    "issue",
    "due",
    "related",
    "baseline_state",
    "severity",
    "interest",
    "weak_id",
    "explanation",
];

/// Renders `backlog` as CSV: `related` as `path:line` joined by spaces, `explanation` joined
/// by ` · `.
pub fn render(backlog: &Backlog) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    // Writing to memory cannot fail.
    let _ = w.write_record(HEADER);
    for i in &backlog.items {
        let m = i.marker.as_ref();
        let opt = |v: Option<&String>| v.cloned().unwrap_or_default();
        let related: Vec<String> = i
            .related
            .iter()
            .map(|l| format!("{}:{}", l.path, l.start_line))
            .collect();
        let _ = w.write_record([
            i.rank.to_string(),
            format!("{:.1}", i.score),
            i.kind.as_str().to_string(),
            i.id.clone(),
            i.location.path.clone(),
            i.location.start_line.to_string(),
            i.location.end_line.to_string(),
            opt(i.location.symbol.as_ref()),
            i.title.clone(),
            i.summary.clone(),
            m.map(|m| m.tag.clone()).unwrap_or_default(),
            opt(m.and_then(|m| m.owner.as_ref())),
            opt(m.and_then(|m| m.issue.as_ref())),
            opt(m.and_then(|m| m.due.as_ref())),
            related.join(" "),
            i.baseline_state
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            format!("{}", i.signals.severity),
            format!("{}", i.signals.interest),
            i.weak_id.clone(),
            i.explanation.join(" · "),
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
