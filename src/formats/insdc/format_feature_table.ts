/**
 * Writing an INSDC feature table (shared by the GenBank and EMBL writers).
 *
 * @module
 */

import type { InsdcFeature, InsdcQualifier } from "./insdc_record.ts";

/** The width of a flat-file line. */
const LINE_WIDTH = 80;
/** The column (0-based) where locations and qualifiers start. */
const INDENT = 21;
const TEXT_WIDTH = LINE_WIDTH - INDENT;

/** Qualifiers that are wrapped anywhere (no spaces), like Biopython does. */
const WRAP_ANYWHERE = new Set(["translation"]);

/**
 * Writes features as feature-table lines: key in column 6, location and qualifiers in column 22,
 * at most 80 characters a line. Long quoted values are wrapped at spaces (a word longer than a
 * line is left whole so that reading joins it back unchanged), `/translation` anywhere; long
 * locations after commas; `"` inside values doubled.
 *
 * @param features The features.
 * @param prefix The 5-character line prefix: `"     "` for GenBank, `"FT   "` for EMBL.
 * @returns The lines, without line breaks.
 *
 * @example A CDS
 * ```ts
 * import { formatFeatureTable } from "./format_feature_table.ts";
 * const lines = formatFeatureTable([{ key: "CDS", location: "1..9", line: 0, qualifiers: [
 *   { name: "product", value: "hypothetical protein", quoted: true },
 *   { name: "pseudo" },
 * ] }], "     ");
 * const expected = [
 *   "     CDS             1..9",
 *   "                     /product=\"hypothetical protein\"",
 *   "                     /pseudo",
 * ];
 * if (lines.join("\n") !== expected.join("\n")) throw new Error(lines.join("\n"));
 * ```
 */
export function formatFeatureTable(features: InsdcFeature[], prefix: string): string[] {
  const lines: string[] = [];
  const blank = prefix + " ".repeat(INDENT - prefix.length);
  for (const feature of features) {
    const locationLines = wrap(feature.location, TEXT_WIDTH, ",", true);
    lines.push(prefix + feature.key.padEnd(INDENT - prefix.length - 1) + " " + locationLines[0]);
    for (let i = 1; i < locationLines.length; i++) lines.push(blank + locationLines[i]);
    for (const qualifier of feature.qualifiers) {
      for (const text of qualifierLines(qualifier)) lines.push(blank + text);
    }
  }
  return lines;
}

function qualifierLines(qualifier: InsdcQualifier): string[] {
  if (qualifier.value === undefined) return [`/${qualifier.name}`];
  const text = qualifier.quoted === false
    ? `/${qualifier.name}=${qualifier.value}`
    : `/${qualifier.name}="${qualifier.value.replaceAll('"', '""')}"`;
  if (text.length <= TEXT_WIDTH) return [text];
  if (WRAP_ANYWHERE.has(qualifier.name) || qualifier.quoted === false) {
    const lines: string[] = [];
    for (let i = 0; i < text.length; i += TEXT_WIDTH) lines.push(text.slice(i, i + TEXT_WIDTH));
    return lines;
  }
  return wrap(text, TEXT_WIDTH, " ", false);
}

/**
 * Wraps at `separator`: `keepSeparator` keeps it at the end of the line (commas), otherwise it is dropped
 * (spaces, which the reader puts back). A piece longer than `width` stays whole.
 */
function wrap(text: string, width: number, separator: string, keepSeparator: boolean): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(separator, keepSeparator ? width - 1 : width);
    if (cut <= 0) {
      cut = rest.indexOf(separator, width);
      if (cut < 0) break;
    }
    lines.push(rest.slice(0, keepSeparator ? cut + 1 : cut));
    rest = rest.slice(cut + 1);
  }
  lines.push(rest);
  return lines;
}
