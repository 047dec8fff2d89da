//! Historical versions of one file, for the function-level X-Ray. What a version yields is its
//! [`Outline`], plain data: where each function is, with its symbol path, and how the version
//! divides into units that parse on their own — its top-level items, and inside a container
//! (an `impl`, a `mod`) the container's members. The next version re-parses only the units its
//! diff touches, each on its own, and keeps the rest of the outline with its rows shifted.
//!
//! Not tree-sitter's incremental parsing: it keeps nothing of a tree with a syntax error. After
//! the first error the parser carries two stack versions to the end of the file and can reuse
//! no node built meanwhile, so an unchanged 7,000-line file with one error costs a full parse
//! (150 ms, not 0.3 ms), and real repositories are full of code a grammar half-understands
//! (cargo's `str![...]` test macro is an error to tree-sitter-rust 0.24). A unit parsed on its
//! own keeps an error to itself.
//!
//! A piece parsed on its own must find what a parse of the whole version would: it is made of
//! whole units and starts where a unit of the previous version started, and its syntax errors,
//! if any, lie inside its functions, short of its end, and are of kinds the text it replaces
//! already had (the grammar's standing misreadings, such as `str!`). A missing token, an
//! unbalanced brace or a new error — an unterminated string pairs its quote with one further
//! on in the whole version — may reach beyond the piece. Then the piece grows over its
//! neighbours, then to its whole container, and at the top of the file to the whole version.

use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use tree_sitter::{Node, Tree};

use super::{node_text, parse_text, Captured};
use crate::error::Error;
use crate::lang::{self, LanguageDef};

/// One hunk of a line diff, numbered as git numbers them: 1-based starts; a side with no
/// lines gives the line *after which* the other side's lines sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hunk {
    /// First line in the old version.
    pub old_start: u32,
    /// Lines in the old version.
    pub old_lines: u32,
    /// First line in the new version.
    pub new_start: u32,
    /// Lines in the new version.
    pub new_lines: u32,
}

impl Hunk {
    /// The same hunk read from the new version to the old one.
    pub fn reversed(&self) -> Hunk {
        Hunk {
            old_start: self.new_start,
            old_lines: self.new_lines,
            new_start: self.old_start,
            new_lines: self.old_lines,
        }
    }
}

/// Where one function of a version is, and its symbol path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionSpan {
    /// 0-based row and byte column of its first byte.
    pub start: (u32, u32),
    /// 0-based row and byte column just past its last byte.
    pub end: (u32, u32),
    /// Its symbol path (`net::Client::retry`).
    pub symbol: String,
}

impl FunctionSpan {
    /// Whether it holds a byte of 0-based `row`.
    fn holds(&self, row: u32) -> bool {
        self.start.0 <= row && (row < self.end.0 || (row == self.end.0 && self.end.1 > 0))
    }
}

/// The functions of one version of a file, and the units it re-parses by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    /// Lines of the version.
    lines: u32,
    /// Every function, in source order: by first byte, an outer one before those inside it.
    functions: Vec<FunctionSpan>,
    /// The top-level units, in order.
    units: Vec<Unit>,
}

/// Rows of a version that parse on their own: one top-level item or member of a container,
/// or several that share rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Unit {
    /// First row, 0-based.
    first: u32,
    /// Last row, 0-based.
    last: u32,
    /// For a container (a scope with a body holding functions, such as an `impl`, or a large
    /// function), its members.
    members: Option<Members>,
}

impl Unit {
    /// The same unit `rows` rows further down.
    fn moved(&self, rows: u32) -> Unit {
        Unit {
            first: self.first + rows,
            last: self.last + rows,
            members: self.members.as_ref().map(|m| Members {
                lo: m.lo + rows,
                hi: m.hi + rows,
                scopes: m.scopes.clone(),
                of: m.of,
                units: m.units.iter().map(|u| u.moved(rows)).collect(),
            }),
        }
    }
}

/// The members of a container, units of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Members {
    /// Rows the members may take, `lo..hi`: after the container's head, before its tail.
    lo: u32,
    /// See `lo`.
    hi: u32,
    /// Names of the scopes around the members, outermost first.
    scopes: Vec<String>,
    /// What holds them.
    of: Container,
    /// The members, in order.
    units: Vec<Unit>,
}

impl Outline {
    /// Outlines `text` from a parse of all of it.
    pub fn parse(def: &'static LanguageDef, text: &str) -> Result<Outline, Error> {
        let piece = parse_piece(def, text, 0, &[], Check::No)?;
        Ok(Outline::of_piece(piece, text))
    }

    /// Outlines `text` from the parse a reader of the whole file already made: its `tree` and
    /// what a query holding the functions section captured in it (other sections may be
    /// there too: each capture is read by its section). The same as [`Outline::parse`].
    pub(super) fn of_tree(
        def: &'static LanguageDef,
        tree: &Tree,
        text: &str,
        captured: &Captured,
    ) -> Outline {
        Outline::of_piece(piece_of(def, tree, captured, text, 0, &[], Check::No), text)
    }

    /// The outline of a file of `lines` lines from the outlines of its pieces (each parsed on
    /// its own, in order, a piece starting on its 0-based row and made of whole top-level
    /// units).
    pub(super) fn join(lines: u32, pieces: Vec<(u32, Outline)>) -> Outline {
        let mut out = Outline {
            lines,
            functions: Vec::new(),
            units: Vec::new(),
        };
        for (row, piece) in pieces {
            out.functions
                .extend(piece.functions.into_iter().map(|f| FunctionSpan {
                    start: (f.start.0 + row, f.start.1),
                    end: (f.end.0 + row, f.end.1),
                    symbol: f.symbol,
                }));
            out.units.extend(piece.units.iter().map(|u| u.moved(row)));
        }
        out.functions.sort_by(source_order);
        out
    }

    fn of_piece(piece: Piece, text: &str) -> Outline {
        let mut functions = piece.functions;
        functions.sort_by(source_order);
        Outline {
            lines: line_count(text),
            functions,
            units: piece.units,
        }
    }

