#!/usr/bin/env python3
r'''Checks debtscan's PHP support against readers that share nothing with tree-sitter.

  scripts/compare-php.py markers REPO       markers and lines of code against PHP's tokenizer
  scripts/compare-php.py complexity REPO    cyclomatic complexity against lizard
  scripts/compare-php.py imports REPO       class and include edges against a second reading
                                            of PHP's tokens (and composer's PSR-4 map)

Files: the PHP files debtscan read (`debtscan functions REPO --languages php`: `.php`,
`.phtml`, `.php8`, `.php7`, `.php5` and `#!` naming php). Tracked files with such an extension
that it did not read are listed and not compared.

PHP's tokenizer: scripts/oracles/php/read.php, run with the installed `php` (8.2 checked),
gives every token of every file by `token_get_all($code, TOKEN_PARSE)` (PHP's own lexer: it
knows heredocs, nowdocs, `?>` inside a `//` comment, `#[` attributes, interpolation); a file
that the parser rejects is read again without TOKEN_PARSE and reported (compared all the same).

markers: the comments are PHP's `T_COMMENT` (`// …`, `# …`, `/* … */`) and `T_DOC_COMMENT`
(`/** … */`) tokens; `#[…]` is `T_ATTRIBUTE`, code. Then, as compare-ruby.py does:
  - every `todo` item debtscan reports in a PHP file (also the places in `related`) must start
    on a line where PHP has a comment whose text on that line holds the tag (any case, a whole
    word);
  - every comment line that starts with a tag of `[markers.tags]` must be a marker of
    debtscan's (README, "Markers"; common.py's UPPER_START and ANY_CASE_START). A `//` line's
    text is what follows `//`, a `#` line's what follows its leading `#`s; each line of a
    `/* */` or `/** */` comment is one line (delimiters and a line's leading `*` stripped:
    common.py's slash_comment_lines). Lines of a comment holding `debtscan:ignore`, and the
    line after it, are not compared;
  - each file's `code_lines` (`debtscan functions`) must equal the number of lines where a
    token other than `T_COMMENT`, `T_DOC_COMMENT` and `T_WHITESPACE` has a non-whitespace
    character. So the `<?php` / `<?=` line (`T_OPEN_TAG`), a `?>` line (`T_CLOSE_TAG`) and every
    non-blank line of HTML around the PHP (`T_INLINE_HTML`) are code, as debtscan counts them
    (tree-sitter-php's `php_tag`, `text` nodes are no comments; checked on a fixture); a line
    of a string or heredoc holding only whitespace is not. An `<!-- … -->` in the HTML is the
    page's text: code, never a comment, for both.

complexity: lizard 1.24.3 (`import lizard`; lizard_languages/php.py and php_states.py: its own
tokenizer and state machine) against debtscan's cyclomatic (header of
queries/php/complexity.scm): 1 + `if` + `elseif` + `for` + `foreach` + `while` + `do` + each
`case` + each `match` arm with conditions (not `default`) + `catch` + `?:` (also the short
`?:`) + each `&&`, `||`, `and`, `or`, `??`. lizard counts the tokens `if elseif for foreach
while catch match case ? && ||` (PHPReader's `_control_flow_keywords`, `_logical_operators`,
`_case_keywords`, `_ternary_operators`; its tokenizer makes `??`, `??=`, `?->` and an adjacent
`?:` single tokens, which it does not count). Equal by definition: `else if` (lizard's `if`),
`do … while` (lizard counts the `while`, debtscan the `do`), `case`, `catch`, a `? … :`
ternary. Functions are matched by (file, last line): lizard starts a function at the line of
the `(` after `function`, debtscan at the declaration (an attribute or modifier line); of
several candidates the one of the same name (the last `::` part) is taken, and lizard's first
line must lie inside debtscan's unit. Differences of definition, applied to lizard's count,
each counted in lizard's lines of the function from PHP's tokens (a pair equal after them is
explained, under the names of the adjustments applied):
  - `nullable-types`: lizard counts the `?` of a nullable type (`?Foo $x`, `): ?int`, `private
    ?Foo $f`); debtscan does not. A `?` is a type's when the token before it is `(`, `,`, `:`,
    `|`, a modifier, `fn`/`function`'s `(`, or an attribute's `]`;
  - `short-ternary`: `$a ?: $b` with `?` and `:` adjacent is one token to lizard (not
    counted); debtscan counts every `?:` (a `? :` with a space counts to both);
  - `and-or`: debtscan counts `and`, `or` (`T_LOGICAL_AND`, `T_LOGICAL_OR`), lizard does not;
  - `null-coalescing`: debtscan counts `??` (`T_COALESCE`), lizard does not (`??=` counts to
    neither);
  - `match-arms`: lizard counts the `match` keyword once inside a function (its state machine
    counts arms only at the top level, outside every function); debtscan counts each arm with
    conditions: lizard - debtscan = matches - arms (an arm is a `=>` at the depth of the
    match's braces whose arm does not start with `default`);
  - `lizard-tokenizer`: per line, lizard's condition tokens beyond PHP's tokens of the same text
    and meaning (or fewer): lizard reads a nowdoc (`<<<'EOT'`) and a `<<<"EOT"` heredoc as code,
    splits a file at a `?>` inside a string or a `//` comment, takes keywords in upper case
    (`IF`) for names;
  - `large-closures`, `nested-units`: lizard folds every closure, arrow function and the
    methods of an anonymous class (`new class { … }`) into the function around it; debtscan
    makes a closure of `closure_lines` (20) lines or more a unit of its own (`f::{closure#N}`),
    and each such method too. Expected lizard = debtscan(function) + the sum of
    (debtscan(u) - 1) over the units inside it that lizard has no function for.
A by-reference function `function &f()` is named `&` by lizard: compared, listed apart.
Units only debtscan has are explained when they are closures or arrow functions outside every
function (lizard skips `fn` at the top level, and makes `function (…)` a function only outside
classes and functions), methods lizard lost after a bodiless method with a return type (see
below), or methods after a `?>` in a string or comment (`'<?php return []; ?>'`): lizard's
reader cuts the file into PHP blocks with a regular expression, so from such a `?>` to the next
`<?` the code is one HTML string to lizard and its methods are lost. Functions only lizard has are explained when they have no body: an interface or
abstract method (`function f();` — debtscan has no unit for it; README, the PHP row), or such
a method with a return type (`function f(): int;`), which lizard's state machine does not end:
it waits for the next `{` and makes the method after it (or the rest of the interface) part of
the bodiless one (listed, the methods it swallowed are then `only debtscan`, explained); when
no `{` follows (the usual interface), lizard never ends it and drops it, so it shows on neither
side. Every other difference is listed.

imports: a second reading of PHP's tokens (no tree-sitter, no regular expression over the
text), comments and whitespace dropped:
  - `namespace A\B;` and `namespace A\B { … }` (each name after its declaration is read in the
    namespace in force there, as PHP does);
  - the classes, interfaces, traits and enums declared (`class|interface|trait|enum Name`, not
    `::class`, not `new class`), by fully qualified name;
  - the `use` declarations outside every class and function (`use A\B;`, `use A\B as C;`, `use
    A\{B, C as D};`, several clauses; `use function`, `use const` name no class); a `use (`
    after a closure's parameters names variables; a `use` inside a class body is a trait's:
    its names are class names used;
  - the class names used: the name after `new`, `extends`, `implements` (lists), `instanceof`,
    in `catch (A | B $e)`, before `::` (`A::f()`, `A::class`, `A::C`), in an attribute
    (`#[A(…), B]`), in a parameter's type, a function's or closure's return type (after `):`)
    and a property's type (after a modifier in a class body): `T_STRING`, `T_NAME_QUALIFIED`,
    `T_NAME_FULLY_QUALIFIED`, `T_NAME_RELATIVE` (`namespace\A`); `self`, `static`, `parent`
    and the built-in types are none;
  - `require`, `include` (also `_once`) of a literal path, evaluated from `'…'`, `"…"` without
    `$`, `__DIR__`, `__FILE__`, `dirname(x)`, `dirname(x, n)` and `.`.
They are resolved by the rules of src/graph/php.rs's module documentation, written here
again: `\A\B` as written; `B` through the file's `use` imports (alias or last segment, without
case), else in the file's namespace; `A\B` through an import of `A`, else below the file's
namespace; `namespace\B` in the file's namespace; names compare without case. A `use` of a
class some file declares is an edge by itself. An include path from `__DIR__`/`__FILE__`
is that file; a bare path is the file's directory, then the top of the scan. Each name
resolved to a class that files of the repository declare gives edges to those files (not to
itself). The file edges (`from`, `to`) are compared with debtscan's `graph --format json
--no-history --include-test-edges --languages php` edges, of any kind; edges only one side
has are listed (the oracle's with the names and lines that make them). Systematic differences: debtscan reads a file in its first namespace only (a file
with several is listed, `several-namespaces`, explained); the oracle reads each name in the
namespace in force. Also, informational: composer.json's `autoload`/`autoload-dev` `psr-4` maps (the
longest prefix of a declared class's full name, then the rest of the name as a path below the
prefix's directories, `.php` added) must give the file that declares the class; classes that
no prefix covers and classes in another file than PSR-4 says are listed, not counted as
differences (debtscan does not read composer.json, so they do not change an edge).

Needs: php (8.2 checked), lizard 1.24.3 (`pip install lizard==1.24.3`); debtscan from
$DEBTSCAN (default target/release/debtscan). Exit status 0 when everything agrees or every
difference is explained, 1 otherwise (the differences are listed).
'''
import json
import os
import posixpath
import re
import subprocess
import sys
from collections import Counter, defaultdict

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import (closure_lines, debtscan, finish, marker_differences,  # noqa: E402
                    slash_comment_lines, todo_tags, tracked as tracked_files)

