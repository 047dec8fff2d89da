//! The trend picture: earlier backlogs (`--history`, `--baseline`) and this run, as total
//! score and items by kind per run, oldest left.

use crate::model::{Backlog, Kind};

use super::chart::{columns_svg, Bar};

/// One run's totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Under its column: the date of its commit, else the file's name.
    pub label: String,
    /// HEAD's commit time (RFC 3339), when the backlog records it.
    pub date: Option<String>,
    /// Items per kind, in [`Kind::ALL`] order.
    pub items: Vec<f64>,
    /// Total score per kind, in [`Kind::ALL`] order.
    pub score: Vec<f64>,
    /// The files its items name, to tell a backlog of another tree (see
    /// [`crate::diff::foreign`]).
    pub paths: std::collections::HashSet<String>,
}

impl Run {
    /// The totals of `backlog`, counting only `kinds` (what the command reports); `name` labels
    /// a backlog that does not record its commit's date. A backlog cut by `--top` has no
    /// comparable total: the error says so.
    pub fn of(backlog: &Backlog, name: &str, kinds: &[Kind]) -> Result<Run, String> {
        if backlog.items.len() < backlog.summary.items {
            return Err(format!(
                "it holds only the top {} of {} items (written with --top), so its total \
                 score does not compare with a whole backlog's; write it without --top",
                backlog.items.len(),
                backlog.summary.items
            ));
        }
        Ok(Run::totals(backlog, name, kinds))
    }

    /// The totals of `backlog` as it is (this run's, before `--top`), counting only `kinds`.
    pub fn totals(backlog: &Backlog, name: &str, kinds: &[Kind]) -> Run {
        let mut items = vec![0.0; Kind::ALL.len()];
        let mut score = vec![0.0; Kind::ALL.len()];
        for item in backlog.items.iter().filter(|i| kinds.contains(&i.kind)) {
            let k = super::series_of(item.kind);
            items[k] += 1.0;
            score[k] += item.score;
        }
        let date = backlog.repository.head_date.clone();
        let label = match &date {
            Some(d) => d.get(..10).unwrap_or(d).to_string(),
            None => name.to_string(),
        };
        Run {
            label,
            date,
            items,
            score,
            paths: (crate::diff::item_paths(backlog).into_iter())
                .map(String::from)
                .collect(),
        }
    }
}

/// Puts runs in time order, oldest first, when every run records its date; otherwise keeps
/// the order given (the command line's, with this run last).
pub fn order(runs: &mut [Run]) {
    if runs.iter().all(|r| r.date.is_some()) {
        runs.sort_by(|a, b| a.date.cmp(&b.date));
    }
}

/// The kinds any run has, named for the legend as every picture names them.
fn series(runs: &[Run]) -> Vec<String> {
    let present: Vec<Kind> = (Kind::ALL.iter().enumerate())
        .filter(|(k, _)| runs.iter().any(|r| r.items[*k] > 0.0))
        .map(|(_, kind)| *kind)
        .collect();
    super::kind_series(&present)
}

/// The two pictures: total score by kind per run, then items by kind per run.
pub fn svgs(runs: &[Run]) -> String {
    let names = series(runs);
    let bars = |of: &dyn Fn(&Run) -> &Vec<f64>| -> Vec<Bar> {
        (runs.iter())
            .map(|r| Bar {
                label: r.label.clone(),
                segments: of(r)
                    .iter()
                    .copied()
                    .enumerate()
                    .filter(|(_, v)| *v > 0.0)
                    .collect(),
            })
            .collect()
    };
    let mut s = columns_svg(
        "trend-score-chart",
        "Total score by kind in each run, oldest left",
        &bars(&|r| &r.score),
        &names,
        "total score",
        false,
    );
    s.push_str(&columns_svg(
        "trend-items-chart",
        "Items by kind in each run, oldest left",
        &bars(&|r| &r.items),
        &names,
        "items",
        true,
    ));
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(label: &str, date: Option<&str>, todo: f64) -> Run {
        let mut items = vec![0.0; Kind::ALL.len()];
        items[0] = todo;
        Run {
            label: label.into(),
            date: date.map(String::from),
            score: items.iter().map(|n| n * 10.0).collect(),
            items,
            paths: Default::default(),
        }
    }

    #[test]
    fn runs_go_in_time_order_when_all_are_dated() {
        let mut runs = vec![
            run("b", Some("2026-02-01T00:00:00Z"), 3.0),
            run("a", Some("2026-01-01T00:00:00Z"), 5.0),
        ];
        order(&mut runs);
        assert_eq!(runs[0].label, "a");
        let mut runs = vec![run("x.json", None, 1.0), run("a", Some("2026"), 2.0)];
        order(&mut runs);
        assert_eq!(runs[0].label, "x.json", "undated: as given");
    }

    #[test]
    fn the_pictures_name_only_kinds_that_occur() {
        let svg = svgs(&[run("2026-01-01", None, 2.0), run("2026-02-01", None, 1.0)]);
        assert!(svg.contains(">todo<"));
        assert!(!svg.contains(">hotspot<"));
        assert_eq!(svg.matches("<svg").count(), 2);
        assert!(svg.contains("2026-01-01: todo 20"), "{svg}");
    }
}
