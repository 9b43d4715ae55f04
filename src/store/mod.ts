/**
 * The store: repositories over the database (genomes, sequences, annotations, features, result
 * files, jobs, job configurations), the ingest service (`importRun`, `importRuns`) and retrieval
 * of the original files (`getResultFile`, `exportRunFolder`).
 *
 * @example Import a run and read its history
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { makeRun } from "../testing/factory/make_run.ts";
 * import { genomeHistory, importRun, listGenomes } from "./mod.ts";
 * const db = await openDatabase(":memory:");
 * await importRun(db, makeRun({ seed: 5, featuresPerSequence: 8 }), { genome: "demo" });
 * const [genome] = await listGenomes(db);
 * if (genome.name !== "demo" || genome.features !== 16) throw new Error("unexpected");
 * if ((await genomeHistory(db, "demo")).versions[0].version !== 1) throw new Error("version");
 * await db.destroy();
 * ```
 *
 * @module
 */

export * from "./store_cache.ts";
export * from "./genomes_repository.ts";
export * from "./sequences_repository.ts";
export * from "./annotations_repository.ts";
export * from "./features_repository.ts";
export * from "./result_files_repository.ts";
export * from "./jobs_repository.ts";
export * from "./job_configs_repository.ts";
export * from "./genome_history.ts";
export * from "./run_files.ts";
export * from "./import_error.ts";
export * from "./prepare_run.ts";
export * from "./write_run.ts";
export * from "./import_run.ts";
export * from "./import_runs.ts";
export * from "./export_run_folder.ts";
export * from "./load_run.ts";
export * from "./genome_metadata.ts";
export * from "./bakrep_dataset.ts";
export * from "./feature_originals.ts";
export * from "./stored_residues.ts";
export * from "./run_fingerprint.ts";
export * from "./traits_repository.ts";
