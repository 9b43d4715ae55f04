/**
 * Recognizing which Bakta output a file is, from its content first.
 *
 * @module
 */

import { constants, gunzipSync } from "node:zlib";
import { isGzip } from "./decode_input.ts";
import type { SourceFormat } from "./model.ts";
import { ParseError } from "./parse_error.ts";

/** How much of the start of a file is looked at (after decompression). */
const SNIFF_LENGTH = 64 * 1024;
/** How many lines are searched for a TSV header. */
const SNIFF_LINES = 50;

/** TSV header lines (their start) and the format each marks. */
const TSV_HEADERS: [start: string, format: SourceFormat][] = [
  ["#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct", "tsv"],
  ["#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tScore", "inference-tsv"],
  ["#Sequence Id\tStart\tStop\tStrand\tLocus Tag\tMol Weight", "hypotheticals-tsv"],
  ["ID\tLength\tGene\tProduct", "tsv"],
  ["ID\tLength\tMol Weight", "hypotheticals-tsv"],
];

/** File name endings (after removing `.gz`) and the format each suggests; first match wins. */
const EXTENSIONS: [ending: string, format: SourceFormat][] = [
  [".inference.tsv", "inference-tsv"],
  [".hypotheticals.tsv", "hypotheticals-tsv"],
  [".tsv", "tsv"],
  [".json", "json"],
  [".gff3", "gff3"],
  [".gff", "gff3"],
  [".gbff", "genbank"],
  [".gbk", "genbank"],
  [".gb", "genbank"],
  [".genbank", "genbank"],
  [".embl", "embl"],
  [".fna", "fasta"],
  [".ffn", "fasta"],
  [".faa", "fasta"],
  [".fasta", "fasta"],
  [".fas", "fasta"],
  [".fa", "fasta"],
  [".txt", "txt"],
];

/**
 * Detects the format of a Bakta output from its content, using the file name's extension only
 * when the content matches no rule. Gzipped bytes (magic `1f 8b`) are decompressed (their start
 * only) and looked at. Content rules, on the first non-blank text: `{` JSON; `##gff-version`
 * GFF3; `LOCUS ` GenBank; `ID   ` EMBL; `>` FASTA; `Sequence(s):` the `.txt` summary; and, within
 * the first lines, the header line of the feature TSV, the inference TSV or the hypotheticals TSV
 * (genome and `bakta_proteins` layouts).
 *
 * @param input The file's bytes (plain or gzipped) or text.
 * @param fileName The file name or path, for the extension tie-break and error messages.
 * @returns The format.
 * @throws {ParseError} `UnknownFormat` when neither content nor extension say (empty and binary
 * content always); `Truncated` when gzipped bytes cannot be decompressed at all.
 *
 * @example Content beats the extension
 * ```ts
 * import { detectFormat } from "./detect_format.ts";
 * if (detectFormat("##gff-version 3\n", "odd.txt") !== "gff3") throw new Error("gff3");
 * if (detectFormat(">c1\nACGT\n") !== "fasta") throw new Error("fasta");
 * if (detectFormat("# Software: v1.9.4\n#Sequence Id\tType\tStart\tStop\tStrand\tLocus Tag\tGene\tProduct\tDbXrefs\n") !== "tsv") {
 *   throw new Error("tsv");
 * }
 * ```
 */
export function detectFormat(input: string | Uint8Array, fileName?: string): SourceFormat {
  const file = fileName ?? "input";
  let name = fileName?.toLowerCase() ?? "";
  let text: string;
  if (typeof input === "string") {
    text = input.slice(0, SNIFF_LENGTH);
  } else if (input instanceof Uint8Array) {
    let bytes = input;
    if (isGzip(bytes)) {
      bytes = gunzipStart(bytes, file);
      if (name.endsWith(".gz")) name = name.slice(0, -3);
    }
    text = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, SNIFF_LENGTH));
  } else {
    throw new TypeError(`Cannot detect the format of ${file}: expected a string or a Uint8Array`);
  }

  const byContent = detectFromContent(text);
  if (byContent !== undefined) return byContent;
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (trimmed === "") {
    throw new ParseError("UnknownFormat", "the file is empty", { file });
  }
  const nul = text.indexOf("\u0000");
  if (nul >= 0) {
    const line = text.slice(0, nul).split("\n").length;
    throw new ParseError(
      "UnknownFormat",
      "the content is binary (a NUL byte), not a Bakta output",
      {
        file,
        line,
      },
    );
  }
  for (const [ending, format] of EXTENSIONS) {
    if (name.endsWith(ending)) return format;
  }
  throw new ParseError(
    "UnknownFormat",
    "the content is not a Bakta JSON, GFF3, GenBank, EMBL, TSV, FASTA or .txt summary, " +
      "and the file name has no known extension",
    { file },
  );
}

function detectFromContent(text: string): SourceFormat | undefined {
  const start = text.replace(/^\uFEFF/, "").replace(/^\s+/, "");
  if (start.startsWith("{")) return "json";
  if (start.startsWith("##gff-version")) return "gff3";
  if (/^LOCUS {2,}|^LOCUS\t/.test(start)) return "genbank";
  if (start.startsWith("ID   ")) return "embl";
  if (start.startsWith(">")) return "fasta";
  if (start.startsWith("Sequence(s):")) return "txt";
  const lines = start.split("\n", SNIFF_LINES);
  for (const line of lines) {
    for (const [header, format] of TSV_HEADERS) {
      if (line.startsWith(header)) return format;
    }
    if (line !== "" && !line.startsWith("#")) break;
  }
  return undefined;
}

/** Decompresses as much of a gzip stream's start as needed to look at it. */
function gunzipStart(bytes: Uint8Array, file: string): Uint8Array {
  try {
    return gunzipSync(bytes.subarray(0, SNIFF_LENGTH), {
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch (cause) {
    throw new ParseError(
      "Truncated",
      `gzip data is corrupt: ${(cause as Error).message}`,
      { file, cause },
    );
  }
}
