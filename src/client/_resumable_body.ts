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
  const download = new ResumableDownload(config);
  return new ReadableStream<Uint8Array>({
    pull: (controller) => download.pull(controller),
    cancel: (reason) => download.cancel(reason),
  });
}

/** A stream's controller, as the download sees it. */
type BodyController = ReadableStreamDefaultController<Uint8Array>;

/** What one read of the current part gave: a chunk, the end, or an error. */
interface ReadOutcome {
  /** The chunk, or `undefined` when the read failed. */
  chunk: ReadableStreamReadResult<Uint8Array> | undefined;
  /** The error the read failed with. */
  problem?: unknown;
}

/**
 * The state of one resumable download: the part being read, what was delivered, and how to go on
 * after a break (`pull` → `#read` → `#deliver`, or `#shortfall` → `#resume`).
 */
class ResumableDownload {
  readonly #config: ResumableBodyConfig;
  /** The `ETag` of the first answer: a resumed request must be for the same object. */
  readonly #etag: string | undefined;
  /** The largest body accepted, in bytes. */
  readonly #maxBytes: number;
  #part: DownloadPart;
  #reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  /** The announced total length in bytes, when known. */
  #total: number | undefined;
  /** Bytes delivered to the stream so far. */
  #received = 0;
  /** Bytes still to drop from a 200 answer to a resume (already delivered). */
  #skip = 0;
  #resumes = 0;
  #finished = false;
  readonly #onAbort = () => {
    this.#reader?.cancel(this.#config.signal?.reason).catch(() => {});
  };

  constructor(config: ResumableBodyConfig) {
    this.#config = config;
    this.#part = config.first;
    this.#reader = this.#part.response.body?.getReader();
    this.#total = announcedLength(this.#part.response);
    this.#etag = this.#part.response.headers.get("etag") ?? undefined;
    this.#maxBytes = config.maxBytes ?? Infinity;
    config.signal?.addEventListener("abort", this.#onAbort, { once: true });
  }

  /** Delivers the next chunk, closes at the end, resumes after a break, or errors the stream. */
  async pull(controller: BodyController): Promise<void> {
    const signal = this.#config.signal;
    while (!this.#finished) {
      const { chunk, problem } = await this.#read();
      if (signal?.aborted) {
        this.#finish();
        controller.error(signal.reason);
        return;
      }
      if (chunk && !chunk.done) {
        if (this.#deliver(chunk.value, controller)) return;
        continue;
      }
      if (chunk?.done && (this.#total === undefined || this.#received >= this.#total)) {
        this.#finish();
        controller.close();
        return;
      }
      if (!await this.#resume(this.#shortfall(chunk), problem, controller)) return;
    }
  }

  /** The stream was cancelled: stop reading. */
  cancel(reason: unknown): Promise<void> | undefined {
    this.#finish();
    return this.#reader?.cancel(reason);
  }

  #finish(): void {
    this.#finished = true;
    this.#part.deadline.dispose();
    this.#config.signal?.removeEventListener("abort", this.#onAbort);
  }

  /** One read of the current part, under the idle timeout; a part without body reads as ended. */
  async #read(): Promise<ReadOutcome> {
    if (!this.#reader) return { chunk: { done: true, value: undefined } };
    this.#part.deadline.restartTimer(this.#config.idleTimeoutMs);
    try {
      return { chunk: await this.#reader.read() };
    } catch (error) {
      return { chunk: undefined, problem: error };
    } finally {
      this.#part.deadline.clearTimer();
    }
  }

  /**
   * Hands a chunk on (less what a restarted 200 answer repeats): `true` when something was
   * enqueued or the stream failed for size, `false` when the whole chunk was skipped.
   */
  #deliver(chunk: Uint8Array, controller: BodyController): boolean {
    let bytes = chunk;
    if (this.#skip > 0) {
      if (bytes.byteLength <= this.#skip) {
        this.#skip -= bytes.byteLength;
        return false;
      }
      bytes = bytes.subarray(this.#skip);
      this.#skip = 0;
    }
    const maxBytes = this.#maxBytes;
    if (this.#received + bytes.byteLength > maxBytes || (this.#total ?? 0) > maxBytes) {
      this.#finish();
      this.#reader?.cancel().catch(() => {});
      const size = this.#total === undefined ? "more" : `${this.#total}`;
      controller.error(
        this.#config.fail(
          `the file is larger than the cap (${size} bytes; maxDownloadBytes is ${maxBytes})`,
          undefined,
          false,
        ),
      );
      return true;
    }
    this.#received += bytes.byteLength;
    controller.enqueue(bytes);
    return true;
  }

  /** Why the part stopped short: it ended early, went idle too long, or the connection broke. */
  #shortfall(chunk: ReadableStreamReadResult<Uint8Array> | undefined): string {
    const received = this.#received;
    const of = this.#total === undefined ? "" : ` of ${this.#total}`;
    if (chunk?.done) return `the body ended after ${received}${of} bytes`;
    if (this.#part.deadline.timedOut) {
      return `no data for ${this.#config.idleTimeoutMs / 1000} s after ${received}${of} bytes`;
    }
    return `the connection broke after ${received}${of} bytes`;
  }

  /**
   * Fetches the rest after a break: `true` when reading can go on, `false` when the stream was
   * failed (no resumes left, the refetch failed, or a 206 starting at the wrong offset).
   */
  async #resume(detail: string, problem: unknown, controller: BodyController): Promise<boolean> {
    const config = this.#config;
    if (this.#resumes >= config.maxResumes) {
      const timedOut = this.#part.deadline.timedOut;
      this.#finish();
      controller.error(config.fail(detail, problem, timedOut));
      return false;
    }
    this.#resumes++;
    this.#reader?.cancel().catch(() => {});
    this.#part.deadline.dispose();
    try {
      this.#part = await config.refetch(this.#received, this.#etag);
    } catch (error) {
      this.#finished = true;
      config.signal?.removeEventListener("abort", this.#onAbort);
      controller.error(error);
      return false;
    }
    const response = this.#part.response;
    this.#reader = response.body?.getReader();
    if (response.status !== 206) {
      this.#skip = this.#received;
      this.#total = announcedLength(response);
      return true;
    }
    const range = /^bytes\s+(\d+)-/i.exec(response.headers.get("content-range") ?? "");
    if (!range || Number(range[1]) !== this.#received) {
      this.#finish();
      this.#reader?.cancel().catch(() => {});
      controller.error(
        config.fail(
          `the server resumed at the wrong offset (${range?.[1] ?? "?"})`,
          undefined,
          false,
        ),
      );
      return false;
    }
    this.#total = announcedLength(response) ?? this.#total;
    return true;
  }
}
