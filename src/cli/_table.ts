/**
 * Plain-text tables and number formatting for the CLI's listings.
 *
 * @module
 */

/**
 * Formats rows as aligned columns (numbers right-aligned) with a header line.
 *
 * @param header The column names.
 * @param rows The rows (cells as strings or numbers; null/undefined shown as `-`).
 * @returns The text, one line per row, ending in a newline.
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly (string | number | null | undefined)[])[],
): string {
  const cells = rows.map((row) => row.map((c) => (c === null || c === undefined ? "-" : c)));
  const numeric = header.map((_, i) =>
    cells.length > 0 && cells.every((r) => typeof r[i] === "number")
  );
  const text = [header, ...cells].map((row) =>
    row.map((c) => (typeof c === "number" ? c.toLocaleString("en-US") : String(c)))
  );
  const widths = header.map((_, i) => Math.max(...text.map((r) => r[i]?.length ?? 0)));
  return text.map((row) =>
    row.map((c, i) =>
      i === row.length - 1 && !numeric[i]
        ? c
        : numeric[i]
        ? c.padStart(widths[i])
        : c.padEnd(widths[i])
    ).join("  ").trimEnd()
  ).join("\n") + "\n";
}

/**
 * Formats a byte count (`1.2 MB`).
 *
 * @param bytes The count.
 * @returns The text.
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * Formats a fraction as a percentage with one decimal (`37.7%`), or `-`.
 *
 * @param fraction The fraction (0–1), or null.
 * @returns The text.
 */
export function formatPercent(fraction: number | null | undefined): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction)
    ? "-"
    : `${(fraction * 100).toFixed(1)}%`;
}

/**
 * Writes a value as indented JSON with a final newline.
 *
 * @param value The value.
 * @returns The text.
 */
export function toJsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Formats rows as tab-separated values with a header line: null and undefined become empty
 * cells; tabs and line breaks inside a cell become spaces so every row stays one line.
 *
 * @param header The column names.
 * @param rows The rows.
 * @example A null cell and a tab inside a cell
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTsv } from "./_table.ts";
 * assert.equal(formatTsv(["a", "b"], [[null, "x\ty"]]), "a\tb\n\tx y\n");
 * ```
 * @returns The text, one line per row, ending in a newline.
 */
export function formatTsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  const cell = (value: unknown) =>
    value === null || value === undefined ? "" : String(value).replace(/[\t\r\n]/g, " ");
  return [header, ...rows].map((row) => row.map(cell).join("\t")).join("\n") + "\n";
}
