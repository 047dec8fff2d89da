#!/usr/bin/env python3
r'''Checks debtscan's Swift support against readers that share nothing with tree-sitter.

  scripts/compare-swift.py markers REPO      markers and lines of code against Pygments
  scripts/compare-swift.py complexity REPO   cyclomatic complexity against lizard
  scripts/compare-swift.py imports REPO      file edges against a regular-expression reading

Files: the `.swift` files debtscan read (`debtscan functions REPO --languages swift`). Tracked
`.swift` files it did not read are listed and not compared. No Swift compiler is used: the
tokens are Pygments' SwiftLexer (`get_lexer_by_name('swift', stripnl=False, ensurenl=False)`:
the defaults shift line numbers), with two of its rules replaced (a subclass; the numbers are
printed):
  - block comments: the SwiftLexer nests them (`/* a /* b */ c */` is one comment, as Swift
    reads it), but its `[*/]+` rule eats a closing `**/` (`/** doc **/`), so the comment runs
    on to the next `*/`: the rule takes one `*` or `/` at a time;
  - raw strings (`#"…"#`, `##"…"##`, `#"""…"""#`): the lexer knows no `#"`, ends the string at
    its first inner `"` and reads the rest as code (a `//` there becomes a comment): a rule
    takes the literal to its closing `"#…#`; its text is a string token, and an interpolation
    `\#(…)` is lexed as code (it may hold a comment, as in `"\(x /* c */)"`).
A directive (`#if`, `#elseif`, `#else`, `#endif`: Pygments' `Comment.Preproc`) is code, not a
comment; the rest of its line is the directive's condition (no decision to anyone).

markers: comments are the `Comment.Single`, `Comment.Multiline` and `Comment.Special` tokens
(`///` and `/** */` documentation included), the pieces Pygments makes of one comment joined.
As in compare-kotlin.py:
  - every `todo` item debtscan reports in a Swift file (also the places in `related`) must
    start on a line where Pygments has a comment whose text on that line holds the tag (any
    case, a whole word);
  - every comment line that starts with a tag of `[markers.tags]` must be a marker of
    debtscan's (README "Markers"; common.py's UPPER_START and ANY_CASE_START): a `//`
    comment's text after its slashes, each line of a `/* */` comment (delimiters and a doc
    line's leading `*` stripped). Lines under `debtscan:ignore` are not compared;
  - each file's `code_lines` (`debtscan functions`) must equal the number of lines where a
    token other than a comment holds a non-whitespace character (string contents, multi-line
    and raw strings, interpolations and directives are code).
A difference in a file debtscan reports as parsed in part (`partial_files`) is explained as
`partial-parse` when it is a missing marker or a code_lines count debtscan has higher than
Pygments by at most the file's comment-only lines; every other difference is listed.

complexity: lizard 1.24.3 (`import lizard`; lizard_languages/swift.py: SwiftReader, its own
tokenizer with swift_literals.py's string and nested-comment spans, on golike.py's state
machine) against debtscan's cyclomatic (header of queries/swift/complexity.scm): 1 + `if` (each
`else if`) + `guard` + `for` + `while` + `repeat … while` + each `case` entry of a `switch`
(`case 1, 2:` one) + `catch` + `?:` + each `&&`, `||`, `??`.
What lizard counts (read from its source): every token in `if for while catch guard case && ||
?`; a `?` written right after a non-space character (`x?.y`, `[T]?`) is postfix and its count
is taken back (`process_token`), and `\w+\?` makes `try?`, `as?`, `Int?` one token; `??` is a
token of its own that is no condition; a string literal (with its interpolations) and a
comment are one token each, so a condition inside `"\(a ? b : c)"` is not counted; a directive
line (`#if os(iOS) && DEBUG`) is one token; a condition keyword after `(` or `,` and before `:`
is an argument label (`f(for: x)`) and not counted, but one followed by a parameter name
(`func f(for request: R)`) is. Functions: `func` (name: the next token), `init`/`init?`/
`subscript` not after `.` (name `init`, `subscript`), and an accessor head `get`, `set`,
`set(v)`, `willSet`, `didSet`, `deinit`, `get async throws` directly followed by `{` (name
the keyword, first line the keyword's); a `protocol` body is skipped whole; closures, computed
property bodies (`var x: Int { … }`) and `defer` are no function (their conditions belong to
the function around them, or to `*global*`). Nested functions are lizard functions of their
own (not counted in the outer one).
lizard's state machine has three blind spots on ordinary Swift; the text handed to lizard is
changed in place (same length, same lines; the numbers are printed) to get past them:
  - the word `protocol` anywhere (`Self(protocol: p)`, `case connected(protocol: String?)`)
    starts the skipping of a protocol body: up to a `{…}` that balances, swallowing the end of
    the function around it. A `protocol` that is no declaration (not followed by a name) is
    blanked;
  - after `let`, `var`, `case` and `,` lizard skips the next token unread; a `{` right after a
    `,` (a closure argument `f(a, { … })`, an array of closures) is lost and its `}` ends the
    function around it: such a `,` is blanked;
  - an accessor word followed by `{` that is no accessor (`for x in set {`): blanked.
Functions are matched by name (debtscan's last `.` segment; lizard's name) with lizard's first
line inside debtscan's lines (lizard starts at `func`/`init`, after attributes and doc
comments), the innermost; lizard's accessors (`get`, `set`, `willSet`, `didSet`, not a `func
get()`) by their first line, as debtscan names them after their property or subscript; an
operator function (`static func ==`) by its lines alone: debtscan names it after the type
around it (`Request`, not `Request.==`: symbols.scm captures a `simple_identifier` name only),
which is listed as an `[operator name]` difference. Differences of definition, applied per
function to lizard's count (equal after them: explained, under the names of the adjustments
that applied):
  - `nil-coalescing`: +1 for each `??` (Pygments' two adjacent `?`, not run into other
    operator characters such as a `???` placeholder) in the function;
  - `case-outside-switch`: -1 for each `case` that is not a switch entry (`if case`, `guard
    case`, `for case`, `while case`, a `catch`'s pattern, a local `enum`'s cases): lizard
    counts every `case` token, debtscan the entries of a `switch`;
  - `large-lambdas`, `nested-units`: debtscan makes a closure of `closure_lines` (20) lines or
    more a unit of its own (`f.{closure#N}`), and units lizard has no function for (a local
    type's computed property): lizard = debtscan(f) + the sum of (debtscan(u) - 1) over them;
  - `read-block-accessors`: tree-sitter-swift 0.7.4 knows no `_read`/`unsafeAddress`
    accessor, so a property or subscript with one is read as a body of statements (one unit,
    its `set { … }` a call with a closure); lizard's `get`/`set` functions inside such a unit
    count to it: lizard + the sum of (lizard(accessor) - 1);
  - `argument-label`: -1 for each keyword that is the argument label of a declared parameter
    (`func f(for request: R)`: after `(` or `,`, before a name and `:`), which lizard counts
    (its label rule wants the `:` right after the keyword) and debtscan does not;
  - per line and token kind, lizard's condition tokens minus Pygments' (the same set, outside
    comments and string text, interpolations being code): a surplus where Pygments reads the
    keyword as a name (`store.case`, a subscript label `x[case: p]`) is `keyword-as-name`;
    a deficit where Pygments' decisions are inside a string interpolation (lizard reads the
    string as one token) is `interpolation`; any rest is `lizard-tokenizer-other`, and a pair
    with one is listed as unexplained.
In a file debtscan reports as parsed in part (`partial_files`, `syntax-errors`; its report
names ten, so when it counts more, each directory is asked again with `--include`), a function
debtscan counts lower than lizard after the adjustments is explained as `partial-parse` (the
decisions inside an ERROR region are lost: tree-sitter-swift 0.7.4 reads no `for try await`
loop, for one) and listed in full; a higher count there is unexplained.
Units only debtscan has (computed properties, `_modify`, closures outside every function,
operator functions lizard loses, functions lizard lost) and functions only lizard has (a
subscript with `get`/`set` blocks, whose units at debtscan are the accessors) are counted by
kind, with a sample, marked when the file is parsed in part; a pair that differs after the
adjustments is listed as unexplained.

imports: a second reading with regular expressions over the code text (Pygments' comment and
string tokens blanked, interpolations kept): each file's `import [kind] M.…` (with
`@_exported`), its top-level declarations (a `class`, `struct`, `enum`, `actor`, `protocol`,
`typealias`, `func`, `let` or `var` and its name, at brace depth 0, after attributes and
modifiers; an `extension` declares nothing; a `private`/`fileprivate` one is seen by its own
file alone) and the names it uses: every capitalised word (`_Name` too) not after a `.`, and
every word followed by `(` not after a `.` (a call), the names declarations introduce left out
(`struct Options`, `func run(`, `macro M(`, an enum's `case A`). Modules: the targets of each
`Package.swift` (`.target(name: "X", path: "Y")`, `.testTarget`, `.executableTarget`…; without
`path:`, the first of `Sources/X`, `Source/X`, `src/X`, `srcs/X` holding a file, `Tests/X`
first for a test target, `Plugins/X` for a plugin, as SwiftPM looks), the deepest holding the
file; else the directory below `Sources/`/`Tests/`; else the first directory.
Resolution as the header of src/graph/swift.rs describes it, written here again: a name the
file declares itself is its own; else the other files of its module declaring it; else the
files of the repository modules it imports (`@_exported` followed) declaring it.
A name is "used" when it is such a word; debtscan's names are narrower (a type, a bare call, a
capitalised receiver of `.`), so an oracle edge debtscan lacks is put in a category by how the
source writes the name. debtscan should have these (unexplained): `type/call/receiver`, `call
after a prefix operator` (`!ready(x)`, which tree-sitter-swift 0.7.4 reads as `(!ready)(x)`),
`call right of a binary operator` (`a + f(x)`, read as `(a + f)(x)`); it need not have these:
`bare-value` (`x = Default`, an argument `f(Foo)`, `case Foo`), `key-path` (`\Foo.bar`),
`lowercase-value` (a lowercase global read or a receiver, `globalQueue.async`), `other`. Every
oracle edge must be one of debtscan's (`graph --format json --no-history --include-test-edges
--languages swift`, file edges of any kind), except where its source or target is a file
debtscan parsed in part (`partial-parse`, listed); debtscan's other edges are counted with a
sample, by what makes them (`private`/`fileprivate` top-level declarations are visible in their
own file alone: the oracle does not link other files to them, debtscan does).
Each file's module must be debtscan's (its node's `module`; `[module]` rows), and the imports of
modules outside the repository must be counted as debtscan's `unresolved` (`[unresolved]`);
an edge whose end has another module at debtscan is explained by that `[module]` row.

Needs: Pygments (2.20 checked), lizard 1.24.3 (`pip install lizard==1.24.3`); debtscan from
$DEBTSCAN (default target/release/debtscan); $SAMPLE (default 5): the rows printed of each
category. Exit status 0 when everything agrees or every difference is explained, 1 otherwise
(the differences are listed).
'''
import os
import random
import re
import sys
from collections import Counter, defaultdict

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import (closure_lines, debtscan, finish, last_name,  # noqa: E402
                    marker_differences, print_sample, slash_comment_lines, todo_tags,
                    tracked as tracked_files)