    /// Outlines `text`, the version that `hunks` make of this one (whose text is `old`),
    /// re-parsing only the units the hunks touch; and how many bytes it parsed.
    pub fn next(
        &self,
        def: &'static LanguageDef,
        old: &str,
        text: &str,
        hunks: &[Hunk],
    ) -> Result<(Outline, usize), Error> {
        let mut edits: Vec<Edit> = hunks.iter().map(Edit::of).collect();
        edits.sort_by_key(|e| e.at);
        let mut rebuild = Rebuild {
            def,
            old,
            old_starts: None,
            text,
            starts: line_starts(text),
            shifts: Shifts::of(&edits),
            parsed: 0,
        };
        let Some(out) = rebuild.level(&self.units, (0, self.lines), &[], &edits, None)? else {
            // Pieces cost more than the whole version would: a commit that touched most of
            // the file, or pieces that kept growing over their neighbours.
            let outline = Outline::parse(def, text)?;
            return Ok((outline, rebuild.parsed + text.len()));
        };
        let shifts = &rebuild.shifts;
        let mut functions: Vec<FunctionSpan> = self
            .functions
            .iter()
            .filter(|f| {
                !out.replaced
                    .iter()
                    .any(|&(from, to)| from <= f.start.0 && f.start.0 < to)
            })
            .map(|f| FunctionSpan {
                start: (shifts.row(f.start.0), f.start.1),
                end: (shifts.row(f.end.0), f.end.1),
                symbol: f.symbol.clone(),
            })
            .collect();
        functions.extend(out.functions);
        functions.sort_by(source_order);
        let outline = Outline {
            lines: (rebuild.starts.len() - 1) as u32,
            functions,
            units: out.units,
        };
        Ok((outline, rebuild.parsed))
    }

    /// Number of lines.
    pub fn line_count(&self) -> u32 {
        self.lines
    }

    /// The symbol paths of the innermost functions holding any of `lines` (`(first, count)`,
    /// 1-based). Lines outside every function name nothing.
    pub fn functions_at(&self, lines: &[(u32, u32)]) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for &(first, count) in lines {
            let from = first.saturating_sub(1);
            let to = first
                .saturating_sub(1)
                .saturating_add(count)
                .min(self.lines);
            for row in from..to {
                // Each changed line belongs to the innermost function around it: of those that
                // start on or before it, the last in source order that still holds it.
                let before = self.functions.partition_point(|f| f.start.0 <= row);
                if let Some(f) = self.functions[..before].iter().rev().find(|f| f.holds(row)) {
                    out.insert(f.symbol.clone());
                }
            }
        }
        out
    }

    /// The texts of the functions named `symbol` in `text` (this version's text), in source
    /// order: one, or several when the symbol is defined more than once (under two `cfg`s).
    pub fn texts_of<'t>(&self, symbol: &str, text: &'t str) -> Vec<&'t str> {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        let byte = |(row, col): (u32, u32)| {
            starts
                .get(row as usize)
                .map_or(text.len(), |s| (s + col as usize).min(text.len()))
        };
        self.functions
            .iter()
            .filter(|f| f.symbol == symbol)
            .filter_map(|f| text.get(byte(f.start)..byte(f.end)))
            .collect()
    }

    /// The symbol paths of every function of this version.
    pub fn functions(&self) -> BTreeSet<String> {
        self.functions.iter().map(|f| f.symbol.clone()).collect()
    }
}

/// Source order of functions: by first byte, then the outer (longer) one first.
fn source_order(a: &FunctionSpan, b: &FunctionSpan) -> std::cmp::Ordering {
    a.start.cmp(&b.start).then(b.end.cmp(&a.end))
}

/// A hunk in 0-based rows: the `old` rows from row `at` became `new` rows. Without old rows,
/// `at` is the position before that row.
#[derive(Debug, Clone, Copy)]
struct Edit {
    at: u32,
    old: u32,
    new: u32,
}

impl Edit {
    fn of(h: &Hunk) -> Edit {
        let at = match h.old_lines {
            0 => h.old_start,
            _ => h.old_start.saturating_sub(1),
        };
        Edit {
            at,
            old: h.old_lines,
            new: h.new_lines,
        }
    }

    /// Whether it changes rows of `first..=last` or inserts rows between two of them.
    fn touches(&self, first: u32, last: u32) -> bool {
        match self.old {
            0 => first < self.at && self.at <= last,
            n => self.at <= last && first < self.at + n,
        }
    }

    /// Whether it lies in the members' rows `lo..hi` (an insertion at either end included).
    fn inside(&self, m: &Members) -> bool {
        m.lo <= self.at && self.at + self.old <= m.hi
    }
}

/// How the edits move rows.
struct Shifts {
    /// Edit positions, ascending, with the net rows added by the edits up to and including it.
    at: Vec<(u32, i64)>,
}

impl Shifts {
    fn of(edits: &[Edit]) -> Shifts {
        let mut total = 0i64;
        let at = edits
            .iter()
            .map(|e| {
                total += i64::from(e.new) - i64::from(e.old);
                (e.at, total)
            })
            .collect();
        Shifts { at }
    }

    /// Net rows added by the edits at positions before `pos` (`strict`) or up to it.
    fn before(&self, pos: u32, strict: bool) -> i64 {
        let n = self
            .at
            .partition_point(|&(at, _)| at < pos || (!strict && at == pos));
        n.checked_sub(1).map_or(0, |i| self.at[i].1)
    }

    /// Where an unchanged row moved.
    fn row(&self, row: u32) -> u32 {
        (i64::from(row) + self.before(row, false)).max(0) as u32
    }

    /// Where the piece of old rows `from..to` lies in the new version: edits at `from` are
    /// inside it, and so are those at `to` that only insert rows.
    fn piece(&self, from: u32, to: u32) -> (u32, u32) {
        let at = |row: u32, strict| (i64::from(row) + self.before(row, strict)).max(0) as u32;
        (at(from, true), at(to, false))
    }

    fn unit(&self, u: &Unit) -> Unit {
        Unit {
            first: self.row(u.first),
            last: self.row(u.last),
            members: u.members.as_ref().map(|m| Members {
                lo: self.row(m.lo),
                hi: self.row(m.hi),
                scopes: m.scopes.clone(),
                of: m.of,
                units: m.units.iter().map(|u| self.unit(u)).collect(),
            }),
        }
    }
}

/// What a unit's members are the members of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Container {
    /// A scope's body (an `impl`, `trait` or `mod` block).
    Scope,
    /// A large function's body: its statements, the last of which may be an expression that
    /// ends the body without the language's [`LanguageDef::statement_end`].
    Function,
    /// A large multi-way branch's arms ([`LanguageDef::arms`]), parsed inside a branch of
    /// their own.
    Arms,
}

