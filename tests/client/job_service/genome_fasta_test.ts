import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { genomeNameFromPath, readGenomeFasta } from "../../../src/client/job_service/mod.ts";
import { BaktaValidationError } from "../../../src/client/bakta_error.ts";
import { sha256 } from "../../_sha256.ts";

Deno.test("readGenomeFasta() reads gzip and plain files, joins several, and checksums the result", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeFile(
      `${dir}/chrom.fna.gz`,
      gzipSync(new TextEncoder().encode(">chr\nACGT\nAC")),
    );
    await Deno.writeTextFile(`${dir}/plasmid.fasta`, ">p1 plasmid\nGGGG\n");
    const fasta = await readGenomeFasta([`${dir}/chrom.fna.gz`, `${dir}/plasmid.fasta`]);
    const text = new TextDecoder().decode(fasta.bytes);
    assert.equal(text, ">chr\nACGT\nAC\n>p1 plasmid\nGGGG\n");
    assert.deepEqual(fasta.summary.records.map((r) => [r.id, r.length]), [["chr", 6], ["p1", 4]]);
    assert.equal(fasta.sha256, sha256(fasta.bytes));
    assert.deepEqual(fasta.paths, [`${dir}/chrom.fna.gz`, `${dir}/plasmid.fasta`]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readGenomeFasta() names the file and line of a bad record, and ids repeated across files", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/a.fna`, ">c1\nACGT\n>c2\nAC-T\n");
    const error = await readGenomeFasta(`${dir}/a.fna`).catch((e) => e);
    assert.ok(error instanceof BaktaValidationError);
    assert.equal(error.kind, "InvalidSequence");
    assert.equal(error.line, 4);
    assert.match(error.message, /a\.fna line 4/);
    await Deno.writeTextFile(`${dir}/b.fna`, ">c1\nACGT\n");
    await Deno.writeTextFile(`${dir}/c.fna`, ">c1\nGGGG\n");
    const duplicate = await readGenomeFasta([`${dir}/b.fna`, `${dir}/c.fna`]).catch((e) => e);
    assert.equal(duplicate.kind, "DuplicateId");
    const strict = await readGenomeFasta({ text: ">a|b\nACGT\n" }, { compliant: true })
      .catch((e) => e);
    assert.equal(strict.kind, "InvalidId");
    await assert.rejects(readGenomeFasta(`${dir}/none.fna`), /none\.fna": no such file/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("genomeNameFromPath() drops the folder, .gz and the FASTA extension", () => {
  assert.equal(genomeNameFromPath("x/assembly.input.fasta"), "assembly.input");
  assert.equal(genomeNameFromPath("C22.fa.gz"), "C22");
  assert.equal(genomeNameFromPath(new URL("file:///d/TEST_6.fna")), "TEST_6");
  assert.equal(genomeNameFromPath("genome"), "genome");
});