def read(repo, rel):
    """The file's text, CR LF read as LF (Pygments does so; the lines are the same)."""
    with open(os.path.join(repo, rel), encoding="utf-8", errors="replace", newline="") as f:
        return f.read().replace("\r\n", "\n")


def files_of(repo):
    """The Swift files debtscan read, the tracked ones it did not, its functions report."""
    report = debtscan(["functions", repo, "--no-cache", "--languages", "swift"])
    read_ = sorted(f["path"] for f in report["files"])
    unread = [p for p in tracked_files(repo, "*.swift") if p not in set(read_)]
    return read_, unread, report, partial_files(repo, report, read_)


def partial_files(repo, report, files):
    """The files debtscan parsed in part (`syntax-errors`). Its report names a sample of at
    most 10: when it counts more, each directory is asked again (`--include /dir/**`), down to
    ten files at a time."""

    def parted(rep):
        groups = [g for g in rep.get("partial_files", []) if g.get("reason") == "syntax-errors"]
        found = {p for g in groups for p in g.get("sample", [])}
        return found, sum(g.get("count", 0) for g in groups) <= len(found)

    def ask(patterns):
        args = ["functions", repo, "--no-cache", "--languages", "swift"]
        for pattern in patterns:
            args += ["--include", pattern]
        return parted(debtscan(args))

    def glob(path):
        return "/" + re.sub(r"([\\*?\[\]])", r"\\\1", path)

    def split(prefix, paths):
        found, under = set(), defaultdict(list)
        direct = [p for p in paths if "/" not in p[len(prefix):]]
        for p in paths:
            rest = p[len(prefix):]
            if "/" in rest:
                under[prefix + rest.split("/")[0] + "/"].append(p)
        for k in range(0, len(direct), 10):
            found |= ask([glob(p) for p in direct[k:k + 10]])[0]
        for sub, inner in sorted(under.items()):
            some, complete = ask([glob(sub) + "**"])
            found |= some if complete else split(sub, inner)
        return found

    found, complete = parted(report)
    return found if complete else split("", files)


