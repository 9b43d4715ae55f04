/**
 * Splitting Bakta's `"DB:accession"` cross-references.
 *
 * @module
 */

import type { DbXref } from "../model.ts";
import { ParseError } from "../parse_error.ts";

/**
 * Splits Bakta's `"DB:accession"` at the first colon (`GO:0005737` → `GO` + `0005737`;
 * `UniRef:UniRef90_P12345` → `UniRef` + `UniRef90_P12345`).
 *
 * @param value The cross-reference string.
 * @param where Where it was found (e.g. `features[3].db_xrefs[0]`), for the error message.
 * @param file The file name, for the error message.
 * @param line The 1-based line number, where the format has lines.
 * @returns The split cross-reference.
 * @throws {ParseError} `InvalidAttribute` when there is no colon or either side is empty.
 *
 * @example Splitting at the first colon only
 * ```ts
 * import { splitDbXref } from "./split_db_xref.ts";
 * const xref = splitDbXref("GO:GO:0005737", "example", "input");
 * if (xref.db !== "GO" || xref.accession !== "GO:0005737") throw new Error("first colon");
 * ```
 */
export function splitDbXref(value: string, where: string, file: string, line?: number): DbXref {
  const colon = value.indexOf(":");
  if (colon <= 0 || colon === value.length - 1) {
    throw new ParseError(
      "InvalidAttribute",
      `${where} is ${JSON.stringify(value)}: expected "DB:accession"`,
      { file, line },
    );
  }
  return { db: value.slice(0, colon), accession: value.slice(colon + 1) };
}
