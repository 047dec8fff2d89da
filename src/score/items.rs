//! Items from per-file facts and hotspots: markers, `todo!()` macros, complex functions and
//! hotspots, each with its severity.

use std::collections::HashMap;

use super::coverage::Tested;
use super::{Draft, Model};
use crate::config::Config;
use crate::hotspots::Hotspots;
use crate::model::{DebtItem, FoundMarker, Kind, Location, Signals};
use crate::parse::complexity::DISPATCH_MIN_ARMS;
use crate::parse::{markers, FileFacts};

/// The normalised content of a marker that identifies it: tag and whitespace-collapsed text.
pub(super) fn marker_content(tag: &str, text: &str) -> String {
    format!("{} {}", tag.to_uppercase(), text)
}

/// A bare marker's severity is this share of its tag's: a tag with no words tells a reader that
/// something is off, not what.
const BARE_FACTOR: f64 = 0.5;

/// An admitted defect's severity is at least this (README, "Markers").
const DEFECT_FLOOR: f64 = 0.9;

/// Bare markers of one tag are one admission when each starts at most this many lines after the
/// previous one ends.
const ADJACENT_LINES: u32 = 2;

/// `FIXME` is a repository's word for every reminder when it has at least this many of them …
const HOUSE_MIN_FIXMES: usize = 50;

/// … and they are at least this share of its `FIXME` and `TODO` markers together.
const HOUSE_SHARE: f64 = 0.9;

/// How a repository uses its reminder tags. A house that writes `FIXME` for every reminder and
/// (nearly) never `TODO` (rust-analyzer: 849 of the one and 12 of the other, `FIXME: Document
/// this` among them) admits no more defects by the one than another house by the other, so
/// there `FIXME` weighs as `TODO` does; one whose words admit a defect is still raised (README,
/// "Markers"). (Tags in these comments are in backticks, which debtscan reads as code.)
pub(super) struct HouseTags {
    fixme: usize,
    todo: usize,
}

impl HouseTags {
    /// The comment markers tagged `FIXME` and `TODO` in every file of `facts`, whatever its
    /// role.
    pub(super) fn of(facts: &[FileFacts]) -> HouseTags {
        let (mut fixme, mut todo) = (0, 0);
        let markers = facts.iter().flat_map(|f| &f.markers);
        for m in markers.filter(|m| m.kind == Kind::Todo) {
            if m.marker.tag.eq_ignore_ascii_case("FIXME") {
                fixme += 1;
            } else if m.marker.tag.eq_ignore_ascii_case("TODO") {
                todo += 1;
            }
        }
        HouseTags { fixme, todo }
    }

    /// Whether `FIXME` is this repository's word for every reminder.
    fn fixme_is_reminder(&self) -> bool {
        self.fixme >= HOUSE_MIN_FIXMES
            && self.fixme as f64 >= HOUSE_SHARE * (self.fixme + self.todo) as f64
    }
}

/// Markers that become one item: the first, and adjacent bare markers of its tag (README,
/// "Markers").
struct Run<'f> {
    first: &'f FoundMarker,
    content: String,
    occurrence: usize,
    rest: Vec<&'f FoundMarker>,
}

impl Run<'_> {
    fn is_bare(&self) -> bool {
        self.first.kind == Kind::Todo && markers::is_bare(&self.first.marker.text)
    }

    /// Whether `m` continues this run: both bare, same tag and symbol, and no more than
    /// [`ADJACENT_LINES`] from the last member.
    fn takes(&self, m: &FoundMarker) -> bool {
        let last = self.rest.last().copied().unwrap_or(self.first);
        self.is_bare()
            && m.kind == Kind::Todo
            && markers::is_bare(&m.marker.text)
            && m.marker.tag == self.first.marker.tag
            && m.symbol == self.first.symbol
            && m.start_line <= last.end_line + ADJACENT_LINES
    }
}

/// The marker items of one file.
pub(super) fn markers(
    file: &FileFacts,
    (model, house): (&Model, &HouseTags),
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let mut seen: HashMap<(Kind, Option<&str>, String), usize> = HashMap::new();
    let mut runs: Vec<Run> = Vec::new();
    for m in &file.markers {
        let content = marker_content(&m.marker.tag, &m.marker.text);
        // Counted for every marker, joined to a run or not, so no other marker's id moves.
        let occurrence = seen
            .entry((m.kind, m.symbol.as_deref(), content.clone()))
            .or_insert(0);
        let index = *occurrence;
        *occurrence += 1;
        match runs.last_mut() {
            Some(run) if run.takes(m) => run.rest.push(m),
            _ => runs.push(Run {
                first: m,
                content,
                occurrence: index,
                rest: Vec::new(),
            }),
        }
    }
    out.extend(
        runs.into_iter()
            .map(|run| marker(file, run, (model, house), config)),
    );
}

