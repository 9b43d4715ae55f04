/**
 * The job configurations repository: named, reusable annotation settings.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { NotFoundError } from "../db/errors.ts";
import { transaction } from "../db/transaction.ts";
import { type JobConfigRecord, toJobConfigRecord } from "../db/_job_config_rows.ts";

export type { JobConfigRecord };

/**
 * Saves a named configuration, replacing the options of one with the same name.
 *
 * SQL: `insert into "job_configs" … on conflict ("name") do update set "options_json" = …`
 *
 * @param db The database or a transaction.
 * @param name The name.
 * @param options The options (serialized to JSON).
 * @returns The saved configuration.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { getJobConfig, saveJobConfig } from "./job_configs_repository.ts";
 * const db = await openDatabase(":memory:");
 * await saveJobConfig(db, "fast", { complete: false });
 * await saveJobConfig(db, "fast", { complete: true });
 * const config = await getJobConfig(db, "fast");
 * if ((config.options as { complete: boolean }).complete !== true) throw new Error("not replaced");
 * await db.destroy();
 * ```
 */
export async function saveJobConfig(
  db: Kysely<Database>,
  name: string,
  options: unknown,
): Promise<JobConfigRecord> {
  const json = JSON.stringify(options);
  const row = await transaction(
    db,
    (trx) =>
      trx.insertInto("job_configs").values({ name, options_json: json })
        .onConflict((oc) =>
          oc.column("name").doUpdateSet({
            options_json: json,
            updated_at: new Date().toISOString(),
          })
        ).returningAll().executeTakeFirstOrThrow(),
  );
  return toJobConfigRecord(row);
}

/**
 * Gets a configuration by name.
 *
 * @param db The database or a transaction.
 * @param name The name.
 * @returns The configuration.
 * @throws {NotFoundError} When there is none.
 *
 * @example Getting a saved configuration
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { NotFoundError } from "../db/errors.ts";
 * import { getJobConfig, saveJobConfig } from "./job_configs_repository.ts";
 * const db = await openDatabase(":memory:");
 * await saveJobConfig(db, "plasmids", { complete: false, locusTag: "PLS" });
 * const config = await getJobConfig(db, "plasmids");
 * if ((config.options as { locusTag: string }).locusTag !== "PLS") throw new Error("options");
 * const missing = await getJobConfig(db, "none").catch((error) => error);
 * if (!(missing instanceof NotFoundError)) throw new Error("expected a NotFoundError");
 * await db.destroy();
 * ```
 */
export async function getJobConfig(db: Kysely<Database>, name: string): Promise<JobConfigRecord> {
  const row = await db.selectFrom("job_configs").selectAll().where("name", "=", name)
    .executeTakeFirst();
  if (row === undefined) throw new NotFoundError("job configuration", name);
  return toJobConfigRecord(row);
}

/**
 * Lists every configuration, by name.
 *
 * @param db The database or a transaction.
 * @returns The configurations.
 *
 * @example Configurations by name
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { listJobConfigs, saveJobConfig } from "./job_configs_repository.ts";
 * const db = await openDatabase(":memory:");
 * await saveJobConfig(db, "plasmids", { complete: false });
 * await saveJobConfig(db, "complete", { complete: true });
 * const names = (await listJobConfigs(db)).map((c) => c.name);
 * if (names.join() !== "complete,plasmids") throw new Error("expected them by name");
 * await db.destroy();
 * ```
 */
export async function listJobConfigs(db: Kysely<Database>): Promise<JobConfigRecord[]> {
  return (await db.selectFrom("job_configs").selectAll().orderBy("name").execute()).map(
    toJobConfigRecord,
  );
}

/**
 * Deletes a configuration (jobs that used it keep their copy of the options).
 *
 * @param db The database or a transaction.
 * @param name The name.
 * @returns True when one was deleted.
 *
 * @example Deleting a configuration
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { deleteJobConfig, listJobConfigs, saveJobConfig } from "./job_configs_repository.ts";
 * const db = await openDatabase(":memory:");
 * await saveJobConfig(db, "plasmids", { complete: false });
 * if (!(await deleteJobConfig(db, "plasmids"))) throw new Error("not deleted");
 * if ((await deleteJobConfig(db, "plasmids")) || (await listJobConfigs(db)).length !== 0) {
 *   throw new Error("still there");
 * }
 * await db.destroy();
 * ```
 */
export async function deleteJobConfig(db: Kysely<Database>, name: string): Promise<boolean> {
  const result = await transaction(
    db,
    (trx) => trx.deleteFrom("job_configs").where("name", "=", name).executeTakeFirst(),
  );
  return Number(result.numDeletedRows) > 0;
}
