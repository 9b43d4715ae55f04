/**
 * A child process for the crash test of `savePlot`: saves a small feature-types figure to the path
 * given as its argument (the format from the extension). Run with `BAKTADB_TEST_PAUSE_AT=write:temp`
 * it stops after writing the temporary file and before the rename, to be killed there.
 *
 * @module
 */

import { featureTypesPlot } from "../../src/plot/feature_types_plot.ts";
import { savePlot } from "../../src/plot/save_plot.ts";

const [path] = Deno.args;
await savePlot(
  featureTypesPlot([{ genome: "C22", type: "cds", count: 2561 }], { width: 400 }),
  path,
);