fn marker(
    file: &FileFacts,
    run: Run,
    (model, house): (&Model, &HouseTags),
    config: &Config,
) -> DebtItem {
    let m = run.first;
    let tag = &m.marker.tag;
    let (severity, mut severity_why) = severity(m, config, house);
    if !run.rest.is_empty() {
        severity_why.push(format!(
            "{} bare {tag} markers within {ADJACENT_LINES} lines of each other: one admission, \
             one item",
            run.rest.len() + 1
        ));
    }
    let interest = model.interest(&file.path, m.symbol.as_deref());
    let mut context = Vec::new();
    let age_days = model.history().and_then(|h| {
        let days = |time: i64| ((h.head_time - time).max(0) / crate::util::DAY) as u32;
        if let Some(intro) = &m.marker.introduced {
            let age = days(intro.time);
            context.push(format!(
                "written {age} days before HEAD by {}",
                intro.author
            ));
            Some(age)
        } else if let Some(edge) = &m.marker.predates_history {
            // Older than the analysed history: at least as old as its edge, never taken for new.
            let age = days(edge.time);
            context.push(format!(
                "written at least {} before HEAD: older than the analysed history (already \
                 in {})",
                crate::util::count(age, "day"),
                edge.commit.get(..12).unwrap_or(&edge.commit)
            ));
            Some(age)
        } else {
            None
        }
    });
    if let Some(owner) = &m.marker.owner {
        context.push(format!("owner: {owner}"));
    }
    if let Some(issue) = &m.marker.issue {
        context.push(format!("tracked as {issue}"));
    }
    if let Some(due) = &m.marker.due {
        context.push(format!("due {due}"));
    }
    let title = match (m.kind, m.marker.text.is_empty(), run.rest.last()) {
        (Kind::Todo, _, Some(last)) => format!(
            "{} {tag} markers at lines {}–{}",
            run.rest.len() + 1,
            m.start_line,
            last.start_line
        ),
        (Kind::TodoMacro, true, _) => format!("{tag}()"),
        (Kind::TodoMacro, false, _) => format!("{tag}({:?})", m.marker.text),
        (_, true, _) => tag.clone(),
        (_, false, _) => format!("{tag}: {}", m.marker.text),
    };
    Draft {
        kind: m.kind,
        location: Location {
            path: file.path.clone(),
            start_line: m.start_line,
            end_line: m.end_line,
            symbol: m.symbol.clone(),
        },
        related: run
            .rest
            .iter()
            .map(|r| Location {
                path: file.path.clone(),
                start_line: r.start_line,
                end_line: r.end_line,
                symbol: r.symbol.clone(),
            })
            .collect(),
        content: run.content,
        occurrence: run.occurrence,
        summary: title,
        severity,
        severity_why,
        interest,
        context,
        signals: Signals {
            age_days,
            ..Signals::default()
        },
        marker: Some(m.marker.clone()),
        coverage: None,
    }
    .finish()
}

/// A marker's severity and why, from what it admits: its tag (or callee; `FIXME` as `TODO`
/// where the repository writes it for every reminder, [`HouseTags`]), `!`s, then three rules
/// on its text, in this order (README, "Markers"): a bare comment marker keeps
/// [`BARE_FACTOR`] of it; an admitted defect ([`markers::admitted_defect`]) counts as one more
/// `!` and at least [`DEFECT_FLOOR`]; a marker waiting on an outside event is capped at
/// `markers.deferred`, last, so the cap wins over the defect (the defect a deferred marker
/// names is most often the outside one it waits for: "works around a rustc bug, remove when
/// MSRV is 1.80").
fn severity(m: &FoundMarker, config: &Config, house: &HouseTags) -> (f64, Vec<String>) {
    let tag = &m.marker.tag;
    let text = &m.marker.text;
    let (base, mut severity_why) = match m.kind {
        Kind::TodoMacro => {
            let s = config.macro_severity(tag);
            (
                s,
                vec![format!(
                    "unfinished code ({tag}) fails when reached: severity {s:.2}"
                )],
            )
        }
        _ => {
            let s = config.tag_severity(tag);
            let mut why = vec![format!("{tag} marker: severity {s:.2}")];
            let todo = config.tag_severity("TODO");
            let reminder = tag.eq_ignore_ascii_case("FIXME") && house.fixme_is_reminder();
            if reminder && todo < s {
                why.push(format!(
                    "FIXME is this repository's word for every reminder ({} of its {} FIXME and \
                     TODO markers): severity as TODO's {todo:.2}",
                    house.fixme,
                    house.fixme + house.todo
                ));
                (todo, why)
            } else {
                (s, why)
            }
        }
    };
    // Each `!` closes a quarter of the remaining gap to the maximum severity.
    let urgent = |s: f64, steps: u8| 1.0 - (1.0 - s) * 0.75f64.powi(i32::from(steps));
    let priority = m.marker.priority.min(4);
    let mut severity = urgent(base, priority);
    if priority > 0 {
        severity_why.push(format!(
            "marked urgent with {}: each ! closes a quarter of the gap to 1 (severity {severity:.2})",
            "!".repeat(usize::from(m.marker.priority))
        ));
    }
    if m.kind == Kind::Todo && markers::is_bare(text) {
        severity *= BARE_FACTOR;
        let what = match text.is_empty() {
            true => "no text".to_string(),
            false => format!("no words ({text:?})"),
        };
        severity_why.push(format!(
            "bare {tag} with {what}: nothing a reader can act on, so × {BARE_FACTOR} \
             (severity {severity:.2})"
        ));
    }
    if let Some(word) = markers::admitted_defect(text) {
        let raised = urgent(severity, 1).max(DEFECT_FLOOR);
        if raised > severity {
            severity = raised;
            severity_why.push(format!(
                "admits a defect ({:?}): wrong behaviour someone saw, not a wish, so one ! \
                 more and at least {DEFECT_FLOOR:.2} (severity {severity:.2})",
                word.to_lowercase()
            ));
        }
    }
    if let Some(event) = deferred_on(text) {
        if severity > config.markers.deferred {
            severity = config.markers.deferred;
            severity_why.push(format!(
                "waits on an outside event ({event:?}): a reminder with nothing to do before \
                 then, so at most markers.deferred {severity:.2}"
            ));
        }
    }
    (severity, severity_why)
}