/// What one level (the file, or a container's members) became.
struct LevelOut {
    units: Vec<Unit>,
    /// The functions of the pieces parsed again, in new rows.
    functions: Vec<FunctionSpan>,
    /// Old rows `from..to` of those pieces: their old functions are gone.
    replaced: Vec<(u32, u32)>,
}

/// The state of [`Outline::next`].
struct Rebuild<'a> {
    def: &'static LanguageDef,
    /// The old version's text, and its line starts once needed.
    old: &'a str,
    old_starts: Option<Vec<usize>>,
    text: &'a str,
    starts: Vec<usize>,
    shifts: Shifts,
    /// Bytes parsed so far.
    parsed: usize,
}

/// How much of a version its pieces may parse, as a share of its length, before the version
/// is parsed whole instead: the pieces of a commit that rewrote a file, growing over their
/// neighbours where a piece does not parse on its own, parsed up to 3.7 times the file.
const PIECES_BUDGET: usize = 1;

impl Rebuild<'_> {
    /// The units of one level after `edits`, all in its rows `lo..hi` (of the old version),
    /// or `None` when a container's members cannot be parsed apart from it. `scopes` name the
    /// scopes around the level; `of` is what holds it, `None` for the file's own level.
    fn level(
        &mut self,
        units: &[Unit],
        (lo, hi): (u32, u32),
        scopes: &[String],
        edits: &[Edit],
        of: Option<Container>,
    ) -> Result<Option<LevelOut>, Error> {
        let n = units.len();
        let mut dirty = vec![false; n];
        let mut inner: HashMap<usize, Vec<Edit>> = HashMap::new();
        // Pieces to parse again, as ranges of unit indices; an empty range is the gap there.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        for e in edits {
            let from = units.partition_point(|u| u.last < e.at);
            let to = from + units[from..].partition_point(|u| u.first < e.at + e.old.max(1));
            let touched: Vec<usize> = (from..to)
                .filter(|&i| e.touches(units[i].first, units[i].last))
                .collect();
            match touched.as_slice() {
                [] => pieces.push((from, from)),
                [i] if units[*i].members.as_ref().is_some_and(|m| e.inside(m)) => {
                    inner.entry(*i).or_default().push(*e)
                }
                _ => touched.iter().for_each(|&i| dirty[i] = true),
            }
        }
        // A container whose members changed is rebuilt on its own, unless that fails.
        let mut rebuilt: HashMap<usize, LevelOut> = HashMap::new();
        let mut containers: Vec<(usize, Vec<Edit>)> = inner.into_iter().collect();
        containers.sort_by_key(|(i, _)| *i);
        for (i, edits) in containers {
            if dirty[i] {
                continue;
            }
            let Some(m) = units[i].members.as_ref() else {
                continue;
            };
            match self.level(&m.units, (m.lo, m.hi), &m.scopes, &edits, Some(m.of))? {
                Some(out) => {
                    rebuilt.insert(i, out);
                }
                None => dirty[i] = true,
            }
        }
        pieces.extend((0..n).filter(|&i| dirty[i]).map(|i| (i, i + 1)));
        let mut pieces: Vec<((usize, usize), usize)> = merge(pieces.into_iter().map(|p| (p, 1)));
        let rows = |(i, j): (usize, usize)| {
            let from = if i == 0 { lo } else { units[i - 1].last + 1 };
            let to = if j == n { hi } else { units[j].first };
            (from, to)
        };
        let mut parsed: HashMap<(usize, usize), Piece> = HashMap::new();
        loop {
            let mut grown = false;
            for (range, width) in pieces.iter_mut() {
                if parsed.contains_key(range) {
                    continue;
                }
                let whole = *range == (0, n);
                let check = match of {
                    None if whole => Check::No,
                    None | Some(Container::Scope) => Check::Errors,
                    Some(Container::Function) => {
                        self.def.statement_end.map_or(Check::Errors, Check::Body)
                    }
                    Some(Container::Arms) => Check::Arms,
                };
                let piece = self.piece(rows(*range), scopes, check)?;
                if piece.sound {
                    parsed.insert(*range, piece);
                } else if whole {
                    return Ok(None);
                } else {
                    *range = (range.0.saturating_sub(*width), (range.1 + *width).min(n));
                    *width *= 2;
                    grown = true;
                }
            }
            if !grown {
                break;
            }
            pieces = merge(pieces.into_iter());
        }
        let mut out = LevelOut {
            units: Vec::with_capacity(n),
            functions: Vec::new(),
            replaced: Vec::new(),
        };
        let mut next = 0;
        let keep = |out: &mut LevelOut, i: usize, rebuilt: &mut HashMap<usize, LevelOut>| {
            let unit = &units[i];
            match (rebuilt.remove(&i), &unit.members) {
                (Some(inner), Some(m)) => {
                    let (lo, hi) = self.shifts.piece(m.lo, m.hi);
                    out.units.push(Unit {
                        first: self.shifts.row(unit.first),
                        last: self.shifts.row(unit.last),
                        members: Some(Members {
                            lo,
                            hi,
                            scopes: m.scopes.clone(),
                            of: m.of,
                            units: inner.units,
                        }),
                    });
                    out.functions.extend(inner.functions);
                    out.replaced.extend(inner.replaced);
                }
                _ => out.units.push(self.shifts.unit(unit)),
            }
        };
        for (range, _) in &pieces {
            for i in next..range.0 {
                keep(&mut out, i, &mut rebuilt);
            }
            let piece = parsed
                .remove(range)
                .ok_or_else(|| Error::Internal("an X-Ray piece was not parsed".into()))?;
            out.units.extend(piece.units);
            out.functions.extend(piece.functions);
            out.replaced.push(rows(*range));
            next = range.1;
        }
        for i in next..n {
            keep(&mut out, i, &mut rebuilt);
        }
        Ok(Some(out))
    }

    /// Parses on their own the new version's rows that replace the old rows `old`; with
    /// `check`, finds whether that is sound.
    fn piece(&mut self, old: (u32, u32), scopes: &[String], check: Check) -> Result<Piece, Error> {
        let (from, to) = self.shifts.piece(old.0, old.1);
        let text = slice(self.text, &self.starts, from, to);
        if self.parsed + text.len() > PIECES_BUDGET * self.text.len() {
            // Unsound grows the piece until the top level gives up: the whole version is
            // parsed instead.
            return Ok(Piece {
                functions: Vec::new(),
                units: Vec::new(),
                sound: false,
                errors: BTreeSet::new(),
            });
        }
        self.parsed += text.len();
        let mut piece = parse_piece(self.def, text, from, scopes, check)?;
        if piece.sound && !piece.errors.is_empty() {
            // Errors of kinds the replaced text had are the grammar's standing misreadings.
            let old_text = self.old;
            let starts = self.old_starts.get_or_insert_with(|| line_starts(old_text));
            let before = wrapped(self.def, slice(old_text, starts, old.0, old.1), check);
            self.parsed += before.len();
            let tree = parse_text(self.def, &before)?;
            let mut known = BTreeSet::new();
            error_kinds(tree.root_node(), &mut known, None);
            piece.sound = piece.errors.is_subset(&known);
        }
        Ok(piece)
    }
}

