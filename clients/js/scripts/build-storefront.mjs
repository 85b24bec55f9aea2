#!/usr/bin/env node
// Bundles this package (src/index.ts) into one ES module for the demo storefront that the API serves:
// search/api/static/haitao-client.js. The storefront is plain JS modules with no build step of its own, and
// `make demo` needs no npm, so the bundle is committed; `--check` (run by `npm test`) fails when it differs from
// what the sources build, so it never drifts from the client.

import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const OUT = fileURLToPath(new URL("../../../search/api/static/haitao-client.js", import.meta.url));
const BANNER =
  "// @haitao-search/client (clients/js), bundled for the demo storefront by clients/js/scripts/build-storefront.mjs.\n" +
  "// Generated: do not edit; `cd clients/js && npm run build` rewrites it.";

const built = await build({
  absWorkingDir: PACKAGE,
  entryPoints: ["src/index.ts"],
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: false,
  write: false,
  banner: { js: BANNER },
  legalComments: "inline",
  logLevel: "warning",
});
const text = built.outputFiles[0].text;

if (process.argv.includes("--check")) {
  let current = "";
  try {
    current = readFileSync(OUT, "utf8");
  } catch {
    // missing: reported below
  }
  if (current !== text) {
    console.error(`${OUT} is not what the client's sources build: run \`npm run build\` in clients/js and commit it`);
    process.exit(1);
  }
  console.log("storefront bundle of the client is current");
} else {
  writeFileSync(OUT, text);
  console.log(`built ${OUT}`);
}
