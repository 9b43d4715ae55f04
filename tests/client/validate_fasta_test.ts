/**
 * validateFasta(): the web UI's and Bakta's FASTA checks, with messages naming record and line;
 * real inputs checked against Bakta's own summary counts and Biopython.
 */

import assert from "node:assert/strict";
import { BaktaValidationError, validateFasta } from "../../src/client/mod.ts";
import { SAMPLES } from "./_helpers.ts";
import { PYTHON, pythonHas } from "../_python.ts";

function failure(text: string, options = {}): BaktaValidationError {
  try {
    validateFasta(text, { file: "g.fna", ...options });
  } catch (error) {
    if (error instanceof BaktaValidationError) return error;
    throw error;
  }
  throw new Error("validateFasta() accepted the input");
}

Deno.test("validateFasta() summarizes a valid file", () => {
  const summary = validateFasta(">c1 len=6 circular=true\nACGTNN\r\nrykm\n\n>c2\nA C G\n");
  assert.deepEqual(summary, {
    records: [
      { id: "c1", description: "len=6 circular=true", line: 1, length: 10 },
      { id: "c2", description: "", line: 5, length: 3 },
    ],
    totalLength: 13,
  });
  assert.equal(validateFasta(new TextEncoder().encode(">x\nACGT")).totalLength, 4);
});

Deno.test("validateFasta() names the record, line and problem", async (t) => {
  const cases: [string, string, string, Record<string, unknown>, string][] = [
    [
      "a non-IUPAC letter",
      ">c1\nACGT\nACXT\n",
      "InvalidSequence",
      { line: 3, column: 3, record: "c1" },
      'Cannot use g.fna line 3: record "c1" holds "X" at column 3, which is not an IUPAC nucleotide letter (ACGTMRWSYKVHDBN)',
    ],
    ["U is not accepted", ">c1\nACGU\n", "InvalidSequence", { line: 2, column: 4 }, 'holds "U"'],
    ["a gap", ">c1\nAC-GT\n", "InvalidSequence", { line: 2, column: 3 }, 'holds "-"'],
    ["a tab", ">c1\nAC\tGT\n", "InvalidSequence", { line: 2, column: 3 }, 'holds "\\t"'],
    [
      "an empty record",
      ">c1\n>c2\nACGT\n",
      "EmptyRecord",
      { line: 1, record: "c1" },
      'Cannot use g.fna line 1: record "c1" has no sequence',
    ],
    [
      "an empty last record",
      ">c1\nAC\n>c2\n\n",
      "EmptyRecord",
      { line: 3, record: "c2" },
      'record "c2" has no sequence',
    ],
    [
      "a duplicate id",
      ">c1 a\nAC\n>c1 b\nGT\n",
      "DuplicateId",
      { line: 3, record: "c1" },
      'Cannot use g.fna line 3: record id "c1" repeats the id of line 1',
    ],
    [
      "sequence before a header",
      "ACGT\n>c1\nAC\n",
      "MissingHeader",
      { line: 1 },
      'Cannot use g.fna line 1: expected a ">" header line, found "ACGT"',
    ],
    ["a header without id", ">\nACGT\n", "MissingId", { line: 1 }, "the header has no record id"],
    ["nothing at all", "\n\n", "EmptyInput", {}, "Cannot use g.fna: it holds no FASTA record"],
  ];
  for (const [label, text, kind, where, message] of cases) {
    await t.step(label, () => {
      const error = failure(text);
      assert.equal(error.kind, kind);
      for (const [key, value] of Object.entries(where)) {
        assert.equal((error as unknown as Record<string, unknown>)[key], value, key);
      }
      assert.ok(error.message.includes(message), error.message);
      assert.ok(error instanceof RangeError);
    });
  }
});

