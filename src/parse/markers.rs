//! Markers inside comment text: which words are tags, and what follows them (owner, issue,
//! due date, priority, text). This module sees only comment text with its delimiters
//! stripped; deciding what is a comment is tree-sitter's job (see `parse`).
//!
//! Rules, chosen to match what people mean and avoid grep's false positives:
//! - An upper-case tag (`TODO`, `FIXME`, …) counts anywhere in a comment as a whole word,
//!   except where prose names a marker as a noun: `TODO`, `FIXME` or `XXX` right after an
//!   article or determiner (`a TODO`, `the old FIXME`, `each XXX`) and with no `:` or `(`
//!   after it. (Whereas "this is a HACK" admits one: the tags that name a kind of debt count
//!   as nouns too.)
//! - Another spelling (`todo`, `Fixme`) counts only as `@todo` / `\todo`, or when it opens the
//!   comment line and is followed by `:` or `(`, so prose such as "a hack around" is not a marker.
//! - Not a marker: a tag inside a longer word (`TODOS`, `XXXL`, `todo_list`), joined by `-` to
//!   another word (`XXX-YYY`), part of a URL or path (`docs/TODO.md`, `http://x/FIXME`),
//!   a file name (`TODO.md`), or inside an inline code span (`` `TODO` ``).
//! - The body runs to the end of the comment line and continues over the following lines of the
//!   same comment block; it stops at a blank line, a line with another tag, or after
//!   [`MAX_BODY_LINES`] lines.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::MarkerInfo;

/// A marker's body spans at most this many lines.
pub const MAX_BODY_LINES: usize = 20;

/// Upper-case words that look like `KEY-123` issue keys but are standards and encodings.
const NOT_ISSUE_KEYS: &[&str] = &[
    "UTF", "UCS", "SHA", "MD", "ISO", "AES", "RSA", "DES", "HMAC", "TLS", "SSL", "HTTP", "CRC",
    "PEP", "RFC", "IEEE", "ECMA", "CP", "WIN", "ARM", "X", "IPV", "ES", "ECDSA", "ED", "BLAKE",
    "CVE", "MPL", "GPL", "LGPL", "AGPL", "BSD", "CC", "COVID", "Y2K",
];

/// The configured tags, upper-case.
#[derive(Debug, Clone)]
pub struct TagSet {
    tags: Vec<String>,
    /// Matches wherever a tag may be taken (see `tag_at`), and more: a file without a match
    /// cannot hold a comment marker.
    prefilter: Regex,
}

impl TagSet {
    /// Builds a tag set; tags are compared in upper case.
    pub fn new<I: IntoIterator<Item = S>, S: AsRef<str>>(tags: I) -> TagSet {
        let mut tags: Vec<String> = tags
            .into_iter()
            .map(|t| t.as_ref().to_uppercase())
            .collect();
        tags.sort();
        tags.dedup();
        let alternatives: Vec<String> = tags.iter().map(|t| regex::escape(t)).collect();
        let any = alternatives.join("|");
        // Every way `tag_at` takes a word, and more: upper-case as a word, any case after `@`
        // or `\`, any case followed (after an optional `(…)`) by `:`. Not "any case as a word":
        // "a bug", "debug hack" are prose, and half of cargo's files that matched that were
        // parsed for markers to find none.
        let prefilter = Regex::new(&format!(
            r"(?-u)\b(?:{any})\b|(?i-u)[@\\](?:{any})\b|(?i-u)\b(?:{any})(?u:\([^)\n]*\))?:"
        ))
        .expect("escaped alternatives form a valid regex");
        TagSet { tags, prefilter }
    }

    /// The tags, upper-case, sorted, without duplicates.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Whether `text` might contain a marker (a fast check before parsing).
    pub fn may_occur_in(&self, text: &str) -> bool {
        self.prefilter.is_match(text)
    }

    fn find(&self, word: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|t| t.eq_ignore_ascii_case(word))
            .map(String::as_str)
    }
}

/// A marker found in comment lines (indices refer to the lines given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMarker {
    /// Upper-case tag, text and annotations.
    pub marker: MarkerInfo,
    /// Index of the line holding the tag.
    pub first: usize,
    /// Index of the last line of the body.
    pub last: usize,
}

