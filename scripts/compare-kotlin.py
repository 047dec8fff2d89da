#!/usr/bin/env python3
r'''Checks debtscan's Kotlin support against readers that share nothing with tree-sitter.

  scripts/compare-kotlin.py markers REPO      markers and lines of code against Pygments
  scripts/compare-kotlin.py complexity REPO   cyclomatic complexity against lizard
  scripts/compare-kotlin.py imports REPO      import edges against a regular-expression reading

Files: the `.kt` and `.kts` files debtscan read (`debtscan functions REPO --languages kotlin`).
Tracked `.kt`/`.kts` files it did not read are listed and not compared. No Kotlin compiler is
used: the tokens are Pygments' KotlinLexer (`get_lexer_by_name('kotlin', stripnl=False,
ensurenl=False)`: the defaults shift line numbers).

Nested comments: Kotlin's block comments nest (`/* a /* b */ c */` is one comment), Pygments
ends one at the first `*/` and reads ` c */` as code. The script merges: from a
`Comment.Multiline` token that opens more `/*` than it closes, the source is scanned on with a
nesting count to the `*/` that closes the outermost one; the tokens up to there become part of
the comment (a token straddling that end keeps its rest, its type unchanged). The number of
merged comments is printed.

markers: comments are the `Comment.Single` and `Comment.Multiline` tokens (KDoc included),
merged as above; a `#!` line 1 (a script's shebang, which Pygments also calls a comment) is
neither a comment nor a marker here, and it is code (debtscan agrees). As in compare-java.py:
  - every `todo` item debtscan reports in a Kotlin file (also the places in `related`) must
    start on a line where Pygments has a comment whose text on that line holds the tag (any
    case, a whole word);
  - every comment line that starts with a tag of `[markers.tags]` must be a marker of
    debtscan's (README "Markers"; common.py's UPPER_START and ANY_CASE_START): a `//`
    comment's text after its slashes, each line of a `/* */` comment (delimiters and a KDoc
    line's leading `*` stripped). Lines under `debtscan:ignore` are not compared;
  - each file's `code_lines` (`debtscan functions`) must equal the number of lines where a
    Pygments token other than a comment holds a non-whitespace character (string contents,
    raw strings and template holes are code).
A difference in a file debtscan reports as parsed in part (`partial_files`, `syntax-errors`:
tree-sitter-kotlin-ng 1.1 turns some valid code into an ERROR region and loses the comments
inside it, README "Markers") is explained as `partial-parse` when it is a missing marker or a
code_lines count debtscan has higher than Pygments (a lost comment line is counted as code
by debtscan only if it shares its line with code, else simply lost; so the count of lines
debtscan lacks a comment for is printed per file); every other difference is listed.

complexity: lizard 1.24.3 (`import lizard`; lizard_languages/kotlin.py: KotlinReader, its own
tokenizer on golike.py's state machine) against debtscan's cyclomatic (header of
queries/kotlin/complexity.scm): 1 + `if` + `for` + `while` + `do … while` + each `when` entry
with conditions + `catch` + `&&` + `||` + `?:`. lizard's condition tokens are exactly `if for
while catch && || ?:` (`_control_flow_keywords`, `_logical_operators`, `_ternary_operators`;
`_case_keywords` is empty), and, in its KotlinStates, each `->` read directly inside the braces
of a `when` adds 1 and the closing brace of the `when` subtracts 1 (lizard assumes an `else`).
So `do … while` counts to both (lizard counts its `while`), and a `when` with an `else ->`
counts its other entries to both.
lizard's state machine has three blind spots on ordinary Kotlin; the text handed to lizard is
changed in place (same length, same lines; the numbers are printed) to get past them:
  - a function with a receiver, `fun Buffer.read(…)`, `fun <T> List<T>.f(…)`: lizard takes
    the receiver's first word for the name, sees no `(` after it and drops the function (its
    conditions go to the function around it, or `*global*`): the receiver (`Buffer.`) is
    blanked;
  - any `->` outside a `when` block (a lambda's `{ x -> …}`, a function type `(A) -> B` in a
    body) starts an `(anonymous)` function whose body is the next `{`, and swallows the
    lambda's closing `}`: every `->` that is not directly inside a `when` block's braces is
    blanked (a lambda's conditions stay in its function, as for debtscan below 20 lines);
  - a word `get`/`set` anywhere (`map.get(k)`, `import …dsl.get`, a bare `get("x")`) starts
    an accessor function: a `get`/`set` that is not the first word of its line after
    modifiers and annotations (`private set`, `get() = …`) is blanked.
Functions are matched by name (debtscan's last `.` segment; lizard's name) with lizard's first
line inside debtscan's lines (lizard starts at `fun`, after annotations and KDoc; it ends an
expression body at the next declaration, so its last line is not compared). Differences of
definition, applied per function to lizard's count (equal after them: explained, under the
names of the adjustments that applied):
  - `when-no-else`: +1 for each `when` block in the function without an `else ->` entry
    (lizard subtracts the `else` it assumes; debtscan counts each entry with conditions);
  - `large-lambdas`, `nested-units`: debtscan makes a lambda or anonymous function of
    `closure_lines` (20) lines or more a unit of its own (`f.{closure#N}`), and a local `fun`
    lizard has no function for: lizard = debtscan(f) + the sum of (debtscan(u) - 1) over them;
  - `lizard-tokenizer`: per line, lizard's condition tokens minus Pygments' (`if for while
    catch` keywords, `&&`, `||`, `?:` outside comments and string text; a template hole's
    code is code): lizard reads a string with a template (`"${if (a) b else c}"`) as one
    token, and its `\w+\?` token eats the `?` of `x?:y` written without spaces.
Units only debtscan has (`init` blocks, secondary constructors, getters and setters lizard
does not start, lambdas outside every function, functions lizard lost) and functions only
lizard has are counted by kind, with a sample; a pair that differs after the adjustments is
listed as unexplained.

imports: a second reading with regular expressions over the code text (Pygments' comment and
string tokens blanked, template holes kept): `package a.b`, `import a.b.C`, `import a.b.*`,
`import a.b.c as d`, and the top-level declarations, a line at column 0 (after annotations and
modifiers such as `expect`, `actual`, `internal`, `data`, `enum`, `sealed`, `value`, `fun`
before `interface`, `const`, `inline`) declaring a `class`, `interface`, `object`, `fun` (its
name after a receiver, `fun <T> Buffer.name`), `val`/`var` (also an extension property) or
`typealias`. They are resolved by src/graph/java.rs's documented rules, written here again:
  - an exact or aliased import: to the files declaring the longest prefix of its path that is
    a declared `package.name` (every file declaring it: `expect`/`actual` pairs, overloads);
  - a wildcard import `a.b.*`: to the files of package `a.b` declaring a name the file uses;
  - a capitalised name used in the code (a word of the code text outside the `package`/
    `import` lines and not after a `.`), declared by another file of the file's own package;
    a name the file declares itself is its own (not linked; counted). A bare call `name(` (or
    `name {`) of a lowercase top-level function of the package is an edge too, but one
    debtscan lacks is explained as `lowercase-call` (it may be a member or a local function).
A name is "used" when it is such a word; debtscan's names are narrower (a type, a bare call,
a capitalised receiver of `.`), so an oracle edge debtscan lacks is put in a category by how
the source writes the name: `type/call/receiver` (debtscan should have it: unexplained),
`bare-value` (`x = Empty`, `return Companion`, an argument `f(SegmentPool)`: a capitalised
object or property read as a value), `reference` (`::name`, `Name::f`), `annotation-arg`,
`other`. Every oracle edge must be one of debtscan's (`graph --format json --no-history
--include-test-edges --languages kotlin`, file edges of any kind); only the `type/call/receiver`
ones and exact imports count as unexplained. debtscan's other edges are counted with a sample
and what makes them (a fully qualified name in the code, a name in a comment-free word the
oracle did not count…).

Needs: Pygments (2.20 checked), lizard 1.24.3 (`pip install lizard==1.24.3`); debtscan from
$DEBTSCAN (default target/release/debtscan). Exit status 0 when everything agrees or every
difference is explained, 1 otherwise (the differences are listed).
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
    with open(os.path.join(repo, rel), encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def files_of(repo):
    """The Kotlin files debtscan read, the tracked ones it did not, its functions report."""
    report = debtscan(["functions", repo, "--no-cache", "--languages", "kotlin"])
    read_ = sorted(f["path"] for f in report["files"])
    unread = [p for p in tracked_files(repo, "*.kt", "*.kts") if p not in set(read_)]
    partial = {p for s in report.get("partial_files", []) for p in s.get("sample", [])}
    return read_, unread, report, partial


def is_comment(ttype):
    from pygments.token import Comment

    return ttype in Comment


def is_string(ttype):
    from pygments.token import String

    return ttype in String and ttype not in String.Interpol


STATS = Counter()


def tokens(text):
    """Pygments' (type, value, first line, offset) of every token of a Kotlin file, nested
    block comments merged (module docstring)."""
    from pygments.lexers import get_lexer_by_name
    from pygments.token import Comment

    lexer = get_lexer_by_name("kotlin", stripnl=False, ensurenl=False)
    raw, pos = [], 0
    for ttype, value in lexer.get_tokens(text):
        raw.append([ttype, value, pos])
        pos += len(value)
    out, k = [], 0
    while k < len(raw):
        ttype, value, start = raw[k]
        if ttype in Comment.Multiline and value.startswith("/*") and \
                value.count("/*") > value.count("*/"):
            # Scan the source with a nesting count.
            depth, i = 0, start
            while i < len(text):
                if text.startswith("/*", i):
                    depth, i = depth + 1, i + 2
                elif text.startswith("*/", i):
                    depth, i = depth - 1, i + 2
                    if depth == 0:
                        break
                else:
                    i += 1
            end = i
            STATS["nested comments merged"] += 1
            out.append([ttype, text[start:end], start])
            k += 1
            while k < len(raw) and raw[k][2] < end:
                t, v, s = raw[k]
                if s + len(v) > end:
                    out.append([t, v[end - s:], end])
                k += 1
            continue
        out.append([ttype, value, start])
        k += 1
    line, res = 1, []
    for ttype, value, start in out:
        res.append((ttype, value, line, start))
        line += value.count("\n")
    return res


# ---------------------------------------------------------------------------------- markers


def markers(repo):
    files, unread, functions, partial = files_of(repo)
    keep = set(files)
    report = debtscan(["todos", repo, "--no-history", "--no-cache", "--languages", "kotlin"])
    ours = todo_tags(report, lambda path: path in keep)
    measured = {f["path"]: f["code_lines"] for f in functions["files"]}
    differ, explained = [], defaultdict(list)
    comments, tagged, comment_only, code_agree = 0, 0, 0, 0
    for rel in files:
        text = read(repo, rel)
        by_line, ignored, code, commented = defaultdict(list), set(), set(), set()
        for ttype, value, line, _ in tokens(text):
            if is_comment(ttype) and not (line == 1 and value.startswith("#!")):
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
        why = "partial-parse (debtscan: syntax errors in the file; comments in ERROR regions are lost)"
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
    ok = finish(f"{repo}: {len(files)} Kotlin files lexed by Pygments, {comments} comments "
                f"({STATS['nested comments merged']} nested block comments merged; "
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

LIZARD_CONDITIONS = {"if", "for", "while", "catch", "&&", "||", "?:"}


def significant(toks):
    """The code tokens (no comment, no whitespace-only token), strings included. Pygments
    gives each operator character its own token: adjacent ones that make `&&`, `||`, `->`,
    `?:` or `::` are joined."""
    from pygments.token import Operator

    out = []
    for t in toks:
        if is_comment(t[0]) or not t[1].strip():
            continue
        if out and t[0] in Operator and out[-1][0] in Operator and \
                out[-1][3] + len(out[-1][1]) == t[3] and out[-1][1] + t[1] in JOINED:
            out[-1] = (t[0], out[-1][1] + t[1], out[-1][2], out[-1][3])
            continue
        out.append(t)
    return out


JOINED = {"&&", "||", "->", "?:", "::"}


def when_blocks(code):
    """Each `when` block of the code tokens: (line of `when`, whether it has an `else ->`
    entry, index of its `{`, index of its `}`); and the indexes of the `{` of when blocks."""
    blocks, opens = [], set()
    k = 0
    while k < len(code):
        t, v = code[k][0], code[k][1]
        if v == "when" and not is_string(t):
            j, depth = k + 1, 0
            # The subject in parentheses, then `{`.
            while j < len(code):
                if code[j][1] == "(":
                    depth += 1
                elif code[j][1] == ")":
                    depth -= 1
                elif code[j][1] == "{" and depth == 0:
                    break
                j += 1
            if j >= len(code):
                break
            depth, i, has_else = 0, j, False
            while i < len(code):
                v2 = code[i][1]
                if v2 in ("{", "${"):
                    depth += 1
                elif v2 == "}":
                    depth -= 1
                    if depth == 0:
                        break
                elif depth == 1 and v2 == "else" and i + 1 < len(code) and \
                        code[i + 1][1] == "->":
                    has_else = True
                i += 1
            blocks.append((code[k][2], has_else, j, i))
            opens.add(j)
        k += 1
    return blocks, opens


def lizard_text(text, toks):
    """The text handed to lizard (module docstring: receivers, arrows outside `when` blocks and
    `.get`/`.set` blanked); the counts of each change."""
    chars = list(text)
    changes = Counter()
    code = significant(toks)
    _, when_opens = when_blocks(code)

    def blank(tok):
        for i in range(tok[3], tok[3] + len(tok[1])):
            if chars[i] != "\n":
                chars[i] = " "

    # Brace stack: is the innermost open `{` a when block's, with no `(` / `[` open since?
    stack = []
    for k, tok in enumerate(code):
        t, v = tok[0], tok[1]
        if is_string(t):
            continue
        if v in ("{", "${"):
            stack.append("when" if k in when_opens else "{")
        elif v in ("(", "["):
            stack.append(v)
        elif v in ("}", ")", "]"):
            if stack:
                stack.pop()
        elif v == "->":
            if not stack or stack[-1] != "when":
                blank(tok)
                changes["`->` outside a when block"] += 1
        elif v == "fun":
            # fun [<T…>] Receiver[<…>][?]. name (
            j = k + 1
            if j < len(code) and code[j][1] == "<":
                depth = 0
                while j < len(code):
                    depth += {"<": 1, ">": -1}.get(code[j][1], 0)
                    j += 1
                    if depth == 0:
                        break
            start, depth, last_dot = j, 0, None
            while j < len(code) and code[j][1] not in ("(", "=", "{", "\n"):
                v2 = code[j][1]
                depth += {"<": 1, ">": -1}.get(v2, 0)
                if v2 == "." and depth == 0:
                    last_dot = j
                if v2 in ("fun", "val", "var", "class", "}"):
                    break
                j += 1
            if last_dot is not None and code[start][2] == code[last_dot][2]:
                for i in range(code[start][3], code[last_dot][3] + 1):
                    if chars[i] != "\n":
                        chars[i] = " "
                changes["a receiver `Type.` of `fun Type.name`"] += 1
    # `get`/`set` that is not an accessor: not the first word of its line after modifiers.
    code_text = masked(text, toks)
    for m in re.finditer(r"(?<![\w$`])(get|set)(?![\w$`])", code_text):
        head = code_text[code_text.rfind("\n", 0, m.start()) + 1:m.start()]
        if not ACCESSOR_HEAD.match(head):
            for i in range(m.start(), m.end()):
                chars[i] = " "
            changes["a `get`/`set` that is no accessor (`map.get(k)`, an import)"] += 1
    return "".join(chars), changes


ACCESSOR_HEAD = re.compile(r"^\s*((private|protected|internal|public|override|open|final|"
                           r"inline|external|@[\w.:]+(\([^)]*\))?)\s+)*$")


def condition_tokens_by_line(toks):
    """Pygments' conditions (lizard's token set) by line, outside comments and string text."""
    out = defaultdict(Counter)
    for t, v, line, _ in significant(toks):
        if is_comment(t) or is_string(t):
            continue
        if v in ("if", "for", "while", "catch", "&&", "||", "?:"):
            out[line][v] += 1
        elif v.endswith("?:"):  # Pygments' `x?:` (a name and the elvis written together)
            out[line]["?:"] += 1
    return out


def lizard_units(code):
    import lizard
    from lizard_languages.kotlin import KotlinReader

    info = lizard.analyze_file.analyze_source_code("x.kt", code)
    by_line, line = defaultdict(Counter), 1
    for t in KotlinReader.generate_tokens(code):
        if t in LIZARD_CONDITIONS:
            by_line[line][t] += 1
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
            raw_functions += len(lizard.analyze_file.analyze_source_code("x.kt", text)
                                 .function_list)
            changed, changes = lizard_text(text, toks)
            theirs, liz_by_line = lizard_units(changed)
        except Exception as e:  # lizard's own failure: the file is not compared
            failed.append(f"{rel} ({type(e).__name__}: {e})")
            continue
        changes_total.update(changes)
        pyg_by_line = condition_tokens_by_line(toks)
        blocks, _ = when_blocks(significant(toks))
        lines = text.replace("\r\n", "\n").split("\n")
        mine = ours.get(rel, [])
        n_ours += len(mine)
        theirs = [fn for fn in theirs if fn.name != "*global*"]
        n_lizard += len(theirs)
        matched, pairs = set(), []
        for fn in theirs:
            if fn.name in ("get", "set"):  # debtscan names an accessor by its property
                cands = [u for u in mine if id(u) not in matched and
                         u["start_line"] == fn.start_line and "{closure#" not in u["symbol"]]
            else:
                cands = [u for u in mine if id(u) not in matched and
                         u["start_line"] <= fn.start_line <= u["end_line"] and
                         last_name(u["symbol"]) == fn.name.split(".")[-1].split("::")[-1]]
            if cands:
                u = max(cands, key=lambda u: u["start_line"])  # the innermost
                matched.add(id(u))
                pairs.append((fn, u))
            else:
                src = lines[fn.start_line - 1].strip() if fn.start_line <= len(lines) else ""
                bodiless = not re.search(r"[{=]", src.split("//")[0]) or \
                    re.match(r"(\w+\s+)*(private\s+|internal\s+)?set$", src)
                only_lizard["no body (`expect fun`, abstract, interface, `private set`)"
                            if bodiless else fn.name if fn.name in ("get", "set", "(anonymous)")
                            else "a named function"].append(
                    f"{rel}:{fn.start_line} {fn.name} = {fn.cyclomatic_complexity} ({src[:60]!r})")
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
            lam = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" in v["symbol"])
            nested = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" not in v["symbol"])
            for v in folded:
                if "{closure#" in v["symbol"] and v["end_line"] - v["start_line"] + 1 < large \
                        and any(inside(v, w) for w in mine if "{closure#" not in w["symbol"]):
                    differ.append(f"[lambda unit under closure_lines] {rel}:{v['start_line']}-"
                                  f"{v['end_line']} {v['symbol']}")
            body = [ln for ln in range(u["start_line"], u["end_line"] + 1) if ln not in apart]
            no_else = sum(1 for line, has_else, _, _ in blocks
                          if line in body and not has_else)
            tokenizer = 0
            for ln in body:
                a, b = liz_by_line.get(ln, Counter()), pyg_by_line.get(ln, Counter())
                tokenizer += sum(a[c] - b[c] for c in LIZARD_CONDITIONS)
            adj = [("large-lambdas", lam), ("nested-units", nested),
                   ("when-no-else", -no_else), ("lizard-tokenizer", tokenizer)]
            raw = fn.cyclomatic_complexity
            nonzero = [(n, a) for n, a in adj if a]
            want = raw - sum(a for _, a in nonzero)
            note = ", ".join(f"{n} {a:+d}" for n, a in nonzero)
            if u["cyclomatic"] == raw and not nonzero:
                agree += 1
            elif u["cyclomatic"] == want:
                n_adjusted += 1
                explained[" + ".join(n for n, _ in nonzero)].append(f"{what} ({note})")
            else:
                differ.append(f"[cyclomatic] {what}, lizard adjusted {want}"
                              + (f" (adjustments: {note})" if note else ""))
        for u in mine:
            if id(u) in matched:
                continue
            src = lines[u["start_line"] - 1].strip() if u["start_line"] <= len(lines) else ""
            where = f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']} = {u['cyclomatic']}"
            if "{closure#" in u["symbol"]:
                kind = "a lambda outside every compared function" + (
                    " (inside a function lizard lost)" if any(inside(u, w) for w in mine
                                                             if id(w) not in matched) else "")
            elif u["symbol"].endswith(".init") or re.match(r"(\w+\s+)*init\b", src):
                kind = "`init` block (no lizard unit)"
            elif re.search(r"\bconstructor\b", src):
                kind = "secondary constructor (no lizard unit)"
            elif re.match(r"((private|internal|public|protected|override|inline)\s+)*"
                          r"(get|set)\b", src):
                kind = "getter/setter"
            else:
                kind = "a function lizard lost"
            only_ours[kind].append(f"{where} ({src[:60]!r})")
    differ.sort(key=lambda d: d.split("]")[0])
    ok = finish(f"{repo}: {len(files)} Kotlin files, {n_ours} debtscan units, {n_lizard} lizard "
                f"functions on the changed text ({raw_functions} on the text as written); "
                f"{compared} matched and compared: {agree} equal as counted, {n_adjusted} "
                f"equal after the adjustments listed below, "
                f"{sum(d.startswith('[cyclomatic') for d in differ)} unexplained",
                "not compared", failed + [f"{p} (not read by debtscan)" for p in unread], differ)
    for what, n in sorted(changes_total.items()):
        print(f"  text changed for lizard, {what}: {n}")
    for cat, rows in sorted(explained.items()):
        print_sample(f"explained, {cat}", rows)
    for title, groups in (("only debtscan", only_ours), ("only lizard", only_lizard)):
        for cat, rows in sorted(groups.items()):
            print(f"  {title}, {cat}: {len(rows)}")
            for row in rows[:4]:
                print(f"    {row}")
    return ok


# ---------------------------------------------------------------------------------- imports

MODIFIERS = (r"(?:(?:public|private|internal|protected|expect|actual|abstract|open|final|"
             r"sealed|data|enum|annotation|value|inline|const|external|suspend|tailrec|"
             r"operator|infix|inner|lateinit|override|noinline|crossinline|fun(?=\s+interface))"
             r"\s+|@[\w.:]+(?:\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\))?\s+)*")
DECLARATION = re.compile(
    r"^" + MODIFIERS + r"(?:(class|interface|object|typealias)\s+`?(\w+)"
    r"|fun\s+(?:<[^>\n]*(?:<[^>\n]*>[^>\n]*)*>\s*)?((?:[\w.<>?,*\s()]+?)\.)?`?(\w+)`?\s*[(<]"
    r"|(?:val|var)\s+(?:<[^>\n]*>\s*)?((?:[\w.<>?,*]+)\.)?`?(\w+)`?)", re.M)


def masked(text, toks):
    """The code text: comment and string-text tokens blanked (newlines kept)."""
    chars = list(text)
    for t, v, _, start in toks:
        if is_comment(t) or is_string(t):
            for i in range(start, start + len(v)):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def reading(text):
    toks = tokens(text)
    code = masked(text, toks)
    m = re.search(r"^\s*package\s+([\w.`]+)", code, re.M)
    package = m.group(1).replace("`", "") if m else ""
    imports = []
    for m in re.finditer(r"^\s*import\s+([\w.`]+?)(\.\*)?(?:\s+as\s+(\w+))?\s*;?\s*$", code, re.M):
        imports.append((m.group(1).replace("`", ""), bool(m.group(2)), m.group(3),
                        code.count("\n", 0, m.start()) + 1))
    declares = set()
    for m in DECLARATION.finditer(code):
        name = m.group(2) or m.group(4) or m.group(6)
        if name:
            declares.add(name)
    body = re.sub(r"^\s*(package|import)\b.*$", "", code, flags=re.M)
    return package, imports, declares, body


def name_use(body, name):
    """How the code BODY writes NAME: the set of forms (module docstring)."""
    forms = set()
    for m in re.finditer(r"(?<![\w.$])" + re.escape(name) + r"(?!\w)", body):
        before = body[max(0, m.start() - 2):m.start()]
        after = body[m.end():m.end() + 3]
        if before.endswith("::") or after.startswith("::"):
            forms.add("reference")
        elif before.endswith("@"):
            forms.add("type/call/receiver")  # an annotation: a constructor_invocation's type
        elif re.match(r"\s*[(.{<]|\?\.", after) or re.match(r"\s*[(.{]", after):
            forms.add("type/call/receiver")
        elif re.search(r"(:|\bis|\bas\??|<|,\s*)\s*$", body[max(0, m.start() - 6):m.start()]):
            forms.add("type/call/receiver")
        else:
            forms.add("bare-value")
    return forms


def imports(repo):
    files, unread, _, partial = files_of(repo)
    keep = set(files)
    report = debtscan(["graph", repo, "--no-cache", "--no-history", "--include-test-edges",
                       "--languages", "kotlin"])
    facts = {f: reading(read(repo, f)) for f in files}
    declared = defaultdict(set)  # package.name -> files
    by_package = defaultdict(list)
    for f, (pkg, _, decl, _) in facts.items():
        by_package[pkg].append(f)
        for d in decl:
            declared[f"{pkg}.{d}" if pkg else d].add(f)

    def owner(path):
        while path:
            if path in declared:
                return declared[path]
            if "." not in path:
                return set()
            path = path.rsplit(".", 1)[0]
        return set()

    theirs = defaultdict(set)  # (a, b) -> how
    counts = Counter()
    words_of = {}
    for f, (pkg, imps, decl, body) in facts.items():
        words = set(re.findall(r"(?<![\w.$])([A-Za-z_]\w*)", body))
        words_of[f] = words
        for path, wildcard, alias, line in imps:
            counts["imports"] += 1
            if wildcard:
                if path not in by_package:
                    counts["wildcard, a package of no file"] += 1
                    continue
                found = {t for t in by_package[path] if facts[t][2] & words}
                counts["wildcard"] += 1
                for t in found:
                    theirs[(f, t)].add(f"wildcard {path}.*")
                continue
            found = owner(path)
            counts["exact or alias, " + ("resolved" if found else "no file declares it")] += 1
            for t in found:
                theirs[(f, t)].add("import " + path + (f" as {alias}" if alias else ""))
        for t in by_package[pkg]:
            if t == f:
                continue
            # A name the file declares itself names its own declaration.
            cap = {n for n in facts[t][2] - decl if n[0].isupper()} & words
            calls = {n for n in facts[t][2] - cap - decl if re.search(
                r"(?<![\w.$])" + re.escape(n) + r"\s*[({]", body)}
            counts["same package, a name the file declares itself (not linked)"] += bool(
                facts[t][2] & decl & words)
            if cap:
                theirs[(f, t)].add("same package " + ", ".join(sorted(cap)[:4]))
            elif calls:
                theirs[(f, t)].add("lowercase call " + ", ".join(sorted(calls)[:4]))
    theirs = {k: v for k, v in theirs.items() if k[0] != k[1]}
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in keep and e["to"] in keep}
    differ, explained = [], defaultdict(list)
    for (a, b), how in sorted(theirs.items()):
        if (a, b) in ours:
            continue
        if any(h.startswith("import ") for h in how):
            differ.append(f"only the oracle: {a} -> {b} ({'; '.join(sorted(how))})")
            continue
        body = facts[a][3]
        names = (facts[b][2] & words_of[a])
        forms = Counter()
        for n in names:
            forms.update(name_use(body, n))
        row = f"{a} -> {b} ({'; '.join(sorted(how))}; forms {dict(forms)})"
        if all(h.startswith("lowercase call") for h in how):
            explained["lowercase-call (a bare `name(` may be a member or local function)"] \
                .append(row)
        elif forms["type/call/receiver"]:
            differ.append("only the oracle, " + row)
        elif forms:
            explained[" + ".join(sorted(forms))].append(row)
        else:
            explained["other"].append(row)
    rest = sorted(ours - set(theirs))
    cats = defaultdict(list)
    for a, b in rest:
        pkg_b = facts[b][0]
        body = facts[a][3]
        if pkg_b and re.search(re.escape(pkg_b) + r"\.\w", body):
            cats["a fully qualified name in the code"].append(f"{a} -> {b}")
        elif facts[b][2] & words_of[a]:
            cats["a name the target declares, in a form the oracle does not link "
                 "(other package without import, or lowercase not called)"].append(f"{a} -> {b}")
        else:
            cats["no word of the source is declared by the target (to the oracle)"].append(
                f"{a} -> {b}")
    ok = finish(f"{repo}: {len(files)} Kotlin files read, {counts['imports']} imports, "
                f"{len(theirs)} file edges from the oracle, {len(ours)} debtscan file edges, "
                f"{len(ours & set(theirs))} of the oracle's among them; "
                f"{sum(map(len, explained.values()))} oracle edges explained, {len(rest)} "
                "debtscan edges the oracle does not find", "not read by debtscan, not compared",
                unread, differ)
    for what, n in sorted(counts.items()):
        if what != "imports":
            print(f"  imports, {what}: {n}")
    for cat, rows in sorted(explained.items()):
        print(f"  explained, only the oracle, {cat}: {len(rows)}")
        for row in rows[:5]:
            print(f"    {row}")
    rnd = random.Random(0)
    for cat, rows in sorted(cats.items()):
        print(f"  only debtscan, {cat}: {len(rows)}")
        for row in sorted(rnd.sample(rows, min(5, len(rows)))):
            print(f"    {row}")
    return ok


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](sys.argv[2])
    sys.exit(0 if ok else 1)
