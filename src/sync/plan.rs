//! The planner: from a backlog and the issues a tracker lists, what to create, update, close
//! and reopen, and what to leave alone and why (README, "Syncing with a tracker"). Pure: no
//! I/O, so every rule is a row of the table test below.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::model::{Backlog, DebtItem, Resolution};

use super::state::{self, State};
use super::Issue;

/// The plan's file format version.
pub const PLAN_VERSION: u32 = 1;

/// The severity levels, lowest first.
pub const LEVELS: [&str; 5] = ["info", "minor", "major", "critical", "blocker"];

/// What the planner is told.
#[derive(Debug, Clone)]
pub struct Rules {
    /// Items under this score get no new issue (existing issues are still kept up to date).
    pub min_score: f64,
    /// Items under this severity level get no new issue.
    pub min_severity: &'static str,
    /// New issues per run, at most; the highest ranked first.
    pub max_create: usize,
    /// An issue is closed once its item has been absent from this many runs.
    pub close_after: u32,
    /// This run's key: an absence is counted once per key.
    pub run: String,
}

/// One write to the tracker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "kebab-case")]
pub enum Action {
    /// Open an issue for an item.
    Create {
        /// The item id.
        item: String,
        /// The issue title.
        title: String,
        /// The issue body, with the hidden id and state.
        body: String,
        /// Tracker logins to assign, when the tracker takes them.
        assignees: Vec<String>,
        /// The item's score, for the table.
        score: f64,
    },
    /// Rewrite an open issue's body (and title, unless a person edited it).
    Update {
        /// The issue number.
        issue: u64,
        /// The item id the issue now tracks.
        item: String,
        /// The new title, when debtscan's title changed and the issue still has the old one.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        title: Option<String>,
        /// The new body.
        body: String,
        /// Why, for the table.
        why: String,
    },
    /// Close an issue whose item has been absent from enough runs.
    Close {
        /// The issue number.
        issue: u64,
        /// The item id.
        item: String,
        /// Fixed (code still there), vanished (gone with its code) or unknown.
        resolution: Resolution,
        /// The body with the state that says debtscan closed it.
        body: String,
        /// The closing comment.
        comment: String,
    },
    /// Reopen an issue debtscan closed whose item is back.
    Reopen {
        /// The issue number.
        issue: u64,
        /// The item id.
        item: String,
        /// The new title, as for an update.
        #[serde(skip_serializing_if = "Option::is_none", default)]
        title: Option<String>,
        /// The new body.
        body: String,
        /// The reopening comment.
        comment: String,
    },
}

impl Action {
    /// The verb, as the table and the counts name it.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Create { .. } => "create",
            Action::Update { .. } => "update",
            Action::Close { .. } => "close",
            Action::Reopen { .. } => "reopen",
        }
    }

    /// The issue number, for all but a create.
    pub fn issue(&self) -> Option<u64> {
        match self {
            Action::Create { .. } => None,
            Action::Update { issue, .. }
            | Action::Close { issue, .. }
            | Action::Reopen { issue, .. } => Some(*issue),
        }
    }

    /// The item id.
    pub fn item(&self) -> &str {
        match self {
            Action::Create { item, .. }
            | Action::Update { item, .. }
            | Action::Close { item, .. }
            | Action::Reopen { item, .. } => item,
        }
    }
}

/// An issue debtscan will not touch, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeftAlone {
    /// The issue number.
    pub issue: u64,
    /// The item id it names.
    pub item: String,
    /// Why.
    pub why: String,
}

/// Counts of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanCounts {
    /// Issues to open.
    pub create: usize,
    /// Issues to rewrite.
    pub update: usize,
    /// Issues to close.
    pub close: usize,
    /// Issues to reopen.
    pub reopen: usize,
    /// Issues left alone (see `left_alone`).
    pub left_alone: usize,
    /// Items that would get an issue but for `--max-create`: next run's.
    pub deferred: usize,
    /// Items under `--min-score`/`--min-severity` without an issue.
    pub below_threshold: usize,
    /// Open issues whose item is present and unchanged: nothing to write.
    pub up_to_date: usize,
}