/// A tag occurrence in one line: byte range of the tag word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit<'t> {
    tag: &'t str,
    start: usize,
    end: usize,
}

/// Finds every marker in the lines of one comment block.
pub fn find_markers(lines: &[String], tags: &TagSet) -> Vec<RawMarker> {
    let hits: Vec<Vec<Hit>> = lines.iter().map(|l| find_tags(l, tags)).collect();
    let mut markers = Vec::new();
    for (i, line_hits) in hits.iter().enumerate() {
        for (h, hit) in line_hits.iter().enumerate() {
            let next_on_line = line_hits.get(h + 1);
            let head = &lines[i][hit.end..next_on_line.map_or(lines[i].len(), |n| n.start)];
            let mut suffix = parse_suffix(head);
            let mut body = vec![suffix.rest.to_string()];
            let mut last = i;
            if next_on_line.is_none() {
                for j in i + 1..lines.len().min(i + MAX_BODY_LINES) {
                    if ends_body(&lines[j]) || !hits[j].is_empty() {
                        break;
                    }
                    body.push(lines[j].clone());
                    last = j;
                }
            }
            let text = collapse(&body.join(" "));
            if suffix.issue.is_none() {
                suffix.issue = find_issue(&text);
            }
            if suffix.due.is_none() {
                suffix.due = find_due(&text);
            }
            markers.push(RawMarker {
                marker: MarkerInfo {
                    tag: hit.tag.to_string(),
                    text,
                    owner: suffix.owner,
                    issue: suffix.issue,
                    due: suffix.due,
                    priority: suffix.priority,
                    introduced: None,
                    predates_history: None,
                },
                first: i,
                last,
            });
        }
    }
    markers
}

/// A line that cannot continue a marker's text: blank, decoration (`*****`, `// -----`), a
/// Markdown code fence or heading (doc comments: the docs below a marker are not its text).
fn ends_body(line: &str) -> bool {
    let t = line.trim();
    t.is_empty()
        || t.chars().all(|c| "*-=_#/~+".contains(c))
        || t.starts_with("```")
        || t.starts_with("# ")
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Tag occurrences in one comment line, in order.
fn find_tags<'t>(line: &str, tags: &'t TagSet) -> Vec<Hit<'t>> {
    let mut hits = Vec::new();
    let mut chars = line.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        if let Some(tag) = tag_at(line, start, end, tags) {
            hits.push(Hit { tag, start, end });
        }
    }
    hits
}

/// Decides whether the word `line[start..end]` is a marker tag.
fn tag_at<'t>(line: &str, start: usize, end: usize, tags: &'t TagSet) -> Option<&'t str> {
    let word = &line[start..end];
    let tag = tags.find(word)?;
    let before = &line[..start];
    let after = &line[end..];
    let prev = before.chars().next_back();
    let next = after.chars().next();
    let sigil = matches!(prev, Some('@') | Some('\\'));
    let upper = word == tag;
    if !upper && !sigil {
        // `// todo: x` and `// todo(ana): x`, but not `// optimize(&mut plan);` (commented-out code).
        let opens_line = before.trim().is_empty();
        let rest = match after.strip_prefix('(') {
            Some(inner) => inner.find(')').map_or("", |close| &inner[close + 1..]),
            None => after,
        };
        if !(opens_line && rest.starts_with(':')) {
            return None;
        }
    }
    if upper && !sigil && names_a_marker(tag, before, after) {
        return None;
    }
    // Joined to another word by a hyphen: `XXX-YYY`, `non-TODO`, `TODO-list` (but `TODO-123`
    // style issue keys are not tags either, so a hyphen always disqualifies).
    if prev == Some('-')
        || (next == Some('-') && after[1..].starts_with(|c: char| c.is_alphanumeric()))
    {
        return None;
    }
    // File names and qualified names: `TODO.md`, `self.todo`.
    if next == Some('.') && after[1..].starts_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    if prev == Some('.') && before[..before.len() - 1].ends_with(|c: char| c.is_alphanumeric()) {
        return None;
    }
    // Inside an inline code span or a quotation: a mention, not a marker.
    if before.matches('`').count() % 2 == 1 || before.matches('"').count() % 2 == 1 {
        return None;
    }
    // Part of a URL or a path: look at the whitespace-delimited token around the word.
    let token_start = before.rfind(char::is_whitespace).map_or(0, |i| i + 1);
    let token_end = after
        .find(char::is_whitespace)
        .map_or(line.len(), |i| end + i);
    let token = &line[token_start..token_end];
    if token.contains("://") || token.contains('/') {
        return None;
    }
    Some(tag)
}

