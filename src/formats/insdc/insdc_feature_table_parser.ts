/**
 * The incremental parser of an INSDC feature table, shared by GenBank (`     CDS  …`) and EMBL
 * (`FT   CDS  …`): both put the feature key in column 6 and the location and qualifiers in
 * column 22.
 *
 * @module
 */

import { ParseError } from "../parse_error.ts";
import type { InsdcFeature, InsdcQualifier } from "./insdc_record.ts";

/** Qualifiers whose wrapped lines are joined without a space (Biopython does the same). */
const JOIN_WITHOUT_SPACE = new Set(["translation"]);

const QUALIFIER_NAME = /^[A-Za-z0-9_\-']+$/;

interface OpenQualifier {
  name: string;
  chunks: string[];
  quoted: boolean;
  quotes: number;
  line: number;
}

/**
 * Parses the lines of a feature table, one at a time, into {@linkcode InsdcFeature}s. Give it
 * each line from column 6 on (the 5-character prefix `     ` or `FT   ` removed).
 *
 * Rules: a line whose first character is not a space starts a feature (key, then the location);
 * other lines continue the location until the first `/qualifier`; a line starting with `/` starts
 * a qualifier unless a quoted value is still open; a quoted value ends at an even number of `"`
 * (`""` is an escaped quote). Wrapped quoted values are joined with a space (`/translation`
 * without), wrapped unquoted values without.
 *
 * @example Two features
 * ```ts
 * import { InsdcFeatureTableParser } from "./insdc_feature_table_parser.ts";
 * const parser = new InsdcFeatureTableParser("x.gbff");
 * const lines = [
 *   "gene            1..9",
 *   "                /locus_tag=\"A_1\"",
 *   "CDS             1..9",
 *   "                /product=\"a long",
 *   "                product\"",
 *   "                /pseudo",
 * ];
 * lines.forEach((line, i) => parser.push(line, i + 1));
 * const [gene, cds] = parser.finish();
 * if (gene.key !== "gene" || cds.qualifiers[0].value !== "a long product") throw new Error("join");
 * if (cds.qualifiers[1].name !== "pseudo" || cds.qualifiers[1].value !== undefined) {
 *   throw new Error("flag");
 * }
 * ```
 */
export class InsdcFeatureTableParser {
  readonly #file: string;
  #features: InsdcFeature[] = [];
  #feature: InsdcFeature | undefined;
  #locationChunks: string[] = [];
  #qualifier: OpenQualifier | undefined;
  #inLocation = false;

  /**
   * Creates a parser for one feature table.
   *
   * @param file The file, for error messages.
   */
  constructor(file: string = "input") {
    this.#file = file;
  }

  /**
   * Takes one feature-table line.
   *
   * @param body The line from column 6 on.
   * @param line The 1-based line number.
   * @throws {ParseError} `Unexpected` for a continuation before any feature; `InvalidAttribute` for
   * a malformed qualifier; `InvalidLocation` for a key without a location.
   */
  push(body: string, line: number): void {
    const qualifier = this.#qualifier;
    if (body.length === 0 || body.charCodeAt(0) !== 32) {
      this.#endFeature();
      const match = /^(\S+)\s*(.*?)\s*$/.exec(body);
      if (!match || match[2] === "") {
        throw new ParseError(
          "InvalidLocation",
          `feature line ${JSON.stringify(body.trim())}: expected a feature key and a location`,
          { file: this.#file, line },
        );
      }
      this.#feature = { key: match[1], location: "", qualifiers: [], line };
      this.#locationChunks = [match[2]];
      this.#inLocation = true;
      return;
    }
    const text = body.trim();
    if (this.#feature === undefined) {
      throw new ParseError(
        "Unexpected",
        `${JSON.stringify(text)}: expected a feature key before qualifiers`,
        { file: this.#file, line },
      );
    }
    if (qualifier !== undefined && qualifier.quoted && qualifier.quotes % 2 === 1) {
      qualifier.chunks.push(text);
      qualifier.quotes += countQuotes(text);
      return;
    }
    if (text.charCodeAt(0) === 47) { // "/"
      this.#endQualifier();
      this.#inLocation = false;
      const equals = text.indexOf("=");
      const name = equals < 0 ? text.slice(1) : text.slice(1, equals);
      if (!QUALIFIER_NAME.test(name)) {
        throw new ParseError(
          "InvalidAttribute",
          `qualifier ${JSON.stringify(text.slice(0, 40))}: expected /name or /name=value`,
          { file: this.#file, line },
        );
      }
      if (equals < 0) {
        this.#feature.qualifiers.push({ name });
        return;
      }
      const value = text.slice(equals + 1);
      const quoted = value.charCodeAt(0) === 34;
      this.#qualifier = {
        name,
        chunks: [value],
        quoted,
        quotes: quoted ? countQuotes(value) : 0,
        line,
      };
      return;
    }
    if (this.#inLocation) {
      this.#locationChunks.push(text);
      return;
    }
    if (qualifier === undefined) {
      throw new ParseError(
        "InvalidAttribute",
        `${JSON.stringify(text.slice(0, 40))}: expected a /qualifier`,
        { file: this.#file, line },
      );
    }
    qualifier.chunks.push(text);
  }

  /**
   * Ends the table and returns its features.
   *
   * @returns The features, in file order.
   * @throws {ParseError} `InvalidAttribute` when a quoted value is not closed.
   */
  finish(): InsdcFeature[] {
    this.#endFeature();
    const features = this.#features;
    this.#features = [];
    return features;
  }

  #endFeature(): void {
    if (this.#feature === undefined) return;
    this.#endQualifier();
    const chunks = this.#locationChunks;
    this.#feature.location = chunks.length === 1 ? chunks[0] : chunks.join("");
    this.#features.push(this.#feature);
    this.#feature = undefined;
    this.#inLocation = false;
  }

  #endQualifier(): void {
    const open = this.#qualifier;
    if (open === undefined || this.#feature === undefined) return;
    this.#qualifier = undefined;
    const result: InsdcQualifier = { name: open.name };
    if (open.quoted) {
      if (open.quotes % 2 === 1) {
        throw new ParseError(
          "InvalidAttribute",
          `qualifier /${open.name}: the quoted value is not closed`,
          { file: this.#file, line: open.line },
        );
      }
      const joined = open.chunks.length === 1
        ? open.chunks[0]
        : open.chunks.join(JOIN_WITHOUT_SPACE.has(open.name) ? "" : " ");
      if (joined.charCodeAt(joined.length - 1) !== 34 || joined.length < 2) {
        throw new ParseError(
          "InvalidAttribute",
          `qualifier /${open.name}: expected the value to end with a quote`,
          { file: this.#file, line: open.line },
        );
      }
      let value = joined.slice(1, -1);
      if (value.includes('"')) {
        if (/(^|[^"])"("")*([^"]|$)/.test(value)) {
          throw new ParseError(
            "InvalidAttribute",
            `qualifier /${open.name}: a quote inside the value must be doubled ("")`,
            { file: this.#file, line: open.line },
          );
        }
        value = value.replaceAll('""', '"');
      }
      result.value = value;
      result.quoted = true;
    } else {
      result.value = open.chunks.join("");
      result.quoted = false;
    }
    this.#feature.qualifiers.push(result);
  }
}

function countQuotes(text: string): number {
  let count = 0;
  let index = text.indexOf('"');
  while (index >= 0) {
    count++;
    index = text.indexOf('"', index + 1);
  }
  return count;
}
