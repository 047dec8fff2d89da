//! Test coverage reports (`--coverage FILE`, `[coverage] files`): an input like the config.
//! A report is read once, before the scan (its errors must not come after minutes of work),
//! in the format its content shows: LCOV ([`lcov`]) or Cobertura XML ([`cobertura`]). After the
//! walk, [`map`] ties its paths to the scanned files, and [`Coverage`] answers how much of a
//! line range the tests ran. Scoring with it is `score`'s business.

mod cobertura;
mod lcov;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::model::{CoverageSource, CoverageSummary, FunctionMetrics, ItemCoverage};

/// The format of a coverage report, as its content shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `geninfo`'s tracefile: `SF:`, `DA:line,hits`, `end_of_record` (cargo-llvm-cov, grcov,
    /// lcov, c8, nyc, …).
    Lcov,
    /// Cobertura XML (`<coverage>`, `<class filename>`, `<line number hits>`; tarpaulin,
    /// coverage.py, gcovr, …).
    Cobertura,
}

impl Format {
    /// The name reports use.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Lcov => "lcov",
            Format::Cobertura => "cobertura",
        }
    }
}

/// The line hits a report gives for one source file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileRecord {
    /// The path as the report writes it.
    pub path: String,
    /// Instrumented line (1-based) → how often the tests ran it.
    pub lines: BTreeMap<u32, u64>,
}

/// A parsed coverage report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The file as the user named it (in messages and the explanation).
    pub name: String,
    /// Its format.
    pub format: Format,
    /// Cobertura's `<source>` directories, which relative file names are relative to.
    pub sources: Vec<String>,
    /// One record per source file (a file may have several; their hits add up).
    pub records: Vec<FileRecord>,
}

/// A problem in a report's text, at a line when known (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
struct ParseError {
    line: Option<usize>,
    message: String,
}

impl ParseError {
    fn at(line: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            line: Some(line),
            message: message.into(),
        }
    }
}

/// How to make a report debtscan reads, for the end of error messages.
const HOW_TO: &str = "give an LCOV file (`cargo llvm-cov --lcov --output-path lcov.info`) or a \
                      Cobertura XML file (`cargo tarpaulin --out Xml`, `coverage xml`)";

/// Reads and parses the report at `file`; `name` is how messages and explanations call it.
pub fn load(file: &Path, name: &str) -> Result<Report, Error> {
    let fail = |message: String| Error::Coverage {
        path: PathBuf::from(name),
        message,
    };
    let bytes = std::fs::read(file).map_err(|e| {
        fail(match e.kind() {
            std::io::ErrorKind::NotFound => {
                format!("no such coverage report; {HOW_TO}, or check the path")
            }
            _ => format!("cannot read the coverage report: {e}"),
        })
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        fail(format!(
            "not UTF-8 text, so neither LCOV nor Cobertura (a compressed report? unpack it \
             first); {HOW_TO}"
        ))
    })?;
    parse(&text, name).map_err(|e| {
        fail(match e.line {
            Some(line) => format!("line {line}: {}", e.message),
            None => e.message,
        })
    })
}

/// Parses a report's text in the format its content shows: XML is Cobertura, text whose
/// first record is `TN:` or `SF:` is LCOV. An empty text is an empty LCOV report.
fn parse(text: &str, name: &str) -> Result<Report, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().enumerate().find(|(_, l)| !l.trim().is_empty());
    let (format, (sources, records)) = match first {
        None => (Format::Lcov, (Vec::new(), Vec::new())),
        Some((_, l)) if l.trim_start().starts_with('<') => {
            (Format::Cobertura, cobertura::parse(text)?)
        }
        Some((_, l)) if lcov::starts_a_tracefile(l.trim()) => {
            (Format::Lcov, (Vec::new(), lcov::parse(text)?))
        }
        Some((i, _)) => {
            return Err(ParseError::at(
                i + 1,
                format!(
                    "neither LCOV (the first record is not `TN:` or `SF:`) nor Cobertura XML; \
                     {HOW_TO}"
                ),
            ))
        }
    };
    Ok(Report {
        name: name.to_string(),
        format,
        sources,
        records,
    })
}

/// The lines of one scanned file that the reports instrument, and the reports that did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileCoverage {
    /// Instrumented line → hits, summed over the reports' records of the file.
    pub lines: BTreeMap<u32, u64>,
    /// Indexes into [`Coverage::reports`] of the reports that name the file.
    pub reports: BTreeSet<usize>,
}

