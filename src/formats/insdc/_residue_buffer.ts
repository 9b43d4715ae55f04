/**
 * The sequence letters of one GenBank or EMBL record, gathered into one growing byte buffer and
 * turned into a string once at the record's end (private to `formats/`).
 *
 * @module
 */

import { isSpace } from "../_text_scan.ts";

const LETTER = 1;
const BLANK = 2;

/**
 * The ASCII characters of a sequence line: {@linkcode LETTER} for those it may hold (`A-Z`, `a-z`,
 * `*`, `-`, `.`, `~`), {@linkcode BLANK} for the space; other white space is left to `isSpace`.
 */
const CLASS = new Uint8Array(128);
for (const letter of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz*-.~") {
  CLASS[letter.charCodeAt(0)] = LETTER;
}
CLASS[32] = BLANK;

const INITIAL_CAPACITY = 1 << 16;
const DECODER = new TextDecoder();

/**
 * A growing buffer of sequence letters: each sequence line is scanned once, its letters copied
 * as bytes, and the whole sequence decoded into one flat string by {@linkcode take}.
 *
 * @example Two lines of a GenBank `ORIGIN`
 * ```ts
 * import { ResidueBuffer } from "./_residue_buffer.ts";
 * const buffer = new ResidueBuffer();
 * const line = "        1 acgtacgtac gt";
 * if (buffer.append(line, 9, line.length) !== line.length) throw new Error("stopped early");
 * buffer.append("acgt 16", 0, 7); // stops at the digit
 * if (buffer.length !== 16 || buffer.take() !== "acgtacgtacgtacgt") throw new Error("take");
 * ```
 */
export class ResidueBuffer {
  #bytes = new Uint8Array(INITIAL_CAPACITY);
  #length = 0;
  #used = false;

  /** The number of letters gathered since the last {@linkcode take}. */
  get length(): number {
    return this.#length;
  }

  /** Whether {@linkcode append} was called since the last {@linkcode take} (even for no letter). */
  get used(): boolean {
    return this.#used;
  }

  /**
   * Copies the sequence letters of `text[from, end)`, skipping white space, up to the first
   * character that is neither.
   *
   * @param text The text.
   * @param from The first index to copy from.
   * @param end The index after the last one.
   * @returns The index of the first character that is neither a letter nor white space, or `end`.
   */
  append(text: string, from: number, end: number): number {
    this.#used = true;
    if (this.#length + (end - from) > this.#bytes.length) this.#grow(end - from);
    const bytes = this.#bytes;
    let length = this.#length;
    let i = from;
    for (; i < end; i++) {
      const code = text.charCodeAt(i);
      const kind = code < 128 ? CLASS[code] : 0;
      if (kind === LETTER) bytes[length++] = code;
      else if (kind !== BLANK && !isSpace(code)) break;
    }
    this.#length = length;
    return i;
  }

  /**
   * Forgets the letters past `length` (to undo a line found bad after its letters were copied).
   *
   * @param length The length to go back to.
   */
  truncate(length: number): void {
    this.#length = Math.min(length, this.#length);
  }

  /**
   * The letters gathered so far as one string; empties the buffer.
   *
   * @returns The sequence.
   */
  take(): string {
    const sequence = DECODER.decode(this.#bytes.subarray(0, this.#length));
    this.clear();
    return sequence;
  }

  /** Empties the buffer (keeping its capacity for the next record). */
  clear(): void {
    this.#length = 0;
    this.#used = false;
  }

  #grow(more: number): void {
    let capacity = this.#bytes.length * 2;
    while (capacity < this.#length + more) capacity *= 2;
    const bytes = new Uint8Array(capacity);
    bytes.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = bytes;
  }
}
