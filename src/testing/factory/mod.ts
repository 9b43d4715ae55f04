/**
 * Fixture factories: realistic, seeded Bakta runs and cohorts for tests and benchmarks, and
 * writers that put them on disk as Bakta JSON or GFF3.
 *
 * @example A run written as JSON, read back by the project's reader
 * ```ts
 * import { formatRunAsBaktaJson, makeRun } from "./mod.ts";
 * import { readBaktaJson } from "../../formats/bakta_json/read_bakta_json.ts";
 * const run = makeRun({ seed: 7, sequences: 2, genomeSize: 20_000 });
 * const back = readBaktaJson(formatRunAsBaktaJson(run));
 * if (back.features.length !== run.features.length) throw new Error("lost features");
 * ```
 *
 * @module
 */

export * from "./random.ts";
export * from "./vocabulary.ts";
export * from "./gene_families.ts";
export * from "./make_run.ts";
export * from "./make_cohort.ts";
export * from "./format_run_as_bakta_json.ts";
export * from "./format_run_as_gff3.ts";
