/**
 * A download body that survives a broken connection by asking for the rest with a `Range`
 * request (private helper of the client).
 *
 * @module
 */

import type { Deadline } from "./_deadline.ts";

/** One HTTP answer of a download and the deadline guarding it. */
export interface DownloadPart {
  /** The answer (200 or 206). */
  response: Response;
  /** Its abort controller; its timer is reused as the idle timeout between chunks. */
  deadline: Deadline;
}

/** How a resumable body fetches the rest and reports a failure. */
export interface ResumableBodyConfig {
  /** The first answer. */
  first: DownloadPart;
  /** Fetches the object again from byte `offset` (`Range: bytes=<offset>-`). */
  refetch(offset: number, etag: string | undefined): Promise<DownloadPart>;
  /** How many times the body may resume. */
  maxResumes: number;
  /** The largest body accepted, in bytes: a longer one (announced or sent) fails the stream. */
  maxBytes?: number;
  /** The longest wait for the next chunk, in milliseconds. */
  idleTimeoutMs: number;
  /** The caller's signal: aborting it errors the stream with its reason. */
  signal?: AbortSignal;
  /** Builds the (redacted) error the stream fails with. */
  fail(detail: string, cause: unknown, timedOut: boolean): Error;
}

/**
 * The total length an answer announces: the `Content-Range` total of a 206, else `Content-Length`,
 * unless the body is content-encoded (then the decoded length is unknown).
 *
 * @param response The answer.
 * @returns The length in bytes, or `undefined` when not known.
 */
export function announcedLength(response: Response): number | undefined {
  const range = response.headers.get("content-range");
  if (response.status === 206 && range) {
    const match = /^bytes\s+(\d+)-(\d+)\/(\d+|\*)$/i.exec(range.trim());
    if (match && match[3] !== "*") return Number(match[3]);
    return undefined;
  }
  if (response.headers.has("content-encoding")) return undefined;
  const length = response.headers.get("content-length");
  return length !== null && /^\d+$/.test(length) ? Number(length) : undefined;
}

/**
 * Wraps a download in a stream that checks the announced length and, when the connection breaks
 * or the body ends short, fetches the rest from where it stopped (206), or the whole object again
 * while skipping what was already delivered (200).
 *
 * @param config The first answer, how to refetch, and how to fail.
 * @returns The body stream.
 */
export function resumableBody(config: ResumableBodyConfig): ReadableStream<Uint8Array> {
  let part = config.first;
  let reader = part.response.body?.getReader();
  let total = announcedLength(part.response);
  const etag = part.response.headers.get("etag") ?? undefined;
  let received = 0;
  let skip = 0;
  let resumes = 0;
  let finished = false;
  const maxBytes = config.maxBytes ?? Infinity;

  const finish = () => {
    finished = true;
    part.deadline.dispose();
    config.signal?.removeEventListener("abort", onAbort);
  };
  const onAbort = () => {
    reader?.cancel(config.signal?.reason).catch(() => {});
  };
  config.signal?.addEventListener("abort", onAbort, { once: true });

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      while (!finished) {
        let chunk: ReadableStreamReadResult<Uint8Array> | undefined;
        let problem: unknown;
        if (reader) {
          part.deadline.restartTimer(config.idleTimeoutMs);
          try {
            chunk = await reader.read();
          } catch (error) {
            problem = error;
          } finally {
            part.deadline.clearTimer();
          }
        } else {
          chunk = { done: true, value: undefined };
        }
        if (config.signal?.aborted) {
          finish();
          controller.error(config.signal.reason);
          return;
        }
        if (chunk && !chunk.done) {
          let bytes = chunk.value;
          if (skip > 0) {
            if (bytes.byteLength <= skip) {
              skip -= bytes.byteLength;
              continue;
            }
            bytes = bytes.subarray(skip);
            skip = 0;
          }
          if (received + bytes.byteLength > maxBytes || (total ?? 0) > maxBytes) {
            finish();
            reader?.cancel().catch(() => {});
            const size = total === undefined ? "more" : `${total}`;
            controller.error(
              config.fail(
                `the file is larger than the cap (${size} bytes; maxDownloadBytes is ${maxBytes})`,
                undefined,
                false,
              ),
            );
            return;
          }
          received += bytes.byteLength;
          controller.enqueue(bytes);
          return;
        }
        if (chunk?.done && (total === undefined || received >= total)) {
          finish();
          controller.close();
          return;
        }
        const timedOut = part.deadline.timedOut;
        const of = total === undefined ? "" : ` of ${total}`;
        const detail = chunk?.done
          ? `the body ended after ${received}${of} bytes`
          : timedOut
          ? `no data for ${config.idleTimeoutMs / 1000} s after ${received}${of} bytes`
          : `the connection broke after ${received}${of} bytes`;
        if (resumes >= config.maxResumes) {
          finish();
          controller.error(config.fail(detail, problem, timedOut));
          return;
        }
        resumes++;
        reader?.cancel().catch(() => {});
        part.deadline.dispose();
        try {
          part = await config.refetch(received, etag);
        } catch (error) {
          finished = true;
          config.signal?.removeEventListener("abort", onAbort);
          controller.error(error);
          return;
        }
        reader = part.response.body?.getReader();
        if (part.response.status === 206) {
          const range = /^bytes\s+(\d+)-/i.exec(part.response.headers.get("content-range") ?? "");
          if (!range || Number(range[1]) !== received) {
            finish();
            reader?.cancel().catch(() => {});
            controller.error(
              config.fail(
                `the server resumed at the wrong offset (${range?.[1] ?? "?"})`,
                undefined,
                false,
              ),
            );
            return;
          }
          total = announcedLength(part.response) ?? total;
        } else {
          skip = received;
          total = announcedLength(part.response);
        }
      }
    },
    cancel(reason) {
      finish();
      return reader?.cancel(reason);
    },
  });
}
