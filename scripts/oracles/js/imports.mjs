// madge's file dependency graph of JavaScript and TypeScript files: the oracle of
// `scripts/compare-js.py imports`.
//
//   node imports.mjs ROOT < paths      (one repository-relative path a line)
//
// Prints one JSON object {"tree": {path: [path, ...]}, "skipped": [specifier, ...]} with
// repository-relative paths. madge 8 (`madge --json --extensions js,jsx,mjs,cjs,ts,tsx`, run
// through its Node API to pass its detectives' options) reads each file with precinct's
// detectives and resolves the specifiers with filing-cabinet (Node's resolution; with the root
// `tsconfig.json`, when there is one, TypeScript's `resolveModuleName` for every file).
// Options, chosen to read what debtscan reads:
//   - `require()` in ES modules and TypeScript too (`mixedImports`), and `import()`;
//   - type-only imports and re-exports skipped (`skipTypeImports`): `import type`,
//     `export type … from`, and also (unlike debtscan) `import { type A, type B }` whose every
//     specifier is a type, and type positions `import("x").T` (compare-js.py classifies these).
// The files are the given paths (not madge's own walk, which reads ignored files too);
// dependencies found outside them are kept, compare-js.py decides.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(join(process.env.ORACLES_NODE || "/work/oracles/node", "x.js"));
const madge = require("madge");

const root = process.argv[2];
const paths = readFileSync(0, "utf8").split("\n").filter(Boolean);
// The root tsconfig.json, parsed by TypeScript itself. Given as a path (`--ts-config`), madge 8
// re-converts the parsed options as if they were JSON and loses `paths` without a `baseUrl`
// (zustand's `"zustand/*": ["./src/*.ts"]`, valid since TypeScript 4.1); a parsed config
// (`{options}`) reaches filing-cabinet's `ts.resolveModuleName` as it is.
const tsConfigPath = join(root, "tsconfig.json");
let tsConfig = null;
if (existsSync(tsConfigPath)) {
  const ts = require("typescript");
  const json = ts.readJsonConfigFile(tsConfigPath, ts.sys.readFile);
  tsConfig = { options: ts.parseJsonSourceFileConfigFileContent(json, ts.sys, root).options };
}
const detective = { skipTypeImports: true, mixedImports: true };
const result = await madge(
  paths.map((p) => join(root, p)),
  {
    baseDir: root,
    fileExtensions: ["js", "jsx", "mjs", "cjs", "ts", "tsx"],
    tsConfig,
    tsConfigPath: tsConfig ? tsConfigPath : undefined,
    detectiveOptions: { es6: detective, ts: detective, tsx: detective },
  },
);
// madge's keys are relative to baseDir already.
const tree = {};
for (const [from, deps] of Object.entries(result.obj())) {
  tree[from] = deps;
}
process.stdout.write(JSON.stringify({ tree, skipped: result.skipped || [] }));
