#!/usr/bin/env python3
"""Checks debtscan's Java support against tools that share nothing with tree-sitter.

  scripts/compare-java.py markers REPO         markers and comment lines against Pygments
  scripts/compare-java.py complexity REPO      cyclomatic complexity against checkstyle
  scripts/compare-java.py imports REPO ROOT... file edges against jdeps, for the sources
                                               under the ROOTs (compiled together), e.g.
                                               `imports /tmp/repos/gson gson/src/main/java
                                               gson/src/main/java-templates`

Files: the `.java` files git tracks, outside the walk's vendored directories and the files
debtscan's walk skipped. Helpers: scripts/oracles/java/JavaFacts.java (javac's own parser,
com.sun.source, run in source-file mode: each method's, constructor's, initialiser's and
lambda's lines, whether a method has a body, the top-level types of each file) and
scripts/oracles/java/checkstyle-cc.xml.

markers: Pygments' JavaLexer (regular expressions; `get_lexer_by_name('java', stripnl=False,
ensurenl=False)`: the defaults shift line numbers) gives the comments: `Comment.Single` and
`Comment.Multiline` tokens (Javadoc included). Two checks:
  - every `todo` item debtscan reports in a `.java` file (also the places in `related`) must
    start on a line where Pygments has a comment whose text on that line holds the tag (any
    case, a whole word), and every comment line that starts with a tag of `[markers.tags]`
    must be a marker of debtscan's: an upper-case tag followed by `:`, `(` or the end of the
    comment, or a tag in any case followed by `:` directly or after a parenthesis (README,
    "Markers"). Each line of a `/* */` comment is such a line (delimiters and a Javadoc
    line's leading `*` stripped). Comments that name a tag in other ways are not counted
    either way, nor lines under `debtscan:ignore`;
  - debtscan has no output of its comments, but its lines of code are the lines holding
    anything but whitespace and comments (src/parse/complexity.rs `code_lines`): each file's
    `code_lines` of `debtscan functions --format json` must equal the number of lines where
    Pygments has a non-whitespace character outside a comment token. A comment debtscan
    missed (or invented) on a line of its own shows up there. The comment lines (lines
    with a comment and no code) are counted as the comparison's size.

complexity: checkstyle's CyclomaticComplexity (max 0: every unit reported;
switchBlockAsSingleDecisionPoint=false: each `case` a decision point) against debtscan's
cyclomatic, the same rule (header of queries/java/complexity.scm): 1 + if, while, do, for,
catch, each `case` label, `?:`, each `&&` and `||`. The units differ by definition:
  - checkstyle folds every lambda into the method, constructor or initialiser around it;
    debtscan folds only lambdas under `closure_lines` (20) lines and makes a longer one a
    unit of its own (`method.{closure#N}`) whose decision points are not its method's. So
    for each method: expected checkstyle = debtscan(method) + sum of (debtscan(c) - 1) over
    the lambda units c whose innermost unit (javac's tree) is that method;
  - a lambda outside every method (a field's initialiser) is a debtscan unit whatever its
    size, and no checkstyle unit (listed by category);
  - checkstyle makes instance and static initialisers (`{ … }`, `static { … }`) units,
    debtscan does not (category); a lambda in one is a debtscan unit of its own (category);
  - checkstyle reports methods without a body (abstract, interface, native) with 1; debtscan
    has no unit for them (category);
  - checkstyle 8.36 cannot parse every file (`module-info.java`, newer syntax): those files
    are listed and not compared.
Units are matched by (file, first line): javac's start of the declaration (annotations and
modifiers included), which is where checkstyle and debtscan start it. debtscan's symbol must
be javac's named scopes joined by `.` (`Outer.Inner.method`, an anonymous class no scope).
Also, lizard (`lizard -l java --csv`, its own tokenizer) is read when installed: its count
of each method is shown beside checkstyle's where the two disagree with debtscan, for
information only.

imports: the sources under the ROOTs are compiled together (`javac -proc:none -nowarn
-encoding UTF-8 --release 17 -d OUT`; `module-info.java` left out; an annotation type that
the sources import from a package javac cannot find is stubbed as `@interface` whose
elements are the element names the sources write, each a `String[]` with a default, and
`@Retention(CLASS)`), then `jdeps -verbose:class -filter:none OUT` lists class-level edges.
A class `a.b.Foo$Bar$1` belongs to the file that declares the top-level type `a.b.Foo`
(javac's parser); edges inside one file and to the JDK or stubs are dropped. debtscan's
`graph --format json --no-history` file edges are restricted to the same files. Differences
are classified (per edge) by what the importing file's tokens (Pygments) say:
  only debtscan:
    - `javadoc-only`: the target's type is imported and its name appears in no code token
      of the file, only in comments (`{@link Foo}`): javac drops the unused import;
    - `unused-import`: imported by a single-type or static import, named nowhere else;
    - `constant-inlined`: every use of the target is `Type.NAME` (or a static import of
      `NAME`) where NAME is a compile-time constant of it (`javap -constants`): javac
      copies the value;
    - `annotation-not-runtime`: the file uses the target only as an annotation (`@Foo`)
      and the target's retention is SOURCE or CLASS (also when none is given): jdeps reads
      only RuntimeVisibleAnnotations, so such a use leaves no class edge;
    - otherwise unexplained (listed);
  only jdeps:
    - `signature-only`: no type the target file declares (top-level or nested, by simple
      name) appears as a name token in the importing file: the reference comes from the
      descriptor of a member it calls or a type javac inferred (`gson.getAdapter(t).read(r)`
      names `TypeAdapter` in the bytecode only), which no source-level reader can see;
    - otherwise unexplained (listed).

Needs: Pygments (`pip install pygments`), checkstyle (8.36.1: `apt-get install checkstyle`),
a JDK 17 (javac, java, jdeps, javap) on the PATH; lizard optional; debtscan from $DEBTSCAN
(default target/release/debtscan). Exit status 0 when everything agrees or every difference
is in an explained category, 1 otherwise (the differences are listed).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(here, "scripts", "oracles"))
from common import (closure_lines, debtscan, finish, marker_differences,  # noqa: E402
                    slash_comment_lines, todo_tags,
                    tracked as tracked_files)
helpers = os.path.join(here, "scripts", "oracles", "java")


def read(repo, rel):
    with open(os.path.join(repo, rel), encoding="utf-8", errors="replace", newline="") as f:
        return f.read()


def tokens(text):
    """Pygments' (type, value, first line) of every token of a Java file."""
    from pygments.lexers import get_lexer_by_name

    lexer = get_lexer_by_name("java", stripnl=False, ensurenl=False)
    out, line = [], 1
    for ttype, value in lexer.get_tokens(text):
        out.append((ttype, value, line))
        line += value.count("\n")
    return out


