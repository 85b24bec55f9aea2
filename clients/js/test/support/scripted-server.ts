/**
 * A real HTTP server on a free loopback port that answers from a script, for the transport's behaviour that a
 * healthy Haitao server does not show on demand: 429 and 503 with Retry-After, a proxy's 502 page, a slow answer,
 * a body that is not JSON. Each request is recorded.
 */

import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
}

export type Script = (request: Recorded, index: number) => Reply;

export class ScriptedServer {
  readonly requests: Recorded[] = [];
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly script: Script) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString() };
    this.requests.push(recorded);
    const reply = this.script(recorded, this.requests.length - 1);
    const send = () => {
      const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
      const type = typeof reply.body === "string" ? "text/html" : "application/json";
      res.writeHead(reply.status ?? 200, { "Content-Type": type, ...reply.headers });
      res.end(body);
    };
    if (reply.delayMs) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!res.destroyed) send();
      }, reply.delayMs);
      this.timers.add(timer);
    } else {
      send();
    }
  }
}

/** A minimal valid search answer. */
export function searchAnswer(total = 0): Record<string, unknown> {
  return {
    query: "",
    total,
    page: 1,
    size: 10,
    hits: [],
    facets: {},
    facets_stats: {},
    next_cursor: null,
    exchange_rate: { cny_per_usd: 7.2, as_of: "2026-11-01" },
    took_ms: 1.5,
  };
}
