/**
 * The walk over the `tag=value` pairs of GFF3 column 9 that the attribute parser and the feature
 * line scanner share (private to the GFF3 readers).
 *
 * @module
 */

/** {@linkcode Gff3PairCursor.marks}: the pair holds a `,` (in its values, or harmlessly in its tag). */
export const HAS_COMMA = 1;
/** {@linkcode Gff3PairCursor.marks}: the pair holds a `%` (in its values or its tag). */
export const HAS_PERCENT = 2;

/**
 * Walks the non-empty pairs of column 9 (`text[from, to)`, split at `;`; `.` has none). The next
 * `,` and `%` of the column are each looked for again only once passed: most pairs have neither,
 * and then cost no search for them.
 *
 * @example Pairs, their marks and the last line's tags
 * ```ts
 * import { Gff3PairCursor, HAS_COMMA } from "./_attribute_pairs.ts";
 * const text = "ID=a;;Dbxref=GO:1,EC:2";
 * const pairs = new Gff3PairCursor();
 * pairs.reset(text, 0, text.length);
 * const seen: string[] = [];
 * while (pairs.next()) seen.push(`${text.slice(pairs.start, pairs.end)}:${pairs.marks}`);
 * if (seen.join(" ") !== `ID=a:0 Dbxref=GO:1,EC:2:${HAS_COMMA}`) throw new Error(seen.join(" "));
 * pairs.reset(text, 0, text.length);
 * pairs.next();
 * if (pairs.equalsAfter("ID") !== 2 || pairs.equalsAfter("Name") !== -1) throw new Error("guess");
 * ```
 */
export class Gff3PairCursor {
  /** The first index of the current pair. */
  start = 0;
  /** The index after its last character (its `;` or the column's end). */
  end = 0;
  /** {@linkcode HAS_COMMA} and {@linkcode HAS_PERCENT} of the current pair. */
  marks = 0;
  /** The index of the current pair among the column's non-empty pairs. */
  position = -1;
  /** The index of the column's first `%`, or the column's end. */
  firstPercent = 0;
  #text = "";
  #to = 0;
  #next = 0;
  #comma = 0;
  #percent = 0;

  /**
   * Starts a walk over `text[from, to)`.
   *
   * @param text The text holding the column.
   * @param from The column's first index.
   * @param to The index after its last character.
   */
  reset(text: string, from: number, to: number): void {
    this.#text = text;
    this.#to = to;
    this.position = -1;
    const empty = to === from || (to === from + 1 && text.charCodeAt(from) === 46);
    this.#next = empty ? to : from;
    this.#comma = empty ? to : nextIndex(text, ",", from, to);
    this.#percent = this.firstPercent = empty ? to : nextIndex(text, "%", from, to);
  }

  /**
   * Moves to the next non-empty pair.
   *
   * @returns False when there is none.
   */
  next(): boolean {
    const text = this.#text;
    const to = this.#to;
    while (this.#next < to) {
      const start = this.#next;
      const end = nextIndex(text, ";", start, to);
      this.#next = end + 1;
      if (end > start) {
        if (this.#comma < start) this.#comma = nextIndex(text, ",", start, to);
        if (this.#percent < start) this.#percent = nextIndex(text, "%", start, to);
        this.start = start;
        this.end = end;
        this.marks = (this.#comma < end ? HAS_COMMA : 0) | (this.#percent < end ? HAS_PERCENT : 0);
        this.position++;
        return true;
      }
    }
    return false;
  }

  /**
   * The index of the `=` right after `tag` when the current pair starts with it, else -1.
   *
   * @param tag A likely tag (the last line's at this position), if any.
   * @returns The index of the `=`, or -1.
   */
  equalsAfter(tag: string | undefined): number {
    if (tag === undefined) return -1;
    const equals = this.start + tag.length;
    return equals < this.end && this.#text.charCodeAt(equals) === 61 &&
        this.#text.startsWith(tag, this.start)
      ? equals
      : -1;
  }
}

/**
 * The index of `char` in `text[from, to)`, or `to`.
 *
 * @param text The text.
 * @param char The character.
 * @param from Where to start.
 * @param to Where to stop.
 * @returns The index, or `to`.
 *
 * @example
 * ```ts
 * import { nextIndex } from "./_attribute_pairs.ts";
 * if (nextIndex("a,b;c,d", ",", 2, 5) !== 5) throw new Error("bounded");
 * ```
 */
export function nextIndex(text: string, char: string, from: number, to: number): number {
  const index = text.indexOf(char, from);
  return index < 0 || index > to ? to : index;
}