/// What a sync will do: written by `--dry-run`, read by `--apply`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// [`PLAN_VERSION`].
    pub schema_version: u32,
    /// `github`, `gitlab` or `redmine`.
    pub tracker: String,
    /// The repository or project on the tracker.
    pub project: String,
    /// The run key absences were counted with.
    pub run: String,
    /// Counts.
    pub counts: PlanCounts,
    /// The writes, in order.
    pub actions: Vec<Action>,
    /// Issues not touched, and why.
    pub left_alone: Vec<LeftAlone>,
}

/// A listed issue with what its body says.
struct Listed<'a> {
    issue: &'a Issue,
    id: String,
    state: State,
}

/// Plans a sync of `backlog` against `issues` (every issue the tracker lists as debtscan's or
/// the token user's; issues without a debtscan id are ignored).
pub fn plan(
    backlog: &Backlog,
    issues: &[Issue],
    rules: &Rules,
) -> (Vec<Action>, Vec<LeftAlone>, PlanCounts) {
    let items = &backlog.items;
    let by_id: HashMap<&str, &DebtItem> = items.iter().map(|i| (i.id.as_str(), i)).collect();
    let by_old: HashMap<&str, &DebtItem> = (items.iter())
        .filter_map(|i| Some((i.baseline_id.as_deref()?, i)))
        .collect();
    let mut weak_count: HashMap<&str, usize> = HashMap::new();
    for i in items {
        *weak_count.entry(i.weak_id.as_str()).or_default() += 1;
    }

    let listed: Vec<Listed> = (issues.iter())
        .filter_map(|issue| {
            let id = (issue.field_id.clone())
                .filter(|s| !s.is_empty())
                .or_else(|| state::item_id(&issue.body).map(str::to_string))?;
            Some(Listed {
                issue,
                id,
                state: state::read(&issue.body),
            })
        })
        .collect();

    // Each issue's item: by id, then by the id the item had in the baseline (moved, reworded),
    // then, for issues still without one, by weak id when exactly one item has it.
    let mut target: Vec<Option<&DebtItem>> = (listed.iter())
        .map(|l| {
            by_id
                .get(l.id.as_str())
                .or_else(|| by_old.get(l.id.as_str()))
                .copied()
        })
        .collect();
    let claimed: std::collections::HashSet<&str> =
        target.iter().flatten().map(|i| i.id.as_str()).collect();
    for (l, t) in listed.iter().zip(target.iter_mut()) {
        if t.is_none()
            && !l.state.weak.is_empty()
            && weak_count.get(l.state.weak.as_str()) == Some(&1)
        {
            *t = items
                .iter()
                .find(|i| i.weak_id == l.state.weak && !claimed.contains(i.id.as_str()));
        }
    }

    // One issue per item: a managed open issue first, then the lowest number; the others are
    // duplicates a person made or an older bug left, and are left alone.
    let mut per_item: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (n, t) in target.iter().enumerate() {
        let key = t.map_or(listed[n].id.as_str(), |i| i.id.as_str());
        per_item.entry(key).or_default().push(n);
    }
    let mut actions = Vec::new();
    let mut left = Vec::new();
    let mut counts = PlanCounts::default();
    let mut has_issue: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let gone: HashMap<&str, Resolution> = (backlog.summary.baseline.iter())
        .flat_map(|b| b.gone.iter().map(|g| (g.id.as_str(), g.resolution)))
        .collect();

    for (key, mut ns) in per_item {
        ns.sort_by_key(|&n| {
            let i = listed[n].issue;
            (!i.managed, !i.open, i.number)
        });
        let first = ns[0];
        for &n in &ns[1..] {
            left.push(LeftAlone {
                issue: listed[n].issue.number,
                item: listed[n].id.clone(),
                why: format!(
                    "another issue, #{}, tracks the same item",
                    listed[first].issue.number
                ),
            });
        }
        let l = &listed[first];
        let item = target[first];
        if let Some(item) = item {
            has_issue.insert(item.id.as_str());
        }
        let alone = |why: &str| LeftAlone {
            issue: l.issue.number,
            item: l.id.clone(),
            why: why.to_string(),
        };
        if !l.issue.managed {
            if item.is_some() {
                left.push(alone("its debtscan label was removed: opted out"));
            }
            continue;
        }
        match (item, l.issue.open) {
            (Some(item), true) => match refresh(l, item) {
                Refresh {
                    why: Some(why),
                    title,
                    body,
                } => actions.push(Action::Update {
                    issue: l.issue.number,
                    item: item.id.clone(),
                    title,
                    body,
                    why: why.to_string(),
                }),
                Refresh { why: None, .. } => counts.up_to_date += 1,
            },
            (Some(item), false) => {
                if l.state.closed.is_none() {
                    left.push(alone("closed by a person while the item is still there"));
                } else if l.issue.declined {
                    left.push(alone("closed as not planned"));
                } else {
                    let Refresh { title, body, .. } = refresh(l, item);
                    actions.push(Action::Reopen {
                        issue: l.issue.number,
                        item: item.id.clone(),
                        title,
                        body,
                        comment: format!(
                            "debtscan finds this item again at `{}` (score {:.1}), so it reopens the issue it had closed.",
                            item.location.path, item.score
                        ),
                    });
                }
            }
            (None, true) => {
                if l.state.closed.is_some() {
                    left.push(alone("reopened by a person after debtscan closed it"));
                    continue;
                }
                if l.state.counted == rules.run {
                    // This run was counted already (a rerun): nothing new to say.
                    counts.up_to_date += 1;
                    continue;
                }
                let mut st = l.state.clone();
                st.absent += 1;
                st.counted = rules.run.clone();
                if st.absent >= rules.close_after {
                    let resolution = gone
                        .get(key)
                        .copied()
                        .unwrap_or_else(|| resolve(backlog, &st));
                    st.closed = Some(resolution);
                    actions.push(Action::Close {
                        issue: l.issue.number,
                        item: l.id.clone(),
                        resolution,
                        body: state::replace(&state::normalize(&l.issue.body), &st),
                        comment: closing_words(resolution, &st, rules),
                    });
                } else {
                    actions.push(Action::Update {
                        issue: l.issue.number,
                        item: l.id.clone(),
                        title: None,
                        body: state::replace(&state::normalize(&l.issue.body), &st),
                        why: format!(
                            "absent ({} of {} runs before it closes)",
                            st.absent, rules.close_after
                        ),
                    });
                }
            }
            (None, false) => {}
        }
    }

    let floor = LEVELS
        .iter()
        .position(|l| *l == rules.min_severity)
        .unwrap_or(0);
    for item in items.iter().filter(|i| !has_issue.contains(i.id.as_str())) {
        let level = LEVELS
            .iter()
            .position(|l| Some(*l) == item.severity.as_deref())
            .unwrap_or(0);
        if item.score < rules.min_score || level < floor {
            counts.below_threshold += 1;
            continue;
        }
        if counts.create >= rules.max_create {
            counts.deferred += 1;
            continue;
        }
        counts.create += 1;
        actions.push(Action::Create {
            item: item.id.clone(),
            title: item.title.clone(),
            body: state::replace(item.body.as_deref().unwrap_or(""), &State::of(item)),
            assignees: (item.suggested_assignees.iter())
                .filter_map(|a| a.login.clone())
                .collect(),
            score: item.score,
        });
    }
    for a in &actions {
        match a {
            Action::Create { .. } => {}
            Action::Update { .. } => counts.update += 1,
            Action::Close { .. } => counts.close += 1,
            Action::Reopen { .. } => counts.reopen += 1,
        }
    }
    left.sort_by_key(|l| l.issue);
    counts.left_alone = left.len();
    (actions, left, counts)
}

