/**
 * Parsing INSDC feature locations (GenBank and EMBL).
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import type { InsdcLocation, InsdcRange } from "./insdc_location.ts";

/** Where a location was read, for error messages. */
export interface ParseLocationOptions {
  /**
   * The file, for error messages.
   *
   * @default {"input"}
   */
  file?: string;
  /** The 1-based line of the feature key, for error messages. */
  line?: number;
}

const MAX_DEPTH = 32;

/**
 * Parses an INSDC location: ranges `a..b`, single bases `a`, sites `a^b`, partial markers `<`/`>`,
 * remote entries `X:a..b`, and the operators `complement(…)`, `join(…)`, `order(…)`, nested.
 * White space (from wrapped lines) is ignored.
 *
 * @param text The location text.
 * @param options Where the location was read.
 * @returns The parsed location.
 * @throws {ParseError} `InvalidLocation` naming the offending text and what was expected.
 *
 * @example An origin-spanning CDS on the reverse strand
 * ```ts
 * import { parseLocation } from "./parse_location.ts";
 * const location = parseLocation("complement(join(971..1330,1..141))");
 * if (location.kind !== "complement" || location.location.kind !== "join") throw new Error("shape");
 * const [first] = location.location.parts;
 * if (first.kind !== "range" || first.start !== 971 || first.end !== 1330) throw new Error("part");
 * ```
 */
export function parseLocation(text: string, options: ParseLocationOptions = {}): InsdcLocation {
  const source = /\s/.test(text) ? text.replace(/\s+/g, "") : text;
  const parser = new LocationParser(source, text, options);
  const location = parser.parse(0);
  if (parser.position !== source.length) parser.fail("end of location");
  return location;
}

class LocationParser {
  position = 0;
  readonly #source: string;
  readonly #original: string;
  readonly #options: ParseLocationOptions;

  constructor(source: string, original: string, options: ParseLocationOptions) {
    this.#source = source;
    this.#original = original;
    this.#options = options;
  }

  fail(expected: string): never {
    const found = this.position < this.#source.length
      ? `"${this.#source.slice(this.position, this.position + 12)}"`
      : "the end";
    throw new ParseError(
      "InvalidLocation",
      `location ${JSON.stringify(this.#original)}: expected ${expected} at character ${
        this.position + 1
      }, found ${found}`,
      { file: this.#options.file ?? "input", line: this.#options.line },
    );
  }

  parse(depth: number): InsdcLocation {
    if (depth > MAX_DEPTH) this.fail(`at most ${MAX_DEPTH} nested operators`);
    const source = this.#source;
    const code = source.charCodeAt(this.position);
    if (code >= 97 && code <= 122) { // a lower-case letter: an operator
      const open = source.indexOf("(", this.position);
      const name = open < 0 ? "" : source.slice(this.position, open);
      if (name === "complement") {
        this.position = open + 1;
        const location = this.parse(depth + 1);
        this.#expect(")");
        return { kind: "complement", location };
      }
      if (name === "join" || name === "order") {
        this.position = open + 1;
        const parts = [this.parse(depth + 1)];
        while (source[this.position] === ",") {
          this.position++;
          parts.push(this.parse(depth + 1));
        }
        this.#expect(")");
        return { kind: name, parts };
      }
    }
    return this.#range();
  }

  #expect(char: string): void {
    if (this.#source[this.position] !== char) this.fail(`"${char}"`);
    this.position++;
  }

  #range(): InsdcLocation {
    const source = this.#source;
    let accession: string | undefined;
    const colon = source.indexOf(":", this.position);
    if (colon > this.position) {
      const candidate = source.slice(this.position, colon);
      if (/^[A-Za-z][A-Za-z0-9_.]*$/.test(candidate)) {
        accession = candidate;
        this.position = colon + 1;
      }
    }
    const first = this.#point("a base number");
    if (source[this.position] === "^") {
      this.position++;
      const second = this.#point('a base number after "^"');
      if (first.partial || second.partial || accession !== undefined) {
        this.fail("a site a^b without partial markers");
      }
      return { kind: "between", start: first.value, end: second.value };
    }
    const range: InsdcRange = {
      kind: "range",
      start: first.value,
      end: first.value,
      startPartial: first.partial,
      endPartial: first.partial,
    };
    if (source[this.position] === "." && source[this.position + 1] === ".") {
      this.position += 2;
      const second = this.#point('a base number after ".."');
      range.end = second.value;
      range.endPartial = second.partial;
      if (range.end < range.start) {
        this.position -= String(second.value).length;
        this.fail(`an end not before the start ${range.start}`);
      }
    } else {
      range.single = true;
    }
    if (accession !== undefined) range.accession = accession;
    return range;
  }

  #point(expected: string): { value: number; partial: boolean } {
    const source = this.#source;
    let partial = false;
    const marker = source[this.position];
    if (marker === "<" || marker === ">") {
      partial = true;
      this.position++;
    }
    const begin = this.position;
    while (this.position < source.length) {
      const code = source.charCodeAt(this.position);
      if (code < 48 || code > 57) break;
      this.position++;
    }
    if (this.position === begin || this.position - begin > 15) {
      this.position = begin;
      this.fail(expected);
    }
    const value = Number(source.slice(begin, this.position));
    if (value < 1) {
      this.position = begin;
      this.fail(`${expected} of at least 1`);
    }
    return { value, partial };
  }
}