/// What a marker's text waits on, when it waits on an event outside the code: a minimum
/// supported Rust version, a feature's stabilisation, a release, another project's pull
/// request or fix ("Remove when MSRV is 1.81", "use let-else once it is stabilized", "when
/// https://github.com/hyperium/http/pull/814 is merged"). Such a marker is a reminder, not an
/// admitted defect.
fn deferred_on(text: &str) -> Option<&str> {
    static DEFERRED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::RegexBuilder::new(
            concat!(
                r"\bmsrv\b|\bminimum supported rust version\b|\b(?:when|once|after|until)\b[^.;:]{0,60}?\b(?:stabili[sz](?:ed|es|ation)|(?:is|are|becomes?|gets?) stable|\d+\.\d+(?:\.\d+)?\s+(?:is\s+)?(?:out|released)|rust\s*1\.\d+|(?:bump|raise|upgrade)\w*\b[^.;:]{0,20}?\b(?:msrv|minimum|rust|version|edition))|\b(?:when|once|until|after)\s+stable\b",
                // Another project's change: a pull request or issue by link or
                // `owner/repo#N`, or "upstream", merged, fixed or released.
                r"|\b(?:when|once|after|until)\b[^.;:]{0,40}?(?:https?://\S+|\b[\w.-]+/[\w.-]+#\d+|\bupstream\b)[^.;:]{0,40}?\b(?:merged|released?|releases|fixed|resolved|closed|lands?|landed|shipped|published)\b",
            ),
        )
        .case_insensitive(true)
        .build()
        .expect("the deferred-marker pattern compiles")
    });
    DEFERRED.find(text).map(|m| m.as_str())
}

#[cfg(test)]
mod marker_tests {
    use crate::config::Config;
    use crate::model::{DebtItem, FoundMarker, Kind};
    use crate::parse::FileFacts;
    use crate::score::rank;

    fn found(tag: &str, text: &str, line: u32) -> FoundMarker {
        crate::score::tests::marker(tag, text, line, Some("f"))
    }

    fn ranked(files: &[(&str, Vec<FoundMarker>)]) -> Vec<DebtItem> {
        let facts: Vec<FileFacts> = files
            .iter()
            .map(|(path, markers)| FileFacts {
                path: path.to_string(),
                language: crate::lang::LangId::Rust,
                lines: 1000,
                markers: markers.clone(),
                syntax_errors: false,
                metrics: None,
                imports: None,
                symbols: None,
                role_spans: Vec::new(),
            })
            .collect();
        rank(&facts, None, None, None, None, &Config::default())
    }

    fn at(items: &[DebtItem], line: u32) -> &DebtItem {
        items
            .iter()
            .find(|i| i.location.start_line == line)
            .unwrap_or_else(|| panic!("no item at line {line}: {items:#?}"))
    }

    #[test]
    fn a_bare_marker_has_half_its_tags_severity() {
        let items = ranked(&[(
            "a.rs",
            vec![
                found("FIXME", "", 10),
                found("FIXME", "(#12)", 20),
                found("FIXME", "retry loop spins", 30),
            ],
        )]);
        let bare = at(&items, 10);
        assert_eq!(bare.signals.severity, 0.45);
        assert!(
            bare.explanation[1].starts_with("bare FIXME with no text: nothing a reader can act on"),
            "{:?}",
            bare.explanation
        );
        assert_eq!(at(&items, 20).signals.severity, 0.45);
        assert!(at(&items, 20).explanation[1].contains("no words (\"(#12)\")"));
        assert_eq!(at(&items, 30).signals.severity, 0.9);
    }

    #[test]
    fn fixme_weighs_as_todo_where_a_repository_writes_it_for_every_reminder() {
        // `fixmes` worded `FIXME`s in one file and `todos` `TODO`s in another; the first is
        // the one looked at (line 10), and the last one admits a defect.
        let house = |fixmes: u32, todos: u32| {
            let mut a: Vec<FoundMarker> = (1..fixmes)
                .map(|i| found("FIXME", &format!("tidy step {i}"), i * 10))
                .collect();
            a.push(found("FIXME", "crashes on empty input", fixmes * 10));
            let b = (1..=todos)
                .map(|i| found("TODO", &format!("later {i}"), i * 10))
                .collect();
            ranked(&[("a.rs", a), ("b.rs", b)])
        };
        let severity = |items: &[DebtItem], line| {
            let item = items
                .iter()
                .find(|i| i.location.path == "a.rs" && i.location.start_line == line)
                .unwrap();
            (item.signals.severity, item.explanation.join(" | "))
        };
        // rust-analyzer's way: 50 of the one and 5 of the other (91%).
        let items = house(50, 5);
        let (s, why) = severity(&items, 10);
        assert_eq!(s, 0.5, "{why}");
        assert!(
            why.contains("FIXME is this repository's word for every reminder (50 of its 55"),
            "{why}"
        );
        // One whose words admit a defect is still raised.
        assert_eq!(severity(&items, 500).0, 0.9);
        // Fewer of them, or `TODO`s over a tenth: `FIXME` keeps its own severity.
        for (fixmes, todos) in [(49, 0), (50, 6)] {
            let items = house(fixmes, todos);
            let (s, why) = severity(&items, 10);
            assert_eq!(s, 0.9, "{fixmes} {todos}: {why}");
            assert!(!why.contains("word for every reminder"), "{why}");
        }
    }