READER = os.path.join(here, "scripts", "oracles", "php", "read.php")
PHP_EXTENSIONS = (".php", ".phtml", ".php8", ".php7", ".php5")
TRIVIA = {"T_WHITESPACE", "T_COMMENT", "T_DOC_COMMENT"}
COMMENTS = {"T_COMMENT", "T_DOC_COMMENT"}


def read(repo, rel):
    with open(os.path.join(repo, rel), encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def files_of(repo):
    """The PHP files debtscan read, the tracked PHP-looking ones it did not, and its
    functions report."""
    report = debtscan(["functions", repo, "--no-cache", "--languages", "php"])
    read_ = sorted(f["path"] for f in report["files"])
    tracked = [p for p in tracked_files(repo) if p.endswith(PHP_EXTENSIONS)]
    return read_, [p for p in tracked if p not in set(read_)], report


def lex(repo, files):
    """read.php's tokens of each file, by path: {"tokens": [(name, text, line)], "error"}."""
    out = subprocess.run(["php", READER, repo], input="\n".join(files) + "\n",
                         capture_output=True, text=True, check=True).stdout
    facts = {}
    for row in out.splitlines():
        r = json.loads(row)
        r["tokens"] = [tuple(t) for t in r["tokens"]]
        facts[r["path"]] = r
    return facts


# ---------------------------------------------------------------------------------- markers


def comment_lines(tokens):
    """(line, text) of every comment line, delimiters stripped; the lines of code; the lines
    under `debtscan:ignore`."""
    out, code, ignored = [], set(), set()
    for name, text, line in tokens:
        if name in COMMENTS:
            body = text.rstrip("\r\n")
            if "debtscan:ignore" in body:
                ignored.update(range(line, line + body.count("\n") + 2))
            if body.startswith("#"):
                out.append((line, body.lstrip("#")))
            else:
                out.extend(slash_comment_lines(line, body))
        elif name != "T_WHITESPACE":
            for k, part in enumerate(text.split("\n")):
                if part.strip():
                    code.add(line + k)
    return out, code, ignored


def markers(repo):
    files, unread, functions = files_of(repo)
    keep = set(files)
    report = debtscan(["todos", repo, "--no-history", "--no-cache", "--languages", "php"])
    ours = todo_tags(report, lambda path: path in keep)
    measured = {f["path"]: f["code_lines"] for f in functions["files"]}
    facts = lex(repo, files)
    differ, errors = [], []
    comments, tagged, comment_only, code_agree = 0, 0, 0, 0
    html = 0
    for rel in files:
        fx = facts[rel]
        if fx["error"]:
            errors.append(f"{rel} ({fx['error']}; compared all the same: the lexer's tokens)")
        lines, code, ignored = comment_lines(fx["tokens"])
        html += any(n == "T_INLINE_HTML" and t.strip() for n, t, _ in fx["tokens"])
        by_line = defaultdict(list)
        for line, text in lines:
            by_line[line].append(text)
        comments += sum(n in COMMENTS for n, _, _ in fx["tokens"])
        comment_only += len(set(by_line) - code)
        found, no_comment, no_marker = marker_differences(rel, ours, by_line, ignored)
        tagged += found
        differ.extend(row for _, row in no_comment + no_marker)
        if measured.get(rel) == len(code):
            code_agree += 1
        else:
            differ.append(f"{rel}: debtscan {measured.get(rel)} lines of code, PHP {len(code)} "
                          "(lines with a token outside comments and whitespace)")
    for path, line in sorted(set(ours)):
        if path not in keep:
            differ.append(f"{path}:{line}: debtscan marker in a file not compared")
    n = sum(len(t) for t in ours.values())
    ok = finish(f"{repo}: {len(files)} PHP files lexed by token_get_all ({html} with inline "
                f"HTML), {comments} comment tokens ({comment_only} comment-only lines, {tagged} "
                f"comment lines starting with a tag), {n} markers from debtscan; lines of code "
                f"agree in {code_agree} of {len(files)} files",
                "not read by debtscan, not compared", unread, differ)
    for e in errors:
        print(f"  PHP's parser reports a syntax error: {e}")
    return ok


# ------------------------------------------------------------------------------- complexity

# lizard's condition tokens (PHPReader) and the PHP token kinds of the same meaning.
LIZARD_COUNTS = {"if", "elseif", "for", "foreach", "while", "catch", "match", "case", "?", "&&",
                 "||"}
SAME = {"T_IF": "if", "T_ELSEIF": "elseif", "T_FOR": "for", "T_FOREACH": "foreach",
        "T_WHILE": "while", "T_CATCH": "catch", "T_MATCH": "match", "T_CASE": "case",
        "T_BOOLEAN_AND": "&&", "T_BOOLEAN_OR": "||"}
MODIFIERS = {"T_PUBLIC", "T_PROTECTED", "T_PRIVATE", "T_VAR", "T_STATIC", "T_READONLY",
             "T_ABSTRACT", "T_FINAL"}


def significant(tokens):
    return [t for t in tokens if t[0] not in TRIVIA]


def php_counts(tokens):
    """By line: the tokens lizard would count with the same meaning (lizard's texts), and the
    definitional differences: nullable `?`, adjacent `?:`, `and`/`or`, `??`, `match`
    keywords, match arms with conditions."""
    same, diff = defaultdict(Counter), defaultdict(Counter)
    sig = significant(tokens)
    for k, (name, text, line) in enumerate(tokens):
        if name in SAME:
            same[line][SAME[name]] += 1
            if name == "T_MATCH":
                diff[line]["match"] += 1
        elif name == "?":
            nxt = tokens[k + 1][0] if k + 1 < len(tokens) else None
            if nxt == ":":
                diff[line]["short-ternary"] += 1
            else:
                same[line]["?"] += 1
        elif name in ("T_LOGICAL_AND", "T_LOGICAL_OR"):
            diff[line]["and-or"] += 1
        elif name == "T_COALESCE":
            diff[line]["null-coalescing"] += 1
    # The `]` that close an attribute (`#[A] ?Foo $x`).
    brackets, attribute_ends = [], set()
    for k, (name, _, _) in enumerate(sig):
        if name in ("[", "T_ATTRIBUTE"):
            brackets.append(name)
        elif name == "]" and brackets:
            if brackets.pop() == "T_ATTRIBUTE":
                attribute_ends.add(k)
    for k, (name, text, line) in enumerate(sig):
        if name == "?" and k > 0:
            prev = sig[k - 1][0]
            if prev in {"(", ",", ":", "|"} | MODIFIERS or k - 1 in attribute_ends:
                diff[line]["nullable"] += 1
        if name == "T_MATCH" and k + 1 < len(sig) and sig[k + 1][0] == "(":
            # Skip the subject, then read the arms at the braces' depth.
            j, depth = k + 1, 0
            while j < len(sig):
                depth += {"(": 1, ")": -1}.get(sig[j][0], 0)
                j += 1
                if depth == 0:
                    break
            if j >= len(sig) or sig[j][0] != "{":
                continue
            depth, start = 0, j + 1
            for m in range(j, len(sig)):
                t = sig[m][0]
                if t in ("(", "[", "{", "T_CURLY_OPEN", "T_DOLLAR_OPEN_CURLY_BRACES",
                         "T_ATTRIBUTE"):
                    depth += 1
                elif t in (")", "]", "}"):
                    depth -= 1
                    if depth == 0:
                        break
                elif depth == 1 and t == "T_DOUBLE_ARROW":
                    if sig[start][0] != "T_DEFAULT":
                        diff[sig[m][2]]["arm"] += 1
                elif depth == 1 and t == ",":
                    start = m + 1
    return same, diff


def lizard_units(code):
    """lizard's functions of a file, and lizard's condition tokens by line."""
    import lizard
    from lizard_languages.php import PHPReader

    info = lizard.analyze_file.analyze_source_code("x.php", code)
    by_line = defaultdict(Counter)
    line = 1
    for t in PHPReader.generate_tokens(code):
        if t in LIZARD_COUNTS:
            by_line[line][t] += 1
        line += t.count("\n")
    return info.function_list, by_line


def last_name(symbol):
    return re.split(r"::|\.|\\", symbol)[-1]


def adjustments(same, diff, lizard_by_line, start, end):
    """[(name, amount)]: lizard = debtscan + the sum of the amounts, over lines START..END."""
    total, tokenizer = Counter(), 0
    for line in range(start, end + 1):
        total.update(diff.get(line, Counter()))
        theirs, mine = lizard_by_line.get(line, Counter()), same.get(line, Counter())
        tokenizer += sum(theirs[t] - mine[t] for t in LIZARD_COUNTS)
    return [("nullable-types", total["nullable"]),
            ("short-ternary", -total["short-ternary"]),
            ("and-or", -total["and-or"]),
            ("null-coalescing", -total["null-coalescing"]),
            ("match-arms", total["match"] - total["arm"]),
            ("lizard-tokenizer", tokenizer)]


def complexity(repo):
    files, unread, report = files_of(repo)
    large = closure_lines(repo)
    facts = lex(repo, files)
    ours = defaultdict(list)
    for f in report["functions"]:
        ours[f["path"]].append(f)
    differ, explained = [], defaultdict(list)
    agree, compared, n_lizard, n_ours, n_folded, n_adjusted = 0, 0, 0, 0, 0, 0
    failed = []

    def inside(v, u):
        return v is not u and u["start_line"] <= v["start_line"] and \
            v["end_line"] <= u["end_line"]

    for rel in files:
        code = read(repo, rel)
        try:
            theirs, lizard_by_line = lizard_units(code)
        except Exception as e:  # lizard's own failure: the file is not compared
            failed.append(f"{rel} ({type(e).__name__}: {e})")
            continue
        tokens = facts[rel]["tokens"]
        same, diff = php_counts(tokens)
        sig = significant(tokens)
        # Lines of `function` tokens that have no body (the next of `{`/`;` after the
        # parameter list is `;`), and of closures/arrow functions.
        no_body = set()
        for k, (name, _, line) in enumerate(sig):
            if name == "T_FUNCTION":
                j, depth, seen = k + 1, 0, False
                while j < len(sig):
                    t = sig[j][0]
                    if t == "(":
                        depth += 1
                        seen = True
                    elif t == ")":
                        depth -= 1
                    elif depth == 0 and seen and t in ("{", ";"):
                        if t == ";":
                            no_body.add(line)
                        break
                    j += 1
        # Lines of a `?>` that is no closing tag (in a string or a comment): lizard's
        # reader ends the PHP code there.
        php_tags = sorted(line for name, text, line in tokens if "?>" in text and name not in
                          ("T_CLOSE_TAG", "T_INLINE_HTML"))
        mine = ours.get(rel, [])
        n_lizard += len(theirs)
        n_ours += len(mine)
        pairs, matched, only_lizard = [], set(), []
        for fn in theirs:
            if fn.name == "*global*":
                continue
            cands = [u for u in mine if u["end_line"] == fn.end_line and id(u) not in matched
                     and u["start_line"] <= fn.start_line <= u["end_line"]]
            named = [u for u in cands if last_name(u["symbol"]) == last_name(fn.name)]
            cands = named or cands
            if cands:
                matched.add(id(cands[0]))
                pairs.append((fn, cands[0]))
            else:
                only_lizard.append(fn)
        for fn, u in pairs:
            what = (f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}: debtscan "
                    f"{u['cyclomatic']}, lizard {fn.cyclomatic_complexity}")
            compared += 1
            if last_name(fn.name) == "&":
                explained["by-reference function `function &f()` (lizard names it `&`; "
                          "compared)"].append(f"{what}; lizard {fn.name}")
            elif last_name(u["symbol"]) != last_name(fn.name) and \
                    "{closure#" not in u["symbol"] and "(anonymous)" not in fn.name:
                differ.append(f"[name] {rel}:{u['start_line']}-{u['end_line']}: debtscan "
                              f"{u['symbol']}, lizard {fn.name}")
            folded = [v for v in mine if id(v) not in matched and inside(v, u) and not any(
                inside(v, w) and inside(w, u) for w in mine if id(w) in matched)]
            n_folded += len(folded)
            for v in folded:
                if "{closure#" in v["symbol"] and v["end_line"] - v["start_line"] + 1 < large:
                    differ.append(f"[closure unit under closure_lines] {rel}:{v['start_line']}-"
                                  f"{v['end_line']} {v['symbol']}: a closure of "
                                  f"{v['end_line'] - v['start_line'] + 1} lines is a unit")
                matched.add(id(v))
            closures = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" in v["symbol"])
            nested = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" not in v["symbol"])
            adj = [("large-closures", closures), ("nested-units", nested)] + \
                adjustments(same, diff, lizard_by_line, fn.start_line, fn.end_line)
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
        swallowing = []
        for fn in only_lizard:
            where = f"{rel}:{fn.start_line}-{fn.end_line} {fn.long_name[:70]}"
            if fn.start_line in no_body or (fn.start_line - 1) in no_body:
                if fn.end_line == fn.start_line or fn.end_line - fn.start_line <= 1 and \
                        not any(u["start_line"] <= fn.end_line <= u["end_line"] for u in mine):
                    explained["only lizard, a method without a body (interface or abstract: "
                              "no unit to debtscan)"].append(f"{where} = "
                                                             f"{fn.cyclomatic_complexity}")
                else:
                    swallowing.append(fn)
                    explained["only lizard, a method without a body and with a return type "
                              "(lizard reads on to the next `{` … `}`)"].append(
                        f"{where} = {fn.cyclomatic_complexity}")
                continue
            differ.append(f"[only lizard] {where}: lizard has it (CCN "
                          f"{fn.cyclomatic_complexity}), debtscan does not")
        for u in mine:
            if id(u) in matched:
                continue
            where = f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}"
            methods = [w for w in mine if "{closure#" not in w["symbol"]]
            if "{closure#" in u["symbol"] and not any(inside(u, w) for w in methods):
                explained["only debtscan, a closure or arrow function outside every function "
                          "(lizard's global code, or `fn`, which lizard skips)"].append(
                    f"{where} = {u['cyclomatic']}")
                continue
            over = [fn for fn in swallowing if fn.start_line <= u["start_line"] and
                    u["end_line"] <= fn.end_line]
            if over:
                explained["only debtscan, a method inside a bodiless method's lizard function "
                          "(see above)"].append(f"{where} = {u['cyclomatic']} (lizard "
                                                f"{over[0].name} {over[0].start_line}-"
                                                f"{over[0].end_line})")
                continue
            split = [line for line in php_tags if line <= u["end_line"]]
            if split and not any(fn.end_line == u["end_line"] for fn in theirs):
                explained["only debtscan, after a `?>` inside a string or comment (lizard "
                          "splits the file at it, the code after it up to the next `<?` is "
                          "HTML to lizard)"].append(
                    f"{where} = {u['cyclomatic']} (the `?>` at line {split[0]})")
                continue
            if any(inside(u, w) and id(w) not in matched for w in mine):
                explained["only debtscan, inside a unit lizard lost"].append(
                    f"{where} = {u['cyclomatic']}")
                continue
            differ.append(f"[only debtscan] {where}: debtscan has it (cyclomatic "
                          f"{u['cyclomatic']}), lizard does not")
    differ.sort(key=lambda d: d.split("]")[0])
    n_cyc = sum(d.startswith("[cyclomatic") for d in differ)
    ok = finish(f"{repo}: {len(files)} PHP files, {n_ours} debtscan units, {n_lizard} lizard "
                f"functions; {compared} matched by last line and compared ({n_folded} more "
                f"debtscan closure or nested units folded into them): {agree} equal as counted, "
                f"{n_adjusted} equal after the adjustments listed below (explained), {n_cyc} "
                "differ (unexplained); the other differences are functions only one side has",
                "not compared", failed + [f"{p} (not read by debtscan)" for p in unread], differ)
    causes = Counter(d[1:].split("]")[0] for d in differ)
    for c, n in sorted(causes.items()):
        print(f"  differences, {c}: {n}")
    for cat, rows in sorted(explained.items(), key=lambda kv: (kv[0].startswith("only"),
                                                                kv[0])):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows[:5]:
            print(f"    {row}")
        if len(rows) > 5:
            print(f"    … {len(rows) - 5} more")
    return ok


