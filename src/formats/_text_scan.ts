/**
 * Scanning a line of a larger text by index (private to `formats/`): the line readers look at
 * `text.charCodeAt(i)` between a start and an end instead of slicing every line and trimming it
 * into new strings, and slice only what they keep.
 *
 * White space here is exactly what `String.prototype.trim` and the regular-expression class `\s`
 * remove or match (ECMAScript's WhiteSpace and LineTerminator), so that a scanner agrees with the
 * `trim()`/`\s` code it replaces on every input.
 *
 * @module
 */

/**
 * Whether a UTF-16 code unit is white space as `trim()` and `\s` see it: tab, line feed,
 * vertical tab, form feed, carriage return, space, the Unicode space separators (`U+00A0`,
 * `U+1680`, `U+2000`–`U+200A`, `U+202F`, `U+205F`, `U+3000`), `U+2028`, `U+2029` and `U+FEFF`.
 *
 * @param code A code unit (`text.charCodeAt(i)`).
 * @returns True for white space.
 *
 * @example Agreeing with `\s`
 * ```ts
 * import { isSpace } from "./_text_scan.ts";
 * for (let code = 0; code < 0x10000; code++) {
 *   if (isSpace(code) !== /\s/.test(String.fromCharCode(code))) throw new Error(`${code}`);
 * }
 * ```
 */
export function isSpace(code: number): boolean {
  if (code === 32) return true;
  if (code < 128) return code >= 9 && code <= 13;
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f ||
    code === 0x3000 || code === 0xfeff;
}

/**
 * The index of the first character in `text[from, end)` that is not white space.
 *
 * @param text The text.
 * @param from The first index to look at.
 * @param end The index after the last one to look at.
 * @returns That index, or `end` when the range is blank.
 *
 * @example Skipping an indentation
 * ```ts
 * import { skipSpaces } from "./_text_scan.ts";
 * if (skipSpaces("   /gene", 0, 8) !== 3 || skipSpaces("   ", 0, 3) !== 3) throw new Error("skip");
 * ```
 */
export function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && (code > 32 && code < 128 || !isSpace(code))) break;
  }
  return i;
}

/**
 * The end of `text[from, end)` without its trailing white space.
 *
 * @param text The text.
 * @param from The first index of the range.
 * @param end The index after its last character.
 * @returns The index after the last character that is not white space, or `from`.
 *
 * @example Trimming the end of a range
 * ```ts
 * import { trimEndOf } from "./_text_scan.ts";
 * if (trimEndOf("ab  \t", 0, 5) !== 2 || trimEndOf("  ", 0, 2) !== 0) throw new Error("trim");
 * ```
 */
export function trimEndOf(text: string, from: number, end: number): number {
  let i = end;
  while (i > from && isSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

/**
 * The index after the run of ASCII digits (`0`–`9`) that starts at `from`.
 *
 * @param text The text.
 * @param from The first index to look at.
 * @param end The index after the last one to look at.
 * @returns The index of the first character that is not a digit, or `end`.
 *
 * @example A base number
 * ```ts
 * import { skipDigits } from "./_text_scan.ts";
 * if (skipDigits("  61 acgt", 2, 9) !== 4 || skipDigits("acgt", 0, 4) !== 0) throw new Error("digits");
 * ```
 */
export function skipDigits(text: string, from: number, end: number): number {
  let i = from;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
  }
  return i;
}

/**
 * The number written by the ASCII digits `text[from, to)`, as `Number(text.slice(from, to))`
 * gives it, without making the string (for up to 15 digits; longer runs are sliced).
 *
 * @param text The text.
 * @param from The index of the first digit.
 * @param to The index after the last digit.
 * @returns The number.
 *
 * @example A base number
 * ```ts
 * import { digitsValue } from "./_text_scan.ts";
 * if (digitsValue("  0061 acgt", 2, 6) !== 61) throw new Error("value");
 * ```
 */
export function digitsValue(text: string, from: number, to: number): number {
  if (to - from > 15) return Number(text.slice(from, to));
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + (text.charCodeAt(i) - 48);
  return value;
}

/**
 * The integer written by `text[from, to)` when it is 1 to 15 ASCII digits and nothing else, else
 * -1: a column such as a start or stop read in place, without making its string.
 *
 * @param text The text.
 * @param from The index of the column's first character.
 * @param to The index after its last character.
 * @returns The integer (0 or more), or -1.
 *
 * @example A start column and a bad one
 * ```ts
 * import { digitsOnlyValue } from "./_text_scan.ts";
 * const line = "c1\t120\t9x";
 * if (digitsOnlyValue(line, 3, 6) !== 120 || digitsOnlyValue(line, 7, 9) !== -1) throw new Error();
 * ```
 */
export function digitsOnlyValue(text: string, from: number, to: number): number {
  if (to <= from || to - from > 15) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Counts the occurrences of one character in `text[from, end)`.
 *
 * @param text The text.
 * @param char The character (one UTF-16 code unit), e.g. `"`.
 * @param from The first index of the range.
 * @param end The index after its last character.
 * @returns The count.
 *
 * @example Counting quotes
 * ```ts
 * import { countChar } from "./_text_scan.ts";
 * if (countChar('/note="a ""b"""', '"', 0, 15) !== 6) throw new Error("count");
 * ```
 */
export function countChar(text: string, char: string, from: number, end: number): number {
  const code = char.charCodeAt(0);
  let count = 0;
  for (let i = from; i < end; i++) if (text.charCodeAt(i) === code) count++;
  return count;
}