/// Tags that prose uses as nouns for markers themselves ("with a TODO", "the FIXME below").
const MARKER_NOUNS: &[&str] = &["TODO", "FIXME", "XXX"];

/// Words after which a tag is a noun: articles and determiners.
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "each", "every", "any", "no", "one", "its",
    "their", "our", "his", "her", "my", "your", "another", "such", "some",
];

/// Whether upper-case `tag`, with `before` and `after` it on its line, is prose naming a
/// marker: one of [`MARKER_NOUNS`] after a determiner, directly or with one lower-case word
/// between (`the old TODO`), in the same clause, and not followed by `:` or `(` as a marker is.
fn names_a_marker(tag: &str, before: &str, after: &str) -> bool {
    if !MARKER_NOUNS.contains(&tag) {
        return false;
    }
    if after.trim_start().starts_with([':', '(', '!']) {
        return false;
    }
    let clause = before
        .rsplit(|c: char| ".,;:!?()[]{}`\"".contains(c))
        .next()
        .unwrap_or(before);
    let mut words = clause.split_whitespace().rev();
    let determiner =
        |w: Option<&str>| w.is_some_and(|w| DETERMINERS.contains(&w.to_lowercase().as_str()));
    let last = words.next();
    if determiner(last) {
        return true;
    }
    let lower = last.is_some_and(|w| w.chars().all(|c| c.is_lowercase()));
    lower && determiner(words.next())
}

/// What may follow a tag: `(owner, #12, 2026-06-01)`, `!`s, and a separator.
#[derive(Debug, Default)]
struct Suffix<'a> {
    owner: Option<String>,
    issue: Option<String>,
    due: Option<String>,
    priority: u8,
    rest: &'a str,
}

fn parse_suffix(s: &str) -> Suffix<'_> {
    let mut out = Suffix::default();
    let mut rest = s;
    loop {
        if let Some(stripped) = rest.strip_prefix('!') {
            out.priority = out.priority.saturating_add(1);
            rest = stripped;
        } else if rest.starts_with('(') && rest.contains(')') {
            let close = rest.find(')').unwrap_or(rest.len());
            parse_annotations(&rest[1..close], &mut out);
            rest = &rest[close + 1..];
        } else {
            break;
        }
    }
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix(':')
        .or_else(|| rest.strip_prefix("--"))
        .or_else(|| rest.strip_prefix('-'))
        .or_else(|| rest.strip_prefix('—'))
        .or_else(|| rest.strip_prefix('–'))
        .unwrap_or(rest);
    out.rest = rest.trim();
    out
}

fn parse_annotations(inner: &str, out: &mut Suffix) {
    for piece in inner.split([',', ';', ' ', '\t']).map(str::trim) {
        if piece.is_empty() {
            continue;
        }
        if is_date(piece) {
            out.due.get_or_insert_with(|| piece.to_string());
        } else if let Some(issue) = find_issue(piece) {
            out.issue.get_or_insert(issue);
        } else if out.owner.is_none() {
            let name = piece.trim_start_matches('@');
            if !name.is_empty() {
                out.owner = Some(name.to_string());
            }
        }
    }
}

/// `YYYY-MM-DD` with a month of 01–12 and a day of 01–31.
fn is_date(s: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$").expect("valid regex")
    })
    .is_match(s)
}

