//! Tracker-ready items (README, "Tracker-ready items"): each item's severity level, a
//! permalink to its lines on the repository's forge, and an issue body in Markdown, so that a
//! script feeding an issue tracker has nothing to invent. The short title is made with the
//! item (`score::title`); what is here depends on the output's settings (levels, remote).

use std::fmt::Write as _;

use std::collections::BTreeMap;

use crate::codeowners::{CodeOwners, Owner};
use crate::config::LevelConfig;
use crate::model::{Assignee, AssigneeSource, Backlog, DebtItem, Location};

use super::rules;

/// GitHub's limit on an issue body, in characters; GitLab's and Redmine's are larger.
pub const MAX_BODY: usize = 65_536;

/// Lists in a body (reasons, places) stop after this many entries.
const MAX_LIST: usize = 30;

/// The hosting service of a repository, by the address of its web pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forge {
    style: Style,
    /// `https://host/owner/repo`, no credentials, no `.git`.
    base: String,
}

/// How a forge writes a link to lines of a file at a commit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    GitHub,
    GitLab,
    Gitea,
    Bitbucket,
}

impl Forge {
    /// The forge of a remote URL as git writes it (`git@github.com:o/r.git`,
    /// `ssh://git@host:22/o/r`, `https://user:token@gitlab.com/g/sub/r.git`) or of a web address
    /// (`https://github.com/o/r`). Known: github.com, gitlab.com, codeberg.org, bitbucket.org,
    /// and hosts whose name says `github`, `gitlab` or `gitea` (enterprise and self-hosted
    /// instances). Anything else has no forge: no permalinks rather than wrong ones.
    pub fn of(url: &str) -> Option<Forge> {
        let url = url.trim();
        let (host, path) = if let Some(rest) = url.split_once("://").map(|(_, r)| r) {
            let rest = rest.rsplit_once('@').map_or(rest, |(_, r)| r);
            rest.split_once('/')?
        } else {
            // scp-like: [user@]host:path
            let rest = url.rsplit_once('@').map_or(url, |(_, r)| r);
            rest.split_once(':')?
        };
        let host = host.split(':').next()?.to_ascii_lowercase();
        let path = path
            .trim_matches('/')
            .trim_end_matches(".git")
            .trim_matches('/');
        if host.is_empty() || path.split('/').filter(|s| !s.is_empty()).count() < 2 {
            return None;
        }
        let style = match host.as_str() {
            "github.com" => Style::GitHub,
            "gitlab.com" => Style::GitLab,
            "codeberg.org" => Style::Gitea,
            "bitbucket.org" => Style::Bitbucket,
            h if h.contains("github") => Style::GitHub,
            h if h.contains("gitlab") => Style::GitLab,
            h if h.contains("gitea") || h.contains("forgejo") => Style::Gitea,
            _ => return None,
        };
        Some(Forge {
            style,
            base: format!("https://{host}/{path}"),
        })
    }

    /// The repository's web address.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// A link to `location`'s lines in the file at `commit`.
    pub fn permalink(&self, commit: &str, location: &Location) -> String {
        let path: String = location
            .path
            .split('/')
            .map(percent_encode)
            .collect::<Vec<_>>()
            .join("/");
        let (a, b) = (
            location.start_line,
            location.end_line.max(location.start_line),
        );
        let base = &self.base;
        // A whole file (a hotspot file, a god module) is linked as a file, not as its lines.
        let whole = a <= 1 && location.symbol.is_none();
        if whole {
            return match self.style {
                Style::GitHub => format!("{base}/blob/{commit}/{path}"),
                Style::GitLab => format!("{base}/-/blob/{commit}/{path}"),
                Style::Gitea => format!("{base}/src/commit/{commit}/{path}"),
                Style::Bitbucket => format!("{base}/src/{commit}/{path}"),
            };
        }
        match self.style {
            Style::GitHub => format!("{base}/blob/{commit}/{path}#L{a}-L{b}"),
            Style::GitLab => format!("{base}/-/blob/{commit}/{path}#L{a}-{b}"),
            Style::Gitea => format!("{base}/src/commit/{commit}/{path}#L{a}-L{b}"),
            Style::Bitbucket => format!("{base}/src/{commit}/{path}#lines-{a}:{b}"),
        }
    }
}

