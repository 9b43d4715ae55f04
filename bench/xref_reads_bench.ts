/**
 * The readers of a feature's cross-references on a large file, for an A/B of their layout (#12,
 * schema 12: `features.xref_ids` packed and `xref_term_features`, against schema 11's
 * `feature_xrefs`): `listGenomeFeatures` of whole genomes, `genomeMapData`, `loadRun`,
 * `getFeatureXrefs` of single features, `featuresByXref` across the cohort and the family members
 * at the UniRef50 level (one cluster look-up per CDS). Each case runs `rounds` times, alternating,
 * and prints its mean and best wall time in milliseconds, with the load before and after.
 *
 * Run: `nice -n 10 deno run -A bench/xref_reads_bench.ts FILE [rounds]`, FILE opened read-only
 * (e.g. a copy of `/tmp/keep/h-summaries-query-bench-1000.sqlite` migrated to schema 12). For the
 * A/B, run the same file at schema 11 from a checkout of the previous revision (this script
 * imports only what both revisions have), at the same load: compare the ratios.
 *
 * @module
 */

import { openDatabase } from "../src/db/open_database.ts";
import { familyMembersQuery } from "../src/analysis/gene_families.ts";
import { featuresByXref } from "../src/query/features_by_xref.ts";
import { listGenomeFeatures } from "../src/query/list_genome_features.ts";
import { genomeMapData } from "../src/report/genome_map_data.ts";
import { getFeatureXrefs } from "../src/store/features_repository.ts";
import { loadRun } from "../src/store/load_run.ts";

/** The load average as text. */
function load(): string {
  return `load average ${Deno.loadavg().map((x) => x.toFixed(1)).join(", ")} (2 cores)`;
}

async function main(): Promise<void> {
  const [path, roundsText = "3"] = Deno.args;
  if (path === undefined) {
    console.log("usage: deno run -A bench/xref_reads_bench.ts FILE [rounds]");
    return;
  }
  const rounds = Number(roundsText);
  const db = await openDatabase(path, { readOnly: true });
  const annotations = await db.selectFrom("annotations").innerJoin(
    "genomes",
    "genomes.id",
    "annotations.genome_id",
  ).select(["annotations.id", "genomes.name"]).orderBy("annotations.id").limit(5).execute();
  const features = await db.selectFrom("features").select("id").where("type", "=", "cds")
    .where("annotation_id", "=", annotations[0].id).limit(500).execute();
  const terms = await db.selectFrom("xref_terms").select(["db", "accession"])
    .where("db", "in", ["EC", "GO", "COG"]).orderBy("id").limit(5).execute();
  const genomes = annotations.map((a) => a.name);
  const cases: Record<string, () => Promise<unknown>> = {
    "listGenomeFeatures, 5 genomes": async () => {
      for (const genome of genomes) await listGenomeFeatures(db, { genome });
    },
    "genomeMapData, 5 genomes": async () => {
      for (const genome of genomes) await genomeMapData(db, genome, { residues: false });
    },
    "loadRun, 5 annotations": async () => {
      for (const a of annotations) await loadRun(db, a.id);
    },
    "getFeatureXrefs, 500 CDSs": async () => {
      for (const f of features) await getFeatureXrefs(db, f.id);
    },
    "featuresByXref, 5 terms across the cohort": async () => {
      for (const t of terms) {
        await featuresByXref(db, { db: t.db, accession: t.accession }).execute();
      }
    },
    "family members at UniRef50, 5 genomes": async () => {
      await familyMembersQuery(db, { genomes, familyLevel: "uniref50" }).execute();
    },
  };
  console.log(`${path}; ${load()} at the start`);
  const times: Record<string, number[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, fn] of Object.entries(cases)) {
      const started = performance.now();
      await fn();
      (times[name] ??= []).push(performance.now() - started);
    }
  }
  for (const [name, list] of Object.entries(times)) {
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    console.log(
      `${name.padEnd(44)} mean ${mean.toFixed(0)} ms, best ${Math.min(...list).toFixed(0)}`,
    );
  }
  console.log(`${load()} at the end`);
  await db.destroy();
}

if (import.meta.main) await main();
