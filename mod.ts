/**
 * baktadb: keep, explore and compare Bakta genome annotations in one database.
 *
 * - `openDatabase()` opens (and migrates) a SQLite database driven by Kysely;
 * - readers turn every Bakta output format of every version since 1.4 into one model;
 * - the store imports runs once, keeps every original file, and versions assemblies;
 * - the client submits genomes to the Bakta web service and follows the jobs;
 * - query helpers, Arquero tables and Observable Plot figures answer questions about them.
 *
 * @example Open an in-memory database and count genomes
 * ```ts
 * import { openDatabase } from "./mod.ts";
 * const db = await openDatabase(":memory:");
 * const rows = await db.selectFrom("genomes").selectAll().execute();
 * if (rows.length !== 0) throw new Error("a new database is empty");
 * await db.destroy();
 * ```
 *
 * @module
 */

export * from "./src/db/mod.ts";
export * from "./src/formats/mod.ts";
export * from "./src/store/mod.ts";
export * from "./src/client/mod.ts";
export * from "./src/plot/mod.ts";
export * from "./src/testing/bakta_stand_in/mod.ts";
export * from "./src/testing/factory/mod.ts";
export * from "./src/query/mod.ts";
export * from "./src/analysis/mod.ts";
export * from "./src/export/mod.ts";
export * from "./src/report/mod.ts";
export * from "./src/bakrep/mod.ts";
export {
  addLogSecret,
  baktadbLogger,
  type BaktadbLogLayer,
  configureLogging,
  LOG_LEVELS,
  type LoggingHandle,
  type LoggingOptions,
  logSecrets,
} from "./src/log/mod.ts";
export type { BackoffPolicy } from "./src/async/mod.ts";
export * from "./src/testing/bakrep_stand_in/mod.ts";
// Names two layers both export (the same types): the root takes them from analysis.
export {
  PANGENOME_CLASSES,
  type PangenomeClass,
  type PangenomeClassRow,
} from "./src/analysis/mod.ts";
export type { FormatBaktaJsonOptions } from "./src/export/mod.ts";
export type { TranslationTable } from "./src/client/mod.ts";
