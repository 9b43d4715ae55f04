/**
 * The one check of feature coordinates against their sequence's length and topology, that every
 * reader calls once it knows both.
 *
 * @module
 */

import type { BaktaRun, CrisprPart, Feature, Sequence } from "./model.ts";
import { ParseError, type ParseErrorKind } from "./parse_error.ts";

/**
 * Checks every feature of a run, and every CRISPR repeat and spacer, against its sequence:
 *
 * - no coordinate lies past the end of the sequence (`BeyondSequence`);
 * - only a circular sequence, or one whose topology the source does not give, has features that
 *   cross its origin (`edge`, start > stop); on a linear one that is `LinearOriginSpan`;
 * - an origin-spanning feature stops before it starts (`InvalidStop`).
 *
 * - every feature lies on a sequence the run lists (`UnknownSequence`), when it lists any; a run
 *   without sequences (a TSV read alone) is not checked at all.
 * The error names the file, the feature (type, locus tag, else id, else its number)
 * and where it was read: the line for GFF3, GenBank, EMBL and TSV (from the original record), the
 * JSON path (`features[3].stop`) for Bakta JSON.
 *
 * @param run The run, as a reader built it.
 * @param file The file the features were read from, for errors.
 * @throws {ParseError} `BeyondSequence`, `LinearOriginSpan` or `InvalidStop` for the first feature
 * that contradicts its sequence; `UnknownSequence` for one on a sequence the run does not list.
 *
 * @example A CDS past the end of a linear contig
 * ```ts
 * import { checkFeatureBounds } from "./check_feature_bounds.ts";
 * import { ParseError } from "./parse_error.ts";
 * try {
 *   checkFeatureBounds({
 *     mode: "genome", genome: {}, software: {}, sources: [],
 *     sequences: [{ id: "c1", length: 1330, topology: "linear" }],
 *     features: [{ type: "cds", sequenceId: "c1", start: 1, stop: 999999, strand: "+",
 *       edge: false, locusTag: "X_1", hypothetical: false, pseudo: false, dbXrefs: [],
 *       original: { format: "json", record: {} } }],
 *   }, "x.json");
 *   throw new Error("not rejected");
 * } catch (error) {
 *   if (!(error instanceof ParseError) || error.kind !== "BeyondSequence") throw error;
 *   if (!error.message.startsWith("Cannot parse x.json: features[0].stop: cds X_1")) throw error;
 * }
 * ```
 */
export function checkFeatureBounds(run: BaktaRun, file: string): void {
  if (run.sequences.length === 0) return;
  const sequences = new Map(run.sequences.map((sequence) => [sequence.id, sequence]));
  for (let index = 0; index < run.features.length; index++) {
    const feature = run.features[index];
    const sequence = sequences.get(feature.sequenceId);
    if (sequence === undefined) {
      throw boundsError(feature, index, {
        kind: "UnknownSequence",
        field: "sequence",
        detail: `it lies on sequence ${JSON.stringify(feature.sequenceId)}, which the run does ` +
          `not list (${describeIds(run.sequences)})`,
      }, file);
    }
    const problem = spanProblem(feature, sequence) ?? partsProblem(feature, sequence);
    if (problem !== undefined) throw boundsError(feature, index, problem, file);
  }
}

/** What is wrong with a span, and which end (for the JSON path). */
interface Problem {
  kind: ParseErrorKind;
  field?: "start" | "stop" | "sequence";
  detail: string;
}

/**
 * The problem of one span on its sequence, or undefined when it fits; `subject` starts the
 * message (empty for the feature itself, `its repeat 5..9 ` for a CRISPR part).
 */
function spanProblem(
  span: { start: number; stop: number; edge?: boolean },
  sequence: Sequence,
  subject = "",
): Problem | undefined {
  const { length } = sequence;
  const edge = span.edge ?? span.start > span.stop;
  for (const field of ["start", "stop"] as const) {
    if (span[field] > length) {
      return {
        kind: "BeyondSequence",
        field,
        detail: `${subject}${field} ${span[field]} lies past the end of ${describe(sequence)}`,
      };
    }
  }
  if (!edge) return undefined;
  if (sequence.topology === "linear") {
    return {
      kind: "LinearOriginSpan",
      detail: `${subject}crosses the origin of ${describe(sequence)}`,
    };
  }
  if (span.stop >= span.start) {
    return {
      kind: "InvalidStop",
      field: "stop",
      detail: `${subject}crosses the origin of ${
        describe(sequence)
      } but does not stop before it starts`,
    };
  }
  return undefined;
}

function partsProblem(feature: Feature, sequence: Sequence): Problem | undefined {
  const parts: readonly CrisprPart[] = feature.crisprParts ?? [];
  for (let i = 0; i < parts.length; i++) {
    const { kind, start, stop } = parts[i];
    const problem = spanProblem(parts[i], sequence, `its ${kind} ${start}..${stop} `);
    if (problem !== undefined) return { kind: problem.kind, detail: problem.detail };
  }
  return undefined;
}

function describeIds(sequences: readonly Sequence[]): string {
  const ids = sequences.slice(0, 3).map((s) => JSON.stringify(s.id)).join(", ");
  return sequences.length > 3 ? `${ids}, … ${sequences.length} in all` : ids;
}

function describe(sequence: Sequence): string {
  const topology = sequence.topology === undefined ? "" : `${sequence.topology} `;
  return `${topology}sequence "${sequence.id}" (${sequence.length} bp)`;
}

/** The error, naming the feature and where it was read (line, or JSON path). */
function boundsError(feature: Feature, index: number, problem: Problem, file: string): ParseError {
  const name = feature.locusTag ?? feature.id ?? `#${index + 1}`;
  const record = feature.original.record as { line?: unknown } | null;
  const line = typeof record?.line === "number" ? record.line : undefined;
  let where = "";
  if (feature.original.format === "json") {
    where = `features[${index}]${problem.field === undefined ? "" : `.${problem.field}`}: `;
  }
  return new ParseError(
    problem.kind,
    `${where}${feature.type} ${name} ${feature.start}..${feature.stop}: ${problem.detail}`,
    { file, line },
  );
}
