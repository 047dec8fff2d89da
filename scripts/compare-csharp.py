#!/usr/bin/env python3
r'''Checks debtscan's C# support against readers that share nothing with tree-sitter.

  scripts/compare-csharp.py markers REPO       markers and lines of code against Pygments
  scripts/compare-csharp.py complexity REPO    cyclomatic complexity against lizard
  scripts/compare-csharp.py imports REPO       file edges against a second reading of the
                                               sources (regular expressions over Pygments'
                                               tokens; no compiler)

Files: the `.cs` files git tracks, outside the walk's vendored directories, that debtscan read
(the `files` of `debtscan functions --format json`); tracked files its walk left out are
listed and not compared.

String literals. C# has four kinds whose text looks like code: verbatim `@"…"` (`""` is a
quote), interpolated `$"…{hole}…"` (a hole is code, with its own strings and comments), raw
`"""…"""` (C# 11, any number of quotes) and raw interpolated `$$"""…{{hole}}…"""`. Pygments'
CSharpLexer (2.20) reads the first two as one string token, hole included, and the raw ones
not at all: `"""` is an empty string and a quote, so the raw string's text is lexed as code
(`// x` in it becomes a comment), and a hole holding a string (`$"{(a ? "/*" : "b")}"`) ends
the string early and can start a false comment that runs on. A comment in a hole
(`$"{x /* c */}"`), which C# and tree-sitter both read as a comment, is part of the string to
Pygments. So before any check the script's own scanner of C# literals (`mask` below: escapes,
verbatim, raw with its quote count, interpolation with `$` count and nested holes) replaces
every non-whitespace character of a literal's text and delimiters with `~` (lines, columns and
whitespace kept), leaving the code of holes as it is. Pygments then lexes the masked text; the
number of lines whose comments or code that changed is printed (`corrections`).

markers: Pygments' CSharpLexer (`get_lexer_by_name('csharp', stripnl=False,
ensurenl=False)`: the defaults shift line numbers) gives the comments: `Comment.Single` (also
`///` XML documentation) and `Comment.Multiline` tokens. Directives are `Comment.Preproc` to
Pygments, code to debtscan and here; a `// …` after a directive is a comment in C# (a
directive's line may end with a single-line comment) except after `#region`, `#endregion`,
`#error`, `#warning`, whose rest of the line is the directive's message: those comments are
added (counted as corrections). Then, as compare-java.py does:
  - every `todo` item debtscan reports in a `.cs` file (also the places in `related`) must
    start on a line where Pygments has a comment whose text on that line holds the tag (any
    case, a whole word), and every comment line that starts with a tag of `[markers.tags]`
    must be a marker of debtscan's: an upper-case tag followed by `:`, `(` or the end of the
    comment, or a tag in any case followed by `:` directly or after a parenthesis (README,
    "Markers"). Each line of a `/* */` comment is such a line (delimiters, the `/` of `///`
    and a line's leading `*` stripped); lines under `debtscan:ignore` are not compared;
  - each file's `code_lines` (`debtscan functions`) must equal the number of lines where
    Pygments has a non-whitespace character outside a comment token (a string's text counts
    as code, a line of whitespace inside a verbatim or raw string does not). The comment-only
    lines are counted as the comparison's size.

complexity: lizard 1.24.3 (`import lizard`; its own tokenizer and state machines, the C# reader
of lizard_languages/csharp.py) against debtscan's cyclomatic (header of
queries/csharp/complexity.scm): 1 + `if` + `for` + `foreach` + `while` + `do` + each `case`
label + each switch-expression arm but a discard `_ =>` + `catch` + `?:` + each `&&`, `||`,
`??`. lizard counts `if for while catch case ? ?? && ||` tokens (a `do … while` is its `while`;
`when`, `else`, `default`, `switch` no more than debtscan). Functions are matched by (file,
last line): lizard starts a function at its name, debtscan at its first attribute or
modifier; of several candidates ending on the same line the one of the same name (the last
`.`/`::` part; lizard writes `operator +`, debtscan `operator+`) is taken, and lizard's first
line must lie inside debtscan's unit. Differences of definition, applied to lizard's count,
each counted in the function's lines with lizard's own tokens (lizard.CSharpReader's
tokenizer, comments dropped); a pair equal after them is explained, under the names of the
adjustments applied:
  - `foreach`: debtscan counts each `foreach` (a loop whatever its syntax), lizard does not;
  - `switch-expression-arms`: debtscan counts each arm of `x switch { … }` but `_ =>`; lizard
    sees no arms. An arm is the first `=>` at the braces' own depth after the `{` or a `,`
    (a lambda in an arm is deeper or later); `switch` followed by `{` is an expression,
    by `(` a statement;
  - `interpolation-holes`: lizard's tokenizer reads an interpolated string as one token, so
    the `?:`, `??`, `&&`, `||` in its holes (`$"{(a ? b : c)}"`) count to debtscan only;
  - `nullable-and-null-conditional`: lizard counts every `?` token, also a nullable type
    (`int? x`, `(string?)y`, `T?[]`; inside `<…>` lizard's tokenizer swallows it) and the
    null-conditional `a?.b`, `a?[i]`; debtscan counts `?:` only. A `?` is taken for a `?:`
    unless the next token is one of `. [ ] ) , > ; =` or an identifier followed by one of
    `= ; , ) { } => in`, and otherwise when a `:` follows at the same depth before `; { }`;
  - `null-coalescing-assignment`: lizard counts `??=` (its tokens `??` `=`); debtscan does
    not;
  - `goto-case`: lizard counts the `case` of `goto case 1;`; debtscan counts no jump;
  - `preprocessor-conditions`: lizard counts each `#if` and `#elif`; debtscan no directive;
  - `declarator-conditions`: debtscan counts the whole declaration, also a constructor's
    `: base(a ?? b)` and a default argument; lizard only the body (after the `{` or `=>`);
  - `lambda-units`, `nested-units`: lizard folds every lambda, anonymous method and local
    function into the function around it; debtscan makes a local function a unit of its own
    (`M.Local`), and a lambda of `closure_lines` (20) lines or more (`M.{closure#N}`).
    Expected lizard = debtscan(function) + sum of (debtscan(u) - 1) over those units inside
    it (by lines) that lizard has no function for.
Units only debtscan has are explained when they are accessors (`get`, `set`, `init`, `add`,
`remove`: lizard's C# reader makes no function of a block without parameters) or lambdas
outside every function (a field's initialiser); functions only lizard has when lizard took a
keyword for a name (`add { if (x) { … } }` gives lizard a function `if`). Every other
difference is listed. lizard's tokenizer also does not know raw strings (`"""…"""` becomes
several strings and code): a function with one is marked.

imports: no compiler is installed (no dotnet, no Roslyn), so this is no semantic oracle but a
second reading that shares nothing with tree-sitter: the masked text above, lexed by Pygments,
comments dropped, read with a brace counter and regular expressions:
  - `namespace A.B {` and `namespace A.B;` (nested blocks joined: `A` then `B` is `A.B`),
    the types declared directly in a namespace or at the top level (`class`, `struct`,
    `interface`, `enum`, `record` [`class`|`struct`], `delegate` [its name: the identifier
    before `(` or `<`]), and the `using` directives outside every type (`[global] using
    [static] [Alias =] A.B;`; `using (`, `using var` are statements);
  - a file sees by its simple name a type declared in one of its own namespaces or any
    enclosing one (`A.B.C` sees `A.B` and `A`), in a namespace of one of its `using`s or of
    any file's `global using`; `using static T;` and `using X = T;` link to the files that
    declare T (its longest prefix that is a type: a nested type's owner);
  - the names a file uses: every identifier of its code (outside comments and literal text,
    holes included) but the names it declares itself; plus each dotted chain `A.B.T` whose
    prefix is a namespace some file declares and T a type declared there;
  - an attribute `[Foo]` names `FooAttribute` too (C#'s suffix rule).
An edge a → b: a uses a name that b declares in a namespace a sees (or names b's type by its
full name), a ≠ b. debtscan's `graph --format json --no-history` file edges (all kinds, test
edges included) are compared with them. The reader is coarse where a compiler is exact: an
identifier is taken for a type wherever it appears (a member, a parameter or a method named
like a type counts; `nameof(Foo)` counts), overload and generic resolution are absent, and a
file with several namespace blocks sees the union of them. Differences are classified by the
shapes the name takes in the using file (tokens around each use):
  only debtscan:
    - `first-namespace-only`: the file declares several namespaces; debtscan reads it as in
      its first (src/graph/csharp.rs), the oracle sees the union;
    - otherwise unexplained (listed);
  only the oracle (categories name where the uses stand; debtscan's queries/csharp/imports.scm
  captures a name as a declaration's or parameter's `type:`, a `returns:`, a base type, a type
  argument, an attribute, `typeof`, and the capitalised qualifier `Foo.Bar`):
    - `member-or-variable-name`: every use follows a `.` (`x.Foo`, `this.Foo`), is a
      declared name (`T Foo { get; }`, `T Foo;`, `Foo = …` in an initialiser) or a value
      (`return Foo;`, `f(Foo)`), not a type;
    - `nameof`: every use is inside `nameof(…)`;
    - `attribute-suffix`: the target declares `FooAttribute` and the file writes `[Foo]`
      (C# finds `FooAttribute`; debtscan's resolver looks up `Foo` only): a gap of
      debtscan's, listed;
    - `generic-type-argument`, `full-name`, `array-type`, `nullable-type`, `qualified-type`,
      `pattern-type`, `generic-qualifier`, `cast`, `other-type-position`: the name is used as
      a type in a shape the query does not capture (a generic type as a type argument,
      `List<Box<int>>`; a full name, `new A.B.T.Inner()`; `Foo[]`, `Foo?`, `A.Foo x`, `is Foo
      f`/`case Foo`, `Foo<T>.Bar`, `(Foo)x`), a likely gap of debtscan's reading (listed,
      with the line; the first two were confirmed on MediatR);
    - `captured`: every use stands where the query captures a name: unexplained;
    - otherwise unexplained (listed).
debtscan's `unresolved` counts are not compared.

Needs: Pygments (`pip install pygments`), lizard 1.24.3 (`pip install lizard==1.24.3`);
debtscan from $DEBTSCAN (default target/release/debtscan). Exit status 0 when everything
agrees or every difference is explained, 1 otherwise (the differences are listed).
'''
import os
import re
import sys
from collections import Counter, defaultdict

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import (closure_lines, debtscan, finish, marker_differences,  # noqa: E402
                    slash_comment_lines, todo_tags,
                    tracked as tracked_files)


