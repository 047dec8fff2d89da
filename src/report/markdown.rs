//! The backlog as Markdown: a ranked report for a pull-request comment or a wiki page, each
//! item with its explanation and a hidden `<!-- debtscan:ID -->` marker that bots can find.

use std::fmt::Write;

use super::table::summary_line;
use crate::model::{Backlog, DebtItem};

/// GitHub refuses comments longer than 65,536 characters; stay below with room to spare.
pub const MAX_CHARS: usize = 65_000;

/// Renders `backlog` as Markdown of at most [`MAX_CHARS`] characters, leaving out the
/// lowest-ranked items (with a note saying how many) when it would be longer.
pub fn render(backlog: &Backlog) -> String {
    render_within(backlog, MAX_CHARS)
}

fn render_within(backlog: &Backlog, budget: usize) -> String {
    let mut head = String::from("# Tech-debt backlog\n\n");
    let _ = writeln!(head, "{}\n", escape(&summary_line(backlog)));
    if let Some(h) = &backlog.repository.head {
        let short = h.get(..12).unwrap_or(h);
        match &backlog.repository.branch {
            Some(b) => {
                let _ = writeln!(head, "At `{short}` on `{}`.\n", code(b));
            }
            None => {
                let _ = writeln!(head, "At `{short}`.\n");
            }
        }
    }
    if backlog.summary.files_scanned == 0 {
        head.push_str("No source files analysed: nothing was read, so no debt is known.\n");
        return head;
    }
    if backlog.items.is_empty() {
        head.push_str("No debt items found.\n");
        return head;
    }
    let sections: Vec<(String, String)> =
        backlog.items.iter().map(|i| (row(i), section(i))).collect();
    let table_head = "| # | Score | Kind | Location | Title |\n|--:|--:|---|---|---|\n";
    // The most items whose table rows and sections fit, with room for the note.
    let note_room = 200;
    let mut used = head.chars().count() + table_head.len() + "\n## Items\n\n".len() + note_room;
    let mut shown = 0;
    for (r, s) in &sections {
        let cost = r.chars().count() + s.chars().count();
        if used + cost > budget {
            break;
        }
        used += cost;
        shown += 1;
    }
    let mut out = head;
    out.push_str(table_head);
    for (r, _) in &sections[..shown] {
        out.push_str(r);
    }
    out.push_str("\n## Items\n\n");
    for (_, s) in &sections[..shown] {
        out.push_str(s);
    }
    if shown < sections.len() {
        let _ = writeln!(
            out,
            "_{} more item{} not shown: this report stays under {} characters; the JSON \
             report (`--format json`) has them all._",
            sections.len() - shown,
            crate::util::s(sections.len() - shown),
            budget
        );
    }
    out
}

fn row(i: &DebtItem) -> String {
    format!(
        "| {} | {:.1} | {} | `{}:{}` | {} |\n",
        i.rank,
        i.score,
        i.kind.as_str(),
        code(&i.location.path),
        i.location.start_line,
        escape(&i.summary)
    )
}

fn section(i: &DebtItem) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "### {}. {}", i.rank, escape(&i.summary));
    let _ = writeln!(s, "<!-- debtscan:{} -->", i.id);
    let mut facts = vec![
        format!("**{}**", i.kind.as_str()),
        format!("score **{:.1}**", i.score),
    ];
    let mut at = format!("`{}:{}`", code(&i.location.path), i.location.start_line);
    if let Some(symbol) = &i.location.symbol {
        let _ = write!(at, " in `{}`", code(symbol));
    }
    if let Some(link) = &i.permalink {
        at = format!("[{at}]({link})");
    }
    facts.push(at);
    if let Some(severity) = &i.severity {
        facts.push(severity.clone());
    }
    facts.push(format!("id `{}`", i.id));
    if let Some(state) = i.baseline_state {
        facts.push(format!("baseline: {}", state.as_str()));
    }
    let _ = writeln!(s, "{}\n", facts.join(" · "));
    for e in &i.explanation {
        let _ = writeln!(s, "- {}", escape(e));
    }
    if !i.related.is_empty() {
        let places: Vec<String> = i
            .related
            .iter()
            .map(|l| format!("`{}:{}`", code(&l.path), l.start_line))
            .collect();
        let _ = writeln!(s, "\nAlso at {}.", places.join(", "));
    }
    s.push('\n');
    s
}

/// Text safe in Markdown and GitHub's HTML: characters with a meaning escaped, `<`/`>` as
/// entities, line breaks as spaces. Code spans (balanced backticks) are kept as they are,
/// since escapes do not work inside them; only `|` is escaped there, for tables.
pub(crate) fn escape(text: &str) -> String {
    let balanced = text.matches('`').count().is_multiple_of(2);
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' if balanced => {
                in_code = !in_code;
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '|' => out.push_str("\\|"),
            _ if in_code => out.push(c),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// Text inside a code span: a backtick or a line break cannot appear in one.
pub(crate) fn code(text: &str) -> String {
    text.replace('`', "'").replace(['\n', '\r', '|'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_markup_out() {
        assert_eq!(escape("a <b> | *c*"), "a &lt;b&gt; \\| \\*c\\*");
        assert_eq!(escape("`a_b|c` d_e"), "`a_b\\|c` d\\_e");
        assert_eq!(escape("odd ` tick"), "odd \\` tick");
        assert_eq!(code("a`b|c"), "a'b c");
    }
}
