/**
 * A faithful local stand-in of the Bakta web API (v1) and of the object store behind its
 * presigned links, for tests: quirks included, faults on request, every request recorded.
 *
 * @module
 */

import type { BaktaResultFileKey, BaktaVersion } from "../../client/api_types.ts";
import type { StandInEndpoint, StandInFault, StandInFaultKind } from "./faults.ts";
import type { StandInResultSource } from "./results.ts";
import type { StandInJob, StandInOutcome, StandInPhase } from "./stand_in_job.ts";
import { createStandInState, type StandInState } from "./_stand_in_state.ts";
import { handleRequest } from "./_handle_request.ts";

export { DEFAULT_STAND_IN_VERSION, STAND_IN_BUCKET } from "./_stand_in_state.ts";

/** Constructor input of the stand-in. */
export interface BaktaStandInConfig {
  /** Stops the server when aborted. */
  signal?: AbortSignal;
  /**
   * How long a started job stays pending (listed `INIT`), in milliseconds.
   * @default {0}
   */
  pendingMs?: number;
  /**
   * How long a job then runs (listed `RUNNING`) before it finishes, in milliseconds.
   * @default {50}
   */
  runningMs?: number;
  /**
   * Status refresh interval in milliseconds (the backend refreshes every 15 s); 0 reports live.
   * @default {0}
   */
  statusRefreshMs?: number;
  /** A folder of real Bakta outputs to serve for every successful job (files picked by extension). */
  resultsDir?: string | URL;
  /** Per job: a folder or a map `KEY → file` (falls back to `resultsDir` when it returns nothing). */
  resultsFor?: (job: StandInJob) => StandInResultSource | undefined;
  /**
   * The `ResultFiles` keys the result endpoint returns (older deployments: the first ten).
   * @default {all 14}
   */
  resultKeys?: readonly BaktaResultFileKey[];
  /**
   * How a started job ends; by default `SUCCESSFUL`, or `ERROR` when a file it needs was not uploaded
   * (the FASTA; the replicon table with `hasReplicons` not `false`; the Prodigal file when named).
   */
  outcomeFor?: (job: StandInJob) => StandInOutcome | undefined;
  /** The console output per job and reported phase (default: a Bakta-like log). */
  logsFor?: (job: StandInJob, phase: StandInPhase) => string | undefined;
  /**
   * Spell the success state `SUCCESSFULL`, as the backend did until 2025-01.
   * @default {false}
   */
  legacyStatusSpelling?: boolean;
  /** The versions `GET /version` reports. */
  version?: Partial<BaktaVersion>;
  /**
   * Lifetime of upload links, in seconds.
   * @default {10000}
   */
  uploadLinkTtlSeconds?: number;
  /**
   * Lifetime of download links, in seconds.
   * @default {518400}
   */
  downloadLinkTtlSeconds?: number;
  /**
   * Refuse an upload without `Content-Length` (411), as S3-compatible stores do for presigned PUTs.
   * @default {true}
   */
  requireContentLength?: boolean;
  /**
   * Seed of the PRNG behind probabilistic faults.
   * @default {1}
   */
  seed?: number;
  /**
   * The clock, in milliseconds since the epoch.
   * @default {Date.now}
   */
  now?: () => number;
  /** Faults armed from the start. */
  faults?: readonly StandInFault[];
}

/** One request the stand-in received. */
export interface StandInRequestRecord {
  /** 1-based arrival number. */
  readonly index: number;
  /** When it arrived (stand-in clock). */
  readonly at: number;
  /** The HTTP method. */
  readonly method: string;
  /** The full URL, query included. */
  readonly url: string;
  /** The URL's path, without the query (e.g. `/api/v1/job/init`). */
  readonly path: string;
  /** The endpoint, or `undefined` for an unknown route. */
  readonly endpoint?: StandInEndpoint;
  /** The request headers (lower-case names). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text (the first 64 KiB). */
  readonly body: string;
  /** The body size in bytes. */
  readonly bodyBytes: number;
  /** The status answered (0 until answered). */
  status: number;
  /** The faults that fired on it. */
  faults: StandInFaultKind[];
}