# ----------------------------------------------------------------------------------- tokens

STATS = Counter()
# How many rows of each explained category are printed ($SAMPLE, default 5).
SAMPLE = int(os.environ.get("SAMPLE", "5"))
DIRECTIVES = ("#if", "#elseif", "#else", "#endif")


def is_comment(ttype):
    from pygments.token import Comment

    return ttype in Comment and ttype not in Comment.Preproc


def is_string(ttype):
    from pygments.token import String

    return ttype in String and ttype not in String.Interpol


def plain_string_end(text, i):
    """The end of the ordinary string literal opening at I (inside an interpolation)."""
    multi = text.startswith('"""', i)
    close = '"""' if multi else '"'
    i += len(close)
    while i < len(text):
        if text.startswith(close, i):
            return i + len(close)
        if text[i] == "\\":
            if text.startswith("\\(", i):
                i = interpolation_end(text, i + 1)
                continue
            i += 2
            continue
        if text[i] == "\n" and not multi:
            return i
        i += 1
    return len(text)


def interpolation_end(text, i):
    """The end (after its `)`) of the interpolation whose `(` is at I."""
    depth = 0
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        elif c == '"':
            i = plain_string_end(text, i)
            continue
        i += 1
    return len(text)


def raw_string(lexer, match):
    """Pygments callback: the tokens of a raw string (`#"…"#`, `##\"\"\"…\"\"\"##`), its
    interpolations `\\#(…)` lexed as code."""
    from pygments.token import String

    text, start, end = match.string, match.start(), match.end()
    hashes = match.group(1)
    escape = "\\" + hashes + "("
    STATS["raw strings"] += 1
    piece, i = start, text.find(escape, start, end)
    while i >= 0:
        inner = i + len(escape) - 1
        close = min(interpolation_end(text, inner), end)
        if piece < i:
            yield piece, String, text[piece:i]
        yield i, String.Interpol, text[i:inner + 1]
        for k, t, v in lexer.get_tokens_unprocessed(text[inner + 1:close - 1]):
            yield inner + 1 + k, t, v
        yield close - 1, String.Interpol, text[close - 1:close]
        piece, i = close, text.find(escape, close, end)
    if piece < end:
        yield piece, String, text[piece:end]


_LEXER = []


def lexer():
    """Pygments' SwiftLexer with the module docstring's two fixes, made once."""
    if _LEXER:
        return _LEXER[0]
    from pygments.lexers.objective import SwiftLexer
    from pygments.token import Comment

    class FixedSwiftLexer(SwiftLexer):
        tokens = {
            **SwiftLexer.tokens,
            # Raw strings: the whole literal (its closing quote and as many `#`).
            "root": [(r'(#+)"""[\s\S]*?"""\1(?!#)', raw_string),
                     (r'(#+)"[^\n]*?"\1(?!#)', raw_string)] + SwiftLexer.tokens["root"],
            # One `*` or `/` at a time, so that `**/` closes the comment.
            "comment-multi": [
                (r"[^*/]+", Comment.Multiline),
                (r"/\*", Comment.Multiline, "#push"),
                (r"\*/", Comment.Multiline, "#pop"),
                (r"[*/]", Comment.Multiline),
            ],
        }

    _LEXER.append(FixedSwiftLexer(stripnl=False, ensurenl=False))
    return _LEXER[0]


def lex(text):
    """Pygments' (type, value, offset) tokens of TEXT (module docstring)."""
    return [[t, v, k] for k, t, v in lexer().get_tokens_unprocessed(text)]


def tokens(text):
    """(type, value, first line, offset) of every token of a Swift file (module docstring):
    the pieces of one comment joined."""
    from pygments.token import Comment

    raw = lex(text)
    joined, k = [], 0
    while k < len(raw):
        ttype, value, start = raw[k]
        if is_comment(ttype) and value.startswith("//"):
            end = start + len(value)
            k += 1
            while k < len(raw) and is_comment(raw[k][0]) and raw[k][2] == end and \
                    "\n" not in raw[k][1]:
                end += len(raw[k][1])
                k += 1
            joined.append([Comment.Single, text[start:end], start])
            continue
        if is_comment(ttype) and value == "/*":
            # The pieces up to the `*/` that closes the outermost `/*`.
            depth, end = 0, start
            while k < len(raw) and is_comment(raw[k][0]) and raw[k][2] == end:
                depth += {"/*": 1, "*/": -1}.get(raw[k][1], 0)
                end += len(raw[k][1])
                k += 1
                if depth == 0:
                    break
            STATS["nested block comments"] += text.count("/*", start, end) > 1
            joined.append([Comment.Multiline, text[start:end], start])
            continue
        joined.append([ttype, value, start])
        k += 1
    line, res = 1, []
    for ttype, value, start in joined:
        res.append((ttype, value, line, start))
        line += value.count("\n")
    return res


def significant(toks):
    """The code tokens (no comment, no whitespace-only token), strings included. Adjacent
    `?` `?` (Pygments' punctuation) are joined into `??`, `=` `=` into `==`."""
    out = []
    for t in toks:
        if is_comment(t[0]) or not t[1].strip():
            continue
        if out and out[-1][3] + len(out[-1][1]) == t[3] and not is_string(t[0]) and \
                not is_string(out[-1][0]) and out[-1][1] + t[1] in ("??", "=="):
            out[-1] = (out[-1][0], out[-1][1] + t[1], out[-1][2], out[-1][3])
            continue
        out.append(t)
    return out


# ---------------------------------------------------------------------------------- markers


