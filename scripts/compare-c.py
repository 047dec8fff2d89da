#!/usr/bin/env python3
"""Checks debtscan's C and C++ support against tools that share nothing with tree-sitter.

  scripts/compare-c.py markers REPO            markers and lines of code against Pygments
  scripts/compare-c.py complexity REPO         cyclomatic complexity against lizard
  scripts/compare-c.py imports REPO [ROOT]...  direct `#include` edges against gcc's
                                               preprocessor; each ROOT (a directory of REPO)
                                               is one more `-I`, and a `-DNAME[=VALUE]`
                                               argument is passed to gcc, e.g. `imports
                                               /tmp/repos/fmt test/gtest`

Files: the C and C++ files git tracks (outside the walk's vendored directories) that debtscan
read: the `files` of `debtscan functions --format json --languages c`, and of `--languages
cpp`, which also say the language each file was read in. Tracked files debtscan did not read
(its walk honours `.gitignore`, also for tracked files, and leaves out generated and vendored
files) are listed by directory and not compared. Every check also holds debtscan's languages
to the rule it states for `.h`: C++ where the tree has more files of C++'s own (`.cpp`, `.cc`,
`.cxx`, `.hpp`, `.hh`, …) than `.c` files, else C.

markers: Pygments' CLexer for C files, CppLexer for C++ files (`get_lexer_by_name('c' or
'cpp', stripnl=False, ensurenl=False)`: the defaults shift line numbers; a `.h` is given the
named lexer, never the file-name guess, which is Objective-C). Comments are `Comment.Single`
and `Comment.Multiline` tokens; preprocessor text (`Comment.Preproc`) and an `#include`'s
header name (`Comment.PreprocFile`) are code. Before comparing, two known faults of the lexer
are corrected, and the number of corrections printed:
  - `#if 0` text: Pygments gives it as plain `Comment`, line by line; tree-sitter parses it
    as code, whose comments are comments (queries/c/comments.scm). So plain `Comment` is no
    comment here: each run of it is lexed again as code, with the same lexer;
  - `string-in-directive`: Pygments lexes a directive as raw text and takes a `//` or `/*`
    inside a string of it for a comment (`#define S "// x"`). The inside of each string or
    character literal of a directive line that holds such an opener is replaced by as many
    `x`s before lexing (lines and columns kept). A literal the line does not close
    (`#error don't // x`) runs to the end of the line, as gcc lexes it (and debtscan,
    src/parse/raw.rs): the `//` there is no comment either.
Then, as compare-java.py does:
  - every `todo` item debtscan reports in a C or C++ file (also the places in `related`) must
    start on a line where Pygments has a comment whose text on that line holds the tag (any
    case, a whole word), and every comment line that starts with a tag of `[markers.tags]`
    must be a marker of debtscan's: an upper-case tag followed by `:`, `(` or the end of the
    comment, or a tag in any case followed by `:` directly or after a parenthesis (README,
    "Markers"). Each line of a `/* */` comment is such a line (delimiters, a Doxygen `/**`,
    `/*!`, `///`, `//!` and a line's leading `*` stripped). Lines under `debtscan:ignore` are
    not compared;
  - each file's `code_lines` (`debtscan functions`) must equal the number of lines where
    Pygments has a non-whitespace character outside a comment token. The comment-only lines
    are counted as the comparison's size.
A difference on a line of `#if 0` text says so. No other systematic difference is known.

complexity: lizard 1.24.3 (`import lizard`; its own tokenizer and state machines, one reader
for C and C++) against debtscan's cyclomatic, said to be the same rule (headers of
queries/c/complexity.scm and queries/cpp/complexity.scm): 1 + `if`, `for`, `while`, `do …
while`, each `case`, `catch`, `?:`, each `&&` and `||`. Functions are matched by (file, last
line): lizard starts a function at its name, debtscan at the first token of the definition
(`static`, the return type); of several candidates ending on the same line the one of the same
name (its last `::` part) is taken, and lizard's first line must lie inside debtscan's unit.
Differences of definition, applied to lizard's count (a pair equal after them is explained,
under the names of the adjustments applied; each is counted in the function's lines with
lizard's own tokenizer):
  - `preprocessor-conditions`: lizard counts each `#if`, `#ifdef` and `#elif` (not `#ifndef`,
    `#else`) inside a function as a decision point; debtscan runs no preprocessor and counts
    no directive. Both count the code of every branch, `#if 0` text included;
  - `lambda-units`, `nested-units`: lizard folds every lambda and every method of a class
    declared in the function into the function; debtscan makes a lambda of `closure_lines`
    (20) lines or more a unit of its own (`f::{closure#N}`), and a local class's method too.
    Expected lizard = debtscan(function) + sum of (debtscan(u) - 1) over those units inside
    it (by lines) that lizard has no function for;
  - `declarator-conditions`: debtscan counts the decision points of the whole definition,
    also in default arguments, `noexcept(a && b)`, a trailing return type and a
    constructor's member initialisers (`: x(c ? 1 : 2)`); lizard only those of the body;
  - `alternative-operators`: debtscan's C++ rule counts `and`/`or`; lizard does not;
  - `fold-expressions`: lizard counts the operator of `(xs && ...)`, `(... || xs)`;
    debtscan does not (no `binary_expression` there);
  - `rvalue-reference`: lizard counts every `&&` token, also a reference (`auto&& x`,
    `static_cast<T&&>(y)`, `T&&...`), but takes the +1 back when an `=` comes before any of
    `;{})` (`auto&& r = x;`, also `a && (b = c)`); debtscan counts a logical `&&` only. A
    `&&` after `auto` or before `)`, `>`, `,`, `...` is taken for a reference.
A difference that `if-condition-operators` explains is no difference of definition but an
error of debtscan's, listed as a difference: debtscan counts the `&&`/`||` of an `#if`
condition (`#if defined(A) && defined(B)` inside a function adds 1), contrary to its rule
that no directive counts. Functions only lizard has are explained when lizard took a macro
with a body for a function (`TEST_CASE("x") {…}`, `TEST(a, b) {…}`: no function definition
to debtscan) or a keyword (the `catch` of a function-try-block); units only debtscan has, when
they are lambdas outside every function (a global's initialiser) or lie where lizard has no
function at all (lizard loses its way after `template <int N, bool B = (N < 19)>`; listed per
file). Every other difference is listed, grouped by what in the source likely caused it
(tree-sitter parses without the preprocessor, so macros mislead it): a preprocessor
conditional in the function, a macro with a block (`SPDLOG_TRY {`), a macro in the
declaration (`SPDLOG_INLINE T::T(…) : …`), a class with a macro before its name (`class
FMT_API x {`, read as a function), a macro alone on a line (`FMT_BEGIN_NAMESPACE`, read with
what follows as a function), a debtscan unit named after a keyword (`if`), functions inside
such a region, K&R parameter declarations, or `other`.

imports: gcc 12 (`gcc -x c -std=gnu11` for C files, `g++ -x c++ -std=gnu++17` for C++ files,
a `.h` in the language debtscan read it in) with `-I` REPO, every tracked directory named
`include`, and the ROOTs; no macro defined but the compiler's own and the `-D` arguments.
`gcc -MM -MG -H` alone does not give the direct includes: `-H` does not list a header an
include guard or `#pragma once` skips, though the file includes it. So each file is
preprocessed (`gcc -E -dI`), which prints every `#include` gcc took (`#if`/`#ifdef`/`#elif`
evaluated, `#include MACRO` expanded) with the line markers of the file gcc entered for it. A
header gcc cannot find is stubbed (an empty file in a directory searched last, `-idirafter`)
and the file preprocessed again: it reaches nothing in the repository. A directive whose
header gcc skipped is resolved alone, from the including file's directory (`-iquote` it):
`gcc -MM -MG -H` of `#include SPEC`. Edges: (file, repository file), both in debtscan's graph
(`graph --format json --no-history`: its file nodes), not a file to itself; debtscan's file
edges restricted to the same files. Differences are classified:
  only debtscan:
    - `own-header`: no directive of the file names the target, which is the header of the
      file's name beside it (`x.c`, `x.h`): debtscan links a source to its own header whether
      it includes it or not (src/graph/include.rs);
    - `inactive-branch`: each directive of the file that gcc resolves (alone) to the target
      is in a branch gcc did not take (`#ifdef _WIN32`, `#if 0`, an `-inl.h` under a
      header-only switch): debtscan counts every branch (queries/c/imports.scm);
    - `not-on-include-path`: gcc cannot find the header with the `-I` given and the target's
      path ends with what the directive names: debtscan infers the include directory from the
      tree (src/graph/include.rs); give the directory as a ROOT;
    - otherwise a difference (with gcc's resolution of the directive);
  only gcc:
    - `computed-include`: gcc took an `#include MACRO` (debtscan does not read those);
    - `ambiguous`: several files end with what the directive names, as near to the including
      file: debtscan does not break the tie;
    - `bare-angle-outside-include`: `#include <name.h>` (no directory) reaches a file that is
      not in an `include/` directory: debtscan takes it for the system's header;
    - otherwise a difference.
gcc's edges to repository files debtscan did not read (`.inc` files, ignored files) are
counted and not compared. debtscan's `unresolved` counts are not compared.

Needs: Pygments (`pip install pygments`), lizard 1.24.3 (`pip install lizard==1.24.3`), gcc
and g++ on the PATH; debtscan from $DEBTSCAN (default target/release/debtscan). Exit status
0 when everything agrees or every difference is explained, 1 otherwise (the differences are
listed).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import (closure_lines, debtscan, finish, marker_differences,  # noqa: E402
                    slash_comment_lines, todo_tags,
                    tracked as tracked_files)

C_EXTS = {"c", "h"}
CPP_EXTS = {"cpp", "cc", "cxx", "c++", "hpp", "hh", "hxx", "h++", "ipp", "tpp", "inl"}
PATTERNS = [f"*.{e}" for e in sorted(C_EXTS | CPP_EXTS)] + \
    [f"*.{e.upper()}" for e in sorted(C_EXTS | CPP_EXTS)]


def ext(path):
    return path.rsplit(".", 1)[-1].lower() if "." in os.path.basename(path) else ""


def read(repo, rel):
    with open(os.path.join(repo, rel), encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def languages(repo):
    """What debtscan read: path → "c" or "cpp", its functions (both languages), and each
    file's lines of code."""
    lang, functions, code_lines = {}, [], {}
    for name in ("c", "cpp"):
        report = debtscan(["functions", repo, "--no-cache", "--languages", name])
        for f in report["files"]:
            lang[f["path"]] = name
            code_lines[f["path"]] = f["code_lines"]
        functions += report["functions"]
    return lang, functions, code_lines