Deno.test("validateFasta() checks contig ids only with compliant or keepContigHeaders", () => {
  const text = ">NODE_1|length=50\nACGT\n";
  assert.equal(validateFasta(text).records[0].id, "NODE_1|length=50");
  for (const options of [{ compliant: true }, { keepContigHeaders: true }]) {
    const error = failure(text, options);
    assert.equal(error.kind, "InvalidId");
    assert.match(error.message, /record id "NODE_1\|length=50" does not match/);
    assert.match(error.message, new RegExp(`required with ${Object.keys(options)[0]}`));
  }
  const long = ">" + "a".repeat(26) + "\nACGT\n";
  assert.equal(failure(long, { compliant: true }).kind, "InvalidId");
  const fine = ">contig_1.2:x*#-\nACGT\n>" + "a".repeat(25) + "\nA\n";
  assert.equal(validateFasta(fine, { compliant: true }).records.length, 2);
});

Deno.test("validateFasta() refuses gzip bytes", () => {
  const error = (() => {
    try {
      validateFasta(new Uint8Array([0x1f, 0x8b, 8, 0]), { file: "g.fna.gz" });
    } catch (error) {
      return error;
    }
  })();
  assert.ok(error instanceof BaktaValidationError);
  assert.equal(error.kind, "CompressedInput");
  assert.match(error.message, /g\.fna\.gz: it is gzip-compressed/);
});

async function readMaybeGzip(url: URL): Promise<string> {
  const file = await Deno.open(url);
  const stream = url.pathname.endsWith(".gz")
    ? file.readable.pipeThrough(new DecompressionStream("gzip"))
    : file.readable;
  return await new Response(stream).text();
}

async function biopython(url: URL): Promise<{ id: string; description: string; length: number }[]> {
  const script = `
import gzip, json, sys
from Bio import SeqIO
path = sys.argv[1]
handle = gzip.open(path, "rt") if path.endswith(".gz") else open(path)
print(json.dumps([{"id": r.id, "description": r.description, "length": len(r.seq)} for r in SeqIO.parse(handle, "fasta")]))
`;
  const output = await new Deno.Command(PYTHON, {
    args: ["-c", script, url.pathname],
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) throw new Error(new TextDecoder().decode(output.stderr));
  return JSON.parse(new TextDecoder().decode(output.stdout));
}

const realInputs: [string, string][] = [
  ["v1.11.4-assembly/assembly.input.fasta", "v1.11.4-assembly/assembly.txt"],
  ["v1.9.4-efaecalis-CI-8050/CI-8050.input.fasta.gz", "v1.9.4-efaecalis-CI-8050/CI-8050.txt"],
  ["v1.8.1-origin-spanning/TEST_6.fna", "v1.8.1-origin-spanning/TEST_6.txt"],
];
for (const [input, summary] of realInputs) {
  const inputUrl = new URL(input, SAMPLES);
  const present = await Deno.stat(inputUrl).then(() => true, () => false);
  if (!present) {
    console.log(`SKIPPED validateFasta() real-data test: ${inputUrl.pathname} is absent`);
  }
  Deno.test({
    name: `validateFasta() accepts ${input} with Bakta's own counts`,
    ignore: !present,
    async fn() {
      const text = await readMaybeGzip(inputUrl);
      const result = validateFasta(text, { compliant: true, file: input });
      const txt = await Deno.readTextFile(new URL(summary, SAMPLES));
      assert.equal(result.totalLength, Number(/^Length: (\d+)$/m.exec(txt)?.[1]));
      assert.equal(result.records.length, Number(/^Count: (\d+)$/m.exec(txt)?.[1]));
    },
  });
  Deno.test({
    name: `validateFasta() of ${input} gives Biopython's records`,
    ignore: !present || !pythonHas("validate_fasta_test", "Bio"),
    async fn() {
      const result = validateFasta(await readMaybeGzip(inputUrl), { compliant: true, file: input });
      const expected = await biopython(inputUrl);
      assert.deepEqual(
        result.records.map(({ id, description, length }) => ({ id, description, length })),
        expected.map(({ id, description, length }) => ({
          id,
          description: description.slice(id.length).trim(),
          length,
        })),
      );
    },
  });
}
