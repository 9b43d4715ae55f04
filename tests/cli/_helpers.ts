/**
 * What the CLI tests share: an io that captures what a command writes.
 *
 * @module
 */

import type { CliIo } from "../../src/cli/cli_context.ts";

/** Captured standard output and error of `runCli`. */
export interface CapturedIo {
  /** The io to pass to `runCli`. */
  io: CliIo;
  /** Everything written to standard output so far. */
  out: () => string;
  /** Everything written to standard error so far. */
  err: () => string;
}

/**
 * An io that keeps what a command writes to standard output and error.
 *
 * @param isTerminal What the io says of standard error being a terminal (progress bars only then).
 * @returns The io and the captured texts.
 */
export function capture(isTerminal = false): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t), isTerminal },
    out: () => out.join(""),
    err: () => err.join(""),
  };
}
