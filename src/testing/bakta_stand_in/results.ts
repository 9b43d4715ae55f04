/**
 * Where the Bakta stand-in finds the result files it serves: a folder of real Bakta outputs
 * (files picked by extension) or an explicit map from `ResultFiles` key to file.
 *
 * @module
 */

import type { BaktaResultFileKey } from "../../client/api_types.ts";
import { isBaktaResultFileKey, resultFileKeyOf } from "../../client/result_files.ts";

/** A folder of Bakta outputs, or a map from `ResultFiles` key to a file path. */
export type StandInResultSource =
  | string
  | URL
  | Partial<Record<BaktaResultFileKey, string | URL>>;

/**
 * Resolves a result source to one file path per key. A folder is listed and each file is given the
 * key of its longest known extension (`x.hypotheticals.tsv` is `TSVHypothetical`); a gzipped file
 * (`x.fna.gz`) claims the key of its name without `.gz` and is served decompressed, as the service
 * serves plain files; when two files claim a key, the first in name order wins (so `x.fna` before
 * `x.fna.gz`). A missing folder yields no files.
 *
 * @param source A folder (path or file URL) or a map.
 * @returns The files by key (absent keys have no file: the download answers 404).
 *
 * @example Mapping a folder
 * ```ts
 * import { resolveResultFiles } from "./results.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/g.gff3`, "##gff-version 3\n");
 * await Deno.writeTextFile(`${dir}/g.hypotheticals.tsv`, "#\n");
 * const files = await resolveResultFiles(dir);
 * if (!files.get("GFF3")?.endsWith("g.gff3") || files.has("TSV")) throw new Error("wrong");
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function resolveResultFiles(
  source: StandInResultSource,
): Promise<Map<BaktaResultFileKey, string>> {
  const files = new Map<BaktaResultFileKey, string>();
  if (typeof source === "string" || source instanceof URL) {
    const folder = toPath(source);
    const names: string[] = [];
    try {
      for await (const entry of Deno.readDir(folder)) {
        if (entry.isFile || entry.isSymlink) names.push(entry.name);
      }
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return files;
      throw error;
    }
    names.sort();
    for (const name of names) {
      const key = resultFileKeyOf(name.endsWith(".gz") ? name.slice(0, -3) : name);
      if (key !== undefined && !files.has(key)) files.set(key, joinPath(folder, name));
    }
    return files;
  }
  for (const [key, path] of Object.entries(source)) {
    if (isBaktaResultFileKey(key) && path !== undefined) files.set(key, toPath(path));
  }
  return files;
}

function toPath(source: string | URL): string {
  if (source instanceof URL) return decodeURIComponent(source.pathname);
  if (source.startsWith("file:")) return decodeURIComponent(new URL(source).pathname);
  return source;
}

function joinPath(folder: string, name: string): string {
  return folder.endsWith("/") ? `${folder}${name}` : `${folder}/${name}`;
}