    #[test]
    fn adjacent_bare_markers_are_one_item_and_other_ids_stay() {
        let items = ranked(&[(
            "a.rs",
            vec![
                found("FIXME", "", 766),
                found("FIXME", "", 768),
                found("TODO", "", 770),
                found("FIXME", "", 900),
                found("FIXME", "", 901),
            ],
        )]);
        let run = at(&items, 766);
        assert_eq!(run.summary, "2 FIXME markers at lines 766–768");
        assert_eq!(run.related.len(), 1);
        assert_eq!(run.related[0].start_line, 768);
        assert!(run.explanation.iter().any(|e| e.contains("one admission")));
        // Another tag is another admission; a second run starts at 900.
        assert_eq!(at(&items, 770).summary, "TODO");
        assert_eq!(at(&items, 900).summary, "2 FIXME markers at lines 900–901");
        // The tracker title of a run names no lines, which move.
        assert_eq!(at(&items, 900).title, "FIXME in `f` (a.rs)");
        assert_eq!(items.len(), 3);
        // Each run has its first marker's id: occurrences still count every marker, so
        // markers after a run keep the ids they had when each marker was an item.
        let id = |n| crate::score::fingerprint(Kind::Todo, "a.rs", Some("f"), "FIXME ", n);
        assert_eq!(run.id, id(0));
        assert_eq!(at(&items, 900).id, id(2));
        // Worded markers are never joined, and a gap of more than two lines ends a run.
        let apart = ranked(&[(
            "a.rs",
            vec![
                found("FIXME", "a", 1),
                found("FIXME", "b", 2),
                found("FIXME", "", 10),
                found("FIXME", "", 13),
            ],
        )]);
        assert_eq!(apart.len(), 4);
    }

    #[test]
    fn an_admitted_defect_is_at_least_a_fixme_and_the_deferred_cap_wins() {
        let items = ranked(&[(
            "a.rs",
            vec![
                found("TODO", "this is wrong for empty input", 1),
                found(
                    "FIXME",
                    "This is wrong, but not doing this leads to bugs",
                    2,
                ),
                found(
                    "TODO",
                    "works around a rustc bug; remove when MSRV is 1.80",
                    3,
                ),
                found("TODO", "Unify this logic with Block::grow", 4),
            ],
        )]);
        let todo = at(&items, 1);
        assert_eq!(todo.signals.severity, 0.9);
        assert!(
            todo.explanation[1].starts_with("admits a defect (\"wrong\")"),
            "{:?}",
            todo.explanation
        );
        // A FIXME is raised by one `!`: above a FIXME that admits nothing.
        assert_eq!(at(&items, 2).signals.severity, 0.925);
        let deferred = at(&items, 3);
        assert_eq!(deferred.signals.severity, 0.3);
        assert!(deferred.explanation[1].starts_with("admits a defect (\"bug\")"));
        assert!(deferred.explanation[2].starts_with("waits on an outside event"));
        assert_eq!(at(&items, 4).signals.severity, 0.5);
    }

    #[test]
    fn near_identical_texts_are_one_cluster() {
        let text = "We need tabs expanded for line 2 (see #12).";
        let items = ranked(&[
            ("a.rs", vec![found("HACK", text, 3)]),
            (
                "b.rs",
                vec![found(
                    "hack",
                    "we need tabs expanded for line 10, see #345",
                    9,
                )],
            ),
            (
                "c.rs",
                vec![found("HACK", "we need tabs collapsed for line 2", 1)],
            ),
        ]);
        assert_eq!(items.len(), 2);
        let c = at(&items, 3);
        assert_eq!(c.related.len(), 1);
        assert_eq!(c.related[0].path, "b.rs");
        assert!(
            c.explanation[0].starts_with("nearly the same text"),
            "{:?}",
            c.explanation
        );
        // Equal texts keep the id they had before near-identical ones could join.
        let equal = ranked(&[
            ("a.rs", vec![found("HACK", text, 3)]),
            ("b.rs", vec![found("HACK", text, 9)]),
        ]);
        let want = crate::score::fingerprint(
            Kind::Todo,
            "",
            None,
            "cluster\u{1f}HACK we need tabs expanded for line 2 (see #12",
            0,
        );
        assert_eq!(equal[0].id, want);
        assert!(equal[0].explanation[0].starts_with("the same text in 2 places"));
        assert_ne!(c.id, want);
    }
}

/// `complex-function` items: functions at or above a threshold of `[complexity]`.
pub(super) fn complex_functions(
    file: &FileFacts,
    model: &Model,
    tested: &Tested,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let Some(metrics) = &file.metrics else {
        return;
    };
    let c = &config.complexity;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for f in &metrics.functions {
        let Some((severity, why)) = complexity_severity(f, c) else {
            continue;
        };
        let occurrence = seen.entry(f.symbol.as_str()).or_insert(0);
        let location = Location {
            path: file.path.clone(),
            start_line: f.start_line,
            end_line: f.end_line,
            symbol: Some(f.symbol.clone()),
        };
        let mut severity_why = vec![why];
        let (severity, coverage) = tested.adjust(severity, &location, &mut severity_why);
        out.push(
            Draft {
                kind: Kind::ComplexFunction,
                location,
                related: Vec::new(),
                content: String::new(),
                occurrence: *occurrence,
                summary: format!(
                    "Complex function `{}`: cyclomatic {}, cognitive {}, {} lines",
                    f.symbol, f.cyclomatic, f.cognitive, f.lines
                ),
                severity,
                severity_why,
                interest: model.interest(&file.path, Some(&f.symbol)),
                context: Vec::new(),
                signals: Signals {
                    complexity: Some(f.cyclomatic),
                    cognitive: Some(f.cognitive),
                    ..Signals::default()
                },
                marker: None,
                coverage,
            }
            .finish(),
        );
        *occurrence += 1;
    }
}