# ---------------------------------------------------------------------------------- imports

NAMES = {"T_STRING", "T_NAME_QUALIFIED", "T_NAME_FULLY_QUALIFIED", "T_NAME_RELATIVE"}
NOT_CLASSES = {"self", "static", "parent", "int", "integer", "float", "double", "string", "bool",
               "boolean", "array", "callable", "iterable", "object", "mixed", "void", "null",
               "never", "false", "true", "resource"}
CLASS_LIKE = {"T_CLASS", "T_INTERFACE", "T_TRAIT", "T_ENUM"}
# What stands between the names of a type: `?A`, `A|B`, `A&B` (PHP's two `&` tokens), `(A&B)|C`.
TYPE_PUNCT = {"|", "&", "?", "(", ")", "T_AMPERSAND_NOT_FOLLOWED_BY_VAR_OR_VARARG",
              "T_AMPERSAND_FOLLOWED_BY_VAR_OR_VARARG"}
INCLUDES = {"T_REQUIRE", "T_REQUIRE_ONCE", "T_INCLUDE", "T_INCLUDE_ONCE"}


def php_string(text):
    """The value of a `'…'` or `"…"` literal without `$`, or None."""
    if text[:1] == "'":
        return re.sub(r"\\([\\'])", r"\1", text[1:-1])
    if text[:1] == '"' and "$" not in text:
        return re.sub(r"\\([\\\"$])", r"\1", text[1:-1])
    return None


