/**
 * The worker side of {@linkcode PrepareWorker} (`prepare_worker.ts`): reads, checksums and parses
 * runs off the writer's thread. Messages: `stored` (the checksums of the files the database holds),
 * `load` (read and checksum the files; answers the checksums, and the prepared run when a file is
 * not among the stored ones), then `parse` (answers the prepared run) or `drop`. A prepared run
 * goes slimmed (`slimForWriting`); its cross-reference terms are one key string each already.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { type LoadedRunFiles, loadRunFiles, parseRunFiles, slimForWriting } from "./prepare_run.ts";
import type { PrepareRequest, PrepareResponse } from "./prepare_worker.ts";

const loaded = new Map<number, LoadedRunFiles>();
/** The files the database holds, once told; until then every run waits for `parse` or `drop`. */
let stored: Set<string> | undefined;

/** The requests in hand, answered one after the other in the order they came. */
let queue: Promise<void> = Promise.resolve();

// One request at a time: the writer takes runs in order, so the first run asked for comes back
// first instead of all the runs asked for coming back together, interleaved at each read.
self.onmessage = (event: MessageEvent<PrepareRequest>) => {
  queue = queue.then(() => answer(event.data));
};

async function answer(request: PrepareRequest): Promise<void> {
  let response: PrepareResponse;
  try {
    if (request.op === "load") {
      const files = await loadRunFiles(request.paths, request.options);
      files.prefix = request.prefix;
      files.where = request.where;
      const checksums = files.files.map((f) => f.checksum);
      if (stored !== undefined && checksums.some((c) => !stored!.has(c))) {
        const prepared = slimForWriting(await parseRunFiles(files, request.options));
        response = { id: request.id, ok: true, checksums, prepared };
      } else {
        loaded.set(request.id, files);
        response = { id: request.id, ok: true, checksums };
      }
    } else if (request.op === "stored") {
      stored = new Set(request.checksums);
      response = { id: request.id, ok: true };
    } else if (request.op === "parse") {
      const files = loaded.get(request.id);
      loaded.delete(request.id);
      if (files === undefined) throw new Error(`Cannot parse run ${request.id}: it was not loaded`);
      const prepared = slimForWriting(await parseRunFiles(files, request.options));
      response = { id: request.id, ok: true, prepared };
    } else {
      loaded.delete(request.id);
      response = { id: request.id, ok: true };
    }
  } catch (error) {
    response = { id: request.id, ok: false, message: String(error) };
  }
  self.postMessage(response);
}