/// The first issue reference in `text`: an issue/PR URL, `owner/repo#12`, `#12` or `ABC-12`.
pub fn find_issue(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?P<url>https?://[^\s)>\]]+/(?:issues|pull|pulls|merge_requests|browse|ticket|tickets)/[\w.-]+)",
            r"|(?:^|[\s(\[,])(?P<hash>(?:[\w.-]+/[\w.-]+)?#\d+)\b",
            r"|\b(?P<key>(?P<project>[A-Z][A-Z0-9_]{1,9})-\d+)\b(?P<version>\.\d)?",
        ))
        .expect("valid regex")
    });
    for caps in re.captures_iter(text) {
        if let Some(m) = caps.name("url").or_else(|| caps.name("hash")) {
            return Some(m.as_str().trim_end_matches(['.', ',']).to_string());
        }
        if let (Some(key), Some(project)) = (caps.name("key"), caps.name("project")) {
            // `MPL-2.0`, `ISO-8601`: versions and standards, not tickets.
            if caps.name("version").is_none() && !NOT_ISSUE_KEYS.contains(&project.as_str()) {
                return Some(key.as_str().to_string());
            }
        }
    }
    None
}

/// A due date written as `by|before|until|due YYYY-MM-DD`.
pub fn find_due(text: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?:by|before|until|due)\s+(\d{4}-\d{2}-\d{2})\b").expect("valid regex")
    })
    .captures(text)
    .map(|c| c[1].to_string())
}

/// Words that admit wrong behaviour in a marker's text (README, "Markers"): `wrong`,
/// `incorrect`, `broken`, `bug`, `race`, `leak`, `unsound`, `crash`, `doesn't work` /
/// `does not work`, with their usual inflections (`wrongly`, `bugs`, `buggy`, `leaks`,
/// `leaking`, `crashes`, `racy`, `race condition`, `don't work`, …). A marker that says one of
/// them is a defect someone saw, not a wish.
pub const DEFECT_WORDS: &[&str] = &[
    "wrong",
    "incorrect",
    "broken",
    "bug",
    "race",
    "leak",
    "unsound",
    "crash",
    "doesn't work",
    "does not work",
];

/// The first word of [`DEFECT_WORDS`] (or an inflection) in `text`, as written.
pub fn admitted_defect(text: &str) -> Option<&str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            r"(?i)\b(?:wrong(?:ly)?|incorrect(?:ly|ness)?|broken|bug(?:s|gy)?",
            r"|rac(?:e\s+conditions?|es|e|y)|leak(?:s|ed|ing|y)?|unsound(?:ness)?",
            r"|crash(?:es|ed|ing)?|(?:does|do|did)(?:n't|n’t|\s+not)\s+work)\b",
        ))
        .expect("valid regex")
    })
    .find(text)
    .map(|m| m.as_str())
}

/// Whether a marker's text says nothing a reader can act on: empty, or only punctuation,
/// digits, issue references (`#12`, `ABC-12`, issue URLs) and `@` mentions once those are
/// taken out. An owner in parentheses (`TODO(alice)`) never reaches the text.
pub fn is_bare(text: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"https?://\S+|(?:[\w.-]+/[\w.-]+)?#\d+|\b[A-Z][A-Z0-9_]{1,9}-\d+\b",
            r"|@[\w.-]+",
        ))
        .expect("valid regex")
    });
    !re.replace_all(text, " ").chars().any(char::is_alphabetic)
}

/// The text near-identical copies share: lower case, with digits and punctuation taken out
/// and whitespace collapsed (`Check u8 bounds (see #12).` and `check u16 bounds` both give
/// `check u bounds see`).
pub fn normalize(text: &str) -> String {
    let kept: String = text
        .chars()
        .map(|c| match c.is_alphabetic() {
            true => c,
            false => ' ',
        })
        .collect();
    collapse(&kept.to_lowercase())
}

