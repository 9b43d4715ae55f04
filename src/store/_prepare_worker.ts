/**
 * The worker side of {@linkcode PrepareWorker} (`prepare_worker.ts`): reads, checksums and parses
 * runs off the writer's thread. Messages: `load` (read and checksum the files; answers the
 * checksums), then `parse` (answers the prepared run, slimmed for the trip) or `drop`.
 *
 * @module
 */

/// <reference lib="deno.worker" />

import { type LoadedRunFiles, loadRunFiles, parseRunFiles, slimForWriting } from "./prepare_run.ts";
import type { PrepareRequest, PrepareResponse } from "./prepare_worker.ts";

const loaded = new Map<number, LoadedRunFiles>();

self.onmessage = async (event: MessageEvent<PrepareRequest>) => {
  const request = event.data;
  let response: PrepareResponse;
  try {
    if (request.op === "load") {
      const files = await loadRunFiles(request.paths, request.options);
      files.prefix = request.prefix;
      files.where = request.where;
      loaded.set(request.id, files);
      response = { id: request.id, ok: true, checksums: files.files.map((f) => f.checksum) };
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
};