def evaluate(sig, k, path):
    """The path of the include whose expression starts at sig[k], evaluated from PHP's
    tokens: literals, `__DIR__`, `__FILE__`, `dirname(x[, n])`, `.`; None otherwise."""
    end, depth = k, 0
    while end < len(sig):
        t = sig[end][0]
        if t in ("(", "["):
            depth += 1
        elif t in (")", "]"):
            if depth == 0:
                break
            depth -= 1
        elif t in (";", ",", "T_CLOSE_TAG") and depth == 0:
            break
        end += 1
    toks = sig[k:end]
    pos = [0]

    def expr():
        parts = [term()]
        while pos[0] < len(toks) and toks[pos[0]][0] == ".":
            pos[0] += 1
            parts.append(term())
        if any(p is None for p in parts):
            return None
        return "".join(parts)

    def term():
        if pos[0] >= len(toks):
            return None
        name, text, _ = toks[pos[0]]
        pos[0] += 1
        if name == "T_CONSTANT_ENCAPSED_STRING":
            return php_string(text)
        if name == "T_DIR":
            return "/" + posixpath.dirname(path)
        if name == "T_FILE":
            return "/" + path
        if name == "(":
            v = expr()
            if pos[0] < len(toks) and toks[pos[0]][0] == ")":
                pos[0] += 1
                return v
            return None
        if name == "T_STRING" and text.lower() == "dirname" and pos[0] < len(toks) and \
                toks[pos[0]][0] == "(":
            pos[0] += 1
            v = expr()
            levels = 1
            if pos[0] < len(toks) and toks[pos[0]][0] == ",":
                pos[0] += 1
                if pos[0] < len(toks) and toks[pos[0]][0] == "T_LNUMBER":
                    levels = int(toks[pos[0]][1])
                    pos[0] += 1
                else:
                    return None
            if pos[0] >= len(toks) or toks[pos[0]][0] != ")" or v is None:
                return None
            pos[0] += 1
            for _ in range(levels):
                v = posixpath.dirname(v) or "/"
            return v
        return None

    value = expr()
    return value if pos[0] == len(toks) else None


