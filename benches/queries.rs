//! What compiling each language's queries costs: paid once per language by every process that
//! reads that language, whatever the size of the tree.
//!
//! tree-sitter analyses a query as it compiles it: for each pattern step that names a parent
//! node and has children, it walks the grammar's parse table from every state where that
//! parent can begin. On a large grammar one such pattern can cost a quarter of a second
//! (Swift's `(function_declaration name: (simple_identifier))` did), while the same pattern
//! with a wildcard parent or child (`(function_declaration "func" . name: _)`) costs almost
//! nothing; README, "Development", has the rule the query files follow.
//!
//! `cargo bench --bench queries` prints, for each language of the build, the median of 5
//! compilations of its five query files together (as `lang::Compiled` compiles them).
//! `DEBTSCAN_BENCH_PATTERNS=N` also lists each language's N costliest patterns: the file and
//! line where the pattern begins and the time to compile it alone, less an empty query's. With
//! `DEBTSCAN_BENCH_DIR=/path/to/repo` too, each pattern's cost of matching is listed as well:
//! the time to match it alone over every file of the language below that directory, less one
//! plain traversal of their trees (a named child under a node as long as the file costs there,
//! not in compiling).

mod common;

use std::time::Instant;

use debtscan::lang::{LanguageDef, Section, LANGUAGES};
use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator, Tree};

/// The median of `rounds` timings of `f`, in seconds.
fn median_seconds(rounds: usize, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Median wall time of `rounds` compilations of `source`, in seconds.
fn compile_time(language: &Language, source: &str, rounds: usize) -> f64 {
    median_seconds(rounds, || {
        let query = Query::new(language, source);
        assert!(query.is_ok(), "a query of the table does not compile");
    })
}

/// Every pattern of `def`'s query files, alone: where it begins (`file:line`) and its text
/// (with its predicates).
fn patterns(def: &'static LanguageDef, language: &Language) -> Vec<(String, &'static str)> {
    let mut out = Vec::new();
    for section in Section::ALL {
        let source = section.source(def);
        let Ok(query) = Query::new(language, source) else {
            continue;
        };
        let count = query.pattern_count();
        for p in 0..count {
            let start = query.start_byte_for_pattern(p);
            let end = (p + 1 < count).then(|| query.start_byte_for_pattern(p + 1));
            let line = source[..start].lines().count() + 1;
            let text = &source[start..end.unwrap_or(source.len())];
            out.push((format!("{}:{line}", section.file()), text));
        }
    }
    out
}

/// Prints the `listed` dearest of `costs` (seconds, place), dearest first.
fn print_dearest(mut costs: Vec<(f64, String)>, listed: usize) {
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (cost, place) in costs.iter().take(listed) {
        println!("    {place:<20} {cost:>8.3}s");
    }
}

fn main() {
    let listed: usize = std::env::var("DEBTSCAN_BENCH_PATTERNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    println!("{:<12} {:>9} {:>9}", "language", "patterns", "compile");
    for def in LANGUAGES {
        let language = (def.grammar)();
        let combined: String = (Section::ALL.iter())
            .map(|s| format!("{}\n", s.source(def)))
            .collect();
        let count = Query::new(&language, &combined).map_or(0, |q| q.pattern_count());
        let seconds = compile_time(&language, &combined, 5);
        println!("{:<12} {count:>9} {:>8.3}s", def.name(), seconds);
        if listed == 0 {
            continue;
        }
        // Each pattern alone, less what any query costs (the analysis of the grammar's hidden
        // nodes, done once per query).
        let empty = compile_time(&language, "(ERROR) @e", 3);
        let costs = (patterns(def, &language).into_iter())
            .map(|(place, text)| (compile_time(&language, text, 3) - empty, place))
            .collect();
        print_dearest(costs, listed);
        if let Some(dir) = std::env::var_os("DEBTSCAN_BENCH_DIR") {
            matching_costs(def, &language, std::path::Path::new(&dir), listed);
        }
    }
}

/// Prints the `listed` patterns of `def` dearest to match over its files below `dir`.
fn matching_costs(
    def: &'static LanguageDef,
    language: &Language,
    dir: &std::path::Path,
    listed: usize,
) {
    let files: Vec<Vec<u8>> = (common::source_files(dir).into_iter())
        .filter(|(_, d)| std::ptr::eq(*d, def))
        .filter_map(|(path, _)| std::fs::read(path).ok())
        .collect();
    if files.is_empty() {
        return;
    }
    let mut parser = Parser::new();
    if parser.set_language(language).is_err() {
        return;
    }
    let trees: Vec<Tree> = files.iter().filter_map(|f| parser.parse(f, None)).collect();
    // Matching `query` over every tree, median of 3 rounds.
    let time = |query: &Query| {
        median_seconds(3, || {
            for (text, tree) in files.iter().zip(&trees) {
                let mut cursor = QueryCursor::new();
                let mut matches = cursor.matches(query, tree.root_node(), text.as_slice());
                while matches.next().is_some() {}
            }
        })
    };
    let Ok(plain) = Query::new(language, "(ERROR) @e") else {
        return;
    };
    let traversal = time(&plain);
    let bytes: usize = files.iter().map(Vec::len).sum();
    println!(
        "    matching over {} files ({:.1} MB), one plain traversal {traversal:.3}s:",
        files.len(),
        bytes as f64 / 1e6
    );
    let costs = (patterns(def, language).into_iter())
        .filter_map(|(place, text)| {
            Some((time(&Query::new(language, text).ok()?) - traversal, place))
        })
        .collect();
    print_dearest(costs, listed);
}
