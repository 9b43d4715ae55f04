/**
 * The state one running stand-in shares between its route handlers (private): its settings, the
 * jobs, the presigned links and stored objects, the request log and the fault injector.
 *
 * @module
 */

import type { BaktaResultFileKey, BaktaVersion } from "../../client/api_types.ts";
import { FaultInjector, type StandInFault, type StandInFaultKind } from "./faults.ts";
import { resolveResultFiles } from "./results.ts";
import type { StandInJob, StandInTiming } from "./stand_in_job.ts";
import type { BaktaStandInConfig, StandInRequestRecord } from "./bakta_stand_in.ts";

/** The bucket name in the stand-in's presigned links. */
export const STAND_IN_BUCKET = "bakta-bucket";

/** The key order of the backend's `ResultFiles` struct. */
export const RESULT_KEY_ORDER: readonly BaktaResultFileKey[] = [
  "EMBL",
  "FAA",
  "FAAHypothetical",
  "FFN",
  "FNA",
  "GBFF",
  "GFF3",
  "JSON",
  "TSV",
  "TSVHypothetical",
  "TXTLogs",
  "TSVInference",
  "PNGCircularPlot",
  "SVGCircularPlot",
];

/** A presigned link the stand-in handed out, by its signature. */
interface SignedLink {
  /** The method it was signed for (`PUT` for uploads, `GET` for downloads). */
  method: string;
  /** The object key it opens, e.g. `jobs/<id>/inputs/fastadata.fasta`. */
  key: string;
  /** When it stops working, in the stand-in clock's milliseconds. */
  expiresAt: number;
}

/** The state of one running stand-in. */
export interface StandInState {
  /** The settings it was started with. */
  readonly settings: BaktaStandInConfig;
  /** The clock, in milliseconds since the epoch. */
  readonly now: () => number;
  /** When jobs go from pending to running to finished. */
  readonly timing: StandInTiming;
  /** What `GET /version` answers. */
  readonly version: BaktaVersion;
  /** The result files `POST /job/result` lists. */
  readonly resultKeys: ReadonlySet<BaktaResultFileKey>;
  /** How long an upload link works, in milliseconds. */
  readonly uploadTtlMs: number;
  /** How long a download link works, in milliseconds. */
  readonly downloadTtlMs: number;
  /** Refuse an upload without `Content-Length` (as the object store does). */
  readonly requireContentLength: boolean;
  /** The faults waiting to fire. */
  readonly faults: FaultInjector;
  /** Every job by its id, deleted ones included. */
  readonly jobs: Map<string, StandInJob>;
  /** Every request received, in order. */
  readonly requests: StandInRequestRecord[];
  /** The presigned links by signature. */
  readonly links: Map<string, SignedLink>;
  /** The uploaded objects by key. */
  readonly objects: Map<string, Uint8Array>;
  /** The result files of each job (by job id), resolved once per start. */
  readonly resultFiles: Map<string, Promise<Map<BaktaResultFileKey, string>>>;
  /** Aborted when the stand-in closes. */
  readonly closing: AbortController;
  /** `http://127.0.0.1:PORT`, set once the server listens. */
  origin: string;
}

/** The version the stand-in reports by default (the contract's example). */
export const DEFAULT_STAND_IN_VERSION: Readonly<BaktaVersion> = Object.freeze({
  toolVersion: "1.10.3",
  dbVersion: "5.1.0",
  backendVersion: "0.6.4",
});

/**
 * The state of a new stand-in, its settings' defaults filled in.
 *
 * @param settings The settings.
 * @returns The state (no server yet: `origin` is empty).
 */