def read_file(sig, path):
    """What the oracle reads in one file: {"namespaces": [ns], "defines": [(ns, name, line)],
    "uses": [(ns, imports, name, line, why)], "imports": [(alias, full, line)] by namespace,
    "includes": [(line, value or None)]}."""
    n = len(sig)
    ns, namespaces = "", []
    imports = defaultdict(dict)  # ns -> alias (lower) -> (full, line)
    defines, uses, includes = [], [], []
    stack = []  # "ns", "class", "other"
    pending = None

    def use(k, why):
        name, text, line = sig[k]
        if name in NAMES and text.lower() not in NOT_CLASSES:
            uses.append((ns, text, line, why))

    def names_until(k, stops, why, skip=TYPE_PUNCT | {","}):
        while k < n and sig[k][0] not in stops:
            if sig[k][0] in NAMES:
                use(k, why)
            elif sig[k][0] not in skip and sig[k][0] not in ("T_STATIC", "T_ARRAY",
                                                             "T_CALLABLE"):
                break
            k += 1
        return k

    k = 0
    while k < n:
        name, text, line = sig[k]
        prev = sig[k - 1][0] if k else None
        nxt = sig[k + 1] if k + 1 < n else (None, None, None)
        if name == "T_NAMESPACE" and nxt[0] in ("T_STRING", "T_NAME_QUALIFIED", "{"):
            if nxt[0] == "{":
                ns = ""
            else:
                ns = nxt[1]
                k += 1
            namespaces.append(ns)
            if k + 1 < n and sig[k + 1][0] == "{":
                stack.append("ns")
                k += 1
            k += 1
            continue
        if name in CLASS_LIKE and prev != "T_DOUBLE_COLON":
            if nxt[0] == "T_STRING":
                defines.append((ns, nxt[1], nxt[2]))
            pending = "class"
        elif name in ("{", "T_CURLY_OPEN", "T_DOLLAR_OPEN_CURLY_BRACES"):
            stack.append(pending if name == "{" and pending else "other")
            pending = None
        elif name == "}":
            if stack:
                stack.pop()
        elif name == ";":
            pending = None if pending == "class" else pending
        elif name == "T_USE" and nxt[0] != "(":
            inner = [s for s in stack if s != "ns"]
            if inner and inner[-1] == "class":
                k = names_until(k + 1, (";", "{"), "trait use")
                continue
            if not inner:
                # An import: read its clauses up to `;`.
                j = k + 1
                if sig[j][0] in ("T_FUNCTION", "T_CONST"):
                    while j < n and sig[j][0] != ";":
                        j += 1
                    k = j
                    continue
                prefix, clause = "", []
                while j < n and sig[j][0] != ";":
                    t = sig[j]
                    if t[0] == "T_NS_SEPARATOR" and j + 1 < n and sig[j + 1][0] == "{":
                        prefix = "".join(c[1] for c in clause).lstrip("\\") + "\\"
                        clause = []
                        j += 2
                        continue
                    if t[0] in (",", "}"):
                        if clause:
                            add_import(imports[ns], prefix, clause, line)
                        clause = []
                    else:
                        clause.append(t)
                    j += 1
                if clause:
                    add_import(imports[ns], prefix, clause, line)
                k = j
                continue
        elif name == "T_NEW":
            use(k + 1, "new")
        elif name in ("T_EXTENDS", "T_IMPLEMENTS"):
            k = names_until(k + 1, ("{",), name[2:].lower())
            continue
        elif name == "T_INSTANCEOF":
            use(k + 1, "instanceof")
        elif name == "T_DOUBLE_COLON" and k:
            use(k - 1, "::")
        elif name == "T_CATCH" and nxt[0] == "(":
            k = names_until(k + 2, ("T_VARIABLE", ")"), "catch")
            continue
        elif name == "T_ATTRIBUTE":
            j, depth = k + 1, 0
            want = True
            while j < n:
                t = sig[j][0]
                if want and depth == 0 and t in NAMES:
                    use(j, "attribute")
                want = False
                if t in ("(", "["):
                    depth += 1
                elif t in (")", "]"):
                    if depth == 0:
                        break
                    depth -= 1
                elif t == "," and depth == 0:
                    want = True
                j += 1
        elif name in ("T_FUNCTION", "T_FN"):
            j = k + 1
            while j < n and sig[j][0] in ("&", "T_STRING") or (
                    j < n and sig[j][0] not in ("(", "{", ";") and j < k + 3):
                j += 1
            if j < n and sig[j][0] == "(":
                # Parameters: the names before each `$x` / `...$x` at depth 1.
                depth, m = 0, j
                while m < n:
                    t = sig[m][0]
                    if t in ("(", "[", "{", "T_ATTRIBUTE"):
                        depth += 1
                    elif t in (")", "]", "}"):
                        depth -= 1
                        if depth == 0:
                            break
                    elif depth == 1 and t in NAMES:
                        after = m + 1
                        while after < n and sig[after][0] in NAMES | TYPE_PUNCT | {
                                "T_STATIC", "T_ARRAY", "T_CALLABLE"}:
                            after += 1
                        if after < n and sig[after][0] in ("T_VARIABLE", "T_ELLIPSIS",
                                                           "T_AMPERSAND_FOLLOWED_BY_VAR_OR_VARARG",
                                                           "T_AMPERSAND_NOT_FOLLOWED_BY_VAR_OR_VARARG"):
                            use(m, "parameter type")
                    m += 1
                m += 1
                if m < n and sig[m][0] == "T_USE":
                    depth = 0
                    while m < n:
                        depth += {"(": 1, ")": -1}.get(sig[m][0], 0)
                        m += 1
                        if depth == 0 and sig[m - 1][0] == ")":
                            break
                if m < n and sig[m][0] == ":":
                    names_until(m + 1, ("{", ";", "T_DOUBLE_ARROW"), "return type")
        elif name in MODIFIERS and stack and [s for s in stack if s != "ns"][-1:] == ["class"]:
            j = k + 1
            while j < n and sig[j][0] in MODIFIERS:
                j += 1
            m = j
            while m < n and sig[m][0] in NAMES | TYPE_PUNCT | {"T_ARRAY", "T_CALLABLE",
                                                                "T_STATIC"}:
                m += 1
            if m < n and sig[m][0] == "T_VARIABLE":
                names_until(j, ("T_VARIABLE",), "property type")
            k = j
            continue
        elif name in INCLUDES:
            includes.append((line, evaluate(sig, k + 1, path)))
        k += 1
    return {"namespaces": namespaces, "defines": defines, "uses": uses, "imports": imports,
            "includes": includes}