def files_of(repo, lang):
    """The tracked C and C++ files debtscan read; those it did not; differences of the `.h`
    rule."""
    tracked = tracked_files(repo, *PATTERNS)
    cpp_files = sum(1 for p in tracked if p in lang and ext(p) in CPP_EXTS)
    c_files = sum(1 for p in tracked if p in lang and ext(p) == "c")
    has_cpp = cpp_files > c_files
    files = [p for p in tracked if p in lang]
    unread = [p for p in tracked if p not in lang]
    wrong = []
    for p in files:
        want = "cpp" if ext(p) in CPP_EXTS or (ext(p) == "h" and has_cpp) else "c"
        if lang[p] != want:
            wrong.append(f"{p}: debtscan read it as {lang[p]}, the `.h` rule says {want}")
    return files, unread, wrong


def by_dir(paths):
    """Paths grouped by directory: `dir/ (N files: a.c, b.h, …)`."""
    groups = defaultdict(list)
    for p in paths:
        groups[os.path.dirname(p)].append(os.path.basename(p))
    out = []
    for d, names in sorted(groups.items()):
        shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
        out.append(f"{d or '.'}/ ({len(names)} files: {shown})")
    return out


# ---------------------------------------------------------------------------------- markers


def lex(text, lang):
    """Pygments' (type, value, first line) of every token of a C or C++ text."""
    from pygments.lexers import get_lexer_by_name

    lexer = get_lexer_by_name(lang, stripnl=False, ensurenl=False)
    out, line = [], 1
    for ttype, value in lexer.get_tokens(text):
        out.append((ttype, value, line))
        line += value.count("\n")
    return out


