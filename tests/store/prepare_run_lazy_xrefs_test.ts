/**
 * `readGff3()` and `readBaktaTsv()` build the cross-references when `run.features` is first
 * read; the import reads every feature, so a file with a bad `Dbxref` value must still fail to
 * import with the reader's error, naming the file and the line.
 */

import assert from "node:assert/strict";
import { prepareRun } from "../../src/store/prepare_run.ts";
import { ParseError } from "../../src/formats/parse_error.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));

Deno.test("prepareRun() of a GFF3 with a bad Dbxref value fails with the reader's error", async () => {
  const lines = MINI.split("\n");
  const line = lines.findIndex((text) => text.includes("Dbxref=RFAM:RF01089")) + 1;
  lines[line - 1] = lines[line - 1].replace("RFAM:RF01089", "RF01089");
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/bad.gff3`;
    await Deno.writeTextFile(path, lines.join("\n"));
    await assert.rejects(() => prepareRun(path), (error: unknown) => {
      assert.ok(error instanceof ParseError, String(error));
      assert.equal(error.kind, "InvalidAttribute");
      assert.match(error.file ?? "", /bad\.gff3$/);
      assert.equal(error.line, line);
      assert.match(error.message, /Dbxref is "RF01089"/);
      return true;
    });
    // The same file, fixed, prepares, with the value split.
    await Deno.writeTextFile(path, MINI);
    const { run } = await prepareRun(path);
    const feature = run.features.find((f) => f.dbXrefs.some((x) => x.accession === "RF01089"));
    assert.equal(feature?.dbXrefs[0].db, "RFAM");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
