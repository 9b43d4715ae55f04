import assert from "node:assert/strict";
import fc from "fast-check";
import { decodeInput } from "../../../src/formats/decode_input.ts";
import { formatFasta } from "../../../src/formats/fasta/format_fasta.ts";
import { parseFasta } from "../../../src/formats/fasta/parse_fasta.ts";
import { listSamples, readSample, reportSamples } from "../../_samples.ts";

Deno.test("formatFasta() wraps at the line width, or not at all with 0", () => {
  const records = [{ id: "a", description: "x y", sequence: "ACGTACGTAC" }, {
    id: "b",
    sequence: "MK",
  }];
  assert.equal(formatFasta(records, { lineWidth: 4 }), ">a x y\nACGT\nACGT\nAC\n>b\nMK\n");
  assert.equal(formatFasta(records, { lineWidth: 0 }), ">a x y\nACGTACGTAC\n>b\nMK\n");
  assert.equal(formatFasta(records), ">a x y\nACGTACGTAC\n>b\nMK\n");
  assert.equal(formatFasta([]), "");
});

Deno.test("formatFasta() validates its options and ids", () => {
  assert.throws(() => formatFasta([], { lineWidth: -1 }), {
    name: "RangeError",
    message: /"lineWidth"/,
  });
  assert.throws(() => formatFasta([], { lineWidth: 1.5 }), {
    name: "RangeError",
    message: /"lineWidth"/,
  });
  assert.throws(() => formatFasta([{ id: "a b", sequence: "A" }]), {
    name: "TypeError",
    message: /"a b"/,
  });
  assert.throws(() => formatFasta([{ id: "", sequence: "A" }]), {
    name: "TypeError",
    message: /""/,
  });
});

Deno.test("parseFasta() inverts formatFasta() for any records and width", () => {
  const record = fc.record({
    id: fc.stringMatching(/^[A-Za-z0-9_.|]{1,12}$/),
    description: fc.option(fc.stringMatching(/^\S(?:[ -~]{0,20}\S)?$/), { nil: undefined }),
    sequence: fc.stringMatching(/^[ACGTNacgtn*-]{1,300}$/),
  });
  fc.assert(
    fc.property(
      fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 8 }),
      fc.integer({ min: 0, max: 80 }),
      (records, lineWidth) => {
        const parsed = parseFasta(formatFasta(records, { lineWidth }));
        assert.deepEqual(
          parsed.map(({ id, description, sequence }) => ({ id, description, sequence })),
          records.map(({ id, description, sequence }) => ({ id, description, sequence })),
        );
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});

const present = reportSamples("format_fasta_test");

Deno.test({
  name: "formatFasta() writes Bakta's FASTA files back byte for byte",
  ignore: !present,
  fn: async (t) => {
    // Bakta wraps .fna at 60 and writes .faa/.ffn on one line per record.
    for (const relative of listSamples(/\.(fna|ffn|faa)(\.gz)?$/)) {
      await t.step(relative, () => {
        const text = decodeInput(readSample(relative));
        const lineWidth = /\.fna/.test(relative) ? 60 : 0;
        assert.equal(formatFasta(parseFasta(text), { lineWidth }), text);
      });
    }
  },
});
