/**
 * Reading a genome trait as yes/no for association: binary values as sample sheets write them, or
 * a number compared with a threshold.
 *
 * @module
 */

const YES: ReadonlySet<string> = new Set(["1", "yes", "y", "true", "t", "r", "resistant", "+"]);
const NO: ReadonlySet<string> = new Set(["0", "no", "n", "false", "f", "s", "susceptible"]);
/** Values that mean "not known": the genome is left out, as Scoary does with them. */
const MISSING: ReadonlySet<string> = new Set(["", "na", "n/a", "nan", ".", "?", "-"]);

/**
 * Reads a trait value as yes (`true`), no (`false`) or unknown (`undefined`). Without a threshold,
 * `1`/`yes`/`true`/`R` (resistant) are yes and `0`/`no`/`false`/`S` (susceptible) are no, ignoring
 * case; `NA`, `.`, `-`, `?` and the empty value are unknown. With a threshold the value must be a
 * number, and yes means value ≥ threshold.
 *
 * @param value The stored value (null when none).
 * @param threshold The threshold of a continuous trait.
 * @returns Yes, no, or undefined when unknown.
 * @throws {RangeError} When the value is neither (the message says which values are read).
 *
 * @example Phenotypes and a threshold
 * ```ts
 * import assert from "node:assert/strict";
 * import { readBinaryTrait } from "./binary_trait.ts";
 * assert.deepEqual(["R", "s", "1", "NA"].map((v) => readBinaryTrait(v)), [true, false, true, undefined]);
 * assert.equal(readBinaryTrait("0.5", 0.25), true);
 * ```
 */
export function readBinaryTrait(value: string | null, threshold?: number): boolean | undefined {
  const text = (value ?? "").trim();
  if (MISSING.has(text.toLowerCase())) return undefined;
  if (threshold !== undefined) {
    const number = Number(text);
    if (!Number.isFinite(number)) {
      throw new RangeError(
        `Cannot compare "${text}" with the threshold ${threshold}: not a number`,
      );
    }
    return number >= threshold;
  }
  const lower = text.toLowerCase();
  if (YES.has(lower)) return true;
  if (NO.has(lower)) return false;
  throw new RangeError(
    `Cannot read "${text}" as yes or no: expected 1/0, yes/no, true/false or R/S ` +
      `(or give a threshold for a continuous trait)`,
  );
}