def is_comment(ttype):
    from pygments.token import Comment

    return ttype in (Comment.Single, Comment.Multiline)


def javafacts(repo, files):
    """JavaFacts' report of each file (relative path → its JSON object)."""
    out = {}
    for k in range(0, len(files), 400):
        res = subprocess.run(["java", os.path.join(helpers, "JavaFacts.java"),
                              *files[k:k + 400]], cwd=repo, capture_output=True, text=True,
                             check=True).stdout
        for line in res.splitlines():
            r = json.loads(line)
            out[r["file"]] = r
    return out


# ---------------------------------------------------------------------------------- markers


def markers(repo):
    report = debtscan(["todos", repo, "--no-history", "--no-cache"])
    ours = todo_tags(report, lambda path: path.endswith(".java"))
    left_out = {p for s in report["summary"]["skipped_files"] for p in s.get("sample", [])}
    files = [f for f in tracked_files(repo, "*.java") if f not in left_out]
    measured = {f["path"]: f["code_lines"]
                for f in debtscan(["functions", repo, "--no-cache"])["files"]}
    differ, comments, tagged, comment_only, code_total, code_agree = [], 0, 0, 0, 0, 0
    for rel in files:
        text = read(repo, rel)
        by_line, ignored = defaultdict(list), set()
        code, commented = set(), set()
        for ttype, value, line in tokens(text):
            if is_comment(ttype):
                comments += 1
                parts = slash_comment_lines(line, value)
                if "debtscan:ignore" in value:
                    ignored.update(range(line, line + value.count("\n") + 2))
                for n, part in parts:
                    by_line[n].append(part)
                    commented.add(n)
            else:
                for k, part in enumerate(value.split("\n")):
                    if part.strip():
                        code.add(line + k)
        comment_only += len(commented - code)
        found, no_comment, no_marker = marker_differences(rel, ours, by_line, ignored)
        tagged += found
        differ.extend(row for _, row in no_comment + no_marker)
        if rel in measured:
            code_total += 1
            if measured[rel] == len(code):
                code_agree += 1
            else:
                differ.append(f"{rel}: debtscan {measured[rel]} lines of code, Pygments "
                              f"{len(code)} (lines with code outside comments)")
    tracked = set(files)
    for path, line in ours:
        if path not in tracked:
            differ.append(f"{path}:{line}: debtscan marker in a file not compared")
    n = sum(len(t) for t in ours.values())
    ok = finish(f"{repo}: {len(files)} Java files lexed by Pygments, {comments} comments "
                f"({comment_only} comment-only lines, {tagged} comment lines starting with a "
                f"tag), {n} markers from debtscan; lines of code agree in {code_agree} of "
                f"{code_total} files", "", [], differ)
    for path in sorted(left_out):
        print(f"  left out by debtscan's walk, not compared: {path}")
    return ok


