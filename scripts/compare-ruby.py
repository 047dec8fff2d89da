#!/usr/bin/env python3
r'''Checks debtscan's Ruby support against readers that share nothing with tree-sitter.

  scripts/compare-ruby.py markers REPO       markers and lines of code against Ruby's Ripper
  scripts/compare-ruby.py complexity REPO    cyclomatic complexity against lizard
  scripts/compare-ruby.py imports REPO       `require`-like edges against Ripper's syntax tree

Files: the Ruby files debtscan read (`debtscan functions REPO --languages ruby`: `.rb`,
`.rake`, `.gemspec`, `.ru`, `.rbw`, `Rakefile`, `Gemfile`, … and `#!` naming ruby). Tracked
files with a Ruby extension or name that it did not read are listed and not compared.

Ripper: scripts/oracles/ruby/read.rb, run with the installed `ruby` (3.1 checked), reads every
file with `Ripper.lex` (the tokens of Ruby's own lexer, which knows heredocs, `%`-literals,
regular expressions, `?c` characters and interpolation) and `Ripper::SexpBuilderPP` (its parser,
for the `require` calls); its output is described at its top.

markers: the comments are Ripper's `:on_comment` tokens (`# …`, also one in an interpolation
hole, a shebang and a magic comment) and the `:on_embdoc_beg`, `:on_embdoc`, `:on_embdoc_end`
lines of `=begin … =end` (`=begin`/`=end` and the rest of their lines are delimiters and
text). Then, as compare-csharp.py does:
  - every `todo` item debtscan reports in a Ruby file (also the places in `related`) must start
    on a line where Ripper has a comment whose text on that line holds the tag (any case, a
    whole word);
  - every comment line that starts with a tag of `[markers.tags]` must be a marker of
    debtscan's: an upper-case tag followed by `:`, `(` or the end of the comment, or a tag in any
    case followed by `:` directly or after a parenthesis (README, "Markers"; common.py's
    UPPER_START and ANY_CASE_START). A `# …` line's text is what follows its leading `#`s; an
    embdoc line's is the line (after `=begin`/`=end` on theirs). A `#!` on line 1 is never a
    marker; lines under `debtscan:ignore` (in a run of `#` lines, or a `=begin` block, holding
    it, and the line after) are not compared;
  - each file's `code_lines` (`debtscan functions`) must equal the number of lines where a
    Ripper token other than a comment, whitespace or `__END__` has a non-whitespace character:
    a heredoc's body and end tag and every line of a multi-line string are code, a line inside
    a literal that holds only whitespace is not (debtscan agrees on both). Ruby reads nothing
    after `__END__` (the data of `DATA`), and Ripper gives no token there; debtscan counts
    the `__END__` line and every non-blank line after it as code (tree-sitter-ruby's
    `uninterpreted` node). A file whose count is equal once those lines are added is
    explained as `end-data` (listed), not a difference.

complexity: lizard 1.24.3 (`import lizard`; lizard_languages/ruby.py and rubylike.py: its own
tokenizer and state machine) against debtscan's cyclomatic (header of
queries/ruby/complexity.scm): 1 + `if` + `unless` + `elsif` + `while` + `until` + `for` + each
modifier + each `rescue` clause or modifier + `?:` + each `when` clause + each `in` clause + each
`&&`, `||`, `and`, `or`. lizard counts the tokens `if elsif until for while rescue ensure when
and or && || ?` (RubylikeReader's `_control_flow_keywords`, `_logical_operators`,
`_ternary_operators`; also `elseif`, which is no Ruby), so a modifier, a `rescue` modifier and
`?:` count to both. Functions are matched by (file, first line, name): lizard and debtscan both
start a method at `def`; the name is the method's (debtscan's last `::` segment; lizard's
`self.` dropped and setter `=` restored). Differences of definition, applied to lizard's count,
each counted in lizard's lines of the function from Ripper's tokens (a pair equal after them is
explained, under the names of the adjustments applied):
  - `unless`: debtscan counts each `unless` (statement or modifier), lizard does not;
  - `in-clauses`: debtscan counts each `in` clause of `case … in`, lizard does not (a guard,
    `in x if c`, counts to both: lizard counts its `if`; an `in`
    that starts a statement; the `in` of `for x in` is no clause);
  - `ensure`: lizard counts `ensure`, debtscan does not;
  - `or-assign`: lizard's tokenizer splits `||=` and `&&=` into `||`/`&&` and `=`, and counts
    them; debtscan counts no assignment (`||=` is a default, not a branch);
  - `lizard-tokenizer`: per line, lizard's condition tokens beyond Ripper's keywords and
    operators of the same text (lizard reads words in heredoc bodies, `%w[]`, `%i[]` or
    regular expressions with other delimiters, and `?c` characters as code), or fewer (a word
    lizard's tokenizer swallows: a `%r{…}` it reads as one token holding `if`…);
  - `large-blocks`, `nested-units`: lizard folds every block into the method around it;
    debtscan makes a block of `closure_lines` (20) lines or more a unit of its own
    (`m::{closure#N}`), as a `def` inside a method. Expected lizard = debtscan(method) + the
    sum of (debtscan(u) - 1) over the units inside it that lizard has no function for.
A matched pair of other names is listed (`[name]`; an operator method, which lizard's tokenizer
splits, `[]=` becoming `[`, is not compared by name), and so is every debtscan method whose
symbol ends in an empty name (`[empty name]`: queries/ruby/symbols.scm says operator methods
keep their names). Units only debtscan has are explained when they are blocks outside every method (a class body's
`before do … end`, a Rakefile's `task … do`: debtscan's units, lizard's global code); methods
lizard lost are explained when the cause is a known one of lizard's:
  - a lizard function overlaps the method and runs on past its end (lizard's state machine
    missed an `end`, or an `it` block inside a `def self.x arg, …` without parentheses took
    the methods after it);
  - a `?"` or `?'` character literal, or a quote in a regular expression, before the method
    (lizard's tokenizer starts a string there, which swallows code up to the next quote);
  - an endless method `def f(a) = expr` (Ruby 3): lizard waits for its `end` and reads on into
    what follows, so it and the methods after it up to the enclosing `end` are not compared
    (listed as `endless-def`);
  - a method whose lizard function ends on another line (lizard closes a method at the `end`
    of an `x = if …`/`x ||= if …`/`x = case …` or of a `while`/`until` after an operator, which
    it does not see open): not compared, listed as `other-last-line`;
Functions only lizard has are explained when they are RSpec-style `it "…" do` blocks (lizard
makes a function of each; debtscan has no unit for a block under 20 lines inside a `describe`
block's unit, and the block is folded there), or `*global*`. Every other difference is listed.

imports: Ripper's parser, not tree-sitter, finds the `require`, `require_relative`, `load`,
`autoload :X, "…"` and `require_dependency` calls whose argument is a string literal without
interpolation (a call with one argument; `autoload` with two), and the path forms
`File.expand_path("../x", __FILE__)`, `File.expand_path("x", __dir__)`,
`File.join(__dir__, "a", "b")`, `File.join(File.dirname(__FILE__), "a")`, evaluated as Ruby
would from the file's own path. They are resolved by the rules of src/graph/ruby.rs's module
documentation, written here again: a relative path (`require_relative`, the `__FILE__`/`__dir__`
forms) is the file at that path (`.rb` added unless the last segment has an extension); a
load-path `require "a/b"` is a file `…/D/a/b.rb` with D a `lib`, `spec` or `test` directory, or
`a/b.rb` at the top of the scan; of several, the one sharing the most leading directories with
the requiring file, none on a tie; a require of the entry file of the namespace the requiring
file lives in (`rack/protection.rb` from `rack/protection/base.rb`) is no edge. Every edge
found so must be one of debtscan's
(`graph --format json --no-history --include-test-edges`, file edges of any kind).
debtscan's other edges come from constants (Zeitwerk's convention: src/graph/ruby.rs); they
are counted apart, and 10 of them (a fixed sample) are printed with the lines of the source
file that name (as a word, or the last segment of a path) a class or module the target file
opens (Ripper's `class`/`module`) and the source does not open itself; failing that, the
lines naming one only as debtscan folds names (without case and underscores: `CONTENT_TYPE`,
a string constant, is `ContentType` to it), or none; for a human to judge. Requires the oracle cannot evaluate (a variable, interpolation) and those
of no file in the repository (gems, the standard library) are counted, not compared.

Needs: ruby (3.1 checked), lizard 1.24.3 (`pip install lizard==1.24.3`); debtscan from
$DEBTSCAN (default target/release/debtscan). Exit status 0 when everything agrees or every
difference is explained, 1 otherwise (the differences are listed).
'''
import json
import os
import random
import re
import subprocess
import sys
from collections import Counter, defaultdict

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import (closure_lines, debtscan, finish, marker_differences,  # noqa: E402
                    todo_tags, tracked as tracked_files)

