/**
 * The answers the stand-in builds (private): JSON and text bodies, nginx's HTML error pages, the
 * object store's XML errors, and the broken answers faults ask for (cut short, padded, dripped).
 *
 * @module
 */

import type { AxumRejection } from "./axum_json.ts";
import { firedFault, randomHex, STAND_IN_BUCKET } from "./_stand_in_state.ts";
import type { StandInFault } from "./faults.ts";

/** The reason phrases nginx writes in its error pages. */
const REASONS: Readonly<Record<number, string>> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

/** The path of the redirect loop: it redirects to itself. */
export const REDIRECT_LOOP_PATH = "/redirect-loop";

/** A 302 to `path`. */
export function redirectTo(path: string): Response {
  return new Response(null, { status: 302, headers: { location: path, "content-length": "0" } });
}

/** An empty answer with `status` (and any more headers). */
export function empty(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers: { ...headers, "content-length": "0" } });
}

/** `value` as JSON with `status`. */
export function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/** `body` as UTF-8 plain text with `status`. */
export function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

/** The plain-text answer axum gives for a body it cannot extract. */
export function rejection(value: AxumRejection): Response {
  return text(value.status, value.text);
}

/** nginx's HTML error page for `status` (or `body` instead). */
export function htmlError(
  status: number,
  headers: Record<string, string> = {},
  body?: string,
): Response {
  const title = `${status} ${REASONS[status] ?? "Error"}`;
  const page = body ??
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
      `<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(page, { status, headers: { "content-type": "text/html", ...headers } });
}

/** The object store's XML error for `key`. */
export function s3Error(status: number, code: string, message: string, key: string): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
    `<Message>${message}</Message><Key>${key}</Key><BucketName>${STAND_IN_BUCKET}</BucketName>` +
    `<RequestId>${randomHex(8)}</RequestId></Error>`;
  return new Response(body, { status, headers: { "content-type": "application/xml" } });
}

/** A response that announces `declared` bytes and sends only the first `sentBytes`, then closes. */
export function cut(
  bytes: Uint8Array,
  declared: number,
  sentBytes: number,
  headers: Record<string, string>,
  status = 200,
): Response {
  const sent = bytes.subarray(0, sentBytes);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (sent.byteLength > 0) controller.enqueue(sent);
      controller.close();
    },
  });
  return new Response(body, {
    status,
    headers: { ...headers, "content-length": String(declared) },
  });
}

/** The headers of a response as a plain record (lower-case names). */
export function headersOf(response: Response): Record<string, string> {
  return Object.fromEntries(response.headers);
}

/** 200 with `bytes` of padding, announced or chunked. */
function padding(bytes: number, announce: boolean): Response {
  const piece = new Uint8Array(64 * 1024).fill(0x20);
  let left = bytes;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (left <= 0) return controller.close();
      const size = Math.min(left, piece.byteLength);
      left -= size;
      controller.enqueue(piece.subarray(0, size));
    },
  });
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (announce) headers["content-length"] = String(bytes);
  return new Response(body, { status: 200, headers });
}

/**
 * Applies the faults that change a real answer: `oversize`, `answer`, `wrongLength`, `drip`.
 *
 * @param response The real answer.
 * @param fired The faults that fired for the request.
 * @returns The answer to send.
 */
export async function reshape(
  response: Response,
  fired: readonly StandInFault[],
): Promise<Response> {
  const oversize = firedFault(fired, "oversize");
  if (oversize) {
    await response.body?.cancel();
    return padding(oversize.bytes, oversize.announce ?? true);
  }
  const replace = firedFault(fired, "answer");
  const wrongLength = firedFault(fired, "wrongLength");
  const drip = firedFault(fired, "drip");
  if (!replace && !wrongLength && !drip) return response;
  const headers = headersOf(response);
  let bytes = await response.bytes();
  let status = response.status;
  if (replace) {
    const body = typeof replace.body === "string"
      ? replace.body
      : replace.body(new TextDecoder().decode(bytes));
    bytes = new TextEncoder().encode(body);
    status = replace.status ?? status;
    if (replace.contentType) headers["content-type"] = replace.contentType;
  }
  headers["content-length"] = String(bytes.byteLength + (wrongLength?.delta ?? 0));
  if (wrongLength) {
    const declared = bytes.byteLength + (wrongLength.delta ?? 64);
    return cut(bytes, declared, bytes.byteLength, headers, status);
  }
  if (drip) return dripping(bytes, drip.chunkBytes ?? 64, drip.intervalMs ?? 5, headers, status);
  return new Response(bytes, { status, headers });
}

/** Sends `bytes` in pieces of `chunkBytes`, pausing `intervalMs` before each. */
function dripping(
  bytes: Uint8Array,
  chunkBytes: number,
  intervalMs: number,
  headers: Record<string, string>,
  status: number,
): Response {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
      controller.enqueue(bytes.slice(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
  return new Response(body, { status, headers });
}
