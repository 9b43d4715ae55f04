/**
 * The options every reader in `src/formats/` accepts.
 *
 * @module
 */

/**
 * Options shared by every `readX(input, options)` reader.
 *
 * @example Naming the file in errors and sources
 * ```ts
 * import type { ReadOptions } from "./read_options.ts";
 * const options: ReadOptions = { file: "assembly.json" };
 * if (options.file !== "assembly.json") throw new Error("unreachable");
 * ```
 */
export interface ReadOptions {
  /**
   * The file name or path the input came from: used in error messages and in the run's `sources`.
   *
   * @default {"input"}
   */
  file?: string;
}

/** The file name used when {@linkcode ReadOptions.file} is not given. */
export const DEFAULT_FILE_NAME = "input";