READER = os.path.join(here, "scripts", "oracles", "ruby", "read.rb")
RUBY_EXTENSIONS = (".rb", ".rake", ".gemspec", ".ru", ".rbw")
RUBY_NAMES = {"Rakefile", "Gemfile", "Guardfile", "Capfile", "Vagrantfile", "Brewfile"}


def read(repo, rel):
    with open(os.path.join(repo, rel), encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def files_of(repo):
    """The Ruby files debtscan read, the tracked Ruby-looking ones it did not, and its
    functions report."""
    report = debtscan(["functions", repo, "--no-cache", "--languages", "ruby"])
    read_ = [f["path"] for f in report["files"]]
    tracked = [p for p in tracked_files(repo) if p.endswith(RUBY_EXTENSIONS)
               or os.path.basename(p) in RUBY_NAMES]
    return sorted(read_), [p for p in tracked if p not in set(read_)], report


def ripper(repo, files):
    """read.rb's facts of each file, by path."""
    out = subprocess.run(["ruby", READER, repo], input="\n".join(files) + "\n",
                         capture_output=True, text=True, check=True).stdout
    facts = {}
    for row in out.splitlines():
        r = json.loads(row)
        facts[r["path"]] = r
    return facts


# ---------------------------------------------------------------------------------- markers


def comment_lines(facts):
    """(line, text) of every comment line, its delimiters stripped; the lines under
    `debtscan:ignore` (a run of `#` lines on consecutive lines, or a `=begin` block, holding
    it, and the line after)."""
    out, ignored, run = [], set(), []

    def close():
        if any("debtscan:ignore" in t for _, t in run):
            ignored.update(range(run[0][0], run[-1][0] + 2))
        run.clear()

    last_kind = None
    for line, kind, text in facts["comments"]:
        body = text
        if kind == "line":
            body = text.lstrip("#")
            if run and (last_kind != "line" or run[-1][0] != line - 1):
                close()
        else:
            if text.startswith("=begin"):
                close()
            for delim in ("=begin", "=end"):
                if text.startswith(delim):
                    body = text[len(delim):]
        out.append((line, body))
        run.append((line, text))
        last_kind = kind
        if kind == "embdoc" and text.startswith("=end"):
            close()
    if run:
        close()
    return out, ignored


def markers(repo):
    files, unread, functions = files_of(repo)
    keep = set(files)
    report = debtscan(["todos", repo, "--no-history", "--no-cache", "--languages", "ruby"])
    ours = todo_tags(report, lambda path: path in keep)
    measured = {f["path"]: f["code_lines"] for f in functions["files"]}
    facts = ripper(repo, files)
    differ, explained = [], defaultdict(list)
    comments, tagged, comment_only, code_agree, errors = 0, 0, 0, 0, []
    for rel in files:
        fx = facts[rel]
        if fx["error"]:
            errors.append(f"{rel} ({fx['error']}; compared all the same: the lexer's tokens)")
        by_line = defaultdict(list)
        lines, ignored = comment_lines(fx)
        for line, text in lines:
            by_line[line].append(text)
        comments += len(fx["comments"])
        code = set(fx["code"])
        comment_only += len(set(by_line) - code)
        found, no_comment, no_marker = marker_differences(
            rel, ours, by_line, ignored, skip=lambda line, t: line == 1 and t.startswith("!"))
        tagged += found
        differ.extend(row for _, row in no_comment + no_marker)
        want = len(code)
        if measured.get(rel) == want:
            code_agree += 1
            continue
        end = fx["end_marker"]
        if end is not None:
            text_lines = read(repo, rel).replace("\r\n", "\n").split("\n")
            data = 1 + sum(1 for t in text_lines[end:] if t.strip())
            if measured.get(rel) == want + data:
                explained["end-data: debtscan counts `__END__` and the data after it as code"] \
                    .append(f"{rel}: debtscan {measured.get(rel)}, Ripper {want} + {data} "
                            f"(`__END__` at line {end})")
                continue
        differ.append(f"{rel}: debtscan {measured.get(rel)} lines of code, Ripper {want} "
                      f"(lines with a token outside comments)")
    for path, line in sorted(set(ours)):
        if path not in keep:
            differ.append(f"{path}:{line}: debtscan marker in a file not compared")
    n = sum(len(t) for t in ours.values())
    ok = finish(f"{repo}: {len(files)} Ruby files lexed by Ripper, {comments} comment tokens "
                f"({comment_only} comment-only lines, {tagged} comment lines starting with a "
                f"tag), {n} markers from debtscan; lines of code agree in {code_agree} of "
                f"{len(files)} files as counted, {sum(map(len, explained.values()))} more "
                "explained", "not read by debtscan, not compared", unread, differ)
    for e in errors:
        print(f"  Ripper reports a syntax error: {e}")
    for cat, rows in sorted(explained.items()):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows:
            print(f"    {row}")
    return ok


# ------------------------------------------------------------------------------- complexity

# lizard's condition tokens (RubylikeReader) as Ripper's keyword and operator texts.
LIZARD_COUNTS = {"if", "elsif", "until", "for", "while", "rescue", "ensure", "when", "and", "or",
                 "&&", "||", "?"}


def lizard_units(code):
    """lizard's functions of a file, and lizard's condition tokens by line (lizard counts
    lines by the newlines of its own tokens, as here)."""
    import lizard
    from lizard_languages.ruby import RubyReader

    info = lizard.analyze_file.analyze_source_code("x.rb", code)
    by_line = defaultdict(Counter)
    line = 1
    for t in RubyReader.generate_tokens(code):
        if t in LIZARD_COUNTS or t == "elseif":
            by_line[line][str(t)] += 1
        line += t.count("\n")
    return info.function_list, by_line


def method_name(symbol):
    return symbol.split("::")[-1]


def lizard_name(fn, lines):
    """lizard's function name as Ruby writes the method: `self.` dropped; a setter's `=`,
    which lizard's tokenizer leaves out, restored from the source."""
    name = fn.name.split(".")[-1]
    src = lines[fn.start_line - 1] if fn.start_line <= len(lines) else ""
    if re.search(r"\bdef\s+(?:self\.)?" + re.escape(name) + r"=", src):
        name += "="
    return name


def adjustments(keywords, lizard_by_line, start, end, skip):
    """How much lizard's count differs from debtscan's in lines START..END but the lines SKIP
    (those of lizard's functions nested in this one, which lizard counts apart), by cause:
    [(name, amount)] (lizard = debtscan + sum of the amounts)."""
    ours = defaultdict(Counter)
    for line, kw in keywords:
        if start <= line <= end and line not in skip:
            ours[line][kw] += 1
    count = lambda kw: sum(c[kw] for c in ours.values())
    tokenizer, or_assign = 0, 0
    for line in range(start, end + 1):
        if line in skip:
            continue
        theirs, mine = lizard_by_line.get(line, Counter()), ours.get(line, Counter())
        for t in LIZARD_COUNTS | {"elseif"}:
            extra = theirs[t] - mine[t]
            if t in ("||", "&&") and extra > 0:
                assign = min(extra, mine[t + "="])
                or_assign += assign
                extra -= assign
            tokenizer += extra
    return [("unless", -count("unless")),
            ("in-clauses", -count("in-clause")),
            ("ensure", count("ensure")),
            ("or-assign", or_assign),
            ("lizard-tokenizer", tokenizer)]


def complexity(repo):
    files, unread, report = files_of(repo)
    large = closure_lines(repo)
    facts = ripper(repo, files)
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
        keywords = [tuple(k) for k in facts[rel]["keywords"]]
        endless = sorted(line for line, kw in keywords if kw == "def-endless")
        lines = code.replace("\r\n", "\n").split("\n")
        mine = ours.get(rel, [])
        n_lizard += len(theirs)
        n_ours += len(mine)
        for u in mine:
            if method_name(u["symbol"]) == "" and "{closure#" not in u["symbol"]:
                differ.append(f"[empty name] {rel}:{u['start_line']} {u['symbol']!r}: the "
                              f"method's name is lost ({lines[u['start_line'] - 1].strip()!r})")
        methods = [u for u in mine if "{closure#" not in u["symbol"]]
        closures = [u for u in mine if "{closure#" in u["symbol"]]
        pairs, matched, only_lizard = [], set(), []
        for fn in theirs:
            if fn.name == "*global*":
                only_lizard.append(fn)
                continue
            name = lizard_name(fn, lines)
            cands = [u for u in methods if u["start_line"] == fn.start_line
                     and id(u) not in matched]
            named = [u for u in cands if method_name(u["symbol"]) == name]
            cands = named or cands
            if cands:
                matched.add(id(cands[0]))
                pairs.append((fn, cands[0]))
            else:
                only_lizard.append(fn)
        # An endless method: lizard reads on from it to the `end` of what encloses it.
        lost = []
        for e in endless:
            around = [u for u in methods if u["start_line"] < e <= u["end_line"]]
            stop = min((u["end_line"] for u in around), default=None)
            lost.append((e, stop))

        def after_endless(line):
            return any(e <= line and (stop is None or line <= stop) for e, stop in lost) or \
                any(e <= line for e in endless)

        for fn, u in pairs:
            name = lizard_name(fn, lines)
            what = (f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}: debtscan "
                    f"{u['cyclomatic']}, lizard {fn.cyclomatic_complexity}")
            if fn.end_line != u["end_line"]:
                cat = "endless-def" if after_endless(u["start_line"]) else "other-last-line"
                explained[f"{cat} (lizard's function ends on another line: not compared)"] \
                    .append(f"{what}; lizard {fn.start_line}-{fn.end_line}")
                continue
            compared += 1
            if method_name(u["symbol"]) != name and method_name(u["symbol"]) and \
                    re.match(r"\w", name):
                differ.append(f"[name] {rel}:{u['start_line']}-{u['end_line']}: debtscan "
                              f"{u['symbol']}, lizard {fn.name}")
            folded = [v for v in mine if id(v) not in matched and inside(v, u) and not any(
                inside(v, w) and inside(w, u) for w in mine if id(w) in matched)]
            n_folded += len(folded)
            for v in folded:
                if "{closure#" in v["symbol"] and v["end_line"] - v["start_line"] + 1 < large:
                    differ.append(f"[block unit under closure_lines] {rel}:{v['start_line']}-"
                                  f"{v['end_line']} {v['symbol']}: a block of "
                                  f"{v['end_line'] - v['start_line'] + 1} lines is a unit")
                matched.add(id(v))
            blocks = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" in v["symbol"])
            nested = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" not in v["symbol"])
            # lizard's functions nested in this one: a method (its own pair) counts apart; an
            # `it … do` block debtscan folds into the method is added back.
            nested_lizard = [g for g in theirs if g is not fn and g.name != "*global*"
                             and fn.start_line < g.start_line and g.end_line <= fn.end_line]
            its = [g for g in nested_lizard if g in only_lizard]
            apart = {line for g in nested_lizard if g not in only_lizard
                     for line in range(g.start_line, g.end_line + 1)}
            adj = [("large-blocks", blocks), ("nested-units", nested),
                   ("it-blocks", -sum(g.cyclomatic_complexity - 1 for g in its))] + \
                adjustments(keywords, lizard_by_line, fn.start_line, fn.end_line, apart)
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
        for fn in only_lizard:
            where = f"{rel}:{fn.start_line}-{fn.end_line} {fn.long_name[:70]}"
            if fn.name == "*global*":
                explained["only lizard, `*global*` (lizard's code outside functions)"].append(
                    f"{where} = {fn.cyclomatic_complexity}")
                continue
            src = lines[fn.start_line - 1] if fn.start_line <= len(lines) else ""
            if re.match(r"\s*it\b", src) or not re.search(r"\bdef\b", src):
                explained["only lizard, an `it … do` block (lizard makes a function of each; "
                          "debtscan folds it into its unit)"].append(
                    f"{where} = {fn.cyclomatic_complexity}")
                continue
            if after_endless(fn.start_line):
                explained["only lizard, after an endless `def f = …` (lizard's reading is "
                          "lost)"].append(f"{where} = {fn.cyclomatic_complexity}")
                continue
            differ.append(f"[only lizard] {where}: lizard has it (CCN "
                          f"{fn.cyclomatic_complexity}), debtscan does not")
        for u in mine:
            if id(u) in matched:
                continue
            where = f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}"
            if u in closures and not any(inside(u, w) for w in methods):
                explained["only debtscan, a block outside every method (lizard's global "
                          "code)"].append(f"{where} = {u['cyclomatic']}")
                continue
            if u in closures and any(inside(u, w) and id(w) not in matched for w in methods):
                explained["only debtscan, a block inside a method lizard lost"].append(
                    f"{where} = {u['cyclomatic']}")
                continue
            if any(e == u["start_line"] for e in endless):
                explained["only debtscan, an endless `def f = …` (lizard does not end "
                          "it)"].append(f"{where} = {u['cyclomatic']}")
                continue
            over = [fn for fn in theirs if fn.name != "*global*" and fn.start_line <=
                    u["end_line"] and u["start_line"] <= fn.end_line and
                    u["end_line"] < fn.end_line and not any(
                        f is fn and fn.end_line == v["end_line"] for f, v in pairs)]
            if over:
                fn = over[-1]
                explained["only debtscan, a lizard function overlaps it and reads on past its "
                          "end (lizard's state machine lost an `end`)"].append(
                    f"{where} = {u['cyclomatic']} (lizard {fn.name} {fn.start_line}-"
                    f"{fn.end_line})")
                continue
            quotes = [q for q in facts[rel]["quote_chars"] if q < u["start_line"]]
            if quotes:
                explained["only debtscan, after a `?\"` or `?'` character or a quote in a "
                          "regular expression (lizard's tokenizer reads a string from it)"].append(
                    f"{where} = {u['cyclomatic']} (the quote at line {quotes[0]})")
                continue
            if after_endless(u["start_line"]):
                explained["only debtscan, a method after an endless `def f = …` (lizard's "
                          "reading is lost)"].append(f"{where} = {u['cyclomatic']}")
                continue
            differ.append(f"[only debtscan] {where}: debtscan has it (cyclomatic "
                          f"{u['cyclomatic']}), lizard does not")
    differ.sort(key=lambda d: d.split("]")[0])
    n_cyc = sum(d.startswith("[cyclomatic") for d in differ)
    ok = finish(f"{repo}: {len(files)} Ruby files, {n_ours} debtscan units, {n_lizard} lizard "
                f"functions; {compared} matched by first line and compared ({n_folded} more "
                f"debtscan block or nested units folded into them): {agree} equal as counted, "
                f"{n_adjusted} equal after the adjustments listed below, {n_cyc} differ; the "
                "other differences are functions only one side has", "not compared",
                failed + [f"{p} (not read by debtscan)" for p in unread], differ)
    causes = Counter(d[1:].split("]")[0] for d in differ)
    for c, n in sorted(causes.items()):
        print(f"  differences, {c}: {n}")
    for cat, rows in sorted(explained.items(), key=lambda kv: (kv[0].startswith("only"),
                                                                kv[0])):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows:
            print(f"    {row}")
    return ok