def tokens(text, lang):
    """The tokens of `lex`, each run of plain `Comment` (the text of an `#if 0` block) lexed
    again as code, its lines shifted; and the lines of those runs."""
    from pygments.token import Comment

    out, disabled, run = [], set(), []

    def flush():
        if not run:
            return
        first = run[0][2]
        body = "".join(v for _, v, _ in run)
        disabled.update(range(first, first + body.count("\n") + (not body.endswith("\n"))))
        out.extend((t, v, first + n - 1) for t, v, n in lex(body, lang))
        run.clear()

    for tok in lex(text, lang):
        if tok[0] is Comment:
            run.append(tok)
            continue
        flush()
        out.append(tok)
    flush()
    return out, disabled


def comment_text(ttype, value):
    """The comment a token holds (the rest of an `#include` line is one `Comment.Single`
    token, leading blanks and all, also when it holds no comment); None if none."""
    from pygments.token import Comment

    if ttype not in (Comment.Single, Comment.Multiline, Comment.Special):
        return None
    stripped = value.lstrip(" \t")
    return stripped if stripped.startswith(("//", "/*")) else None


def c_comment_lines(line, text):
    """A comment's lines as C and C++ read them: Doxygen's `!` stripped too."""
    return slash_comment_lines(line, text, doxygen=True)


LITERAL = re.compile(r'(?P<q>["\'])(?P<inner>(?:\\.|(?!(?P=q))[^\\\n])*)(?P<end>(?P=q)?)|//|/\*')


def blank_directive_strings(text):
    """TEXT with the inside of each string or character literal of a preprocessor line that
    holds a comment opener replaced by as many `x`s, lines and columns unchanged; and (line,
    literal) of each. Pygments reads a directive as raw text and takes the opener for a
    comment (`#define S "// x"`). A literal the line does not close (`#error don't // x`)
    runs to the end of the line: so gcc lexes it, and debtscan too (src/parse/raw.rs)."""
    lines = text.split("\n")
    found, directive = [], False
    for k, line in enumerate(lines):
        directive = directive or line.lstrip().startswith("#")
        if directive:
            out, at = [], 0
            for m in LITERAL.finditer(line):
                if not m.group("q"):
                    break  # a comment: the rest of the line is not looked at
                inner = m.group("inner")
                if "//" in inner or "/*" in inner:
                    found.append((k + 1, m.group(0).rstrip("\r")))
                    out.append(line[at:m.start()] + m.group("q") + "x" * len(inner)
                               + m.group("end"))
                else:
                    out.append(line[at:m.end()])
                at = m.end()
            lines[k] = "".join(out) + line[at:]
        directive = directive and line.rstrip("\r").endswith("\\")
    return "\n".join(lines), found


def markers(repo):
    report = debtscan(["todos", repo, "--no-history", "--no-cache"])
    lang, _, measured = languages(repo)
    files, unread, wrong = files_of(repo, lang)
    ours = todo_tags(report, lambda path: path in lang)
    differ, blanked = list(wrong), []
    comments, tagged, comment_only, code_agree, disabled_lines = 0, 0, 0, 0, 0
    for rel in files:
        text, strings = blank_directive_strings(read(repo, rel))
        blanked += [f"{rel}:{line}: {literal}" for line, literal in strings]
        toks, disabled = tokens(text, lang[rel])
        disabled_lines += len(disabled)
        by_line, ignored = defaultdict(list), set()
        code, commented = set(), set()
        for ttype, value, line in toks:
            found = comment_text(ttype, value)
            if found is None:
                for k, part in enumerate(value.split("\n")):
                    if part.strip():
                        code.add(line + k)
                continue
            body = found
            comments += 1
            if "debtscan:ignore" in body:
                ignored.update(range(line, line + body.count("\n") + 2))
            for n, part in c_comment_lines(line, body):
                by_line[n].append(part)
                commented.add(n)
        comment_only += len(commented - code)

        def where(line):
            return " (in `#if 0` text)" if line in disabled else ""

        found, no_comment, no_marker = marker_differences(rel, ours, by_line, ignored)
        tagged += found
        differ.extend(row + where(line) for line, row in no_comment + no_marker)
        if measured[rel] == len(code):
            code_agree += 1
        else:
            differ.append(f"{rel}: debtscan {measured[rel]} lines of code, Pygments "
                          f"{len(code)} (lines with code outside comments)"
                          + (" (file with `#if 0` text)" if disabled else ""))
    for path, line in ours:
        if path not in set(files):
            differ.append(f"{path}:{line}: debtscan marker in a file not compared")
    n = sum(len(t) for t in ours.values())
    by_lang = defaultdict(int)
    for p in files:
        by_lang[lang[p]] += 1
    ok = finish(f"{repo}: {by_lang['c']} C and {by_lang['cpp']} C++ files lexed by Pygments "
                f"({disabled_lines} lines of `#if 0` text lexed again as code, "
                f"{len(blanked)} strings in directives blanked), {comments} comments "
                f"({comment_only} comment-only lines, {tagged} comment lines starting with a "
                f"tag), {n} markers from debtscan; lines of code agree in {code_agree} of "
                f"{len(files)} files", "not read by debtscan, not compared", by_dir(unread),
                differ)
    if blanked:
        print(f"  Pygments corrected, string-in-directive (a comment opener in a string of a "
              f"directive): {len(blanked)}")
        for row in blanked:
            print(f"    {row}")
    return ok