export function createStandInState(settings: BaktaStandInConfig): StandInState {
  const now = settings.now ?? Date.now;
  const faults = new FaultInjector(settings.seed ?? 1);
  for (const fault of settings.faults ?? []) faults.add(fault);
  return {
    settings,
    now,
    timing: {
      pendingMs: settings.pendingMs ?? 0,
      runningMs: settings.runningMs ?? 50,
      statusRefreshMs: settings.statusRefreshMs ?? 0,
      epoch: now(),
    },
    version: { ...DEFAULT_STAND_IN_VERSION, ...settings.version },
    resultKeys: new Set(settings.resultKeys ?? RESULT_KEY_ORDER),
    uploadTtlMs: (settings.uploadLinkTtlSeconds ?? 10_000) * 1000,
    downloadTtlMs: (settings.downloadLinkTtlSeconds ?? 6 * 86_400) * 1000,
    requireContentLength: settings.requireContentLength ?? true,
    faults,
    jobs: new Map(),
    requests: [],
    links: new Map(),
    objects: new Map(),
    resultFiles: new Map(),
    closing: new AbortController(),
    origin: "",
  };
}

/** One request as a route handler sees it. */
export interface RequestContext {
  /** The request (its body already read into `body`). */
  request: Request;
  /** Its parsed URL. */
  url: URL;
  /** Its body. */
  body: Uint8Array;
  /** Its body decoded as UTF-8. */
  text: string;
  /** The faults that fired for it. */
  faults: StandInFault[];
  /** The stand-in clock when it is handled, in milliseconds. */
  now: number;
}

/**
 * The first fault of a kind that fired for a request, typed as that kind.
 *
 * @param faults The faults that fired.
 * @param kind The kind.
 * @returns The fault, or `undefined` when none of that kind fired.
 */
export function firedFault<K extends StandInFaultKind>(
  faults: readonly StandInFault[],
  kind: K,
): Extract<StandInFault, { kind: K }> | undefined {
  return faults.find((fault) => fault.kind === kind) as
    | Extract<StandInFault, { kind: K }>
    | undefined;
}

/**
 * A job that exists and was not deleted.
 *
 * @param state The stand-in.
 * @param jobId The job's id.
 * @returns The job, or `undefined`.
 */
export function activeJob(state: StandInState, jobId: string): StandInJob | undefined {
  const job = state.jobs.get(jobId);
  return job && !job.deleted ? job : undefined;
}

/**
 * A presigned link to one object, remembered so the object store can check it.
 *
 * @param state The stand-in.
 * @param link The method it allows, the object key and how long it works (ms).
 * @param extra More query parameters (e.g. `response-content-disposition`).
 * @returns The link's URL.
 */
export function signLink(
  state: StandInState,
  link: { method: string; key: string; ttlMs: number },
  extra: Record<string, string> = {},
): string {
  const signature = randomHex(32);
  const at = state.now();
  state.links.set(signature, { method: link.method, key: link.key, expiresAt: at + link.ttlMs });
  const date = new Date(at).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
  const query = new URLSearchParams({
    ...extra,
    "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
    "X-Amz-Credential": `standin/${date.slice(0, 8)}/RegionOne/s3/aws4_request`,
    "X-Amz-Date": date,
    "X-Amz-Expires": String(Math.round(link.ttlMs / 1000)),
    "X-Amz-SignedHeaders": "host",
    "X-Amz-Signature": signature,
  });
  return `${state.origin}/${STAND_IN_BUCKET}/${link.key}?${query}`;
}

/**
 * The result files of a job (resolved once per start).
 *
 * @param state The stand-in.
 * @param job The job.
 * @returns The path of each result file by key.
 */
export function resultFilesOf(
  state: StandInState,
  job: StandInJob,
): Promise<Map<BaktaResultFileKey, string>> {
  let files = state.resultFiles.get(job.jobID);
  if (!files) {
    const source = state.settings.resultsFor?.(job) ?? state.settings.resultsDir;
    files = source === undefined ? Promise.resolve(new Map()) : resolveResultFiles(source);
    state.resultFiles.set(job.jobID, files);
  }
  return files;
}

/**
 * Random bytes as lower-case hex.
 *
 * @param bytes How many random bytes.
 * @returns Twice as many hex digits.
 */
export function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
}
