/**
 * The select list of a feature row in the fixed SQLite statements of the query helpers
 * (`regionFeatures`, `searchHits`): the `features` columns of `db/_feature_rows.ts` under their
 * camelCase names, so that a row needs only its flags turned into booleans.
 *
 * @module
 */

import { featureRecordSelection } from "../db/_feature_rows.ts";

/**
 * The feature columns of the table aliased `f`, as SQL select expressions with quoted camelCase
 * aliases: `f.id as "id", f.annotation_id as "annotationId", …`.
 */
export const FEATURE_RECORD_SQL: string = featureRecordSelection("f")
  .map((expression) => {
    const [column, field] = expression.split(" as ");
    return `${column} as "${field}"`;
  })
  .join(", ");
