import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { exportAnnotation } from "../../src/export/export_annotation.ts";
import { loadRun } from "../../src/store/load_run.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { formatGff3 } from "../../src/formats/gff3/format_gff3.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { importRun } from "../../src/store/import_run.ts";
import { reportSamples, SAMPLES_PRESENT } from "../_samples.ts";
import { sha256 } from "../_sha256.ts";
import { pythonHas, runPython } from "../_python.ts";
import {
  dbFeatures,
  factoryDatabase,
  GENBANK_SCRIPT,
  GFFUTILS_SCRIPT,
  overlapsBrute,
  SAMPLE_RUNS,
  sampleDatabase,
  tempFile,
  windowResidues,
} from "./_helpers.ts";
import { freshDatabase } from "../_fresh_database.ts";

const SUITE = "tests/export/export_annotation_test.ts";
reportSamples(SUITE);

/** The GFF3 type Bakta writes for each model type. */
const GFF3_TYPES: Record<string, string> = {
  cds: "CDS",
  sorf: "CDS",
  tRNA: "tRNA",
  tmRNA: "tmRNA",
  rRNA: "rRNA",
  ncRNA: "ncRNA",
  "ncRNA-region": "regulatory_region",
  crispr: "CRISPR",
  gap: "gap",
  oriC: "oriC",
  oriV: "oriV",
  oriT: "oriT",
};

/** The GenBank key Bakta writes for each model type. */
const GENBANK_KEYS: Record<string, string> = {
  cds: "CDS",
  sorf: "CDS",
  tRNA: "tRNA",
  tmRNA: "tmRNA",
  rRNA: "rRNA",
  ncRNA: "ncRNA",
  "ncRNA-region": "regulatory",
  crispr: "repeat_region",
  gap: "gap",
  oriC: "rep_origin",
  oriV: "rep_origin",
  oriT: "oriT",
};

interface GffutilsFeature {
  id: string;
  seqid: string;
  type: string;
  source: string;
  start: number;
  end: number;
  strand: string;
  phase: string;
  attributes: Record<string, string[]>;
}

interface GffutilsResult {
  features: GffutilsFeature[];
  regions: Record<string, [number, number]>;
  fasta: Record<string, string>;
}