def read(repo, rel):
    with open(os.path.join(repo, rel), encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def files_of(repo):
    """The tracked `.cs` files debtscan read, the ones it did not, and its functions report."""
    report = debtscan(["functions", repo, "--no-cache"])
    read_ = {f["path"] for f in report["files"]}
    tracked = tracked_files(repo, "*.cs")
    return [f for f in tracked if f in read_], [f for f in tracked if f not in read_], report


# ------------------------------------------------------------------------- C# literals


def mask(text):
    """TEXT with the text and delimiters of every string and character literal replaced by
    `~` (whitespace kept), the code of interpolation holes kept; and the holes' spans."""
    out = list(text)
    holes = []
    n = len(text)

    def blank(a, b):
        for k in range(a, b):
            if not text[k].isspace():
                out[k] = "~"

    def code(k, stop):
        """Scans code from K; returns the index after the closing `}` of a hole when STOP
        (the number of `}` that close it) is given, else len(text)."""
        depth = 0
        while k < n:
            c = text[k]
            if text.startswith("//", k):
                e = text.find("\n", k)
                k = n if e < 0 else e
                continue
            if text.startswith("/*", k):
                e = text.find("*/", k + 2)
                k = n if e < 0 else e + 2
                continue
            if c == "'":
                m = re.compile(r"'(?:\\.[^'\n]*|[^'\\\n])'").match(text, k)
                if m:
                    blank(k, m.end())
                    k = m.end()
                    continue
            m = re.compile(r'(\$+@?|@\$+|@)?("{3,}|")').match(text, k)
            if m and (k == 0 or not (text[k - 1].isalnum() or text[k - 1] == "_")
                      or m.group(1) is None):
                k = string(k, m)
                continue
            if c in "{([":
                depth += 1
            elif c in "})]":
                if stop and depth == 0 and c == "}":
                    return k + stop
                depth -= 1
            k += 1
        return k

    def string(k, m):
        prefix, quotes = m.group(1) or "", m.group(2)
        dollars = prefix.count("$")
        verbatim = "@" in prefix
        start = k
        k = m.end()
        if len(quotes) >= 3:  # raw: ends at as many quotes
            q = len(quotes)
            while k < n:
                if text.startswith('"' * q, k):
                    blank(start, k + q)
                    return k + q
                if dollars and text.startswith("{" * dollars, k):
                    run = len(text[k:]) - len(text[k:].lstrip("{"))
                    if run >= dollars:
                        blank(start, k + run)
                        h = k + run
                        e = code(h, dollars)
                        holes.append((h, e - dollars))
                        start = e - dollars
                        k = e
                        continue
                k += 1
            blank(start, n)
            return n
        while k < n:
            c = text[k]
            if c == "\\" and not verbatim:
                k += 2
                continue
            if c == '"':
                if verbatim and text.startswith('""', k):
                    k += 2
                    continue
                blank(start, k + 1)
                return k + 1
            if c == "\n" and not verbatim:  # unterminated: the line ends it
                blank(start, k)
                return k
            if dollars and c == "{":
                if text.startswith("{{", k):
                    k += 2
                    continue
                blank(start, k + 1)
                e = code(k + 1, 1)
                holes.append((k + 1, e - 1))
                start = e - 1
                k = e
                continue
            k += 1
        blank(start, n)
        return n

    code(0, 0)
    return "".join(out), holes


# ----------------------------------------------------------------------------- Pygments


def lex(text):
    """Pygments' (type, value, first line) of every token of TEXT."""
    from pygments.lexers import get_lexer_by_name

    lexer = get_lexer_by_name("csharp", stripnl=False, ensurenl=False)
    out, line = [], 1
    for ttype, value in lexer.get_tokens(text):
        out.append((ttype, value, line))
        line += value.count("\n")
    return out


def is_comment(ttype):
    from pygments.token import Comment

    return ttype in (Comment.Single, Comment.Multiline)


# Directives whose rest of the line is a message, not code with a comment after it.
MESSAGE_DIRECTIVES = {"region", "endregion", "error", "warning"}


def tokens(text):
    """Pygments' tokens of the masked TEXT, with the `// …` after a directive made a comment;
    and the number of such directive comments."""
    from pygments.token import Comment

    out, fixed, k = [], 0, 0
    toks = lex(mask(text)[0])
    while k < len(toks):
        ttype, value, line = toks[k]
        if ttype is Comment.Preproc:
            run = [toks[k]]
            while k + 1 < len(toks) and toks[k + 1][0] is Comment.Preproc and \
                    toks[k + 1][2] == line and not toks[k + 1][1].startswith("#"):
                k += 1
                run.append(toks[k])
            body = "".join(v for _, v, _ in run)
            m = re.match(r"\s*#\s*(\w+)", body)
            cut = body.find("//")
            if m and m.group(1) not in MESSAGE_DIRECTIVES and cut >= 0:
                tail = body[cut:]
                end = tail.find("\n")
                comment = tail if end < 0 else tail[:end]
                out.append((Comment.Preproc, body[:cut], line))
                out.append((Comment.Single, comment, line))
                if end >= 0:
                    out.append((Comment.Preproc, tail[end:], line))
                fixed += 1
            else:
                out.append((Comment.Preproc, body, line))
            k += 1
            continue
        out.append(toks[k])
        k += 1
    return out, fixed


def line_facts(toks):
    """The comment texts by line, the code lines and the comment lines of a token list."""
    by_line, code, commented, ignored = defaultdict(list), set(), set(), set()
    for ttype, value, line in toks:
        if is_comment(ttype):
            if "debtscan:ignore" in value:
                ignored.update(range(line, line + value.count("\n") + 2))
            for n, part in slash_comment_lines(line, value.rstrip("\r\n")):
                by_line[n].append(part)
                commented.add(n)
        else:
            for k, part in enumerate(value.split("\n")):
                if part.strip():
                    code.add(line + k)
    return by_line, code, commented, ignored


# ---------------------------------------------------------------------------------- markers


def markers(repo):
    report = debtscan(["todos", repo, "--no-history", "--no-cache"])
    ours = todo_tags(report, lambda path: path.endswith(".cs"))
    files, unread, functions = files_of(repo)
    measured = {f["path"]: f["code_lines"] for f in functions["files"]}
    differ, comments, tagged, comment_only, code_agree = [], 0, 0, 0, 0
    corrected, directive_comments = Counter(), 0
    for rel in files:
        text = read(repo, rel)
        toks, fixed = tokens(text)
        directive_comments += fixed
        by_line, code, commented, ignored = line_facts(toks)
        # What the masking changed: Pygments on the text as it is.
        raw_by_line, raw_code, _, _ = line_facts(lex(text))
        masked_by_line, masked_code, _, _ = line_facts(lex(mask(text)[0]))
        corrected["comment lines"] += len(set(masked_by_line) ^ set(raw_by_line))
        corrected["code lines"] += len(masked_code ^ raw_code)
        comments += sum(1 for t, _, _ in toks if is_comment(t))
        comment_only += len(commented - code)
        found, no_comment, no_marker = marker_differences(rel, ours, by_line, ignored)
        tagged += found
        differ.extend(row for _, row in no_comment + no_marker)
        if measured.get(rel) == len(code):
            code_agree += 1
        else:
            # Pygments drops a byte-order mark; a line holding nothing else is no code.
            bom = " [the first line holds only a byte-order mark]" if re.match(
                "\ufeff[ \t]*\r?\n", text) else ""
            differ.append(f"{rel}: debtscan {measured.get(rel)} lines of code, Pygments "
                          f"{len(code)} (lines with code outside comments){bom}")
    for path, line in sorted(set(ours)):
        if path not in set(files):
            differ.append(f"{path}:{line}: debtscan marker in a file not compared")
    n = sum(len(t) for t in ours.values())
    ok = finish(f"{repo}: {len(files)} C# files lexed by Pygments, {comments} comments "
                f"({comment_only} comment-only lines, {tagged} comment lines starting with a "
                f"tag), {n} markers from debtscan; lines of code agree in {code_agree} of "
                f"{len(files)} files", "not read by debtscan, not compared", unread, differ)
    print(f"  corrections of Pygments: {directive_comments} comments after a directive; "
          f"masking literals changed {corrected['comment lines']} comment lines and "
          f"{corrected['code lines']} code lines")
    return ok


# ------------------------------------------------------------------------------- complexity

ACCESSORS = {"get", "set", "init", "add", "remove"}
KEYWORDS = {"if", "for", "foreach", "while", "switch", "catch", "using", "lock", "fixed",
            "return", "else", "do", "try", "when"}
IDENT = re.compile(r"^@?[A-Za-z_]\w*$")


LIZARD_COUNTS = {"if", "for", "while", "catch", "case", "?", "??", "&&", "||"}


def lizard_units(code):
    """lizard's functions of a file; lizard's code tokens (token, line, where) with where
    "code", "literal" (inside a literal's text, by the scanner: lizard's tokenizer does not
    know raw strings and nested strings in holes) or "hole" (the code of an interpolation hole,
    which lizard's tokenizer takes for string text); and the holes' code (masked) with its
    line, outermost holes only."""
    import lizard
    from lizard_languages.csharp import CSharpReader

    info = lizard.analyze_file.analyze_source_code("x.cs", code)
    masked, holes = mask(code)
    outer = [h for h in holes if not any(o != h and o[0] <= h[0] and h[1] <= o[1]
                                         for o in holes)]
    in_hole = bytearray(len(code) + 1)
    for a, b in outer:
        in_hole[a:b] = b"\x01" * (b - a)
    toks, line, at = [], 1, 0
    for t in CSharpReader.generate_tokens(code):
        if not t.isspace() and not t.startswith(("//", "/*")):
            where = "hole" if in_hole[at] else \
                "literal" if masked[at] == "~" and code[at] != "~" else "code"
            toks.append((t, line, where))
        line += t.count("\n")
        at += len(t)
    hole_code = [(masked[a:b], code.count("\n", 0, a) + 1) for a, b in outer]
    return info.function_list, toks, hole_code


def last_name(symbol):
    symbol = re.sub(r"<[^<>]*>", "", symbol.split("{closure#")[0].rstrip(".:"))
    return re.split(r"::|\.", symbol)[-1].replace(" ", "").strip()


def split_at_body(seq):
    """The tokens before the body (`{` or `=>` at depth 0) and from it."""
    depth = 0
    for k, t in enumerate(seq):
        if t in ("(", "["):
            depth += 1
        elif t in (")", "]"):
            depth -= 1
        elif depth == 0 and t in ("{", "=>"):
            return seq[:k], seq[k:]
    return seq, []


def is_ternary(seq, k):
    """Whether the `?` at SEQ[K] is a `?:` (see the docstring)."""
    nxt = seq[k + 1] if k + 1 < len(seq) else ""
    after = seq[k + 2] if k + 2 < len(seq) else ""
    if nxt in (".", "[", "]", ")", ",", ">", ";", "=", ">>", "") or nxt.startswith("<"):
        return False
    if IDENT.match(nxt) and after in ("=", ";", ",", ")", "{", "}", "=>", "in"):
        return False
    depth = 0
    for t in seq[k + 1:]:
        if t in ("(", "[", "{"):
            if t == "{" and depth == 0:
                return False
            depth += 1
        elif t in (")", "]", "}"):
            depth -= 1
            if depth < 0:
                return False
        elif depth == 0 and t == ":":
            return True
        elif depth == 0 and t == ";":
            return False
    return False


def switch_arms(seq):
    """The switch-expression arms of SEQ that debtscan counts (not `_ =>`)."""
    count = 0
    for k, t in enumerate(seq):
        if t != "switch" or k + 1 >= len(seq) or seq[k + 1] != "{":
            continue
        depth, arm, seen = 0, [], False
        for u in seq[k + 2:]:
            if u.startswith("#"):  # a directive between arms (all branches count)
                continue
            if u in ("(", "[", "{"):
                depth += 1
            elif u in (")", "]", "}"):
                if depth == 0:
                    break
                depth -= 1
            if depth == 0 and u == "," and not (u in ("(", "[", "{")):
                arm, seen = [], False
                continue
            if depth == 0 and u == "=>" and not seen:
                seen = True
                count += arm != ["_"]
                continue
            if not seen:
                arm.append(u)
    return count


def conditions(seq):
    """debtscan's decision points in a token list: `??`, `&&`, `||`, `?:`, switch arms (what
    a hole of an interpolated string holds; no statements there)."""
    return sum(1 for t in seq if t in ("??", "&&", "||")) + switch_arms(seq) + \
        sum(1 for k, t in enumerate(seq) if t == "?" and is_ternary(seq, k))


def adjustments(toks, holes, start, end):
    """How much lizard's count differs from debtscan's in lines START..END, by cause:
    [(name, amount)] (lizard = debtscan + sum of the amounts)."""
    from lizard_languages.csharp import CSharpReader

    seq = [t for t, line, where in toks if start <= line <= end and where == "code"]
    head, body = split_at_body(seq)
    directives = sum(1 for t in seq if re.match(r"#\s*(if|elif)\b", t))
    body_code = [t for t in body if not t.startswith("#")]
    questions = [k for k, t in enumerate(body_code) if t == "?"]
    not_ternary = sum(1 for k in questions if not is_ternary(body_code, k))
    assign = sum(1 for k, t in enumerate(body_code[:-1]) if t == "??" and body_code[k + 1] == "=")
    goto_case = sum(1 for k, t in enumerate(body_code[1:], 1)
                    if t == "case" and body_code[k - 1] == "goto")
    declarator = sum(1 for k, t in enumerate(head) if t in ("??", "&&", "||")
                     or (t == "?" and is_ternary(head, k)))
    lizard_in_holes = sum(1 for t, line, where in toks if start <= line <= end
                          and where == "hole" and t in LIZARD_COUNTS)
    ours_in_holes = sum(conditions([t for t in CSharpReader.generate_tokens(text)
                                    if not t.isspace()])
                        for text, line in holes if start <= line <= end)
    in_literals = sum(1 for t, line, where in toks if start <= line <= end
                      and where == "literal" and t in LIZARD_COUNTS)
    return [("foreach", -sum(1 for t in seq if t == "foreach")),
            ("switch-expression-arms", -switch_arms(seq)),
            ("interpolation-holes", lizard_in_holes - ours_in_holes),
            ("literal-text", in_literals),
            ("nullable-and-null-conditional", not_ternary),
            ("null-coalescing-assignment", assign),
            ("goto-case", goto_case),
            ("preprocessor-conditions", directives),
            ("declarator-conditions", -declarator)]


def declaration(lines, u):
    """The text of debtscan unit U up to its body (`{` or `=>`)."""
    text = "\n".join(lines[u["start_line"] - 1:u["end_line"]])
    m = re.search(r"\{|=>", text)
    return text[:m.end()] if m else text


def expression_bodied_property(lines, u):
    """Whether U is `Type Name => expression;` (no parameter list)."""
    name = re.escape(last_name(u["symbol"]))
    return re.search(r"\b" + name + r"\s*=>", declaration(lines, u)) is not None or \
        (last_name(u["symbol"]) == "this" and re.search(r"\]\s*=>", declaration(lines, u)))


def lizard_blind_spot(lines, u, only_lizard):
    """Why lizard has no function for debtscan's unit U, when it is a known limit of
    lizard's C# reader; else None."""
    decl = declaration(lines, u)
    if expression_bodied_property(lines, u):
        return ("an expression-bodied property or indexer (`T Name => …;`: no parameter list, "
                "no function to lizard)")
    if re.search(r"\bwhere\s+\w+\s*:", decl):
        return ("a method with a `where` constraint (lizard loses it; an `if (…) {` in it "
                "becomes lizard's function `if`)")
    if re.search(r"\)\s*:\s*(base|this)\s*\([^{]*\)\s*=>", decl):
        return "an expression-bodied constructor with `: base(…) =>` (lizard misreads it)"
    if any(fn.start_line <= u["start_line"] <= fn.end_line and fn.start_line < u["start_line"]
           and re.search(r"\)\s*:\s*(base|this)\s*\(.*\)\s*=>",
                         " ".join(lines[fn.start_line - 1:fn.start_line + 2]))
           for fn in only_lizard):
        return ("a member after an expression-bodied constructor with `: base(…) =>` (lizard "
                "read that constructor on into it)")
    prev = "\n".join(lines[max(u["start_line"] - 8, 0):u["start_line"] - 1])
    if re.search(r"\)\s*:\s*(base|this)\s*\([^{;]*\)\s*\n?\s*=>[^;]*;\s*$", prev):
        return ("a member after an expression-bodied constructor with `: base(…) =>` (lizard "
                "loses what follows)")
    return None


def complexity(repo):
    files, unread, report = files_of(repo)
    large = closure_lines(repo)
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
            theirs, toks, holes = lizard_units(code)
        except Exception as e:  # lizard's own failure: the file is not compared
            failed.append(f"{rel} ({type(e).__name__}: {e})")
            continue
        lines = code.replace("\r\n", "\n").split("\n")
        mine = ours.get(rel, [])
        n_lizard += len(theirs)
        n_ours += len(mine)
        pairs, matched, only_lizard = [], set(), []
        for fn in theirs:
            cands = [u for u in mine if u["end_line"] == fn.end_line and "{closure#" not in
                     u["symbol"] and u["start_line"] <= fn.start_line and id(u) not in matched]
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
            if last_name(u["symbol"]) != last_name(fn.name) and \
                    expression_bodied_property(lines, u):
                explained["pair, lizard took a call in an expression-bodied property for a "
                          "function (compared all the same)"].append(
                    f"{rel}:{u['start_line']} {u['symbol']}, lizard {fn.name}")
            elif last_name(u["symbol"]) != last_name(fn.name):
                differ.append(f"[name] {rel}:{u['start_line']}-{u['end_line']}: debtscan "
                              f"{u['symbol']}, lizard {fn.name}")
            folded = [v for v in mine if id(v) not in matched and inside(v, u) and not any(
                inside(v, w) and inside(w, u) for w in mine if id(w) in matched)]
            n_folded += len(folded)
            for v in folded:
                if "{closure#" in v["symbol"] and v["end_line"] - v["start_line"] + 1 < large:
                    differ.append(f"[lambda unit under closure_lines] {rel}:{v['start_line']}-"
                                  f"{v['end_line']} {v['symbol']}: a lambda of "
                                  f"{v['end_line'] - v['start_line'] + 1} lines is a unit")
                matched.add(id(v))
            lam = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" in v["symbol"])
            nested = sum(v["cyclomatic"] - 1 for v in folded if "{closure#" not in v["symbol"])
            adj = [("lambda-units", lam), ("nested-units", nested)] + \
                adjustments(toks, holes, fn.start_line, fn.end_line)
            raw = fn.cyclomatic_complexity
            nonzero = [(n, a) for n, a in adj if a]
            want = raw - sum(a for _, a in nonzero)
            what = (f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}: debtscan "
                    f"{u['cyclomatic']}, lizard {raw}")
            note = ", ".join(f"{n} {a:+d}" for n, a in nonzero)
            if u["cyclomatic"] == raw and not nonzero:
                agree += 1
            elif u["cyclomatic"] == want:
                n_adjusted += 1
                explained[" + ".join(n for n, _ in nonzero)].append(f"{what} ({note})")
            else:
                why = "other"
                differ.append(f"[cyclomatic: {why}] {what}, lizard adjusted {want}"
                              + (f" (adjustments: {note})" if note else ""))
        # Second match: the same name, lizard's first line inside debtscan's unit, other last
        # lines (lizard's reader ends an expression body at its first `;`, also one inside a
        # lambda block, or reads a member on into the next): not compared.
        for fn in list(only_lizard):
            cands = [u for u in mine if id(u) not in matched and "{closure#" not in u["symbol"]
                     and last_name(u["symbol"]) == last_name(fn.name)
                     and u["start_line"] <= fn.start_line <= u["end_line"]]
            if cands:
                u = cands[0]
                matched.add(id(u))
                only_lizard.remove(fn)
                explained["same function, other last line (lizard ends an expression body at "
                          "its first `;` or reads on into the next member): not compared"].append(
                    f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}: lizard "
                    f"{fn.start_line}-{fn.end_line}")
        only_ours = [u for u in mine if id(u) not in matched]
        functions_ = [u for u in mine if "{closure#" not in u["symbol"]]
        for fn in only_lizard:
            where = f"{rel}:{fn.start_line}-{fn.end_line} {fn.long_name[:70]}"
            if fn.name == "*global*":
                explained["only lizard, `*global*` (what lizard counts outside its functions: "
                          "here the code of the members it lost)"].append(
                    f"{where} = {fn.cyclomatic_complexity}")
                continue
            decl = " ".join(lines[fn.start_line - 1:fn.start_line + 2])
            if re.search(r"\)\s*:\s*(base|this)\s*\(.*\)\s*=>", decl):
                explained["only lizard, an expression-bodied constructor with `: base(…) =>` "
                          "read on into the next member"].append(
                    f"{where} = {fn.cyclomatic_complexity}")
                continue
            if last_name(fn.name) in KEYWORDS:
                explained["only lizard, a keyword taken for a function name (`add { if (x) "
                          "{…} }`)"].append(f"{where} = {fn.cyclomatic_complexity}")
                continue
            differ.append(f"[only lizard] {where}: lizard has it (CCN "
                          f"{fn.cyclomatic_complexity}), debtscan does not")
        for u in only_ours:
            where = f"{rel}:{u['start_line']}-{u['end_line']} {u['symbol']}"
            closure = "{closure#" in u["symbol"]
            if closure and not any(inside(u, w) for w in functions_):
                explained["only debtscan, a lambda outside every function (a field's "
                          "initialiser)"].append(f"{where} = {u['cyclomatic']}")
                continue
            if last_name(u["symbol"]) in ACCESSORS:
                explained["only debtscan, an accessor (lizard makes no function of "
                          "`get`/`set`/`init`/`add`/`remove`)"].append(
                    f"{where} = {u['cyclomatic']}")
                continue
            in_accessor = [w for w in only_ours if w is not u and inside(u, w)
                           and last_name(w["symbol"]) in ACCESSORS]
            if in_accessor:
                explained["only debtscan, a unit inside an accessor (lizard has none)"].append(
                    f"{where} = {u['cyclomatic']}")
                continue
            why = lizard_blind_spot(lines, u, only_lizard)
            if why:
                explained["only debtscan, " + why].append(f"{where} = {u['cyclomatic']}")
                continue
            differ.append(f"[only debtscan] {where}: debtscan has it (cyclomatic "
                          f"{u['cyclomatic']}), lizard does not")
    for path in sorted(set(ours) - set(files)):
        differ.append(f"[not compared] {path}: debtscan functions in a file not compared")
    differ.sort(key=lambda d: d.split("]")[0])
    n_cyc = sum(d.startswith("[cyclomatic") for d in differ)
    ok = finish(f"{repo}: {len(files)} C# files, {n_ours} debtscan units, {n_lizard} lizard "
                f"functions; {compared} matched by last line ({n_folded} more debtscan lambda "
                f"or local-function units folded into them): {agree} equal as counted, "
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

TYPE_KEYWORDS = {"class", "struct", "interface", "enum", "record", "delegate"}
WORD = re.compile(r"@?[A-Za-z_]\w*|\S")


def reading(text):
    """The second reading of one file: its namespaces, the types it declares (namespace, name,
    token index), its `using` directives, and its code tokens (comments dropped, literal text
    masked) as (token, line)."""
    code = []
    for ttype, value, line in tokens(text)[0]:
        if is_comment(ttype):
            continue
        if value.lstrip().startswith("#"):  # a directive: no code
            continue
        for k, part in enumerate(value.split("\n")):
            for m in WORD.finditer(part):
                if m.group() != "~":
                    code.append((m.group().lstrip("@"), line + k))
    # Join `=>`, `::`, `??` for the readers below.
    seq = []
    for t, line in code:
        if seq and seq[-1][0] + t in ("=>", "::", "??"):
            seq[-1] = (seq[-1][0] + t, line)
        else:
            seq.append((t, line))
    namespaces, declared, usings = [], [], []
    stack = []  # per open brace: the namespace it opens (or None)
    file_ns = None
    k = 0

    def current():
        parts = [n for n in stack if n] if not file_ns else [file_ns] + [n for n in stack if n]
        return ".".join(parts)

    def type_depth():
        return sum(1 for n in stack if n is None)

    pending_ns = None
    while k < len(seq):
        t = seq[k][0]
        if t == "namespace":
            j, parts = k + 1, []
            while j < len(seq) and (IDENT.match(seq[j][0]) or seq[j][0] == "."):
                parts.append(seq[j][0])
                j += 1
            name = "".join(parts)
            if j < len(seq) and seq[j][0] == ";":
                file_ns = name
                namespaces.append(name)
            else:
                pending_ns = name
            k = j
            continue
        if t == "{":
            if pending_ns is not None:
                stack.append(pending_ns)
                namespaces.append(current())
                pending_ns = None
            else:
                stack.append(None)
            k += 1
            continue
        if t == "}":
            if stack:
                stack.pop()
            k += 1
            continue
        if type_depth() == 0:
            if t == "using" and k + 1 < len(seq) and seq[k + 1][0] not in ("(", "var") and \
                    not (k + 2 < len(seq) and IDENT.match(seq[k + 1][0]) and
                         IDENT.match(seq[k + 2][0]) and seq[k + 1][0] not in ("static",)):
                j, parts = k + 1, []
                while j < len(seq) and seq[j][0] != ";":
                    parts.append(seq[j][0])
                    j += 1
                glob = k > 0 and seq[k - 1][0] == "global"
                usings.append((" ".join(parts), glob, seq[k][1]))
                k = j + 1
                continue
            if t in TYPE_KEYWORDS and (k == 0 or seq[k - 1][0] not in (".", "where", ":", ",")
                                       and not (t in ("class", "struct") and
                                                seq[k - 1][0] == "record" and False)):
                j = k + 1
                if t == "record" and j < len(seq) and seq[j][0] in ("class", "struct"):
                    j += 1
                if t == "delegate":
                    # The name: the identifier before the parameter list's `(`, its type
                    # parameters `<…>` skipped (the return type may be generic too).
                    p = j
                    while p < len(seq) and seq[p][0] != "(":
                        p += 1
                    j, depth = p - 1, 0
                    while j > k and (depth or seq[j][0] == ">"):
                        depth += {">": 1, "<": -1}.get(seq[j][0], 0)
                        j -= 1
                if j < len(seq) and IDENT.match(seq[j][0]) and seq[j][0] not in \
                        ("class", "struct", "where"):
                    declared.append((current(), seq[j][0], j))
                    k = j + 1
                    continue
        k += 1
    return {"namespaces": namespaces, "declared": declared, "usings": usings, "seq": seq}


def parse_using(text):
    """(path, static, alias) of a `using` directive's words."""
    words = text.replace(" . ", ".").replace(" .", ".").replace(". ", ".")
    words = re.sub(r"\s*\.\s*", ".", text)
    is_static = words.startswith("static ")
    if is_static:
        words = words[len("static "):]
    alias = None
    if "=" in words:
        alias, words = [w.strip() for w in words.split("=", 1)]
    words = words.replace("global::", "").replace("global ::", "")
    words = re.sub(r"\s*::\s*", "", words)
    path = words.split("<")[0].replace(" ", "")
    return path, is_static, alias


def inside_type_arguments(seq, k):
    """Whether SEQ[K] stands inside an unclosed `<` (a type argument list)."""
    depth, j = 0, k - 1
    while j >= 0:
        t = seq[j][0]
        if t in (">", ">>"):
            depth += len(t)
        elif t == "<":
            if depth == 0:
                return True
            depth -= 1
        elif t in (";", "{", "}", "(", ")", "=", "=>"):
            return False
        j -= 1
    return False


def context_of(seq, k):
    """The shape of the use of a name at SEQ[K]."""
    prev = seq[k - 1][0] if k else ""
    prev2 = seq[k - 2][0] if k > 1 else ""
    nxt = seq[k + 1][0] if k + 1 < len(seq) else ""
    nxt2 = seq[k + 2][0] if k + 2 < len(seq) else ""
    # nameof(…)
    depth, j = 0, k - 1
    while j > 0:
        t = seq[j][0]
        if t == ")":
            depth += 1
        elif t == "(":
            if depth == 0:
                if seq[j - 1][0] == "nameof":
                    return "nameof"
                break
            depth -= 1
        elif t in (";", "{", "}"):
            break
        j -= 1
    if prev == ".":
        if prev2 and (prev2[0].isupper() or prev2 == "global") and nxt and IDENT.match(nxt):
            return "qualified-type"
        return "member-or-variable-name"
    if nxt == "[" and nxt2 == "]":
        return "array-type"
    if nxt == "?":
        return "nullable-type"
    if nxt == "." and k + 1 < len(seq):
        return "captured"  # `Foo.Bar`: the capitalised qualifier
    if nxt == "(" and prev in ("public", "private", "protected", "internal", "static", "~"):
        return "member-or-variable-name"  # a constructor's (or destructor's) name
    if nxt == "=" and prev in ("{", ",", ";", "}"):
        return "member-or-variable-name"  # `new T { Name = … }`, `Name = …;`
    if nxt in ("{", "=>", ";", "=", ",", ")") and prev not in \
            ("<", "(", "[", "new", "typeof", ":", "is", "as", "case", "not", "using"):
        # `Context Context { get; }`, `T Name;`, `return Name;`: a value, not a type.
        return "member-or-variable-name"
    if nxt == "<" and inside_type_arguments(seq, k):
        return "generic-type-argument"
    if nxt == "<":
        depth, j = 0, k + 1
        while j < len(seq):
            if seq[j][0] == "<":
                depth += 1
            elif seq[j][0] == ">":
                depth -= 1
                if depth == 0:
                    break
            elif seq[j][0] in (";", "{", "}"):
                break
            j += 1
        if j + 1 < len(seq) and seq[j + 1][0] == ".":
            return "generic-qualifier"
        return "captured"
    if prev in ("is", "case", "as") or (prev == "not" and prev2 == "is"):
        return "pattern-type"
    if prev == "(" and nxt == ")" and k + 2 < len(seq) and \
            (IDENT.match(nxt2) or nxt2 in ("(", "this")):
        return "cast"
    if prev in ("new", ":", ",", "<", "[", "typeof", "(") or IDENT.match(nxt or "-"):
        return "captured"
    return "other-type-position"


def imports(repo):
    files, unread, _ = files_of(repo)
    report = debtscan(["graph", repo, "--no-cache", "--no-history", "--include-test-edges"])
    nodes = {n["id"] for n in report["nodes"]}
    files = [f for f in files if f in nodes]
    info = {f: reading(read(repo, f)) for f in files}
    types = defaultdict(set)  # qualified name → files
    namespaces = set()
    global_usings = []
    for f, r in info.items():
        for ns in r["namespaces"]:
            parts = ns.split(".")
            namespaces.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        for ns, name, _ in r["declared"]:
            types[f"{ns}.{name}" if ns else name].add(f)
        for text, glob, _ in r["usings"]:
            path, is_static, alias = parse_using(text)
            if glob and not is_static and alias is None:
                global_usings.append(path)

    def owner(path):
        while path:
            if path in types:
                return types[path]
            if "." not in path:
                return set()
            path = path.rsplit(".", 1)[0]
        return set()

    theirs, why = set(), {}
    for f, r in info.items():
        seen = set(global_usings)
        for ns in r["namespaces"]:
            parts = ns.split(".")
            seen.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
        seen.add("")
        direct = set()
        for text, glob, _ in r["usings"]:
            path, is_static, alias = parse_using(text)
            if is_static or alias is not None:
                direct |= owner(path) if path not in namespaces or is_static else set()
            elif path in namespaces:
                seen.add(path)
        declared_at = {j for _, _, j in r["declared"]}
        seq = r["seq"]
        names = defaultdict(list)
        for j, (t, _) in enumerate(seq):
            if IDENT.match(t) and j not in declared_at:
                names[t].append(j)
                if j and seq[j - 1][0] in ("[", ",") and not t.endswith("Attribute"):
                    names[t + "Attribute"].append(j)
        for ns in seen:
            for name in names:
                for b in types.get(f"{ns}.{name}" if ns else name, ()):
                    if b != f:
                        theirs.add((f, b))
        # Dotted chains `A.B.T` naming a type by its full name.
        j = 0
        while j < len(seq):
            if IDENT.match(seq[j][0]) and (j == 0 or seq[j - 1][0] not in (".", "::")):
                chain, m = [seq[j][0]], j + 1
                while m + 1 < len(seq) and seq[m][0] == "." and IDENT.match(seq[m + 1][0]):
                    chain.append(seq[m + 1][0])
                    m += 2
                if len(chain) > 1 and ".".join(chain[:-1]) in namespaces or \
                        any(".".join(chain[:i]) in namespaces for i in range(1, len(chain))):
                    for b in owner(".".join(chain)):
                        if b != f:
                            theirs.add((f, b))
                j = m
                continue
            j += 1
        for b in direct:
            if b != f:
                theirs.add((f, b))
        why[f] = (names, seen)
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in info and e["to"] in info}

    def classify_theirs(a, b):
        names, seen = why[a]
        seq = info[a]["seq"]
        wanted = {name for ns, name, _ in info[b]["declared"]
                  if (ns in seen) and name in names}
        if not wanted:
            return "full-name", ""
        shapes = Counter()
        example = ""
        for name in sorted(wanted):
            for j in names[name]:
                if seq[j][0] != name and name.endswith("Attribute"):
                    shapes["attribute-suffix"] += 1
                    example = example or f"line {seq[j][1]} [{seq[j][0]}]"
                    continue
                c = context_of(seq, j)
                shapes[c] += 1
                if c not in ("member-or-variable-name", "nameof"):
                    example = example or f"line {seq[j][1]} {name} ({c})"
        if set(shapes) <= {"member-or-variable-name", "nameof"}:
            return ("nameof" if set(shapes) == {"nameof"} else "member-or-variable-name"), ""
        shapes.pop("member-or-variable-name", None)
        shapes.pop("nameof", None)
        return "/".join(sorted(shapes)), example

    def classify_ours(a, b):
        if len(set(info[a]["namespaces"])) > 1:
            return "first-namespace-only"
        return None

    differ, explained = [], defaultdict(list)
    for a, b in sorted(ours - theirs):
        cat = classify_ours(a, b)
        if cat:
            explained["only debtscan, " + cat].append(f"{a} -> {b}")
        else:
            differ.append(f"only debtscan: {a} -> {b}")
    gaps = defaultdict(list)
    for a, b in sorted(theirs - ours):
        cat, example = classify_theirs(a, b)
        if cat in ("member-or-variable-name", "nameof"):
            explained["only the oracle, " + cat].append(f"{a} -> {b}")
        else:
            gaps[cat].append(f"{a} -> {b}" + (f" ({example})" if example else ""))
            differ.append(f"only the oracle [{cat}]: {a} -> {b}" +
                          (f" ({example})" if example else ""))
    ok = finish(f"{repo}: {len(files)} C# files read twice, {len(theirs)} file edges from the "
                f"second reading, {len(ours)} from debtscan, {len(ours & theirs)} agree",
                "not read by debtscan, not compared", unread, differ)
    for cat, rows in sorted(gaps.items()):
        print(f"  unexplained, only the oracle, {cat}: {len(rows)}")
    for cat, rows in sorted(explained.items()):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows:
            print(f"    {row}")
    return ok


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) != 3 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](sys.argv[2])
    sys.exit(0 if ok else 1)
