/**
 * One way to fill an options object's defaults, for every function that takes `…Options` with a
 * `DEFAULT_…` constant beside them.
 *
 * @module
 */

/**
 * The options with each defaulted field filled: its type is the caller's type without
 * `undefined`, or the default's.
 */
export type WithDefaults<Options, Defaults> =
  & Omit<Options, keyof Defaults>
  & {
    [K in keyof Defaults]:
      | Defaults[K]
      | Exclude<K extends keyof Options ? Options[K] : never, undefined>;
  };

/**
 * The options with a default put wherever a defaulted field is missing or `undefined` (as a
 * destructuring default would), other fields passed through as given.
 *
 * @param options What the caller gave.
 * @param defaults The value of each defaulted field when the caller gave none.
 * @returns A new object; neither argument is changed.
 *
 * @example An undefined field takes its default, a given one is kept
 * ```ts
 * import assert from "node:assert/strict";
 * import { withDefaults } from "./with_defaults.ts";
 * const filled = withDefaults({ width: undefined, label: "locus" }, { width: 960, label: "gene" });
 * assert.deepEqual(filled, { width: 960, label: "locus" });
 * ```
 */
export function withDefaults<Options extends object, Defaults extends object>(
  options: Options,
  defaults: Defaults,
): WithDefaults<Options, Defaults> {
  const given = Object.entries(options).filter(([, value]) => value !== undefined);
  return { ...defaults, ...Object.fromEntries(given) } as WithDefaults<Options, Defaults>;
}
