import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { readBaktaJson } from "../../../src/formats/bakta_json/read_bakta_json.ts";
import { readFasta, readSequenceTags } from "../../../src/formats/fasta/read_fasta.ts";
import type { BaktaRun } from "../../../src/formats/model.ts";
import { listSamples, readSample, reportSamples } from "../../_samples.ts";

Deno.test("readSequenceTags() reads Bakta's [key=value] tags", () => {
  assert.deepEqual(
    readSequenceTags("[gcode=11] [completeness=complete] [topology=circular] [plasmid-name=p1]"),
    { complete: true, topology: "circular", type: "plasmid", name: "p1" },
  );
  assert.deepEqual(readSequenceTags("[location=chromosome] [topology=linear]"), {
    type: "chromosome",
    topology: "linear",
  });
  assert.deepEqual(readSequenceTags("len=2473 circular=True"), {});
  assert.deepEqual(readSequenceTags(undefined), {});
});

Deno.test("readFasta() returns a sequences-only run from plain or gzipped bytes", () => {
  const text = ">contig_1 [topology=circular] [completeness=complete]\nACGT\nAC\n>contig_2\nGG\n";
  for (const input of [text, gzipSync(new TextEncoder().encode(text))]) {
    const run = readFasta(input, { file: "a.fna" });
    assert.deepEqual(run.sequences, [
      {
        id: "contig_1",
        length: 6,
        nt: "ACGTAC",
        description: "[topology=circular] [completeness=complete]",
        topology: "circular",
        complete: true,
      },
      { id: "contig_2", length: 2, nt: "GG" },
    ]);
    assert.deepEqual(run.features, []);
    assert.deepEqual(run.sources, [{ file: "a.fna", format: "fasta", used: ["sequences"] }]);
  }
});

const present = reportSamples("read_fasta_test");

Deno.test({
  name: "readFasta() of each .fna agrees with the JSON's sequences where both exist",
  ignore: !present,
  fn: async (t) => {
    for (const relative of listSamples(/\.fna(\.gz)?$/)) {
      await t.step(relative, () => {
        const run = readFasta(readSample(relative), { file: relative });
        assert.ok(run.sequences.length > 0);
        assert.ok(run.sequences.every((s) => s.length === s.nt?.length && s.topology));
        let json: BaktaRun;
        try {
          json = readBaktaJson(readSample(relative.replace(/\.fna(\.gz)?$/, ".json")));
        } catch {
          return; // CI-8050 has no JSON
        }
        for (const [i, sequence] of run.sequences.entries()) {
          const expected = json.sequences[i];
          assert.equal(sequence.id, expected.id);
          assert.equal(sequence.nt, expected.nt);
          assert.equal(sequence.topology, expected.topology);
          assert.equal(sequence.complete, expected.complete);
          if (sequence.type) assert.equal(sequence.type, expected.type);
          if (sequence.name) assert.equal(sequence.name, expected.name);
        }
      });
    }
  },
});