# ------------------------------------------------------------------------------- complexity

# What lizard's C/C++ reader counts (lizard_languages/code_reader.py, 1.24.3).
LIZARD_CONDITIONS = {"if", "for", "while", "catch", "case", "?", "&&", "||"}
MACRO = r"\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"
KEYWORDS = {"if", "else", "for", "while", "do", "switch", "case", "catch", "return", "sizeof"}


def lizard_units(repo, rel, lang):
    """lizard's functions of a file, and lizard's tokens with their lines."""
    import lizard
    from lizard_languages import CLikeReader

    code = read(repo, rel)
    name = rel if ext(rel) in CLikeReader.ext else f"{rel}.{'c' if lang == 'c' else 'cpp'}"
    info = lizard.analyze_file.analyze_source_code(name, code)
    toks, line = [], 1
    for t in CLikeReader.generate_tokens(code):
        toks.append((t, line))
        line += t.count("\n")
    return info.function_list, toks


def last_name(symbol):
    """The last `::` part of a name, without template arguments."""
    symbol = re.sub(r"<[^<>]*>", "", symbol.split("{closure#")[0].rstrip(":"))
    return re.split(r"::|\.", symbol)[-1].strip()


def split_at_body(toks, start, end):
    """The code tokens of lines START..END before the body's `{` (the declarator: parameters,
    `noexcept(…)`, a trailing return type, a constructor's member initialisers) and from it."""
    seq = [t for t, line in toks if start <= line <= end and not t.isspace()
           and not t.startswith(("//", "/*", "#"))]
    depth, init, prev = 0, False, None
    for k, t in enumerate(seq):
        if t in ("(", "["):
            depth += 1
        elif t in (")", "]"):
            depth -= 1
        elif t == ":" and depth == 0:
            init = True
        elif t == "{":
            # In a member initialiser list `x{…}` initialises a member; else `{` is the body.
            if depth == 0 and not (init and prev and (re.match(r"^\w+$", prev) or prev == ">")):
                return seq[:k], seq[k:]
            depth += 1
        elif t == "}":
            depth -= 1
        prev = t
    return seq, []


def kind_of_and(seq, k):
    """What the `&&` or `||` at SEQ[K] is: "fold" (`(xs && ...)`, `(... || xs)`), "rvalue" (a
    reference: `auto&& x`, `U&&>`, `T&&...`, `T&&)`, `T&&,`) or "logical"."""
    prev = seq[k - 1] if k else ""
    nxt = seq[k + 1] if k + 1 < len(seq) else ""
    after = seq[k + 2] if k + 2 < len(seq) else ""
    if (nxt == "..." and after == ")") or (prev == "..." and k > 1 and seq[k - 2] == "("):
        return "fold"
    if seq[k] == "&&" and (prev == "auto" or nxt in (")", ">", ">>", ",", "...")):
        return "rvalue"
    return "logical"


# Adjustments that stand for an error of debtscan's, not a difference of definition.
BUGS = {"if-condition-operators"}


def adjustments(toks, start, end, cpp):
    """What lizard counts in lines START..END and debtscan does not (positive), or the other
    way (negative): [(name, amount)]."""
    inner = [t for t, line in toks if start <= line <= end]
    directives_ = [t for t in inner if re.match(r"#\s*(if|ifdef|elif)(?!\w)", t)]
    # debtscan counts the `&&` and `||` of an `#if` condition (not lizard: a directive is one
    # token to it).
    in_conditions = sum(len(re.findall(r"&&|\|\|", re.sub(r"/\*.*?\*/|//.*", "", t, flags=re.S)))
                        for t in directives_ if not re.match(r"#\s*ifdef", t))
    head, body = split_at_body(toks, start, end)
    # debtscan counts decision points of the declarator (default arguments, `noexcept(a &&
    # b)`, `: x(c ? 1 : 2)`), lizard only those of the body.
    declarator = sum(1 for k, t in enumerate(head) if t in LIZARD_CONDITIONS and not (
        t in ("&&", "||") and kind_of_and(head, k) != "logical"))
    alternative = sum(1 for t in head + body if t in ("and", "or")) if cpp else 0
    folds = sum(1 for k, t in enumerate(body) if t in ("&&", "||")
                and kind_of_and(body, k) == "fold")
    # lizard's CppRValueRefStates: after `&&`, an `=` before any of `;{})` takes its +1 back.
    lizard_and, ours_and, reading = 0, 0, False
    for k, t in enumerate(body):
        if reading and t in ("=", ";", "{", "}", ")"):
            lizard_and -= t == "="
            reading = False
        elif t == "&&" and kind_of_and(body, k) != "fold":
            lizard_and += 1
            ours_and += kind_of_and(body, k) == "logical"
            reading = True
    return [("preprocessor-conditions", len(directives_)),
            ("if-condition-operators", -in_conditions),
            ("declarator-conditions", -declarator), ("alternative-operators", -alternative),
            ("fold-expressions", folds), ("rvalue-reference", lizard_and - ours_and)]


