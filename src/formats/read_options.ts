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
  /**
   * The most bytes a gzipped input may expand to. Decompression stops with a `ParseError`
   * (`TooLarge`) as soon as the output passes it, so that a small `.gz` that expands to gigabytes
   * (a "gzip bomb") costs at most this much memory. The default is about six times the largest
   * Bakta output of a bacterial genome (a Bakta JSON of a 15 Mb genome is under 100 MB).
   *
   * @default {536870912} (512 MiB, {@linkcode DEFAULT_MAX_DECOMPRESSED_BYTES})
   */
  maxDecompressedBytes?: number;
}

/** The file name used when {@linkcode ReadOptions.file} is not given. */
export const DEFAULT_FILE_NAME = "input";

/** The bound of {@linkcode ReadOptions.maxDecompressedBytes} when it is not given: 512 MiB. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES: number = 512 * 1024 * 1024;
