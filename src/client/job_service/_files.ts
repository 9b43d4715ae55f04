/**
 * Small file helpers of the job service (private): gzip, absolute paths.
 *
 * @module
 */

import { resolve } from "node:path";
import { isGzip } from "../../formats/decode_input.ts";

/**
 * Decompresses gzip bytes (recognized by their magic number); other bytes are returned as they are.
 *
 * @param bytes The bytes.
 * @param file The name for messages.
 * @returns The plain bytes.
 * @throws {RangeError} When the gzip data is damaged.
 */
export async function gunzipIfNeeded(bytes: Uint8Array, file = "input"): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  try {
    const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()
      .pipeThrough(new DecompressionStream("gzip"));
    return await new Response(stream).bytes();
  } catch (error) {
    throw new RangeError(`Cannot decompress "${file}": the gzip data is damaged`, {
      cause: error,
    });
  }
}

/**
 * Turns a path or file URL into an absolute path.
 *
 * @param item The path or URL.
 * @returns The absolute path.
 */
export function toAbsolutePath(item: string | URL): string {
  if (item instanceof URL) return decodeURIComponent(item.pathname);
  if (item.startsWith("file:")) return decodeURIComponent(new URL(item).pathname);
  return resolve(item);
}
