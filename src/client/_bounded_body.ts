/**
 * Reading a body without trusting its size (private helper of the client): every read stops at a
 * cap, so a hostile or broken server cannot fill the memory.
 *
 * @module
 */

/** What {@linkcode readUpTo} read. */
export interface BoundedRead {
  /** The bytes read, at most the cap. */
  bytes: Uint8Array;
  /** Whether the body had more than the cap (the rest was not read; the stream is cancelled). */
  exceeded: boolean;
}

/**
 * Reads a stream up to `maxBytes`: a body announcing more (`Content-Length`) or sending more is cut
 * there and cancelled.
 *
 * @param stream The body (`null` reads as empty).
 * @param maxBytes The cap (`Infinity` for none).
 * @param signal Cancels the read; it rejects with the signal's reason.
 * @returns The bytes and whether the cap was exceeded.
 */
export async function readUpTo(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<BoundedRead> {
  if (stream === null) return { bytes: new Uint8Array(0), exceeded: false };
  const reader = stream.getReader();
  const onAbort = () => reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let length = 0;
  let exceeded = false;
  try {
    while (true) {
      const { done, value } = await reader.read();
      signal?.throwIfAborted();
      if (done) break;
      const room = maxBytes - length;
      chunks.push(value.byteLength > room ? value.subarray(0, room) : value);
      length += Math.min(value.byteLength, room);
      if (value.byteLength > room) {
        exceeded = true;
        await reader.cancel().catch(() => {});
        break;
      }
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    reader.releaseLock();
  }
  return { bytes: concat(chunks, length), exceeded };
}

/**
 * Whether an answer announces a body longer than `maxBytes` in its `Content-Length`.
 *
 * @param response The answer.
 * @param maxBytes The cap.
 * @returns The announced length when it is over the cap, else `undefined`.
 */
export function announcedOver(response: Response, maxBytes: number): number | undefined {
  const header = response.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header)) return undefined;
  const length = Number(header);
  return length > maxBytes ? length : undefined;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
