/**
 * Argument checks shared by the query helpers: each names the option that is wrong.
 *
 * @module
 */

/** Throws a `TypeError` unless `value` is a non-empty string. */
export function checkName(value: unknown, option: string): asserts value is string {
  if (typeof value !== "string" || value.length === 0) {
    throw new TypeError(
      `Invalid option "${option}": expected a non-empty string, got ${show(value)}`,
    );
  }
}

/** Throws a `RangeError` unless `value` is a positive safe integer. */
export function checkId(value: unknown, option: string): asserts value is number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(
      `Invalid option "${option}": expected a positive integer, got ${show(value)}`,
    );
  }
}

/** Throws unless `value` is undefined or an array of non-empty strings. */
export function checkNames(value: unknown, option: string): asserts value is string[] | undefined {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    throw new TypeError(
      `Invalid option "${option}": expected an array of names, got ${show(value)}`,
    );
  }
  value.forEach((name, i) => checkName(name, `${option}[${i}]`));
}

/** A value as shown in an error message. */
export function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint") return `${value}n`;
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  return typeof value === "object" ? "an object" : String(value);
}
