/**
 * Writes runs into a database at schema 0003, as baktadb did before migration 0004: every
 * feature with its own `original_json`, residues in `sequences.residues`, the fingerprint over the
 * files' checksums, the FTS5/R*Tree indexes kept by the per-row trigger.
 *
 * @module
 */

import { type Kysely, sql } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import { bulkInsert } from "../../src/store/_bulk_insert.ts";
import { decodeContent, fromUtf8 } from "../../src/store/_codec.ts";
import { FEATURE_COLUMNS, loadRunFiles, parseRunFiles } from "../../src/store/prepare_run.ts";
import { annotationValues, SEQUENCE_ROW_COLUMNS, sequenceRow } from "../../src/store/write_run.ts";
import { xrefTermOfKey } from "../../src/db/xref_terms.ts";

/**
 * Writes the run of `paths` under `genome` at schema 0003 (reusing the genome's version-1
 * sequences when it has them).
 *
 * @returns The annotation id.
 */
export async function writeRunAtV3(
  db: Kysely<Database>,
  paths: string[],
  genome: string,
): Promise<number> {
  const loaded = await loadRunFiles(paths);
  // An explicit reader keeps the residues in the rows, as schema 0003 did.
  const prepared = await parseRunFiles(loaded, { readRun: (p) => readResultFolder(p) });
  const genomeId = (await db.selectFrom("genomes").select("id").where("name", "=", genome)
    .executeTakeFirst())?.id ??
    (await db.insertInto("genomes").values({ name: genome }).returning("id")
      .executeTakeFirstOrThrow()).id;
  const sequenceIds = new Map<string, number>();
  for (const p of prepared.sequences) {
    const existing = await db.selectFrom("sequences").select("id").where("genome_id", "=", genomeId)
      .where("seq_id", "=", p.sequence.id).executeTakeFirst();
    let id = existing?.id;
    if (id === undefined) {
      id = 1 +
        Number(
          (await db.selectFrom("sequences").select(sql<number>`coalesce(max(id), 0)`.as("m"))
            .executeTakeFirstOrThrow()).m,
        );
      await bulkInsert(db, "sequences", SEQUENCE_ROW_COLUMNS, [sequenceRow(id, genomeId, 1, p)]);
    }
    sequenceIds.set(p.sequence.id, id);
  }
  // The fingerprint of schema 0003: over the files' checksums.
  const annotationId = (await db.insertInto("annotations")
    .values({ ...annotationValues(genomeId, 1, prepared, {}), fingerprint: loaded.fingerprint })
    .returning("id").executeTakeFirstOrThrow()).id;
  const originals = JSON.parse(
    fromUtf8(decodeContent(prepared.originals.bytes, prepared.originals.encoding)),
  ) as unknown[];
  const featureIds: number[] = [];
  for (let i = 0; i < prepared.featureRows.length; i++) {
    const row = [...prepared.featureRows[i]];
    row[1] = annotationId;
    row[2] = sequenceIds.get(prepared.featureSequenceIds[i]);
    row[FEATURE_COLUMNS.indexOf("original_json")] = JSON.stringify(originals[i]);
    const values = Object.fromEntries(FEATURE_COLUMNS.slice(1).map((c, k) => [c, row[k + 1]]));
    featureIds.push(
      (await db.insertInto("features").values(values as never).returning("id")
        .executeTakeFirstOrThrow()).id,
    );
  }
  await bulkInsert(
    db,
    "feature_xrefs" as keyof Database & string, // the table of schema v3, gone since v12
    ["feature_id", "db", "accession"],
    Array.from({ length: prepared.xrefLinks.length / 2 }, (_, j) => {
      const { db: xdb, accession } = xrefTermOfKey(
        prepared.xrefTermKeys[prepared.xrefLinks[2 * j + 1]],
      );
      return [featureIds[prepared.xrefLinks[2 * j]], xdb, accession];
    }),
  );
  await bulkInsert(
    db,
    "result_files",
    ["annotation_id", "kind", "file_name", "size", "checksum", "content", "encoding"],
    prepared.files.map((f) => [
      annotationId,
      f.kind,
      f.name,
      f.size,
      f.checksum,
      f.content,
      f.encoding,
    ]),
  );
  return annotationId;
}
