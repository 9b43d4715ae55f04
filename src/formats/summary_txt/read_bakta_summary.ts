/**
 * The reader of Bakta's `.txt` summary.
 *
 * @module
 */

import { decodeInput } from "../decode_input.ts";
import { ParseError } from "../parse_error.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import type { BaktaSummary, BaktaSummaryCounts, BaktaSummarySequences } from "./bakta_summary.ts";

type Section = "sequences" | "annotation" | "bakta";

const SECTIONS: Record<string, Section> = {
  "Sequence(s):": "sequences",
  "Annotation:": "annotation",
  "Bakta:": "bakta",
};

const SEQUENCE_KEYS: Record<string, keyof BaktaSummarySequences> = {
  "Length": "length",
  "Count": "count",
  "Contigs/replicons": "count",
  "GC": "gcPercent",
  "N50": "n50",
  "N90": "n90",
  "N ratio": "nRatioPercent",
  "coding density": "codingDensityPercent",
};

const COUNT_KEYS: Record<string, keyof BaktaSummaryCounts> = {
  "tRNAs": "trnas",
  "tmRNAs": "tmrnas",
  "rRNAs": "rrnas",
  "ncRNAs": "ncrnas",
  "ncRNA regions": "ncrnaRegions",
  "CRISPR arrays": "crisprArrays",
  "CDSs": "cdss",
  "pseudogenes": "pseudogenes",
  "hypotheticals": "hypotheticals",
  "signal peptides": "signalPeptides",
  "sORFs": "sorfs",
  "gaps": "gaps",
  "oriCs": "oriCs",
  "oriVs": "oriVs",
  "oriTs": "oriTs",
};

const REQUIRED_SEQUENCE_KEYS: (keyof BaktaSummarySequences)[] = [
  "length",
  "count",
  "gcPercent",
  "n50",
  "nRatioPercent",
  "codingDensityPercent",
];
const OPTIONAL_COUNTS = new Set<keyof BaktaSummaryCounts>(["pseudogenes", "signalPeptides"]);
const INTEGER_SEQUENCE_KEYS = new Set<keyof BaktaSummarySequences>([
  "length",
  "count",
  "n50",
  "n90",
]);

/**
 * Reads Bakta's `<prefix>.txt` summary (plain or gzipped) into a typed {@linkcode BaktaSummary}.
 *
 * Tolerates the layouts of Bakta 1.4 to 1.12: `Count` or the older `Contigs/replicons`, numbers
 * with thousands separators (`2,359,987`), the optional `N90` (1.10+), `pseudogenes` and
 * `signal peptides` (up to 1.9), the old one-line `CDSs: 2302, hypotheticals: 273`, a missing
 * `Bakta:` block, and `Database: v5.0` without a type. Unknown `key: value` lines are kept in
 * `extra`.
 *
 * @param input The summary text, or its bytes (gzipped or not).
 * @param options The file name for errors.
 * @returns The summary.
 * @throws {ParseError} `InvalidHeader` when the text does not start with `Sequence(s):`;
 * `InvalidNumber` for a value that is not a number; `MissingColumn` when a required line is
 * missing; `Unexpected` for a line that is not `key: value`; each naming the line.
 *
 * @example Reading a summary
 * ```ts
 * import { readBaktaSummary } from "./read_bakta_summary.ts";
 * const summary = readBaktaSummary(
 *   "Sequence(s):\nLength: 1330\nCount: 1\nGC: 45.2\nN50: 1330\nN ratio: 0.0\n" +
 *     "coding density: 62.0\n\nAnnotation:\ntRNAs: 0\ntmRNAs: 0\nrRNAs: 0\nncRNAs: 0\n" +
 *     "ncRNA regions: 0\nCRISPR arrays: 0\nCDSs: 2\npseudogenes: 0\nhypotheticals: 2\n" +
 *     "sORFs: 0\ngaps: 0\noriCs: 0\noriVs: 0\noriTs: 0\n\nBakta:\nSoftware: v1.8.1\n" +
 *     "Database: v5.0, full\n",
 * );
 * if (summary.counts.cdss !== 2 || summary.dbType !== "full") throw new Error("summary");
 * if (summary.sequences.gcPercent !== 45.2) throw new Error("gc");
 * ```
 */
