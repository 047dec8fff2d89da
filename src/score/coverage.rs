//! Test coverage in the score (README, "Coverage"): a `complex-function` or `hotspot` item
//! whose code the tests barely run is riskier to change, so its severity rises. With covered
//! share `c` and `w` = `score.coverage_weight`, the severity closes `w × (1 − c)` of its gap to
//! 1: fully tested code keeps its severity (a run with 100% coverage scores exactly like a run
//! without a report), untested code gains most, and no score can pass 100. Code with no
//! instrumented line (not in a report, or not compiled into the tests) is unknown and keeps
//! its severity too.

use std::collections::HashMap;

use crate::coverage::{self, Coverage, FileCoverage};
use crate::model::{ItemCoverage, Location};
use crate::parse::FileFacts;

/// The run's coverage, looked up by item.
pub(super) struct Tested<'c> {
    coverage: Option<&'c Coverage>,
    weight: f64,
    /// `(path, symbol, first line)` of each function of a covered file → its own coverage
    /// (nested functions left out).
    functions: HashMap<(&'c str, &'c str, u32), ItemCoverage>,
}

impl<'c> Tested<'c> {
    /// The lookup of one scan; `coverage: None` (no report) changes nothing.
    pub fn new(coverage: Option<&'c Coverage>, facts: &'c [FileFacts], weight: f64) -> Self {
        let mut functions = HashMap::new();
        for (c, f) in coverage
            .iter()
            .flat_map(|c| facts.iter().map(move |f| (c, f)))
        {
            let (Some(file), Some(metrics)) = (c.files.get(&f.path), &f.metrics) else {
                continue;
            };
            let shares = coverage::functions(file, &metrics.functions);
            for (m, share) in metrics.functions.iter().zip(shares) {
                if let Some(share) = share {
                    functions.insert((f.path.as_str(), m.symbol.as_str(), m.start_line), share);
                }
            }
        }
        Tested {
            coverage,
            weight,
            functions,
        }
    }

    /// The coverage of the code at `place` (a function when it has a symbol, else the whole
    /// file) and the file's coverage record, when a report instruments that code.
    fn of(&self, place: &Location) -> Option<(ItemCoverage, &'c FileCoverage)> {
        let file = self.coverage?.files.get(&place.path)?;
        let share = match &place.symbol {
            None => file.whole(),
            Some(symbol) => self
                .functions
                .get(&(place.path.as_str(), symbol.as_str(), place.start_line))
                .copied()
                // A place the parse did not measure as a function: its lines as they are.
                .or_else(|| file.range(place.start_line, place.end_line, &[])),
        }?;
        Some((share, file))
    }

    /// `severity` raised for the untested share of the code at `place`, with a line for the
    /// explanation (pushed onto `why`) and the coverage for the item.
    pub fn adjust(
        &self,
        severity: f64,
        place: &Location,
        why: &mut Vec<String>,
    ) -> (f64, Option<ItemCoverage>) {
        let Some((share, file)) = self.of(place) else {
            return (severity, None);
        };
        let untested = 1.0 - f64::from(share.covered) / f64::from(share.instrumented);
        let raised = severity + (1.0 - severity) * self.weight * untested;
        let whose = if place.symbol.is_some() {
            "the function's"
        } else {
            "the file's"
        };
        let lines = crate::util::count(share.instrumented, "instrumented line");
        let names = self.coverage.map(|c| c.names(file)).unwrap_or_default();
        let found = if share.covered == share.instrumented {
            format!("all of {whose} {lines} are covered by tests")
        } else if share.covered == 0 {
            format!("none of {whose} {lines} is covered by tests")
        } else {
            // Rounded down, so that code with an untested line never reads as 100%.
            let percent = 100 * u64::from(share.covered) / u64::from(share.instrumented);
            let only = if percent < 50 { "only " } else { "" };
            format!("{only}{percent}% of {whose} {lines} are covered by tests")
        };
        let effect = if untested == 0.0 {
            "severity unchanged".to_string()
        } else if self.weight == 0.0 {
            "no effect ([score] coverage_weight = 0)".to_string()
        } else {
            format!(
                "severity {raised:.2} = {severity:.2} + (1 − {severity:.2}) × coverage_weight {} \
                 × {:.2} untested",
                crate::util::round3(self.weight),
                untested
            )
        };
        why.push(format!("{found} (coverage: {names}): {effect}"));
        (raised, Some(share))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::FileCoverage;

    fn place(symbol: Option<&str>, start: u32, end: u32) -> Location {
        Location {
            path: "a.rs".into(),
            start_line: start,
            end_line: end,
            symbol: symbol.map(str::to_string),
        }
    }

    #[test]
    fn untested_code_rises_and_tested_code_stays() {
        let mut coverage = Coverage::default();
        coverage.reports.push(crate::model::CoverageSource {
            file: "lcov.info".into(),
            format: "lcov".into(),
            paths: 1,
        });
        coverage.files.insert(
            "a.rs".into(),
            FileCoverage {
                // Lines 1–4 run, 11–18 never, 21–40 one of two.
                lines: (1..=4)
                    .map(|l| (l, 1))
                    .chain((11..=18).map(|l| (l, 0)))
                    .chain((21..=40).map(|l| (l, u64::from(l % 2))))
                    .collect(),
                reports: [0].into_iter().collect(),
            },
        );
        let t = Tested::new(Some(&coverage), &[], 0.5);
        // (place, severity) → (raised severity, covered, instrumented, explanation start)
        let cases = [
            (
                place(Some("ok"), 1, 4),
                0.4,
                0.4,
                (4, 4),
                "all of the function's 4",
            ),
            (
                place(Some("no"), 11, 18),
                0.4,
                0.7,
                (0, 8),
                "none of the function's 8",
            ),
            (
                place(Some("half"), 21, 40),
                0.5,
                0.625,
                (10, 20),
                "50% of the function's 20",
            ),
            (
                place(None, 1, 1),
                0.5,
                0.640625,
                (14, 32),
                "only 43% of the file's 32",
            ),
        ];
        for (p, severity, want, (covered, instrumented), start) in cases {
            let mut why = Vec::new();
            let (raised, share) = t.adjust(severity, &p, &mut why);
            assert!((raised - want).abs() < 1e-9, "{p:?}: {raised}");
            let share = share.unwrap();
            assert_eq!((share.covered, share.instrumented), (covered, instrumented));
            assert!(why[0].starts_with(start), "{}", why[0]);
            assert!(why[0].contains("(coverage: lcov.info)"), "{}", why[0]);
        }
        // Nothing instrumented, another file, no report: unknown, unchanged, not said.
        for (t, p) in [
            (&t, place(Some("gap"), 5, 10)),
            (
                &t,
                Location {
                    path: "b.rs".into(),
                    ..place(None, 1, 1)
                },
            ),
            (&Tested::new(None, &[], 0.5), place(Some("no"), 11, 18)),
        ] {
            let mut why = Vec::new();
            assert_eq!(t.adjust(0.4, &p, &mut why), (0.4, None), "{p:?}");
            assert!(why.is_empty());
        }
        // Weight 0: said, but no effect.
        let zero = Tested::new(Some(&coverage), &[], 0.0);
        let mut why = Vec::new();
        assert_eq!(
            zero.adjust(0.4, &place(Some("no"), 11, 18), &mut why).0,
            0.4
        );
        assert!(
            why[0].ends_with("no effect ([score] coverage_weight = 0)"),
            "{why:?}"
        );
    }
}
