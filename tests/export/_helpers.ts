/**
 * Shared helpers of the export tests: importing factory runs and real samples, the database's
 * own view of the features, brute-force region filters, and running Biopython/gffutils.
 *
 * @module
 */

import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun, type MakeRunOptions } from "../../src/testing/factory/make_run.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { samplePath } from "../_samples.ts";

/**
 * The fields of a small hand-made feature on sequence `c1`, `+` strand, without flags or
 * cross-references; add `type`, `start`, `stop` and what the test needs.
 */
export const FEATURE_BASE = {
  sequenceId: "c1",
  strand: "+" as const,
  edge: false,
  hypothetical: false,
  pseudo: false,
  dbXrefs: [],
  original: { format: "tsv" as const, record: {} },
};

/** The real samples the export tests read, with their file prefix. */
export const SAMPLE_RUNS = [
  { dir: "v1.11.4-assembly", prefix: "assembly" },
  { dir: "v1.8.1-origin-spanning", prefix: "TEST_6" },
] as const;

/** A fresh database with one imported factory run. */
export async function factoryDatabase(
  options: MakeRunOptions = {},
): Promise<{ db: Kysely<Database>; run: BaktaRun; annotationId: number }> {
  const db = await freshDatabase();
  const run = makeRun({ seed: 11, sequences: 2, genomeSize: 40_000, ...options });
  const result = await importRun(db, run, { genome: "factory" });
  return { db, run, annotationId: result.annotationId! };
}

/** A fresh database with one imported sample folder. */
export async function sampleDatabase(
  dir: string,
): Promise<{ db: Kysely<Database>; annotationId: number; genome: string }> {
  const db = await freshDatabase();
  const result = await importRun(db, samplePath(dir));
  return { db, annotationId: result.annotationId!, genome: result.genome! };
}

/** A feature as the database stores it, with its sequence's id and length. */
export interface DbFeature {
  id: number;
  type: string;
  seqid: string;
  length: number;
  topology: string | null;
  start: number;
  stop: number;
  strand: string;
  edge: boolean;
  locus_tag: string | null;
  product: string | null;
  pseudo: boolean;
}

/** Every feature of an annotation, straight from the tables, in stored order. */
export async function dbFeatures(
  db: Kysely<Database>,
  annotationId: number,
): Promise<DbFeature[]> {
  const rows = await db.selectFrom("features as f")
    .innerJoin("sequences as s", "s.id", "f.sequence_id")
    .select([
      "f.id",
      "f.type",
      "s.seq_id",
      "s.length",
      "s.topology",
      "f.start",
      "f.stop",
      "f.strand",
      "f.edge",
      "f.locus_tag",
      "f.product",
      "f.pseudo",
    ])
    .where("f.annotation_id", "=", annotationId).orderBy("f.id").execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    seqid: r.seq_id,
    length: r.length,
    topology: r.topology,
    start: r.start,
    stop: r.stop,
    strand: r.strand,
    edge: r.edge === 1,
    locus_tag: r.locus_tag,
    product: r.product,
    pseudo: r.pseudo === 1,
  }));
}

/** The positions (1-based) a span covers on a sequence of `length`, walked base by base. */
export function positionsOf(start: number, stop: number, length: number): Set<number> {
  const covered = new Set<number>();
  let at = start;
  for (;;) {
    covered.add(at);
    if (at === stop) break;
    at = at === length ? 1 : at + 1;
  }
  return covered;
}

/** Brute force: whether a feature shares at least one base with the window. */
export function overlapsBrute(
  feature: { start: number; stop: number },
  from: number,
  to: number,
  length: number,
): boolean {
  const window = positionsOf(from, to, length);
  for (const p of positionsOf(feature.start, feature.stop, length)) if (window.has(p)) return true;
  return false;
}

/** Brute force: the residues of a window, walked base by base (across the origin when from > to). */
export function windowResidues(residues: string, from: number, to: number): string {
  let out = "";
  for (const p of positionsOf(from, to, residues.length)) out += residues[p - 1];
  return out;
}

/** Writes text to a temporary file and returns its path. */
export async function tempFile(text: string, suffix: string): Promise<string> {
  const path = await Deno.makeTempFile({ suffix });
  await Deno.writeTextFile(path, text);
  return path;
}

/**
 * gffutils as Panaroo uses it: the part before `##FASTA` loaded with `merge_strategy="error"`
 * (duplicate IDs fail), every feature with its columns and attributes; the `##sequence-region`
 * lengths; the `##FASTA` records.
 */
export const GFFUTILS_SCRIPT = `
import json, sys, gffutils
text = open(sys.argv[1]).read()
annotation, _, fasta = text.partition("##FASTA\\n")
db = gffutils.create_db(annotation, ":memory:", from_string=True, keep_order=True,
                        merge_strategy="error")
features = []
for f in db.all_features():
    features.append({"id": f.id, "seqid": f.seqid, "type": f.featuretype, "source": f.source,
                     "start": f.start, "end": f.end, "strand": f.strand, "phase": f.frame,
                     "attributes": {k: list(v) for k, v in f.attributes.items()}})
regions = {}
for line in annotation.splitlines():  # gffutils keeps only the directives before the first feature
    parts = line.split()
    if parts and parts[0] == "##sequence-region":
        regions[parts[1]] = [int(parts[2]), int(parts[3])]
records, name = {}, None
for line in fasta.splitlines():
    if line.startswith(">"):
        name = line[1:].split()[0]
        records[name] = []
    elif name is not None:
        records[name].append(line.strip())
print(json.dumps({"features": features, "regions": regions,
                  "fasta": {k: "".join(v) for k, v in records.items()}}))
`;

/**
 * Biopython reading GenBank: per record its id, length, topology, SHA-256 of the sequence, and
 * per feature its type, location parts (0-based half-open, strand), qualifiers of interest, and
 * Biopython's own translation of the location (for complete, non-pseudo CDSs).
 */
export const GENBANK_SCRIPT = `
import json, sys, hashlib
from Bio import SeqIO
out = []
for rec in SeqIO.parse(sys.argv[1], "genbank"):
    r = {"id": rec.id, "name": rec.name, "length": len(rec.seq),
         "topology": rec.annotations.get("topology"),
         "sha256": hashlib.sha256(str(rec.seq).upper().encode()).hexdigest(), "features": []}
    for f in rec.features:
        q = f.qualifiers
        e = {"type": f.type,
             "parts": [[int(p.start), int(p.end), p.strand] for p in f.location.parts],
             "locus_tag": q.get("locus_tag", [None])[0], "product": q.get("product", [None])[0],
             "note": q.get("note", []), "translation": q.get("translation", [None])[0],
             "pseudo": "pseudo" in q or "pseudogene" in q}
        if f.type == "CDS" and not e["pseudo"] and e["translation"] is not None:
            table = int(q.get("transl_table", ["11"])[0])
            try:
                e["bio_translation"] = str(f.location.extract(rec.seq).translate(table=table, cds=True))
            except Exception as error:
                e["bio_translation_error"] = str(error)
        r["features"].append(e)
    out.append(r)
print(json.dumps(out))
`;
import { freshDatabase } from "../_fresh_database.ts";