def markers(repo):
    files, unread, functions, partial = files_of(repo)
    keep = set(files)
    report = debtscan(["todos", repo, "--no-history", "--no-cache", "--languages", "swift"])
    ours = todo_tags(report, lambda path: path in keep)
    measured = {f["path"]: f["code_lines"] for f in functions["files"]}
    differ, explained = [], defaultdict(list)
    comments, tagged, comment_only, code_agree = 0, 0, 0, 0
    for rel in files:
        text = read(repo, rel)
        by_line, ignored, code, commented = defaultdict(list), set(), set(), set()
        for ttype, value, line, _ in tokens(text):
            if is_comment(ttype):
                comments += 1
                if "debtscan:ignore" in value:
                    ignored.update(range(line, line + value.count("\n") + 2))
                for n, part in slash_comment_lines(line, value):
                    by_line[n].append(part)
                    commented.add(n)
            else:
                for k, part in enumerate(value.split("\n")):
                    if part.strip():
                        code.add(line + k)
        comment_only += len(commented - code)
        why = ("partial-parse (debtscan: syntax errors in the file; comments in ERROR regions "
               "are lost)")
        found, no_comment, no_marker = marker_differences(rel, ours, by_line, ignored)
        tagged += found
        differ.extend(row for _, row in no_comment)
        for _, row in no_marker:
            (explained[why].append(row) if rel in partial else differ.append(row))
        got, want = measured.get(rel), len(code)
        if got == want:
            code_agree += 1
        else:
            row = (f"{rel}: debtscan {got} lines of code, Pygments {want} (lines with a "
                   f"token outside comments)")
            if rel in partial and got is not None and 0 < got - want <= len(commented - code):
                explained[why].append(row + f"; {len(commented - code)} comment-only lines")
            else:
                differ.append(row)
    for path, line in sorted(set(ours)):
        if path not in keep:
            differ.append(f"{path}:{line}: debtscan marker in a file not compared")
    n = sum(len(t) for t in ours.values())
    ok = finish(f"{repo}: {len(files)} Swift files lexed by Pygments, {comments} comments "
                f"({STATS['nested block comments']} nested block comments, "
                f"{STATS['raw strings']} raw strings; "
                f"{comment_only} comment-only lines, {tagged} comment lines starting with a "
                f"tag), {n} markers from debtscan; lines of code agree in {code_agree} of "
                f"{len(files)} files, {sum(map(len, explained.values()))} differences "
                "explained", "not read by debtscan, not compared", unread, differ)
    for p in sorted(partial):
        print(f"  parsed in part by debtscan (syntax-errors): {p}")
    for cat, rows in sorted(explained.items()):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows:
            print(f"    {row}")
    return ok


# ------------------------------------------------------------------------------- complexity

KEYWORDS = {"if", "guard", "for", "while", "catch", "case"}
LIZARD_CONDITIONS = KEYWORDS | {"&&", "||", "?"}
ACCESSORS = {"get", "set", "willSet", "didSet"}
ACCESSOR_BEFORE = {"{", "}", ";", "mutating", "nonmutating", "override", "private",
                   "fileprivate", "internal", "public", "open", "static", "class", "final",
                   "dynamic", "package"}


def word_at(code, k):
    return code[k][1] if 0 <= k < len(code) else None


def keyword_use(code, k, text):
    """How code token K, a word of KEYWORDS that Pygments calls a keyword, is used: "keyword",
    "name" (after `.`, in backquotes, a label `for:`), or "declared-label" (the argument label
    of a declared parameter, `(for request: R`: after `(` or `,`, before a name and `:`);
    None for any other token."""
    from pygments.token import Keyword

    t, v, _, start = code[k]
    if v not in KEYWORDS or t not in Keyword or is_string(t):
        return None
    if word_at(code, k - 1) == "." or (start and text[start - 1] == "`") or \
            word_at(code, k + 1) == ":":
        return "name"
    if word_at(code, k - 1) in ("(", ",") and k + 2 < len(code) and \
            re.match(r"^\w+$", code[k + 1][1]) is not None and code[k + 2][1] == ":":
        return "declared-label"
    return "keyword"


class Decisions:
    """Per line, from Pygments' tokens (outside comments, string text and directive lines):
    `cond`, lizard's token set (KEYWORDS used as keywords or declared labels, `&&`, `||`, a
    ternary `?`); `labels`, the declared labels among them; `interp`, those inside a string
    interpolation; `names`, KEYWORDS used as names (not in `cond`); `nil`, the `??`;
    `not_entry`, the `case` keywords that are no entry of a switch."""

    def __init__(self, toks, text):
        from pygments.token import Comment, Operator, Punctuation, String

        code = significant(toks)
        self.cond, self.labels = defaultdict(Counter), defaultdict(Counter)
        self.interp, self.names = defaultdict(Counter), defaultdict(Counter)
        self.nil, self.not_entry = Counter(), Counter()
        directive_line = None
        stack, pending = [], None

        def count(line, kind):
            self.cond[line][kind] += 1
            if "interp" in stack:
                self.interp[line][kind] += 1

        for k, tok in enumerate(code):
            t, v, line, start = tok
            if t in Comment.Preproc and v in DIRECTIVES:
                directive_line = line
                continue
            if line == directive_line or is_string(t):
                continue
            if t in String.Interpol and v.endswith("(") and v != "(":
                stack.append("interp")  # `\(`, `\#(`
                continue
            if v in ("(", "["):
                stack.append("(")
                continue
            if v == "{":
                stack.append("switch" if pending is not None and pending == len(stack) else "{")
                if stack[-1] == "switch":
                    pending = None
                continue
            if v in (")", "]", "}"):
                if stack:
                    stack.pop()
                continue
            if t in Operator:
                for op in ("&&", "||"):
                    for _ in range(v.count(op)):
                        count(line, op)
                continue
            if v == "??" and t in Punctuation and not (
                    text[start - 1:start] in OPERATOR_CHARS or
                    text[start + 2:start + 3] in OPERATOR_CHARS):
                self.nil[line] += 1
                continue
            if v == "?" and t in Punctuation and start and (
                    text[start - 1].isspace() or text.endswith("*/", 0, start)):
                count(line, "?")
                continue
            use = keyword_use(code, k, text)
            if use == "name":
                self.names[line][v] += 1
                continue
            if v == "switch" and word_at(code, k - 1) != "." and word_at(code, k + 1) != ":":
                pending = len(stack)
                continue
            if use is None:
                continue
            count(line, v)
            if use == "declared-label":
                self.labels[line][v] += 1
                continue
            if v == "case":
                prev = code[k - 1] if k else None
                entry = stack and stack[-1] == "switch" and prev is not None and (
                    prev[1] in ("{", ";") or (prev[2] < line and prev[1] != ","))
                if not entry:
                    self.not_entry[line] += 1


