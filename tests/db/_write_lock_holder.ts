/**
 * Another OS process holding a database's write lock for a while: what makes a transaction of the
 * test process wait. (A second connection in the test process itself would not do: `node:sqlite`
 * waits for a lock synchronously, so a timer releasing it could never run meanwhile.)
 *
 * @module
 */

const SCRIPT = `
import { DatabaseSync } from "node:sqlite";
const [path, ms] = Deno.args;
const db = new DatabaseSync(path);
db.exec("begin immediate");
db.exec("insert into genomes (name) values ('held')");
console.log("locked");
await new Promise((resolve) => setTimeout(resolve, Number(ms)));
db.exec("commit");
db.close();
`;

/** A running lock holder. */
export interface WriteLockHolder {
  /** Settles with the exit code once the holder committed and exited. */
  done: Promise<number>;
}

/**
 * Starts a process that takes the write lock of `path` (inserting a genome named `held`), keeps
 * it `holdMs` and commits; resolves once the lock is taken.
 *
 * @param path The database file (migrated).
 * @param holdMs How long to hold the lock.
 * @returns The holder.
 */
export async function holdWriteLock(path: string, holdMs: number): Promise<WriteLockHolder> {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", SCRIPT, path, String(holdMs)],
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  let seen = "";
  while (!seen.includes("locked")) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`The lock holder exited before taking the lock: ${seen}`);
    seen += value;
  }
  const done = (async () => {
    while (!(await reader.read()).done) { /* drain */ }
    return (await child.status).code;
  })();
  return { done };
}