/// Rows `from..to` of a text with line starts `starts`.
fn slice<'t>(text: &'t str, starts: &[usize], from: u32, to: u32) -> &'t str {
    let at = |row: u32| starts[(row as usize).min(starts.len() - 1)];
    &text[at(from)..at(to.max(from))]
}

/// Adds the kind of every syntax error under `root` to `kinds`: the kind of its first token
/// (`!`, `"`), or `ERROR` for an empty one. With `body_end`, the text is a function body's
/// statements ending there, and its unterminated last expression is no error.
fn error_kinds(root: Node, kinds: &mut BTreeSet<String>, body_end: Option<usize>) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if body_end.is_some_and(|end| unterminated_last(root, node, end)) {
            continue;
        }
        if node.is_error() {
            let mut first = node;
            while let Some(child) = first.child(0) {
                first = child;
            }
            kinds.insert(first.kind().to_string());
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor).filter(|c| c.has_error()));
    }
}

/// Sorts pieces and merges those that overlap or meet (two that meet share the gap between
/// them), keeping the larger growth step.
fn merge(pieces: impl Iterator<Item = ((usize, usize), usize)>) -> Vec<((usize, usize), usize)> {
    let mut pieces: Vec<_> = pieces.collect();
    pieces.sort();
    let mut out: Vec<((usize, usize), usize)> = Vec::with_capacity(pieces.len());
    for (range, width) in pieces {
        match out.last_mut() {
            Some((last, w)) if range.0 <= last.1 => {
                last.1 = last.1.max(range.1);
                *w = (*w).max(width);
            }
            _ => out.push((range, width)),
        }
    }
    out
}

/// What a parse of a piece of a version found, in the version's rows.
struct Piece {
    functions: Vec<FunctionSpan>,
    units: Vec<Unit>,
    /// Whether a parse of the whole version would find the same as far as the piece itself
    /// tells: its errors, if any, lie inside its functions and short of its end. Always true
    /// when not checked.
    sound: bool,
    /// The kinds of its syntax errors, when checked.
    errors: BTreeSet<String>,
}

/// Parses `text`, which starts at `row` of its version inside the scopes `scopes`.
fn parse_piece(
    def: &'static LanguageDef,
    text: &str,
    row: u32,
    scopes: &[String],
    check: Check,
) -> Result<Piece, Error> {
    let text = &*wrapped(def, text, check);
    let tree = parse_text(def, text)?;
    let query = super::query(lang::compiled(def), lang::Sections::FUNCTIONS)?;
    let captured = Captured::collect(
        query,
        &tree,
        text,
        None,
        (def.symbol_separator, def.attachable_kinds),
    );
    Ok(piece_of(def, &tree, &captured, text, row, scopes, check))
}

/// [`parse_piece`] from the piece's parse: its `tree` and what the query captured in it.
fn piece_of(
    def: &'static LanguageDef,
    tree: &Tree,
    captured: &Captured,
    text: &str,
    row: u32,
    scopes: &[String],
    check: Check,
) -> Piece {
    let mut nodes: Vec<Node> = captured
        .complexity
        .iter()
        .filter(|(_, role)| *role == super::complexity::Role::Function)
        .map(|(node, _)| *node)
        .collect();
    nodes.sort_by_key(|n| (n.start_byte(), Reverse(n.end_byte())));
    nodes.dedup_by_key(|n| n.id());
    let sound = errors_stay_inside(tree.root_node(), &nodes, text, check);
    let mut errors = BTreeSet::new();
    if check != Check::No && sound {
        let body_end = matches!(check, Check::Body(_)).then(|| text.trim_end().len());
        error_kinds(tree.root_node(), &mut errors, body_end);
    }
    let outer = Outer {
        text,
        row,
        starts: line_starts(text),
        spans: &captured.scopes.spans,
        functions: &nodes,
        scopes,
        def,
    };
    let functions = nodes
        .iter()
        .map(|f| {
            let names = outer.names(|start, end| start <= f.start_byte() && f.start_byte() < end);
            FunctionSpan {
                start: outer.point(f.start_position()),
                end: outer.point(f.end_position()),
                symbol: match names.is_empty() {
                    true => node_text(*f, text).to_string(),
                    false => names.join(def.symbol_separator),
                },
            }
        })
        .collect();
    let root = tree.root_node();
    let (children, sound) = match check {
        // The arms, inside the branch they were parsed in.
        Check::Arms => match outer.arms_in(root) {
            Some(arms) => (member_nodes(arms), sound),
            None => (Vec::new(), false),
        },
        _ => {
            let mut cursor = root.walk();
            (root.children(&mut cursor).collect(), sound)
        }
    };
    Piece {
        functions,
        units: outer.units(&children, 0),
        sound,
        errors,
    }
}

/// The children of `body` from its first named one to its last: the members it holds, without
/// the brackets around them.
fn member_nodes(body: Node) -> Vec<Node> {
    let mut cursor = body.walk();
    let children: Vec<Node> = body.children(&mut cursor).collect();
    let from = children.iter().position(|c| c.is_named());
    let to = children.iter().rposition(|c| c.is_named());
    match (from, to) {
        (Some(from), Some(to)) => children[from..=to].to_vec(),
        _ => Vec::new(),
    }
}

