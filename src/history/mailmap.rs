//! `.mailmap`, applied to identities that libgit2 refuses.
//!
//! libgit2 rebuilds every mapped signature with `git_signature_new`, which rejects an empty name
//! or email ("Signature cannot have an empty name or email"), and its mailmap parser stops
//! reading a file at an entry for the empty email (`Name <real@x> <>`), dropping every entry
//! after it. git accepts both: real histories (rust-clippy's `ceptontech <>`) have such
//! authors, and a `.mailmap` is how a project names them. So the file is read and applied here,
//! on bytes, as libgit2 does otherwise (same sources and order, later entries replace earlier
//! ones, emails and names compared exactly, results trimmed as libgit2 trims them), so every
//! identity libgit2 could map comes out as before.

use std::collections::HashMap;
use std::path::Path;

use git2::Repository;

/// What an entry maps to; `None` keeps the commit's own name or email.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Target {
    name: Option<Vec<u8>>,
    email: Option<Vec<u8>>,
}

/// A repository's mailmap.
#[derive(Debug, Clone, Default)]
pub struct Mailmap {
    /// Per commit email, then commit name (`None`: an entry for every name with that email).
    entries: HashMap<Vec<u8>, HashMap<Option<Vec<u8>>, Target>>,
}

impl Mailmap {
    /// The mailmap libgit2 would read for `repo`: the work tree's `.mailmap`, then the blob
    /// named by `mailmap.blob` (in a bare repository `HEAD:.mailmap` by default), then the file
    /// named by `mailmap.file`. Sources that cannot be read add nothing.
    pub fn from_repository(repo: &Repository) -> Mailmap {
        Mailmap::at(repo, None)
    }

    /// The mailmap of `repo` as of commit `start` (`--as-of`): as [`Mailmap::from_repository`],
    /// with the commit's `.mailmap` in place of the work tree's, as in a checkout of it.
    pub fn at(repo: &Repository, start: Option<git2::Oid>) -> Mailmap {
        let mut map = Mailmap::default();
        let config = repo.config().ok();
        let get = |key: &str| config.as_ref().and_then(|c| c.get_string(key).ok());
        match start {
            Some(commit) => {
                let max = u64::MAX;
                if let Ok(Some(text)) = crate::walk::tree::read(repo, commit, ".mailmap", max) {
                    map.add_buffer(&text);
                }
            }
            None => {
                if let Some(workdir) = repo.workdir() {
                    if let Ok(text) = std::fs::read(workdir.join(".mailmap")) {
                        map.add_buffer(&text);
                    }
                }
            }
        }
        let blob = get("mailmap.blob").or_else(|| repo.is_bare().then(|| "HEAD:.mailmap".into()));
        if let Some(rev) = blob {
            let found = repo.revparse_single(&rev).and_then(|o| o.peel_to_blob());
            if let Ok(blob) = found {
                map.add_buffer(blob.content());
            }
        }
        let file = config
            .as_ref()
            .and_then(|c| c.get_path("mailmap.file").ok());
        if let Some(path) = file {
            let path = match repo.workdir() {
                Some(dir) if path.is_relative() => dir.join(path),
                _ => path,
            };
            if let Ok(text) = std::fs::read(Path::new(&path)) {
                map.add_buffer(&text);
            }
        }
        map
    }

    /// A mailmap from the text of a `.mailmap` file.
    pub fn from_buffer(text: &[u8]) -> Mailmap {
        let mut map = Mailmap::default();
        map.add_buffer(text);
        map
    }

    fn add_buffer(&mut self, text: &[u8]) {
        // libgit2 reads nothing from a buffer holding a NUL byte.
        if text.contains(&0) {
            return;
        }
        for line in text.split(|&b| b == b'\n') {
            if let Some((target, name, email)) = parse_line(line) {
                self.entries.entry(email).or_default().insert(name, target);
            }
        }
    }

    /// The real name and email of the commit identity `name <email>`, trimmed as libgit2
    /// trims signatures.
    pub fn resolve<'a>(&'a self, name: &'a [u8], email: &'a [u8]) -> (&'a [u8], &'a [u8]) {
        let target = self.entries.get(email).and_then(|by_name| {
            by_name
                .get(&Some(name.to_vec()))
                .or_else(|| by_name.get(&None))
        });
        let real_name = target.and_then(|t| t.name.as_deref()).unwrap_or(name);
        let real_email = target.and_then(|t| t.email.as_deref()).unwrap_or(email);
        (trim(real_name), trim(real_email))
    }

    /// `Name <email>` of a signature after this mailmap (bytes that are not UTF-8 replaced).
    /// An empty name or email stays empty: `ceptontech <>`.
    pub fn identity(&self, signature: &git2::Signature) -> String {
        self.identity_of(signature.name_bytes(), signature.email_bytes())
    }

    /// [`Self::identity`] of a name and email as a commit records them.
    pub fn identity_of(&self, name: &[u8], email: &[u8]) -> String {
        let (name, email) = self.resolve(name, email);
        format!(
            "{} <{}>",
            String::from_utf8_lossy(name),
            String::from_utf8_lossy(email)
        )
    }
}

