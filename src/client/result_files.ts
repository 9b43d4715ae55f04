/**
 * The result files of a Bakta job: the 14 `ResultFiles` keys, the file extension each stands for,
 * and the file name a presigned download link announces.
 *
 * @module
 */

import type { BaktaResultFileKey } from "./api_types.ts";

/**
 * The 14 keys of `ResultFiles`, in the order of the contract. The first ten are all that older
 * deployments returned.
 */
export const BAKTA_RESULT_FILE_KEYS: readonly BaktaResultFileKey[] = Object.freeze([
  "TSV",
  "GFF3",
  "GBFF",
  "EMBL",
  "FNA",
  "FFN",
  "FAA",
  "FAAHypothetical",
  "TSVHypothetical",
  "JSON",
  "TSVInference",
  "TXTLogs",
  "PNGCircularPlot",
  "SVGCircularPlot",
]);

/**
 * The extension (without the leading dot) of the Bakta output each key stands for; the service
 * stores every result as `result.<extension>`. `TXTLogs` is Bakta's summary `.txt`, not a log.
 */
export const BAKTA_RESULT_FILE_EXTENSIONS: Readonly<Record<BaktaResultFileKey, string>> = Object
  .freeze({
    TSV: "tsv",
    GFF3: "gff3",
    GBFF: "gbff",
    EMBL: "embl",
    FNA: "fna",
    FFN: "ffn",
    FAA: "faa",
    FAAHypothetical: "hypotheticals.faa",
    TSVHypothetical: "hypotheticals.tsv",
    TSVInference: "inference.tsv",
    JSON: "json",
    TXTLogs: "txt",
    PNGCircularPlot: "png",
    SVGCircularPlot: "svg",
  });

/**
 * Tells whether a string is one of the 14 `ResultFiles` keys.
 *
 * @param key The candidate.
 * @returns `true` for a known key.
 *
 * @example Checking a key
 * ```ts
 * import { isBaktaResultFileKey } from "./result_files.ts";
 * if (!isBaktaResultFileKey("GFF3") || isBaktaResultFileKey("gff3")) throw new Error("wrong");
 * ```
 */
export function isBaktaResultFileKey(key: string): key is BaktaResultFileKey {
  return Object.hasOwn(BAKTA_RESULT_FILE_EXTENSIONS, key);
}

/**
 * Finds the `ResultFiles` key of a Bakta output file name, by its longest known extension
 * (`x.hypotheticals.tsv` is `TSVHypothetical`, not `TSV`).
 *
 * @param fileName A file name such as `genome.inference.tsv`.
 * @returns The key, or `undefined` when the name ends in no known extension.
 *
 * @example Mapping file names to keys
 * ```ts
 * import { resultFileKeyOf } from "./result_files.ts";
 * if (resultFileKeyOf("a.hypotheticals.tsv") !== "TSVHypothetical") throw new Error("wrong");
 * if (resultFileKeyOf("a.tsv") !== "TSV") throw new Error("wrong");
 * if (resultFileKeyOf("a.fasta") !== undefined) throw new Error("wrong");
 * ```
 */
export function resultFileKeyOf(fileName: string): BaktaResultFileKey | undefined {
  let best: BaktaResultFileKey | undefined;
  let bestLength = 0;
  for (const key of BAKTA_RESULT_FILE_KEYS) {
    const extension = BAKTA_RESULT_FILE_EXTENSIONS[key];
    if (fileName.endsWith(`.${extension}`) && extension.length > bestLength) {
      best = key;
      bestLength = extension.length;
    }
  }
  return best;
}

/**
 * Reads the file name a presigned download link announces in its
 * `response-content-disposition=attachment; filename="<name>.<ext>"` parameter.
 *
 * @param url A download link from `ResultFiles`.
 * @returns The file name, or `undefined` when the link carries none.
 *
 * @example Reading the announced name
 * ```ts
 * import { fileNameFromDownloadUrl } from "./result_files.ts";
 * const url = "https://b.example/jobs/1/results/result.gff3?response-content-disposition=" +
 *   encodeURIComponent('attachment; filename="genome.gff3"') + "&X-Amz-Signature=abc";
 * if (fileNameFromDownloadUrl(url) !== "genome.gff3") throw new Error("wrong");
 * ```
 */
export function fileNameFromDownloadUrl(url: string | URL): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const disposition = parsed.searchParams.get("response-content-disposition");
  if (disposition === null) return undefined;
  const quoted = /filename\s*=\s*"([^"]*)"/i.exec(disposition);
  if (quoted) return quoted[1];
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(disposition);
  return bare ? bare[1] : undefined;
}
