//! What debtscan remembers about an issue, kept in the issue itself: the item id marker
//! `<!-- debtscan:ID -->` that the body already carries, and one more hidden comment,
//! `<!-- debtscan-state {…} -->`, with the JSON below. Keeping it in the issue rather than in a
//! state file means a nightly job needs no storage of its own, a crash between two writes
//! loses nothing, and two jobs (or a job and a person copying an issue) cannot disagree about
//! a file they both hold.

use serde::{Deserialize, Serialize};

use crate::model::{DebtItem, Resolution};

/// The opening of the state comment.
const OPEN: &str = "<!-- debtscan-state ";
/// The opening of the item id marker (`report::tracker` writes it).
const ID_OPEN: &str = "<!-- debtscan:";
/// The end of either comment.
const CLOSE: &str = " -->";

/// What debtscan last wrote to an issue and what it has seen since.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct State {
    /// The title debtscan last wrote: a title that differs was edited by a person, and stays.
    pub title: String,
    /// The item's weak id, to find it again after a move when the run has no baseline.
    pub weak: String,
    /// The item's path and symbol, to tell fixed from vanished when it is gone.
    pub path: String,
    /// See `path`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// What an update is for ([`digest`]): the body is rewritten only when this changes, not
    /// for every line shift or new commit in a permalink.
    pub digest: String,
    /// Complete runs in a row without the item.
    #[serde(skip_serializing_if = "is_zero")]
    pub absent: u32,
    /// The run that last counted an absence, so that a rerun of the same run counts once.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub counted: String,
    /// Set when debtscan closed the issue (`fixed`, `vanished`, `unknown`): only such issues
    /// are reopened, and a person who reopens one has the last word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed: Option<Resolution>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl State {
    /// The state of a freshly written issue of `item`.
    pub fn of(item: &DebtItem) -> State {
        State {
            title: item.title.clone(),
            weak: item.weak_id.clone(),
            path: item.location.path.clone(),
            symbol: item.location.symbol.clone(),
            digest: digest(item),
            ..State::default()
        }
    }

    /// The hidden comment, one line. `>` is escaped inside the JSON so that no title can end
    /// the comment early.
    pub fn comment(&self) -> String {
        let json = serde_json::to_string(self).unwrap_or_else(|_| "{}".into());
        format!("{OPEN}{}{CLOSE}", json.replace('>', "\\u003e"))
    }
}

/// What in an item makes its issue worth a write: the title, severity, kind, place (path and
/// symbol, not the line, which shifts with every edit above it), the marker text and owner,
/// the related places and the suggested assignees. Figures and permalinks change nightly
/// and are refreshed only with one of these.
pub fn digest(item: &DebtItem) -> String {
    let mut key = format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
        item.title,
        item.severity.as_deref().unwrap_or(""),
        item.kind.as_str(),
        item.location.path,
        item.location.symbol.as_deref().unwrap_or("")
    );
    if let Some(m) = &item.marker {
        key.push_str(&format!("\u{1f}{}\u{1f}{:?}", m.text, m.owner));
    }
    for l in &item.related {
        key.push_str(&format!("\u{1f}{}", l.path));
    }
    for a in &item.suggested_assignees {
        key.push_str(&format!("\u{1f}{:?}", a.login));
    }
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

/// The item id an issue body names (`<!-- debtscan:ID -->`).
pub fn item_id(body: &str) -> Option<&str> {
    let start = body.find(ID_OPEN)? + ID_OPEN.len();
    let rest = &body[start..];
    let id = rest[..rest.find(CLOSE)?].trim();
    (!id.is_empty() && !id.contains(char::is_whitespace)).then_some(id)
}

/// The state comment in an issue body; the default state when there is none or it does not
/// parse (a person edited it: the issue is then treated as one debtscan has not written yet,
/// which at worst rewrites its body once).
pub fn read(body: &str) -> State {
    let Some(start) = body.find(OPEN).map(|i| i + OPEN.len()) else {
        return State::default();
    };
    let rest = &body[start..];
    let Some(end) = rest.find(CLOSE) else {
        return State::default();
    };
    serde_json::from_str(&rest[..end]).unwrap_or_default()
}

/// `body` with its state comment replaced by `state`'s (or added at the end).
pub fn replace(body: &str, state: &State) -> String {
    let comment = state.comment();
    if let Some(start) = body.find(OPEN) {
        if let Some(len) = body[start..].find(CLOSE) {
            let end = start + len + CLOSE.len();
            return format!("{}{comment}{}", &body[..start], &body[end..]);
        }
    }
    let mut out = body.trim_end().to_string();
    out.push('\n');
    out.push_str(&comment);
    out.push('\n');
    out
}

/// A body as trackers give it back, for comparison: Redmine stores CRLF line ends, and some
/// trackers trim trailing white space.
pub fn normalize(body: &str) -> String {
    body.replace("\r\n", "\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_state_survives_a_round_trip_through_a_body() {
        let state = State {
            title: "TODO in `a -->b` (src/a.rs)".into(),
            weak: "w1:abc".into(),
            path: "src/a.rs".into(),
            symbol: Some("run".into()),
            digest: "00ff".into(),
            absent: 2,
            counted: "abc123".into(),
            closed: Some(Resolution::Fixed),
        };
        let body = "Some text.\n\n<!-- debtscan:v1:0123456789abcdef -->\n";
        let written = replace(body, &state);
        assert!(!state.comment()[OPEN.len()..].contains("-->b"));
        assert_eq!(read(&written), state);
        assert_eq!(item_id(&written), Some("v1:0123456789abcdef"));
        // Written again, the comment is replaced, not added.
        let again = replace(&written, &State::default());
        assert_eq!(again.matches(OPEN).count(), 1);
        assert_eq!(read(&again), State::default());
        // CRLF bodies (Redmine) read the same.
        assert_eq!(read(&written.replace('\n', "\r\n")), state);
    }

    #[test]
    fn a_body_without_or_with_a_broken_state_reads_as_default() {
        assert_eq!(read("no state here"), State::default());
        assert_eq!(read("<!-- debtscan-state {not json -->"), State::default());
        assert_eq!(read("<!-- debtscan-state {\"absent\":1}"), State::default());
        assert_eq!(item_id("<!-- debtscan: -->"), None);
        assert_eq!(item_id("text"), None);
    }
}
