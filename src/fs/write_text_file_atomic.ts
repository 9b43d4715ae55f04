/**
 * Writing a file so that a failure leaves nothing half-written.
 *
 * @module
 */

import { pausePoint } from "../db/pause_point.ts";

/**
 * Writes text (or bytes) to a file atomically: first to a temporary file in the same folder, then renamed
 * over the target, so that readers see the old file or the whole new one, and a failure (a full
 * disk, an interrupted export) leaves the target untouched and no temporary file behind. An
 * existing file keeps its permissions; a new one gets 0666 less the umask.
 *
 * @param path The file to write (replaced when it exists).
 * @param text The text (written as UTF-8), or bytes written as they are (a PNG).
 * @returns A promise that settles once the file is in place.
 * @throws {Deno.errors.NotFound} When the folder does not exist; other file-system errors as
 * Deno raises them.
 *
 * @example Write, then find no temporary file
 * ```ts
 * import assert from "node:assert/strict";
 * import { writeTextFileAtomic } from "./write_text_file_atomic.ts";
 * const dir = await Deno.makeTempDir();
 * await writeTextFileAtomic(`${dir}/out.gff3`, "##gff-version 3\n");
 * assert.equal(await Deno.readTextFile(`${dir}/out.gff3`), "##gff-version 3\n");
 * assert.deepEqual([...Deno.readDirSync(dir)].map((e) => e.name), ["out.gff3"]);
 * await Deno.remove(dir, { recursive: true });
 * ```
 */
export async function writeTextFileAtomic(
  path: string,
  text: string | Uint8Array,
): Promise<void> {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const dir = slash >= 0 ? path.slice(0, slash) || "/" : ".";
  const name = path.slice(slash + 1);
  // An existing file keeps its permissions; a new one gets the usual ones (0666 less the umask),
  // not the 0600 of a temporary file.
  let mode: number | null = null;
  try {
    mode = (await Deno.stat(path)).mode;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  const temp = await Deno.makeTempFile({ dir, prefix: `.${name}.`, suffix: ".tmp" });
  try {
    if (typeof text === "string") await Deno.writeTextFile(temp, text);
    else await Deno.writeFile(temp, text);
    await pausePoint("write:temp");
    if (Deno.build.os !== "windows") {
      await Deno.chmod(temp, (mode ?? 0o666 & ~currentUmask()) & 0o7777);
    }
    await Deno.rename(temp, path);
  } catch (error) {
    await Deno.remove(temp).catch(() => {});
    throw error;
  }
}

function currentUmask(): number {
  try {
    return Deno.umask();
  } catch {
    return 0o022;
  }
}
