// Where the Haitao Search Python lives, for the scripts and tests that need the API itself (the OpenAPI
// document, a live server): HAITAO_PYTHON, else the repository's .venv, which `make install` builds when missing.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export function repoRoot() {
  return fileURLToPath(new URL("../../..", import.meta.url));
}

export function haitaoPython() {
  if (process.env.HAITAO_PYTHON) return process.env.HAITAO_PYTHON;
  const venv = join(repoRoot(), ".venv", "bin", "python");
  const installed = join(repoRoot(), ".venv", ".installed");
  if (!existsSync(installed)) {
    console.error(
      "clients/js: Haitao Search is not installed in .venv yet: running `make install` at the repository root " +
        "(once, a few minutes; set HAITAO_PYTHON to use another Python with Haitao installed)",
    );
    execFileSync("make", ["install"], { cwd: repoRoot(), stdio: "inherit" });
  }
  return venv;
}
