/**
 * A BakRep dataset on disk (`<id>.bakta.json.gz`, …, the side files and the record `<id>.json`):
 * checking its files against the record and reading its side files into genome metadata.
 *
 * @module
 */

import { basename } from "node:path";
import { type BakrepFacts, bakrepMetadata } from "../formats/bakrep/bakrep_metadata.ts";
import { readAssemblyScanJson } from "../formats/bakrep/read_assembly_scan_json.ts";
import {
  type BakrepDatasetFile,
  readBakrepDataset,
} from "../formats/bakrep/read_bakrep_dataset.ts";
import { readCheckm2Json } from "../formats/bakrep/read_checkm2_json.ts";
import { readGtdbtkJson } from "../formats/bakrep/read_gtdbtk_json.ts";
import { readMlstJson } from "../formats/bakrep/read_mlst_json.ts";
import { md5Hex } from "./_codec.ts";
import { ImportError } from "./import_error.ts";
import { classifyResultFile, type RunFileGroup } from "./run_files.ts";

/**
 * Checks a file against its entry in a dataset record: first its size, then its MD5.
 *
 * @param path The file.
 * @param entry Its entry in the record.
 * @returns Nothing.
 * @throws {ImportError} `ChecksumMismatch` naming the file, the expected and the found size or MD5.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { verifyBakrepFile } from "./bakrep_dataset.ts";
 * const path = await Deno.makeTempFile();
 * await Deno.writeTextFile(path, "hello");
 * const entry = { url: "https://x/h", name: "h", size: 5, md5: "5d41402abc4b2a76b9719d911017c592", tool: "", filetype: "", type: "" };
 * await verifyBakrepFile(path, entry);
 * await assert.rejects(verifyBakrepFile(path, { ...entry, size: 6 }), /has 5 bytes, the dataset record says 6/);
 * await Deno.remove(path);
 * ```
 */
export async function verifyBakrepFile(path: string, entry: BakrepDatasetFile): Promise<void> {
  const { size } = await Deno.stat(path);
  if (size !== entry.size) {
    throw new ImportError(
      "ChecksumMismatch",
      path,
      `the file has ${size} bytes, the dataset record says ${entry.size}`,
    );
  }
  const md5 = md5Hex(await Deno.readFile(path));
  if (md5 !== entry.md5) {
    throw new ImportError(
      "ChecksumMismatch",
      path,
      `its MD5 is ${md5}, the dataset record says ${entry.md5}`,
    );
  }
}

/** The side-file kinds of `classifyResultFile` and the fact each gives. */
const SIDE_READERS: Record<string, (bytes: Uint8Array, file: string) => BakrepFacts> = {
  "bakrep-gtdbtk": (bytes, file) => ({ gtdbtk: readGtdbtkJson(bytes, { file }) }),
  "bakrep-checkm2": (bytes, file) => ({ checkm2: readCheckm2Json(bytes, { file }) }),
  "bakrep-mlst": (bytes, file) => ({ mlst: readMlstJson(bytes, { file }) }),
  "bakrep-assemblyscan": (bytes, file) => ({ assembly: readAssemblyScanJson(bytes, { file }) }),
};

/**
 * Reads a BakRep run found by `collectRunFiles`: checks every file the dataset record lists (size
 * and MD5), that the record is the dataset's, and that a Bakta file is there; then reads the side
 * files into genome metadata ({@linkcode bakrepMetadata}).
 *
 * @param group A run whose `bakrep` is set.
 * @returns The genome metadata (`source=bakrep`, `bakrep.id`, taxonomy, quality, MLST, assembly).
 * @throws {ImportError} `ChecksumMismatch` for a file that does not match the record;
 * `IncompleteDataset` when no Bakta file is there, or the record names another dataset.
 * @throws {ParseError} For a bad record or side file (naming the file and the JSON path).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readBakrepRunMetadata } from "./bakrep_dataset.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/S1.bakta.json`, "{}");
 * await Deno.writeTextFile(`${dir}/S1.checkm2.json`, '{"quality": {"completeness": 97, "contamination": 2}}');
 * const metadata = await readBakrepRunMetadata({
 *   prefix: "S1", folder: dir, paths: [`${dir}/S1.bakta.json`, `${dir}/S1.checkm2.json`], bakrep: { id: "S1" },
 * });
 * assert.equal(metadata["checkm2.completeness"], "97");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function readBakrepRunMetadata(group: RunFileGroup): Promise<Record<string, string>> {
  const id = group.bakrep?.id ?? group.prefix;
  const kinds = group.paths.map((path) => classifyResultFile(path)?.kind ?? "other");
  if (group.bakrep?.record !== undefined) await checkAgainstRecord(group, id);
  if (!kinds.some((kind) => !kind.startsWith("bakrep-") && kind !== "other")) {
    throw new ImportError(
      "IncompleteDataset",
      `${group.folder}/${id}.*`,
      `the BakRep dataset has no Bakta files (${id}.bakta.json.gz, .gff3.gz, .gbff.gz, …): ` +
        `only ${
          [group.bakrep?.record, ...group.paths].filter((p) => p !== undefined).map((p) =>
            basename(p)
          ).join(", ")
        }`,
    );
  }
  const facts: BakrepFacts = { id };
  for (const [i, path] of group.paths.entries()) {
    const read = SIDE_READERS[kinds[i]];
    if (read !== undefined) Object.assign(facts, read(await Deno.readFile(path), path));
  }
  return bakrepMetadata(facts);
}

async function checkAgainstRecord(group: RunFileGroup, id: string): Promise<void> {
  const recordPath = group.bakrep!.record!;
  const record = readBakrepDataset(await Deno.readFile(recordPath), { file: recordPath });
  if (record.id !== id) {
    throw new ImportError(
      "IncompleteDataset",
      recordPath,
      `the dataset record is of "${record.id}", the files of "${id}"`,
    );
  }
  const entries = new Map(record.files.map((entry) => [entry.name, entry]));
  for (const path of group.paths) {
    const entry = entries.get(basename(path));
    if (entry !== undefined) await verifyBakrepFile(path, entry);
  }
}
