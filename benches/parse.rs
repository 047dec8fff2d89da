//! Parse throughput: markers, symbols and debt macros from a synthetic Rust file.
//! Run with `cargo bench --bench parse`; prints the median of several timed rounds, because
//! the machine is shared and noisy.

use std::time::Instant;

use debtscan::lang;
use debtscan::parse::{parse_file, TagSet};

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

fn main() {
    let tags = TagSet::new(debtscan::config::Config::default().markers.tags.keys());
    let def = &lang::LANGUAGES[0];
    let src = synthetic_source(2_000);
    let mb = src.len() as f64 / 1e6;
    let mut rounds = Vec::new();
    let mut markers = 0;
    for _ in 0..7 {
        let start = Instant::now();
        let facts = parse_file("bench.rs", &src, def, &tags, None).expect("parses");
        rounds.push(start.elapsed().as_secs_f64());
        markers = facts.markers.len();
    }
    rounds.sort_by(f64::total_cmp);
    let median = rounds[rounds.len() / 2];
    println!(
        "parse: {:.2} MB, {markers} markers, median {:.1} ms, {:.1} MB/s",
        mb,
        median * 1e3,
        mb / median
    );
}
