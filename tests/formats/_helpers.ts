/**
 * What the reader tests share: asserting that a call throws a `ParseError` of a given kind.
 *
 * @module
 */

import assert from "node:assert/strict";
import { ParseError, type ParseErrorKind } from "../../src/formats/parse_error.ts";

/** What else {@linkcode assertParseError} checks. */
export interface ExpectedParseError {
  /** The 1-based line the error must name. */
  line?: number;
  /** A pattern the message must match. */
  message?: RegExp;
}

/**
 * Asserts that `fn` throws a `ParseError` of kind `kind` (and, where given, naming `line` and
 * with a message matching `message`).
 *
 * @param fn The call.
 * @param kind The expected kind.
 * @param expected The line and message to check.
 * @returns The error, for further checks.
 */
export function assertParseError(
  fn: () => unknown,
  kind: ParseErrorKind,
  expected: ExpectedParseError = {},
): ParseError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ParseError, `expected a ParseError, got ${caught}`);
  assert.equal(caught.kind, kind, caught.message);
  if (expected.line !== undefined) assert.equal(caught.line, expected.line, caught.message);
  if (expected.message) assert.match(caught.message, expected.message);
  return caught;
}
