/**
 * Reading a BakRep dataset record (`<id>.json`, as `GET /datasets/<id>` answers it).
 *
 * @module
 */

import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import {
  arrayAt,
  type JsonAt,
  member,
  numberAt,
  optionalMember,
  parseJsonDocument,
  textAt,
} from "./_json_fields.ts";
import { ParseError } from "../parse_error.ts";

/** One file of a BakRep dataset. */
export interface BakrepDatasetFile {
  /** Where to download it. */
  url: string;
  /** Its file name (the URL's last part), e.g. `SAMEA3231284.bakta.json.gz`. */
  name: string;
  /** Its MD5, lower-case hex. */
  md5: string;
  /** Its size in bytes. */
  size: number;
  /** The tool that made it: `bakta`, `checkm2`, `gtdbtk`, `mlst`, `assemblyscan`, … */
  tool: string;
  /** Its file type: `json`, `gff3`, `gbff`, `faa`, `ffn`, … */
  filetype: string;
  /** Its category: `annotation`, `qc`, `taxonomy`, … */
  type: string;
}

/** A BakRep dataset: its id and files. */
export interface BakrepDataset {
  /** The dataset id (a BioSample accession), e.g. `SAMEA3231284`. */
  id: string;
  /** Its files. */
  files: BakrepDatasetFile[];
}

/**
 * Reads a BakRep dataset record: `{"id", "results": [{"url", "md5", "size", "attributes": {"tool",
 * "filetype", "type"}}]}`.
 *
 * @param input The JSON text or bytes (gzip allowed).
 * @param options The file name for messages.
 * @returns The id and the files.
 * @throws {ParseError} `InvalidJson`, `MissingField`, `InvalidNumber` or `Unexpected` (also for a
 * bad MD5 or a URL without a file name), naming the file and the JSON path.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readBakrepDataset } from "./read_bakrep_dataset.ts";
 * const d = readBakrepDataset(JSON.stringify({ id: "S1", results: [{
 *   url: "https://example.org/S1/S1.mlst.json.gz", md5: "3fff68365c55eaa133338d2f4b4cbb81", size: 210,
 *   attributes: { tool: "mlst", filetype: "json", type: "taxonomy" },
 * }] }));
 * assert.equal(d.files[0].name, "S1.mlst.json.gz");
 * assert.equal(d.files[0].tool, "mlst");
 * ```
 */
export function readBakrepDataset(
  input: string | Uint8Array,
  options: ReadOptions = {},
): BakrepDataset {
  const doc = parseJsonDocument(
    input,
    options.file ?? DEFAULT_FILE_NAME,
    options.maxDecompressedBytes,
  );
  const results = member(doc, "results");
  return {
    id: textAt(member(doc, "id")),
    files: arrayAt(results).map((value, i) =>
      readFile({ value, file: doc.file, path: `${results.path}[${i}]` })
    ),
  };
}

function readFile(at: JsonAt): BakrepDatasetFile {
  const url = textAt(member(at, "url"));
  const name = decodeURIComponent(url.replace(/[?#].*$/, "").split("/").at(-1) ?? "");
  if (name === "") {
    throw new ParseError("Unexpected", `${at.path}.url ${JSON.stringify(url)} names no file`, {
      file: at.file,
    });
  }
  const md5 = textAt(member(at, "md5")).toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(md5)) {
    throw new ParseError("Unexpected", `${at.path}.md5 ${JSON.stringify(md5)} is not an MD5`, {
      file: at.file,
    });
  }
  const attributes = optionalMember(at, "attributes");
  const attribute = (key: string) => {
    const value = attributes === undefined ? undefined : optionalMember(attributes, key);
    return value === undefined ? "" : textAt(value);
  };
  return {
    url,
    name,
    md5,
    size: numberAt(member(at, "size")),
    tool: attribute("tool"),
    filetype: attribute("filetype"),
    type: attribute("type"),
  };
}