# An accessor tree-sitter-swift 0.7.4 does not know: its block is read as statements.
READ_BLOCK = re.compile(r"\s*(_read|unsafeAddress|unsafeMutableAddress)\s*\{")
# A `??` run into other operator characters (`???`, a placeholder) is another operator.
OPERATOR_CHARS = set("/=-+!*%<>&|^~?")


def lizard_text(text, toks):
    """The text handed to lizard (module docstring: a `protocol` that declares none, a `,`
    before `{`, an accessor word that is no accessor, blanked); the counts of each change."""
    chars = list(text)
    changes = Counter()
    code = significant(toks)

    def blank(tok):
        for i in range(tok[3], tok[3] + len(tok[1])):
            if chars[i] != "\n":
                chars[i] = " "

    for k, tok in enumerate(code):
        t, v = tok[0], tok[1]
        if is_string(t):
            continue
        if v == "protocol" and not re.match(r"[A-Za-z_]", word_at(code, k + 1) or "") and \
                not (tok[3] and text[tok[3] - 1] == "`"):
            blank(tok)
            changes["a `protocol` that declares none (a label `protocol:`)"] += 1
        elif v == "," and word_at(code, k + 1) == "{":
            blank(tok)
            changes["a `,` before `{` (a closure argument)"] += 1
        elif v in ACCESSORS and word_at(code, k - 1) != "." and not (
                tok[3] and text[tok[3] - 1] == "`"):
            j = k + 1
            if word_at(code, j) == "(" and word_at(code, j + 2) == ")":
                j += 3
            while word_at(code, j) in ("async", "throws"):
                j += 1
            if word_at(code, j) != "{":
                continue
            prev = word_at(code, k - 1)
            if prev in ACCESSOR_BEFORE or word_at(code, k - 2) == "@":  # `@inlinable get {`
                continue
            blank(tok)
            changes["an accessor word before `{` that is no accessor (`for x in set {`)"] += 1
    return "".join(chars), changes


def lizard_units(code):
    import lizard
    from lizard_core.file_info_builder import FileInfoBuilder
    from lizard_languages.swift import SwiftReader

    info = lizard.analyze_file.analyze_source_code("x.swift", code)
    reader = SwiftReader(FileInfoBuilder("x.swift"))
    by_line, line = defaultdict(Counter), 1
    for t in reader.preprocess(list(reader.generate_tokens(code))):
        if t in reader.conditions and not getattr(t, "is_optional", False) and \
                not t.startswith(("//", "/*")):
            by_line[line][str(t)] += 1
        line += t.count("\n")
    return info.function_list, by_line


