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

/** A CLI process and what it will have printed. */
export interface RunningCli {
  /** The process (to kill it). */
  child: Deno.ChildProcess;
  /** Its exit code, signal and output once it ends. */
  output: Promise<{ code: number; signal: Deno.Signal | null; stdout: string; stderr: string }>;
}

const REPO = decodeURIComponent(new URL("../../", import.meta.url).pathname);

/**
 * Starts `deno run <permissions> src/cli/main.ts ARGS…` as a real process in the repository.
 *
 * @param args The CLI arguments.
 * @param permissions The Deno permission flags.
 * @returns The process and its output.
 */
export function spawnCli(args: readonly string[], permissions: readonly string[]): RunningCli {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...permissions, "src/cli/main.ts", ...args],
    cwd: REPO,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
  const output = Promise.all([child.status, text(child.stdout), text(child.stderr)]).then((
    [status, stdout, stderr],
  ) => ({ code: status.code, signal: status.signal, stdout, stderr }));
  return { child, output };
}

/**
 * Waits (polling every 10 ms) until a condition holds.
 *
 * @param what What is awaited, for the timeout message.
 * @param condition The condition.
 * @param ms The longest wait.
 */
export async function until(what: string, condition: () => boolean, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