impl FileCoverage {
    /// The coverage of lines `start..=end` outside the `holes` (nested functions, measured on
    /// their own); `None` when none of those lines is instrumented (unknown, not untested).
    pub fn range(&self, start: u32, end: u32, holes: &[(u32, u32)]) -> Option<ItemCoverage> {
        let mut covered = 0;
        let mut instrumented = 0;
        for (&line, &hits) in self.lines.range(start..=end.max(start)) {
            if holes.iter().any(|&(a, b)| a <= line && line <= b) {
                continue;
            }
            instrumented += 1;
            covered += u32::from(hits > 0);
        }
        share(covered, instrumented)
    }

    /// The coverage of the whole file; `None` when no line of it is instrumented.
    pub fn whole(&self) -> Option<ItemCoverage> {
        let covered = self.lines.values().filter(|h| **h > 0).count();
        share(covered as u32, self.lines.len() as u32)
    }
}

/// `covered` of `instrumented` lines, or `None` when nothing is instrumented.
fn share(covered: u32, instrumented: u32) -> Option<ItemCoverage> {
    (instrumented > 0).then(|| ItemCoverage {
        covered,
        instrumented,
        share: crate::util::round3(f64::from(covered) / f64::from(instrumented)),
    })
}

/// The coverage of each of `functions` (one file's, any order): its own lines, without those
/// of the functions nested in it (a large closure, an inner `fn`), which count for themselves.
pub fn functions(file: &FileCoverage, functions: &[FunctionMetrics]) -> Vec<Option<ItemCoverage>> {
    functions
        .iter()
        .map(|f| {
            let holes: Vec<(u32, u32)> = functions
                .iter()
                .filter(|g| {
                    (g.start_line, g.end_line) != (f.start_line, f.end_line)
                        && f.start_line <= g.start_line
                        && g.end_line <= f.end_line
                })
                .map(|g| (g.start_line, g.end_line))
                .collect();
            file.range(f.start_line, f.end_line, &holes)
        })
        .collect()
}

/// The reports' coverage of the scanned files.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Coverage {
    /// The reports: file, format and how many source files each describes.
    pub reports: Vec<CoverageSource>,
    /// Scanned file (repository-relative) → its coverage.
    pub files: HashMap<String, FileCoverage>,
    /// Report paths that match no scanned file, sorted and without duplicates.
    pub unmatched: Vec<String>,
}

impl Coverage {
    /// The names of the reports behind `file`'s coverage, for an explanation.
    pub fn names(&self, file: &FileCoverage) -> String {
        let names: Vec<&str> = file
            .reports
            .iter()
            .filter_map(|i| self.reports.get(*i))
            .map(|r| r.file.as_str())
            .collect();
        names.join(", ")
    }

    /// The summary of a scan of `scanned` files (path and functions): how many files and
    /// functions got coverage, and how many files with functions no report names.
    pub fn summary<'f>(
        &self,
        scanned: impl IntoIterator<Item = (&'f str, &'f [FunctionMetrics])>,
    ) -> CoverageSummary {
        let (mut files, mut functions_covered, mut absent) = (0, 0, 0);
        for (path, fns) in scanned {
            match self.files.get(path) {
                Some(file) => {
                    files += usize::from(!file.lines.is_empty());
                    functions_covered += functions(file, fns).iter().flatten().count();
                }
                None => absent += usize::from(!fns.is_empty()),
            }
        }
        CoverageSummary {
            reports: self.reports.clone(),
            files,
            functions: functions_covered,
            files_not_in_report: absent,
            unmatched_paths: self.unmatched.len(),
        }
    }

    /// The run-level warnings: empty reports, and report paths that match no scanned file.
    pub fn warnings(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .reports
            .iter()
            .filter(|r| r.paths == 0)
            .map(|r| {
                format!(
                    "coverage report {} describes no source file: it changes nothing",
                    r.file
                )
            })
            .collect();
        if !self.unmatched.is_empty() {
            const SHOWN: usize = 3;
            let n = self.unmatched.len();
            let mut named: Vec<String> = self.unmatched.iter().take(SHOWN).cloned().collect();
            if n > SHOWN {
                named.push("…".into());
            }
            out.push(format!(
                "{} in the coverage report{} match{} no scanned file ({}): outside the scanned \
                 directory, excluded, or laid out differently where the report was made; their \
                 coverage is not used",
                crate::util::count(n, "path"),
                crate::util::s(self.reports.len()),
                if n == 1 { "es" } else { "" },
                named.join(", ")
            ));
        }
        out
    }
}

