/**
 * Helpers for `…Options` objects that every layer may use (they import nothing of ours): one way
 * to fill defaults.
 *
 * @example Defaults filled where the caller left a field out
 * ```ts
 * import assert from "node:assert/strict";
 * import { withDefaults } from "./mod.ts";
 * assert.deepEqual(withDefaults({ normalize: true }, { normalize: false, barHeight: 20 }), {
 *   normalize: true,
 *   barHeight: 20,
 * });
 * ```
 *
 * @module
 */

export { type WithDefaults, withDefaults } from "./with_defaults.ts";