/// How a piece parsed on its own is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Not at all: it is the whole version.
    No,
    /// Its syntax errors must stay inside its functions.
    Errors,
    /// As `Errors`, for a function body's statements: this token missing at the very end is
    /// none ([`LanguageDef::statement_end`]; the body's last expression does without it).
    Body(&'static str),
    /// As `Errors`, for a branch's arms, parsed inside a branch of their own
    /// ([`LanguageDef::arms`]).
    Arms,
}

/// `text` as it is parsed on its own: a branch's arms inside a branch of their own, opened on
/// their first row (so rows stay the text's) and closed after their last.
fn wrapped<'t>(def: &LanguageDef, text: &'t str, check: Check) -> std::borrow::Cow<'t, str> {
    match (check, def.arms) {
        (Check::Arms, Some((_, open, close))) => format!("{open}{text}{close}").into(),
        _ => text.into(),
    }
}

/// Whether every syntax error of a parse lies inside one of its `functions` and ends before the
/// end of its text: an error there changes nothing around it. A missing token (the parser
/// closing what the text left open) never does, but for the one a body's last expression
/// lacks. Always, unchecked.
fn errors_stay_inside(root: Node, functions: &[Node], text: &str, check: Check) -> bool {
    if check == Check::No {
        return true;
    }
    let end = text.trim_end().len();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.is_missing() {
            match check {
                Check::Body(token) if node.kind() == token && node.start_byte() >= end => {}
                _ => return false,
            }
        }
        if matches!(check, Check::Body(_)) && unterminated_last(root, node, end) {
            continue;
        }
        if node.is_error() {
            let inside = functions.iter().any(|f| {
                f.id() != node.id()
                    && f.start_byte() <= node.start_byte()
                    && node.end_byte() <= f.end_byte()
            });
            if !inside || node.end_byte() >= end {
                return false;
            }
        }
        let mut cursor = node.walk();
        stack.extend(node.children(&mut cursor).filter(|c| c.has_error()));
    }
    true
}

/// Whether `node` is the last expression of a function body parsed on its own, which the
/// grammar, missing the statement's terminator, may wrap in an error of its own at the end
/// (`Ok(())` alone is `(ERROR (call_expression …))`, `self.get(1)` alone an expression
/// statement missing its `;`): an error holding one whole node and nothing else, the root's
/// last child, at the end of the text.
fn unterminated_last(root: Node, node: Node, end: usize) -> bool {
    node.is_error()
        && node.child_count() == 1
        && node
            .child(0)
            .is_some_and(|c| c.is_named() && !c.has_error())
        && node.end_byte() >= end
        && root
            .child(root.child_count().saturating_sub(1))
            .map(|c| c.id())
            == Some(node.id())
}

/// How deep containers nest as units: deeper ones are parsed whole, and the work on units,
/// recursive, stays shallow whatever the input.
const MAX_DEPTH: usize = 16;

/// The rows from which a function's statements, or a branch's arms, are units of their own: a
/// smaller one is re-parsed whole, and an outline holds a unit per member only where that saves
/// parsing.
const MIN_BODY_ROWS: u32 = 32;

/// A parsed piece of a version, for its units and names.
struct Outer<'a, 't> {
    text: &'a str,
    /// The version's row where the piece starts.
    row: u32,
    starts: Vec<usize>,
    /// Scope spans of the piece, outer first.
    spans: &'a [(usize, usize, String)],
    functions: &'a [Node<'t>],
    /// Names of the scopes around the piece, outermost first.
    scopes: &'a [String],
    /// The language (what parses apart: [`LanguageDef::statement_end`], [`LanguageDef::arms`]).
    def: &'static LanguageDef,
}