/// Ties the reports' paths to the scanned files (`scanned`, relative to `base`, the repository
/// root or the scanned directory outside git; `scope` is the scanned directory relative to
/// `base`). A path is tried, in order:
/// 1. absolute: with `base` stripped (lexically, then after resolving symbolic links); a path
///    under `base` is decided there;
/// 2. relative: joined to each Cobertura `<source>` (as in 1 when that is absolute), then as
///    relative to `base`, then to the scanned directory;
/// 3. else the scanned file whose path and the report's end alike, whole components, the
///    longest such ending, when exactly one file has it.
///
/// What matches nothing is listed in [`Coverage::unmatched`].
pub fn map(reports: &[Report], base: &Path, scope: &str, scanned: &[&str]) -> Coverage {
    let set: HashSet<&str> = scanned.iter().copied().collect();
    let mut by_name: HashMap<&str, Vec<&str>> = HashMap::new();
    for path in scanned {
        by_name
            .entry(path.rsplit('/').next().unwrap_or(path))
            .or_default()
            .push(path);
    }
    let roots = Roots::new(base);
    let scope = split(scope).1;
    let mut coverage = Coverage::default();
    let mut unmatched = BTreeSet::new();
    let mut decided: HashMap<(usize, &str), Option<String>> = HashMap::new();
    for (index, report) in reports.iter().enumerate() {
        let names: BTreeSet<&str> = report.records.iter().map(|r| r.path.as_str()).collect();
        coverage.reports.push(CoverageSource {
            file: report.name.clone(),
            format: report.format.as_str().into(),
            paths: names.len(),
        });
        for record in &report.records {
            let found = decided
                .entry((index, record.path.as_str()))
                .or_insert_with(|| {
                    resolve(
                        &record.path,
                        &report.sources,
                        &roots,
                        &scope,
                        &set,
                        &by_name,
                    )
                })
                .clone();
            let Some(path) = found else {
                unmatched.insert(record.path.clone());
                continue;
            };
            let file = coverage.files.entry(path).or_default();
            file.reports.insert(index);
            for (&line, &hits) in &record.lines {
                let h = file.lines.entry(line).or_insert(0);
                *h = h.saturating_add(hits);
            }
        }
    }
    coverage.unmatched = unmatched.into_iter().collect();
    coverage
}

/// The repository root as components, as given and with symbolic links resolved.
struct Roots {
    roots: Vec<Vec<String>>,
}

impl Roots {
    fn new(base: &Path) -> Roots {
        let mut roots = vec![split(&base.to_string_lossy()).1];
        if let Ok(real) = base.canonicalize() {
            let real = split(&real.to_string_lossy()).1;
            if !roots.contains(&real) {
                roots.push(real);
            }
        }
        Roots { roots }
    }

    /// `path` (absolute components) relative to the root, if it is below it.
    fn strip(&self, path: &[String]) -> Option<Vec<String>> {
        self.roots
            .iter()
            .find(|r| path.starts_with(r))
            .map(|r| path[r.len()..].to_vec())
    }

    /// Like [`Roots::strip`], and failing that with the path's own symbolic links resolved
    /// (a report written through a link to the work tree).
    fn strip_real(&self, path: &[String]) -> Option<Vec<String>> {
        self.strip(path).or_else(|| {
            let real = Path::new(&format!("/{}", path.join("/")))
                .canonicalize()
                .ok()?;
            self.strip(&split(&real.to_string_lossy()).1)
        })
    }
}

/// Whether a path is absolute (`/x`, `C:\x`, `\\server\x`), and its components with `.` and
/// `..` resolved lexically and `\` read as `/`. A Windows drive is kept as a component.
fn split(path: &str) -> (bool, Vec<String>) {
    let path = path.replace('\\', "/");
    let bytes = path.as_bytes();
    let drive =
        bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let absolute = path.starts_with('/') || drive;
    let mut parts: Vec<String> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p.to_string()),
        }
    }
    (absolute, parts)
}

/// The scanned file a report path names, if any (see [`map`]).
fn resolve(
    written: &str,
    sources: &[String],
    roots: &Roots,
    scope: &[String],
    scanned: &HashSet<&str>,
    by_name: &HashMap<&str, Vec<&str>>,
) -> Option<String> {
    let known = |parts: &[String]| {
        let joined = parts.join("/");
        scanned.contains(joined.as_str()).then_some(joined)
    };
    let (absolute, parts) = split(written);
    if parts.is_empty() {
        return None;
    }
    if absolute {
        if let Some(rel) = roots.strip_real(&parts) {
            // Below the repository: exactly that file or none, never a look-alike.
            return known(&rel);
        }
        return by_suffix(&parts, by_name);
    }
    let mut tries: Vec<Vec<String>> = Vec::new();
    for source in sources {
        let (abs, mut dir) = split(source);
        dir.extend(parts.iter().cloned());
        if abs {
            if let Some(rel) = roots.strip_real(&dir) {
                tries.push(rel);
            }
        } else {
            tries.push(dir);
        }
    }
    tries.push(parts.clone());
    let mut in_scope = scope.to_vec();
    in_scope.extend(parts.iter().cloned());
    tries.push(in_scope);
    tries
        .iter()
        .find_map(|t| known(t))
        .or_else(|| by_suffix(&parts, by_name))
}

