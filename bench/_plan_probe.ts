import { openDatabase } from "../src/db/open_database.ts";
import { genomeStatistics } from "../src/query/genome_statistics.ts";
import { cogCategoryCountsQuery } from "../src/analysis/cog_matrix.ts";
import { geneFamilyCountsQuery } from "../src/analysis/gene_families.ts";
import { pangenomeClassesQuery } from "../src/analysis/pangenome_classes.ts";
import { featureTypeCountsQuery } from "../src/analysis/feature_type_counts.ts";
import { featuresInRegion, searchFeatures } from "../src/query/mod.ts";
import { sql } from "kysely";
const db = await openDatabase((Deno.env.get("PROBE_DB") ?? "/tmp/qprobe/dev.sqlite"), { readOnly: true, migrate: false });
const which = Deno.args[0];
const genomes = Deno.args[1] ? { genomes: Array.from({length: Number(Deno.args[1])}, (_, i) => `G${String(i+1).padStart(4,"0")}`) } : {};
const queries: Record<string, () => Promise<any>> = {
  stats: async () => genomeStatistics(db, genomes),
  cog: async () => cogCategoryCountsQuery(db, genomes),
  fam: async () => geneFamilyCountsQuery(db, genomes),
  classes: async () => pangenomeClassesQuery(db, genomes),
  types: async () => featureTypeCountsQuery(db, genomes),
  region: async () => featuresInRegion(db, { genome: "G0003", sequence: "contig_1", from: 100000, to: 110000 }),
  search: async () => searchFeatures(db, "dna pol", { prefix: true }).limit(100),
};
const q = await queries[which]();
const c = q.compile();
const plan = await sql.raw(`explain query plan ${c.sql}`).execute(db).catch(async () => {
  // bound parameters: use the native driver
  return null;
});
const { DatabaseSync } = await import("node:sqlite");
const n = new DatabaseSync((Deno.env.get("PROBE_DB") ?? "/tmp/qprobe/dev.sqlite"), { readOnly: true });
console.log(n.prepare(`explain query plan ${c.sql}`).all(...c.parameters as any[]).map((r: any) => `${r.id} ${r.parent} ${r.detail}`).join("\n"));
let t0 = performance.now();
const rows = await q.execute();
console.log(which, rows.length, "rows", (performance.now() - t0).toFixed(1), "ms");
t0 = performance.now();
await q.execute();
console.log(which, "again", (performance.now() - t0).toFixed(1), "ms");
n.close();
await db.destroy();
{
  const { DatabaseSync } = await import("node:sqlite");
  const n2 = new DatabaseSync((Deno.env.get("PROBE_DB") ?? "/tmp/qprobe/dev.sqlite"), { readOnly: true });
  const st = n2.prepare(c.sql);
  for (let i = 0; i < 2; i++) {
    const t0 = performance.now();
    const r = st.all(...c.parameters as any[]);
    console.log("raw", r.length, (performance.now() - t0).toFixed(1), "ms");
  }
  n2.close();
}
