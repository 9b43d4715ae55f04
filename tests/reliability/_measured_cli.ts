/**
 * Running `baktadb` as a real process under `/usr/bin/time`, for the hostile-input suite: its exit
 * code, output and peak memory (the child's maximum resident set), and the SHA-256 of a database's
 * `sqlite3 .dump` (an independent reader) to tell whether anything was written.
 *
 * @module
 */

import { PERMISSIONS, REPO_DIR } from "../_cli_process.ts";
import { sha256 } from "../_sha256.ts";

/** What a measured `baktadb` process gave. */
export interface MeasuredRun {
  /** The exit code. */
  code: number;
  /** Its standard output. */
  stdout: string;
  /** Its standard error (without the `time` report). */
  stderr: string;
  /** Its peak resident memory in MiB (`/usr/bin/time -f %M`). */
  peakMiB: number;
}

/**
 * Runs `deno run src/cli/main.ts …args` under `/usr/bin/time` and reports its peak memory.
 *
 * @param args The arguments of `baktadb`.
 * @returns The exit code, output and peak memory.
 */
export async function runMeasured(args: readonly string[]): Promise<MeasuredRun> {
  const report = await Deno.makeTempFile({ prefix: "baktadb-time-" });
  try {
    const output = await new Deno.Command("/usr/bin/time", {
      args: ["-f", "%M", "-o", report, Deno.execPath(), "run", ...PERMISSIONS, "src/cli/main.ts"]
        .concat(args),
      cwd: REPO_DIR,
      env: { NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
    // `time` writes "Command exited with non-zero status N" before the figure.
    const lines = (await Deno.readTextFile(report)).trim().split("\n");
    const kib = Number(lines[lines.length - 1]);
    if (!Number.isFinite(kib)) throw new Error(`/usr/bin/time wrote ${lines.join(" | ")}`);
    return {
      code: output.code,
      stdout: text(output.stdout),
      stderr: text(output.stderr),
      peakMiB: kib / 1024,
    };
  } finally {
    await Deno.remove(report);
  }
}

/**
 * SHA-256 of `sqlite3 DB .dump`: equal before and after a command when it wrote nothing.
 *
 * @param path The database file.
 * @returns The digest in hex.
 */
export async function dumpHash(path: string): Promise<string> {
  const output = await new Deno.Command("sqlite3", { args: ["-readonly", path, ".dump"] })
    .output();
  if (!output.success) {
    throw new Error(`sqlite3 .dump failed on ${path}: ${new TextDecoder().decode(output.stderr)}`);
  }
  return sha256(output.stdout);
}

/**
 * Runs `work` over `items`, at most `limit` at a time, keeping the order of the results.
 *
 * @param items The inputs.
 * @param limit How many run at once.
 * @param work The work on one input.
 * @returns The results.
 */
export async function mapPooled<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