/// The `large-file` item of a file with at least `complexity.file_lines` lines of code of its
/// own role (a production file's `#[cfg(test)]` module is not what makes it hard to find
/// one's way in): a cost of its own (every change starts with finding the place among many
/// functions), but weak evidence alone, so low severity that rises with the file's change
/// through interest.
pub(super) fn large_file(
    file: &FileFacts,
    roles: &super::roles::RoleRules,
    model: &Model,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let c = &config.complexity;
    let Some(metrics) = &file.metrics else {
        return;
    };
    let own = roles.own_code(file);
    let code_lines = own.code_lines;
    if c.file_lines == 0 || code_lines < c.file_lines {
        return;
    }
    let functions = metrics.own_functions(Some(&own));
    let (severity, mut why) = large_file_severity(code_lines, c);
    if code_lines < metrics.code_lines {
        why.push_str(&format!(
            " ({} more lines of code are its code of another role, such as tests, left out)",
            metrics.code_lines - code_lines
        ));
    }
    out.push(
        Draft {
            kind: Kind::LargeFile,
            location: Location {
                path: file.path.clone(),
                start_line: 1,
                end_line: file.lines.max(1),
                symbol: None,
            },
            related: Vec::new(),
            content: String::new(),
            occurrence: 0,
            summary: format!(
                "Large file: {code_lines} lines of code, {} functions",
                functions.len()
            ),
            severity,
            severity_why: vec![why],
            interest: model.interest(&file.path, None),
            context: Vec::new(),
            signals: Signals {
                complexity: Some(functions.iter().map(|f| f.cyclomatic).sum()),
                ..Signals::default()
            },
            marker: None,
            coverage: None,
        }
        .finish(),
    );
}

/// The `fix-prone` item of each file that at least `hotspots.fix_prone_min_fixes` fix commits
/// changed in the hotspot window: where defects were found, more follow. Not for test, bench
/// and example files, which fix commits change to add the test that shows the fix, not
/// because the defect was there.
pub(super) fn fix_prone(
    h: &Hotspots,
    roles: &super::roles::RoleRules,
    model: &Model,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    let c = &config.hotspots;
    if c.fix_prone_min_fixes == 0 {
        return;
    }
    for f in h
        .files
        .iter()
        .filter(|f| f.fixes >= c.fix_prone_min_fixes)
        .filter(|f| !roles.of_path(&f.path).exercises_the_product())
    {
        let (severity, why) = fix_prone_severity(f.fixes, h.window.days, c);
        out.push(
            Draft {
                kind: Kind::FixProne,
                location: Location {
                    path: f.path.clone(),
                    start_line: 1,
                    end_line: 1,
                    symbol: None,
                },
                related: Vec::new(),
                content: String::new(),
                occurrence: 0,
                summary: format!(
                    "Fix-prone file: {} of its {} in {} days",
                    crate::util::count(f.fixes, "fix commit"),
                    crate::util::count(f.revisions, "commit"),
                    h.window.days
                ),
                severity,
                severity_why: vec![why],
                interest: model.interest(&f.path, None),
                context: fix_lines(&f.fix_commits),
                signals: Signals {
                    recent_revisions: Some(f.revisions),
                    fixes: Some(f.fixes),
                    ..Signals::default()
                },
                marker: None,
                coverage: None,
            }
            .finish(),
        );
    }
}

/// How many fixes a fix-prone item names, newest first; a count says how many more there are.
const NAMED_FIXES: usize = 5;

/// Whether an explanation line is one of [`fix_lines`]: an item a fix-prone item folds into
/// takes them along.
pub(super) fn is_fix_line(line: &str) -> bool {
    line.starts_with("fix ") || (line.starts_with("and ") && line.ends_with(" older fixes"))
}

/// The explanation's lines naming a fix-prone file's fixes (`fixes`: oldest first), newest
/// first: the evidence to read together.
fn fix_lines(fixes: &[String]) -> Vec<String> {
    let mut lines: Vec<String> = fixes
        .iter()
        .rev()
        .take(NAMED_FIXES)
        .map(|f| format!("fix {f}"))
        .collect();
    if fixes.len() > NAMED_FIXES {
        lines.push(format!("and {} older fixes", fixes.len() - NAMED_FIXES));
    }
    lines
}

/// The severity of something `excess` times over its threshold, whose severity is `base` at
/// the threshold: twice over it closes half the gap to 1, `r` times over it `1 − 1/r` of it.
fn over_threshold(base: f64, excess: f64) -> f64 {
    1.0 - (1.0 - base) / excess.max(1.0)
}

/// A fix-prone file's severity and why: `fix_prone_severity` at `fix_prone_min_fixes`, and at
/// `r` times as many fixes the gap to 1 closed by `1 − 1/r` (as a complex function's).
fn fix_prone_severity(fixes: u32, days: u32, c: &crate::config::HotspotConfig) -> (f64, String) {
    let (base, min) = (c.fix_prone_severity, c.fix_prone_min_fixes.max(1));
    let r = f64::from(fixes) / f64::from(min);
    let severity = over_threshold(base, r);
    let grown = match fixes > min {
        true => format!(", and {r:.1} times as many close the gap to 1 by 1 − 1/{r:.1}"),
        false => String::new(),
    };
    (
        severity,
        format!(
            "{} in the {days} days before HEAD ≥ {min} (a fix: a subject matching \
             `backtest.fix_patterns` and no `backtest.mechanical_patterns`): severity \
             {base:.2} at {min}{grown}: {severity:.2}",
            crate::util::count(fixes, "fix commit"),
        ),
    )
}

