//! `debtscan sync`: keeps one tracker issue per backlog item (README, "Syncing with a
//! tracker"). [`plan`] decides from the backlog and the listed issues, purely; [`state`] is
//! what each issue remembers; the trackers ([`github`], [`gitlab`], [`redmine`]) list, create
//! and update issues through [`http`], one write at a time.

pub mod github;
pub mod gitlab;
pub mod http;
pub mod plan;
pub mod redmine;
pub mod state;

use serde::{Deserialize, Serialize};

pub use http::HttpError;
pub use plan::{Action, Plan, Rules};

/// An issue as a tracker lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// The number people use: GitHub's number, GitLab's iid, Redmine's id.
    pub number: u64,
    /// The title (Redmine's subject).
    pub title: String,
    /// The body (GitLab's and Redmine's description), as stored.
    pub body: String,
    /// Open (not closed, whatever the workflow calls it).
    pub open: bool,
    /// It carries the debtscan label (GitHub, GitLab) or a value in the id field (Redmine):
    /// an issue without it has been opted out by a person.
    pub managed: bool,
    /// Closed as not planned (GitHub's state reason) or Rejected (Redmine's status).
    pub declined: bool,
    /// The item id in Redmine's id field (trackers with labels keep it in the body only).
    pub field_id: Option<String>,
}

/// A change to an existing issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transition {
    /// Close it (as completed).
    Close,
    /// Reopen it.
    Reopen,
}

/// One issue update: body always, the rest when set.
#[derive(Debug, Clone, Copy)]
pub struct Change<'a> {
    /// The item id the issue tracks (Redmine writes it to its id field).
    pub item: &'a str,
    /// A new title.
    pub title: Option<&'a str>,
    /// The new body.
    pub body: &'a str,
    /// Close or reopen.
    pub transition: Option<Transition>,
    /// A comment to add.
    pub comment: Option<&'a str>,
}

/// What `sync` needs from a tracker.
pub trait Tracker {
    /// `github`, `gitlab` or `redmine`.
    fn name(&self) -> &'static str;
    /// The repository or project, as the plan names it.
    fn project(&self) -> String;
    /// Every issue debtscan manages (open and closed), plus the token user's own issues, so an
    /// issue whose label a person removed is seen (and never duplicated).
    fn list(&mut self) -> Result<Vec<Issue>, HttpError>;
    /// Opens an issue; returns its number.
    fn create(
        &mut self,
        item: &str,
        title: &str,
        body: &str,
        assignees: &[String],
    ) -> Result<u64, HttpError>;
    /// Updates an issue.
    fn update(&mut self, number: u64, change: &Change) -> Result<(), HttpError>;
}

/// What happened to one action when a plan was applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// create, update, close, reopen.
    pub action: String,
    /// The issue number (for a create, the new issue's).
    pub issue: u64,
    /// The item id.
    pub item: String,
}

/// Runs `actions` in order (a plan made from a fresh listing, or the part of a reviewed plan
/// that a fresh plan still wants). Stops at the first failure and returns what was done, so
/// the caller can say how far it got; a rerun lists the issues again and plans from what the
/// tracker holds, so it makes no duplicate.
pub fn apply(tracker: &mut dyn Tracker, actions: &[Action]) -> (Vec<Done>, Option<HttpError>) {
    let mut done = Vec::new();
    for action in actions {
        let result = match (action, change(action)) {
            (
                Action::Create {
                    item,
                    title,
                    body,
                    assignees,
                    ..
                },
                _,
            ) => tracker.create(item, title, body, assignees),
            (_, Some((issue, change))) => tracker.update(issue, &change).map(|()| issue),
            (_, None) => unreachable!("every action but a create changes an issue"),
        };
        match result {
            Ok(issue) => done.push(Done {
                action: action.verb().to_string(),
                issue,
                item: action.item().to_string(),
            }),
            Err(e) => return (done, Some(e)),
        }
    }
    (done, None)
}

/// The issue an update, close or reopen changes, and how; `None` for a create.
fn change(action: &Action) -> Option<(u64, Change<'_>)> {
    let (issue, item, title, body, transition, comment) = match action {
        Action::Create { .. } => return None,
        Action::Update {
            issue,
            item,
            title,
            body,
            ..
        } => (issue, item, title.as_deref(), body, None, None),
        Action::Close {
            issue,
            item,
            body,
            comment,
            ..
        } => (
            issue,
            item,
            None,
            body,
            Some(Transition::Close),
            Some(comment),
        ),
        Action::Reopen {
            issue,
            item,
            title,
            body,
            comment,
        } => (
            issue,
            item,
            title.as_deref(),
            body,
            Some(Transition::Reopen),
            Some(comment),
        ),
    };
    let change = Change {
        item,
        title,
        body,
        transition,
        comment: comment.map(String::as_str),
    };
    Some((*issue, change))
}

/// Adds `issue` to `out` unless it is there (an issue both labelled and the token user's).
pub(crate) fn add_new(out: &mut Vec<Issue>, issue: Issue) {
    if !out.iter().any(|o| o.number == issue.number) {
        out.push(issue);
    }
}

/// The next page of a GitHub-style `Link` header.
pub(crate) fn next_link(link: Option<&str>) -> Option<String> {
    link?.split(',').find_map(|part| {
        let (url, rel) = part.split_once(';')?;
        rel.contains("rel=\"next\"").then(|| {
            url.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
    })
}

/// Percent-encodes a query value or path segment.
pub(crate) fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_headers_give_the_next_page() {
        let link = r#"<https://api.github.com/repositories/1/issues?page=2>; rel="next", <https://api.github.com/repositories/1/issues?page=5>; rel="last""#;
        assert_eq!(
            next_link(Some(link)).as_deref(),
            Some("https://api.github.com/repositories/1/issues?page=2")
        );
        assert_eq!(next_link(Some(r#"<https://x/?page=1>; rel="prev""#)), None);
        assert_eq!(next_link(None), None);
    }
}
