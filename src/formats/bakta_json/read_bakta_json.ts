/**
 * The Bakta JSON reader.
 *
 * @module
 */

import { decodeInput } from "../decode_input.ts";
import type { BaktaRun } from "../model.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { parseLenientJson } from "./_parse_lenient_json.ts";
import { normalizeBaktaJson } from "./normalize_bakta_json.ts";

/**
 * Reads a Bakta JSON document (`<prefix>.json`, plain or gzipped; every schema since 1.4) into the
 * normalized {@linkcode BaktaRun}. A bare `NaN`, `Infinity` or `-Infinity` outside strings (written
 * by some Bakta versions) is read as that number: `NaN` in `stats`, absent in an optional number,
 * and named as such in an error (`features[3].start is NaN`); valid JSON pays nothing for this
 * tolerance. See {@linkcode normalizeBaktaJson} for the schema handling.
 *
 * @param input The JSON text, or its bytes (gzipped or not).
 * @param options The file name for errors and `sources`.
 * @returns The run; `mode: "proteins"` (with `proteins`, no features) for a `bakta_proteins` JSON.
 * @throws {ParseError} `InvalidJson` (with offset, line and column) for a syntax error;
 * `UnknownFormat` for JSON that is not a Bakta document (e.g. `{}` or an array); `Truncated` for a
 * broken gzip stream; field errors as {@linkcode normalizeBaktaJson} describes.
 *
 * @example Reading a document with a bare NaN
 * ```ts
 * import { readBaktaJson } from "./read_bakta_json.ts";
 * const run = readBaktaJson(
 *   '{"version": {"bakta": "1.9.4"}, "stats": {"size": 4, "gc": NaN, "n_ratio": 0, "n50": 4,' +
 *     ' "coding_ratio": 0}, "sequences": [{"id": "c1", "length": 4}], "features": [' +
 *     '{"type": "cds", "sequence": "c1", "start": 1, "stop": 3, "strand": "+",' +
 *     ' "product": "NaN-binding protein"}]}',
 *   { file: "x.json" },
 * );
 * if (!Number.isNaN(run.stats?.gc)) throw new Error("gc should be NaN");
 * if (run.features[0].product !== "NaN-binding protein") throw new Error("string untouched");
 * ```
 */
export function readBaktaJson(input: string | Uint8Array, options: ReadOptions = {}): BaktaRun {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const text = decodeInput(input, file, options.maxDecompressedBytes);
  return normalizeBaktaJson(parseLenientJson(text, file), { file });
}
