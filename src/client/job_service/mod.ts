/**
 * The job service: Bakta web jobs recorded in the database from submission to import. Every step
 * is stored before the next one is taken (`CREATED` → `UPLOADED` → `INIT`/`RUNNING` →
 * `SUCCESSFUL`/`ERROR` → `IMPORTED`, or `NOT_FOUND`/`UNAUTHORIZED`), every change is an event in
 * `job_events`, secrets never leave the `jobs.secret` column, and `syncJobs` resumes whatever an
 * interrupted process left: nothing is lost, nothing is started or imported twice.
 *
 * Decisions: a job is recorded (`CREATED`, with the paths and SHA-256 of its FASTA) before `init`;
 * upload links are never stored (they carry signatures and expire), so a job whose upload was not
 * recorded is resumed by initialising a fresh job (the unused one is deleted on the service);
 * an `UPLOADED` job is started only after `list` shows it was not started, inside a transaction
 * that claims the row; the logs of an `ERROR` job are stored in the detail of its `ERROR` event
 * (`jobLogs` falls back to them), with a one-line reason in `jobs.error`.
 *
 * @example Submit, wait, import — against the local stand-in
 * ```ts
 * import { openDatabase } from "../../db/open_database.ts";
 * import { startBaktaStandIn } from "../../testing/bakta_stand_in/mod.ts";
 * import { formatRunAsBaktaJson, makeRun } from "../../testing/factory/mod.ts";
 * import { BaktaClient } from "../bakta_client.ts";
 * import { submitGenomes, syncJobs } from "./mod.ts";
 *
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/g.json`, formatRunAsBaktaJson(makeRun({ seed: 4 })));
 * await using standIn = await startBaktaStandIn({ resultsDir: dir, runningMs: 10 });
 * const db = await openDatabase(":memory:");
 * const client = new BaktaClient({ baseUrl: standIn.baseUrl });
 * await submitGenomes(db, client, [{ fasta: { text: ">c1\nACGT\n" }, genome: "g" }]);
 * const result = await syncJobs(db, client, { wait: true, intervalMs: 20 });
 * if (result.imported !== 1) throw new Error("not imported");
 * await db.destroy();
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @module
 */

export * from "./job_state.ts";
export * from "./job_service_error.ts";
export * from "./job_service_options.ts";
export * from "./genome_fasta.ts";
export * from "./submit_genome.ts";
export * from "./download_results.ts";
export * from "./import_job_results.ts";
export * from "./sync_jobs.ts";
export * from "./find_job.ts";
export * from "./job_logs.ts";
export * from "./delete_service_job.ts";
