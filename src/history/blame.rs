//! When each marker line was written, and by whom: blame restricted to the marker lines.
//!
//! libgit2's blame is much slower than `git blame` on whole files (libgit2 issue 3027), so
//! only the marker lines are blamed (`min_line`/`max_line`), one file per task on all worker
//! threads. A file whose work-tree content differs from HEAD is blamed whole and then against
//! the work-tree buffer, so uncommitted lines are recognised as such.

use std::collections::HashMap;
use std::path::Path;

use git2::{BlameOptions, ObjectType, Oid, Repository};
use rayon::prelude::*;

/// The commit that introduced a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Introduction {
    /// Commit id.
    pub commit: String,
    /// `Name <email>` after `.mailmap`.
    pub author: String,
    /// Author time, seconds since the epoch.
    pub time: i64,
}

/// A blamed line: `(path, line)` and who introduced it.
type Blamed = ((String, u32), Option<Introduction>);

/// Blames `lines` (1-based) of each repository-relative path. A line that is not committed yet
/// maps to `None`; files that cannot be blamed (not in HEAD) are left out.
pub fn introductions(
    workdir: &Path,
    files: &[(String, Vec<u32>)],
) -> Result<HashMap<(String, u32), Option<Introduction>>, git2::Error> {
    let results: Vec<Result<Vec<Blamed>, git2::Error>> = files
        .par_iter()
        .map_init(
            || Repository::open(workdir),
            |repo, (path, lines)| match repo {
                Ok(repo) => blame_lines(repo, workdir, path, lines),
                Err(e) => Err(git2::Error::from_str(e.message())),
            },
        )
        .collect();
    let mut out = HashMap::new();
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}

fn blame_lines(
    repo: &Repository,
    workdir: &Path,
    path: &str,
    lines: &[u32],
) -> Result<Vec<Blamed>, git2::Error> {
    let head = repo.head()?.peel_to_tree()?;
    let Ok(entry) = head.get_path(Path::new(path)) else {
        // Not committed at all: every line is new.
        return Ok(lines
            .iter()
            .map(|&l| ((path.to_string(), l), None))
            .collect());
    };
    let on_disk = Oid::hash_file(ObjectType::Blob, workdir.join(path)).ok();
    let clean = on_disk == Some(entry.id());
    let mut out = Vec::with_capacity(lines.len());
    if clean {
        for &line in lines {
            let mut opts = BlameOptions::new();
            opts.use_mailmap(true)
                .min_line(line as usize)
                .max_line(line as usize);
            let blame = repo.blame_file(Path::new(path), Some(&mut opts))?;
            out.push((
                (path.to_string(), line),
                hunk_introduction(repo, &blame, line),
            ));
        }
    } else {
        let mut opts = BlameOptions::new();
        opts.use_mailmap(true);
        let committed = repo.blame_file(Path::new(path), Some(&mut opts))?;
        let content = std::fs::read(workdir.join(path)).unwrap_or_default();
        let blame = committed.blame_buffer(&content)?;
        for &line in lines {
            out.push((
                (path.to_string(), line),
                hunk_introduction(repo, &blame, line),
            ));
        }
    }
    Ok(out)
}

fn hunk_introduction(repo: &Repository, blame: &git2::Blame, line: u32) -> Option<Introduction> {
    let hunk = blame.get_line(line as usize)?;
    let id = hunk.final_commit_id();
    if id.is_zero() {
        return None;
    }
    let signature = hunk.final_signature()?;
    let author = format!(
        "{} <{}>",
        String::from_utf8_lossy(signature.name_bytes()),
        String::from_utf8_lossy(signature.email_bytes())
    );
    let time = repo
        .find_commit(id)
        .map(|c| c.author().when().seconds())
        .unwrap_or_else(|_| signature.when().seconds());
    Some(Introduction {
        commit: id.to_string(),
        author,
        time,
    })
}
