// ESLint's `complexity` rule (classic variant, threshold 0 so that every code path reports)
// on JavaScript and TypeScript files: the oracle of `scripts/compare-js.py complexity`.
//
//   node complexity.mjs ROOT < paths      (one repository-relative path a line)
//
// Prints one JSON object: {path: [entry, ...]} or {path: {"error": message}} for a file the
// parser cannot read. An entry is one code path ESLint measures: a function, a class field
// initializer or a class static block:
//   {kind, name, complexity, start, end, starts, parent, named, params}
// `start`/`end` are the node's lines; `starts` the lines debtscan may start the same function
// on (a method's `static`/`get`/key line as well as its parameters' line, with and without
// decorators); `parent` the index of the code path it is written in (-1 for the module);
// `named` whether debtscan names it (see `named` below); `params` a function's parameters (ESTree's `params`, TypeScript's `this: T` left out).
//
// The rule is ESLint's own (`builtinRules.get("complexity")`), configured as
// `complexity: ["error", 0]` and run as a plugin rule whose `context.report` also records the
// node; the built-in rule runs beside it and every number is checked against its message.
// Parsers: espree (ecmaVersion latest, JSX on) for .js/.jsx/.mjs/.cjs, @typescript-eslint/
// parser for .ts/.tsx/.mts/.cts.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(join(process.env.ORACLES_NODE || "/work/oracles/node", "x.js"));
const { Linter } = require("eslint");
const { builtinRules } = require("eslint/use-at-your-own-risk");
const tsParser = require("@typescript-eslint/parser");

const builtin = builtinRules.get("complexity");

function recorder(found) {
  return {
    meta: builtin.meta,
    create(context) {
      const stack = [];
      // The context is frozen: a child object that reports through it, and records.
      const proxy = Object.create(context, {
        report: {
          value(descriptor) {
            // The rule reports in onCodePathEnd, before the path is popped below: the top
            // (a class field's initializer and the arrow function it holds share one node).
            const entry = stack[stack.length - 1];
            entry.complexity = Number(descriptor.data.complexity);
            entry.name = descriptor.data.name;
            entry.head = descriptor.loc?.start;
            context.report(descriptor);
          },
        },
      });
      const inner = builtin.create(proxy);
      return {
        ...inner,
        onCodePathStart(codePath, node) {
          const parentEntry = stack.length ? stack[stack.length - 1] : null;
          const entry = {
            node,
            origin: codePath.origin,
            parent: parentEntry ? parentEntry.index : -1,
            index: found.length,
          };
          if (codePath.origin !== "program") {
            found.push(entry);
          } else {
            entry.index = -1;
          }
          stack.push(entry);
          inner.onCodePathStart?.(codePath, node);
        },
        onCodePathEnd(codePath, node) {
          inner.onCodePathEnd?.(codePath, node);
          stack.pop();
        },
      };
    },
  };
}

function starts(node, sourceCode) {
  const lines = new Set([node.loc.start.line]);
  const parent = node.parent;
  const methodLike =
    parent &&
    ((parent.type === "MethodDefinition" || parent.type === "TSAbstractMethodDefinition") ||
      (parent.type === "Property" && (parent.method || parent.kind === "get" || parent.kind === "set")));
  if (methodLike && parent.value === node) {
    lines.add(parent.loc.start.line);
    if (parent.decorators?.length) {
      const last = parent.decorators[parent.decorators.length - 1];
      const after = sourceCode.getTokenAfter(last);
      if (after) lines.add(after.loc.start.line);
    }
  }
  return [...lines].sort((a, b) => a - b);
}

// Whether debtscan's queries make this function a named unit (`@function`) rather than an
// anonymous closure: a declaration with a name, a method, or the value of a variable, an
// object property, an assignment or a class field.
function named(node) {
  const p = node.parent;
  if (node.type === "FunctionDeclaration") return Boolean(node.id);
  if (!p) return false;
  switch (p.type) {
    case "MethodDefinition":
    case "TSAbstractMethodDefinition":
    case "Property":
    case "PropertyDefinition":
      return p.value === node;
    case "VariableDeclarator":
      return p.init === node && p.id.type === "Identifier";
    case "AssignmentExpression":
      return p.right === node;
    default:
      return false;
  }
}

function config(path, sourceType, found) {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const ts = ["ts", "tsx", "mts", "cts"].includes(ext);
  return [
    {
      files: ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"],
      languageOptions: ts
        ? {
            parser: tsParser,
            sourceType: "module",
            parserOptions: { ecmaFeatures: { jsx: ext === "tsx" }, sourceType: "module" },
          }
        : {
            ecmaVersion: "latest",
            sourceType,
            parserOptions: { ecmaFeatures: { jsx: true } },
          },
      plugins: { oracle: { rules: { complexity: recorder(found) } } },
      rules: { complexity: ["error", 0], "oracle/complexity": ["error", 0] },
    },
  ];
}

export function measure(root, path) {
  const text = readFileSync(join(root, path), "utf8");
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const goals = ext === "mjs" ? ["module"] : ext === "cjs" ? ["commonjs"] : ["module", "commonjs"];
  let error = null;
  for (const goal of goals) {
    const found = [];
    const linter = new Linter();
    const messages = linter.verify(text, config(path, goal, found), { filename: path });
    const fatal = messages.find((m) => m.fatal);
    if (fatal) {
      error = `${fatal.line}:${fatal.column} ${fatal.message}`;
      continue;
    }
    const sourceCode = linter.getSourceCode();
    // The built-in rule's messages must be the recorded rule's, one for one.
    const said = (id) =>
      messages
        .filter((m) => m.ruleId === id)
        .map((m) => `${m.line}:${m.column} ${m.message}`)
        .sort()
        .join("\n");
    if (said("complexity") !== said("oracle/complexity")) {
      return { error: "the recorded numbers are not the built-in rule's" };
    }
    return found.map((e) => {
      const out = {
        kind: e.origin,
        name: e.name,
        complexity: e.complexity,
        start: e.node.loc.start.line,
        end: e.node.loc.end.line,
        starts: starts(e.node, sourceCode),
        parent: e.parent,
      };
      if (e.origin === "function") out.named = named(e.node);
      // A function's parameters, without TypeScript's `this: T` (a type, erased).
      if (e.node.params) {
        out.params = e.node.params.filter((p) => !(p.type === "Identifier" && p.name === "this")).length;
      }
      if (e.complexity === undefined) out.error = "no report from the rule";
      return out;
    });
  }
  return { error };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = process.argv[2];
  const paths = readFileSync(0, "utf8").split("\n").filter(Boolean);
  const out = {};
  for (const path of paths) out[path] = measure(root, path);
  process.stdout.write(JSON.stringify(out));
}