def cause(lines, start, end):
    """What in lines START..END may make debtscan (tree-sitter, which does not run the
    preprocessor) parse them otherwise than a compiler, or lizard otherwise than debtscan."""
    text = "\n".join(lines[max(start - 2, 0):end])
    if re.search(r"^\s*#\s*(if|ifdef|ifndef|elif|else)\b", text, re.M):
        return "preprocessor conditional inside the function (tree-sitter: all branches as code)"
    if re.search(MACRO + r"\s*(\([^()]*\))?\s*\{", "\n".join(lines[start:end])):
        return "macro with a block in the body (`SPDLOG_TRY {`, `FMT_TRY {`)"
    if re.search(MACRO, "\n".join(lines[max(start - 2, 0):start])):
        return "macro in the declaration (`SPDLOG_INLINE T::T(…)`, `FMT_CONSTEXPR`)"
    return "other"


def misparsed(lines, u):
    """Why a debtscan unit may be no function at all, or None."""
    if last_name(u["symbol"]) in KEYWORDS:
        return "a unit named after a keyword (tree-sitter's error recovery)"
    first = lines[u["start_line"] - 1].strip() if u["start_line"] <= len(lines) else ""
    if re.fullmatch(MACRO + r"(\s*\([^()]*\))?\s*", first):
        return ("a macro alone on a line (`FMT_BEGIN_NAMESPACE`) read with what follows as a "
                "function")
    if re.search(r"\b(class|struct|union)\s+" + MACRO + r"\s+\w+", first):
        return "a class with a macro before its name (`class SPDLOG_API x {`) read as a function"
    return None


