#!/usr/bin/env node
// Bundles this package (src/index.ts) into one ES module for the demo storefront that the API serves:
// search/api/static/haitao-client.js. The storefront is plain JS modules with no build step of its own; this bundle
// is a build output (not committed): `make demo`, `make js` and `npm run build` (or `npm run storefront`) write it.

import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const OUT = fileURLToPath(new URL("../../../search/api/static/haitao-client.js", import.meta.url));
const BANNER =
  "// @haitao-search/client (clients/js), bundled for the demo storefront by clients/js/scripts/build-storefront.mjs.\n" +
  "// Generated: do not edit; `make js` (or `cd clients/js && npm run build`) rewrites it.";

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
writeFileSync(OUT, built.outputFiles[0].text);
console.log(`built ${OUT}`);