/// A large file's severity and why: `file_severity` at `file_lines`, 0.1 more per doubling, up
/// to `file_max_severity`.
fn large_file_severity(code_lines: u32, c: &crate::config::ComplexityConfig) -> (f64, String) {
    let doublings = (f64::from(code_lines) / f64::from(c.file_lines.max(1))).log2();
    let max = c.file_max_severity.max(c.file_severity);
    let severity = (c.file_severity + 0.1 * doublings.max(0.0)).min(max);
    (
        severity,
        format!(
            "{code_lines} lines of code ≥ {}: severity {:.2} at that size, 0.1 more per \
             doubling up to {max:.2}: {severity:.2}",
            c.file_lines, c.file_severity
        ),
    )
}

/// Whether `f` makes a `complex-function` item under `c` (the scan follows the history of the
/// files holding one, function by function).
pub(crate) fn is_complex(
    f: &crate::model::FunctionMetrics,
    c: &crate::config::ComplexityConfig,
) -> bool {
    complexity_severity(f, c).is_some()
}

/// Whether a function is complex enough to be an item (README, "Kinds"), with its severity
/// and why. What a reader pays is cognitive complexity: it alone can make an item. Cyclomatic
/// complexity and length make one only with some branching too (`min_cognitive`), and count
/// only as far as that branching supports them: a flat `match` over 140 flag names or 96
/// straight lines of documentation read at a glance.
fn complexity_severity(
    f: &crate::model::FunctionMetrics,
    c: &crate::config::ComplexityConfig,
) -> Option<(f64, String)> {
    if let Some(d) = &f.dispatch {
        return dispatch_severity(f, d, c);
    }
    let ratio = |value: u32, threshold: u32| f64::from(value) / f64::from(threshold.max(1));
    let branching = f.cognitive >= c.min_cognitive;
    // Cyclomatic and length are supporting evidence: capped by the cognitive's share of
    // `min_cognitive`.
    let support = ratio(f.cognitive, c.min_cognitive);
    let rules = [
        (c.cognitive > 0 && f.cognitive >= c.cognitive).then(|| {
            (
                ratio(f.cognitive, c.cognitive),
                format!("cognitive {} ≥ {}", f.cognitive, c.cognitive),
            )
        }),
        (c.cyclomatic > 0 && f.cyclomatic >= c.cyclomatic && branching).then(|| {
            (
                ratio(f.cyclomatic, c.cyclomatic).min(support),
                format!("cyclomatic {} ≥ {}", f.cyclomatic, c.cyclomatic),
            )
        }),
        (c.lines > 0 && f.lines >= c.lines && branching).then(|| {
            (
                ratio(f.lines, c.lines).min(support),
                format!("{} lines ≥ {}", f.lines, c.lines),
            )
        }),
    ];
    let met: Vec<(f64, String)> = rules.into_iter().flatten().collect();
    if met.is_empty() {
        return None;
    }
    let excess = met.iter().map(|(r, _)| *r).fold(1.0, f64::max);
    let severity = over_threshold(c.severity, excess);
    let names: Vec<&str> = met.iter().map(|(_, n)| n.as_str()).collect();
    let mut why = format!(
        "{}: severity {:.2} at a threshold, {severity:.2} at {excess:.2} times it",
        names.join(", "),
        c.severity
    );
    if f.cognitive < c.cognitive {
        why.push_str(&format!(
            " (cyclomatic and length count only as far as cognitive {} of {} supports them)",
            f.cognitive, c.min_cognitive
        ));
    }
    Some((severity, why))
}

/// A dispatch's severity and why (README, "What counts as complex"). Its reader reads one arm
/// at a time, so it is judged by its largest arm, with what lies outside the arms, plus one per
/// doubling of the arms past [`DISPATCH_MIN_ARMS`] for finding the arm in a longer table.
/// Cyclomatic complexity and length are left out: both are made of the arms' number, which the
/// last term counts.
fn dispatch_severity(
    f: &crate::model::FunctionMetrics,
    d: &crate::model::Dispatch,
    c: &crate::config::ComplexityConfig,
) -> Option<(f64, String)> {
    let (outside, breadth) = dispatch_terms(f, d);
    let judged = judged_cognitive(f);
    let capped = match judged < outside + d.max_arm_cognitive + breadth {
        true => " (at most its own)",
        false => "",
    };
    if c.cognitive == 0 || judged < c.cognitive {
        return None;
    }
    let excess = f64::from(judged) / f64::from(c.cognitive);
    let severity = over_threshold(c.severity, excess);
    let why = format!(
        "a dispatch over {} arms: judged by its largest arm (cognitive {}), with {outside} \
         outside the arms and {breadth} for their number: cognitive {judged}{capped} ≥ {}: \
         severity {:.2} at a threshold, {severity:.2} at {excess:.2} times it",
        d.arms, d.max_arm_cognitive, c.cognitive, c.severity
    );
    Some((severity, why))
}

/// A dispatch's cognitive outside its arms, and its term for the arms' number: one per
/// doubling past [`DISPATCH_MIN_ARMS`].
fn dispatch_terms(f: &crate::model::FunctionMetrics, d: &crate::model::Dispatch) -> (u32, u32) {
    let outside = f.cognitive.saturating_sub(d.arms_cognitive);
    (outside, (d.arms / DISPATCH_MIN_ARMS).max(1).ilog2())
}

/// The cognitive complexity a reader pays for `f`: its own, or for a dispatch its largest arm
/// with what lies outside the arms and the arms' number — never more than its own, since a
/// table of trivial arms is no worse for its length.
fn judged_cognitive(f: &crate::model::FunctionMetrics) -> u32 {
    match &f.dispatch {
        Some(d) => {
            let (outside, breadth) = dispatch_terms(f, d);
            (outside + d.max_arm_cognitive + breadth).min(f.cognitive)
        }
        None => f.cognitive,
    }
}

