#!/usr/bin/env node
// The API's types for the client: openapi.json (committed) is the API's OpenAPI document, which Python produces
// from the app itself (no server); src/generated/openapi.ts (not committed) is generated from it.
//
//   node scripts/openapi-types.mjs              writes openapi.json from the app, then src/generated/openapi.ts
//   node scripts/openapi-types.mjs --check      fails when openapi.json is not the app's document, then generates
//   node scripts/openapi-types.mjs --generate   only generates src/generated/openapi.ts from openapi.json (no Python)
//
// The Python is HAITAO_PYTHON, else the repository's .venv (`make install` sets it up). The document is made with
// the settings' defaults only (no HAITAO_* variable, no .env file), so it is the same on every machine.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { haitaoPython, repoRoot } from "./python.mjs";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const DOCUMENT = join(PACKAGE, "openapi.json");
const TARGET = join(PACKAGE, "src", "generated", "openapi.ts");
const DUMP = [
  "import json, sys",
  "from search.api.app import create_app",
  "from search.config import Settings",
  "json.dump(create_app(Settings(_env_file=None)).openapi(), sys.stdout, ensure_ascii=False, indent=2)",
  "print()",
].join("\n");
const HEADER = [
  "// Generated from openapi.json by scripts/openapi-types.mjs (`npm run build`, `npm test`); not committed.",
  "// Do not edit: change the API (search/api/), then run `npm run types`.",
  "",
].join("\n");

function appDocument() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("HAITAO_")));
  return execFileSync(haitaoPython(), ["-c", DUMP], { cwd: repoRoot(), env, encoding: "utf-8", maxBuffer: 64 << 20 });
}

function generateTypes() {
  const dir = mkdtempSync(join(tmpdir(), "haitao-openapi-"));
  try {
    const out = join(dir, "openapi.ts");
    const cli = join(PACKAGE, "node_modules", "openapi-typescript", "bin", "cli.js");
    // --default-non-nullable false: a parameter with a default may be left out of a request. --root-types and
    // --root-types-no-schema-prefix: every schema is also a type of its own name (`SearchHit`), which
    // src/types.ts re-exports.
    const options = ["--default-non-nullable", "false", "--root-types", "--root-types-no-schema-prefix"];
    execFileSync(process.execPath, [cli, DOCUMENT, "--output", out, ...options], {
      stdio: ["ignore", "ignore", "inherit"],
    });
    mkdirSync(dirname(TARGET), { recursive: true });
    writeFileSync(TARGET, HEADER + readFileSync(out, "utf-8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv.includes("--check")) {
  let committed = "";
  try {
    committed = readFileSync(DOCUMENT, "utf-8");
  } catch {
    // missing: reported below
  }
  if (committed !== appDocument()) {
    console.error(
      "clients/js/openapi.json is not the API's current OpenAPI document: run `npm run types` in clients/js " +
        "and commit openapi.json (then check the client still matches the API).",
    );
    process.exit(1);
  }
  console.log("openapi.json matches the API's OpenAPI document");
} else if (!process.argv.includes("--generate")) {
  writeFileSync(DOCUMENT, appDocument());
  console.log(`wrote ${DOCUMENT}`);
}
generateTypes();
console.log(`generated ${TARGET}`);