def add_import(table, prefix, clause, line):
    """One clause of a `use` (its tokens) into TABLE: alias (lower) -> (full name, line)."""
    kinds = [t[0] for t in clause]
    if kinds and kinds[0] in ("T_FUNCTION", "T_CONST"):
        return
    if "T_AS" in kinds:
        k = kinds.index("T_AS")
        full, alias = "".join(t[1] for t in clause[:k]), clause[k + 1][1]
    else:
        full = "".join(t[1] for t in clause)
        alias = None
    full = (prefix + full.lstrip("\\")).lstrip("\\")
    alias = alias or full.rsplit("\\", 1)[-1]
    table[alias.lower()] = (full, line)


def resolve(name, ns, imports):
    """The fully qualified name NAME stands for (PHP's rules), lower case."""
    if name.startswith("\\"):
        return name[1:].lower()
    if name.lower().startswith("namespace\\"):
        rest = name[len("namespace\\"):]
        return (f"{ns}\\{rest}" if ns else rest).lower()
    first, _, rest = name.partition("\\")
    got = imports.get(first.lower())
    if got:
        return (got[0] + ("\\" + rest if rest else "")).lower()
    return (f"{ns}\\{name}" if ns else name).lower()


def psr4_checks(repo, facts_of, files):
    """Declared classes that composer.json's PSR-4 maps do not place in their file."""
    path = os.path.join(repo, "composer.json")
    if not os.path.exists(path):
        return None, []
    with open(path) as f:
        composer = json.load(f)
    prefixes = []
    for section in ("autoload", "autoload-dev"):
        for prefix, dirs in composer.get(section, {}).get("psr-4", {}).items():
            for d in [dirs] if isinstance(dirs, str) else dirs:
                prefixes.append((prefix, d.rstrip("/")))
    checked, out = 0, []
    for rel in files:
        for ns, name, line in facts_of[rel]["defines"]:
            full = f"{ns}\\{name}" if ns else name
            fits = [(p, d) for p, d in prefixes if (full + "\\").startswith(p) or p == ""]
            checked += 1
            if not fits:
                out.append(f"{rel}:{line}: {full}: no psr-4 prefix covers it")
                continue
            best = max(len(p) for p, _ in fits)
            want = [posixpath.normpath(posixpath.join(d, full[len(p):].replace("\\", "/")
                                                      + ".php"))
                    for p, d in fits if len(p) == best]
            if rel not in want:
                out.append(f"{rel}:{line}: {full}: psr-4 places it in {' or '.join(want)}")
    return checked, out