/// A path segment as a URL path segment: unreserved characters kept, the rest `%XX`.
fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// Fills each item's severity, permalink (with a forge and a commit) and body.
pub fn prepare(
    backlog: &mut Backlog,
    levels: &LevelConfig,
    forge: Option<&Forge>,
    people: &People,
) {
    let commit = backlog.repository.head.clone();
    for item in &mut backlog.items {
        item.suggested_assignees = people.suggest(item);
        let severity = rules::severity(item.score, levels).to_string();
        item.permalink = match (forge, &commit) {
            (Some(f), Some(c)) => Some(f.permalink(c, &item.location)),
            _ => None,
        };
        item.body = Some(body(item, &severity, forge, commit.as_deref()));
        item.severity = Some(severity);
    }
}

/// What suggests assignees: the repository's `CODEOWNERS` and `[tracker]` settings.
#[derive(Debug, Default)]
pub struct People {
    /// The repository's `CODEOWNERS`, if it has one.
    pub owners: Option<CodeOwners>,
    /// `[tracker.logins]`: person → login.
    pub logins: BTreeMap<String, String>,
    /// Suggestions per item, at most.
    pub max: usize,
}

impl People {
    /// Who could take `item`, best first (README, "Tracker-ready items"): the marker's owner,
    /// then the `CODEOWNERS` users of its path, then the main author of its code; one entry
    /// per login (or per person without one), at most [`People::max`].
    pub fn suggest(&self, item: &DebtItem) -> Vec<Assignee> {
        let mut out: Vec<Assignee> = Vec::new();
        let mut add = |source, person: &str, login: Option<String>| {
            let same = |a: &Assignee| match (&a.login, &login) {
                (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
                _ => a.person == person,
            };
            if !out.iter().any(same) {
                out.push(Assignee {
                    login,
                    source,
                    person: person.to_string(),
                });
            }
        };
        if let Some(owner) = item.marker.as_ref().and_then(|m| m.owner.as_deref()) {
            let name = owner.trim_start_matches('@');
            let login = self.login(name).unwrap_or_else(|| name.to_string());
            add(AssigneeSource::MarkerOwner, owner, Some(login));
        }
        if let Some(owners) = &self.owners {
            for o in owners.of(&item.location.path) {
                match o {
                    Owner::User(u) => add(
                        AssigneeSource::Codeowners,
                        &format!("@{u}"),
                        Some(self.login(u).unwrap_or_else(|| u.clone())),
                    ),
                    Owner::Email(e) => add(AssigneeSource::Codeowners, e, self.login(e)),
                    // A team is no one to assign an issue to.
                    Owner::Team(_) => {}
                }
            }
        }
        if let Some(author) = &item.signals.main_author {
            let (name, email) = match author.rsplit_once(" <") {
                Some((n, e)) => (n, e.trim_end_matches('>')),
                None => (author.as_str(), ""),
            };
            let login = self
                .login(author)
                .or_else(|| self.login(email))
                .or_else(|| self.login(name))
                .or_else(|| noreply_login(email));
            add(AssigneeSource::MainAuthor, author, login);
        }
        out.truncate(self.max);
        out
    }

    /// The login `[tracker.logins]` maps `key` to (emails case-insensitively).
    fn login(&self, key: &str) -> Option<String> {
        if key.is_empty() {
            return None;
        }
        self.logins.get(key).cloned().or_else(|| {
            (self.logins.iter())
                .find(|(k, _)| k.contains('@') && k.eq_ignore_ascii_case(key))
                .map(|(_, v)| v.clone())
        })
    }
}

/// The GitHub login in a `users.noreply.github.com` email (`12345+login@…` or `login@…`).
fn noreply_login(email: &str) -> Option<String> {
    const HOST: &str = "@users.noreply.github.com";
    let cut = email.len().checked_sub(HOST.len())?;
    if !email.is_char_boundary(cut) || !email[cut..].eq_ignore_ascii_case(HOST) {
        return None;
    }
    let local = &email[..cut];
    let login = local.rsplit_once('+').map_or(local, |(_, l)| l);
    (!login.is_empty()).then(|| login.to_string())
}

/// The issue body of `item`: what, where, why it ranks here, what to do, the evidence, and the
/// hidden marker `<!-- debtscan:ID -->`, within [`MAX_BODY`] characters.
fn body(item: &DebtItem, severity: &str, forge: Option<&Forge>, commit: Option<&str>) -> String {
    let place = |l: &Location, link: Option<String>| -> String {
        let text = match &l.symbol {
            Some(s) => format!("`{}:{}` (`{s}`)", l.path, l.start_line),
            None => format!("`{}:{}`", l.path, l.start_line),
        };
        match link {
            Some(link) => format!("[{text}]({link})"),
            None => text,
        }
    };
    let link = |l: &Location| Some(forge?.permalink(commit?, l));
    let rule = rules::rule(item.kind);
    let mut s = String::new();
    let _ = writeln!(s, "{}\n", super::markdown::escape(&item.summary));
    let _ = writeln!(
        s,
        "**Where:** {}",
        place(&item.location, item.permalink.clone())
    );
    let _ = writeln!(
        s,
        "**What:** {} Severity **{severity}**, score {:.1}, rank {}.",
        rule.short, item.score, item.rank
    );
    if !item.suggested_assignees.is_empty() {
        let who: Vec<String> = (item.suggested_assignees.iter())
            .map(|a| {
                let source = match a.source {
                    AssigneeSource::MarkerOwner => "named in the marker",
                    AssigneeSource::Codeowners => "CODEOWNERS",
                    AssigneeSource::MainAuthor => "main author",
                };
                let name = match &a.login {
                    Some(login) => format!("`{login}`"),
                    None => super::markdown::escape(a.person.split(" <").next().unwrap_or("")),
                };
                format!("{name} ({source})")
            })
            .collect();
        let _ = writeln!(s, "**Who could take it:** {}.", who.join(", "));
    }
    if !item.related.is_empty() {
        let _ = writeln!(s, "\n**Also at:**");
        for l in item.related.iter().take(MAX_LIST) {
            let _ = writeln!(s, "- {}", place(l, link(l)));
        }
        if item.related.len() > MAX_LIST {
            let _ = writeln!(s, "- and {} more", item.related.len() - MAX_LIST);
        }
    }
    let _ = writeln!(s, "\n**Why it ranks here:**");
    for reason in item.explanation.iter().take(MAX_LIST) {
        let _ = writeln!(s, "- {}", super::markdown::escape(reason));
    }
    let _ = writeln!(s, "\n**What to do:** {}", rule.help);
    let marker = format!("\n<!-- debtscan:{} -->\n", item.id);
    if s.chars().count() + marker.chars().count() > MAX_BODY {
        let keep = MAX_BODY - marker.chars().count() - 2;
        s = s.chars().take(keep).collect();
        s.push('…');
    }
    s.push_str(&marker);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(path: &str, a: u32, b: u32) -> Location {
        Location {
            path: path.into(),
            start_line: a,
            end_line: b,
            symbol: None,
        }
    }

    #[test]
    fn forges_from_remote_urls() {
        let cases: &[(&str, Option<&str>)] = &[
            (
                "git@github.com:rust-lang/cargo.git",
                Some("https://github.com/rust-lang/cargo"),
            ),
            (
                "https://github.com/rust-lang/cargo",
                Some("https://github.com/rust-lang/cargo"),
            ),
            (
                "https://x-access-token:ghs_SECRET@github.com/o/r.git",
                Some("https://github.com/o/r"),
            ),
            (
                "ssh://git@gitlab.com:22/group/sub/repo.git",
                Some("https://gitlab.com/group/sub/repo"),
            ),
            (
                "https://gitlab.example.org/team/app.git/",
                Some("https://gitlab.example.org/team/app"),
            ),
            (
                "https://codeberg.org/forgejo/forgejo",
                Some("https://codeberg.org/forgejo/forgejo"),
            ),
            (
                "git@bitbucket.org:team/app.git",
                Some("https://bitbucket.org/team/app"),
            ),
            ("https://git.example.com/o/r.git", None),
            ("/srv/git/app.git", None),
            ("git@github.com:lonely", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(Forge::of(url).as_ref().map(Forge::base), *want, "{url}");
        }
    }

    #[test]
    fn permalinks_per_forge() {
        let l = at("src/a b/c.rs", 10, 20);
        let c = "0123abcd";
        let link = |url: &str| Forge::of(url).unwrap().permalink(c, &l);
        assert_eq!(
            link("git@github.com:o/r.git"),
            "https://github.com/o/r/blob/0123abcd/src/a%20b/c.rs#L10-L20"
        );
        assert_eq!(
            link("git@gitlab.com:g/r.git"),
            "https://gitlab.com/g/r/-/blob/0123abcd/src/a%20b/c.rs#L10-20"
        );
        assert_eq!(
            link("https://codeberg.org/o/r"),
            "https://codeberg.org/o/r/src/commit/0123abcd/src/a%20b/c.rs#L10-L20"
        );
        assert_eq!(
            link("git@bitbucket.org:o/r.git"),
            "https://bitbucket.org/o/r/src/0123abcd/src/a%20b/c.rs#lines-10:20"
        );
        // A whole file: no line anchor.
        assert_eq!(
            Forge::of("git@github.com:o/r.git")
                .unwrap()
                .permalink(c, &at("README.md", 1, 400)),
            "https://github.com/o/r/blob/0123abcd/README.md"
        );
    }
}