def complexity(repo):
    lang, functions, _ = languages(repo)
    files, unread, wrong = files_of(repo, lang)
    large = closure_lines(repo)
    ours = defaultdict(list)
    for f in functions:
        ours[f["path"]].append(f)
    differ, explained = [f"[debtscan's languages] {w}" for w in wrong], defaultdict(list)
    agree, compared, n_lizard, n_ours, n_folded = 0, 0, 0, 0, 0
    failed, lost = [], defaultdict(list)

    def inside(v, u):
        return v is not u and u["start_line"] <= v["start_line"] and \
            v["end_line"] <= u["end_line"]

    for rel in files:
        try:
            theirs, toks = lizard_units(repo, rel, lang[rel])
        except Exception as e:  # lizard's own failure: the file is not compared
            failed.append(f"{rel} ({type(e).__name__}: {e})")
            continue
        lines = read(repo, rel).replace("\r\n", "\n").split("\n")
        mine = ours.get(rel, [])
        n_lizard += len(theirs)
        n_ours += len(mine)
        # Match: the same last line, lizard's first line (the name) inside debtscan's unit.
        pairs, matched, only_lizard = [], set(), []
        for fn in theirs:
            cands = [u for u in mine if u["end_line"] == fn.end_line and "{closure#" not in
                     u["symbol"] and u["start_line"] <= fn.start_line and id(u) not in matched
                     and not misparsed(lines, u)]
            if len(cands) > 1:
                named = [u for u in cands if last_name(u["symbol"]) == last_name(fn.name)]
                cands = named or sorted(cands, key=lambda u: -u["start_line"])[:1]
            if cands:
                matched.add(id(cands[0]))
                pairs.append((fn, cands[0]))
            else:
                only_lizard.append(fn)
        for fn, u in pairs:
            compared += 1
            # debtscan units lizard folds into this function: its lambdas of `closure_lines`
            # or more, and the methods of a class declared in it.
            folded = [v for v in mine if id(v) not in matched and inside(v, u) and not any(
                inside(v, w) and inside(w, u) for w in mine if id(w) in matched)
                and not misparsed(lines, v)]
            n_folded += len(folded)
            for v in folded:
                if "{closure#" in v["symbol"] and v["end_line"] - v["start_line"] + 1 < large:
                    differ.append(f"[lambda unit under closure_lines] {rel}:{v['start_line']}-"
                                  f"{v['end_line']} {v['symbol']}: a lambda of "
                                  f"{v['end_line'] - v['start_line'] + 1} lines is a unit")
            lam = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" in v["symbol"])
            nested = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" not in v["symbol"])
            for v in folded:
                matched.add(id(v))
            adj = [("lambda-units", lam), ("nested-units", nested)] + \
                adjustments(toks, fn.start_line, fn.end_line, lang[rel] == "cpp")
            raw = fn.cyclomatic_complexity
            nonzero = [(n, a) for n, a in adj if a]
            if u["cyclomatic"] == raw and not nonzero:
                agree += 1
                continue
            # The adjustments that explain the difference: the largest set of them that does.
            hit = None
            for mask in range(1 << len(nonzero)):
                chosen = [nonzero[k] for k in range(len(nonzero)) if mask >> k & 1]
                if raw - sum(a for _, a in chosen) == u["cyclomatic"] and \
                        (hit is None or len(chosen) > len(hit)):
                    hit = chosen
            what = (f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}: debtscan "
                    f"{u['cyclomatic']}, lizard {raw}")
            if hit == []:
                agree += 1
            elif hit and not any(n in BUGS for n, _ in hit):
                explained[" + ".join(n for n, _ in hit)].append(
                    what + " (" + ", ".join(f"{n} {a:+d}" for n, a in hit) + ")")
            else:
                note = ", ".join(f"{n} {a:+d}" for n, a in (hit or nonzero))
                if hit:
                    why = "debtscan counts the `&&`/`||` of an `#if` condition"
                elif last_name(u["symbol"]) != last_name(fn.name):
                    why = "declaration misparsed (debtscan's name is not the function's)"
                else:
                    why = cause(lines, u["start_line"], u["end_line"])
                differ.append(f"[cyclomatic: {why}] {what}"
                              + (f" (adjustments{'' if hit else ' found, not enough'}: {note})"
                                 if note else ""))
        only_ours = [u for u in mine if id(u) not in matched]
        functions_ = [u for u in mine if "{closure#" not in u["symbol"]]
        for fn in only_lizard:
            span = {"start_line": fn.start_line, "end_line": fn.end_line}
            where = f"{rel}:{fn.start_line}-{fn.end_line} {fn.long_name[:70]}"
            if re.fullmatch(r"[A-Z][A-Z0-9_]*", last_name(fn.name)):
                explained["only lizard, a macro with a body (`TEST_CASE(…) {…}`, `TEST(a, b) "
                          "{…}`): no function definition to debtscan"].append(
                    f"{where} = {fn.cyclomatic_complexity}")
                continue
            if last_name(fn.name) in KEYWORDS:
                explained["only lizard, a keyword taken by lizard for a function (`catch` of a "
                          "function-try-block)"].append(where)
                continue
            if lang[rel] == "c" and knr(lines, fn):
                why = "K&R parameter declarations"
            elif any(inside(span, u) for u in only_ours if "{closure#" not in u["symbol"]):
                why = "inside a region debtscan read as one function (see its entry)"
            else:
                why = cause(lines, fn.start_line, fn.end_line)
            differ.append(f"[only lizard: {why}] {where}: lizard has it (CCN "
                          f"{fn.cyclomatic_complexity}), debtscan does not")
        for u in only_ours:
            where = f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}"
            closure = "{closure#" in u["symbol"]
            if closure and not any(inside(u, w) for w in functions_):
                explained["debtscan lambda unit outside every function (no lizard unit)"].append(
                    f"{where} = {u['cyclomatic']}")
                continue
            if closure and u["end_line"] - u["start_line"] + 1 < large:
                differ.append(f"[lambda unit under closure_lines] {where}: a lambda of "
                              f"{u['end_line'] - u['start_line'] + 1} lines is a debtscan unit")
            why = misparsed(lines, u)
            if why is None:
                span = [fn for fn in only_lizard if fn.start_line <= u["start_line"]
                        and u["end_line"] <= fn.end_line]
                if span:
                    why = "inside a function only lizard has (a local class's method, a lambda)"
                    where += f" (in {span[0].name}, lines {span[0].start_line}-" \
                             f"{span[0].end_line})"
                elif not any(fn.start_line <= u["end_line"] and u["start_line"] <= fn.end_line
                             for fn in theirs):
                    lost[rel].append(u)
                    continue
                else:
                    why = cause(lines, u["start_line"], u["end_line"])
            differ.append(f"[only debtscan: {why}] {where}: debtscan has it (cyclomatic "
                          f"{u['cyclomatic']}), lizard does not")
    for rel, us in sorted(lost.items()):
        explained["only debtscan, no lizard function on these lines (lizard lost its way, e.g. "
                  "after `template <int N, bool B = (N < 19)>`)"].append(
            f"{rel}: {len(us)} units in lines {min(u['start_line'] for u in us)}-"
            f"{max(u['end_line'] for u in us)}, e.g. {us[0]['symbol']}")
    for path in sorted(set(ours) - set(files)):
        differ.append(f"[not compared] {path}: debtscan functions in a file not compared")
    differ.sort(key=lambda d: d.split("]")[0])
    n_explained = sum(len(v) for k, v in explained.items()
                      if not k.startswith(("debtscan", "only")))
    n_cyc = sum(d.startswith("[cyclomatic") for d in differ)
    ok = finish(f"{repo}: {len(files)} C/C++ files, {n_ours} debtscan units, {n_lizard} lizard "
                f"functions; {compared} matched by last line ({n_folded} more debtscan lambda "
                f"or nested units folded into them): {agree} equal, {n_explained} equal after "
                f"the adjustments listed below, {n_cyc} differ; the other differences are "
                "functions only one side has", "not compared",
                failed + [f"{p} (not read by debtscan)" for p in by_dir(unread)], differ)
    causes = defaultdict(int)
    for d in differ:
        causes[d[1:].split("]")[0]] += 1
    for c, n in sorted(causes.items()):
        print(f"  differences, {c}: {n}")
    for cat, rows in sorted(explained.items()):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows:
            print(f"    {row}")
    return ok


def knr(lines, fn):
    """Whether lizard's function has K&R parameter declarations (`int f(a, b) int a; {`)."""
    head = "\n".join(lines[fn.start_line - 1:fn.end_line]).split("{", 1)[0]
    return ")" in head and ";" in head.rsplit(")", 1)[1]