# ------------------------------------------------------------------------------- complexity


def checkstyle(repo, files):
    """checkstyle's cyclomatic of each unit: (path, line) → [values]; and the files it could
    not parse (path → reason). checkstyle stops at the first file it cannot parse, so that
    file is dropped and the rest run again."""
    config = os.path.join(helpers, "checkstyle-cc.xml")
    todo, failed, values = list(files), {}, defaultdict(list)
    pattern = re.compile(r"^\[ERROR\] (.+?):(\d+):(?:\d+:)? Cyclomatic Complexity is (\d+)")
    while todo:
        res = subprocess.run(["checkstyle", "-c", config, *todo], cwd=repo,
                             capture_output=True, text=True)
        m = re.search(r"Exception was thrown while processing (\S+)", res.stdout + res.stderr)
        if m:
            bad = os.path.relpath(os.path.join(repo, m.group(1)), repo)
            why = re.search(r"\n[^\n]*" + re.escape(os.path.basename(bad)) +
                            r":(\d+:\d+: [^\n]*)", res.stdout + res.stderr)
            failed[bad] = why.group(1) if why else "exception"
            todo = [f for f in todo if f != bad]
            if bad not in files:
                raise SystemExit(f"checkstyle failed on {m.group(1)}")
            continue
        for line in res.stdout.splitlines():
            mm = pattern.match(line)
            if mm:
                values[(os.path.relpath(mm.group(1), repo), int(mm.group(2)))].append(
                    int(mm.group(3)))
        break
    return values, failed


def lizard(repo, files):
    """lizard's CCN of each function: (path, last line) → [CCN] (lizard starts a method at
    its name, after the annotations; the closing brace is the same); empty without lizard."""
    if not shutil.which("lizard"):
        return {}
    res = subprocess.run(["lizard", "-l", "java", "--csv", *files], cwd=repo,
                         capture_output=True, text=True)
    out = {}
    import csv

    for parts in csv.reader(res.stdout.splitlines()):
        try:
            out.setdefault((parts[6], int(parts[10])), []).append(int(parts[1]))
        except (IndexError, ValueError):
            continue
    return out