# ---------------------------------------------------------------------------------- imports

LOAD_DIRS = {"lib", "spec", "test"}


def with_extension(path):
    return path if "." in path.rsplit("/", 1)[-1] else path + ".rb"


def in_load_path(files, source, rel):
    """The file REL (`a/b.rb`) in a load path nearest to SOURCE: (file or None, why)."""
    found = []
    for f in files:
        if f == rel:
            found.append(f)  # at the top of the scan
        elif f.endswith("/" + rel):
            prefix = f[: -len(rel) - 1]
            if prefix.rsplit("/", 1)[-1] in LOAD_DIRS:
                found.append(f)
    if not found:
        return None, "none"

    def shared(f):
        n = 0
        for a, b in zip(source.split("/"), f.split("/")):
            if a != b:
                break
            n += 1
        return n

    best = max(shared(f) for f in found)
    nearest = [f for f in found if shared(f) == best]
    return (nearest[0], "one") if len(nearest) == 1 else (None, "tie")


def imports(repo):
    files, unread, _ = files_of(repo)
    report = debtscan(["graph", repo, "--no-cache", "--no-history", "--include-test-edges",
                       "--languages", "ruby"])
    keep = set(files)
    facts = ripper(repo, files)
    theirs, lines_of = set(), defaultdict(list)
    counts = Counter()
    for f in files:
        for line, verb, kind, path in facts[f]["loads"]:
            counts["calls"] += 1
            if kind == "dynamic" or path is None:
                counts["not evaluated (a variable, interpolation, another expression)"] += 1
                continue
            if kind == "relative":
                target = with_extension(path)
                if target not in keep:
                    counts["relative, no such file"] += 1
                    continue
            else:
                target, why = in_load_path(files, f, with_extension(path))
                if target is None:
                    counts[f"load path, {'a tie' if why == 'tie' else 'no file in the repository'}"] += 1
                    continue
            counts["resolved to a file"] += 1
            # The entry file of the namespace the file lives in loads it: no edge (README).
            if f.startswith(target[:-len(".rb")] + "/"):
                counts["the entry file of the file's own namespace (no edge)"] += 1
                continue
            if target != f:
                theirs.add((f, target))
                lines_of[(f, target)].append(line)
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in keep and e["to"] in keep}
    differ = [f"only the oracle: {a} -> {b} (require at line "
              f"{', '.join(map(str, lines_of[(a, b)]))})" for a, b in sorted(theirs - ours)]
    constants = sorted(ours - theirs)
    ok = finish(f"{repo}: {len(files)} Ruby files read by Ripper, {counts['calls']} "
                f"require-like calls, {len(theirs)} file edges from them, {len(ours)} debtscan "
                f"file edges, {len(ours & theirs)} of them the oracle's; {len(constants)} other "
                "debtscan edges (constants)", "not read by debtscan, not compared", unread,
                differ)
    for what, n in sorted(counts.items()):
        if what != "calls":
            print(f"  require-like calls, {what}: {n}")
    # A fixed sample of the constant edges, with the lines naming the target's classes.
    sample = random.Random(0).sample(constants, min(10, len(constants)))
    print(f"  sample of {len(sample)} constant edges (lines of the source naming a class or "
          "module the target opens):")
    for a, b in sorted(sample):
        written = sorted({n for _, n in facts[b]["defines"]})
        own = {n.split("::")[-1].lstrip(":") for _, n in facts[a]["defines"]}
        # The namespaces the source opens itself (`module Rack`) name nothing of the target's.
        names = {n.split("::")[-1].lstrip(":") for n in written} - own
        text = read(repo, a).split("\n")
        hits = []
        for k, t in enumerate(text, 1):
            code = re.sub(r"(^|\s)#(?!\{).*$", "", t)
            found = [n for n in sorted(names) if re.search(r"(?<![\w:])(?:\w+::)*" +
                                                           re.escape(n) + r"\b", code)]
            if found:
                hits.append(f"{k}: {t.strip()[:80]}  [{', '.join(found)}]")
        print(f"    {a} -> {b} (opens {', '.join(written) or 'nothing'}):")
        if not hits:
            # debtscan compares names without case and underscores: `CONTENT_TYPE` is
            # `ContentType` to it.
            fold = lambda n: n.replace("_", "").lower()
            folded = {fold(n): n for n in names}
            for k, t in enumerate(text, 1):
                code = re.sub(r"(^|\s)#(?!\{).*$", "", t)
                found = sorted({f"{w} ~ {folded[fold(w)]}" for w in
                                re.findall(r"\b[A-Z][A-Z0-9_]*\b", code) if fold(w) in folded})
                if found:
                    hits.append(f"{k}: {t.strip()[:80]}  [only folded: {', '.join(found)}]")
        for h in hits[:3] or ["(no line names them)"]:
            print(f"        {h}")
        if len(hits) > 3:
            print(f"        … {len(hits) - 3} more lines")
    return ok


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](sys.argv[2])
    sys.exit(0 if ok else 1)
