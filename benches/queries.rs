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
//! line where the pattern begins and the time to compile it alone, less an empty query's.

use std::time::Instant;

use debtscan::lang::{Section, LANGUAGES};
use tree_sitter::{Language, Query};

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
    }
}
