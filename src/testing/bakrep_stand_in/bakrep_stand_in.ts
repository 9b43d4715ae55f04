/**
 * A local stand-in of the BakRep web API on 127.0.0.1, for tests and offline demos: dataset
 * records, `/search/_info`, `/search` (JSON and TSV, paging, the query operators) and the files,
 * built from the seeded factory, with faults on demand.
 *
 * @module
 */

import type { BakrepDocument, BakrepSearchBody, BakrepSort } from "../../bakrep/bakrep_types.ts";
import { valueAt } from "../../bakrep/search_bakrep.ts";
import { type BakrepDatasetFixture, makeBakrepDataset } from "./make_bakrep_dataset.ts";
import { after, documentOf, matches, searchFields, sortDocuments } from "./_search_catalogue.ts";

/** Faults the stand-in answers with; tests change them between requests. */
export interface BakrepStandInFaults {
  /** Request path → how many more requests of it answer 500. */
  fail500: Map<string, number>;
  /** File names served with one byte changed (a wrong MD5). */
  corrupt: Set<string>;
  /** File names whose next answer breaks off half-way (the client resumes with `Range`). */
  truncateOnce: Set<string>;
  /** Request path → milliseconds to wait before answering. */
  slowMs: Map<string, number>;
}

/** Options of {@linkcode startBakrepStandIn}. */
export interface BakrepStandInOptions {
  /**
   * The datasets: made ones, or how many to make (ids `SAMN90000001`…, seeds 1…).
   * @default 6
   */
  datasets?: number | readonly BakrepDatasetFixture[];
}

/** A running stand-in. */
export interface BakrepStandIn extends AsyncDisposable {
  /** The API base URL (`http://127.0.0.1:<port>/api/v2`). */
  url: string;
  /** The dataset ids, in catalogue order. */
  ids: string[];
  /** Each dataset's files and facts, by dataset id. */
  datasets: Map<string, BakrepDatasetFixture>;
  /** The faults (empty at the start). */
  faults: BakrepStandInFaults;
  /** Every request, `METHOD path`, in order. */
  requests: string[];
  /** Stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the BakRep stand-in on a free port of 127.0.0.1.
 *
 * @param options The datasets.
 * @returns The running stand-in; `await using` closes it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { startBakrepStandIn } from "./bakrep_stand_in.ts";
 * await using standIn = await startBakrepStandIn({ datasets: 2 });
 * const info = await (await fetch(`${standIn.url}/search/_info`)).json();
 * assert.ok(info.some((f: { field: string }) => f.field === "checkm2.quality.completeness"));
 * ```
 */
export function startBakrepStandIn(
  options: BakrepStandInOptions = {},
): Promise<BakrepStandIn> {
  const made = options.datasets ?? 6;
  const list = typeof made === "number"
    ? Array.from(
      { length: made },
      (_, i) => makeBakrepDataset(`SAMN${String(90_000_001 + i)}`, { seed: i + 1 }),
    )
    : [...made];
  const datasets = new Map(list.map((d) => [d.id, d]));
  const faults: BakrepStandInFaults = {
    fail500: new Map(),
    corrupt: new Set(),
    truncateOnce: new Set(),
    slowMs: new Map(),
  };
  const requests: string[] = [];
  const closing = new AbortController();
  let origin = "";
  const handler = new StandInHandler(datasets, faults, () => origin);
  const server = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    signal: closing.signal,
    onListen() {},
  }, (request) => {
    const path = new URL(request.url).pathname;
    requests.push(`${request.method} ${path}`);
    return handler.answer(request, path);
  });
  origin = `http://127.0.0.1:${server.addr.port}`;
  const close = async () => {
    if (!closing.signal.aborted) closing.abort();
    await server.finished;
  };
  return Promise.resolve({
    url: `${origin}/api/v2`,
    ids: list.map((d) => d.id),
    datasets,
    faults,
    requests,
    close,
    [Symbol.asyncDispose]: close,
  });
}

class StandInHandler {
  readonly #datasets: Map<string, BakrepDatasetFixture>;
  readonly #faults: BakrepStandInFaults;
  readonly #origin: () => string;
  readonly #documents: BakrepDocument[];

