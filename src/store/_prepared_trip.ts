/**
 * A prepared run's trip from the prepare worker to the writer in a cheaper form than the run as it
 * is: its byte arrays (stored files, residues, packed originals, cross-reference links)
 * transferred rather than copied, and its cross-reference terms as one flat array of strings
 * rather than one object each (objects are the costly part of a structured clone). The writer
 * gets back the same run.
 *
 * @module
 */

import type { PreparedRun } from "./prepare_run.ts";

/** A prepared run on its way: `xrefTerms` emptied, their `db`, `accession` pairs flattened. */
export interface PreparedTrip {
  /** The run, without its cross-reference terms. */
  prepared: PreparedRun;
  /** `db`, `accession` of each term, in term order. */
  xrefTermPairs: string[];
}

/**
 * The run packed for `postMessage`, with the buffers to transfer (each whole, unshared one once).
 * The run's byte arrays are unusable on the sending side afterwards.
 *
 * @example A round trip gives the run back
 * ```ts
 * import { formatRunAsBaktaJson, makeRun } from "../testing/factory/mod.ts";
 * import { prepareRun } from "./prepare_run.ts";
 * import { fromTrip, toTrip } from "./_prepared_trip.ts";
 * const prepared = await prepareRun(makeRun({ seed: 2, featuresPerSequence: 3 }));
 * const terms = prepared.xrefTerms.length;
 * const { trip, transfer } = toTrip(prepared);
 * const back = fromTrip(structuredClone(trip, { transfer }));
 * if (back.xrefTerms.length !== terms || back.featureRows.length !== 6) throw new Error("trip");
 * ```
 */
export function toTrip(prepared: PreparedRun): { trip: PreparedTrip; transfer: ArrayBuffer[] } {
  const xrefTermPairs: string[] = [];
  for (const term of prepared.xrefTerms) xrefTermPairs.push(term.db, term.accession);
  const buffers = new Set<ArrayBuffer>();
  const views: (ArrayBufferView | null)[] = [
    ...prepared.files.map((f) => f.content),
    ...prepared.sequences.map((s) => s.residues),
    prepared.originals.bytes,
    prepared.xrefLinks,
  ];
  for (const view of views) {
    // Only a buffer the view covers whole: a pooled or shared one would take others' bytes along.
    if (
      view !== null && view.buffer instanceof ArrayBuffer && view.byteOffset === 0 &&
      view.byteLength === view.buffer.byteLength && view.byteLength > 0
    ) buffers.add(view.buffer);
  }
  return {
    trip: { prepared: { ...prepared, xrefTerms: [] }, xrefTermPairs },
    transfer: [...buffers],
  };
}

/**
 * The run back from its trip.
 *
 * @example
 * ```ts
 * import { prepareRun } from "./prepare_run.ts";
 * import { makeRun } from "../testing/factory/mod.ts";
 * import { fromTrip, toTrip } from "./_prepared_trip.ts";
 * const prepared = await prepareRun(makeRun({ seed: 3 }));
 * const first = prepared.xrefTerms[0];
 * const back = fromTrip(toTrip(prepared).trip);
 * if (back.xrefTerms[0]?.accession !== first?.accession) throw new Error("terms");
 * ```
 */
export function fromTrip(trip: PreparedTrip): PreparedRun {
  const pairs = trip.xrefTermPairs;
  const terms = new Array(pairs.length / 2);
  for (let i = 0; i < terms.length; i++) {
    terms[i] = { db: pairs[2 * i], accession: pairs[2 * i + 1] };
  }
  trip.prepared.xrefTerms = terms;
  return trip.prepared;
}
