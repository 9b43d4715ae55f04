/**
 * How the stand-in answers one request (private): record it, find its route in the table, fire
 * the faults armed for its endpoint before and after the real handler, and record the status.
 *
 * @module
 */

import { sleep } from "../../async/sleep.ts";
import {
  deleteRoute,
  initRoute,
  listRoute,
  logsRoute,
  resultRoute,
  type StandInHandler,
  startRoute,
  versionRoute,
} from "./_api_routes.ts";
import { downloadRoute, uploadRoute } from "./_object_store_routes.ts";
import {
  cut,
  empty,
  headersOf,
  htmlError,
  REDIRECT_LOOP_PATH,
  redirectTo,
  reshape,
} from "./_responses.ts";
import {
  firedFault,
  type RequestContext,
  STAND_IN_BUCKET,
  type StandInState,
} from "./_stand_in_state.ts";
import type { StandInEndpoint, StandInFault } from "./faults.ts";
import type { StandInRequestRecord } from "./bakta_stand_in.ts";

/** An endpoint and its handler per HTTP method. */
interface Route {
  endpoint: StandInEndpoint;
  methods: Record<string, StandInHandler>;
}

/** The API's routes by path. */
const API_ROUTES: Readonly<Record<string, Route>> = {
  "/api/v1/version": { endpoint: "version", methods: { GET: versionRoute } },
  "/api/v1/job/init": { endpoint: "init", methods: { POST: initRoute } },
  "/api/v1/job/start": { endpoint: "start", methods: { POST: startRoute } },
  "/api/v1/job/list": { endpoint: "list", methods: { POST: listRoute } },
  "/api/v1/job/result": { endpoint: "result", methods: { POST: resultRoute } },
  "/api/v1/job/logs": { endpoint: "logs", methods: { GET: logsRoute } },
  "/api/v1/job/delete": { endpoint: "delete", methods: { DELETE: deleteRoute } },
};

/** The paths of the object store: a job's three inputs and its result files. */
const OBJECT_PATH = new RegExp(
  `^/${STAND_IN_BUCKET}/jobs/[0-9a-f-]{36}/(inputs/(fastadata\\.fasta|prodigal\\.tf|replicons\\.tsv)|results/result\\.[a-z0-9.]+)$`,
);

/**
 * Answers one request as the Bakta API and its object store would, faults included.
 *
 * @param state The stand-in.
 * @param request The request.
 * @returns The answer (its status also written to the request's record).
 */
export async function handleRequest(state: StandInState, request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.pathname === REDIRECT_LOOP_PATH) return redirectTo(REDIRECT_LOOP_PATH);
  const body = await request.bytes();
  const found = findRoute(request.method, url.pathname);
  const record = recordRequest(state, request, url, body, found?.endpoint);
  const answer = (response: Response) => {
    record.status = response.status;
    return response;
  };
  if (!found) return answer(empty(404));
  const isHead = request.method === "HEAD";
  const handler = found.methods[request.method] ?? (isHead ? found.methods.GET : undefined);
  if (!handler) return answer(empty(405, { allow: Object.keys(found.methods).join(",") }));
  const fired = state.faults.take(found.endpoint);
  record.faults = fired.map((fault) => fault.kind);
  const context: RequestContext = {
    request,
    url,
    body,
    text: new TextDecoder().decode(body),
    faults: fired,
    now: state.now(),
  };
  const early = await faultBeforeHandler(state, context);
  if (early !== undefined) return answer(early);
  let response = await faultAfterHandler(await handler(state, context), fired);
  if (isHead && response.body) {
    await response.body.cancel();
    response = new Response(null, { status: response.status, headers: response.headers });
  }
  return answer(response);
}

/** The route of a request: an API path, or any method on an object-store path. */
function findRoute(method: string, path: string): Route | undefined {
  if (Object.hasOwn(API_ROUTES, path)) return API_ROUTES[path];
  if (!OBJECT_PATH.test(path)) return undefined;
  // the object store answers every method; a link signed for another one is refused (403)
  if (method === "PUT") return { endpoint: "upload", methods: { PUT: uploadRoute } };
  return { endpoint: "download", methods: { [method]: downloadRoute } };
}

/** Appends a request to the log (status 0 until answered) and returns its record. */
function recordRequest(
  state: StandInState,
  request: Request,
  url: URL,
  body: Uint8Array,
  endpoint: StandInEndpoint | undefined,
): StandInRequestRecord {
  const record: StandInRequestRecord = {
    index: state.requests.length + 1,
    at: state.now(),
    method: request.method,
    url: request.url,
    path: url.pathname,
    endpoint,
    headers: Object.fromEntries(request.headers),
    body: new TextDecoder().decode(body.subarray(0, 65_536)),
    bodyBytes: body.byteLength,
    status: 0,
    faults: [],
  };
  state.requests.push(record);
  return record;
}

/**
 * The faults that answer instead of the handler: `delay` (then 503 if the stand-in closes),
 * `rateLimit`, `status` and `drop` not marked `after`, `redirectLoop`. A `delay` that ends moves
 * `context.now` on and lets the handler answer (`undefined`).
 */
async function faultBeforeHandler(
  state: StandInState,
  context: RequestContext,
): Promise<Response | undefined> {
  const fired = context.faults;
  const delay = firedFault(fired, "delay");
  if (delay) {
    const completed = await waitUnlessAborted(delay.ms, state.closing.signal);
    if (!completed) return new Response(null, { status: 503 });
    context.now = state.now();
  }
  const rateLimit = firedFault(fired, "rateLimit");
  if (rateLimit) {
    const value = rateLimit.retryAfter ?? 1;
    const retryAfter = value instanceof Date ? value.toUTCString() : String(value);
    return htmlError(429, { "retry-after": retryAfter });
  }
  const status = firedFault(fired, "status");
  if (status && !status.after) return htmlError(status.status ?? 503, status.headers, status.body);
  const drop = firedFault(fired, "drop");
  if (drop && !drop.after) return cut(new Uint8Array(0), 1, 0, {});
  if (firedFault(fired, "redirectLoop")) return redirectTo(REDIRECT_LOOP_PATH);
  return undefined;
}

/**
 * The faults that change or replace the handler's answer: those of `reshape`, then `status` and
 * `drop` marked `after`, and `truncate` (half the body unless `bytes` says otherwise).
 */
async function faultAfterHandler(
  response: Response,
  fired: readonly StandInFault[],
): Promise<Response> {
  const reshaped = await reshape(response, fired);
  const status = firedFault(fired, "status");
  if (status?.after) {
    await reshaped.body?.cancel();
    return htmlError(status.status ?? 503, status.headers, status.body);
  }
  const drop = firedFault(fired, "drop");
  const truncate = firedFault(fired, "truncate");
  if (!drop?.after && !truncate) return reshaped;
  const bytes = await reshaped.bytes();
  const headers = headersOf(reshaped);
  if (drop?.after) return cut(bytes, bytes.byteLength + 1, 0, headers, reshaped.status);
  const sent = Math.min(
    truncate?.bytes ?? Math.floor(bytes.byteLength / 2),
    Math.max(0, bytes.byteLength - 1),
  );
  return cut(bytes, bytes.byteLength, sent, headers, reshaped.status);
}

/** Waits `ms` milliseconds: `true` when the time passed, `false` when `signal` aborted first. */
function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<boolean> {
  return sleep(ms, signal).then(() => true, () => false);
}