/// Collapses runs of whitespace to one space and trims.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags() -> TagSet {
        TagSet::new(["TODO", "FIXME", "HACK", "XXX", "BUG"])
    }

    fn one(line: &str) -> Option<MarkerInfo> {
        let mut m = find_markers(&[line.to_string()], &tags());
        assert!(m.len() <= 1, "{m:?}");
        m.pop().map(|m| m.marker)
    }

    #[test]
    fn plain_tags() {
        let m = one("TODO: retry on failure").unwrap();
        assert_eq!(
            (m.tag.as_str(), m.text.as_str()),
            ("TODO", "retry on failure")
        );
        assert_eq!(one("FIXME this leaks").unwrap().text, "this leaks");
        assert_eq!(one("we do a HACK here").unwrap().text, "here");
        assert_eq!(one("XXX").unwrap().text, "");
    }

    #[test]
    fn annotations() {
        let m = one("TODO(@alice, #42): fix").unwrap();
        assert_eq!(m.owner.as_deref(), Some("alice"));
        assert_eq!(m.issue.as_deref(), Some("#42"));
        assert_eq!(m.text, "fix");
        let m = one("TODO(2026-06-01) ship it").unwrap();
        assert_eq!(m.due.as_deref(), Some("2026-06-01"));
        assert_eq!(m.owner, None);
        let m = one("FIXME!!: now").unwrap();
        assert_eq!(m.priority, 2);
        assert_eq!(m.text, "now");
        let m = one("TODO remove this by 2027-01-31, see ABC-123").unwrap();
        assert_eq!(m.due.as_deref(), Some("2027-01-31"));
        assert_eq!(m.issue.as_deref(), Some("ABC-123"));
        let m = one("TODO: see https://github.com/o/r/issues/7.").unwrap();
        assert_eq!(m.issue.as_deref(), Some("https://github.com/o/r/issues/7"));
        let m = one("TODO: handle UTF-8 and SHA-256 properly").unwrap();
        assert_eq!(m.issue, None);
        assert_eq!(one("TODO: relicense under MPL-2.0").unwrap().issue, None);
        assert_eq!(one("TODO(2026-13-45): bad date").unwrap().due, None);
        assert_eq!(one("TODO: was fixed for COVID-19").unwrap().issue, None);
        let m = one("TODO: upstream rust-lang/rust#12345").unwrap();
        assert_eq!(m.issue.as_deref(), Some("rust-lang/rust#12345"));
    }

    #[test]
    fn other_spellings_need_a_sigil_or_a_colon_at_the_start() {
        assert_eq!(one("todo: lower").unwrap().tag, "TODO");
        assert_eq!(
            one("Fixme(bob): later").unwrap().owner.as_deref(),
            Some("bob")
        );
        assert!(one("Fixme(bob) later").is_none());
        assert!(one("optimize(&mut plan);").is_none());
        assert_eq!(one("see @todo write docs").unwrap().text, "write docs");
        assert!(one("a hack around the borrow checker").is_none());
        assert!(one("nothing todo: here").is_none());
        assert!(one("Todo list handling").is_none());
    }

    #[test]
    fn the_prefilter_passes_every_marker_and_skips_prose() {
        let tags = tags();
        for line in [
            "TODO: retry on failure",
            "we do a HACK here",
            "XXX",
            "TODO(@alice, #42): fix",
            "FIXME!!: now",
            "todo: lower",
            "Fixme(bob): later",
            "see @todo write docs",
            "see \\fixme later",
            "Bug(#12): wrong",
            "if this fails, TODO retry",
        ] {
            assert!(one(line).is_some(), "{line}");
            assert!(tags.may_occur_in(line), "{line}");
        }
        for prose in [
            "fix a bug in the parser",
            "a hack around",
            "debug output",
            "Todo list",
        ] {
            assert!(one(prose).is_none(), "{prose}");
            assert!(!tags.may_occur_in(prose), "{prose}");
        }
    }

    #[test]
    fn prose_naming_a_marker_is_not_one() {
        for line in [
            "the root writes `src/root.rs` with a TODO, the second",
            "the old TODO of `src/lib.rs`, four more change it",
            "A FIXME is raised by one `!`: above a FIXME that admits nothing.",
            "Then an edited TODO against the same baseline",
            "The XXX below stays",
        ] {
            assert!(one(line).is_none(), "{line}");
        }
        // A marker after all: at the start, with a colon, after a clause, or a debt it admits.
        assert_eq!(one("the TODO: rename").unwrap().text, "rename");
        assert_eq!(one("if this fails, TODO retry").unwrap().text, "retry");
        assert_eq!(one("this is a HACK until 2.0").unwrap().text, "until 2.0");
        assert_eq!(one("a BUG in libc makes us wait").unwrap().tag, "BUG");
        assert_eq!(one("TODO a test for this").unwrap().text, "a test for this");
    }

    #[test]
    fn decoys_are_not_markers() {
        for line in [
            "TODOS are tracked elsewhere",
            "size XXXL",
            "calls todo_list()",
            "see docs/TODO.md",
            "see TODO.md",
            "https://example.com/FIXME/page",
            "the `TODO` tag",
            "phone XXX-XXX-XXXX",
            "non-TODO comment",
            "self.TODO",
            "the string \"TODO\" is reserved",
        ] {
            assert!(one(line).is_none(), "{line}");
        }
    }

    #[test]
    fn body_continues_until_blank_line_or_next_tag() {
        let lines: Vec<String> = ["TODO: first line", "  second line", "", "not part"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = find_markers(&lines, &tags());
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].marker.text, "first line second line");
        assert_eq!((m[0].first, m[0].last), (0, 1));

        let lines: Vec<String> = ["TODO: a", "FIXME: b", "c"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let m = find_markers(&lines, &tags());
        assert_eq!(m.len(), 2);
        assert_eq!((m[0].marker.text.as_str(), m[0].last), ("a", 0));
        assert_eq!((m[1].marker.text.as_str(), m[1].last), ("b c", 2));
    }

    #[test]
    fn decoration_fences_and_headings_end_the_body() {
        for stop in ["*****", "-----", "```", "# Examples"] {
            let lines: Vec<String> = ["TODO: a", stop, "b"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            assert_eq!(find_markers(&lines, &tags())[0].marker.text, "a", "{stop}");
        }
    }

    #[test]
    fn two_tags_on_one_line() {
        let m = find_markers(&["TODO: a FIXME: b".to_string()], &tags());
        assert_eq!(m.len(), 2);
        assert_eq!(m[0].marker.text, "a");
        assert_eq!(m[1].marker.text, "b");
    }

    #[test]
    fn bare_markers_say_nothing_to_act_on() {
        for text in [
            "", ":", "...", "?!", "#123", "(#123)", "ABC-12", "@alice", "2",
        ] {
            assert!(is_bare(text), "{text:?}");
        }
        let with_url = "https://github.com/o/r/issues/7";
        assert!(is_bare(with_url));
        for text in ["fix", "see #123", "UTF-8 handling", "ça"] {
            assert!(!is_bare(text), "{text:?}");
        }
        // The owner is an annotation, not text.
        let m = one("FIXME(alice)").unwrap();
        assert!(is_bare(&m.text) && m.owner.is_some());
    }

    #[test]
    fn defect_words_are_whole_words() {
        let cases = [
            (
                "This is wrong, but not doing this leads to incorrect results",
                Some("wrong"),
            ),
            ("works around a bug in grep-regex", Some("bug")),
            (
                "possible race condition on shutdown",
                Some("race condition"),
            ),
            ("this leaks the buffer", Some("leaks")),
            ("the length check is racy", Some("racy")),
            ("Unsound if the pointer dangles", Some("Unsound")),
            ("CRASHES on empty input", Some("CRASHES")),
            ("Windows doesn't work here", Some("doesn't work")),
            ("this does not work with tabs", Some("does not work")),
            ("broken on macOS", Some("broken")),
            ("incorrectly rounds", Some("incorrectly")),
            ("Unify this logic with Block::grow", None),
            ("print debug output", None),
            ("trace the embrace of bugfree code", None),
            ("this works", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(admitted_defect(text), want, "{text:?}");
        }
        assert_eq!(DEFECT_WORDS.len(), 10);
    }

    #[test]
    fn normalized_text_drops_case_digits_and_punctuation() {
        assert_eq!(
            normalize("Check u8 bounds (see #12)."),
            "check u bounds see"
        );
        assert_eq!(
            normalize("check  u16 bounds; see #345"),
            "check u bounds see"
        );
        assert_eq!(normalize("don't"), "don t");
        assert_eq!(normalize("1.2.3"), "");
    }
}
