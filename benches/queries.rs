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

use std::time::Instant;

use debtscan::lang::{self, LanguageDef, Section, LANGUAGES};
use tree_sitter::{Language, Parser, Query, QueryCursor, StreamingIterator, Tree};

/// Median wall time of `rounds` compilations of `source`, in seconds.
fn compile_time(language: &Language, source: &str, rounds: usize) -> f64 {
    let mut times: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let query = Query::new(language, source);
            let elapsed = start.elapsed().as_secs_f64();
            assert!(query.is_ok(), "a query of the table does not compile");
            elapsed
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
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
        let patterns = Query::new(&language, &combined).map_or(0, |q| q.pattern_count());
        let seconds = compile_time(&language, &combined, 5);
        println!("{:<12} {patterns:>9} {:>8.3}s", def.name(), seconds);
        if listed == 0 {
            continue;
        }
        // Each pattern alone, less what any query costs (the analysis of the grammar's hidden
        // nodes, done once per query).
        let empty = compile_time(&language, "(ERROR) @e", 3);
        let mut costs = Vec::new();
        for section in Section::ALL {
            let source = section.source(def);
            let Ok(query) = Query::new(&language, source) else {
                continue;
            };
            let count = query.pattern_count();
            for p in 0..count {
                let start = query.start_byte_for_pattern(p);
                let end = (p + 1 < count).then(|| query.start_byte_for_pattern(p + 1));
                let text = &source[start..end.unwrap_or(source.len())];
                let line = source[..start].lines().count() + 1;
                let cost = compile_time(&language, text, 3) - empty;
                costs.push((cost, format!("{}:{line}", section.file())));
            }
        }
        costs.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (cost, place) in costs.iter().take(listed) {
            println!("    {place:<20} {cost:>8.3}s");
        }
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
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = e.path();
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            } else if path.is_dir() {
                stack.push(path);
            } else if lang::for_path(&path).is_some_and(|d| std::ptr::eq(d, def)) {
                files.extend(std::fs::read(&path));
            }
        }
    }
    if files.is_empty() {
        return;
    }
    let mut parser = Parser::new();
    if parser.set_language(language).is_err() {
        return;
    }
    let trees: Vec<Tree> = files.iter().filter_map(|f| parser.parse(f, None)).collect();
    // Median of 3 rounds of matching `query` over every tree.
    let time = |query: &Query| {
        let mut rounds: Vec<f64> = (0..3)
            .map(|_| {
                let start = Instant::now();
                for (text, tree) in files.iter().zip(&trees) {
                    let mut cursor = QueryCursor::new();
                    let mut matches = cursor.matches(query, tree.root_node(), text.as_slice());
                    while matches.next().is_some() {}
                }
                start.elapsed().as_secs_f64()
            })
            .collect();
        rounds.sort_by(f64::total_cmp);
        rounds[1]
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
    let mut costs = Vec::new();
    for section in Section::ALL {
        let source = section.source(def);
        let Ok(query) = Query::new(language, source) else {
            continue;
        };
        let count = query.pattern_count();
        for p in 0..count {
            let start = query.start_byte_for_pattern(p);
            let end = (p + 1 < count).then(|| query.start_byte_for_pattern(p + 1));
            let Ok(alone) = Query::new(language, &source[start..end.unwrap_or(source.len())])
            else {
                continue;
            };
            let line = source[..start].lines().count() + 1;
            costs.push((
                time(&alone) - traversal,
                format!("{}:{line}", section.file()),
            ));
        }
    }
    costs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (cost, place) in costs.iter().take(listed) {
        println!("    {place:<20} {cost:>8.3}s");
    }
}
