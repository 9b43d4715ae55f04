/**
 * Reading the fields of a parsed JSON document with errors that name the file and the JSON path
 * (`$.quality.completeness`). Shared by the BakRep side-file readers.
 *
 * @module
 */

import { parseLenientJson } from "../bakta_json/_parse_lenient_json.ts";
import { decodeInput } from "../decode_input.ts";
import { ParseError } from "../parse_error.ts";

/** A JSON value and where it sits: the file and the JSON path. */
export interface JsonAt {
  /** The value. */
  value: unknown;
  /** The file, for messages. */
  file: string;
  /** The JSON path, `$` for the document. */
  path: string;
}

/** Decodes (gzip allowed, up to `maxBytes` decompressed) and parses a JSON document. */
export function parseJsonDocument(
  input: string | Uint8Array,
  file: string,
  maxBytes?: number,
): JsonAt {
  return { value: parseLenientJson(decodeInput(input, file, maxBytes), file), file, path: "$" };
}

/** The object at `at`, or a ParseError naming the path. */
export function objectAt(at: JsonAt): Record<string, unknown> {
  if (typeof at.value !== "object" || at.value === null || Array.isArray(at.value)) {
    throw wrongType(at, "an object");
  }
  return at.value as Record<string, unknown>;
}

/** The array at `at`, or a ParseError naming the path. */
export function arrayAt(at: JsonAt): unknown[] {
  if (!Array.isArray(at.value)) throw wrongType(at, "an array");
  return at.value;
}

/** The member `key` of the object at `at` (which must be present). */
export function member(at: JsonAt, key: string): JsonAt {
  const object = objectAt(at);
  const path = `${at.path}.${key}`;
  if (!Object.hasOwn(object, key)) {
    throw new ParseError("MissingField", `${path} is missing`, { file: at.file });
  }
  return { value: object[key], file: at.file, path };
}

/** The member `key` when present and not null, else undefined. */
export function optionalMember(at: JsonAt, key: string): JsonAt | undefined {
  const object = objectAt(at);
  const value = object[key];
  return value === undefined || value === null
    ? undefined
    : { value, file: at.file, path: `${at.path}.${key}` };
}

/** The text at `at`: a string, or a number written as text. */
export function textAt(at: JsonAt): string {
  if (typeof at.value === "string") return at.value;
  if (typeof at.value === "number" && Number.isFinite(at.value)) return String(at.value);
  throw wrongType(at, "a string");
}

/** The finite number at `at`: a number, or a string holding one (`"21.39"`). */
export function numberAt(at: JsonAt): number {
  const value = typeof at.value === "string" && at.value.trim() !== ""
    ? Number(at.value)
    : at.value;
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new ParseError(
      "InvalidNumber",
      `${at.path} is ${describe(at.value)}: expected a number`,
      { file: at.file },
    );
  }
  return value;
}

function wrongType(at: JsonAt, expected: string): ParseError {
  return new ParseError(
    "Unexpected",
    `${at.path} is ${describe(at.value)}: expected ${expected}`,
    { file: at.file },
  );
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" && !Number.isFinite(value)) return String(value); // NaN, Infinity
  const text = JSON.stringify(value);
  return text.length > 40 ? `${typeof value} ${text.slice(0, 37)}…` : `${typeof value} ${text}`;
}
