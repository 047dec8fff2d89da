//! The floor under any pipeline of tree-sitter: what parsing every source file of a tree and one
//! query traversal of each tree cost, with no debtscan code around them.
//!
//! `DEBTSCAN_BENCH_DIR=/path/to/tree cargo bench --bench floor` reads every file below the
//! directory whose name says a language of this build (its extension; `.h` goes with the row
//! that claims it, as in a scan), parses it on one thread and walks its tree once with a
//! one-pattern query, then prints the CPU time of both, per language and in all, and their sum
//! divided by two: the least wall time two cores can take for that tree. `debtscan scan DIR
//! --no-history --no-cache` can only be slower. This is how the 5,000-file bar of README
//! "Development" was found to lie below tree-sitter's own cost on trees of real files.

mod common;

use std::collections::BTreeMap;
use std::time::Instant;

use debtscan::lang::{Claims, LanguageDef};
use tree_sitter::{Parser, Query, QueryCursor, StreamingIterator};

fn main() {
    let Some(dir) = std::env::var_os("DEBTSCAN_BENCH_DIR") else {
        println!("floor: set DEBTSCAN_BENCH_DIR to the tree to measure");
        return;
    };
    let files: Vec<(String, &'static LanguageDef)> =
        (common::source_files(std::path::Path::new(&dir)).into_iter())
            .map(|(path, def)| (path.to_string_lossy().into_owned(), def))
            .collect();
    let claims = Claims::of(files.iter().map(|(p, d)| (p.as_str(), *d)));
    // Per language: bytes, parse seconds, traversal seconds.
    let mut per: BTreeMap<&str, (usize, f64, f64)> = BTreeMap::new();
    let mut parser = Parser::new();
    for (path, def) in &files {
        let def = claims.language(path, def);
        let Ok(text) = std::fs::read(path) else {
            continue;
        };
        let language = (def.grammar)();
        let (Ok(()), Ok(query)) = (
            parser.set_language(&language),
            Query::new(&language, "(ERROR) @e"),
        ) else {
            continue;
        };
        let start = Instant::now();
        let Some(tree) = parser.parse(&text, None) else {
            continue;
        };
        let parse = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let mut cursor = QueryCursor::new();
        let mut matches = cursor.matches(&query, tree.root_node(), text.as_slice());
        while matches.next().is_some() {}
        let traversal = start.elapsed().as_secs_f64();
        let row = per.entry(def.name()).or_default();
        row.0 += text.len();
        row.1 += parse;
        row.2 += traversal;
    }
    let mb = |bytes: usize| bytes as f64 / 1e6;
    println!(
        "{:<12} {:>8} {:>10} {:>9} {:>10}",
        "language", "MB", "parse", "MB/s", "traversal"
    );
    for (name, (bytes, parse, traversal)) in &per {
        let rate = mb(*bytes) / parse.max(1e-9);
        println!(
            "{name:<12} {:>8.1} {parse:>9.2}s {rate:>9.1} {traversal:>9.2}s",
            mb(*bytes)
        );
    }
    let bytes: usize = per.values().map(|r| r.0).sum();
    let parse: f64 = per.values().map(|r| r.1).sum();
    let traversal: f64 = per.values().map(|r| r.2).sum();
    println!(
        "all: {:.1} MB, parse {parse:.2}s + one traversal {traversal:.2}s of CPU = {:.2}s on 2 cores at best",
        mb(bytes),
        (parse + traversal) / 2.0
    );
}
