/**
 * Asking Debian's `sqlite3` command-line shell about a database file: a reader independent of
 * baktadb's own connection (`.ci/run` installs it).
 *
 * @module
 */

/**
 * Runs one SQL statement with `sqlite3` on a file and returns its output lines.
 *
 * @param path The database file.
 * @param query The statement.
 * @returns The output, one row per line (columns separated by `|`).
 * @throws {Error} When `sqlite3` fails.
 */
export async function sqlite3(path: string, query: string): Promise<string[]> {
  const output = await new Deno.Command("sqlite3", { args: ["-readonly", path, query] }).output();
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if (!output.success) throw new Error(`sqlite3 failed on "${path}": ${text(output.stderr)}`);
  return text(output.stdout).split("\n").filter((line) => line !== "");
}