/// `hotspot` items: files and X-Rayed functions whose hotspot score reaches
/// `hotspots.min_score` with at least `hotspots.min_revisions` commits in the window.
///
/// A hot file needs code worth the name too: at least one function with the branching a
/// complex function needs (`complexity.min_cognitive`), not counting functions its code
/// marks for another role (a `#[cfg(test)]` module). A file of many simple functions that
/// changes often (an API surface with long documentation, a registry of small impls) is not a
/// hotspot; its size, when large, is a `large-file` item.
pub(super) fn hotspots(
    h: &Hotspots,
    (facts, roles): (&[FileFacts], &super::roles::RoleRules),
    model: &Model,
    tested: &Tested,
    config: &Config,
    out: &mut Vec<DebtItem>,
) {
    // A dispatch is judged by its largest arm here too, as for complex functions: per
    // function, and its most per file (over every function, same-named cfg variants too).
    let mut judged: HashMap<(&str, &str), u32> = HashMap::new();
    let mut max_cognitive: HashMap<&str, u32> = HashMap::new();
    for f in facts {
        let file_role = roles.of_path(&f.path);
        for x in f.metrics.iter().flat_map(|m| &m.functions) {
            let cognitive = judged_cognitive(x);
            judged.insert((f.path.as_str(), x.symbol.as_str()), cognitive);
            // A `#[cfg(test)]` module's (or a bench's, a doc stub's) branching is not a
            // production file's: the tests of a file of simple functions make it no hotspot.
            if roles.of_line(&f.path, x.start_line) == file_role {
                let most = max_cognitive.entry(f.path.as_str()).or_default();
                *most = (*most).max(cognitive);
            }
        }
    }
    let branching = |path: &str| {
        max_cognitive.get(path).copied().unwrap_or(0) >= config.complexity.min_cognitive
    };
    let c = &config.hotspots;
    // From the configured severity at `min_score` up to `max_severity` at a score of 1.
    let severity = |score: f64| {
        let span = (1.0 - c.min_score).max(f64::EPSILON);
        let t = ((score - c.min_score) / span).clamp(0.0, 1.0);
        c.severity + (c.max_severity.max(c.severity) - c.severity) * t
    };
    // A file and a function hotspot differ only in where they are and what they measure.
    let item = |location: Location, title: String, reasons: &[String], score: f64, signals| {
        let severity = severity(score);
        let mut severity_why = reasons.to_vec();
        severity_why.push(format!(
            "hotspot score {score:.2} = change percentile × complexity percentile, from {:.2} at \
             {:.2} to {:.2} at 1: severity {severity:.2}",
            c.severity, c.min_score, c.max_severity
        ));
        let (severity, coverage) = tested.adjust(severity, &location, &mut severity_why);
        let interest = model.interest(&location.path, location.symbol.as_deref());
        Draft {
            kind: Kind::Hotspot,
            content: if location.symbol.is_some() {
                "function"
            } else {
                "file"
            }
            .into(),
            location,
            related: Vec::new(),
            occurrence: 0,
            summary: title,
            severity,
            severity_why,
            interest,
            context: Vec::new(),
            signals,
            marker: None,
            coverage,
        }
        .finish()
    };
    let hot = |score: f64, revisions: u32| score >= c.min_score && revisions >= c.min_revisions;
    for f in h
        .files
        .iter()
        .filter(|f| hot(f.score, f.revisions) && branching(&f.path))
    {
        out.push(item(
            Location {
                path: f.path.clone(),
                start_line: 1,
                end_line: 1,
                symbol: None,
            },
            format!(
                "Hotspot file: {} commits in {} days, cyclomatic {}",
                f.revisions, h.window.days, f.cyclomatic
            ),
            &f.explanation,
            f.score,
            Signals {
                complexity: Some(f.cyclomatic),
                recent_revisions: Some(f.revisions),
                hotspot: Some(f.score),
                ..Signals::default()
            },
        ));
    }
    // A small, simple function that changes often is not debt: a function hotspot needs the
    // branching a complex function needs at least (`complexity.min_cognitive`).
    let worth = |f: &&crate::model::FunctionHotspot| {
        let cognitive = judged
            .get(&(f.path.as_str(), f.symbol.as_str()))
            .copied()
            .unwrap_or(f.cognitive);
        cognitive >= config.complexity.min_cognitive
    };
    for f in h
        .functions
        .iter()
        .filter(|f| hot(f.score, f.revisions))
        .filter(worth)
    {
        out.push(item(
            Location {
                path: f.path.clone(),
                start_line: f.start_line,
                end_line: f.end_line,
                symbol: Some(f.symbol.clone()),
            },
            format!(
                "Hotspot function `{}`: {} commits in {} days, cyclomatic {}",
                f.symbol, f.revisions, h.window.days, f.cyclomatic
            ),
            &f.explanation,
            f.score,
            Signals {
                complexity: Some(f.cyclomatic),
                cognitive: Some(f.cognitive),
                recent_revisions: Some(f.revisions),
                hotspot: Some(f.score),
                ..Signals::default()
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ComplexityConfig;
    use crate::model::FunctionMetrics;
    use crate::util::round3;

    fn f(cyclomatic: u32, cognitive: u32, lines: u32) -> FunctionMetrics {
        FunctionMetrics {
            symbol: "f".into(),
            start_line: 1,
            end_line: lines,
            cyclomatic,
            cognitive,
            lines,
            nesting: 0,
            params: 0,
            dispatch: None,
        }
    }

    #[test]
    fn what_counts_as_complex() {
        let c = ComplexityConfig::default();
        // (cyclomatic, cognitive, lines) → severity, or None for no item.
        let cases: [((u32, u32, u32), Option<f64>); 9] = [
            ((140, 8, 300), None),     // a flat match over flag names
            ((1, 0, 96), None),        // straight lines of documentation
            ((4, 3, 17), None),        // small and simple
            ((9, 14, 79), None),       // just under every threshold
            ((9, 15, 22), Some(0.4)),  // cognitive alone, at its threshold
            ((9, 30, 22), Some(0.7)),  // twice the threshold: half the gap to 1 closed
            ((10, 10, 30), Some(0.4)), // cyclomatic at its threshold, with branching
            ((60, 10, 30), Some(0.4)), // … whose excess the branching does not support
            ((60, 12, 30), Some(0.5)), // … supported 1.2×
        ];
        for ((cyc, cog, lines), want) in cases {
            let got = complexity_severity(&f(cyc, cog, lines), &c).map(|(s, _)| round3(s));
            assert_eq!(
                got, want,
                "cyclomatic {cyc}, cognitive {cog}, {lines} lines"
            );
        }
        let (_, why) = complexity_severity(&f(60, 12, 30), &c).unwrap();
        assert!(
            why.contains("as far as cognitive 12 of 10 supports them"),
            "{why}"
        );
        // Dispatches: (cyclomatic, cognitive, lines, arms, largest arm, all arms) → severity.
        // Judged by what lies outside the arms + the largest arm + 1 per doubling of the arms
        // past 12, never more than the whole.
        type Row = (u32, u32, u32, u32, u32, u32);
        let dispatches: [(Row, Option<f64>); 6] = [
            ((16, 1, 19, 15, 0, 0), None),           // a flat match of 15 arms
            ((248, 43, 628, 92, 8, 38), Some(0.4)),  // just's `Error::fmt`: 5 + 8 + 2
            ((105, 23, 453, 91, 4, 22), None),       // just's `CompileError::fmt`: 1 + 4 + 2
            ((51, 60, 151, 17, 13, 59), None),       // just's `evaluate_value`: 1 + 13 + 0
            ((30, 22, 40, 15, 20, 21), Some(0.571)), // one deeply nested arm: 1 + 20
            ((200, 14, 300, 192, 0, 0), None),       // 14 + 0 + 4, but no more than 14
        ];
        for ((cyc, cog, lines, arms, max, sum), want) in dispatches {
            let mut m = f(cyc, cog, lines);
            m.dispatch = Some(crate::model::Dispatch {
                arms,
                max_arm_cognitive: max,
                arms_cognitive: sum,
            });
            let got = complexity_severity(&m, &c).map(|(s, _)| round3(s));
            assert_eq!(got, want, "cognitive {cog}, {arms} arms, largest {max}");
            // The hotspot gate reads the same judged cognitive: a table that is no complex
            // function has too little branching to be a hot function or make its file one.
            if want.is_none() {
                assert!(judged_cognitive(&m) < c.cognitive, "{cog}, {arms} arms");
            }
        }
        assert_eq!(judged_cognitive(&f(30, 22, 40)), 22);
        let mut m = f(30, 22, 40);
        m.dispatch = Some(crate::model::Dispatch {
            arms: 15,
            max_arm_cognitive: 20,
            arms_cognitive: 21,
        });
        let (_, why) = complexity_severity(&m, &c).unwrap();
        assert!(
            why.starts_with("a dispatch over 15 arms: judged by its largest arm (cognitive 20)"),
            "{why}"
        );
    }

    #[test]
    fn markers_that_wait_on_an_outside_event_are_reminders() {
        let deferred = [
            "When MSRV is 1.81, change this to std::fs::exists()",
            "Add musl target env when our minimum supported rust version is 1.93.",
            "use let-else once it is stabilized",
            "use `recv_deadline` instead once stable",
            "remove after Rust 1.70",
            "switch to the new API once tokio 1.40 is released",
            "drop this when we bump the MSRV",
            "simplify once we upgrade to edition 2024",
            "When https://github.com/hyperium/http/pull/814 is merged + released, we can look \
             use `contains(proto.as_bytes())`",
            "remove once rust-lang/rust#12345 is fixed",
            "drop the copy when upstream releases the fix",
        ];
        for text in deferred {
            assert!(deferred_on(text).is_some(), "{text}");
        }
        let defects = [
            "This is wrong when the input is empty",
            "once per line is too slow",
            "keep the stable sort when the keys are equal",
            "spins after the lock is released",
            "Unify this logic with Block::grow",
            "once #123 is merged, call it here",
            "breaks when https://example.com/a.b is fetched twice",
            "",
        ];
        for text in defects {
            assert_eq!(deferred_on(text), None, "{text}");
        }
    }

    #[test]
    fn large_file_severity_grows_by_doubling_up_to_its_maximum() {
        let c = ComplexityConfig::default();
        // code lines → severity (1000 lines: 0.2; each doubling 0.1 more; at most 0.5).
        let cases = [
            (1000, 0.2),
            (2000, 0.3),
            (4000, 0.4),
            (8000, 0.5),
            (64000, 0.5),
        ];
        for (lines, want) in cases {
            assert_eq!(
                round3(large_file_severity(lines, &c).0),
                want,
                "{lines} lines"
            );
        }
        let (_, why) = large_file_severity(3000, &c);
        assert!(why.starts_with("3000 lines of code ≥ 1000"), "{why}");
    }
}
