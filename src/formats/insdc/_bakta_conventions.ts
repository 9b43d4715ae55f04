/**
 * Conventions of Bakta's line formats (GFF3, GenBank, EMBL) shared by their readers and writers:
 * the version comment lines, the version-dependent meaning of `pseudo`, and the hypothetical
 * product.
 *
 * @module
 */

import type { SoftwareVersions } from "../model.ts";

/** The product Bakta gives a CDS or sORF without a function. */
export const HYPOTHETICAL_PRODUCT = "hypothetical protein";

/** Bakta's DOI, as its comment headers write it. */
export const BAKTA_DOI = "10.1099/mgen.0.000685";

/** Bakta's URL, as its comment headers write it. */
export const BAKTA_URL = "github.com/oschwengers/bakta";

/**
 * Reads one line of Bakta's comment header (`Software: v1.11.4`, `Database: v6.0, full`, the old
 * `annotated with Bakta v1.4.0` / `Annotated with Bakta (v1.4.0)`), without its `#`/`CC` prefix,
 * into `software`. Lines that say something else are ignored.
 *
 * @param text The comment text, prefix removed and trimmed.
 * @param software The versions to fill in.
 */
export function readSoftwareComment(text: string, software: SoftwareVersions): void {
  let match = /^Software:\s*v?(\S+)/i.exec(text);
  if (match) {
    software.bakta = match[1];
    return;
  }
  match = /^Database:\s*v?([^\s,]+)(?:\s*,\s*(\S+))?/i.exec(text);
  if (match) {
    software.db = match[1];
    if (match[2] !== undefined) software.dbType = match[2];
    return;
  }
  match = /annotated with Bakta\s*\(?v(\d[^\s):]*)/i.exec(text);
  if (match) software.bakta = match[1];
}

/**
 * Whether a Bakta version is older than `major.minor`; false when the version is unknown or does
 * not look like a version (a file not written by Bakta is read with the newest conventions).
 *
 * @param version The version, e.g. `1.9.4`.
 * @param major The major version to compare with.
 * @param minor The minor version to compare with.
 * @returns True when `version` < `major.minor`.
 */
export function isVersionBefore(
  version: string | undefined,
  major: number,
  minor: number,
): boolean {
  if (version === undefined) return false;
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const maj = Number(match[1]);
  const min = Number(match[2]);
  return maj < major || (maj === major && min < minor);
}

/**
 * Whether, in a file written by Bakta `version`, a bare `pseudo` flag (GFF3 `pseudo=True`,
 * INSDC `/pseudo`) marks a pseudogene. Up to 1.9 it did; from 1.10 on Bakta marks pseudogenes
 * with `pseudogene=<type>` and writes the bare `pseudo` flag on *truncated* features (a CDS cut by
 * a sequence edge), which its JSON calls `truncated`, not a pseudogene.
 *
 * @param version The Bakta version of the file, where known.
 * @returns True when the bare flag means "pseudogene".
 */
export function pseudoFlagMeansPseudogene(version: string | undefined): boolean {
  return isVersionBefore(version, 1, 10);
}

/**
 * The comment lines Bakta writes on top of its GFF3 and into GenBank/EMBL `COMMENT`s.
 *
 * @param software The versions to name.
 * @returns The lines, without prefix; empty when the Bakta version is unknown.
 */
export function softwareCommentLines(software: SoftwareVersions): string[] {
  if (software.bakta === undefined) return [];
  const lines = ["Annotated with Bakta", `Software: v${software.bakta}`];
  if (software.db !== undefined) {
    lines.push(`Database: v${software.db}${software.dbType ? `, ${software.dbType}` : ""}`);
  }
  lines.push(`DOI: ${BAKTA_DOI}`, `URL: ${BAKTA_URL}`);
  return lines;
}