/// One line: `Real Name <real@email> Commit Name <commit@email>`, or a shorter form (`Real
/// Name <commit@email>`, `<real@email> <commit@email>`, …). As in git, only the last email may
/// be empty; `#` starts a comment.
fn parse_line(line: &[u8]) -> Option<(Target, Option<Vec<u8>>, Vec<u8>)> {
    let mut rest = line;
    let (name1, email1) = name_and_email(&mut rest)?;
    let second = name_and_email(&mut rest);
    if !at_end(rest) {
        return None;
    }
    let non_empty = |s: &[u8]| (!s.is_empty()).then(|| s.to_vec());
    match second {
        None if !email1.is_empty() => Some((
            Target {
                name: non_empty(name1),
                email: None,
            },
            None,
            email1.to_vec(),
        )),
        Some((name2, email2)) if !email1.is_empty() => Some((
            Target {
                name: non_empty(name1),
                email: non_empty(email1),
            },
            non_empty(name2),
            email2.to_vec(),
        )),
        _ => None,
    }
}

/// `name <email>` at the start of `rest` (name trimmed; the email as written), advancing past
/// it; `None` if a comment or the line's end comes first.
fn name_and_email<'a>(rest: &mut &'a [u8]) -> Option<(&'a [u8], &'a [u8])> {
    let open = rest.iter().position(|&b| b == b'<' || b == b'#')?;
    if rest[open] == b'#' {
        return None;
    }
    let name = rest[..open].trim_ascii();
    let after = &rest[open + 1..];
    let close = after.iter().position(|&b| b == b'>' || b == b'#')?;
    if after[close] == b'#' {
        return None;
    }
    *rest = &after[close + 1..];
    Some((name, &after[..close]))
}

/// Nothing but blanks or a comment left.
fn at_end(rest: &[u8]) -> bool {
    let rest = rest.trim_ascii_start();
    rest.is_empty() || rest[0] == b'#'
}

/// Trims what libgit2 trims from both ends of a signature's name and email.
fn trim(mut s: &[u8]) -> &[u8] {
    let crud = |c: u8| c <= 32 || b",:;<>\"\\'".contains(&c);
    while let [first, tail @ ..] = s {
        if !crud(*first) {
            break;
        }
        s = tail;
    }
    while let [head @ .., last] = s {
        if !crud(*last) {
            break;
        }
        s = head;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(map: &Mailmap, name: &str, email: &str) -> (String, String) {
        let (n, e) = map.resolve(name.as_bytes(), email.as_bytes());
        (
            String::from_utf8_lossy(n).into_owned(),
            String::from_utf8_lossy(e).into_owned(),
        )
    }

    #[test]
    fn every_entry_form_maps_as_git_does() {
        let map = Mailmap::from_buffer(
            b"# comment\n\
              Proper Name <commit@x>\n\
              <real@x> <old@x>\n\
              Real Both <both@x> Old Name <old2@x> # trailing\n\
              Cepton Tech <cepton@example.com> <>\n\
              Only Name <> \n\
              broken <line\n\
              Named <named@x> Specific <shared@x>\n",
        );
        let r = |n, e| resolve(&map, n, e);
        assert_eq!(
            r("x", "commit@x"),
            ("Proper Name".into(), "commit@x".into())
        );
        assert_eq!(r("y", "old@x"), ("y".into(), "real@x".into()));
        assert_eq!(
            r("Old Name", "old2@x"),
            ("Real Both".into(), "both@x".into())
        );
        // The name must match when the entry names one.
        assert_eq!(r("Other", "old2@x"), ("Other".into(), "old2@x".into()));
        assert_eq!(
            r("ceptontech", ""),
            ("Cepton Tech".into(), "cepton@example.com".into())
        );
        assert_eq!(
            r("Specific", "shared@x"),
            ("Named".into(), "named@x".into())
        );
        assert_eq!(r("Else", "shared@x"), ("Else".into(), "shared@x".into()));
        // An entry for the empty email without a name maps every name with it.
        assert_eq!(
            r("someone", ""),
            ("Cepton Tech".into(), "cepton@example.com".into())
        );
        // Unmapped identities keep empty parts.
        assert_eq!(r("", "nobody@x"), ("".into(), "nobody@x".into()));
        let empty = Mailmap::default();
        assert_eq!(
            resolve(&empty, "someone", ""),
            ("someone".into(), "".into())
        );
        assert_eq!(resolve(&empty, "", ""), ("".into(), "".into()));
    }

    #[test]
    fn later_entries_replace_earlier_ones_and_results_are_trimmed() {
        let map = Mailmap::from_buffer(b"First <a@x>\nSecond <a@x>\n");
        assert_eq!(resolve(&map, "n", "a@x"), ("Second".into(), "a@x".into()));
        assert_eq!(
            resolve(&Mailmap::default(), " padded. ", "'e@x'"),
            ("padded.".into(), "e@x".into())
        );
        assert!(Mailmap::from_buffer(b"A <a@x>\0\n").entries.is_empty());
    }
}