impl<'t> Outer<'_, 't> {
    /// A position of the piece in the version's rows.
    fn point(&self, p: tree_sitter::Point) -> (u32, u32) {
        (p.row as u32 + self.row, p.column as u32)
    }

    /// The names of the scopes around the piece and of its scopes whose bytes `within` accepts.
    fn names(&self, within: impl Fn(usize, usize) -> bool) -> Vec<&str> {
        let mut names: Vec<&str> = self.scopes.iter().map(String::as_str).collect();
        names.extend(
            self.spans
                .iter()
                .filter(|(start, end, _)| within(*start, *end))
                .map(|(_, _, name)| name.as_str()),
        );
        names
    }

    /// First and last row of a node in the piece: a node ending at the start of a row ends on
    /// the row before.
    fn rows(&self, n: Node) -> (u32, u32) {
        let (start, end) = (n.start_position(), n.end_position());
        let last = match end.column == 0 && end.row > start.row {
            true => end.row - 1,
            false => end.row,
        };
        (start.row as u32, last as u32)
    }

    /// The row of a byte of the piece.
    fn row_of(&self, byte: usize) -> u32 {
        (self.starts.partition_point(|&s| s <= byte) - 1) as u32
    }

    /// The units of sibling nodes: those that share a row are one.
    fn units(&self, nodes: &[Node<'t>], depth: usize) -> Vec<Unit> {
        let mut groups: Vec<(u32, u32, Node<'t>)> = Vec::new();
        for &n in nodes {
            let (first, last) = self.rows(n);
            match groups.last_mut() {
                Some(g) if first <= g.1 => {
                    g.1 = g.1.max(last);
                    g.2 = n;
                }
                _ => groups.push((first, last, n)),
            }
        }
        groups
            .into_iter()
            .map(|(first, last, n)| Unit {
                first: first + self.row,
                last: last + self.row,
                members: self.members(n, depth),
            })
            .collect()
    }

    /// The members of `node`, the last node of a unit, when it is a container, with a head and
    /// a tail on rows apart from every member's: a scope whose `body` holds a function, a
    /// function of [`MIN_BODY_ROWS`] rows or more whose statements parse apart
    /// ([`LanguageDef::statement_end`]), or another node of as many rows holding a branch whose
    /// arms parse apart ([`LanguageDef::arms`]). An edit inside a large function or branch then
    /// re-parses the statements or arms it touches, not all of it (rust-analyzer's functions of
    /// a thousand lines were parsed whole for every commit that touched a line of them).
    fn members(&self, node: Node<'t>, depth: usize) -> Option<Members> {
        if depth >= MAX_DEPTH {
            return None;
        }
        let (start, end) = (node.start_byte(), node.end_byte());
        let scope = self.spans.iter().any(|s| s.0 == start && s.1 == end);
        let function = self.functions.iter().any(|f| f.id() == node.id());
        let large = || {
            let (first, last) = self.rows(node);
            last - first + 1 >= MIN_BODY_ROWS
        };
        let (of, body) = match (scope, function) {
            (true, true) if self.def.statement_end.is_some() && large() => {
                (Container::Function, node.child_by_field_name("body")?)
            }
            (true, true) => return None,
            (true, false) => {
                let body = node.child_by_field_name("body")?;
                let holds_function = self.functions.iter().any(|f| {
                    body.start_byte() <= f.start_byte() && f.end_byte() <= body.end_byte()
                });
                if !holds_function {
                    return None;
                }
                (Container::Scope, body)
            }
            (false, _) if large() => (Container::Arms, self.arms_in(node)?),
            (false, _) => return None,
        };
        let children = member_nodes(body);
        let inner = children.as_slice();
        let (first_member, last_member) = (inner.first()?, inner.last()?);
        let bytes = self.text.as_bytes();
        // The head ends at the last non-blank byte before the first member, the tail starts at
        // the first one after the last member; neither may share a row with a member.
        let head = bytes[start..first_member.start_byte()]
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())?;
        let tail = bytes[last_member.end_byte()..end]
            .iter()
            .position(|b| !b.is_ascii_whitespace())?;
        let lo = self.row_of(start + head) + 1;
        let hi = self.row_of(last_member.end_byte() + tail);
        // The scopes around the body (the container and those around it) name what the
        // members hold, whatever else is parsed with them; a lone member is no scope of itself.
        let (first, last) = (body.start_byte(), body.end_byte());
        let member = |s: usize, e: usize| {
            inner
                .iter()
                .any(|m| m.start_byte() == s && m.end_byte() == e)
        };
        let names = self.names(|s, e| s <= first && last <= e && !member(s, e));
        let scopes: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let units = self.units(inner, depth + 1);
        let (first_row, last_row) = (units.first()?.first, units.last()?.last);
        (lo + self.row <= first_row && last_row < hi + self.row).then(|| Members {
            lo: lo + self.row,
            hi: hi + self.row,
            scopes,
            of,
            units,
        })
    }

    /// The largest node holding a branch's arms ([`LanguageDef::arms`]) within a few levels of
    /// `node` (a statement's value, a call's argument), if the language has one.
    fn arms_in(&self, node: Node<'t>) -> Option<Node<'t>> {
        const DEPTH: usize = 4;
        let (kind, _, _) = self.def.arms?;
        let mut best: Option<Node<'t>> = None;
        let mut stack = vec![(node, 0)];
        while let Some((n, depth)) = stack.pop() {
            if n.kind() == kind {
                if best
                    .is_none_or(|b| n.end_byte() - n.start_byte() > b.end_byte() - b.start_byte())
                {
                    best = Some(n);
                }
                continue;
            }
            if depth < DEPTH {
                let mut cursor = n.walk();
                stack.extend(n.named_children(&mut cursor).map(|c| (c, depth + 1)));
            }
        }
        best
    }
}

/// Byte offsets of line starts, and the length of the text as the last entry.
fn line_starts(text: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    if *starts.last().unwrap_or(&0) != text.len() {
        starts.push(text.len());
    }
    starts
}

/// Lines of a text, as git counts them (a last line without a newline counts).
pub(super) fn line_count(text: &str) -> u32 {
    let newlines = text.bytes().filter(|&b| b == b'\n').count();
    (newlines + usize::from(!text.is_empty() && !text.ends_with('\n'))) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rust() -> &'static LanguageDef {
        lang::for_path(std::path::Path::new("x.rs")).unwrap()
    }

    fn diff(a: &str, b: &str) -> Vec<Hunk> {
        crate::history::blame::trimmed_hunks(a.as_bytes(), b.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(old_start, old_lines, new_start, new_lines)| Hunk {
                old_start,
                old_lines,
                new_start,
                new_lines,
            })
            .collect()
    }

    /// Outlines each version from the one before, checking each against an outline of a parse
    /// of the whole version; returns the bytes each step parsed.
    fn replay(def: &'static LanguageDef, versions: &[String]) -> Vec<usize> {
        let mut previous = Outline::parse(def, &versions[0]).unwrap();
        let mut parsed = Vec::new();
        for pair in versions.windows(2) {
            let (next, bytes) = previous
                .next(def, &pair[0], &pair[1], &diff(&pair[0], &pair[1]))
                .unwrap();
            let fresh = Outline::parse(def, &pair[1]).unwrap();
            // The units may differ (a container emptied of functions stays one), never what
            // they find.
            assert_eq!(
                (next.lines, &next.functions),
                (fresh.lines, &fresh.functions),
                "{:?}\n->\n{:?}",
                pair[0],
                pair[1]
            );
            parsed.push(bytes);
            previous = next;
        }
        // Backwards too, as the X-Ray walks from the latest version: the same diffs reversed.
        let mut later = Outline::parse(def, versions.last().unwrap()).unwrap();
        for pair in versions.windows(2).rev() {
            let back: Vec<Hunk> = diff(&pair[0], &pair[1])
                .iter()
                .map(Hunk::reversed)
                .collect();
            let (earlier, _) = later.next(def, &pair[1], &pair[0], &back).unwrap();
            let fresh = Outline::parse(def, &pair[0]).unwrap();
            assert_eq!(
                (earlier.lines, &earlier.functions),
                (fresh.lines, &fresh.functions),
                "{:?}\n<-\n{:?}",
                pair[0],
                pair[1]
            );
            later = earlier;
        }
        parsed
    }

    fn has_syntax_error(text: &str) -> bool {
        parse_text(rust(), text).unwrap().root_node().has_error()
    }

    /// A test function as cargo writes them, but with a macro name no grammar reads
    /// (`async!`), so that each has a syntax error, as `str![...]` was before it was disguised.
    fn snapshot_test(name: &str, body: &str) -> String {
        format!(
            "#[cargo_test]\nfn {name}() {{\n    p.cargo(\"build\")\n        .with_stderr_data(async![[r#\"\n[COMPILING] foo\n\"#]])\n        .run();\n    {body}\n}}\n\n"
        )
    }

    /// `count` such tests, then an `impl` and a `mod` of clean code.
    fn test_file(count: usize, changed: usize, body: &str) -> String {
        let mut text = String::from("use std::fs;\n\n");
        for i in 0..count {
            let b = if i == changed { body } else { "let x = 1;" };
            text.push_str(&snapshot_test(&format!("t{i}"), b));
        }
        text.push_str("struct S;\n\nimpl S {\n    fn a(&self) -> u32 {\n        1\n    }\n\n    fn b(&self) {}\n}\n\nmod m {\n    pub fn c() {}\n}\n");
        text
    }

    #[test]
    fn the_next_outline_equals_an_outline_of_the_whole_version() {
        let versions = [
            "mod m {\n    fn a() {\n        1\n    }\n}\n",
            "mod m {\n    fn a() {\n        1\n    }\n    fn b(x: u8) {\n        if x > 0 {}\n    }\n}\n",
            "mod m {\n    fn b(x: u8) {\n        if x > 0 {}\n    }\n}\n",
            "// head\nmod m {\n    fn b(x: u8) {\n        if x > 0 { loop {} }\n    }\n}\nfn tail() {}",
            "fn only() {}\n",
            "",
            "fn again() { let s = \"unterminated\n}\n",
            "fn again() { let s = \"terminated\";\n}\nfn more() {}\n",
        ];
        let versions: Vec<String> = versions.iter().map(|s| s.to_string()).collect();
        replay(rust(), &versions);
    }

    #[test]
    fn a_syntax_error_stays_in_its_unit() {
        let versions = vec![
            test_file(60, 0, ""),
            test_file(60, 30, "let y = 2;"),
            test_file(60, 30, "let y = 3;\n    let z = 4;"),
            test_file(60, 59, "if y { z() }"),
        ];
        assert!(has_syntax_error(&versions[0]));
        let parsed = replay(rust(), &versions);
        // Each step parses the one test it changed (and its old text, for the kinds of errors
        // it had), not the 60 with their errors.
        for (bytes, text) in parsed.iter().zip(&versions[1..]) {
            assert!(*bytes < text.len() / 10, "{bytes} of {}", text.len());
        }
    }

    #[test]
    fn hunks_that_add_or_remove_functions() {
        let base = test_file(10, 0, "");
        let versions = vec![
            base.clone(),
            // A method added to the `impl`, a test added among the tests.
            base.replace(
                "    fn b(&self) {}\n",
                "    fn b(&self) {}\n\n    fn added(&self) {}\n",
            )
            .replace("fn t3()", "fn t3b() {}\n\n#[cargo_test]\nfn t3()"),
            // A top-level function and a member of `mod m` removed, one renamed.
            base.replace("mod m {\n    pub fn c() {}\n}\n", "mod m {\n}\n")
                .replace("fn t5()", "fn t5_renamed()"),
            // Two methods joined on one line, then a function inside a function.
            base.replace(
                "        1\n    }\n\n    fn b(&self) {}",
                "        1\n    } fn b(&self) {}",
            ),
            base.replace("let x = 1;", "fn inner() { let x = 1; }"),
        ];
        replay(rust(), &versions);
        let outline = Outline::parse(rust(), &versions[1]).unwrap();
        let all = outline.functions();
        assert!(all.contains("S::added") && all.contains("t3b") && all.contains("m::c"));
        let outline = Outline::parse(rust(), &versions[2]).unwrap();
        assert!(!outline.functions().contains("m::c"));
    }

    #[test]
    fn an_edit_that_unbalances_braces_reparses_what_it_swallows() {
        let base = test_file(12, 0, "");
        let open = base.replacen("    let x = 1;\n}\n", "    let x = 1;\n\n", 5);
        let string = base.replacen("let x = 1;", "let x = \"open;", 7);
        let versions = vec![
            base.clone(),
            open,
            base.clone(),
            string,
            base.clone(),
            base.replace("impl S {", "impl S {\n    fn half(&self) {"),
            base.replace("impl S {", "impl T {"),
            base.replace("mod m {\n", "mod m {\n    impl X {\n"),
            base,
        ];
        replay(rust(), &versions);
    }

    /// Replays `versions` (each outline checked against a whole parse): the first `apart`
    /// steps each re-parse under an eighth of the first version, and the next one, an edit
    /// that leaves a bracket open, does not.
    fn assert_parsed_apart(versions: &[String], apart: usize) {
        let parsed = replay(rust(), versions);
        let small = versions[0].len() / 8;
        for (step, bytes) in parsed.iter().enumerate().take(apart) {
            assert!(*bytes < small, "step {step} parsed {bytes}: {parsed:?}");
        }
        assert!(parsed[apart] >= small, "the open bracket: {parsed:?}");
    }

    /// A file around one large function (40 statements, then `tail` as its last expression).
    fn large_function(statement: &str, tail: &str) -> String {
        let mut text = String::from("impl S {\n    fn large(&self) -> u32 {\n");
        for i in 0..40 {
            match i {
                20 => text.push_str(&format!("        {statement}\n")),
                _ => text.push_str(&format!("        let v{i} = self.get({i});\n")),
            }
        }
        text.push_str(&format!(
            "        {tail}\n    }}\n\n    fn small(&self) {{}}\n}}\n"
        ));
        text
    }

    #[test]
    fn an_edit_inside_a_large_function_reparses_its_statements_not_the_function() {
        let base = large_function("let x = 1;", "v0 + v39");
        let versions = vec![
            base.clone(),
            // One statement, then the last expression, which parsed alone lacks its `;`.
            large_function("let x = 2;", "v0 + v39"),
            large_function("let x = 2;", "v0 + v38"),
            // A function appears inside, and goes again.
            large_function(
                "fn inner() -> u8 {\n            if true { 1 } else { 2 }\n        }",
                "v0 + v38",
            ),
            large_function("let x = 2;", "v0 + v38"),
            // A brace left open swallows the rest of the function: not parsed apart.
            large_function("let x = {", "v0 + v38"),
            large_function("let x = 1;", "v0 + v39"),
            base.clone(),
        ];
        assert_parsed_apart(&versions, 4);
        // A small function is one unit: its statements are not units of their own.
        let outline = Outline::parse(rust(), &base).unwrap();
        let members = |u: &Unit| u.members.as_ref().map_or(0, |m| m.units.len());
        let inside: Vec<usize> = outline.units[0]
            .members
            .as_ref()
            .unwrap()
            .units
            .iter()
            .map(members)
            .collect();
        assert_eq!(inside, vec![41, 0]);
    }

    /// A function whose body is one large `match` (40 arms) in a `let`, with `arm` as arm 20.
    fn large_match(arm: &str) -> String {
        let mut text = String::from("fn dispatch(k: u32) -> u32 {\n    let v = match k {\n");
        for i in 0..40 {
            match i {
                20 => text.push_str(&format!("        {arm}\n")),
                _ => text.push_str(&format!(
                    "        {i} => {{\n            k + {i}\n        }}\n"
                )),
            }
        }
        text.push_str("        _ => 0,\n    };\n    v\n}\n\nfn after() {}\n");
        text
    }

    #[test]
    fn an_edit_inside_a_large_match_reparses_its_arms_not_the_branch() {
        let base = large_match("20 => 1,");
        let versions = vec![
            base.clone(),
            large_match("20 => 2,"),
            // A function appears inside an arm, and goes again.
            large_match("20 => {\n            fn inner() -> u32 {\n                3\n            }\n            inner()\n        }"),
            large_match("20 => 2,"),
            // An arm left open swallows the rest: not parsed apart.
            large_match("20 => {"),
            large_match("20 => 1,"),
            base.clone(),
        ];
        assert_parsed_apart(&versions, 3);
        let outline = Outline::parse(rust(), &base).unwrap();
        let function = outline.units[0].members.as_ref().unwrap();
        assert_eq!(function.of, Container::Function);
        let arms = function.units[0].members.as_ref().unwrap();
        assert_eq!((arms.of, arms.units.len()), (Container::Arms, 41));
    }

    #[test]
    fn a_version_rewritten_throughout_parses_at_most_twice_its_length() {
        let base = test_file(40, 0, "");
        // Every test touched, and every other one left open: a piece that does not parse on
        // its own grows over its neighbours, and growing pieces would parse the file several
        // times over.
        let mut rewritten = String::new();
        for (i, test) in base.split("#[cargo_test]").enumerate() {
            if i > 0 {
                rewritten.push_str("#[cargo_test]");
            }
            rewritten.push_str(&match i % 2 {
                0 => test.replacen("let x = 1;\n}", "let x = 2;\n", 1),
                _ => test.replacen("let x = 1;", "let x = 3;", 1),
            });
        }
        let versions = vec![base.clone(), rewritten.clone(), base];
        let parsed = replay(rust(), &versions);
        for (bytes, text) in parsed.iter().zip(&versions[1..]) {
            assert!(*bytes <= 2 * text.len(), "{bytes} of {}", text.len());
        }
    }

    #[test]
    fn lua_versions() {
        let Some(lua) = lang::for_path(std::path::Path::new("x.lua")) else {
            return;
        };
        let versions: Vec<String> = [
            "local M = {}\n\nfunction M.a()\n  return 1\nend\n\nfunction M.b()\nend\n\nreturn M\n",
            "local M = {}\n\nfunction M.a()\n  return 2\nend\n\nfunction M.b()\n  local function inner() end\nend\n\nreturn M\n",
            "local M = {}\n\nfunction M.a(\n  return 2\nend\n\nfunction M.c()\nend\n\nreturn M\n",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        replay(lua, &versions);
    }

    #[test]
    fn an_outline_from_the_scans_parse_equals_one_of_its_own() {
        let rules = super::super::Rules::default();
        let wanted = super::super::Wanted {
            markers: true,
            metrics: Some(&rules),
            imports: true,
        };
        let tags = super::super::TagSet::new(["TODO".to_string()].iter());
        let files = [
            test_file(3, 1, "let y = str![\"x\"];"),
            "mod m {\n    impl S {\n        fn a(&self) {\n            let f = |x| x + 1; // TODO\n        }\n    }\n}\nfn b() {} fn c() {\n}\n".to_string(),
            "fn broken( {\n}\nfn fine() {}\n".to_string(),
        ];
        for text in &files {
            let (_, outline) =
                super::super::parse_file_outlined("x.rs", text, rust(), &tags, wanted, true)
                    .unwrap();
            assert_eq!(
                outline.unwrap(),
                Outline::parse(rust(), text).unwrap(),
                "{text}"
            );
        }
        let (_, outline) =
            super::super::parse_file_outlined("x.rs", &files[1], rust(), &tags, wanted, false)
                .unwrap();
        assert!(outline.is_none());
    }

    #[test]
    fn functions_at_names_the_innermost_function() {
        let src = "mod m {\n    struct S;\n    impl S {\n        fn a(&self) {\n            fn inner() {\n                let x = 1;\n            }\n        }\n    }\n}\nfn b() {} fn c() {\n}\n";
        let v = Outline::parse(rust(), src).unwrap();
        let names =
            |lines: &[(u32, u32)]| -> Vec<String> { v.functions_at(lines).into_iter().collect() };
        assert_eq!(names(&[(6, 1)]), vec!["m::S::a::inner"]);
        assert_eq!(names(&[(4, 1), (12, 1)]), vec!["c", "m::S::a"]);
        // Two functions on one line: the later one.
        assert_eq!(names(&[(11, 1)]), vec!["c"]);
        assert_eq!(names(&[(2, 1)]), Vec::<String>::new());
        assert_eq!(names(&[(1, 12)]).len(), 3);
        assert_eq!(names(&[(13, 5)]), Vec::<String>::new());
    }

    #[test]
    fn texts_of_gives_each_definition_of_a_symbol() {
        let src = "#[cfg(unix)]\nfn f() { 1 }\n#[cfg(windows)]\nfn f() {\n    2\n}\nfn g() {}\n";
        let v = Outline::parse(rust(), src).unwrap();
        assert_eq!(v.texts_of("f", src), ["fn f() { 1 }", "fn f() {\n    2\n}"]);
        assert_eq!(v.texts_of("g", src), ["fn g() {}"]);
        assert!(v.texts_of("h", src).is_empty());
    }

    #[test]
    fn an_outline_is_plain_data() {
        let v = Outline::parse(rust(), &test_file(3, 0, "")).unwrap();
        let json = serde_json::to_string(&v).unwrap();
        assert_eq!(serde_json::from_str::<Outline>(&json).unwrap(), v);
    }
}