# ---------------------------------------------------------------------------------- imports

DIRECTIVE = re.compile(r'^[ \t]*#[ \t]*(include|include_next|import)[ \t]*(["<][^">]*[">])?(.*)$')
MARKER = re.compile(r'^# (\d+) "((?:[^"\\]|\\.)*)"((?: \d+)*)\s*$')


def directives(text):
    """(line, spec as written with its quotes or brackets, or None for `#include MACRO`) of
    every include directive of a file, in every branch."""
    out, logical, first = [], "", 0
    for k, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if not logical:
            first = k
        if line.endswith("\\"):
            logical += line[:-1]
            continue
        logical += line
        m = DIRECTIVE.match(logical)
        if m:
            out.append((first, m.group(2).strip() if m.group(2) else None))
        logical = ""
    return out


class Gcc:
    """gcc for one repository: which includes it takes, and where a directive leads."""

    def __init__(self, repo, roots, defines):
        self.repo = os.path.realpath(repo)
        self.flags = [f"-I{os.path.join(self.repo, r)}" for r in roots] + defines
        self.tmp = tempfile.mkdtemp(prefix="compare-c-")
        # Stubs of the headers gcc cannot find: deep enough that `../x.h` stays inside.
        self.stubs = os.path.join(self.tmp, "stubs", "a", "b", "c", "d")
        os.makedirs(self.stubs)
        self.cache = {}

    def compiler(self, lang):
        return ["gcc", "-x", "c", "-std=gnu11"] if lang == "c" else \
            ["g++", "-x", "c++", "-std=gnu++17"]

    def rel(self, path):
        """A path gcc printed, relative to the repository; None outside it; "" for a stub."""
        full = os.path.normpath(os.path.join(self.repo, path))
        if full.startswith(os.path.join(self.tmp, "")):
            return ""
        if not full.startswith(os.path.join(self.repo, "")):
            return None
        return os.path.relpath(full, self.repo)

    def preprocess(self, rel, lang):
        """The include directives gcc took in file REL: [(spec as gcc prints it, the file gcc
        entered for it or None)], and an error if gcc failed for another reason than a
        missing header."""
        stubbed = set()
        while True:
            res = subprocess.run([*self.compiler(lang), "-E", "-dI", "-w", *self.flags,
                                  "-idirafter", self.stubs, rel],
                                 cwd=self.repo, capture_output=True, text=True, errors="replace")
            m = re.search(r"fatal error: (.+?): No such file or directory", res.stderr)
            if not m:
                break
            name = m.group(1)
            path = os.path.normpath(os.path.join(self.stubs, name))
            if name in stubbed or not path.startswith(os.path.join(self.tmp, "")):
                return None, res.stderr.strip().splitlines()[-1]
            stubbed.add(name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            open(path, "a").close()
        if res.returncode != 0 and not res.stdout:
            return None, (res.stderr.strip().splitlines() or ["exit"])[-1]
        out, current, pending = [], None, None
        for line in res.stdout.split("\n"):
            m = MARKER.match(line)
            if m:
                path, flags = m.group(2), m.group(3).split()
                if pending is not None and "1" in flags:
                    out.append((pending, self.rel(path)))
                    pending = None
                    current = path
                    continue
                if pending is not None and not (path == current and not flags):
                    out.append((pending, "?"))
                    pending = None
                current = path
                continue
            if pending is not None and line.strip():
                out.append((pending, "?"))
                pending = None
            d = re.match(r"^#(include|include_next|import) (.*)$", line)
            if d and current == rel:
                pending = d.group(2).strip()
        if pending is not None:
            out.append((pending, "?"))
        return out, None

    def resolve(self, rel, spec, lang):
        """The file a directive `#include SPEC` of file REL reaches, gcc alone deciding
        (`-MM -MG -H`, `-iquote` the file's directory): a repository path, None outside it,
        "missing" when gcc cannot find it."""
        key = (os.path.dirname(rel), spec, lang)
        if key in self.cache:
            return self.cache[key]
        res = subprocess.run([*self.compiler(lang), "-MM", "-MG", "-H", "-w", "-iquote",
                              os.path.join(self.repo, os.path.dirname(rel)), *self.flags, "-"],
                             input=f"#include {spec}\n", cwd=self.tmp, capture_output=True,
                             text=True, errors="replace")
        found = "missing"
        for line in res.stderr.splitlines():
            if line.startswith(". "):
                found = self.rel(line[2:].strip())
                break
        self.cache[key] = found
        return found

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def include_dirs(repo):
    """The tracked directories named `include` (outside vendored directories)."""
    dirs = set()
    for p in tracked_files(repo):
        parts = p.split("/")[:-1]
        dirs.update("/".join(parts[:k + 1]) for k, d in enumerate(parts) if d == "include")
    return sorted(dirs)


def norm_spec(spec):
    return spec.strip()[1:-1].strip() if spec and len(spec) >= 2 else spec


def imports(repo, *args):
    roots = ["."] + include_dirs(repo)
    defines = [a for a in args if a.startswith("-D")]
    roots += [a.rstrip("/") for a in args if not a.startswith("-D")]
    lang, _, _ = languages(repo)
    files, unread, wrong = files_of(repo, lang)
    report = debtscan(["graph", repo, "--no-cache", "--no-history"])
    nodes = {n["id"] for n in report["nodes"]}
    files = [f for f in files if f in nodes]
    fileset = set(files)
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in fileset and e["to"] in fileset}
    gcc = Gcc(repo, roots, defines)
    print(f"  gcc -I: {' '.join(roots)}" + (f"; {' '.join(defines)}" if defines else ""))
    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 4) as pool:
            taken = dict(zip(files, pool.map(lambda f: gcc.preprocess(f, lang[f]), files)))
        theirs, outside, failed, took = set(), defaultdict(set), [], defaultdict(set)
        for rel in files:
            out, error = taken[rel]
            if out is None:
                failed.append(f"{rel} ({error})")
                continue
            for spec, target in out:
                took[rel].add(spec)
                if target == "?":
                    target = gcc.resolve(rel, spec, lang[rel])
                if target and target not in ("missing", rel):
                    if target in fileset:
                        theirs.add((rel, target))
                    else:
                        outside[target].add(rel)
        failed_set = {f.split(" (")[0] for f in failed}
        ours = {(a, b) for a, b in ours if a not in failed_set}
        all_paths = tracked_files(repo)
        differ, explained = list(wrong), defaultdict(list)
        for a, b in sorted(ours - theirs):
            ds = [(line, s) for line, s in directives(read(repo, a)) if s]
            hits = [(line, s) for line, s in ds if gcc.resolve(a, s, lang[a]) == b]
            named = [(line, s) for line, s in ds
                     if b == norm_spec(s) or b.endswith("/" + os.path.normpath(norm_spec(s)))
                     or os.path.normpath(os.path.join(os.path.dirname(a), norm_spec(s))) == b]
            if not hits and own_header(a, b):
                explained["only debtscan, own-header"].append(f"{a} -> {b}")
            elif hits and all(s not in took[a] for _, s in hits):
                explained["only debtscan, inactive-branch"].append(
                    f"{a} -> {b} (line {', '.join(str(line) for line, _ in hits)})")
            elif named and all(gcc.resolve(a, s, lang[a]) == "missing" for _, s in named):
                explained["only debtscan, not-on-include-path"].append(
                    f"{a} -> {b} ({', '.join(s for _, s in named)})")
            else:
                other = {s: gcc.resolve(a, s, lang[a]) for _, s in named}
                note = "; ".join(f"gcc resolves {s} to {t or 'a file outside the repository'}"
                                 for s, t in other.items())
                differ.append(f"only debtscan: {a} -> {b}" + (f" ({note})" if note else ""))
        for a, b in sorted(theirs - ours):
            written = {s for _, s in directives(read(repo, a)) if s}
            specs = [s for s in took[a] if gcc.resolve(a, s, lang[a]) == b or
                     b.endswith("/" + norm_spec(s)) or b == norm_spec(s)]
            name = specs[0] if specs else ""
            cands = [p for p in all_paths if p in fileset and
                     (p == norm_spec(name) or p.endswith("/" + norm_spec(name)))] if name else []
            if specs and all(s not in written for s in specs):
                explained["only gcc, computed-include"].append(f"{a} -> {b} ({name})")
            elif name.startswith("<") and "/" not in norm_spec(name) and \
                    os.path.basename(os.path.dirname(b)) != "include":
                explained["only gcc, bare-angle-outside-include"].append(f"{a} -> {b} ({name})")
            elif len(cands) > 1 and tie(a, b, cands):
                explained["only gcc, ambiguous"].append(
                    f"{a} -> {b} ({name}: {', '.join(cands)})")
            else:
                differ.append(f"only gcc: {a} -> {b}" + (f" ({name})" if name else ""))
        n_out = sum(len(v) for v in outside.values())
        ok = finish(f"{repo}: {len(files)} C/C++ files preprocessed by gcc ({len(failed)} "
                    f"failed), {len(theirs)} direct file edges from gcc, {len(ours)} from "
                    f"debtscan, {len(ours & theirs)} agree; {n_out} gcc edges to "
                    f"{len(outside)} repository files debtscan did not read",
                    "not compared",
                    failed + [f"{p} (not read by debtscan)" for p in by_dir(unread)],
                    differ)
        for target, sources in sorted(outside.items()):
            print(f"  gcc reaches {target} (not read by debtscan) from {len(sources)} files")
        for cat, rows in sorted(explained.items()):
            print(f"  explained, {cat}: {len(rows)}")
            for row in rows:
                print(f"    {row}")
        return ok
    finally:
        gcc.close()


def own_header(a, b):
    """Whether B is the header of A's name beside it (`x.c`, `x.h`): debtscan's graph links a
    C or C++ source to it whether the source includes it or not (src/graph/include.rs)."""
    stem, dot, e = a.rpartition(".")
    return bool(dot) and e.lower() in ("c", "cc", "cpp", "cxx", "c++") and \
        b.rpartition(".")[0] == stem and ext(b) in ("h", "hpp", "hh", "hxx", "h++")


def tie(a, b, cands):
    """Whether B is one of several candidates at the same (largest) number of directories
    shared with A's, the tie debtscan does not break."""
    def shared(p):
        x, y = os.path.dirname(p).split("/"), os.path.dirname(a).split("/")
        n = 0
        for u, v in zip(x, y):
            if u != v or not u:
                break
            n += 1
        return n
    best = max(shared(p) for p in cands)
    return shared(b) == best and sum(shared(p) == best for p in cands) > 1


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) < 3 or sys.argv[1] not in commands or \
            (sys.argv[1] != "imports" and len(sys.argv) != 3):
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](*sys.argv[2:])
    sys.exit(0 if ok else 1)
