/**
 * The loggers of baktadb: one LogTape category per layer, under `["baktadb"]`.
 *
 * @module
 */

import { getLogger, type Logger } from "../deps/logtape.ts";

/** The layers that log, each its own category `["baktadb", layer]`. */
export type BaktadbLogLayer = "client" | "jobs" | "store" | "db" | "cli" | "bakrep";

/**
 * The logger of one layer. It writes nothing until the application configures LogTape (for example
 * with `configureLogging`, as the CLI does for `--log-level`); a library user who configures
 * LogTape sees baktadb's records under the category `["baktadb", layer]`.
 *
 * @param layer The layer.
 * @returns The logger of `["baktadb", layer]`.
 *
 * @example A silent logger until configured
 * ```ts
 * import { baktadbLogger } from "./logger.ts";
 * const log = baktadbLogger("client");
 * log.info("nothing is written: no sink is configured");
 * if (log.category.join(".") !== "baktadb.client") throw new Error(log.category.join("."));
 * ```
 */
export function baktadbLogger(layer: BaktadbLogLayer): Logger {
  return getLogger(["baktadb", layer]);
}
