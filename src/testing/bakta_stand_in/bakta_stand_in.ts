/**
 * A faithful local stand-in of the Bakta web API (v1) and of the object store behind its
 * presigned links, for tests: quirks included, faults on request, every request recorded.
 *
 * @module
 */

import { gunzipSync } from "node:zlib";
import type { BaktaResultFileKey, BaktaVersion } from "../../client/api_types.ts";
import { BAKTA_RESULT_FILE_EXTENSIONS } from "../../client/result_files.ts";
import { sanitizeJobName } from "../../client/sanitize_job_name.ts";
import {
  type AxumRejection,
  extractJobQuery,
  extractJson,
  initShape,
  jobShape,
  listShape,
  startShape,
} from "./axum_json.ts";
import {
  FaultInjector,
  type StandInEndpoint,
  type StandInFault,
  type StandInFaultKind,
} from "./faults.ts";
import { resolveResultFiles, type StandInResultSource } from "./results.ts";
import {
  actualPhase,
  defaultLogs,
  finishedAt,
  INFRA_ERROR_LOGS,
  reportedPhase,
  rfc3339,
  type StandInJob,
  type StandInOutcome,
  type StandInPhase,
  type StandInTiming,
  type StandInUploadKind,
} from "./stand_in_job.ts";

/** The bucket name in the stand-in's presigned links. */
export const STAND_IN_BUCKET = "bakta-bucket";

/** The version the stand-in reports by default (the contract's example). */
export const DEFAULT_STAND_IN_VERSION: Readonly<BaktaVersion> = Object.freeze({
  toolVersion: "1.10.3",
  dbVersion: "5.1.0",
  backendVersion: "0.6.4",
});

