/**
 * Running `baktadb` (`src/cli/main.ts`) as real OS processes, for the tests of crash safety and of
 * several processes writing one database at once.
 *
 * @module
 */

/** The repository root, the working directory of the processes. */
export const REPO_DIR: string = decodeURIComponent(new URL("../", import.meta.url).pathname);

/** The permissions `baktadb` runs with in the tests (network: any, for the stand-in's port). */
export const PERMISSIONS: readonly string[] = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net",
  "--allow-run",
  "--allow-sys",
];

/** What a finished process gave. */
export interface CliOutput {
  /** The exit code. */
  code: number;
  /** The signal that ended it, if one did. */
  signal: Deno.Signal | null;
  /** Its standard output. */
  stdout: string;
  /** Its standard error. */
  stderr: string;
}

/** A running `baktadb` process. */
export interface CliProcess {
  /** The process (to kill it). */
  child: Deno.ChildProcess;
  /** Settles when it has exited and its streams are read. */
  output: Promise<CliOutput>;
}

/**
 * Starts `deno run src/cli/main.ts …args` as a separate process.
 *
 * @param args The arguments of `baktadb`.
 * @param env More environment variables.
 * @returns The process and its coming output.
 */
export function spawnCli(args: readonly string[], env: Record<string, string> = {}): CliProcess {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, "src/cli/main.ts", ...args],
    cwd: REPO_DIR,
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1", ...env },
  }).spawn();
  const text = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
  const output = Promise.all([child.status, text(child.stdout), text(child.stderr)])
    .then(([status, stdout, stderr]) => ({
      code: status.code,
      signal: status.signal,
      stdout,
      stderr,
    }));
  return { child, output };
}

/**
 * Runs several `baktadb` processes at the same time and waits for all of them.
 *
 * @param commands The arguments of each process.
 * @returns Their outputs, in the order given.
 */
export async function runCliAtOnce(commands: readonly (readonly string[])[]): Promise<CliOutput[]> {
  return await Promise.all(commands.map((args) => spawnCli(args).output));
}

/**
 * Waits until a condition holds (checked every 10 ms), e.g. until a stand-in saw a request.
 *
 * @param what What is waited for, for the error.
 * @param condition The condition.
 * @param ms How long to wait at most.
 * @throws {Error} When the time runs out.
 */
export async function until(what: string, condition: () => boolean, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
