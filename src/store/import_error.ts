/**
 * The error of an import that cannot go on (bad input for the store, not a parse error).
 *
 * @module
 */

/** Why an import failed. */
export type ImportErrorKind =
  | "NoRun"
  | "SeveralRuns"
  | "DuplicateFileName"
  | "UnknownSequence"
  | "InvalidGenomeName"
  | "Empty"
  | "ChecksumMismatch"
  | "IncompleteDataset";

/**
 * An item could not be imported: names the item and what was wrong with it.
 *
 * @example
 * ```ts
 * import { ImportError } from "./import_error.ts";
 * const error = new ImportError("NoRun", "results/", "no Bakta output files found");
 * if (error.message !== "Cannot import results/: no Bakta output files found") throw error;
 * ```
 */
export class ImportError extends Error {
  /** What was wrong. */
  readonly kind: ImportErrorKind;
  /** The item (folder, file or run prefix). */
  readonly item: string;

  /**
   * @param kind What was wrong.
   * @param item The item.
   * @param detail The detail.
   */
  constructor(kind: ImportErrorKind, item: string, detail: string) {
    super(`Cannot import ${item}: ${detail}`);
    this.name = "ImportError";
    this.kind = kind;
    this.item = item;
  }
}
