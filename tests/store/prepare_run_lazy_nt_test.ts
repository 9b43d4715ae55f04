/**
 * `readGff3()` checks a declared sequence's letters when its `nt` is first read; the import reads
 * every `nt`, so a GFF3 with a bad letter must still fail to import with the reader's error,
 * naming the file and the line.
 */

import assert from "node:assert/strict";
import { prepareRun } from "../../src/store/prepare_run.ts";
import { ParseError } from "../../src/formats/parse_error.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));

Deno.test("prepareRun() of a GFF3 with a bad FASTA letter fails with the reader's error", async () => {
  const lines = MINI.split("\n");
  const header = lines.indexOf(">mini_2") + 1;
  lines[header] = "N7" + lines[header].slice(2);
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/bad.gff3`;
    await Deno.writeTextFile(path, lines.join("\n"));
    await assert.rejects(() => prepareRun(path), (error: unknown) => {
      assert.ok(error instanceof ParseError, String(error));
      assert.equal(error.kind, "InvalidSequence");
      assert.match(error.file ?? "", /bad\.gff3$/);
      assert.equal(error.line, header + 1);
      assert.match(error.message, /sequence "mini_2" has a character that is not a letter/);
      return true;
    });
    // The same file, fixed, prepares.
    await Deno.writeTextFile(path, MINI);
    assert.equal((await prepareRun(path)).run.sequences[1].nt?.length, 500);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
