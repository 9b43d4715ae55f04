/**
 * Private text helpers: width estimates (there is no font engine outside a browser), wrapping and
 * XML escaping.
 *
 * @module
 */

const NARROW = new Set("il.,:;'|!()[]{}ftjI1 /-");
const WIDE = new Set("mwMWOQGCDHNU@%&");

/**
 * Estimates the rendered width of a text in a sans-serif font, a little generously (the widths of
 * DejaVu Sans, the widest common sans-serif).
 *
 * @param text The text.
 * @param fontSize The font size in px.
 * @returns The width in px.
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.34;
    else if (WIDE.has(ch)) em += 0.86;
    else if (ch >= "A" && ch <= "Z") em += 0.7;
    else em += 0.6;
  }
  return em * fontSize;
}

/**
 * Splits a text into lines no wider than `width` (estimated), breaking at spaces.
 *
 * @param text The text.
 * @param width The maximum width in px.
 * @param fontSize The font size in px.
 * @returns The lines (at least one).
 */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/\s+/).filter((w) => w !== "")) {
      const next = line === "" ? word : `${line} ${word}`;
      if (line !== "" && estimateTextWidth(next, fontSize) > width) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * Escapes text for XML content and attribute values.
 *
 * @param text The text.
 * @returns The escaped text.
 */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;",
  );
}

/**
 * Formats a number of bases for people: `850 bp`, `73.1 kbp`, `2.68 Mbp`.
 *
 * @param bases The number of bases.
 * @returns The formatted length.
 */
export function formatBases(bases: number): string {
  if (bases >= 1e6) return `${(bases / 1e6).toFixed(2)} Mbp`;
  if (bases >= 1e3) return `${(bases / 1e3).toFixed(1)} kbp`;
  return `${bases} bp`;
}