const byKey = (a: { key: string }, b: { key: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/** Exports GFF3, reads it with gffutils, and compares feature by feature with the database. */
async function checkGff3(db: Kysely<Database>, annotationId: number): Promise<number> {
  const text = await exportAnnotation(db, annotationId, "gff3");
  const path = await tempFile(text, ".gff3");
  try {
    const parsed = await runPython<GffutilsResult>(GFFUTILS_SCRIPT, [path]);
    const expected = await dbFeatures(db, annotationId);
    const run = await loadRun(db, annotationId);
    const wanted = expected.map((f) => {
      const row = {
        seqid: f.seqid,
        type: GFF3_TYPES[f.type],
        start: f.start,
        end: f.edge ? f.stop + f.length : f.stop,
        strand: f.strand,
        locus_tag: f.locus_tag,
        product: f.type === "gap" ? null : f.product,
      };
      return { key: JSON.stringify([row.seqid, row.start, row.end, row.type]), row };
    }).sort(byKey);
    const got = parsed.features
      .filter((f) => !["region", "crispr-repeat", "crispr-spacer"].includes(f.type))
      .map((f) => {
        const row = {
          seqid: f.seqid,
          type: f.type,
          start: f.start,
          end: f.end,
          strand: f.strand,
          locus_tag: f.attributes.locus_tag?.[0] ?? null,
          product: f.type === "gap" ? null : f.attributes.product?.[0] ?? null,
        };
        return { key: JSON.stringify([row.seqid, row.start, row.end, row.type]), row };
      }).sort(byKey);
    assert.deepStrictEqual(got.map((g) => g.row), wanted.map((w) => w.row));

    // Panaroo/Roary: every CDS carries ID = locus_tag, locus_tag and product; phase 0.
    for (const f of parsed.features.filter((f) => f.type === "CDS")) {
      assert.equal(f.attributes.ID?.[0], f.attributes.locus_tag?.[0], `CDS ${f.id}`);
      assert.ok(f.attributes.product?.[0], `CDS ${f.id} has a product`);
      assert.equal(f.phase, "0");
    }
    // CRISPR parts: as many lines as the model has parts.
    const parts = run.features.reduce((n, f) => n + (f.crisprParts?.length ?? 0), 0);
    assert.equal(
      parsed.features.filter((f) => f.type.startsWith("crispr-")).length,
      parts,
    );
    // ##sequence-region and ##FASTA: every sequence, its length and its residues.
    for (const sequence of run.sequences) {
      assert.deepStrictEqual(parsed.regions[sequence.id], [1, sequence.length]);
      assert.equal(parsed.fasta[sequence.id], sequence.nt);
    }
    // Origin-spanning features: end = stop + length, beyond the sequence-region.
    for (const f of expected.filter((f) => f.edge)) {
      const line = parsed.features.find((g) => g.seqid === f.seqid && g.start === f.start);
      assert.ok(line !== undefined && line.end === f.stop + f.length && line.end > f.length);
    }
    return expected.filter((f) => f.edge).length;
  } finally {
    await Deno.remove(path);
  }
}

interface GenbankRecord {
  id: string;
  length: number;
  topology: string | null;
  sha256: string;
  features: {
    type: string;
    parts: [number, number, number | null][];
    locus_tag: string | null;
    product: string | null;
    note: string[];
    translation: string | null;
    pseudo: boolean;
    bio_translation?: string;
    bio_translation_error?: string;
  }[];
}

/** Exports GenBank, reads it with Biopython, and compares feature by feature. */
async function checkGenbank(
  db: Kysely<Database>,
  annotationId: number,
): Promise<{ joins: number; translated: number }> {
  const text = await exportAnnotation(db, annotationId, "gbff");
  const path = await tempFile(text, ".gbff");
  try {
    const records = await runPython<GenbankRecord[]>(GENBANK_SCRIPT, [path]);
    const run = await loadRun(db, annotationId);
    const expected = await dbFeatures(db, annotationId);
    assert.deepStrictEqual(records.map((r) => r.id), run.sequences.map((s) => s.id));
    let joins = 0;
    let translated = 0;
    for (const [i, sequence] of run.sequences.entries()) {
      const record = records[i];
      assert.equal(record.length, sequence.length);
      if (sequence.topology !== undefined) assert.equal(record.topology, sequence.topology);
      assert.equal(record.sha256, sha256(sequence.nt!.toUpperCase()));
      const mine = expected.filter((f) => f.seqid === sequence.id);
      const models = run.features.filter((f) => f.sequenceId === sequence.id);
      const theirs = record.features.filter((f) => f.type !== "source" && f.type !== "gene");
      assert.equal(theirs.length, mine.length, `features of ${sequence.id}`);
      for (const [j, f] of mine.entries()) {
        const g = theirs[j];
        const strand = f.strand === "-" ? -1 : 1;
        const parts = f.edge
          ? [[0, f.stop, strand], [f.start - 1, f.length, strand]]
          : [[f.start - 1, f.stop, strand]];
        const label = `${sequence.id} ${f.locus_tag ?? f.type} ${f.start}..${f.stop}`;
        assert.equal(g.type, GENBANK_KEYS[f.type], label);
        assert.deepStrictEqual(
          [...g.parts].sort((a, b) => a[0] - b[0]).map((p) => [p[0], p[1], p[2] ?? 1]),
          parts,
          label,
        );
        if (f.edge) joins++;
        assert.equal(g.locus_tag, f.locus_tag, label);
        if (["cds", "sorf", "tRNA", "tmRNA", "rRNA", "ncRNA"].includes(f.type)) {
          assert.equal(g.product, f.product, label);
        } else if (f.product !== null && f.type !== "gap") {
          assert.equal(g.note.at(-1), f.product, label);
        }
        const model = models[j];
        if ((f.type === "cds" || f.type === "sorf") && !f.pseudo && model.aa !== undefined) {
          assert.equal(g.translation, model.aa, label);
          if (g.bio_translation !== undefined) {
            // Biopython's own translation of the written location, stop codon left off.
            assert.equal(g.bio_translation, model.aa.replace(/\*$/, ""), label);
            translated++;
          }
        }
      }
    }
    return { joins, translated };
  } finally {
    await Deno.remove(path);
  }
}

Deno.test({
  name: "exportAnnotation() gff3 of factory runs reads back in gffutils feature by feature",
  ignore: !pythonHas(SUITE, "gffutils"),
}, async () => {
  for (const circular of [true, false]) {
    const { db, annotationId } = await factoryDatabase({ circular, seed: circular ? 11 : 12 });
    try {
      const edges = await checkGff3(db, annotationId);
      assert.equal(edges > 0, circular, "the circular factory run has an origin-spanning CDS");
    } finally {
      await db.destroy();
    }
  }
});

Deno.test({
  name:
    "exportAnnotation() gbff of factory runs reads back in Biopython with joins and translations",
  ignore: !pythonHas(SUITE, "Bio"),
}, async () => {
  for (const circular of [true, false]) {
    const { db, annotationId } = await factoryDatabase({ circular, seed: circular ? 11 : 12 });
    try {
      const { joins, translated } = await checkGenbank(db, annotationId);
      assert.equal(joins > 0, circular);
      assert.ok(translated > 5, `Biopython translated ${translated} CDS locations`);
    } finally {
      await db.destroy();
    }
  }
});

for (const { dir } of SAMPLE_RUNS) {
  Deno.test({
    name: `exportAnnotation() gff3 and gbff of ${dir} read back in gffutils and Biopython`,
    ignore: !SAMPLES_PRESENT || !pythonHas(SUITE, "gffutils", "Bio"),
    async fn() {
      const { db, annotationId } = await sampleDatabase(dir);
      try {
        const edges = await checkGff3(db, annotationId);
        if (dir.includes("origin-spanning")) assert.equal(edges, 1);
        const { joins, translated } = await checkGenbank(db, annotationId);
        if (dir.includes("origin-spanning")) assert.equal(joins, 1);
        assert.ok(translated >= 1);
      } finally {
        await db.destroy();
      }
    },
  });
}

/**
 * Windows to try on a sequence of `length`: inside, at both ends, across the origin, whole, and
 * windows that end exactly on the first or last base of some features (off-by-one traps).
 */
function windows(
  length: number,
  circular: boolean,
  features: { start: number; stop: number }[],
): [number, number][] {
  const list: [number, number][] = [
    [1, length],
    [1, 1],
    [length, length],
    [Math.floor(length / 3), Math.floor(length / 2)],
    [Math.floor(length / 2), Math.floor(length / 2)],
  ];
  if (circular) list.push([length - 50, 50], [length, 1], [Math.floor(length / 2), 10]);
  const clamp = (p: number) => Math.min(Math.max(p, 1), length);
  for (const f of features.slice(0, 6)) {
    list.push(
      [clamp(f.start - 5), f.start],
      [f.stop, clamp(f.stop + 5)],
      [clamp(f.start - 5), clamp(f.start - 1)],
      [clamp(f.stop + 1), clamp(f.stop + 5)],
    );
  }
  return list.filter(([from, to]) => circular || from <= to);
}

/** Region exports (TSV read back, and fna) equal a brute-force filter of the stored features. */
async function checkRegions(db: Kysely<Database>, annotationId: number): Promise<number> {
  const all = await dbFeatures(db, annotationId);
  const run = await loadRun(db, annotationId);
  let checked = 0;
  for (const sequence of run.sequences) {
    const circular = sequence.topology === "circular";
    const on = all.filter((f) => f.seqid === sequence.id);
    for (const [from, to] of windows(sequence.length, circular, on)) {
      const region = { sequence: sequence.id, from, to };
      const tsv = readBaktaTsv(await exportAnnotation(db, annotationId, "tsv", { region }));
      const brute = all.filter((f) =>
        f.seqid === sequence.id && overlapsBrute(f, from, to, f.length)
      );
      assert.deepStrictEqual(
        tsv.features.map((f) => [f.type, f.start, f.stop, f.locusTag ?? null]),
        brute.map((f) => [f.type, f.start, f.stop, f.locus_tag]),
        `${sequence.id}:${from}-${to}`,
      );
      const [fna] = parseFasta(await exportAnnotation(db, annotationId, "fna", { region }));
      assert.equal(fna.id, `${sequence.id}:${from}-${to}`);
      assert.equal(fna.sequence, windowResidues(sequence.nt!, from, to));
      checked++;
    }
  }
  return checked;
}

Deno.test("exportAnnotation() with a region equals a brute-force filter (factory runs)", async () => {
  for (const circular of [true, false]) {
    const { db, annotationId } = await factoryDatabase({
      circular,
      seed: 21,
      sequences: 2,
      genomeSize: 8_000,
    });
    try {
      assert.ok(await checkRegions(db, annotationId) >= 10);
    } finally {
      await db.destroy();
    }
  }
});

Deno.test({
  name: "exportAnnotation() with a region equals a brute-force filter (origin-spanning sample)",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    const { db, annotationId } = await sampleDatabase("v1.8.1-origin-spanning");
    try {
      assert.ok(await checkRegions(db, annotationId) >= 16);
      // The window 1300..20 catches the CDS 971..141 that crosses the origin, and only it.
      const tsv = await exportAnnotation(db, annotationId, "tsv", {
        region: { sequence: "contig_1", from: 1300, to: 20 },
      });
      assert.deepStrictEqual(readBaktaTsv(tsv).features.map((f) => f.locusTag), ["IHHALP_00010"]);
    } finally {
      await db.destroy();
    }
  },
});

Deno.test("exportAnnotation() writes a genome imported from GFF3 in every format (issue #20)", async () => {
  const path = new URL("../testdata/bakta_mini.gff3", import.meta.url).pathname;
  const text = await Deno.readTextFile(path);
  await using db = await freshDatabase();
  const { annotationId } = await importRun(db, path, { genome: "mini" });
  // Before the fix every GFF3-sourced genome failed with "gff3.attributes is not iterable".
  assert.equal(await exportAnnotation(db, annotationId!, "gff3"), formatGff3(readGff3(text)));
  for (const format of ["gbff", "embl", "tsv", "json"] as const) {
    assert.ok((await exportAnnotation(db, annotationId!, format)).length > 100, format);
  }
});
