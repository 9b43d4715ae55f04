/**
 * A small pool of the short strings a reader meets over and over (qualifier and attribute names),
 * handed out again instead of sliced anew (private to `formats/`).
 *
 * @module
 */

const SLOTS = 512;
const MAX_ENTRIES = 384;
const MAX_LENGTH = 64;

/**
 * Hands out one string per distinct range content: a name already in the pool is found by a hash
 * of its characters and compared in place, so no new string is made, and since pooled strings
 * are internalized, objects keyed by them are fast to fill and read. The pool keeps at most 384
 * names of up to 64 characters; anything else is sliced as usual.
 *
 * @example The same string for the same name
 * ```ts
 * import { StringPool } from "./_string_pool.ts";
 * const pool = new StringPool();
 * const text = "/gene=\"a\" /gene=\"b\"";
 * const first = pool.get(text, 1, 5);
 * if (first !== "gene" || pool.get(text, 11, 15) !== first) throw new Error("pool");
 * ```
 */
export class StringPool {
  readonly #slots: (string | undefined)[] = new Array(SLOTS).fill(undefined);
  #entries = 0;

  /**
   * The string `text.slice(from, to)`, from the pool when it is there.
   *
   * @param text The text.
   * @param from The first index.
   * @param to The index after the last one.
   * @returns The string.
   */
  get(text: string, from: number, to: number): string {
    const length = to - from;
    if (length > MAX_LENGTH) return text.slice(from, to);
    let hash = length;
    for (let i = from; i < to; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    const slots = this.#slots;
    let slot = hash & (SLOTS - 1);
    for (;;) {
      const pooled = slots[slot];
      if (pooled === undefined) break;
      if (pooled.length === length && text.startsWith(pooled, from)) return pooled;
      slot = (slot + 1) & (SLOTS - 1);
    }
    const name = internalize(text.slice(from, to));
    if (this.#entries < MAX_ENTRIES) {
      slots[slot] = name;
      this.#entries++;
    }
    return name;
  }
}

/** The engine's one shared copy of a string (the form property keys take). */
function internalize(value: string): string {
  return Object.keys({ [value]: 0 })[0];
}
