/**
 * Every migration, as a static record (no dynamic imports, no read permission needed). Keys sort in
 * the order the migrations run.
 *
 * @module
 */

import type { Migration } from "../src/deps/kysely_migration.ts";
import * as m0001 from "./0001_initial.ts";
import * as m0002 from "./0002_genome_traits.ts";
import * as m0003 from "./0003_feature_family.ts";
import * as m0004 from "./0004_run_identity.ts";
import * as m0005 from "./0005_xref_terms.ts";
import * as m0006 from "./0006_feature_family_order.ts";
import * as m0007 from "./0007_reader_without_secrets.ts";
import * as m0008 from "./0008_xref_term_key.ts";
import * as m0009 from "./0009_postgres_fts5_folding.ts";
import * as m0010 from "./0010_annotation_summaries.ts";
import * as m0011 from "./0011_partial_gene_index.ts";
import * as m0012 from "./0012_packed_xrefs.ts";
import * as m0013 from "./0013_fewer_feature_indexes.ts";

/** The migrations by name, in order. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  "0001_initial": m0001,
  "0002_genome_traits": m0002,
  "0003_feature_family": m0003,
  "0004_run_identity": m0004,
  "0005_xref_terms": m0005,
  "0006_feature_family_order": m0006,
  "0007_reader_without_secrets": m0007,
  "0008_xref_term_key": m0008,
  "0009_postgres_fts5_folding": m0009,
  "0010_annotation_summaries": m0010,
  "0011_partial_gene_index": m0011,
  "0012_packed_xrefs": m0012,
  "0013_fewer_feature_indexes": m0013,
});