def complexity(repo):
    files, unread, report, partial = files_of(repo)
    large = closure_lines(repo)
    ours = defaultdict(list)
    for f in report["functions"]:
        ours[f["path"]].append(f)
    differ, explained = [], defaultdict(list)
    only_ours, only_lizard = defaultdict(list), defaultdict(list)
    changes_total, raw_functions = Counter(), 0
    agree, compared, n_lizard, n_ours, n_adjusted, failed = 0, 0, 0, 0, 0, []

    def inside(v, u):
        return v is not u and u["start_line"] <= v["start_line"] and \
            v["end_line"] <= u["end_line"]

    for rel in files:
        text = read(repo, rel)
        toks = tokens(text)
        try:
            import lizard
            raw_functions += len(lizard.analyze_file.analyze_source_code("x.swift", text)
                                 .function_list)
            changed, changes = lizard_text(text, toks)
            theirs, liz_by_line = lizard_units(changed)
        except Exception as e:  # lizard's own failure: the file is not compared
            failed.append(f"{rel} ({type(e).__name__}: {e})")
            continue
        changes_total.update(changes)
        dec = Decisions(toks, text)
        lines = text.split("\n")
        mine = ours.get(rel, [])
        n_ours += len(mine)
        theirs = [fn for fn in theirs if fn.name != "*global*"]
        n_lizard += len(theirs)
        matched, pairs, unpaired = set(), [], []
        for fn in theirs:
            src = lines[fn.start_line - 1].strip() if fn.start_line <= len(lines) else ""
            if fn.name in ACCESSORS and not re.search(r"\bfunc\b", src):
                # debtscan names an accessor by its property
                cands = [u for u in mine if id(u) not in matched and
                         u["start_line"] == fn.start_line and "{closure#" not in u["symbol"]]
            elif not re.match(r"\w", fn.name):  # an operator: matched by its lines alone
                cands = [u for u in mine if id(u) not in matched and
                         u["start_line"] <= fn.start_line <= u["end_line"] and
                         "{closure#" not in u["symbol"]]
            else:
                cands = [u for u in mine if id(u) not in matched and
                         u["start_line"] <= fn.start_line <= u["end_line"] and
                         last_name(u["symbol"]) == fn.name]
            if cands:
                u = max(cands, key=lambda u: u["start_line"])  # the innermost
                matched.add(id(u))
                pairs.append((fn, u))
                if not re.match(r"\w", fn.name) and last_name(u["symbol"]) != fn.name:
                    differ.append(f"[operator name] {rel}:{u['start_line']}-{u['end_line']} "
                                  f"debtscan names the function `{fn.name}` {u['symbol']!r} "
                                  f"({src[:60]!r})")
            else:
                unpaired.append((fn, src))

        def read_block(u):
            """Whether debtscan's unit U holds a `_read`/`unsafeAddress` accessor block."""
            return any(READ_BLOCK.match(lines[ln - 1]) for ln in
                       range(u["start_line"], min(u["end_line"], len(lines)) + 1))

        # lizard's accessors in a block debtscan reads as statements (module docstring).
        in_block = defaultdict(list)
        for fn, src in unpaired:
            holders = [u for _, u in pairs if fn.name in ACCESSORS and
                       u["start_line"] < fn.start_line <= u["end_line"] and read_block(u)]
            if holders:
                in_block[id(max(holders, key=lambda u: u["start_line"]))].append(fn)
                continue
            accessors = [u for u in mine if fn.start_line < u["start_line"] <= fn.end_line
                         and last_name(u["symbol"]) == "subscript"]
            if fn.name == "subscript" and accessors and fn.cyclomatic_complexity == 1:
                kind = ("a subscript with `get`/`set` blocks (debtscan's units are the "
                        "accessors, as for a property; lizard's subscript holds no decision)")
            elif fn.name in ACCESSORS and any(
                    u["start_line"] < fn.start_line <= u["end_line"] and read_block(u)
                    for u in mine):
                kind = ("an accessor in a block with `_read` (debtscan reads the block as "
                        "statements: a unit for the property, lizard has none)")
            else:
                kind = "an accessor" if fn.name in ACCESSORS else "a named function"
            if rel in partial:
                kind += ", in a file debtscan parsed in part"
            only_lizard[kind].append(f"{rel}:{fn.start_line} {fn.name} = "
                                     f"{fn.cyclomatic_complexity} ({src[:60]!r})")
        paired = {id(u) for _, u in pairs}
        for fn, u in pairs:
            what = (f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}: debtscan "
                    f"{u['cyclomatic']}, lizard {fn.cyclomatic_complexity}")
            compared += 1
            # Lines of lizard functions nested in this one count apart.
            apart = {line for g, v in pairs if g is not fn and inside(v, u)
                     for line in range(v["start_line"], v["end_line"] + 1)}
            folded = [v for v in mine if id(v) not in paired and inside(v, u) and not any(
                inside(v, w) and inside(w, u) for w in mine if id(w) in paired)]
            for v in folded:
                matched.add(id(v))
            read_block_ = -sum(g.cyclomatic_complexity - 1 for g in in_block[id(u)])
            lam = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" in v["symbol"])
            nested = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" not in v["symbol"])
            for v in folded:
                if "{closure#" in v["symbol"] and v["end_line"] - v["start_line"] + 1 < large \
                        and any(inside(v, w) for w in mine if "{closure#" not in w["symbol"]):
                    differ.append(f"[closure unit under closure_lines] {rel}:{v['start_line']}-"
                                  f"{v['end_line']} {v['symbol']}")
            body = [ln for ln in range(u["start_line"], u["end_line"] + 1) if ln not in apart]
            # Per line and kind, lizard's count minus Pygments': a surplus where Pygments
            # reads the keyword as a name, a deficit where its decisions are in an
            # interpolation; the rest has no reason.
            as_name, interp, other = 0, 0, 0
            for ln in body:
                a, b = liz_by_line.get(ln, Counter()), dec.cond.get(ln, Counter())
                for c in LIZARD_CONDITIONS:
                    d = a[c] - b[c]
                    if d > 0:
                        n = min(d, dec.names[ln][c])
                        as_name, d = as_name + n, d - n
                    elif d < 0:
                        n = min(-d, dec.interp[ln][c])
                        interp, d = interp - n, d + n
                    other += d
            n_nil = sum(dec.nil[ln] for ln in body)
            n_case = sum(dec.not_entry[ln] for ln in body)
            n_label = sum(sum(dec.labels[ln].values()) for ln in body)
            adj = [("large-lambdas", lam), ("nested-units", nested),
                   ("read-block-accessors", read_block_),
                   ("nil-coalescing", -n_nil), ("case-outside-switch", n_case),
                   ("argument-label", n_label), ("keyword-as-name", as_name),
                   ("interpolation", interp), ("lizard-tokenizer-other", other)]
            raw = fn.cyclomatic_complexity
            nonzero = [(n, a) for n, a in adj if a]
            want = raw - sum(a for _, a in nonzero)
            note = ", ".join(f"{n} {a:+d}" for n, a in nonzero)
            if u["cyclomatic"] == raw and not nonzero:
                agree += 1
            elif u["cyclomatic"] == want and not other:
                n_adjusted += 1
                explained[" + ".join(n for n, _ in nonzero)].append(f"{what} ({note})")
            elif rel in partial and u["cyclomatic"] < want:
                explained["partial-parse (debtscan: syntax errors in the file; the decisions "
                          "in an ERROR region are lost)"].append(
                    f"{what}, lizard adjusted {want}" + (f" ({note})" if note else ""))
            else:
                differ.append(f"[cyclomatic] {what}, lizard adjusted {want}"
                              + (f" (adjustments: {note})" if note else ""))
        for u in mine:
            if id(u) in matched:
                continue
            src = lines[u["start_line"] - 1].strip() if u["start_line"] <= len(lines) else ""
            where = f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']} = {u['cyclomatic']}"
            # The declaration's head: its first lines, attributes and all.
            head = " ".join(lines[u["start_line"] - 1:min(u["end_line"], u["start_line"] + 4)])
            if "{closure#" in u["symbol"]:
                kind = "a closure outside every compared function" + (
                    " (inside another unit lizard has no function for)"
                    if any(inside(u, w) for w in mine if id(w) not in matched) else "")
            elif re.match(r"((private|fileprivate|internal|public|open|mutating|nonmutating|"
                          r"override|@\w+)\s+)*(_modify|_read|unsafeAddress|"
                          r"unsafeMutableAddress)\b", src):
                kind = "`_modify`/`_read` accessor (no lizard unit)"
            elif re.search(r"\bfunc\s+[^\w\s`(<]", head):
                kind = ("an operator function lizard loses (its tokenizer splits `~=` into `~` "
                        "`=`: no `(` after the name)")
            elif re.search(r"\b(var|let)\b", src):
                kind = "computed property (no lizard unit)"
            else:
                kind = "a function lizard lost"
            if rel in partial:
                kind += ", in a file debtscan parsed in part"
            only_ours[kind].append(f"{where} ({src[:60]!r})")
    differ.sort(key=lambda d: d.split("]")[0])
    ok = finish(f"{repo}: {len(files)} Swift files, {n_ours} debtscan units, {n_lizard} lizard "
                f"functions on the changed text ({raw_functions} on the text as written); "
                f"{compared} matched and compared: {agree} equal as counted, {n_adjusted} "
                f"equal after the adjustments listed below, "
                f"{sum(d.startswith('[cyclomatic') for d in differ)} unexplained",
                "not compared", failed + [f"{p} (not read by debtscan)" for p in unread], differ)
    for what, n in sorted(changes_total.items()):
        print(f"  text changed for lizard, {what}: {n}")
    for cat, rows in sorted(explained.items()):
        print_sample(f"explained, {cat}", rows, SAMPLE)
    for title, groups in (("only debtscan", only_ours), ("only lizard", only_lizard)):
        for cat, rows in sorted(groups.items()):
            print_sample(f"{title}, {cat}", rows, SAMPLE)
    return ok


# ---------------------------------------------------------------------------------- imports

ATTRIBUTE = r"@[\w.]+(?:\((?:[^()]|\([^()]*\))*\))?"
MODIFIER = (r"(?:public|private|fileprivate|internal|open|package|final|static|class(?=\s+"
            r"(?:func|var|let))|indirect|nonisolated|dynamic|lazy|weak|unowned|override|"
            r"convenience|required|mutating|nonmutating|prefix|postfix|infix|distributed|"
            r"(?:public|private|fileprivate|internal|open|package)\(set\))")
