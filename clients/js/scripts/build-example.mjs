#!/usr/bin/env node
// Bundles the InstantSearch example (examples/instantsearch/app.ts, with instantsearch.js, instantsearch.css and
// this package's built dist/) into examples/instantsearch/dist/: index.html, app.js, app.css. Nothing on the page
// comes from a CDN. Run after `tsc` (npm run build does both).

import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const EXAMPLE = fileURLToPath(new URL("../examples/instantsearch/", import.meta.url));
const OUT = join(EXAMPLE, "dist");

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
await build({
  entryPoints: { app: join(EXAMPLE, "app.ts") },
  bundle: true,
  format: "esm",
  target: "es2020",
  minify: true,
  sourcemap: true,
  outdir: OUT,
  legalComments: "linked",
  logLevel: "warning",
});
copyFileSync(join(EXAMPLE, "index.html"), join(OUT, "index.html"));
console.log(`built ${OUT}`);
