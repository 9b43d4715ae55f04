/**
 * Crash matrix of the commands that write a file (`report --out`, `export --out`,
 * `pangenome --format roary --out`; issue #17 item 1): each is killed with SIGKILL after it has
 * written the whole text to its temporary file and before the rename, once with no file under the
 * final name and once with an older one there. The final name then holds nothing, or the older
 * file untouched: never a half file. The next run writes the whole file: byte for byte what the
 * same command prints to standard output.
 */

import assert from "node:assert/strict";
import { writeFactoryGenomes } from "../client/job_service/_helpers.ts";
import { crashCase, killAt, runOk } from "./_crash.ts";

const WHAT = "SIGKILL while `report`/`export`/`pangenome` write `--out`";

/** The report's model without the moment it was made (the one field two runs differ in). */
function withoutTime(text: string): string {
  const { generatedAt: _, ...model } = JSON.parse(text);
  return JSON.stringify(model);
}

/**
 * Each command: its arguments without `--out`, how to make its standard-output twin, and what
 * of the text two runs share.
 */
const COMMANDS: {
  name: string;
  args: string[];
  stdoutArgs: string[];
  same: (text: string) => string;
}[] = [
  { name: "export", args: ["export", "G501", "-f", "gff3"], stdoutArgs: [], same: String },
  { name: "report", args: ["report", "--json"], stdoutArgs: ["--out", "-"], same: withoutTime },
  { name: "pangenome", args: ["pangenome", "--format", "roary"], stdoutArgs: [], same: String },
];

const OLD = "an older file, kept whole\n";

Deno.test("--out files are never half written: killed before the rename, the final name holds the old file or none", async (t) => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-crash-out-" });
  try {
    const genomes = await writeFactoryGenomes(dir, 2, 501);
    const db = `${dir}/out.sqlite`;
    await runOk(["import", ...genomes.map((g) => g.results), "--db", db]);
    for (const command of COMMANDS) {
      const full = (await runOk([...command.args, ...command.stdoutArgs, "--db", db])).stdout;
      assert.ok(full.length > 1000, `${command.name} prints a whole file`);
      for (const before of [undefined, OLD]) {
        const moment = `${command.name} --out, ${before ? "over an older file" : "a new file"}`;
        await t.step(moment, async () => {
          await crashCase(WHAT, moment, async () => {
            const out = `${dir}/${command.name}-${before ? "old" : "new"}.out`;
            if (before) await Deno.writeTextFile(out, before);
            const args = [...command.args, "--out", out, "--db", db];
            await killAt(args, "write:temp");
            assert.equal(await readOrNull(out), before ?? null, "the final name is untouched");
            await runOk(args);
            const written = command.same(await Deno.readTextFile(out));
            assert.ok(written === command.same(full), "the next run writes it whole");
          });
        });
      }
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return null;
    throw error;
  }
}