/// The one scanned file whose path and `parts` end alike for the most whole components, where
/// one of the two paths is an ending of the other (a report made in another checkout, or
/// relative to a directory inside the repository). `None` when that file is not unique.
fn by_suffix(parts: &[String], by_name: &HashMap<&str, Vec<&str>>) -> Option<String> {
    let name = parts.last()?;
    let mut best: Vec<&str> = Vec::new();
    let mut best_len = 0;
    for candidate in by_name.get(name.as_str())? {
        let theirs: Vec<&str> = candidate.split('/').collect();
        let common = theirs
            .iter()
            .rev()
            .zip(parts.iter().rev())
            .take_while(|(a, b)| **a == b.as_str())
            .count();
        if common != theirs.len() && common != parts.len() {
            continue;
        }
        if common > best_len {
            best = vec![candidate];
            best_len = common;
        } else if common == best_len {
            best.push(candidate);
        }
    }
    match best.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(path: &str, lines: &[(u32, u64)]) -> FileRecord {
        FileRecord {
            path: path.into(),
            lines: lines.iter().copied().collect(),
        }
    }

    fn report(name: &str, sources: &[&str], records: Vec<FileRecord>) -> Report {
        Report {
            name: name.into(),
            format: Format::Lcov,
            sources: sources.iter().map(|s| s.to_string()).collect(),
            records,
        }
    }

    #[test]
    fn detects_the_format_from_the_content() {
        let cases: [(&str, Result<Format, Option<usize>>); 7] = [
            ("SF:a.rs\nDA:1,1\nend_of_record\n", Ok(Format::Lcov)),
            ("\u{feff}TN:\nSF:a.rs\nend_of_record\n", Ok(Format::Lcov)),
            ("", Ok(Format::Lcov)),
            (
                "<?xml version=\"1.0\"?>\n<coverage><packages/></coverage>",
                Ok(Format::Cobertura),
            ),
            ("\n\nhello world\n", Err(Some(3))),
            ("{\"coverage\": 1}", Err(Some(1))),
            ("DA:1,1\n", Err(Some(1))),
        ];
        for (text, want) in cases {
            let got = parse(text, "r").map(|r| r.format).map_err(|e| e.line);
            assert_eq!(got, want, "{text:?}");
        }
        let e = parse("hello", "r").unwrap_err();
        assert!(e.message.contains("neither LCOV"), "{}", e.message);
        assert!(e.message.contains("cargo llvm-cov"), "{}", e.message);
    }

    #[test]
    fn load_names_the_file_and_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let missing = load(&dir.path().join("nope.info"), "nope.info").unwrap_err();
        assert!(
            missing
                .to_string()
                .starts_with("nope.info: no such coverage report"),
            "{missing}"
        );
        let bad = dir.path().join("bad.info");
        std::fs::write(&bad, "SF:a.rs\nDA:1,1\nDA:two,1\n").unwrap();
        let e = load(&bad, "bad.info").unwrap_err().to_string();
        assert!(e.starts_with("bad.info: line 3: "), "{e}");
        let binary = dir.path().join("lcov.info.gz");
        std::fs::write(&binary, [0x1f, 0x8b, 0xff, 0xfe]).unwrap();
        let e = load(&binary, "lcov.info.gz").unwrap_err().to_string();
        assert!(e.contains("not UTF-8 text"), "{e}");
    }

    #[test]
    fn paths_map_to_scanned_files() {
        let scanned = [
            "src/lib.rs",
            "src/a/mod.rs",
            "crates/x/src/lib.rs",
            "crates/x/src/only.rs",
            "tools/gen.rs",
        ];
        let base = Path::new("/nonexistent/repo");
        // (written, Cobertura sources, scope) → the scanned file.
        let cases: [(&str, &[&str], &str, Option<&str>); 14] = [
            ("/nonexistent/repo/src/lib.rs", &[], "", Some("src/lib.rs")),
            ("src/lib.rs", &[], "", Some("src/lib.rs")),
            ("./src/../src/lib.rs", &[], "", Some("src/lib.rs")),
            ("src\\a\\mod.rs", &[], "", Some("src/a/mod.rs")),
            // Relative to the scanned directory.
            ("src/only.rs", &[], "crates/x", Some("crates/x/src/only.rs")),
            // Relative to a Cobertura source, absolute or relative.
            (
                "lib.rs",
                &["/nonexistent/repo/crates/x/src"],
                "",
                Some("crates/x/src/lib.rs"),
            ),
            ("a/mod.rs", &["src"], "", Some("src/a/mod.rs")),
            // Written on another machine: the unique longest ending.
            (
                "/home/ci/build/crates/x/src/lib.rs",
                &[],
                "",
                Some("crates/x/src/lib.rs"),
            ),
            ("C:\\ci\\repo\\tools\\gen.rs", &[], "", Some("tools/gen.rs")),
            ("/home/ci/build/src/lib.rs", &[], "", Some("src/lib.rs")),
            // Relative to some directory inside the repository.
            ("x/src/only.rs", &[], "", Some("crates/x/src/only.rs")),
            // Ambiguous: two scanned files end in src/lib.rs... and lib.rs alone.
            ("lib.rs", &[], "", None),
            // Under the repository but not scanned: never a look-alike.
            ("/nonexistent/repo/vendor/src/lib.rs", &[], "", None),
            ("/elsewhere/other.rs", &[], "", None),
        ];
        for (written, sources, scope, want) in cases {
            let reports = [report("r", sources, vec![record(written, &[(1, 1)])])];
            let c = map(&reports, base, scope, &scanned);
            let got: Vec<&str> = c.files.keys().map(String::as_str).collect();
            assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "{written}");
            assert_eq!(c.unmatched.len(), usize::from(want.is_none()), "{written}");
        }
    }

    #[test]
    fn reports_add_up_and_unmatched_paths_are_one_warning() {
        let reports = [
            report(
                "a.info",
                &[],
                vec![
                    record("src/lib.rs", &[(1, 0), (2, 3)]),
                    record("gone1.rs", &[(1, 1)]),
                ],
            ),
            report(
                "b.xml",
                &[],
                vec![
                    record("src/lib.rs", &[(1, 2), (3, 0)]),
                    record("gone2.rs", &[]),
                    record("gone3.rs", &[]),
                    record("gone4.rs", &[]),
                ],
            ),
            report("empty.info", &[], Vec::new()),
        ];
        let c = map(&reports, Path::new("/r"), "", &["src/lib.rs"]);
        let lib = &c.files["src/lib.rs"];
        assert_eq!(lib.lines, [(1, 2), (2, 3), (3, 0)].into_iter().collect());
        assert_eq!(c.names(lib), "a.info, b.xml");
        assert_eq!(
            c.unmatched,
            ["gone1.rs", "gone2.rs", "gone3.rs", "gone4.rs"]
        );
        let w = c.warnings();
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].starts_with("coverage report empty.info describes no source file"));
        assert!(
            w[1].starts_with(
                "4 paths in the coverage reports match no scanned file (gone1.rs, gone2.rs, \
                 gone3.rs, …)"
            ),
            "{}",
            w[1]
        );
    }

    fn function(start: u32, end: u32) -> FunctionMetrics {
        FunctionMetrics {
            symbol: format!("f{start}"),
            start_line: start,
            end_line: end,
            cyclomatic: 1,
            cognitive: 0,
            lines: end - start + 1,
            nesting: 0,
            params: 0,
            dispatch: None,
        }
    }

    #[test]
    fn function_coverage_leaves_nested_functions_out() {
        let file = FileCoverage {
            lines: [(2, 1), (3, 0), (5, 0), (6, 0), (8, 4), (20, 1)]
                .into_iter()
                .collect(),
            reports: BTreeSet::new(),
        };
        // f1 spans 1–10 with a closure f4 at 4–7 inside; f12 has no instrumented line.
        let got = functions(&file, &[function(1, 10), function(4, 7), function(12, 15)]);
        let pairs: Vec<Option<(u32, u32)>> = got
            .iter()
            .map(|c| c.map(|c| (c.covered, c.instrumented)))
            .collect();
        assert_eq!(pairs, [Some((2, 3)), Some((0, 2)), None]);
        assert_eq!(got[0].unwrap().share, 0.667);
        let whole = file.whole().unwrap();
        assert_eq!((whole.covered, whole.instrumented), (3, 6));
    }
}