/** A running stand-in. */
export interface BaktaStandIn extends AsyncDisposable {
  /** The origin, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  /** The API base URL, e.g. `http://127.0.0.1:41234/api/v1`. */
  readonly baseUrl: string;
  /** Every job ever created, by id (deleted ones flagged). */
  readonly jobs: ReadonlyMap<string, StandInJob>;
  /** Every request received, in arrival order. */
  readonly requests: readonly StandInRequestRecord[];
  /**
   * Arms a fault.
   *
   * @param fault The fault and when it fires.
   * @returns A function that disarms it.
   */
  setFault(fault: StandInFault): () => void;
  /** Disarms every fault. */
  clearFaults(): void;
  /**
   * The requests received by one endpoint.
   *
   * @param endpoint The endpoint.
   * @returns Its requests, in order.
   */
  requestsTo(endpoint: StandInEndpoint): StandInRequestRecord[];
  /** Stops the server (idempotent) and waits until it has stopped. */
  close(): Promise<void>;
  /** Fulfilled once the server has stopped. */
  readonly finished: Promise<void>;
}

/**
 * Starts the stand-in on 127.0.0.1 at a free port. It speaks the v1 contract of
 * `docs/bakta-api.md` exactly (status codes, body shapes and quirks), serves its own presigned
 * upload and download links, finishes jobs after configurable delays, answers results from a folder
 * of real Bakta outputs, injects faults on request, and records every request.
 *
 * @param config Timing, results, faults and the clock.
 * @returns The running stand-in; `close()` it (or `await using` it).
 *
 * @example A job from init to result
 * ```ts
 * import { startBaktaStandIn } from "./bakta_stand_in.ts";
 * await using standIn = await startBaktaStandIn({ runningMs: 0 });
 * const post = (path: string, body: unknown) =>
 *   fetch(`${standIn.baseUrl}${path}`, {
 *     method: "POST",
 *     headers: { "content-type": "application/json" },
 *     body: JSON.stringify(body),
 *   }).then((response) => response.json());
 * const init = await post("/job/init", { name: "my genome", repliconTableType: "TSV" });
 * if (init.job.jobID === undefined) throw new Error("no job");
 * const listed = await post("/job/list", { jobs: [init.job] });
 * if (listed.jobs.length !== 0) throw new Error("an unstarted job is not listed");
 * ```
 */
export async function startBaktaStandIn(config: BaktaStandInConfig = {}): Promise<BaktaStandIn> {
  const state = createStandInState(config);
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: state.closing.signal,
    onListen() {},
    onError(error) {
      console.error("Bakta stand-in failed to handle a request:", error);
      return new Response("Internal Server Error", { status: 500 });
    },
  }, (request) => handleRequest(state, request));
  state.origin = `http://127.0.0.1:${server.addr.port}`;
  const close = closer(state, server, config.signal);
  if (config.signal?.aborted) await close();
  return {
    url: state.origin,
    baseUrl: `${state.origin}/api/v1`,
    jobs: state.jobs,
    requests: state.requests,
    setFault: (fault) => state.faults.add(fault),
    clearFaults: () => state.faults.clear(),
    requestsTo: (endpoint) => state.requests.filter((entry) => entry.endpoint === endpoint),
    close,
    finished: server.finished,
    [Symbol.asyncDispose]: close,
  };
}

/**
 * The stand-in's `close()`: aborts the server once (later calls give the same promise) and stops
 * listening to the caller's `signal`, which also closes it.
 */
function closer(
  state: StandInState,
  server: Deno.HttpServer,
  signal: AbortSignal | undefined,
): () => Promise<void> {
  let closed: Promise<void> | undefined;
  const close = () => {
    if (!closed) {
      state.closing.abort();
      closed = server.finished.then(() => signal?.removeEventListener("abort", onAbort));
    }
    return closed;
  };
  const onAbort = () => void close();
  if (!signal?.aborted) signal?.addEventListener("abort", onAbort, { once: true });
  return close;
}
