/**
 * Finding where bytes stop being UTF-8, so that a reader's error can name the line and column.
 *
 * @module
 */

/** Where the first invalid UTF-8 sequence starts: its offset, 1-based line and byte column. */
export interface InvalidUtf8At {
  /** The 0-based byte offset of the sequence's first byte. */
  offset: number;
  /** The 1-based line (lines end at `\n`). */
  line: number;
  /** The 1-based byte column within that line. */
  column: number;
  /** The offending byte. */
  byte: number;
}

/** The range the byte after a lead byte must fall in, then how many continuation bytes follow. */
function expectation(lead: number): [low: number, high: number, count: number] | undefined {
  if (lead >= 0xc2 && lead <= 0xdf) return [0x80, 0xbf, 1];
  if (lead === 0xe0) return [0xa0, 0xbf, 2];
  if (lead === 0xed) return [0x80, 0x9f, 2];
  if (lead >= 0xe1 && lead <= 0xef) return [0x80, 0xbf, 2];
  if (lead === 0xf0) return [0x90, 0xbf, 3];
  if (lead >= 0xf1 && lead <= 0xf3) return [0x80, 0xbf, 3];
  if (lead === 0xf4) return [0x80, 0x8f, 3];
  return undefined;
}

/** The length of the valid sequence at `at`, or 0 when it is invalid (or cut short). */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const lead = bytes[at];
  if (lead < 0x80) return 1;
  const expected = expectation(lead);
  if (expected === undefined) return 0;
  const [low, high, count] = expected;
  if (at + count >= bytes.length) return 0; // cut short by the end
  if (bytes[at + 1] < low || bytes[at + 1] > high) return 0;
  for (let k = 2; k <= count; k++) {
    if (bytes[at + k] < 0x80 || bytes[at + k] > 0xbf) return 0;
  }
  return count + 1;
}

/**
 * The position of the first invalid UTF-8 sequence (a stray continuation byte, an overlong or
 * surrogate form, a sequence cut short by the end), or undefined when all the bytes are UTF-8.
 *
 * @param bytes The bytes.
 * @returns Where the first invalid sequence starts.
 */
export function findInvalidUtf8(bytes: Uint8Array): InvalidUtf8At | undefined {
  let line = 1;
  let lineStart = 0;
  for (let at = 0; at < bytes.length;) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return { offset: at, line, column: at - lineStart + 1, byte: bytes[at] };
    if (bytes[at] === 0x0a) {
      line++;
      lineStart = at + 1;
    }
    at += length;
  }
  return undefined;
}
