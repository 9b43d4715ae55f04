/**
 * The round trip of every sample route, large runs included: each run imported from each format
 * it has into a fresh database, exported in every format and read back, asserting the source's
 * features as `tests/export/round_trip_samples_test.ts` does (which runs only the small runs and
 * CI-8050's GFF3 by default, to stay within the test budget). One iteration per route: the
 * figure is the time of a whole round trip.
 *
 * Run: `deno task bench bench/round_trip_bench.ts` (or `BAKTADB_ROUND_TRIP=all deno test -A
 * tests/export/round_trip_samples_test.ts` for the same checks as a test).
 *
 * @module
 */

import { roundTrip, sampleRoutes } from "../tests/export/_round_trip.ts";
import { SAMPLES_PRESENT } from "../tests/_samples.ts";

if (!SAMPLES_PRESENT) console.log("round_trip_bench: skipped, ../shared/bakta-samples/ is absent");

for (const route of sampleRoutes()) {
  Deno.bench({
    name: `${route.run} from ${route.route}: import, export 9 formats, read back`,
    group: route.run,
    n: 1,
    warmup: 0,
    async fn() {
      const report = await roundTrip(route);
      if (report.compared.gff3 !== report.source.features.length) {
        throw new Error(`${route.run}: ${report.compared.gff3} features came back`);
      }
    },
  });
}
