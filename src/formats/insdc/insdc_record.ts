/**
 * The record types shared by the GenBank and EMBL parsers: one record per sequence, with its
 * header fields, its feature table and its sequence.
 *
 * @module
 */

import type { Topology } from "../model.ts";

/** One qualifier of a feature, `/name="value"`, `/name=value` or the flag `/name`. */
export interface InsdcQualifier {
  /** The qualifier name, e.g. `locus_tag`. */
  name: string;
  /**
   * The value with quotes removed and `""` unescaped; wrapped lines are joined with a space, except
   * `/translation` and unquoted values, which are joined without one. Undefined for a flag such as
   * `/pseudo`.
   */
  value?: string;
  /**
   * True when the value was written in quotes, false when it was not (`/codon_start=1`);
   * undefined for a flag. A writer quotes a value unless this is false.
   */
  quoted?: boolean;
}

/** One feature of a feature table. */
export interface InsdcFeature {
  /** The feature key, e.g. `CDS`, `gene`, `rep_origin`. */
  key: string;
  /** The location text as written (wrapped lines joined), e.g. `complement(<3..725)`. */
  location: string;
  /** The qualifiers, in file order. */
  qualifiers: InsdcQualifier[];
  /** The 1-based line of the feature key. */
  line: number;
}

/** One GenBank or EMBL record (one sequence). */
export interface InsdcRecord {
  /** The entry name: the GenBank `LOCUS` name or the EMBL `ID` name. */
  name: string;
  /** The sequence length declared by `LOCUS`/`ID`. */
  length: number;
  /** `circular` or `linear`, where declared. */
  topology?: Topology;
  /** The molecule type (`DNA`), where declared. */
  moleculeType?: string;
  /** The division (`BCT`, `PRO`), where declared. */
  division?: string;
  /** The date on the `LOCUS` line, where given. */
  date?: string;
  /** `DEFINITION` / `DE`, lines joined with a space. */
  definition?: string;
  /** `ACCESSION` / `AC` (without the trailing `;`). */
  accession?: string;
  /** `VERSION`, where given. */
  version?: string;
  /** `KEYWORDS` / `KW`. */
  keywords?: string;
  /** `SOURCE`, where given. */
  source?: string;
  /** `ORGANISM` / `OS`. */
  organism?: string;
  /** The taxonomy lines under `ORGANISM` / `OC`, joined with a space. */
  taxonomy?: string;
  /** `COMMENT` / `CC`, lines joined with `\n` (leading indentation removed). */
  comment?: string;
  /** The features, in file order. */
  features: InsdcFeature[];
  /** The sequence as written (letters only, case kept); undefined when the record has none. */
  sequence?: string;
  /** The 1-based line where the record starts. */
  line: number;
}
