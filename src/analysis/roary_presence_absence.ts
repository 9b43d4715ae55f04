/**
 * The gene presence/absence table in the layout of Roary's `gene_presence_absence.csv`, so that
 * Scoary, Panaroo's tools and other Roary consumers read baktadb's gene families.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { cohortQuery } from "./_cohort.ts";
import type { RowsQuery } from "../db/rows_query.ts";
import { familyMembersQuery, type GeneFamilyOptions } from "./gene_families.ts";

/**
 * The columns Roary writes before the genome columns, in order (Roary 3.x
 * `gene_presence_absence.csv`; Scoary reads genomes from the 15th column on).
 */
export const ROARY_COLUMNS: readonly string[] = Object.freeze([
  "Gene",
  "Non-unique Gene name",
  "Annotation",
  "No. isolates",
  "No. sequences",
  "Avg sequences per isolate",
  "Genome Fragment",
  "Order within Fragment",
  "Accessory Fragment",
  "Accessory Order with Fragment",
  "QC",
  "Min group size nuc",
  "Max group size nuc",
  "Avg group size nuc",
]);

/** One family as a Roary row. */
export interface RoaryRow {
  /** The baktadb family key (UniRef90, UniRef50 or `MD5:`), not a Roary column. */
  family: string;
  /** `Gene`: the family's gene symbol when no other family has it, else the family key. */
  gene: string;
  /** `Non-unique Gene name`: the gene symbol when other families share it, else empty. */
  nonUniqueGene: string;
  /** `Annotation`: the product of the family's first member. */
  annotation: string;
  /** `No. isolates`. */
  isolates: number;
  /** `No. sequences`. */
  sequences: number;
  /** `Min group size nuc`: the shortest member in bases. */
  minLength: number;
  /** `Max group size nuc`. */
  maxLength: number;
  /** `Avg group size nuc` (rounded to an integer, as Roary writes it). */
  avgLength: number;
  /** The locus tags (or feature ids where a member has none) per genome, by genome name. */
  members: Map<string, string[]>;
}

/** The rows and the genome columns of {@linkcode roaryPresenceAbsence}. */
export interface RoaryTable {
  /** The genome columns, by name. */
  genomes: string[];
  /** The families, most widespread first, then by `Gene`. */
  rows: RoaryRow[];
}

interface MemberRow {
  genome: string;
  family: string;
  locus_tag: string | null;
  feature_id: number;
  gene: string | null;
  product: string | null;
  length: number;
}

/** The cohort's family members with what a Roary row shows, ordered by family and feature. */
function roaryMembersQuery(
  db: Kysely<Database>,
  options: GeneFamilyOptions,
): RowsQuery<MemberRow> {
  const ref = sql.ref;
  return db
    .with("cohort", () => cohortQuery(db, options))
    .with((cte) => cte("members").materialized(), () => familyMembersQuery(db, options))
    .selectFrom("members")
    .innerJoin("cohort", "cohort.annotation_id", "members.annotation_id")
    .innerJoin("features", "features.id", "members.feature_id")
    .innerJoin("sequences", "sequences.id", "features.sequence_id")
    .select([
      "cohort.genome",
      "members.family",
      "features.locus_tag",
      "features.id as feature_id",
      "features.gene",
      "features.product",
      // Across the origin (start > stop) a feature runs to the sequence end and on from base 1.
      sql<number>`case when ${ref("features.start")} <= ${ref("features.stop")} then ${
        ref("features.stop")
      } - ${ref("features.start")} + 1 else ${ref("sequences.length")} - ${
        ref("features.start")
      } + 1 + ${ref("features.stop")} end`.as("length"),
    ])
    .where("members.family", "is not", null)
    .$narrowType<{ family: string }>()
    .orderBy("members.family")
    .orderBy("features.id");
}

/**
 * The cohort's gene families as Roary's `gene_presence_absence.csv` rows: one per family, with its
 * gene and product (of the first member), isolate and sequence counts, member lengths, and the
 * locus tags of each genome's members. Roary's graph columns (genome fragment, order, accessory
 * fragment, QC) have no baktadb counterpart and stay empty.
 *
 * @param db The database.
 * @param options Which genomes, feature types, pseudogenes and family level.
 * @returns The genome columns and the rows.
 *
 * @example Two genomes sharing one family
 * ```ts
 * import assert from "node:assert/strict";
 * import { openDatabase } from "../db/open_database.ts";
 * import { importRun } from "../store/import_run.ts";
 * import { makeCohort } from "../testing/factory/make_cohort.ts";
 * import { roaryPresenceAbsence } from "./roary_presence_absence.ts";
 * const db = await openDatabase(":memory:");
 * const cohort = makeCohort({ seed: 1, genomes: 2, familiesPool: 10, coreFamilies: 5 });
 * for (const m of cohort.members) await importRun(db, m.run, { genome: m.name });
 * const { genomes, rows } = await roaryPresenceAbsence(db);
 * assert.deepEqual(genomes, ["G1", "G2"]);
 * assert.equal(rows[0].isolates, 2);
 * await db.destroy();
 * ```
 */
