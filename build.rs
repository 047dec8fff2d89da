//! Fingerprints the sources the binary is built from, so the cache can file what the code
//! computes (parse facts, X-Ray results) under the code that computed it: a rebuild from the
//! same sources (a nightly `cargo install` of one release) keeps its entries, any change to
//! the code, the queries or the locked dependencies (grammars, tree-sitter) starts afresh.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut all = Vec::new();
    for dir in ["src", "queries"] {
        files(Path::new(dir), &mut all);
        println!("cargo:rerun-if-changed={dir}");
    }
    all.push(PathBuf::from("Cargo.lock"));
    println!("cargo:rerun-if-changed=Cargo.lock");
    all.sort();
    // FNV-1a: stable across Rust versions, unlike std's default hasher.
    let mut hash = Fnv(0xcbf2_9ce4_8422_2325);
    for path in all {
        hash.write(path.to_string_lossy().as_bytes());
        hash.write(&std::fs::read(&path).unwrap_or_default());
    }
    println!(
        "cargo:rustc-env=DEBTSCAN_SOURCE_HASH={:016x}",
        hash.finish()
    );
}

struct Fnv(u64);

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
