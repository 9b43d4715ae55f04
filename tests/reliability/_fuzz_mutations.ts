/**
 * fast-check arbitraries that damage a small real-shaped file: truncation, inserted separators,
 * duplicated and removed lines, random Unicode, and byte flips (which may leave invalid UTF-8).
 * A damaged file is given to a reader as bytes, as `import` gives it.
 *
 * @module
 */

import fc from "fast-check";

/** Characters that separate or quote fields in one Bakta format or another. */
const SEPARATORS = [
  "\t",
  "\n",
  "\r\n",
  "\r",
  ";",
  "=",
  ",",
  '"',
  "'",
  "{",
  "}",
  "[",
  "]",
  ":",
  " ",
  "%",
  "..",
  "(",
  ")",
  "<",
  ">",
  "/",
  "#",
  "##",
  "//",
  "\\",
  "NaN",
  "-1",
  "0",
  "99999999999999999999",
];

/** One damage to a text, as a description (for the counterexample) and its effect. */
export interface TextMutation {
  /** What was done, e.g. `truncate at 0.42`. */
  name: string;
  /** Applies it. */
  apply(text: string): string;
}

/** A position as a fraction of the length, so one draw fits any file. */
const fraction = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
const at = (text: string, f: number) => Math.floor(f * (text.length + 1));
const lineAt = (lines: string[], f: number) => Math.floor(f * lines.length);

const truncate = fraction.map((f): TextMutation => ({
  name: `truncate at ${f.toFixed(3)}`,
  apply: (t) => t.slice(0, at(t, f)),
}));

const insertSeparator = fc.tuple(fraction, fc.constantFrom(...SEPARATORS)).map((
  [f, s],
): TextMutation => ({
  name: `insert ${JSON.stringify(s)} at ${f.toFixed(3)}`,
  apply: (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
}));

const replaceWithSeparator = fc.tuple(fraction, fc.constantFrom(...SEPARATORS)).map((
  [f, s],
): TextMutation => ({
  name: `replace a character at ${f.toFixed(3)} with ${JSON.stringify(s)}`,
  apply: (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f) + 1),
}));

const duplicateLine = fraction.map((f): TextMutation => ({
  name: `duplicate the line at ${f.toFixed(3)}`,
  apply: (t) => {
    const lines = t.split("\n");
    const i = lineAt(lines, f);
    lines.splice(i, 0, lines[i]);
    return lines.join("\n");
  },
}));

const removeLine = fraction.map((f): TextMutation => ({
  name: `remove the line at ${f.toFixed(3)}`,
  apply: (t) => {
    const lines = t.split("\n");
    lines.splice(lineAt(lines, f), 1);
    return lines.join("\n");
  },
}));

const insertUnicode = fc.tuple(fraction, fc.string({ unit: "binary", minLength: 1, maxLength: 8 }))
  .map(([f, s]): TextMutation => ({
    name: `insert ${JSON.stringify(s)} at ${f.toFixed(3)}`,
    apply: (t) => t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  }));

/** One text mutation of any kind. */
export const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  truncate,
  insertSeparator,
  replaceWithSeparator,
  duplicateLine,
  removeLine,
  insertUnicode,
);

/** A byte flip: the byte at a fraction of the length XOR a mask. */
export interface ByteFlip {
  /** Where, as a fraction of the length. */
  at: number;
  /** The XOR mask (1–255). */
  mask: number;
}

/** A damaged file: 1–3 text mutations, then 0–2 byte flips. */
export interface Damage {
  /** The text mutations, applied in order. */
  mutations: TextMutation[];
  /** The byte flips, applied to the UTF-8 bytes after them. */
  flips: ByteFlip[];
}

/** The damage arbitrary. */
export const damage: fc.Arbitrary<Damage> = fc.record({
  mutations: fc.array(textMutation, { minLength: 1, maxLength: 3 }),
  flips: fc.array(
    fc.record({ at: fraction, mask: fc.integer({ min: 1, max: 255 }) }),
    { maxLength: 2 },
  ),
});

/**
 * Applies a damage to a text.
 *
 * @param text The sound file.
 * @param d The damage.
 * @returns The damaged file's bytes.
 */
export function applyDamage(text: string, d: Damage): Uint8Array {
  let damaged = text;
  for (const m of d.mutations) damaged = m.apply(damaged);
  const bytes = new TextEncoder().encode(damaged);
  for (const flip of d.flips) {
    if (bytes.length > 0) bytes[Math.floor(flip.at * bytes.length)] ^= flip.mask;
  }
  return bytes;
}

/**
 * A damage as words, for a failure report.
 *
 * @param d The damage.
 * @returns The description.
 */
export function describeDamage(d: Damage): string {
  const flips = d.flips.map((f) => `flip ${f.mask} at ${f.at.toFixed(3)}`);
  return [...d.mutations.map((m) => m.name), ...flips].join(", ");
}