export async function roaryPresenceAbsence(
  db: Kysely<Database>,
  options: GeneFamilyOptions = {},
): Promise<RoaryTable> {
  const cohort = await cohortQuery(db, options).orderBy("genomes.name").execute();
  const members = await roaryMembersQuery(db, options).execute();
  const rows = groupMembers(members);
  nameGenes(rows, members);
  rows.sort((a, b) => b.isolates - a.isolates || (a.gene < b.gene ? -1 : a.gene > b.gene ? 1 : 0));
  return { genomes: cohort.map((c) => c.genome), rows };
}

/** One row per family from its members (ordered by family, then feature). */
function groupMembers(members: readonly MemberRow[]): RoaryRow[] {
  const rows: RoaryRow[] = [];
  let current: RoaryRow | undefined;
  let total = 0;
  for (const m of members) {
    if (current === undefined || current.family !== m.family) {
      if (current !== undefined) current.avgLength = Math.round(total / current.sequences);
      current = {
        family: m.family,
        gene: "",
        nonUniqueGene: "",
        annotation: m.product ?? "",
        isolates: 0,
        sequences: 0,
        minLength: Infinity,
        maxLength: 0,
        avgLength: 0,
        members: new Map(),
      };
      total = 0;
      rows.push(current);
    }
    const length = Number(m.length);
    current.sequences++;
    total += length;
    current.minLength = Math.min(current.minLength, length);
    current.maxLength = Math.max(current.maxLength, length);
    const tags = current.members.get(m.genome) ?? [];
    if (tags.length === 0) current.isolates++;
    tags.push(m.locus_tag ?? `feature:${m.feature_id}`);
    current.members.set(m.genome, tags);
  }
  if (current !== undefined) current.avgLength = Math.round(total / current.sequences);
  return rows;
}

/** Sets `gene`/`nonUniqueGene`: the first member's symbol when unique among families, else the key. */
function nameGenes(rows: RoaryRow[], members: readonly MemberRow[]): void {
  const symbol = new Map<string, string>();
  for (const m of members) if (!symbol.has(m.family)) symbol.set(m.family, m.gene ?? "");
  const uses = new Map<string, number>();
  for (const s of symbol.values()) if (s !== "") uses.set(s, (uses.get(s) ?? 0) + 1);
  const families = new Set(rows.map((r) => r.family));
  for (const row of rows) {
    const s = symbol.get(row.family) ?? "";
    const unique = s !== "" && uses.get(s) === 1 && !families.has(s);
    row.gene = unique ? s : row.family;
    row.nonUniqueGene = unique ? "" : s;
  }
}

/**
 * Writes a {@linkcode RoaryTable} as Roary's `gene_presence_absence.csv`: every field quoted,
 * comma-separated, the {@linkcode ROARY_COLUMNS} then one column per genome holding its locus tags
 * (several separated by tabs, as Roary writes paralogs).
 *
 * @param table The table.
 * @returns The CSV text, ending with a newline.
 *
 * @example Quoting as Roary does
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatRoaryCsv } from "./roary_presence_absence.ts";
 * const csv = formatRoaryCsv({ genomes: ["G1", "G2"], rows: [{
 *   family: "UniRef90_A", gene: "dnaA", nonUniqueGene: "", annotation: 'Chromosomal "replication"',
 *   isolates: 1, sequences: 1, minLength: 900, maxLength: 900, avgLength: 900,
 *   members: new Map([["G1", ["G1_00005"]]]),
 * }] });
 * assert.equal(csv.split("\n")[1],
 *   '"dnaA","","Chromosomal ""replication""","1","1","1","","","","","","900","900","900","G1_00005",""');
 * ```
 */
export function formatRoaryCsv(table: RoaryTable): string {
  const quote = (value: string | number) => `"${String(value).replaceAll('"', '""')}"`;
  const lines = [[...ROARY_COLUMNS, ...table.genomes].map(quote).join(",")];
  for (const row of table.rows) {
    const average = Math.round((row.sequences / row.isolates) * 100) / 100;
    const cells: (string | number)[] = [
      row.gene,
      row.nonUniqueGene,
      row.annotation,
      row.isolates,
      row.sequences,
      average,
      "",
      "",
      "",
      "",
      "",
      row.minLength,
      row.maxLength,
      row.avgLength,
      ...table.genomes.map((g) => (row.members.get(g) ?? []).join("\t")),
    ];
    lines.push(cells.map(quote).join(","));
  }
  return lines.join("\n") + "\n";
}
