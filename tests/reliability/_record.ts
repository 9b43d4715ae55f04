/**
 * One protocol for the reliability suites (issue #17): every suite that tries something hostile
 * (a kill, a network fault, a hostile file, a hostile service answer) records what it tried as
 * "cells", and `deno task reliability` gathers them into the table of `docs/reliability.md`.
 *
 * A suite calls {@linkcode recordCells} once per row of that table. Outside the reliability
 * task (`$BAKTADB_RELIABILITY_OUT` unset) the call does nothing, so the suites run in CI as
 * ordinary tests. {@linkcode reliabilityCases} picks the number of generated cases: the quick half
 * in CI, the full count when the task runs with `--full`.
 *
 * @module
 */

/** One row of the reliability table: what was tried, how many cases, what survived, what was lost. */
export interface ReliabilityCells {
  /** The group of the table: "crash", "network", "hostile input", "service answers", "secrets". */
  area: string;
  /** What was tried, as a reader of the table says it, e.g. "SIGKILL during `import`, 5 moments". */
  what: string;
  /** How many cases ran. */
  cases: number;
  /** How many ended as promised: finished on the next run, or failed with the documented error. */
  survived: number;
  /** How many lost or duplicated anything (rows, files, jobs). Must be 0. */
  lost: number;
  /** Optional note: the error a user sees, the bound that held, the peak memory. */
  note?: string;
}

/** Appends one row to the file named by `$BAKTADB_RELIABILITY_OUT` (JSON lines); no-op without it. */
export async function recordCells(cells: ReliabilityCells): Promise<void> {
  const out = Deno.env.get("BAKTADB_RELIABILITY_OUT");
  if (!out) return;
  await Deno.writeTextFile(out, JSON.stringify(cells) + "\n", { append: true });
}

/**
 * The number of generated cases for a property-based or matrix suite: `quick` in CI, `full`
 * when `$BAKTADB_RELIABILITY_FULL` is `1` (set by `deno task reliability --full`).
 */
export function reliabilityCases(quick: number, full: number): number {
  return Deno.env.get("BAKTADB_RELIABILITY_FULL") === "1" ? full : quick;
}
