/**
 * Test-only pause points: named moments in long writes (an import, a migration, an atomic file
 * write) where a crash test can stop a real `baktadb` process and kill it there, instead of
 * guessing a moment with sleeps.
 *
 * Set `BAKTADB_TEST_PAUSE_AT` to a stage name (`import:features`) or a stage and an occurrence
 * (`import:features#2`: the second time the stage is reached), and `BAKTADB_TEST_PAUSE_MARKER` to
 * a file path. The process writes the stage name to the marker file when it gets there and then
 * waits forever (holding whatever locks and open transactions it has) until it is killed. Without
 * `BAKTADB_TEST_PAUSE_AT` (always, outside the crash tests) every pause point returns at once and
 * changes nothing; the variable is read once, when this module loads.
 *
 * @module
 */

/** The environment variable naming the stage to pause at: `stage` or `stage#N`. */
export const PAUSE_AT_ENV_VAR = "BAKTADB_TEST_PAUSE_AT";

/** The environment variable naming the marker file written when the pause begins. */
export const PAUSE_MARKER_ENV_VAR = "BAKTADB_TEST_PAUSE_MARKER";

/** The armed pause, parsed once; `undefined` when no test asked for one (normal runs). */
const ARMED: { stage: string; occurrence: number; marker?: string } | undefined = readArmed();

/** How often each stage was reached in this process. */
const reached = new Map<string, number>();

/**
 * Marks a named moment of a write. Returns at once unless `BAKTADB_TEST_PAUSE_AT` names this
 * stage (and its occurrence is reached): then writes the stage name to the file named by
 * `BAKTADB_TEST_PAUSE_MARKER` and never settles, so a test can kill the process right here.
 * Test-only: normal runs never set the variable.
 *
 * @param stage The stage, e.g. `"import:features"` or `"migrate:0003_feature_family"`.
 * @returns A promise that settles at once (normal runs) or never (the armed stage).
 *
 * @example Unarmed, a pause point does nothing
 * ```ts
 * import assert from "node:assert/strict";
 * import { pausePoint } from "./pause_point.ts";
 * assert.equal(await pausePoint("import:features"), undefined);
 * ```
 */
export function pausePoint(stage: string): Promise<void> {
  if (ARMED === undefined) return Promise.resolve();
  const count = (reached.get(stage) ?? 0) + 1;
  reached.set(stage, count);
  if (stage !== ARMED.stage || count !== ARMED.occurrence) return Promise.resolve();
  if (ARMED.marker !== undefined) Deno.writeTextFileSync(ARMED.marker, stage);
  // A timer keeps the process alive while it waits to be killed.
  return new Promise(() => setInterval(() => {}, 60_000));
}

function readArmed(): typeof ARMED {
  let value: string | undefined;
  let marker: string | undefined;
  try {
    // Never a permission prompt for a test-only variable: read it only when already allowed.
    const allowed = Deno.permissions.querySync({ name: "env", variable: PAUSE_AT_ENV_VAR });
    if (allowed.state !== "granted") return undefined;
    value = Deno.env.get(PAUSE_AT_ENV_VAR);
    marker = Deno.env.get(PAUSE_MARKER_ENV_VAR);
  } catch {
    return undefined; // no --allow-env: never armed
  }
  if (value === undefined || value === "") return undefined;
  const match = /^(.+?)(?:#(\d+))?$/.exec(value)!;
  return { stage: match[1], occurrence: Number(match[2] ?? "1"), marker: marker || undefined };
}