/** The key order of the backend's `ResultFiles` struct. */
const RESULT_KEY_ORDER: readonly BaktaResultFileKey[] = [
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

const INPUT_FILES: Readonly<Record<string, StandInUploadKind>> = {
  "fastadata.fasta": "fasta",
  "prodigal.tf": "prodigal",
  "replicons.tsv": "replicons",
};

const REASONS: Readonly<Record<number, string>> = {
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

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
  /** The path. */
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

interface Context {
  request: Request;
  url: URL;
  body: Uint8Array;
  text: string;
  faults: StandInFault[];
  now: number;
}

interface Route {
  endpoint: StandInEndpoint;
  methods: Record<string, (context: Context) => Promise<Response> | Response>;
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
  const now = config.now ?? Date.now;
  const timing: StandInTiming = {
    pendingMs: config.pendingMs ?? 0,
    runningMs: config.runningMs ?? 50,
    statusRefreshMs: config.statusRefreshMs ?? 0,
    epoch: now(),
  };
  const version: BaktaVersion = { ...DEFAULT_STAND_IN_VERSION, ...config.version };
  const resultKeys = new Set(config.resultKeys ?? RESULT_KEY_ORDER);
  const uploadTtlMs = (config.uploadLinkTtlSeconds ?? 10_000) * 1000;
  const downloadTtlMs = (config.downloadLinkTtlSeconds ?? 6 * 86_400) * 1000;
  const requireContentLength = config.requireContentLength ?? true;
  const faults = new FaultInjector(config.seed ?? 1);
  for (const fault of config.faults ?? []) faults.add(fault);

  const jobs = new Map<string, StandInJob>();
  const requests: StandInRequestRecord[] = [];
  const links = new Map<string, { method: string; key: string; expiresAt: number }>();
  const objects = new Map<string, Uint8Array>();
  const resultFiles = new Map<string, Promise<Map<BaktaResultFileKey, string>>>();
  const closing = new AbortController();
  let origin = "";

  const activeJob = (id: string) => {
    const job = jobs.get(id);
    return job && !job.deleted ? job : undefined;
  };
  const has = (context: Context, kind: StandInFaultKind) =>
    context.faults.some((fault) => fault.kind === kind);

  const sign = (method: string, key: string, ttlMs: number, extra: Record<string, string>) => {
    const signature = randomHex(32);
    const at = now();
    links.set(signature, { method, key, expiresAt: at + ttlMs });
    const date = new Date(at).toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "");
    const query = new URLSearchParams({
      ...extra,
      "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
      "X-Amz-Credential": `standin/${date.slice(0, 8)}/RegionOne/s3/aws4_request`,
      "X-Amz-Date": date,
      "X-Amz-Expires": String(Math.round(ttlMs / 1000)),
      "X-Amz-SignedHeaders": "host",
      "X-Amz-Signature": signature,
    });
    return `${origin}/${STAND_IN_BUCKET}/${key}?${query}`;
  };

  const statusOf = (job: StandInJob, phase: StandInPhase, legacy: boolean) => {
    if (phase === "PENDING") return "INIT";
    if (phase === "RUNNING") return "RUNNING";
    if (job.outcome === "SUCCESSFUL") return legacy ? "SUCCESSFULL" : "SUCCESSFUL";
    return "ERROR";
  };

  const filesOf = (job: StandInJob) => {
    let files = resultFiles.get(job.jobID);
    if (!files) {
      const source = config.resultsFor?.(job) ?? config.resultsDir;
      files = source === undefined ? Promise.resolve(new Map()) : resolveResultFiles(source);
      resultFiles.set(job.jobID, files);
    }
    return files;
  };

  const decideOutcome = (job: StandInJob, context: Context) => {
    job.errorLogs = undefined;
    job.outcomeReason = undefined;
    const jobError = context.faults.find((fault) => fault.kind === "jobError");
    if (jobError) {
      job.errorLogs = jobError.logs;
      job.outcomeReason = "forced by a jobError fault";
      return "ERROR" as const;
    }
    if (has(context, "infraError")) return "INFRA_ERROR" as const;
    const chosen = config.outcomeFor?.(job);
    if (chosen !== undefined) return chosen;
    const jobConfig = job.config as { hasReplicons: boolean; prodigalTrainingFile: string | null };
    if (!job.uploads.has("fasta")) {
      job.outcomeReason =
        "input file /data/fastadata.fasta not found (no genome FASTA was uploaded)";
    } else if (job.uploads.get("fasta")!.byteLength === 0) {
      job.outcomeReason = "input file /data/fastadata.fasta is empty";
    } else if (jobConfig.hasReplicons && !job.uploads.has("replicons")) {
      job.outcomeReason =
        "replicon table /data/replicons.tsv not found (hasReplicons defaults to true)";
    } else if (jobConfig.prodigalTrainingFile !== null && !job.uploads.has("prodigal")) {
      job.outcomeReason = "Prodigal training file /data/prodigal.tf not found";
    }
    return job.outcomeReason === undefined ? "SUCCESSFUL" as const : "ERROR" as const;
  };

  // ---- API handlers ------------------------------------------------------------------------

  const version_ = () => json(200, version);

  const init = (context: Context) => {
    const parsed = extractJson(
      context.request.headers.get("content-type"),
      context.text,
      initShape,
    );
    if (!parsed.ok) return rejection(parsed.rejection);
    const job: StandInJob = {
      jobID: crypto.randomUUID(),
      secret: randomSecret(),
      requestedName: parsed.value.name,
      name: sanitizeJobName(parsed.value.name),
      repliconTableType: parsed.value.repliconTableType,
      createdAt: context.now,
      submissions: 0,
      uploads: new Map(),
      deleted: false,
    };
    jobs.set(job.jobID, job);
    const upload = (file: string) =>
      sign("PUT", `jobs/${job.jobID}/inputs/${file}`, uploadTtlMs, {});
    return json(200, {
      uploadLinkFasta: upload("fastadata.fasta"),
      uploadLinkProdigal: upload("prodigal.tf"),
      uploadLinkReplicons: upload("replicons.tsv"),
      job: { secret: job.secret, jobID: job.jobID },
    });
  };

  const start = (context: Context) => {
    const parsed = extractJson(
      context.request.headers.get("content-type"),
      context.text,
      startShape,
    );
    if (!parsed.ok) return rejection(parsed.rejection);
    const job = activeJob(parsed.value.job.jobID);
    if (!job) return json(200, null);
    if (has(context, "unauthorized") || job.secret !== parsed.value.job.secret) {
      return json(400, "Unauthorized");
    }
    job.submissions++;
    job.startedAt = context.now;
    job.config = parsed.value.config;
    job.outcome = decideOutcome(job, context);
    resultFiles.delete(job.jobID);
    return json(200, null);
  };

  const list = (context: Context) => {
    const parsed = extractJson(
      context.request.headers.get("content-type"),
      context.text,
      listShape,
    );
    if (!parsed.ok) return rejection(parsed.rejection);
    const legacy = (config.legacyStatusSpelling ?? false) || has(context, "legacyStatus");
    const listed: unknown[] = [];
    const failed: unknown[] = [];
    for (const { jobID, secret } of parsed.value) {
      const job = activeJob(jobID);
      if (!job) {
        failed.push({ jobID, jobStatus: "NOT_FOUND" });
        continue;
      }
      if (has(context, "unauthorized") || job.secret !== secret) {
        failed.push({ jobID, jobStatus: "UNAUTHORIZED" });
        continue;
      }
      const phase = reportedPhase(job, context.now, timing);
      if (phase === "NOT_STARTED") continue;
      listed.push({
        jobID,
        jobStatus: statusOf(job, phase, legacy),
        started: rfc3339(job.startedAt!),
        updated: rfc3339(phase === "FINISHED" ? finishedAt(job, timing)! : context.now),
        name: job.name,
      });
    }
    return json(200, { jobs: listed, failedJobs: failed });
  };

  const result = (context: Context) => {
    const parsed = extractJson(context.request.headers.get("content-type"), context.text, jobShape);
    if (!parsed.ok) return rejection(parsed.rejection);
    const job = activeJob(parsed.value.jobID);
    if (!job) return json(400, "Job not found");
    if (has(context, "unauthorized") || job.secret !== parsed.value.secret) {
      return json(400, "Unauthorized");
    }
    const phase = reportedPhase(job, context.now, timing);
    if (phase !== "NOT_STARTED" && !(phase === "FINISHED" && job.outcome === "SUCCESSFUL")) {
      return json(400, "Job not finished");
    }
    const files: Record<string, string> = {};
    for (const key of RESULT_KEY_ORDER) {
      if (!resultKeys.has(key)) continue;
      const extension = BAKTA_RESULT_FILE_EXTENSIONS[key];
      files[key] = sign("GET", `jobs/${job.jobID}/results/result.${extension}`, downloadTtlMs, {
        "response-content-disposition": `attachment; filename="${job.name}.${extension}"`,
      });
    }
    const never = phase === "NOT_STARTED";
    return json(200, {
      jobID: job.jobID,
      started: rfc3339(never ? 0 : job.startedAt!),
      updated: rfc3339(never ? 0 : finishedAt(job, timing)!),
      name: job.name,
      ResultFiles: files,
    });
  };

  const logs = (context: Context) => {
    const parsed = extractJobQuery(context.url.searchParams);
    if (!parsed.ok) return rejection(parsed.rejection);
    const job = activeJob(parsed.value.jobID);
    if (!job) return text(400, "Job not found");
    if (has(context, "unauthorized") || job.secret !== parsed.value.secret) {
      return text(400, "Unauthorized");
    }
    const phase = reportedPhase(job, context.now, timing);
    if (phase === "FINISHED" && job.outcome === "INFRA_ERROR") return text(200, INFRA_ERROR_LOGS);
    return text(200, config.logsFor?.(job, phase) ?? defaultLogs(job, phase, version.toolVersion));
  };

  const delete_ = (context: Context) => {
    const parsed = extractJobQuery(context.url.searchParams);
    if (!parsed.ok) return rejection(parsed.rejection);
    const job = activeJob(parsed.value.jobID);
    if (job) {
      if (has(context, "unauthorized") || job.secret !== parsed.value.secret) {
        return text(400, "Unauthorized");
      }
      job.deleted = true;
    }
    return new Response(null, { status: 200, headers: { "content-length": "0" } });
  };

  // ---- object store handlers ---------------------------------------------------------------

  const checkLink = (context: Context, key: string, method: string) => {
    const signature = context.url.searchParams.get("X-Amz-Signature") ?? "";
    const link = links.get(signature);
    const effective = method === "HEAD" ? "GET" : method;
    if (!link || link.key !== key || link.method !== effective) {
      return s3Error(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
        key,
      );
    }
    if (context.now > link.expiresAt) {
      return s3Error(403, "AccessDenied", "Request has expired", key);
    }
    return undefined;
  };

  const upload = (context: Context) => {
    const key = context.url.pathname.slice(STAND_IN_BUCKET.length + 2);
    const refused = checkLink(context, key, "PUT");
    if (refused) return refused;
    if (requireContentLength && !context.request.headers.has("content-length")) {
      return s3Error(
        411,
        "MissingContentLength",
        "You must provide the Content-Length HTTP header.",
        key,
      );
    }
    objects.set(key, context.body);
    const [, jobId, , file] = key.split("/");
    const job = jobs.get(jobId);
    if (job && INPUT_FILES[file]) job.uploads.set(INPUT_FILES[file], context.body);
    return new Response(null, {
      status: 200,
      headers: { "etag": `"${randomHex(16)}"`, "content-length": "0" },
    });
  };

  const download = async (context: Context) => {
    const key = context.url.pathname.slice(STAND_IN_BUCKET.length + 2);
    const refused = checkLink(context, key, context.request.method);
    if (refused) return refused;
    const [, jobId, , file] = key.split("/");
    const job = jobs.get(jobId);
    const extension = file.replace(/^result\./, "");
    const resultKey = RESULT_KEY_ORDER.find((k) => BAKTA_RESULT_FILE_EXTENSIONS[k] === extension);
    const noSuchKey = () => s3Error(404, "NoSuchKey", "The specified key does not exist.", key);
    if (
      !job || !resultKey || actualPhase(job, context.now, timing) !== "FINISHED" ||
      job.outcome !== "SUCCESSFUL"
    ) {
      return noSuchKey();
    }
    const path = (await filesOf(job)).get(resultKey);
    if (path === undefined) return noSuchKey();
    let bytes: Uint8Array<ArrayBuffer>;
    let modified: Date | null;
    try {
      bytes = await Deno.readFile(path);
      if (path.endsWith(".gz")) bytes = new Uint8Array(gunzipSync(bytes));
      modified = (await Deno.stat(path)).mtime;
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return noSuchKey();
      throw error;
    }
    const etag = `"${bytes.byteLength.toString(16)}-${(modified?.getTime() ?? 0).toString(16)}"`;
    const headers: Record<string, string> = {
      "content-type": "application/octet-stream",
      "accept-ranges": "bytes",
      "etag": etag,
    };
    const disposition = context.url.searchParams.get("response-content-disposition");
    // a hostile name (NUL, line breaks) cannot be a header value: the object store drops it
    if (disposition !== null && ![...disposition].some((c) => c.charCodeAt(0) < 0x20)) {
      headers["content-disposition"] = disposition;
    }
    if (modified) headers["last-modified"] = modified.toUTCString();
    const range = context.request.headers.get("range");
    const ifRange = context.request.headers.get("if-range");
    if (range !== null && (ifRange === null || ifRange === etag)) {
      const match = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
      if (match) {
        const first = Number(match[1]);
        const last = match[2] === ""
          ? bytes.byteLength - 1
          : Math.min(Number(match[2]), bytes.byteLength - 1);
        if (first >= bytes.byteLength || first > last) {
          return new Response(null, {
            status: 416,
            headers: { "content-range": `bytes */${bytes.byteLength}`, "content-length": "0" },
          });
        }
        headers["content-range"] = `bytes ${first}-${last}/${bytes.byteLength}`;
        return new Response(bytes.slice(first, last + 1), { status: 206, headers });
      }
    }
    return new Response(bytes, { status: 200, headers });
  };

  const apiRoutes: Record<string, Route> = {
    "/api/v1/version": { endpoint: "version", methods: { GET: version_ } },
    "/api/v1/job/init": { endpoint: "init", methods: { POST: init } },
    "/api/v1/job/start": { endpoint: "start", methods: { POST: start } },
    "/api/v1/job/list": { endpoint: "list", methods: { POST: list } },
    "/api/v1/job/result": { endpoint: "result", methods: { POST: result } },
    "/api/v1/job/logs": { endpoint: "logs", methods: { GET: logs } },
    "/api/v1/job/delete": { endpoint: "delete", methods: { DELETE: delete_ } },
  };
  const objectPath = new RegExp(
    `^/${STAND_IN_BUCKET}/jobs/[0-9a-f-]{36}/(inputs/(fastadata\\.fasta|prodigal\\.tf|replicons\\.tsv)|results/result\\.[a-z0-9.]+)$`,
  );

  const route = (method: string, path: string): Route | undefined => {
    if (Object.hasOwn(apiRoutes, path)) return apiRoutes[path];
    if (!objectPath.test(path)) return undefined;
    // the object store answers every method; a link signed for another one is refused (403)
    if (method === "PUT") return { endpoint: "upload", methods: { PUT: upload } };
    return { endpoint: "download", methods: { [method]: download } };
  };

  // ---- the server --------------------------------------------------------------------------

  const handle = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === REDIRECT_LOOP_PATH) return redirectTo(REDIRECT_LOOP_PATH);
    const body = new Uint8Array(await request.arrayBuffer());
    const found = route(request.method, url.pathname);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => headers[name] = value);
    const record: StandInRequestRecord = {
      index: requests.length + 1,
      at: now(),
      method: request.method,
      url: request.url,
      path: url.pathname,
      endpoint: found?.endpoint,
      headers,
      body: new TextDecoder().decode(body.subarray(0, 65_536)),
      bodyBytes: body.byteLength,
      status: 0,
      faults: [],
    };
    requests.push(record);
    const answer = (response: Response) => {
      record.status = response.status;
      return response;
    };
    if (!found) {
      return answer(new Response(null, { status: 404, headers: { "content-length": "0" } }));
    }
    let handler = found.methods[request.method];
    const isHead = request.method === "HEAD";
    if (!handler && isHead && found.methods.GET) handler = found.methods.GET;
    if (!handler) {
      const allow = Object.keys(found.methods).join(",");
      return answer(new Response(null, { status: 405, headers: { allow, "content-length": "0" } }));
    }
    const fired = faults.take(found.endpoint);
    record.faults = fired.map((fault) => fault.kind);
    const context: Context = {
      request,
      url,
      body,
      text: new TextDecoder().decode(body),
      faults: fired,
      now: now(),
    };
    const find = <K extends StandInFaultKind>(kind: K) =>
      fired.find((fault) => fault.kind === kind) as Extract<StandInFault, { kind: K }> | undefined;

    const delay = find("delay");
    if (delay) {
      const completed = await wait(delay.ms, closing.signal);
      if (!completed) return answer(new Response(null, { status: 503 }));
      context.now = now();
    }
    const rateLimit = find("rateLimit");
    if (rateLimit) {
      const value = rateLimit.retryAfter ?? 1;
      const retryAfter = value instanceof Date
        ? value.toUTCString()
        : typeof value === "number"
        ? String(value)
        : value;
      return answer(htmlError(429, { "retry-after": retryAfter }));
    }
    const status = find("status");
    if (status && !status.after) {
      return answer(htmlError(status.status ?? 503, status.headers, status.body));
    }
    const drop = find("drop");
    if (drop && !drop.after) return answer(cut(new Uint8Array(0), 1, 0, {}));
    if (find("redirectLoop")) return answer(redirectTo(REDIRECT_LOOP_PATH));

    let response = await reshape(await handler(context), fired);
    if (status?.after) {
      await response.body?.cancel();
      return answer(htmlError(status.status ?? 503, status.headers, status.body));
    }
    const truncate = find("truncate");
    if (drop?.after || truncate) {
      const bytes = new Uint8Array(await response.arrayBuffer());
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => responseHeaders[name] = value);
      response = drop?.after
        ? cut(bytes, bytes.byteLength + 1, 0, responseHeaders, response.status)
        : cut(
          bytes,
          bytes.byteLength,
          Math.min(
            truncate?.bytes ?? Math.floor(bytes.byteLength / 2),
            Math.max(0, bytes.byteLength - 1),
          ),
          responseHeaders,
          response.status,
        );
    }
    if (isHead && response.body) {
      await response.body.cancel();
      response = new Response(null, { status: response.status, headers: response.headers });
    }
    return answer(response);
  };

  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: closing.signal,
    onListen() {},
    onError(error) {
      console.error("Bakta stand-in failed to handle a request:", error);
      return new Response("Internal Server Error", { status: 500 });
    },
  }, handle);
  origin = `http://127.0.0.1:${server.addr.port}`;

  let closed: Promise<void> | undefined;
  const close = () => {
    if (!closed) {
      closing.abort();
      closed = server.finished.then(() => {
        config.signal?.removeEventListener("abort", onAbort);
      });
    }
    return closed;
  };
  const onAbort = () => void close();
  if (config.signal?.aborted) await close();
  else config.signal?.addEventListener("abort", onAbort, { once: true });

  return {
    url: origin,
    baseUrl: `${origin}/api/v1`,
    jobs,
    requests,
    setFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),
    requestsTo: (endpoint) => requests.filter((entry) => entry.endpoint === endpoint),
    close,
    finished: server.finished,
    [Symbol.asyncDispose]: close,
  };
}

