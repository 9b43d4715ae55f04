/**
 * The FASTA reader producing a (sequences-only) {@linkcode BaktaRun}.
 *
 * @module
 */

import { decodeInput } from "../decode_input.ts";
import type { BaktaRun, Sequence, SequenceType, Topology } from "../model.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { type FastaRecord, parseFasta } from "./parse_fasta.ts";

/** What the NCBI-style `[key=value]` tags of a Bakta sequence header say. */
export interface SequenceTags {
  /** `[topology=circular|linear]`. */
  topology?: Topology;
  /** `[completeness=complete]` → true. */
  complete?: boolean;
  /** `[location=chromosome]` → chromosome; `[location=plasmid]` or `[plasmid-name=…]` → plasmid. */
  type?: SequenceType;
  /** `[plasmid-name=…]`. */
  name?: string;
}

/**
 * Reads the `[key=value]` tags Bakta writes into sequence descriptions
 * (`[gcode=11] [completeness=complete] [topology=circular] [plasmid-name=unnamed1]`).
 *
 * @param description The FASTA description (the header after the id).
 * @returns The tags the model uses; fields are absent when the description does not say.
 *
 * @example Reading a plasmid's tags
 * ```ts
 * import { readSequenceTags } from "./read_fasta.ts";
 * const tags = readSequenceTags("[gcode=11] [completeness=complete] [topology=circular] [plasmid-name=p1]");
 * if (tags.type !== "plasmid" || tags.name !== "p1" || tags.topology !== "circular") throw new Error();
 * ```
 */
export function readSequenceTags(description: string | undefined): SequenceTags {
  const tags: SequenceTags = {};
  if (!description || !description.includes("[")) return tags;
  for (const [, key, value] of description.matchAll(/\[([\w-]+)=([^\]]*)\]/g)) {
    if (key === "topology" && (value === "circular" || value === "linear")) tags.topology = value;
    else if (key === "completeness" && value === "complete") tags.complete = true;
    else if (key === "location" && value === "chromosome") tags.type = "chromosome";
    else if (key === "location" && value === "plasmid") tags.type = "plasmid";
    else if (key === "plasmid-name") {
      tags.type = "plasmid";
      tags.name = value;
    }
  }
  return tags;
}

/**
 * Turns one FASTA record of a sequence into the model's {@linkcode Sequence}: id, length and
 * nucleotides, and the description with what its `[key=value]` tags say
 * ({@linkcode readSequenceTags}).
 *
 * @param record The FASTA record.
 * @returns The sequence.
 *
 * @example A plasmid header
 * ```ts
 * import { fastaRecordToSequence } from "./read_fasta.ts";
 * const sequence = fastaRecordToSequence({
 *   id: "c2", description: "[topology=circular] [plasmid-name=p1]", sequence: "ACGT", line: 1,
 * });
 * if (sequence.length !== 4 || sequence.type !== "plasmid" || sequence.name !== "p1") {
 *   throw new Error(JSON.stringify(sequence));
 * }
 * ```
 */
export function fastaRecordToSequence(record: FastaRecord): Sequence {
  const sequence: Sequence = { id: record.id, length: record.sequence.length, nt: record.sequence };
  if (record.description !== undefined) {
    sequence.description = record.description;
    const tags = readSequenceTags(record.description);
    if (tags.type !== undefined) sequence.type = tags.type;
    if (tags.topology !== undefined) sequence.topology = tags.topology;
    if (tags.complete !== undefined) sequence.complete = tags.complete;
    if (tags.name !== undefined) sequence.name = tags.name;
  }
  return sequence;
}

/**
 * Reads a FASTA file of sequences (Bakta's `.fna`, plain or gzipped) into a partial
 * {@linkcode BaktaRun} holding only `sequences` (id, description, length, nt, and topology,
 * completeness, type and plasmid name where the header's `[key=value]` tags say them).
 *
 * For feature FASTA (`.ffn`, `.faa`) use {@linkcode parseFasta}, which returns plain records.
 *
 * @param input The FASTA text, or its bytes (gzipped or not).
 * @param options The file name for errors and `sources`.
 * @returns The partial run.
 * @throws {ParseError} As {@linkcode parseFasta}; `Truncated` for a broken gzip stream.
 *
 * @example Reading a circular plasmid
 * ```ts
 * import { readFasta } from "./read_fasta.ts";
 * const run = readFasta(">contig_1 [topology=circular] [plasmid-name=p1]\nACGT\n", {
 *   file: "x.fna",
 * });
 * const [sequence] = run.sequences;
 * if (sequence.length !== 4 || sequence.topology !== "circular") throw new Error("sequence");
 * if (run.sources[0].format !== "fasta") throw new Error("source");
 * ```
 */
export function readFasta(input: string | Uint8Array, options: ReadOptions = {}): BaktaRun {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const records = parseFasta(decodeInput(input, file, options.maxDecompressedBytes), { file });
  const sequences = records.map(fastaRecordToSequence);
  return {
    mode: "genome",
    genome: {},
    software: {},
    sequences,
    features: [],
    sources: [{ file, format: "fasta", used: ["sequences"] }],
  };
}