DECLARATION = re.compile(
    r"(?:(?:" + ATTRIBUTE + r"|" + MODIFIER + r")\s+)*"
    r"(class|struct|enum|actor|protocol|typealias|func|let|var|extension)\s+`?(\w+)`?")
IMPORT = re.compile(r"^[ \t]*((?:" + ATTRIBUTE + r"\s+)*)(?:(?:public|private|fileprivate|"
                    r"internal|package)\s+)?import\s+(?:(?:typealias|struct|class|enum|"
                    r"protocol|let|var|func)\s+)?([\w.]+)", re.M)


DECLARED_NAME = re.compile(r"(?<![\w.])(?:struct|class|enum|actor|protocol|typealias|"
                           r"associatedtype|func|let|var|case)\s+`?(\w+)(?!`?\s*\.)")


def masked(text, toks):
    """The code text: comment and string-text tokens blanked (newlines kept)."""
    chars = list(text)
    for t, v, _, start in toks:
        if is_comment(t) or is_string(t):
            for i in range(start, start + len(v)):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def top_level(code):
    """The code at brace depth 0 (deeper text blanked, newlines kept)."""
    out, depth = [], 0
    for c in code:
        if c == "}":
            depth -= 1
        out.append(c if depth <= 0 or c == "\n" else " ")
        if c == "{":
            depth += 1
    return "".join(out)


class Reading:
    """The regular-expression reading of one file (module docstring): `imports` [(module,
    re-exported, line)], `declares` (its top-level names), `private` (those declared `private`
    or `fileprivate`: no other file sees them), `body` (the code text without the import lines
    and the names declarations introduce) and `used` (the names it uses)."""

    def __init__(self, text):
        code = masked(text, tokens(text))
        self.imports = [(m.group(2).split(".")[0], "@_exported" in m.group(1),
                         code.count("\n", 0, m.start()) + 1) for m in IMPORT.finditer(code)]
        self.declares, self.private = set(), set()
        for line in top_level(code).split("\n"):
            m = DECLARATION.match(line.strip())
            if m and m.group(1) != "extension":
                self.declares.add(m.group(2))
                if re.search(r"\b(private|fileprivate)\b(?!\s*\(set\))", line[:m.start(1) + len(
                        line) - len(line.lstrip())]):
                    self.private.add(m.group(2))
        # The names declarations introduce (`struct Options`, `func run(`, `case A`) are no use.
        self.body = DECLARED_NAME.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)] + " " * len(
            m.group(1)), IMPORT.sub("", code))
        words = set(re.findall(r"(?<![\w.$\\])(_*[A-Z]\w*)", self.body))
        calls = set(re.findall(r"(?<![\w.$\\])([A-Za-z_]\w*)\s*\(", self.body))
        self.used = words | calls


def module_targets(repo, files):
    """(directory, module) of the targets of every Package.swift (module docstring)."""
    out = []
    for manifest in tracked_files(repo, "Package.swift", "**/Package.swift"):
        text = read(repo, manifest)
        code = masked(text, tokens(text))
        root = os.path.dirname(manifest)
        for m in re.finditer(r"\.(target|testTarget|executableTarget|macro|plugin|systemLibrary|"
                             r"binaryTarget)\s*\(", code):
            # The call's own arguments: up to its closing parenthesis, nested calls skipped.
            depth, i, own = 1, m.end(), []
            while i < len(code) and depth:
                c = code[i]
                depth += c in "([{"
                depth -= c in ")]}"
                own.append(c if depth == 1 or c in ")]}" and depth == 1 else " ")
                i += 1
            span = text[m.end():i]
            mask = "".join(own)
            name = path = None
            for a in re.finditer(r"\b(name|path)\s*:\s*\"([^\"\\]*)\"", span):
                if mask[a.start()] == " ":  # inside a nested call (`.product(name: …)`)
                    continue
                if a.group(1) == "name" and name is None:
                    name = a.group(2)
                elif a.group(1) == "path" and path is None:
                    path = a.group(2)
            if not name:
                continue
            if path is not None:
                d = os.path.normpath(os.path.join(root, path.strip("/").removeprefix("./")))
                d = "" if d == "." else d
            else:
                # SwiftPM's predefined directories (predefinedSourceDirectories, …Test…,
                # …Plugin…): a plugin's sources are under `Plugins/`.
                parents = ["Sources", "Source", "src", "srcs"]
                if m.group(1) == "testTarget":
                    parents.insert(0, "Tests")
                elif m.group(1) == "plugin":
                    parents = ["Plugins"]
                cands = [os.path.join(root, p, name) for p in parents]
                d = next((c for c in cands if any(f.startswith(c + "/") for f in files)),
                         cands[0])
            out.append((d, name))
    return out


def module_of(path, targets):
    holding = [(d, m) for d, m in targets if d == "" or path.startswith(d + "/")]
    if holding:
        return max(holding, key=lambda dm: len(dm[0]))[1]
    dirs = path.split("/")[:-1]
    for a, b in zip(dirs, dirs[1:]):
        if a in ("Sources", "Tests"):
            return b
    return dirs[0] if dirs else ""


BINARY_BEFORE = re.compile(r"(?:[-+*/%<>=!&|^~?]=?|&&|\|\||\?\?|\.\.[.<])\s*$")


def name_use(body, name):
    """How the code BODY writes NAME: the set of forms (module docstring)."""
    forms = set()
    for m in re.finditer(r"(?<![\w.$])" + re.escape(name) + r"(?!\w)", body):
        before = body[max(0, m.start() - 12):m.start()]
        after = body[m.end():m.end() + 3]
        if before.endswith("\\"):
            forms.add("key-path")
        elif re.match(r"\s*\(", after) and re.search(r"(^|[\s(\[{,=:])[-!~]$", before):
            forms.add("call after a prefix operator")
        elif re.match(r"\s*\(", after) and BINARY_BEFORE.search(before) and \
                not re.search(r"(->|[(,:\[=]|\breturn)\s*$", before):
            forms.add("call right of a binary operator")
        elif re.match(r"\s*[(.]|\?\.|!\.|<", after) or before.endswith("@"):
            forms.add("type/call/receiver")
        elif name.lstrip("_")[:1].isupper() and re.search(
                r"(:|->|\bis|\bas[?!]?|<|\[|\bsome|\bany|&|\bextension|\bwhere)\s*$", before):
            forms.add("type/call/receiver")
        elif name.lstrip("_")[:1].isupper() and re.match(r"\s*[?!\]>]", after):
            forms.add("type/call/receiver")
        elif not name.lstrip("_")[:1].isupper():
            forms.add("lowercase-value")
        else:
            forms.add("bare-value")
    return forms


