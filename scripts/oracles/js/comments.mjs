// Every comment of JavaScript and TypeScript files as @babel/parser reads them: the oracle of
// `scripts/compare-js.py markers`.
//
//   node comments.mjs ROOT < paths      (one repository-relative path a line)
//
// Prints one JSON object: {path: [[start_line, end_line, "Line"|"Block", value], ...]}, or
// {path: null} for a file Babel cannot parse even with error recovery. Babel keeps comments in
// `ast.comments`: `//` lines and `/* */` blocks, also inside JSX expressions and template
// substitutions. Strings, template text, regular expressions and JSX text are no comments, and
// the `#!` line is the program's `interpreter`, not a comment. Plugins by extension: `jsx` for
// .js/.jsx/.mjs/.cjs, `typescript` (+ `jsx` for .tsx) and `decorators-legacy` for TypeScript.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(join(process.env.ORACLES_NODE || "/work/oracles/node", "x.js"));
const babel = require("@babel/parser");

export function babelOptions(path) {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const ts = ["ts", "tsx", "mts", "cts"].includes(ext);
  const plugins = ts
    ? ["typescript", "decorators-legacy", ...(ext === "tsx" ? ["jsx"] : [])]
    : ["jsx"];
  return {
    sourceType: ext === "cjs" || ext === "cts" ? "script" : "unambiguous",
    plugins,
    errorRecovery: true,
    allowReturnOutsideFunction: true,
    allowAwaitOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
  };
}

export function parse(root, path) {
  const text = readFileSync(join(root, path), "utf8");
  try {
    return babel.parse(text, babelOptions(path));
  } catch (e) {
    // A module that is no script (or the reverse): try the other goal once.
    try {
      return babel.parse(text, { ...babelOptions(path), sourceType: "module" });
    } catch {
      return null;
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2];
  const paths = readFileSync(0, "utf8").split("\n").filter(Boolean);
  const out = {};
  for (const path of paths) {
    const ast = parse(root, path);
    out[path] = ast
      ? ast.comments.map((c) => [
          c.loc.start.line,
          c.loc.end.line,
          c.type === "CommentLine" ? "Line" : "Block",
          c.value,
        ])
      : null;
  }
  process.stdout.write(JSON.stringify(out));
}