def complexity(repo):
    report = debtscan(["functions", repo, "--no-cache"])
    measured = {f["path"] for f in report["files"]}
    files = [f for f in tracked_files(repo, "*.java") if f in measured]
    ours = defaultdict(list)
    for f in report["functions"]:
        if f["path"].endswith(".java"):
            ours[(f["path"], f["start_line"])].append(f)
    facts = javafacts(repo, files)
    theirs, failed = checkstyle(repo, files)
    liz = lizard(repo, files)
    large = closure_lines(repo)
    differ, explained, agree, compared = [], defaultdict(list), 0, 0
    folded_units, lizard_seen, lizard_same, lizard_other = 0, 0, 0, []
    for rel in files:
        r = facts[rel]
        if r.get("error"):
            differ.append(f"{rel}: javac's parser: {r['error']}")
            continue
        units = r["units"]
        mine = {k: v for k, v in ours.items() if k[0] == rel}
        # debtscan's lambda units, by javac's lambda on the same lines.
        lambdas = {(l["line"], l["end"]): l for l in r["lambdas"]}
        extra = defaultdict(int)  # unit index → decision points of its lambda units
        seen = set()
        for key, fs in sorted(mine.items()):
            for f in fs:
                if "{closure#" not in f["symbol"]:
                    continue
                seen.add((key, f["symbol"]))
                lam = lambdas.get((f["start_line"], f["end_line"]))
                where = f"{rel}:{f['start_line']}-{f['end_line']} {f['symbol']}"
                if lam is None:
                    differ.append(f"{where}: debtscan lambda unit, javac has no lambda there")
                    continue
                if lam["unit"] < 0:
                    explained["debtscan lambda unit outside every method (field initialiser); "
                              "no checkstyle unit"].append(f"{where} = {f['cyclomatic']}")
                    continue
                owner = units[lam["unit"]]
                if owner["kind"] in ("init", "static-init"):
                    explained["debtscan lambda unit inside an initialiser"].append(
                        f"{where} = {f['cyclomatic']}")
                    continue
                if f["end_line"] - f["start_line"] + 1 < large:
                    differ.append(f"{where}: a lambda of {f['end_line'] - f['start_line'] + 1}"
                                  f" lines in a method is a debtscan unit")
                extra[lam["unit"]] += f["cyclomatic"] - 1
                folded_units += 1
        for k, u in enumerate(units):
            key = (rel, u["line"])
            where = f"{rel}:{u['line']}"
            cs = theirs.get(key, [])
            if rel in failed:
                cs = None
            if u["kind"] in ("init", "static-init"):
                explained[f"checkstyle {u['kind']} unit; debtscan has none"].append(
                    f"{where} {u['class']} = {cs[0] if cs else '?'}")
                continue
            fs = [f for f in mine.get(key, []) if "{closure#" not in f["symbol"]]
            if not u["body"]:
                if fs:
                    differ.append(f"{where} {u['symbol']}: no body, debtscan has a unit")
                else:
                    explained["method without a body (abstract, interface, native): "
                              "debtscan has no unit"].append(f"{where} {u['symbol']}")
                continue
            if not fs:
                differ.append(f"{where}-{u['end']} {u['symbol']}: javac has it, debtscan not")
                continue
            f = next((f for f in fs if (key, f["symbol"]) not in seen), fs[0])
            seen.add((key, f["symbol"]))
            if f["end_line"] != u["end"]:
                differ.append(f"{where} {f['symbol']}: debtscan ends it at {f['end_line']}, "
                              f"javac at {u['end']}")
            if f["symbol"] != u["symbol"]:
                differ.append(f"{where}: debtscan names it {f['symbol']}, javac {u['symbol']}")
            if cs is None:
                continue
            # Several units on one line (one-line anonymous classes): checkstyle's values in
            # order; match by the same order.
            same_line = [v for v in units if v["line"] == u["line"] and v["body"]
                         and v["kind"] not in ("init", "static-init")]
            idx = same_line.index(u)
            if idx >= len(cs):
                differ.append(f"{where} {f['symbol']}: checkstyle has no unit there")
                continue
            compared += 1
            lz = liz.get((rel, u["end"]), [])
            if len(lz) == 1 and len(same_line) == 1:
                lizard_seen += 1
                lizard_same += lz[0] == cs[idx]
                if lz[0] != cs[idx]:
                    lizard_other.append(f"{where} {f['symbol']}: checkstyle {cs[idx]}, "
                                        f"lizard {lz[0]}")
            want = cs[idx] - extra[k]
            if f["cyclomatic"] == want:
                agree += 1
            else:
                note = f" (lambda units: {extra[k]})" if extra[k] else ""
                note += f", lizard {lz}" if lz else ""
                differ.append(f"{where} {f['symbol']}: debtscan {f['cyclomatic']}, checkstyle "
                              f"{cs[idx]}{note}")
        for key, fs in sorted(mine.items()):
            for f in fs:
                if (key, f["symbol"]) not in seen:
                    differ.append(f"{rel}:{key[1]}-{f['end_line']} {f['symbol']}: debtscan "
                                  "has it, javac has no such unit")
    for key in sorted(set(ours) - {(p, l) for p, l in ours if p in set(files)}):
        differ.append(f"{key[0]}:{key[1]}: debtscan function in a file not compared")
    n_units = sum(len(fs) for k, fs in ours.items() if k[0] in set(files) and k[0] not in failed)
    ok = finish(f"{repo}: {len(files)} Java files ({len(failed)} checkstyle cannot parse), "
                f"{n_units} debtscan units in the parsed files; {compared} methods compared "
                f"with checkstyle, {agree} agree ({folded_units} debtscan lambda units taken "
                f"out of their methods' checkstyle count)", "not parsed by checkstyle (not compared)",
                [f"{p} ({w})" for p, w in sorted(failed.items())], differ)
    if liz:
        print(f"  for information: lizard's CCN equals checkstyle's for {lizard_same} of the "
              f"{lizard_seen} compared methods it ends on the same line (one function there)")
        for row in lizard_other:
            print(f"    {row}")
    for cat, rows in sorted(explained.items()):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows:
            print(f"    {row}")
    return ok


