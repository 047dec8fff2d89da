//! `CODEOWNERS` (GitHub's and GitLab's): who owns which paths, for the suggested assignees of
//! tracker-ready items (README, "Tracker-ready items").
//!
//! The file is read where GitHub looks, first found wins: `.github/CODEOWNERS`, `CODEOWNERS`,
//! `docs/CODEOWNERS`, then GitLab's `.gitlab/CODEOWNERS`. Patterns follow `.gitignore` rules
//! (both forges say so) and the last matching line wins. GitLab's `[Section]` headers are read
//! as plain lines: one owner list per path, from the last match in the file.

use std::collections::HashMap;
use std::path::Path;

use ignore::gitignore::{Gitignore, GitignoreBuilder};
use ignore::Match;

/// Where the forges look for the file, in GitHub's order, then GitLab's extra place.
pub const PLACES: [&str; 4] = [
    ".github/CODEOWNERS",
    "CODEOWNERS",
    "docs/CODEOWNERS",
    ".gitlab/CODEOWNERS",
];

/// One owner as the file writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    /// `@login`: a tracker user.
    User(String),
    /// `@org/team` or `@group/subgroup`: not a person one can assign an issue to.
    Team(String),
    /// `ana@example.com`: a person known by email, mapped to a login through config.
    Email(String),
}

/// The rules of a `CODEOWNERS` file.
#[derive(Debug)]
pub struct CodeOwners {
    /// Which file they come from (repository-relative).
    pub file: String,
    matcher: Gitignore,
    /// Owners and line index by pattern as written; a pattern written twice keeps its last
    /// line, as the last matching line wins anyway.
    owners: HashMap<String, (usize, Vec<Owner>)>,
    /// Lines that are not rules (no valid pattern), with their 1-based numbers, for a warning.
    pub skipped: Vec<usize>,
}

impl CodeOwners {
    /// Parses the text of a `CODEOWNERS` file named `file`.
    pub fn parse(file: &str, text: &str) -> CodeOwners {
        let mut builder = GitignoreBuilder::new("");
        let mut owners = HashMap::new();
        let mut skipped = Vec::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            // GitLab's sections (`[Docs]`, `^[Optional][2] @owner`) are headers, not paths.
            if line.is_empty()
                || line.starts_with('#')
                || line.starts_with('[')
                || line.starts_with("^[")
            {
                continue;
            }
            let mut words = line.split_whitespace();
            let Some(pattern) = words.next() else {
                continue;
            };
            let list: Vec<Owner> = words
                .take_while(|w| !w.starts_with('#'))
                .filter_map(owner)
                .collect();
            // Neither forge supports negation; a `!` line is no rule.
            if pattern.starts_with('!') || builder.add_line(None, pattern).is_err() {
                skipped.push(n + 1);
                continue;
            }
            owners.insert(pattern.to_string(), (n, list));
        }
        let matcher = builder.build().unwrap_or_else(|_| Gitignore::empty());
        CodeOwners {
            file: file.to_string(),
            matcher,
            owners,
            skipped,
        }
    }

    /// Reads the first `CODEOWNERS` of [`PLACES`] under the repository root `root`; `None` when
    /// there is none (or it cannot be read as text).
    pub fn load(root: &Path) -> Option<CodeOwners> {
        PLACES.iter().find_map(|place| {
            let text = std::fs::read_to_string(root.join(place)).ok()?;
            Some(CodeOwners::parse(place, &text))
        })
    }

    /// The owners of a repository-relative path: those of the last line whose pattern matches
    /// it or one of its directories (none when no line does, or the line names no owner).
    pub fn of(&self, path: &str) -> &[Owner] {
        // The matcher answers per level (the file, then each directory) with that level's last
        // match; the file's rule is the latest line of any level. (Gitignore's own walk up stops
        // at the first level that matches, which is right for ignoring, not for owning.)
        let levels = std::iter::successors(Some((path, false)), |(p, _)| {
            p.rsplit_once('/').map(|(dir, _)| (dir, true))
        });
        levels
            .filter_map(|(p, is_dir)| match self.matcher.matched(p, is_dir) {
                // `docs/*` owns the files in docs/, "but not further nested files" (GitHub's
                // documentation), unlike `.gitignore`, where it would take whole directories.
                Match::Ignore(glob) if is_dir && glob.original().ends_with("/*") => None,
                Match::Ignore(glob) => self.owners.get(glob.original()),
                _ => None,
            })
            .max_by_key(|(line, _)| *line)
            .map_or(&[], |(_, list)| list.as_slice())
    }
}

/// One owner word: `@login`, `@org/team` or an email; anything else is not an owner.
fn owner(word: &str) -> Option<Owner> {
    if let Some(name) = word.strip_prefix('@') {
        if name.is_empty() {
            return None;
        }
        return Some(if name.contains('/') {
            Owner::Team(word.to_string())
        } else {
            Owner::User(name.to_string())
        });
    }
    word.contains('@').then(|| Owner::Email(word.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
# Lines starting with '#' are comments.
*           @global-owner
*.js        @js-owner  # a trailing comment
/build/logs/ @doctocat
docs/*      docs@example.com
apps/       @octocat @org/web-team
/apps/github
[Database]
db/**/migrations/ @dba
";

    #[test]
    fn the_last_matching_line_wins() {
        let o = CodeOwners::parse("CODEOWNERS", FILE);
        let user = |s: &str| Owner::User(s.into());
        #[rustfmt::skip]
        let cases: &[(&str, Vec<Owner>)] = &[
            ("src/main.rs", vec![user("global-owner")]),
            ("web/app.js", vec![user("js-owner")]),
            ("build/logs/today.txt", vec![user("doctocat")]),
            ("sub/build/logs/x", vec![user("global-owner")]),
            ("docs/intro.md", vec![Owner::Email("docs@example.com".into())]),
            // `docs/*` matches only files directly in docs/.
            ("docs/deep/intro.md", vec![user("global-owner")]),
            ("apps/web/app.ts", vec![user("octocat"), Owner::Team("@org/web-team".into())]),
            ("apps/web/app.js", vec![user("octocat"), Owner::Team("@org/web-team".into())]),
            // A pattern without owners leaves the path without owners.
            ("apps/github/x.rs", vec![]),
            ("db/a/b/migrations/001.sql", vec![user("dba")]),
        ];
        for (path, expected) in cases {
            assert_eq!(o.of(path), expected.as_slice(), "{path}");
        }
        assert!(o.skipped.is_empty());
    }

    #[test]
    fn no_rules_no_owners() {
        let o = CodeOwners::parse("CODEOWNERS", "# nothing\n\n");
        assert!(o.of("src/a.rs").is_empty());
    }
}
