/**
 * The functional cross-references of gene families (COG, GO, KEGG, EC), for the report's links out
 * from its family tables.
 *
 * @module
 */

import { type Kysely, sql } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { familyMembersQuery } from "../analysis/gene_families.ts";
import { featureTermsFrom } from "../db/xref_terms.ts";

/** The cross-reference databases the report links families to, in the order it lists them. */
export const FAMILY_XREF_DBS: readonly string[] = Object.freeze(["COG", "GO", "KEGG", "EC"]);

/**
 * The cross-references (`DB:accession`, sorted by {@linkcode FAMILY_XREF_DBS} then accession) of
 * the members of each wanted family in the genomes' latest annotations. One query: the families'
 * members, their feature rows' term ids (`features.xref_ids`) and those terms of the four
 * databases; the rows of other families are dropped here.
 *
 * @param db The database.
 * @param genomes The genomes whose latest annotations are read.
 * @param families The families wanted.
 * @returns The cross-references by family; a family without any is absent.
 */
export async function familyXrefs(
  db: Kysely<Database>,
  genomes: readonly string[],
  families: ReadonlySet<string>,
): Promise<Map<string, string[]>> {
  if (families.size === 0 || genomes.length === 0) return new Map();
  const members = familyMembersQuery(db, { genomes: [...genomes] });
  const ref = sql.ref;
  const { rows } = await sql<{ family: string | null; db: string; accession: string }>`with ${
    sql.id("members")
  } as ${members} select distinct ${ref("m.family")}, ${ref("t.db")}, ${ref("t.accession")}
    from ${sql.table("members")} as ${sql.id("m")}, ${sql.table("features")} as ${sql.id("f")}, ${
    featureTermsFrom(db, "f")
  } and ${ref("f.id")} = ${ref("m.feature_id")} and ${ref("t.db")} in (${
    sql.join(FAMILY_XREF_DBS)
  })`.execute(db);
  const byFamily = new Map<string, Set<string>>();
  for (const row of rows) {
    if (row.family === null || !families.has(row.family)) continue;
    const set = byFamily.get(row.family) ?? new Set<string>();
    set.add(`${row.db}:${row.accession}`);
    byFamily.set(row.family, set);
  }
  const rank = (xref: string) => FAMILY_XREF_DBS.indexOf(xref.slice(0, xref.indexOf(":")));
  return new Map(
    [...byFamily].map((
      [family, xrefs],
    ) => [family, [...xrefs].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))]),
  );
}