  constructor(
    datasets: Map<string, BakrepDatasetFixture>,
    faults: BakrepStandInFaults,
    origin: () => string,
  ) {
    this.#datasets = datasets;
    this.#faults = faults;
    this.#origin = origin;
    this.#documents = [...datasets.values()].map((d) => documentOf(d.fields));
  }

  async answer(request: Request, path: string): Promise<Response> {
    const slow = this.#faults.slowMs.get(path);
    if (slow !== undefined) await pause(slow, request.signal);
    const failures = this.#faults.fail500.get(path) ?? 0;
    if (failures > 0) {
      this.#faults.fail500.set(path, failures - 1);
      return new Response("stand-in fault", { status: 500 });
    }
    let match: RegExpExecArray | null;
    if (path === "/api/v2/search/_info") return Response.json(this.#info());
    if (path === "/api/v2/search" && request.method === "POST") return await this.#search(request);
    if ((match = /^\/api\/v[12]\/datasets\/([^/]+)$/.exec(path))) return this.#record(match[1]);
    if ((match = /^\/files\/([^/]+)\/([^/]+)$/.exec(path))) {
      return this.#file(match[1], match[2], request.headers.get("range"));
    }
    return new Response("not found", { status: 404 });
  }

  #info() {
    return searchFields([...this.#datasets.values()].map((d) => d.fields));
  }

  #record(id: string): Response {
    const dataset = this.#datasets.get(decodeURIComponent(id));
    if (dataset === undefined) return Response.json({ error: "not found" }, { status: 404 });
    return new Response(dataset.record(`${this.#origin()}/files`), {
      headers: { "content-type": "application/json" },
    });
  }

  async #search(request: Request): Promise<Response> {
    let body: BakrepSearchBody;
    try {
      body = await request.json();
    } catch {
      return Response.json({ error: "the body is not JSON" }, { status: 400 });
    }
    const known = new Set(this.#info().map((f) => f.field));
    const sort: BakrepSort[] = body.sort ?? [];
    const bad = sort.find((s) => s.field !== "id" && !known.has(s.field));
    if (bad) return Response.json({ error: `unknown field ${bad.field}` }, { status: 400 });
    let found: BakrepDocument[];
    try {
      found = this.#documents.filter((doc) => matches(doc, body.query));
    } catch (error) {
      return Response.json({ error: (error as Error).message }, { status: 400 });
    }
    sortDocuments(found, sort);
    const total = found.length;
    const rest = body.search_after ? after(found, sort, body.search_after) : found;
    const offset = body.search_after ? 0 : body.offset ?? 0;
    const results = rest.slice(offset, offset + body.limit);
    if ((request.headers.get("accept") ?? "").includes("text/tab-separated-values")) {
      return new Response(toTsv(results, [...known]), {
        headers: { "content-type": "text/tab-separated-values" },
      });
    }
    return Response.json({ offset: body.offset, total, results });
  }

  #file(id: string, name: string, range: string | null): Response {
    let bytes: Uint8Array<ArrayBuffer> | undefined = this.#datasets.get(id)?.files.get(name)
      ?.slice();
    if (bytes === undefined) return new Response("no such file", { status: 404 });
    if (this.#faults.corrupt.has(name)) {
      bytes = bytes.slice();
      bytes[bytes.length >> 1] ^= 0x55;
    }
    const start = Number(/^bytes=(\d+)-$/.exec(range ?? "")?.[1] ?? 0);
    const part = bytes.subarray(start);
    const headers: Record<string, string> = {
      "content-length": String(part.length),
      "accept-ranges": "bytes",
    };
    if (start > 0) headers["content-range"] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    const status = start > 0 ? 206 : 200;
    if (this.#faults.truncateOnce.delete(name)) {
      return new Response(brokenStream(part), { status, headers });
    }
    return new Response(part.slice(), { status, headers });
  }
}

/** Waits, or stops waiting when the client goes away. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** A body that sends half its bytes and then ends (short of its announced length). */
function brokenStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, bytes.length >> 1));
      setTimeout(() => controller.close(), 20);
    },
  });
}

function toTsv(results: readonly BakrepDocument[], fields: readonly string[]): string {
  const cell = (value: unknown) => value === null ? "" : String(value);
  return [
    ["id", ...fields].join("\t"),
    ...results.map((doc) => [doc.id, ...fields.map((f) => cell(valueAt(doc, f)))].join("\t")),
  ].join("\n") + "\n";
}
