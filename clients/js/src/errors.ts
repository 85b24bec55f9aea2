import type { ErrorResponse } from "./types.js";

/** What went wrong: the server answered with an error status, the request timed out, the network failed, or the
 * server answered something that is not the API's JSON. */
export type HaitaoErrorKind = "http" | "timeout" | "network" | "invalid_response";

export interface HaitaoErrorDetails {
  kind: HaitaoErrorKind;
  method: string;
  url: string;
  status?: number;
  body?: unknown;
  retryAfterS?: number;
  attempts?: number;
  cause?: unknown;
}

/**
 * Every failure of a Haitao request. `status` is the HTTP status (absent for a timeout or a network error),
 * `message` the API's own message when it sent one (it names the parameter at fault), `body` the error body as
 * received, `retryAfterS` the server's `Retry-After` (429, 503).
 */
export class HaitaoError extends Error {
  override readonly name = "HaitaoError";
  readonly kind: HaitaoErrorKind;
  readonly method: string;
  readonly url: string;
  readonly status: number | undefined;
  readonly body: unknown;
  readonly retryAfterS: number | undefined;
  readonly attempts: number;

  constructor(message: string, details: HaitaoErrorDetails) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.kind = details.kind;
    this.method = details.method;
    this.url = details.url;
    this.status = details.status;
    this.body = details.body;
    this.retryAfterS = details.retryAfterS;
    this.attempts = details.attempts ?? 1;
  }

  /** The API's error (`status` and `message`, from the body `{"error": {...}}`), when the server sent one.
   * (Not called `error`: InstantSearch sets `error.error` on the errors it reports.) */
  get apiError(): ErrorResponse["error"] | undefined {
    return isErrorResponse(this.body) ? this.body.error : undefined;
  }
}

export function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== "object" || body === null) return false;
  const error = (body as { error?: unknown }).error;
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { status?: unknown }).status === "number" &&
    typeof (error as { message?: unknown }).message === "string"
  );
}