/** The path of the redirect loop: it redirects to itself. */
const REDIRECT_LOOP_PATH = "/redirect-loop";

function redirectTo(path: string): Response {
  return new Response(null, { status: 302, headers: { location: path, "content-length": "0" } });
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

/** Applies the faults that change a real answer: `oversize`, `answer`, `wrongLength`, `drip`. */
async function reshape(response: Response, fired: readonly StandInFault[]): Promise<Response> {
  const find = <K extends StandInFaultKind>(kind: K) =>
    fired.find((fault) => fault.kind === kind) as Extract<StandInFault, { kind: K }> | undefined;
  const oversize = find("oversize");
  if (oversize) {
    await response.body?.cancel();
    return padding(oversize.bytes, oversize.announce ?? true);
  }
  const replace = find("answer");
  const wrongLength = find("wrongLength");
  const drip = find("drip");
  if (!replace && !wrongLength && !drip) return response;
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => headers[name] = value);
  let bytes = new Uint8Array(await response.arrayBuffer());
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
    return cut(
      bytes,
      bytes.byteLength + (wrongLength.delta ?? 64),
      bytes.byteLength,
      headers,
      status,
    );
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

function json(status: number, value: unknown): Response {
  return new Response(JSON.stringify(value), {
    status,
    headers: { "content-type": "application/json" },
  });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
}

function rejection(value: AxumRejection): Response {
  return text(value.status, value.text);
}

function htmlError(status: number, headers: Record<string, string> = {}, body?: string): Response {
  const title = `${status} ${REASONS[status] ?? "Error"}`;
  const page = body ??
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n` +
      `<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return new Response(page, { status, headers: { "content-type": "text/html", ...headers } });
}

function s3Error(status: number, code: string, message: string, key: string): Response {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code>` +
    `<Message>${message}</Message><Key>${key}</Key><BucketName>${STAND_IN_BUCKET}</BucketName>` +
    `<RequestId>${randomHex(8)}</RequestId></Error>`;
  return new Response(body, { status, headers: { "content-type": "application/xml" } });
}

/** A response that announces `declared` bytes and sends only the first `keep`, then closes. */
function cut(
  bytes: Uint8Array,
  declared: number,
  keep: number,
  headers: Record<string, string>,
  status = 200,
): Response {
  const sent = bytes.subarray(0, keep);
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

function wait(ms: number, ...signals: AbortSignal[]): Promise<boolean> {
  return new Promise((resolve) => {
    if (signals.some((signal) => signal.aborted)) {
      resolve(false);
      return;
    }
    const stop = () => {
      clearTimeout(timer);
      for (const signal of signals) signal.removeEventListener("abort", stop);
      resolve(false);
    };
    const timer = setTimeout(() => {
      for (const signal of signals) signal.removeEventListener("abort", stop);
      resolve(true);
    }, ms);
    for (const signal of signals) signal.addEventListener("abort", stop, { once: true });
  });
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))]
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
}

function randomSecret(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  let secret = "";
  while (secret.length < 32) {
    for (const byte of crypto.getRandomValues(new Uint8Array(64))) {
      if (byte < 248 && secret.length < 32) secret += alphabet[byte % 62];
    }
  }
  return secret;
}
