// The module specifiers each file names, as @babel/parser reads them: how
// `scripts/compare-js.py imports` tells why an edge is in one graph and not the other.
//
//   node specifiers.mjs ROOT < paths      (one repository-relative path a line)
//
// Prints {path: [[line, kind, specifier], ...]} ({path: null} when Babel cannot parse it).
// Kinds: `import`, `import-type` (`import type …`), `import-type-specifiers` (`import { type
// A, type B }`, every specifier a type), `export-from`, `export-type-from`, `require`,
// `import()` (a literal specifier), `import-equals` (`import x = require("…")`),
// `type-import` (`import("…").T` in a type), `require-expr`/`import()-expr` (a specifier
// built at run time: no literal).
import { readFileSync } from "node:fs";
import { parse } from "./comments.mjs";

function walk(node, visit) {
  if (!node || typeof node.type !== "string") return;
  visit(node);
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "start" || key === "end" || key === "extra") continue;
    const v = node[key];
    if (Array.isArray(v)) v.forEach((c) => c && typeof c.type === "string" && walk(c, visit));
    else if (v && typeof v.type === "string") walk(v, visit);
  }
}

const literal = (n) =>
  n && (n.type === "StringLiteral" ? n.value : n.type === "TemplateLiteral" && n.expressions.length === 0 ? n.quasis[0].value.cooked : null);

const root = process.argv[2];
const paths = readFileSync(0, "utf8").split("\n").filter(Boolean);
const out = {};
for (const path of paths) {
  const ast = parse(root, path);
  if (!ast) {
    out[path] = null;
    continue;
  }
  const found = [];
  const add = (node, kind, spec) => found.push([node.loc.start.line, kind, spec]);
  walk(ast.program, (n) => {
    switch (n.type) {
      case "ImportDeclaration": {
        const all = n.specifiers.length > 0 && n.specifiers.every((s) => s.importKind === "type");
        add(n, n.importKind === "type" ? "import-type" : all ? "import-type-specifiers" : "import", n.source.value);
        break;
      }
      case "ExportNamedDeclaration":
      case "ExportAllDeclaration":
        if (n.source) add(n, n.exportKind === "type" ? "export-type-from" : "export-from", n.source.value);
        break;
      case "TSImportEqualsDeclaration":
        if (n.moduleReference?.type === "TSExternalModuleReference")
          add(n, "import-equals", n.moduleReference.expression.value);
        break;
      case "TSImportType": {
        const a = n.argument?.type === "TSLiteralType" ? n.argument.literal : n.argument;
        add(n, "type-import", literal(a) ?? "?");
        break;
      }
      case "ImportExpression":
        add(n, literal(n.source) !== null ? "import()" : "import()-expr", literal(n.source));
        break;
      case "CallExpression":
        if (n.callee.type === "Import")
          add(n, literal(n.arguments[0]) !== null ? "import()" : "import()-expr", literal(n.arguments[0]));
        else if (n.callee.type === "Identifier" && n.callee.name === "require" && n.arguments.length)
          add(n, literal(n.arguments[0]) !== null ? "require" : "require-expr", literal(n.arguments[0]));
        break;
    }
  });
  out[path] = found;
}
process.stdout.write(JSON.stringify(out));
