/** The HaitaoError a call fails with: the test fails when the call succeeds or fails with anything else. */

import assert from "node:assert/strict";
import { HaitaoError } from "../../src/index.js";

export async function rejection(call: Promise<unknown>): Promise<HaitaoError> {
  const outcome = await call.then(
    (value: unknown) => ({ value }),
    (error: unknown) => ({ error }),
  );
  assert.ok("error" in outcome, "the call succeeded");
  assert.ok(outcome.error instanceof HaitaoError, `not a HaitaoError: ${String(outcome.error)}`);
  return outcome.error;
}
