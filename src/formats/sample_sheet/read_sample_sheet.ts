/**
 * Sample sheets: a CSV or TSV table with one row per isolate, a column naming it and further
 * columns of facts about it (a phenotype, a lineage, a sampling date).
 *
 * @module
 */

import { parse } from "../../deps/csv_parse_sync.ts";
import { ParseError } from "../parse_error.ts";

/** Options of {@linkcode readSampleSheet}. */
export interface ReadSampleSheetOptions {
  /** The column naming the isolate (matched against genome names). */
  key: string;
  /**
   * The field separator: `,` (CSV) or a tab (TSV).
   * @default "," (a tab when `file` ends in `.tsv` or `.tab`)
   */
  delimiter?: "," | "\t";
  /**
   * The file name, for error messages and the delimiter default.
   * @default "sample sheet"
   */
  file?: string;
}

/** One row of a sample sheet. */
export interface SampleSheetRow {
  /** The 1-based line of the file the row starts on. */
  line: number;
  /** The key column's value (trimmed). */
  key: string;
  /** The other columns' values (trimmed), by column name; empty cells are left out. */
  values: Record<string, string>;
}

/** A read sample sheet. */
export interface SampleSheet {
  /** The columns other than the key, in file order. */
  columns: string[];
  /** The rows, in file order. */
  rows: SampleSheetRow[];
}

/**
 * Reads a sample sheet (CSV or TSV, quoted fields allowed, a header line first) with the csv-parse
 * library. Cells are trimmed; empty cells are left out of a row's values; a byte order mark is
 * ignored.
 *
 * @param text The file's text.
 * @param options The key column, the delimiter and the file name.
 * @returns The columns and rows.
 * @throws {ParseError} `MissingColumn` when the key column is missing or a header is empty or
 *   repeated, `InvalidHeader` when the file has no header, `Unexpected` when a row has the wrong
 *   number of fields or its key is empty or repeated, naming the file and line.
 *
 * @example A sheet with a phenotype
 * ```ts
 * import assert from "node:assert/strict";
 * import { readSampleSheet } from "./read_sample_sheet.ts";
 * const sheet = readSampleSheet('sample,penicillin\nG1,R\n"G2",S\n', { key: "sample" });
 * assert.deepEqual(sheet.columns, ["penicillin"]);
 * assert.deepEqual(sheet.rows, [
 *   { line: 2, key: "G1", values: { penicillin: "R" } },
 *   { line: 3, key: "G2", values: { penicillin: "S" } },
 * ]);
 * ```
 */
export function readSampleSheet(text: string, options: ReadSampleSheetOptions): SampleSheet {
  const file = options.file ?? "sample sheet";
  const delimiter = options.delimiter ?? (/\.(tsv|tab)$/i.test(file) ? "\t" : ",");
  if (delimiter !== "," && delimiter !== "\t") {
    throw new RangeError(`Invalid option "delimiter": expected "," or a tab, got "${delimiter}"`);
  }
  const records = parseRecords(text, delimiter, file);
  if (records.length === 0) {
    throw new ParseError("InvalidHeader", "the sheet is empty: expected a header line", { file });
  }
  const header = checkHeader(records[0].fields, options.key, file);
  const keyIndex = header.indexOf(options.key);
  const seen = new Map<string, number>();
  const rows = records.slice(1).map(({ fields, line }) => {
    if (fields.length !== header.length) {
      throw new ParseError(
        "Unexpected",
        `expected ${header.length} fields as in the header, found ${fields.length}`,
        { file, line },
      );
    }
    const key = fields[keyIndex];
    if (key === "") {
      throw new ParseError("Unexpected", `the key column "${options.key}" is empty`, {
        file,
        line,
      });
    }
    if (seen.has(key)) {
      throw new ParseError(
        "Unexpected",
        `"${key}" is listed again (first on line ${seen.get(key)})`,
        {
          file,
          line,
        },
      );
    }
    seen.set(key, line);
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      if (i !== keyIndex && fields[i] !== "") values[name] = fields[i];
    });
    return { line, key, values };
  });
  return { columns: header.filter((_, i) => i !== keyIndex), rows };
}

interface RawRecord {
  fields: string[];
  line: number;
}

function parseRecords(text: string, delimiter: string, file: string): RawRecord[] {
  try {
    // csv-parse's types do not model `info: true` (each record comes as `{ record, info }`).
    const parsed: unknown = parse(text, {
      delimiter,
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    });
    const records = parsed as { record: string[]; info: { lines: number } }[];
    // `info.lines` is the line the record ends on; a record spans one line unless a quoted field
    // holds line breaks.
    return records.map(({ record, info }) => ({
      fields: record,
      line: info.lines - (record.join("").match(/\n/g)?.length ?? 0),
    }));
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ParseError("Unexpected", (error as Error).message, { file, line, cause: error });
  }
}

function checkHeader(header: string[], key: string, file: string): string[] {
  header.forEach((name, i) => {
    if (name === "") {
      throw new ParseError("MissingColumn", `header field ${i + 1} is empty`, { file, line: 1 });
    }
    if (header.indexOf(name) !== i) {
      throw new ParseError("MissingColumn", `the header names "${name}" twice`, { file, line: 1 });
    }
  });
  if (!header.includes(key)) {
    throw new ParseError(
      "MissingColumn",
      `no column "${key}" (the key); the header has ${header.map((h) => `"${h}"`).join(", ")}`,
      { file, line: 1 },
    );
  }
  return header;
}