def imports(repo):
    files, unread, _, partial = files_of(repo)
    keep = set(files)
    report = debtscan(["graph", repo, "--no-cache", "--no-history", "--include-test-edges",
                       "--languages", "swift"])
    facts = {f: Reading(read(repo, f)) for f in files}
    targets = module_targets(repo, files)
    module = {f: module_of(f, targets) for f in files}
    known = set(module.values()) | {m for _, m in targets}
    exports = defaultdict(set)
    for f, r in facts.items():
        for mod, exported, _ in r.imports:
            if exported:
                exports[module[f]].add(mod)
    declared = defaultdict(set)  # name -> the files declaring it for others to see
    for f, r in facts.items():
        for d in r.declares - r.private:
            declared[d].add(f)
    theirs = defaultdict(set)  # (a, b) -> names
    counts = Counter()
    for f, r in facts.items():
        seen = set()
        for mod, _, _ in r.imports:
            counts["imports"] += 1
            if mod not in known:
                counts[f"imports of a module not in the repository ({mod})"] += 1
                continue
            reach = [mod]
            while reach:
                m = reach.pop()
                if m != module[f] and m not in seen:
                    seen.add(m)
                    reach.extend(exports.get(m, ()))
        for name in r.used:
            if name in r.declares:
                counts["names the file declares itself (not linked)"] += bool(
                    declared[name] - {f})
                continue
            own = {t for t in declared.get(name, ()) if t != f and module[t] == module[f]}
            found = own or {t for t in declared.get(name, ()) if module[t] in seen}
            for t in found:
                theirs[(f, t)].add(name)
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in keep and e["to"] in keep and e["from"] != e["to"]}
    differ, explained = [], defaultdict(list)
    # Each file's module, and the imports of modules outside the repository, against
    # debtscan's nodes and `unresolved` counts.
    their_module = {n["id"]: n.get("module") or "" for n in report["nodes"]}
    module_rows = [f"[module] {f}: debtscan {their_module.get(f)!r}, the oracle {module[f]!r}"
                   for f in files if their_module.get(f) != module[f]]
    outside = Counter({k.split("(")[1].rstrip(")"): v for k, v in counts.items()
                       if k.startswith("imports of a module not in")})
    theirs_unresolved = Counter(report.get("unresolved", {}))
    unresolved_rows = [f"[unresolved] import {m}: debtscan {theirs_unresolved[m]}, the oracle "
                       f"{outside[m]}" for m in sorted(set(outside) | set(theirs_unresolved))
                       if outside[m] != theirs_unresolved[m]]
    differ.extend(module_rows + unresolved_rows)
    moved = "a module debtscan reads otherwise (listed as [module])"
    in_part = ("partial-parse (a file debtscan parsed in part: its declarations or uses in an "
               "ERROR region are lost)")
    for (a, b), names in sorted(theirs.items()):
        if (a, b) in ours:
            continue
        forms = Counter()
        for n in names:
            forms.update(name_use(facts[a].body, n))
        row = f"{a} -> {b} (names {', '.join(sorted(names)[:5])}; forms {dict(forms)})"
        if module[a] != their_module.get(a) or module[b] != their_module.get(b):
            explained[moved].append(row)
        elif a in partial or b in partial:
            explained[in_part].append(row)
        elif forms["type/call/receiver"] or forms["call after a prefix operator"] or \
                forms["call right of a binary operator"]:
            differ.append("only the oracle, " + row)
        elif forms:
            explained[" + ".join(sorted(forms))].append(row)
        else:
            explained["other"].append(row)
    rest = sorted(ours - set(theirs))
    cats = defaultdict(list)
    for a, b in rest:
        words = set(re.findall(r"\w+", facts[a].body))
        shared = facts[b].declares & words
        if module[a] != their_module.get(a) or module[b] != their_module.get(b):
            cats[moved].append(f"{a} -> {b}")
        elif shared and shared <= facts[b].private:
            cats["names the target declares `private`/`fileprivate` (visible in its own file "
                 "alone; debtscan links them)"].append(
                f"{a} -> {b} ({', '.join(sorted(shared)[:4])})")
        elif a in partial or b in partial:
            cats[in_part].append(f"{a} -> {b}")
        elif module[a] != module[b] and module[b] not in {m for m, _, _ in facts[a].imports}:
            cats["across modules without an import"].append(f"{a} -> {b}")
        elif shared:
            cats["a name the target declares, in a form the oracle does not count as used "
                 "(a lowercase value, a name after `.`)"].append(
                f"{a} -> {b} ({', '.join(sorted(shared)[:4])})")
        else:
            cats["no word of the source is declared by the target (to the oracle)"].append(
                f"{a} -> {b}")
    by_module = Counter(module.values())
    ok = finish(f"{repo}: {len(files)} Swift files read in {len(by_module)} modules "
                f"({', '.join(f'{m or repr(m)} {n}' for m, n in sorted(by_module.items()))}; "
                f"the module of {len(files) - len(module_rows)} files as debtscan's), "
                f"{counts['imports']} imports (those of "
                f"{len(set(outside) | set(theirs_unresolved)) - len(unresolved_rows)} modules "
                f"outside the repository counted as debtscan's `unresolved`), {len(theirs)} "
                f"file edges from the oracle, {len(ours)} debtscan file edges, "
                f"{len(ours & set(theirs))} of the oracle's among them; "
                f"{sum(map(len, explained.values()))} oracle edges explained, {len(rest)} "
                "debtscan edges the oracle does not find",
                "not read by debtscan, not compared", unread, differ)
    for what, n in sorted(counts.items()):
        if what != "imports":
            print(f"  {what}: {n}")
    for cat, rows in sorted(explained.items()):
        print_sample(f"explained, only the oracle, {cat}", rows, SAMPLE)
    rnd = random.Random(0)
    for cat, rows in sorted(cats.items()):
        print(f"  only debtscan, {cat}: {len(rows)}")
        for row in sorted(rnd.sample(rows, min(SAMPLE, len(rows)))):
            print(f"    {row}")
    return ok


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](sys.argv[2])
    sys.exit(0 if ok else 1)
