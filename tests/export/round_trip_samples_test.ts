/**
 * Every route through the store, on the real Bakta samples: each run imported from each format it
 * has (JSON, GFF3, GenBank, EMBL, TSV with its `.fna`) into a fresh database, exported in every
 * format, and read back — by our readers, by Arquero (CSV), and by gffutils and Biopython (GFF3,
 * GenBank) — with the source's features, coordinates, strands, products and cross-references.
 *
 * The small runs and CI-8050's GFF3 (issue #20: its GFF3 export failed) run here; the other large
 * runs (2–3 Mbp each, a minute together) run with `BAKTADB_ROUND_TRIP=all`, and in
 * `bench/round_trip_bench.ts`.
 */

import assert from "node:assert/strict";
import { reportSamples, SAMPLES_PRESENT } from "../_samples.ts";
import { pythonHas, runPython } from "../_python.ts";
import {
  expectedGenbankSpans,
  expectedGffutilsRows,
  genbankRowsAsSpans,
  OTHER_TOOLS_SCRIPT,
  roundTrip,
  type RoundTripReport,
  type SampleRoute,
  sampleRoutes,
} from "./_round_trip.ts";

const SUITE = "tests/export/round_trip_samples_test.ts";
reportSamples(SUITE);

/** Runs of more than a megabase; only CI-8050's GFF3 route of them runs by default. */
const LARGE = /CI-8050|lhokkaidonensis|saureus-pair|spneumoniae-cohort/;

/** The `Feature` fields each export loses of a JSON-sourced run (docs/formats.md §7.1). */
const LOST_FROM_JSON = {
  gff3: ["aa", "aaHexdigest", "evidence", "frame", "genes", "id", "nt", "truncated"],
  gbff: ["aa", "aaHexdigest", "evidence", "frame", "genes", "id", "nt"],
  embl: ["aa", "aaHexdigest", "evidence", "frame", "genes", "id", "nt"],
  tsv: ["aa", "aaHexdigest", "evidence", "frame", "genes", "id", "nt", "truncated"],
  json: [],
};

function selectRoutes(): SampleRoute[] {
  const all = sampleRoutes();
  if (Deno.env.get("BAKTADB_ROUND_TRIP") === "all") return all;
  const chosen = all.filter((r) =>
    !LARGE.test(r.run) || (r.run.endsWith("CI-8050") && r.route === "gff3")
  );
  const left = all.filter((r) => !chosen.includes(r));
  if (left.length > 0) {
    console.log(
      `[${SUITE}] ${left.length} routes of large runs left to BAKTADB_ROUND_TRIP=all and ` +
        `bench/round_trip_bench.ts: ${left.map((r) => `${r.run} (${r.route})`).join(", ")}`,
    );
  }
  return chosen;
}

Deno.test({
  name: "exportAnnotation() round trip: every sample route, every format, read back as the source",
  ignore: !SAMPLES_PRESENT,
  async fn(t) {
    const routes = selectRoutes();
    const runs = new Set(routes.map((r) => r.run));
    // Every genome run of the samples has at least one route here, and every source format occurs.
    assert.deepStrictEqual(
      [...new Set(routes.map((r) => r.route))].sort(),
      ["embl", "gbff", "gff3", "json", "tsv+fna"],
    );
    assert.ok(runs.size >= 8, `${runs.size} runs`);
    const python = pythonHas(SUITE, "gffutils", "Bio");
    const dir = await Deno.makeTempDir();
    const written: { path: string; route: SampleRoute; report: RoundTripReport }[] = [];
    try {
      for (const route of routes) {
        await t.step(`${route.run} from ${route.route}`, async () => {
          const report = await roundTrip(route);
          assert.equal(report.compared.gff3, report.source.features.length);
          if (route.run === "v1.11.4-assembly/assembly" && route.route === "json") {
            // From the richest source, each format loses exactly what docs/formats.md §7 says.
            assert.deepStrictEqual(report.lost, LOST_FROM_JSON);
          }
          const name = `${written.length}`;
          for (const format of ["gff3", "gbff"] as const) {
            const path = `${dir}/${name}.${format}`;
            await Deno.writeTextFile(path, report.exports[format]);
            written.push({ path, route, report });
          }
        });
      }
      await t.step({
        name: "gffutils and Biopython read the GFF3 and GenBank exports",
        ignore: !python,
        fn: async () => {
          const seen = await runPython<Record<string, unknown[]>>(
            OTHER_TOOLS_SCRIPT,
            written.map((w) => w.path),
          );
          for (const { path, route, report } of written) {
            const label = `${route.run} from ${route.route}: ${
              path.endsWith("gff3") ? "gffutils" : "Biopython"
            }`;
            if (path.endsWith(".gff3")) {
              assert.deepStrictEqual(seen[path], expectedGffutilsRows(report.source), label);
            } else {
              assert.deepStrictEqual(
                genbankRowsAsSpans(seen[path]),
                expectedGenbankSpans(report.source),
                label,
              );
            }
          }
        },
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
