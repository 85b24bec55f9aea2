#!/usr/bin/env node
// `npm test`'s runner (after tsc has compiled src/ and test/ into build/): indexes the repository's small test
// catalog (tests/fixtures/products.jsonl) into a temporary directory, serves it with `haitao serve` on a free port
// with a search key, runs every test file with node's test runner against it (HAITAO_TEST_URL, HAITAO_TEST_KEY),
// then stops the server. The server's log is printed when something fails.

import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { haitaoPython, repoRoot } from "./python.mjs";

const PACKAGE = fileURLToPath(new URL("..", import.meta.url));
const TESTS = join(PACKAGE, "build", "test");
const CATALOG = join(repoRoot(), "tests", "fixtures", "products.jsonl");
const CLI = "from indexer.cli import main; main()";
const START_TIMEOUT_S = 300;

function cleanEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("HAITAO_")));
  return { ...env, HAITAO_TORCH_THREADS: "1", ...extra };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitUntilReady(url, server, logPath) {
  const deadline = Date.now() + START_TIMEOUT_S * 1000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the Haitao server exited (${server.exitCode}):\n${tail(logPath)}`);
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the Haitao server was not ready within ${START_TIMEOUT_S} s:\n${tail(logPath)}`);
}

function tail(path) {
  try {
    return readFileSync(path, "utf-8").slice(-4000);
  } catch {
    return "(no log)";
  }
}

async function main() {
  const python = haitaoPython();
  const work = mkdtempSync(join(tmpdir(), "haitao-js-test-"));
  const dataDir = join(work, "index");
  const logPath = join(work, "server.log");
  let server;
  try {
    console.log(`indexing ${CATALOG} for the live tests`);
    const indexed = spawnSync(python, ["-c", CLI, "index", CATALOG, "--data-dir", dataDir], {
      cwd: repoRoot(),
      env: cleanEnv({}),
      stdio: ["ignore", "inherit", "inherit"],
    });
    if (indexed.status !== 0) throw new Error(`haitao index failed (${indexed.status ?? indexed.signal})`);

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const key = `pk-test-${randomBytes(8).toString("hex")}`;
    const log = openSync(logPath, "a");
    server = spawn(python, ["-c", CLI, "serve", "--data-dir", dataDir, "--port", String(port)], {
      cwd: repoRoot(),
      env: cleanEnv({ HAITAO_HOST: "127.0.0.1", HAITAO_SEARCH_API_KEY: key, HAITAO_RATE_LIMIT_PER_MINUTE: "0" }),
      stdio: ["ignore", log, log],
    });
    await waitUntilReady(url, server, logPath);
    console.log(`Haitao serving the test catalog on ${url}`);

    const files = readdirSync(TESTS)
      .filter((name) => name.endsWith(".test.js"))
      .sort()
      .map((name) => join(TESTS, name));
    const run = spawnSync(process.execPath, ["--test", "--test-concurrency=1", ...files], {
      cwd: PACKAGE,
      env: { ...process.env, HAITAO_TEST_URL: url, HAITAO_TEST_KEY: key },
      stdio: "inherit",
    });
    if (run.status !== 0) {
      console.error(`\nthe Haitao server's log (${logPath}):\n${tail(logPath)}`);
      process.exitCode = run.status ?? 1;
    }
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await Promise.race([
        new Promise((resolve) => server.once("exit", resolve)),
        new Promise((resolve) => setTimeout(resolve, 20_000)),
      ]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    if (!process.exitCode) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