/// The actions of a reviewed plan that a fresh plan (from the issues as they are now) still
/// wants, matched by verb, issue and item; and how many it dropped as stale. A create whose
/// issue a crashed run already made, a close a person beat debtscan to, an update of an issue
/// since opted out: all dropped, so that applying a plan twice, or late, does no harm.
pub fn still_wanted(reviewed: &[Action], fresh: &[Action]) -> (Vec<Action>, usize) {
    let key = |a: &Action| (a.verb(), a.issue(), a.item().to_string());
    let wanted: std::collections::HashSet<_> = fresh.iter().map(key).collect();
    let keep: Vec<Action> = (reviewed.iter())
        .filter(|a| wanted.contains(&key(a)))
        .cloned()
        .collect();
    let stale = reviewed.len() - keep.len();
    (keep, stale)
}

/// What the issue of a present item should say.
struct Refresh {
    /// A new title, unless the issue has it or a person wrote their own.
    title: Option<String>,
    /// The body, with the item's state.
    body: String,
    /// Why it needs a write; `None` when it says all this already (same id and digest, no
    /// absence or closing to clear).
    why: Option<&'static str>,
}

fn refresh(l: &Listed, item: &DebtItem) -> Refresh {
    let old = &l.state;
    let digest = state::digest(item);
    // A title that is not the one debtscan last wrote was edited by a person: it stays, and
    // the state keeps debtscan's, so that later runs see the edit too.
    let human_title = !old.title.is_empty() && squash(&l.issue.title) != squash(&old.title);
    let title =
        (!human_title && squash(&l.issue.title) != squash(&item.title)).then(|| item.title.clone());
    let why = if l.id != item.id {
        Some(if item.location.path != old.path {
            "moved"
        } else {
            "reworded or changed"
        })
    } else if old.absent > 0 || old.closed.is_some() {
        Some("back")
    } else if old.digest != digest {
        Some("changed")
    } else if title.is_some() {
        Some("title")
    } else {
        None
    };
    let mut st = State::of(item);
    if human_title {
        st.title = old.title.clone();
    }
    let body = state::replace(item.body.as_deref().unwrap_or(""), &st);
    Refresh { title, body, why }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fixed or vanished, from the run's code index and where the item was.
fn resolve(backlog: &Backlog, st: &State) -> Resolution {
    match &backlog.code_index {
        Some(index) if !st.path.is_empty() => {
            if index.contains(&st.path, st.symbol.as_deref()) {
                Resolution::Fixed
            } else {
                Resolution::Vanished
            }
        }
        _ => Resolution::Unknown,
    }
}

fn closing_words(resolution: Resolution, st: &State, rules: &Rules) -> String {
    let place = match &st.symbol {
        Some(s) => format!("`{s}` in `{}`", st.path),
        None => format!("`{}`", st.path),
    };
    let what = match resolution {
        Resolution::Fixed => format!("Fixed: {place} is still there and this item is no longer in it."),
        Resolution::Vanished => format!(
            "Vanished: {place} is gone (deleted, renamed beyond recognition or rewritten), and the item with it. Nobody fixed it as such: if the new code has the same problem, debtscan will open a new issue for it."
        ),
        Resolution::Unknown => "debtscan no longer finds this item.".to_string(),
    };
    format!(
        "{what}\n\nClosed by debtscan after {} runs without the item (the last: `{}`). If it comes back, debtscan reopens this issue.",
        rules.close_after, rules.run
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CodeIndex, GoneItem, Kind, Location, Signals};

    /// An item `id` with weak id `weak` in `path`::`symbol`, titled `title`, scored `score`.
    fn item(id: &str, weak: &str, path: &str, symbol: &str, title: &str, score: f64) -> DebtItem {
        DebtItem {
            id: id.into(),
            weak_id: weak.into(),
            kind: Kind::Todo,
            rank: 0,
            score,
            title: title.into(),
            summary: title.into(),
            severity: Some(if score >= 40.0 { "major" } else { "minor" }.into()),
            permalink: None,
            body: Some(format!("{title}\n\n<!-- debtscan:{id} -->\n")),
            suggested_assignees: Vec::new(),
            location: Location {
                path: path.into(),
                start_line: 3,
                end_line: 3,
                symbol: Some(symbol.into()),
            },
            related: Vec::new(),
            role: Default::default(),
            signals: Signals::default(),
            explanation: Vec::new(),
            marker: None,
            coverage: None,
            baseline_state: None,
            baseline_score: None,
            baseline_id: None,
            uses: Vec::new(),
            coupled: Vec::new(),
        }
    }

    fn a() -> DebtItem {
        item("v1:a", "w:a", "src/a.rs", "run", "TODO: retry", 50.0)
    }

    fn b() -> DebtItem {
        item("v1:b", "w:b", "src/b.rs", "load", "FIXME: leak", 45.0)
    }

    /// An open, managed issue #`n` written by debtscan for `it` (its state as of that write).
    fn issue_of(n: u64, it: &DebtItem) -> Issue {
        Issue {
            number: n,
            title: it.title.clone(),
            body: state::replace(it.body.as_deref().unwrap(), &State::of(it)),
            open: true,
            managed: true,
            declined: false,
            field_id: None,
        }
    }

    /// `issue` with its state changed by `f`.
    fn with_state(mut issue: Issue, f: impl FnOnce(&mut State)) -> Issue {
        let mut st = state::read(&issue.body);
        f(&mut st);
        issue.body = state::replace(&issue.body, &st);
        issue
    }

    fn closed(mut issue: Issue) -> Issue {
        issue.open = false;
        issue
    }

    fn backlog(items: Vec<DebtItem>) -> Backlog {
        let empty = r#"{"schema_version": 1, "tool": {"name": "debtscan", "version": "0"},
            "repository": {"root": ".", "head": "c1", "branch": null, "history":
            {"available": true, "commits_analyzed": 1, "since": null, "max_commits": null,
            "first_parent": false, "shallow": false, "excluded": []}},
            "summary": {"items": 0, "by_kind": {}, "files_scanned": 0,
            "skipped_files": [], "partial_files": [], "warnings": []},
            "scoring": {}, "items": []}"#;
        let mut b = crate::diff::parse(empty).expect("a backlog");
        b.summary.items = items.len();
        b.items = items;
        b
    }

    fn rules() -> Rules {
        Rules {
            min_score: 0.0,
            min_severity: "info",
            max_create: 10,
            close_after: 3,
            run: "c1".into(),
        }
    }

    /// The plan, one line per action and per issue left alone.
    fn outline(b: &Backlog, issues: &[Issue], r: &Rules) -> Vec<String> {
        let (actions, left, counts) = plan(b, issues, r);
        let mut out: Vec<String> = (actions.iter())
            .map(|a| match a {
                Action::Create { item, .. } => format!("create {item}"),
                Action::Update {
                    issue,
                    item,
                    title,
                    why,
                    ..
                } => match title {
                    Some(t) => format!("update #{issue} {item} ({why}, title: {t})"),
                    None => format!("update #{issue} {item} ({why})"),
                },
                Action::Close {
                    issue, resolution, ..
                } => format!("close #{issue} {resolution:?}"),
                Action::Reopen { issue, item, .. } => format!("reopen #{issue} {item}"),
            })
            .collect();
        out.extend(
            left.iter()
                .map(|l| format!("alone #{}: {}", l.issue, l.why)),
        );
        if counts.deferred > 0 {
            out.push(format!("deferred {}", counts.deferred));
        }
        if counts.below_threshold > 0 {
            out.push(format!("below {}", counts.below_threshold));
        }
        out
    }

    #[test]
    fn planner_rules() {
        let moved = DebtItem {
            id: "v1:a2".into(),
            baseline_id: Some("v1:a".into()),
            location: Location {
                path: "src/net/a.rs".into(),
                ..a().location
            },
            ..a()
        };
        let reworded = DebtItem {
            id: "v1:a3".into(),
            weak_id: "w:a3".into(),
            title: "TODO: retry twice".into(),
            baseline_id: Some("v1:a".into()),
            ..a()
        };
        let renamed = DebtItem {
            title: "TODO: retry with backoff".into(),
            ..a()
        };
        let human_titled = Issue {
            title: "Retry: our plan".into(),
            ..issue_of(1, &a())
        };
        let weak_only = DebtItem {
            id: "v1:a4".into(),
            location: Location {
                path: "lib/a.rs".into(),
                ..a().location
            },
            ..a()
        };
        let twin = DebtItem {
            id: "v1:a5".into(),
            ..a()
        };
        let low = item("v1:c", "w:c", "src/c.rs", "tiny", "TODO: tidy", 5.0);
        let opted_out = Issue {
            managed: false,
            ..issue_of(1, &a())
        };
        let rejected = Issue {
            declined: true,
            ..with_state(closed(issue_of(1, &a())), |s| {
                s.closed = Some(Resolution::Fixed)
            })
        };

        type Row = (
            &'static str,
            Vec<DebtItem>,
            Vec<Issue>,
            Rules,
            Vec<&'static str>,
        );
        let rows: Vec<Row> = vec![
            (
                "a new item gets an issue",
                vec![a()],
                vec![],
                rules(),
                vec!["create v1:a"],
            ),
            (
                "an unchanged item writes nothing",
                vec![a()],
                vec![issue_of(1, &a())],
                rules(),
                vec![],
            ),
            (
                "a line shift or a new permalink writes nothing",
                vec![DebtItem {
                    location: Location {
                        start_line: 40,
                        end_line: 40,
                        ..a().location
                    },
                    permalink: Some("https://x/blob/c2/src/a.rs#L40".into()),
                    ..a()
                }],
                vec![issue_of(1, &a())],
                rules(),
                vec![],
            ),
            (
                "a new title is written",
                vec![renamed.clone()],
                vec![issue_of(1, &a())],
                rules(),
                vec!["update #1 v1:a (changed, title: TODO: retry with backoff)"],
            ),
            (
                "a person's title stays",
                vec![renamed],
                vec![human_titled],
                rules(),
                vec!["update #1 v1:a (changed)"],
            ),
            (
                "a moved item keeps its issue",
                vec![moved],
                vec![issue_of(1, &a())],
                rules(),
                vec!["update #1 v1:a2 (moved)"],
            ),
            (
                "a reworded item keeps its issue",
                vec![reworded],
                vec![issue_of(1, &a())],
                rules(),
                vec!["update #1 v1:a3 (reworded or changed, title: TODO: retry twice)"],
            ),
            (
                "without a baseline, a unique weak id finds the issue",
                vec![weak_only],
                vec![issue_of(1, &a())],
                rules(),
                vec!["update #1 v1:a4 (moved)"],
            ),
            (
                "an ambiguous weak id finds nothing",
                vec![
                    DebtItem {
                        id: "v1:a6".into(),
                        ..a()
                    },
                    twin,
                ],
                vec![issue_of(1, &a())],
                rules(),
                vec![
                    "update #1 v1:a (absent (1 of 3 runs before it closes))",
                    "create v1:a6",
                    "create v1:a5",
                ],
            ),
            (
                "an absence is counted once per run",
                vec![],
                vec![with_state(issue_of(1, &a()), |s| {
                    s.absent = 1;
                    s.counted = "c1".into()
                })],
                rules(),
                vec![],
            ),
            (
                "the third absent run closes (without a code index: unknown)",
                vec![],
                vec![with_state(issue_of(1, &a()), |s| s.absent = 2)],
                rules(),
                vec!["close #1 Unknown"],
            ),
            (
                "an item back before the close is refreshed",
                vec![a()],
                vec![with_state(issue_of(1, &a()), |s| s.absent = 2)],
                rules(),
                vec!["update #1 v1:a (back)"],
            ),
            (
                "close_after 1 closes at once",
                vec![],
                vec![issue_of(1, &a())],
                Rules {
                    close_after: 1,
                    ..rules()
                },
                vec!["close #1 Unknown"],
            ),
            (
                "an item back after debtscan closed it reopens its issue",
                vec![a()],
                vec![with_state(closed(issue_of(1, &a())), |s| {
                    s.closed = Some(Resolution::Fixed)
                })],
                rules(),
                vec!["reopen #1 v1:a"],
            ),
            (
                "an issue closed as not planned is never reopened",
                vec![a()],
                vec![rejected],
                rules(),
                vec!["alone #1: closed as not planned"],
            ),
            (
                "an issue a person closed stays closed",
                vec![a()],
                vec![closed(issue_of(1, &a()))],
                rules(),
                vec!["alone #1: closed by a person while the item is still there"],
            ),
            (
                "an issue a person reopened is not closed again",
                vec![],
                vec![with_state(issue_of(1, &a()), |s| {
                    s.closed = Some(Resolution::Fixed)
                })],
                rules(),
                vec!["alone #1: reopened by a person after debtscan closed it"],
            ),
            (
                "an opted-out issue is left alone and not replaced",
                vec![a()],
                vec![opted_out],
                rules(),
                vec!["alone #1: its debtscan label was removed: opted out"],
            ),
            (
                "a duplicate issue is left alone",
                vec![a()],
                vec![issue_of(4, &a()), issue_of(2, &a())],
                rules(),
                vec!["alone #4: another issue, #2, tracks the same item"],
            ),
            (
                "a closed issue does not win over an open duplicate",
                vec![a()],
                vec![closed(issue_of(2, &a())), issue_of(4, &a())],
                rules(),
                vec!["alone #2: another issue, #4, tracks the same item"],
            ),
            (
                "--max-create takes the first items, the rest wait",
                vec![a(), b()],
                vec![],
                Rules {
                    max_create: 1,
                    ..rules()
                },
                vec!["create v1:a", "deferred 1"],
            ),
            (
                "--min-score and --min-severity keep small items out",
                vec![a(), low.clone()],
                vec![],
                Rules {
                    min_score: 10.0,
                    ..rules()
                },
                vec!["create v1:a", "below 1"],
            ),
            (
                "--min-severity major takes major items",
                vec![a(), b(), low.clone()],
                vec![],
                Rules {
                    min_severity: "major",
                    ..rules()
                },
                vec!["create v1:a", "create v1:b", "below 1"],
            ),
            (
                "an issue whose item fell under the thresholds is still kept up to date",
                vec![low.clone()],
                vec![issue_of(1, &low)],
                Rules {
                    min_score: 10.0,
                    ..rules()
                },
                vec![],
            ),
            (
                "an issue without a debtscan id is not ours",
                vec![a()],
                vec![Issue {
                    body: "Written by a person.".into(),
                    ..issue_of(7, &a())
                }],
                rules(),
                vec!["create v1:a"],
            ),
        ];
        let mut failures = Vec::new();
        for (name, items, issues, r, want) in rows {
            let got = outline(&backlog(items), &issues, &r);
            if got != want {
                failures.push(format!("{name}:\n  got  {got:?}\n  want {want:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn closing_tells_fixed_from_vanished() {
        let gone = with_state(issue_of(1, &a()), |s| s.absent = 2);
        let mut b = backlog(vec![]);
        assert_eq!(
            outline(&b, std::slice::from_ref(&gone), &rules()),
            ["close #1 Unknown"],
            "no code index"
        );
        b.code_index = Some(CodeIndex {
            hash: CodeIndex::HASH.into(),
            entries: vec![CodeIndex::entry("src/a.rs", Some("run"))],
        });
        assert_eq!(
            outline(&b, std::slice::from_ref(&gone), &rules()),
            ["close #1 Fixed"]
        );
        b.code_index.as_mut().unwrap().entries = vec![CodeIndex::entry("src/a.rs", None)];
        assert_eq!(
            outline(&b, std::slice::from_ref(&gone), &rules()),
            ["close #1 Vanished"]
        );
        // The baseline's verdict wins over the index.
        b.summary.baseline = Some(crate::model::BaselineSummary {
            gone: vec![GoneItem {
                id: "v1:a".into(),
                kind: Kind::Todo,
                title: String::new(),
                location: a().location,
                resolution: Resolution::Fixed,
            }],
            ..Default::default()
        });
        let (actions, _, _) = plan(&b, &[gone], &rules());
        let Action::Close { comment, body, .. } = &actions[0] else {
            panic!("{actions:?}")
        };
        assert!(
            comment.starts_with("Fixed: `run` in `src/a.rs` is still there"),
            "{comment}"
        );
        let st = state::read(body);
        assert_eq!((st.absent, st.closed), (3, Some(Resolution::Fixed)));
    }

    #[test]
    fn a_reviewed_plan_keeps_only_what_is_still_wanted() {
        let b = backlog(vec![a(), b()]);
        let (reviewed, _, _) = plan(&b, &[], &rules());
        // Meanwhile a crashed run made the issue of `a`.
        let (fresh, _, _) = plan(&b, &[issue_of(1, &a())], &rules());
        let (keep, stale) = still_wanted(&reviewed, &fresh);
        assert_eq!(stale, 1);
        assert_eq!(keep.iter().map(|a| a.item()).collect::<Vec<_>>(), ["v1:b"]);
    }
}
