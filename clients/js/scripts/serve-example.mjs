#!/usr/bin/env node
// Serves the built InstantSearch example (examples/instantsearch/dist, `npm run build` first) on its own origin,
// with a config.json pointing it at a Haitao API:
//
//   npm run example -- --api http://127.0.0.1:8000 [--key pk-...] [--port 5173]
//
// The page calls the API from the browser, so the API must allow this origin: start it with
// HAITAO_CORS_ORIGINS=http://127.0.0.1:5173 (e.g. `HAITAO_CORS_ORIGINS=http://127.0.0.1:5173 make demo`).

import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const DIST = fileURLToPath(new URL("../examples/instantsearch/dist/", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
};

const { values } = parseArgs({
  options: {
    api: { type: "string", default: process.env.HAITAO_API_URL ?? "http://127.0.0.1:8000" },
    key: { type: "string", default: process.env.HAITAO_SEARCH_API_KEY ?? "" },
    host: { type: "string", default: "127.0.0.1" },
    port: { type: "string", default: "5173" },
  },
});
if (!existsSync(join(DIST, "index.html"))) {
  console.error("examples/instantsearch/dist is not built: run `npm run build` first");
  process.exit(1);
}
const config = JSON.stringify({ baseUrl: values.api, ...(values.key ? { apiKey: values.key } : {}) });

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
  if (path === "/config.json") {
    res.writeHead(200, { "Content-Type": TYPES[".json"], "Cache-Control": "no-store" });
    res.end(config);
    return;
  }
  const file = normalize(join(DIST, path === "/" ? "index.html" : path));
  if (!file.startsWith(DIST) || !existsSync(file)) {
    res.writeHead(404, { "Content-Type": "text/plain" });
    res.end("not found");
    return;
  }
  res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
  res.end(readFileSync(file));
});
server.listen(Number(values.port), values.host, () => {
  const origin = `http://${values.host}:${values.port}`;
  console.log(`InstantSearch example on ${origin}/ searching ${values.api}`);
  console.log(`the API must allow this origin: HAITAO_CORS_ORIGINS=${origin}`);
});
