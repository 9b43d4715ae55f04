/**
 * The optional replicon table of a Bakta job: detecting its separator and checking its rows.
 *
 * @module
 */

import type { BaktaRepliconTableType } from "./api_types.ts";
import { BaktaValidationError } from "./bakta_error.ts";

/** One row of a replicon table; `undefined` stands for `-` or empty (the default). */
export interface RepliconTableRow {
  /** The 1-based line. */
  line: number;
  /** The original sequence id (column 1). */
  originalId: string;
  /** The new sequence id (column 2). */
  newId?: string;
  /** `chromosome`, `plasmid` or `contig` (column 3; `c`/`p` abbreviations expanded). */
  type?: "chromosome" | "plasmid" | "contig";
  /** `circular` or `linear` (column 4; `c` expanded, anything else linear). */
  topology?: "circular" | "linear";
  /** The replicon name (column 5). */
  name?: string;
}

/** Options of `parseRepliconTable`. */
export interface RepliconTableOptions {
  /** The separator; detected from the first row when absent. */
  type?: BaktaRepliconTableType;
  /**
   * The name used in messages.
   * @default {"replicon table"}
   */
  file?: string;
}

/**
 * Guesses the separator of a replicon table from its first non-empty row: a tab makes it `TSV`,
 * else a comma makes it `CSV`; a file name ending in `.csv` decides when given.
 *
 * @param text The table.
 * @param fileName The file name, if known.
 * @returns `TSV` or `CSV` (`TSV` when nothing tells).
 *
 * @example Detecting the separator
 * ```ts
 * import { detectRepliconTableType } from "./replicon_table.ts";
 * if (detectRepliconTableType("NODE_1,chrom,c,c,-\n") !== "CSV") throw new Error("wrong");
 * if (detectRepliconTableType("NODE_1\tchrom\tc\tc\t-\n") !== "TSV") throw new Error("wrong");
 * ```
 */
export function detectRepliconTableType(text: string, fileName?: string): BaktaRepliconTableType {
  if (fileName !== undefined) {
    if (/\.csv$/i.test(fileName)) return "CSV";
    if (/\.(tsv|tab|txt)$/i.test(fileName)) return "TSV";
  }
  const first = text.split(/\r?\n/).find((line) => line.trim() !== "") ?? "";
  if (first.includes("\t")) return "TSV";
  if (first.includes(",")) return "CSV";
  return "TSV";
}

/**
 * Reads and checks a replicon table: five columns per row, no header row (Bakta reads a header as
 * data, so one is refused here), `-` or empty meaning the default.
 *
 * @param text The table.
 * @param options The separator and the name for messages.
 * @returns The rows.
 * @throws {BaktaValidationError} With kind `InvalidRepliconTable`, naming the line.
 *
 * @example Reading a row
 * ```ts
 * import { parseRepliconTable } from "./replicon_table.ts";
 * const [row] = parseRepliconTable("NODE_1\tchrom\tc\tcircular\t-\n");
 * if (row.type !== "chromosome" || row.topology !== "circular" || row.name !== undefined) {
 *   throw new Error("wrong");
 * }
 * ```
 */
export function parseRepliconTable(
  text: string,
  options: RepliconTableOptions = {},
): RepliconTableRow[] {
  const { file = "replicon table" } = options;
  const type = options.type ?? detectRepliconTableType(text);
  const separator = type === "CSV" ? "," : "\t";
  const rows: RepliconTableRow[] = [];
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].replace(/\r$/, "");
    if (line.trim() === "") continue;
    const lineNumber = index + 1;
    const cells = line.split(separator).map((cell) => cell.trim());
    const fail = (detail: string) =>
      new BaktaValidationError(
        "InvalidRepliconTable",
        `Cannot use ${file} line ${lineNumber}: ${detail}`,
        {
          file,
          line: lineNumber,
        },
      );
    if (cells.length !== 5) {
      throw fail(
        `expected 5 ${type === "CSV" ? "comma" : "tab"}-separated columns, found ${cells.length}`,
      );
    }
    if (rows.length === 0 && /^(type|replicon.?type)$/i.test(cells[2])) {
      throw fail(`the first row "${line}" looks like a header; the table must have none`);
    }
    if (cells[0] === "" || cells[0] === "-") throw fail("the original sequence id is empty");
    const value = (cell: string) => (cell === "" || cell === "-" ? undefined : cell);
    const rawType = value(cells[2])?.toLowerCase();
    const rawTopology = value(cells[3])?.toLowerCase();
    rows.push({
      line: lineNumber,
      originalId: cells[0],
      newId: value(cells[1]),
      type: rawType === undefined
        ? undefined
        : rawType === "chromosome" || rawType === "c"
        ? "chromosome"
        : rawType === "plasmid" || rawType === "p"
        ? "plasmid"
        : "contig",
      topology: rawTopology === undefined
        ? undefined
        : rawTopology === "circular" || rawTopology === "c"
        ? "circular"
        : "linear",
      name: value(cells[4]),
    });
  }
  return rows;
}
