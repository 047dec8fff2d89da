//! What the query-cost and floor benchmarks share.

use std::path::{Path, PathBuf};

use debtscan::lang::{self, LanguageDef};

/// Every file below `dir` whose name says a language of this build, with that language by its
/// name alone; hidden files and directories are skipped.
pub fn source_files(dir: &Path) -> Vec<(PathBuf, &'static LanguageDef)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = e.path();
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            } else if path.is_dir() {
                stack.push(path);
            } else if let Some(def) = lang::for_path(&path) {
                out.push((path, def));
            }
        }
    }
    out
}
