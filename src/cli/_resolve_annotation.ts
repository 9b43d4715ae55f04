/**
 * The annotation a genome-level command reads: the genome's latest, or the one `--annotation`
 * names.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";
import { annotationOf, type AnnotationWithGenome } from "../query/annotation_of.ts";
import { resolveGenome } from "../store/genomes_repository.ts";
import { CliError, EXIT } from "./cli_context.ts";

/**
 * Parses a positive integer option (`--limit`, `--annotation`).
 *
 * @param value The option's text.
 * @param option The option's name, for the message.
 * @returns The number.
 * @throws {CliError} With exit code USAGE for anything but a positive integer.
 *
 * @example Positive integers only
 * ```ts
 * import assert from "node:assert/strict";
 * import { parsePositiveInteger } from "./_resolve_annotation.ts";
 * assert.equal(parsePositiveInteger("12", "--limit"), 12);
 * assert.throws(() => parsePositiveInteger("0", "--limit"));
 * ```
 */
export function parsePositiveInteger(value: string, option: string): number {
  const n = /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new CliError(`Invalid ${option} "${value}": expected a positive integer`, EXIT.USAGE);
  }
  return n;
}

/**
 * The annotation of a genome (by name or id) that a command reads: `annotationId` when given (it
 * must belong to the genome), else the latest genome-mode annotation.
 *
 * @param db The database.
 * @param genome The genome's name or id.
 * @param annotationId The annotation to read instead of the latest.
 * @returns The annotation row with the genome's name.
 * @throws {NotFoundError} When the genome does not exist.
 * @throws {CliError} With exit code NOT_FOUND when the genome has no such annotation.
 */
export async function resolveAnnotation(
  db: Kysely<Database>,
  genome: string,
  annotationId?: number,
): Promise<AnnotationWithGenome> {
  const g = await resolveGenome(db, genome);
  const annotation = await annotationOf(db, g.name, { annotationId }).executeTakeFirst();
  if (annotation === undefined) {
    throw new CliError(
      annotationId === undefined
        ? `Genome "${g.name}" has no genome annotation yet (import one with \`baktadb import\`)`
        : `Genome "${g.name}" has no annotation ${annotationId} (see \`baktadb show ${g.name}\`)`,
      EXIT.NOT_FOUND,
    );
  }
  return annotation;
}
