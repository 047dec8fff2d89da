//! Parse throughput, and what markers and complexity metrics add to parsing alone.
//!
//! `cargo bench --bench parse` measures a synthetic Rust file; with
//! `DEBTSCAN_BENCH_DIR=/path/to/repo` it measures every `.rs` file below that directory instead
//! (`target/` and hidden directories skipped). Three passes, each the median of 7 rounds (the
//! machine is shared and noisy), on one thread:
//! 1. tree-sitter parsing alone;
//! 2. parsing + the marker query (what `debtscan todos` does, without its prefilter);
//! 3. parsing + markers + complexity (what `debtscan scan`/`functions` do).
//!
//! Every file of the directory gets a `// TODO` line first, so the marker pass parses them all.

use std::time::Instant;

use debtscan::lang;
use debtscan::parse::{parse_file, TagSet, Wanted};

fn synthetic_source(functions: usize) -> String {
    let mut src = String::from("//! Module docs.\nuse std::fmt;\n\n");
    for i in 0..functions {
        src.push_str(&format!(
            "/// Does thing {i}.\n/// TODO(ana): document the error cases of thing {i}\n\
             pub fn thing_{i}(x: u32) -> Result<u32, String> {{\n    \
             let s = \"FIXME: not a marker\";\n    if x > {i} {{\n        \
             // HACK: clamp until #{i} is fixed\n        return Ok(x.min({i}));\n    }}\n    \
             match x {{\n        0 => Err(s.to_string()),\n        _ => Ok(x * 2),\n    }}\n}}\n\n"
        ));
        if i % 10 == 0 {
            src.push_str(&format!(
                "fn unfinished_{i}() {{ todo!(\"part {i}\") }}\n\n"
            ));
        }
    }
    src
}

/// Every `.rs` file below `dir`, skipping `target/` and hidden directories.
fn corpus(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with('.') || name == "target" {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if name.ends_with(".rs") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    // A marker in every file, so that the marker pass parses every file too
                    // (debtscan skips files that cannot hold one).
                    out.push(format!("// TODO: bench\n{text}"));
                }
            }
        }
    }
    out
}

/// Median seconds of 7 rounds of `f` over all of `files`.
fn median(files: &[String], mut f: impl FnMut(&str) -> usize) -> (f64, usize) {
    let mut rounds = Vec::new();
    let mut count = 0;
    for _ in 0..7 {
        let start = Instant::now();
        count = files.iter().map(|t| f(t)).sum();
        rounds.push(start.elapsed().as_secs_f64());
    }
    rounds.sort_by(f64::total_cmp);
    (rounds[rounds.len() / 2], count)
}

fn main() {
    let tags = TagSet::new(debtscan::config::Config::default().markers.tags.keys());
    let def = &lang::LANGUAGES[0];
    let (label, files) = match std::env::var_os("DEBTSCAN_BENCH_DIR") {
        Some(dir) => (
            std::path::PathBuf::from(&dir).display().to_string(),
            corpus(dir.as_ref()),
        ),
        None => ("synthetic".to_string(), vec![synthetic_source(2_000)]),
    };
    let mb = files.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&(def.grammar)())
        .expect("grammar loads");
    let (parse, nodes) = median(&files, |t| {
        parser
            .parse(t, None)
            .map_or(0, |tree| tree.root_node().child_count())
    });
    let rules = debtscan::parse::Rules::default();
    let (markers, found) = median(&files, |t| {
        parse_file("bench.rs", t, def, &tags, Wanted::MARKERS).map_or(0, |f| f.markers.len())
    });
    let with_metrics = Wanted {
        markers: true,
        metrics: Some(&rules),
        imports: false,
    };
    let (metrics, functions) = median(&files, |t| {
        parse_file("bench.rs", t, def, &tags, with_metrics)
            .ok()
            .and_then(|f| f.metrics)
            .map_or(0, |m| m.functions.len())
    });
    let with_imports = Wanted {
        imports: true,
        ..with_metrics
    };
    let (imports, references) = median(&files, |t| {
        parse_file("bench.rs", t, def, &tags, with_imports)
            .ok()
            .and_then(|f| f.imports)
            .map_or(0, |i| i.references.len())
    });
    let _ = nodes;
    println!(
        "{label}: {} files, {mb:.2} MB\n\
         parse alone        {:8.1} ms  {:5.1} MB/s\n\
         + markers          {:8.1} ms  {:5.1} MB/s  ({found} markers; +{:.0}% over parsing)\n\
         + markers, metrics {:8.1} ms  {:5.1} MB/s  ({functions} functions; +{:.0}% over parsing)\n\
         + imports          {:8.1} ms  {:5.1} MB/s  ({references} references; +{:.0}% over parsing)\n\
         metrics alone add {:.0}% of the parsing time ({:.0}% over the marker pass)\n\
         imports alone add {:.0}% of the parsing time ({:.0}% over the scan's other passes)",
        files.len(),
        parse * 1e3,
        mb / parse,
        markers * 1e3,
        mb / markers,
        100.0 * (markers / parse - 1.0),
        metrics * 1e3,
        mb / metrics,
        100.0 * (metrics / parse - 1.0),
        imports * 1e3,
        mb / imports,
        100.0 * (imports / parse - 1.0),
        100.0 * (metrics - markers) / parse,
        100.0 * (metrics / markers - 1.0),
        100.0 * (imports - metrics) / parse,
        100.0 * (imports / metrics - 1.0),
    );
}
