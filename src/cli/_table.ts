/**
 * Plain-text tables, TSV and number formatting for the CLI's listings. Every cell goes through
 * {@linkcode escapeControl}: a tab, line feed or escape sequence inside a name or product shows as
 * `\t`, `\n`, `\x1b` and cannot break a row.
 *
 * @module
 */

import { escapeControl } from "./escape_control.ts";

/** A table cell: text, a number, or nothing. */
export type TableCell = string | number | boolean | null | undefined;

/**
 * Formats rows as aligned columns (numbers right-aligned) with a header line. Control characters
 * in cells and header are shown as escapes.
 *
 * @param header The column names.
 * @param rows The rows (cells as strings or numbers; null/undefined shown as `-`).
 * @returns The text, one line per row, ending in a newline.
 *
 * @example A product with a line feed stays on its row
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTable } from "./_table.ts";
 * const text = formatTable(["gene", "count"], [["dnaA\nFAKE", 1200]]);
 * assert.equal(text, "gene        count\ndnaA\\nFAKE  1,200\n");
 * ```
 */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly TableCell[])[],
): string {
  const cells = rows.map((row) => row.map((c) => (c === null || c === undefined ? "-" : c)));
  const numeric = header.map((_, i) =>
    cells.length > 0 && cells.every((r) => typeof r[i] === "number")
  );
  const text = [header, ...cells].map((row) =>
    row.map((c) => (typeof c === "number" ? c.toLocaleString("en-US") : escapeControl(String(c))))
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
 * Formats rows as tab-separated values with a header line: empty cells for null/undefined, arrays
 * joined by `,`, control characters inside a cell (tab and line feed too) shown as escapes, so a
 * cell never holds a raw tab or line break.
 *
 * @param header The column names.
 * @param rows The rows.
 * @returns The TSV text, ending in a newline.
 *
 * @example A tab inside a product
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatTsv } from "./_table.ts";
 * assert.equal(formatTsv(["a", "b"], [["x\ty", null], [1, ["EC:1", "GO:2"]]]), "a\tb\nx\\ty\t\n1\tEC:1,GO:2\n");
 * ```
 */
export function formatTsv(
  header: readonly string[],
  rows: readonly (readonly unknown[])[],
): string {
  const cell = (value: unknown) =>
    value === null || value === undefined
      ? ""
      : escapeControl(Array.isArray(value) ? value.join(",") : String(value));
  return [header, ...rows].map((row) => row.map(cell).join("\t")).join("\n") + "\n";
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