# ---------------------------------------------------------------------------------- imports


def stubs(repo, files, tmp):
    """Annotation stubs for the types javac cannot find (a package it does not know, imported
    or written fully qualified); the stub files and javac's last result."""
    wanted = {}  # (package, name) → element names
    sources = {f: read(repo, f) for f in files}

    def elements(pkg, name):
        found = set()
        for text in sources.values():
            for m in re.finditer(r"@\s*(?:" + re.escape(pkg) + r"\s*\.\s*)?" + name +
                                 r"\s*\(", text):
                # The arguments, string literals emptied, up to the closing parenthesis.
                args = re.sub(r'"(?:\\.|[^"\\])*"', '""', text[m.end():m.end() + 2000])
                depth, k = 1, 0
                while k < len(args) and depth:
                    depth += {"(": 1, ")": -1}.get(args[k], 0)
                    k += 1
                found |= set(re.findall(r"(\w+)\s*=(?!=)", args[:k]))
        return found

    out = []
    for _ in range(5):
        res = subprocess.run(["javac", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                              "--release", "17", "-d", os.path.join(tmp, "probe"),
                              *[os.path.join(repo, f) for f in files], *out],
                             capture_output=True, text=True)
        missing = set()
        for pkg in set(re.findall(r"package ([\w.]+) does not exist", res.stderr)):
            for text in sources.values():
                for name in re.findall(r"^import\s+" + re.escape(pkg) + r"\.(\w+)\s*;",
                                       text, re.M):
                    missing.add((pkg, name))
        for name, pkg in re.findall(r"symbol:\s+class (\w+)\s+location: package ([\w.]+)",
                                    res.stderr):
            missing.add((pkg, name))
        new = {k for k in missing if k not in wanted}
        if res.returncode == 0 or not new:
            break
        for pkg, name in new:
            wanted[(pkg, name)] = elements(pkg, name)
        out = []
        for (pkg, name), els in sorted(wanted.items()):
            body = "".join(f"  String[] {e}() default {{}};\n" for e in sorted(els))
            path = os.path.join(tmp, "stubs", *pkg.split("."), name + ".java")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as fh:
                fh.write(f"package {pkg};\n@java.lang.annotation.Retention("
                         f"java.lang.annotation.RetentionPolicy.CLASS)\n"
                         f"public @interface {name} {{\n{body}}}\n")
            out.append(path)
    for (pkg, name), els in sorted(wanted.items()):
        print(f"  stub: @interface {pkg}.{name} ({', '.join(sorted(els)) or 'no elements'})")
    return out, res


