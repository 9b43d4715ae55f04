/**
 * The one test for "a JSON object" (not null, not an array) the readers share.
 *
 * @module
 */

/** Whether a parsed JSON value is an object (not `null`, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
