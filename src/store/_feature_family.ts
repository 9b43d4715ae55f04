/**
 * A feature's gene family, computed in JavaScript at import with the rule of `familyKey()` (in
 * `src/analysis/gene_families.ts`), which stays the definition.
 *
 * @module
 */

import type { DbXref } from "../formats/model.ts";

/**
 * The family of a protein from its cross-references and stored protein digest: the smallest
 * `UniRef90_…` accession among the `UniRef` cross-references, else the smallest `UniRef50_…`, else
 * `MD5:` + `aaHexdigest`, else null. "Smallest" is SQLite's binary order (accessions are ASCII, where
 * it equals JavaScript's string order).
 *
 * @param aaHexdigest The digest as stored in `features.aa_hexdigest` (null when none).
 * @param xrefs The feature's cross-references.
 * @returns The family, or null.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { featureFamily } from "./_feature_family.ts";
 * assert.equal(featureFamily("ab", [
 *   { db: "UniRef", accession: "UniRef50_B" },
 *   { db: "UniRef", accession: "UniRef90_Z" },
 *   { db: "UniRef", accession: "UniRef90_A" },
 * ]), "UniRef90_A");
 * assert.equal(featureFamily("ab", [{ db: "UniParc", accession: "UPI1" }]), "MD5:ab");
 * assert.equal(featureFamily(null, []), null);
 * ```
 */
export function featureFamily(
  aaHexdigest: string | null,
  xrefs: readonly DbXref[],
): string | null {
  let uniref90: string | undefined;
  let uniref50: string | undefined;
  for (const { db, accession } of xrefs) {
    if (db !== "UniRef") continue;
    if (accession.startsWith("UniRef90_")) {
      if (uniref90 === undefined || accession < uniref90) uniref90 = accession;
    } else if (accession.startsWith("UniRef50_")) {
      if (uniref50 === undefined || accession < uniref50) uniref50 = accession;
    }
  }
  return uniref90 ?? uniref50 ?? (aaHexdigest === null ? null : `MD5:${aaHexdigest}`);
}