export function readBaktaSummary(
  input: string | Uint8Array,
  options: ReadOptions = {},
): BaktaSummary {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const lines = decodeInput(input, file, options.maxDecompressedBytes).split("\n");
  const sequences: Partial<BaktaSummarySequences> = {};
  const counts: Partial<BaktaSummaryCounts> = {};
  const summary: Omit<BaktaSummary, "sequences" | "counts"> = { extra: {} };
  let section: Section | undefined;
  let lastLine = 0;

  for (let index = 0; index < lines.length; index++) {
    const line = lines[index].trim();
    const lineNumber = index + 1;
    if (line === "") continue;
    lastLine = lineNumber;
    if (line in SECTIONS) {
      section = SECTIONS[line];
      continue;
    }
    if (section === undefined) {
      throw new ParseError(
        "InvalidHeader",
        `found ${
          JSON.stringify(line.slice(0, 40))
        }: expected a Bakta summary starting with "Sequence(s):"`,
        { file, line: lineNumber },
      );
    }
    const colon = line.indexOf(":");
    if (colon <= 0) {
      throw new ParseError("Unexpected", `found ${JSON.stringify(line)}: expected "key: value"`, {
        file,
        line: lineNumber,
      });
    }
    const entry: SummaryEntry = {
      key: line.slice(0, colon).trim(),
      value: line.slice(colon + 1).trim(),
      file,
      line: lineNumber,
    };
    if (section === "sequences") readSequenceEntry(entry, sequences, summary);
    else if (section === "annotation") readAnnotationEntry(entry, counts, summary);
    else readBaktaEntry(entry, summary);
  }
  if (section === undefined) {
    throw new ParseError("InvalidHeader", `expected a Bakta summary starting with "Sequence(s):"`, {
      file,
      line: 1,
    });
  }
  checkComplete(sequences, counts, file, lastLine);
  return {
    sequences: sequences as BaktaSummarySequences,
    counts: counts as BaktaSummaryCounts,
    ...summary,
  };
}

/** One `key: value` line of a summary, where it was read. */
interface SummaryEntry {
  /** The text before the first colon, trimmed. */
  key: string;
  /** The text after it, trimmed. */
  value: string;
  /** The file, for errors. */
  file: string;
  /** The 1-based line, for errors. */
  line: number;
}

/** A line of the `Sequence(s):` block: a known measure, else an extra. */
function readSequenceEntry(
  { key, value, file, line }: SummaryEntry,
  sequences: Partial<BaktaSummarySequences>,
  summary: Omit<BaktaSummary, "sequences" | "counts">,
): void {
  if (!(key in SEQUENCE_KEYS)) {
    summary.extra[key] = value;
    return;
  }
  const field = SEQUENCE_KEYS[key];
  sequences[field] = readNumber(value, key, INTEGER_SEQUENCE_KEYS.has(field), file, line);
}

/** A line of the `Annotation:` block: a feature count (CDSs perhaps with hypotheticals). */
function readAnnotationEntry(
  { key, value, file, line }: SummaryEntry,
  counts: Partial<BaktaSummaryCounts>,
  summary: Omit<BaktaSummary, "sequences" | "counts">,
): void {
  if (key === "CDSs" && value.includes(",")) {
    // Bakta 1.4–1.5: "CDSs: 2302, hypotheticals: 273".
    const match = /^([\d,]+?),\s*hypotheticals:\s*([\d,]+)$/.exec(value);
    if (!match) {
      throw new ParseError(
        "InvalidNumber",
        `CDSs "${value}" is not "N" or "N, hypotheticals: M"`,
        { file, line },
      );
    }
    counts.cdss = readNumber(match[1], key, true, file, line);
    counts.hypotheticals = readNumber(match[2], "hypotheticals", true, file, line);
  } else if (key in COUNT_KEYS) {
    counts[COUNT_KEYS[key]] = readNumber(value, key, true, file, line);
  } else {
    summary.extra[key] = value;
  }
}

/** A line of the `Bakta:` block: software and database versions, DOI, URL. */
function readBaktaEntry(
  { key, value }: SummaryEntry,
  summary: Omit<BaktaSummary, "sequences" | "counts">,
): void {
  if (key === "Software") {
    summary.software = value.replace(/^v/, "");
  } else if (key === "Database") {
    const match = /^v?([^,\s]+)(?:,\s*(\S+))?/.exec(value);
    if (match) {
      summary.db = match[1];
      if (match[2] !== undefined) summary.dbType = match[2];
    }
  } else if (key === "DOI") {
    summary.doi = value;
  } else if (key === "URL") {
    summary.url = value;
  } else {
    summary.extra[key] = value;
  }
}

/** Throws `MissingColumn`, naming the last line, when a required measure or count is absent. */
function checkComplete(
  sequences: Partial<BaktaSummarySequences>,
  counts: Partial<BaktaSummaryCounts>,
  file: string,
  lastLine: number,
): void {
  for (const field of REQUIRED_SEQUENCE_KEYS) {
    if (sequences[field] === undefined) {
      const label = Object.entries(SEQUENCE_KEYS).find(([, f]) => f === field)![0];
      throw new ParseError("MissingColumn", `the "Sequence(s):" block has no "${label}:" line`, {
        file,
        line: lastLine,
      });
    }
  }
  for (const [label, field] of Object.entries(COUNT_KEYS)) {
    if (!OPTIONAL_COUNTS.has(field) && counts[field] === undefined) {
      throw new ParseError("MissingColumn", `the "Annotation:" block has no "${label}:" line`, {
        file,
        line: lastLine,
      });
    }
  }
}

function readNumber(
  value: string,
  key: string,
  integer: boolean,
  file: string,
  line: number,
): number {
  const pattern = integer ? /^\d{1,3}(?:,\d{3})+$|^\d+$/ : /^\d+(?:\.\d+)?$/;
  if (!pattern.test(value)) {
    throw new ParseError(
      "InvalidNumber",
      `${key} "${value}" is not ${integer ? "an integer" : "a number"}`,
      { file, line },
    );
  }
  return Number(integer ? value.replaceAll(",", "") : value);
}
