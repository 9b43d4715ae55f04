/**
 * Feature counts of the GFF3 (and GenBank/EMBL) readers against Bakta's own `.txt` summary.
 *
 * How Bakta counts the `.txt` (bakta/main.py, checked against the samples): every number counts
 * features of one JSON type; `CDSs` counts `cds` features only (sORFs are `sORFs`), pseudogenes
 * and hypotheticals included; `pseudogenes` counts CDSs with a `pseudogene` block (a pseudo tRNA is
 * not counted; a truncated CDS is not a pseudogene); `hypotheticals` counts hypothetical CDSs (a
 * hypothetical pseudogene counts in both); CRISPR arrays count once (repeats and spacers are
 * parts). What the line formats cannot give back: an oriV is written as oriC (GFF3, Bakta 1.10+)
 * or as `rep_origin` (GenBank/EMBL), so only `oriCs + oriVs` can be compared; `signal peptides`
 * (up to 1.9) is not in the line formats.
 *
 * The GenBank/EMBL `COMMENT` of each record holds a per-record "Genome Annotation Summary" too,
 * counted differently: its `CDSs` are CDSs *and* sORFs, `oriCs/oriVs` both origins.
 */

import assert from "node:assert/strict";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { parseGenbank } from "../../src/formats/genbank/parse_genbank.ts";
import { countFeatures } from "../../src/formats/run_counts.ts";
import { readBaktaSummary } from "../../src/formats/summary_txt/read_bakta_summary.ts";
import type { BaktaSummaryCounts } from "../../src/formats/summary_txt/bakta_summary.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { readSample, reportSamples } from "../_samples.ts";

const present = reportSamples("gff3_txt_counts_test");

/** The counts the line formats can tell: origins summed, signal peptides left out. */
function comparable(counts: BaktaSummaryCounts) {
  const { oriCs, oriVs, signalPeptides: _, ...rest } = counts;
  return { ...rest, origins: oriCs + oriVs };
}

// Every GFF3 sample is read and checked line by line in gff3_reference_test.ts.

for (
  const [txt, files] of [
    ["v1.11.4-assembly/assembly.txt", [
      "v1.11.4-assembly/assembly.gff3",
      "v1.11.4-assembly/assembly.gbff",
      "v1.11.4-assembly/assembly.embl",
    ]],
    ["v1.8.1-origin-spanning/TEST_6.txt", [
      "v1.8.1-origin-spanning/TEST_6.gff3",
      "v1.8.1-origin-spanning/TEST_6.gbff",
    ]],
    ["v1.9.4-efaecalis-CI-8050/CI-8050.txt", ["v1.9.4-efaecalis-CI-8050/CI-8050.gff3"]],
  ] as const
) {
  Deno.test({
    name: `feature counts of ${files.join(", ")} equal Bakta's ${txt}`,
    ignore: !present,
    fn() {
      const summary = readBaktaSummary(readSample(txt), { file: txt });
      for (const file of files) {
        const bytes = readSample(file);
        const run: BaktaRun = file.endsWith(".gff3")
          ? readGff3(bytes, { file })
          : file.endsWith(".gbff")
          ? readGenbank(bytes, { file })
          : readEmbl(bytes, { file });
        assert.deepEqual(comparable(countFeatures(run)), comparable(summary.counts), file);
        assert.equal(run.software.bakta, summary.software, file);
        assert.equal(run.software.db, summary.db, file);
        const length = run.sequences.reduce((sum, s) => sum + s.length, 0);
        assert.equal(length, summary.sequences.length, file);
        assert.equal(run.sequences.length, summary.sequences.count, file);
      }
    },
  });
}

Deno.test({
  name: "readGenbank() counts per record equal each record's Genome Annotation Summary",
  ignore: !present,
  fn() {
    for (const file of ["v1.11.4-assembly/assembly.gbff", "v1.8.1-origin-spanning/TEST_6.gbff"]) {
      const text = decodeInput(readSample(file));
      const run = readGenbank(text, { file });
      for (const record of parseGenbank(text)) {
        const stated: Record<string, number> = {};
        for (const line of record.comment!.split("\n")) {
          const match = /^(.+?)\s+::\s+(\d+)$/.exec(line);
          if (match) stated[match[1]] = Number(match[2]);
        }
        const features = run.features.filter((f) => f.sequenceId === record.name);
        const count = (...types: string[]) => features.filter((f) => types.includes(f.type)).length;
        assert.deepEqual(
          {
            CDSs: count("cds", "sorf"),
            tRNAs: count("tRNA"),
            tmRNAs: count("tmRNA"),
            rRNAs: count("rRNA"),
            ncRNAs: count("ncRNA"),
            "regulatory ncRNAs": count("ncRNA-region"),
            "CRISPR Arrays": count("crispr"),
            "oriCs/oriVs": count("oriC", "oriV"),
            oriTs: count("oriT"),
            gaps: count("gap"),
            pseudogenes: features.filter((f) => f.type === "cds" && f.pseudo).length,
          },
          stated,
          `${file} ${record.name}`,
        );
      }
    }
  },
});