def constants(classes_dir, classes):
    """Compile-time constants of each class: binary name → names (javap -constants)."""
    out = defaultdict(set)
    for k in range(0, len(classes), 300):
        res = subprocess.run(["javap", "-constants", "-p", "-cp", classes_dir,
                              *classes[k:k + 300]], capture_output=True, text=True)
        current = None
        for line in res.stdout.splitlines():
            m = re.match(r"^(?:[\w\s]+ )?(?:class|interface|enum|@interface) ([\w.$]+)", line)
            if m and not line.startswith(" "):
                current = m.group(1)
                continue
            m = re.match(r"^\s+.*\bstatic final\b.*?(\w+) = .*;$", line)
            if m and current:
                out[current].add(m.group(1))
    return out


def imports(repo, *roots):
    roots = [r.rstrip("/") for r in roots]
    report = debtscan(["graph", repo, "--no-cache", "--no-history"])
    nodes = {n["id"] for n in report["nodes"]}
    files = [f for f in tracked_files(repo, "*.java")
             if any(f.startswith(r + "/") for r in roots) and f in nodes
             and os.path.basename(f) != "module-info.java"]
    left = [f for f in tracked_files(repo, "*.java") if any(f.startswith(r + "/") for r in roots)
            and f not in files]
    facts = javafacts(repo, files)
    # Top-level binary name → file.
    owner = {}
    for f in files:
        pkg = facts[f]["package"]
        for t in facts[f]["types"]:
            owner[f"{pkg}.{t}" if pkg else t] = f
    tmp = tempfile.mkdtemp(prefix="compare-java-")
    try:
        stub_files, res = stubs(repo, files, tmp)
        out = os.path.join(tmp, "classes")
        res = subprocess.run(["javac", "-proc:none", "-nowarn", "-encoding", "UTF-8",
                              "--release", "17", "-d", out,
                              *[os.path.join(repo, f) for f in files], *stub_files],
                             capture_output=True, text=True)
        print("  javac -proc:none -nowarn -encoding UTF-8 --release 17 -d OUT "
              f"<{len(files)} files> <{len(stub_files)} stubs>: exit {res.returncode}")
        if res.returncode != 0:
            print(res.stderr[:3000])
            return False
        deps = subprocess.run(["jdeps", "-verbose:class", "-filter:none", out],
                              capture_output=True, text=True, check=True).stdout
        classes = []
        for root_, _, names in os.walk(out):
            for n in names:
                if n.endswith(".class"):
                    classes.append(os.path.relpath(os.path.join(root_, n), out)[:-6]
                               .replace("/", "."))
        consts = constants(out, sorted(classes))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    def file_of(cls):
        return owner.get(cls.split("$")[0])

    theirs, class_edges = set(), 0
    for line in deps.splitlines():
        m = re.match(r"^\s+(\S+)\s+->\s+(\S+)\s", line)
        if not m:
            continue
        class_edges += 1
        a, b = file_of(m.group(1)), file_of(m.group(2))
        if a and b and a != b:
            theirs.add((a, b))
    ours = {(e["from"], e["to"]) for e in report["edges"]
            if e["from"] in set(files) and e["to"] in set(files)}

    # What the importing file's tokens say.
    from pygments.token import Name

    info = {}

    def file_info(rel):
        if rel not in info:
            code_names, comment_text, imports_, dotted = Counter(), [], [], []
            annotation_names = Counter()
            toks = tokens(read(repo, rel))
            in_import = False
            stmt = []
            for k, (ttype, value, _) in enumerate(toks):
                if is_comment(ttype):
                    comment_text.append(value)
                    continue
                if value == "import" and ttype not in Name:
                    in_import, stmt = True, []
                    continue
                if in_import:
                    if value == ";":
                        imports_.append("".join(stmt).strip())
                        in_import = False
                    else:
                        stmt.append(value)
                    continue
                if ttype in Name:
                    # `@Foo`, `@a.b.Foo` are Name.Decorator tokens.
                    is_annotation = ttype in Name.Decorator
                    for part in value.lstrip("@").split("."):
                        code_names[part] += 1
                        annotation_names[part] += is_annotation
            # `Type.NAME` pairs in code (Pygments gives them as Name, Operator, Name attribute).
            code = [(t, v) for t, v, _ in toks if not is_comment(t) and v.strip()]
            for k in range(len(code) - 2):
                if code[k + 1][1] == ".":
                    dotted.append((code[k][1], code[k + 2][1]))
            info[rel] = (code_names, "\n".join(comment_text), imports_, dotted,
                         annotation_names)
        return info[rel]

    def declared(target):
        """Simple names of the types the target file declares (nested ones too), from its
        binary class names."""
        pkg = facts[target]["package"]
        names = set()
        for c in classes:
            if file_of(c) == target:
                for part in c[len(pkg) + 1 if pkg else 0:].split("$"):
                    if part and not part[0].isdigit():
                        names.add(re.sub(r"^\d+", "", part))
        return names

    def classify_ours(a, b):
        names, comments, imps, dotted, annotations = file_info(a)
        types = declared(b)
        pkg = facts[b]["package"]
        imported = [i for i in imps
                    if any(re.fullmatch(r"(static\s+)?" + re.escape(pkg) + r"\." + t +
                                        r"(\.[\w*]+)*", i.strip()) for t in types)]
        used = {t for t in types if names[t] > 0}
        # A name counted once is its import's own name (the import statement is skipped,
        # so any count is a use).
        if imported and not used:
            static_members = [i.split(".")[-1] for i in imported if i.startswith("static")]
            cls = [c for c in classes if file_of(c) == b]
            const = set().union(*(consts.get(c, set()) for c in cls))
            if static_members and all(m in const and names[m] > 0 for m in static_members):
                return "constant-inlined"
            if any(re.search(r"\b" + t + r"\b", comments) for t in types):
                return "javadoc-only"
            return "unused-import"
        if used:
            cls = [c for c in classes if file_of(c) == b]
            const = set().union(*(consts.get(c, set()) for c in cls))
            uses = [(x, y) for x, y in dotted if x in used]
            total = sum(names[t] for t in used)
            if uses and len(uses) == total and all(y in const for _, y in uses):
                return "constant-inlined"
            # jdeps reads RuntimeVisibleAnnotations only: an annotation type of SOURCE or
            # CLASS retention (the default) used only as an annotation leaves no edge.
            retention = re.search(r"@(?:java\.lang\.annotation\.)?Retention\s*\(\s*"
                                  r"(?:(?:java\.lang\.annotation\.)?RetentionPolicy\.)?"
                                  r"(\w+)", read(repo, b))
            if all(annotations[t] == names[t] for t in used) and \
                    (retention is None or retention.group(1) != "RUNTIME"):
                return "annotation-not-runtime"
        return None

    def classify_theirs(a, b):
        names = file_info(a)[0]
        if not any(names[t] > 0 for t in declared(b)):
            return "signature-only"
        return None

    differ, explained = [], defaultdict(list)
    for a, b in sorted(ours - theirs):
        cat = classify_ours(a, b)
        if cat:
            explained["only debtscan, " + cat].append(f"{a} -> {b}")
        else:
            differ.append(f"only debtscan: {a} -> {b}")
    for a, b in sorted(theirs - ours):
        cat = classify_theirs(a, b)
        if cat:
            explained["only jdeps, " + cat].append(f"{a} -> {b}")
        else:
            differ.append(f"only jdeps: {a} -> {b}")
    ok = finish(f"{repo}: {len(files)} Java files under {', '.join(roots)} compiled, "
                f"{class_edges} jdeps class edges, {len(theirs)} file edges from jdeps, "
                f"{len(ours)} from debtscan, {len(ours & theirs)} agree",
                "not compared", left, differ)
    for cat, rows in sorted(explained.items()):
        print(f"  explained, {cat}: {len(rows)}")
        for row in rows:
            print(f"    {row}")
    return ok


if __name__ == "__main__":
    commands = {"markers": markers, "complexity": complexity, "imports": imports}
    if len(sys.argv) < 3 or sys.argv[1] not in commands or \
            (sys.argv[1] != "imports" and len(sys.argv) != 3) or \
            (sys.argv[1] == "imports" and len(sys.argv) < 4):
        print(__doc__)
        sys.exit(2)
    ok = commands[sys.argv[1]](*sys.argv[2:])
    sys.exit(0 if ok else 1)