def imports(repo):
    files, unread, _ = files_of(repo)
    report = debtscan(["graph", repo, "--no-cache", "--no-history", "--include-test-edges",
                       "--languages", "php"])
    keep = set(files)
    facts = lex(repo, files)
    read_ = {rel: read_file(significant(facts[rel]["tokens"]), rel) for rel in files}
    classes = defaultdict(set)
    for rel, r in read_.items():
        for ns, name, _ in r["defines"]:
            classes[(f"{ns}\\{name}" if ns else name).lower()].add(rel)
    theirs, why = set(), defaultdict(list)
    counts = Counter()
    for rel, r in read_.items():
        if len(set(r["namespaces"])) > 1:
            counts["files with several namespaces (debtscan reads the first)"] += 1
        for ns, table in r["imports"].items():
            for alias, (full, line) in table.items():
                counts["use imports"] += 1
                for t in classes.get(full.lower(), ()):
                    if t != rel:
                        theirs.add((rel, t))
                        why[(rel, t)].append(f"{line}: use {full}")
        for ns, name, line, how in r["uses"]:
            counts["class names used"] += 1
            full = resolve(name, ns, r["imports"].get(ns, {}))
            targets = classes.get(full)
            if not targets:
                counts["class names of no class in the repository"] += 1
            for t in targets or ():
                if t != rel:
                    theirs.add((rel, t))
                    why[(rel, t)].append(f"{line}: {name} ({how})")
        for line, value in r["includes"]:
            counts["includes"] += 1
            if value is None:
                counts["includes not evaluated (a variable, a call)"] += 1
                continue
            if value.startswith("/"):
                cands = [posixpath.normpath(value).lstrip("/")]
            else:
                cands = [posixpath.normpath(posixpath.join(posixpath.dirname(rel), value)),
                         posixpath.normpath(value)]
            target = next((c for c in cands if c in keep), None)
            if target is None:
                counts["includes of no file in the scan"] += 1
                continue
            if target != rel:
                theirs.add((rel, target))
                why[(rel, target)].append(f"{line}: include {value}")
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in keep and e["to"] in keep}
    several = {rel for rel, r in read_.items() if len(set(r["namespaces"])) > 1}
    differ, explained = [], defaultdict(list)
    for a, b in sorted(theirs - ours):
        row = f"only the oracle: {a} -> {b} ({'; '.join(why[(a, b)][:3])})"
        if a in several:
            explained["several-namespaces"].append(row)
        else:
            differ.append(row)
    for a, b in sorted(ours - theirs):
        row = f"only debtscan: {a} -> {b}"
        if a in several:
            explained["several-namespaces"].append(row)
        else:
            differ.append(row)
    ok = finish(f"{repo}: {len(files)} PHP files read from PHP's tokens, "
                f"{sum(len(r['defines']) for r in read_.values())} classes declared, "
                f"{len(theirs)} file edges from the oracle, {len(ours)} debtscan file edges, "
                f"{len(ours & theirs)} on both sides, {len(theirs - ours)} only the oracle's, "
                f"{len(ours - theirs)} only debtscan's", "not read by debtscan, not compared",
                unread, differ)
    for what, n in sorted(counts.items()):
        print(f"  {what}: {n}")
    for cat, rows in sorted(explained.items()):
        print(f"  explained, {cat} (debtscan reads the file in its first namespace): "
              f"{len(rows)}")
        for row in rows:
            print(f"    {row}")
    checked, psr4 = psr4_checks(repo, read_, files)
    if checked is None:
        print("  PSR-4: no composer.json")
    else:
        print(f"  PSR-4 (informational): {checked} declared classes, {len(psr4)} not where "
              "composer.json's psr-4 maps place them")
        for row in psr4[:20]:
            print(f"    {row}")
        if len(psr4) > 20:
            print(f"    … {len(psr4) - 20} more")
    return ok


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](sys.argv[2])
    sys.exit(0 if ok else 1)
