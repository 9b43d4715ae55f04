/**
 * The request-body and query-string rejections of the Bakta backend (Rust, axum + serde), imitated:
 * 415 without `Content-Type: application/json`, 400 for malformed JSON, 422 for the wrong shape,
 * 400 for a bad query string; plus the shape checks of each v1 request.
 *
 * @module
 */

/** A rejection: the status and plain-text body axum answers with. */
export interface AxumRejection {
  /** 400, 415 or 422. */
  status: number;
  /** The plain-text message. */
  text: string;
}

/** A request value or its rejection. */
export type Extracted<T> = { ok: true; value: T } | { ok: false; rejection: AxumRejection };

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/** Thrown by the shape checks; caught and turned into a 422 (JSON) or 400 (query). */
class ShapeError extends Error {}

/**
 * Reads a JSON body as axum's `Json` extractor does.
 *
 * @param contentType The `Content-Type` header, or `null`.
 * @param text The body.
 * @param shape Checks the parsed value and returns it typed, throwing a `ShapeError` otherwise.
 * @returns The value, or the rejection to answer with.
 */
export function extractJson<T>(
  contentType: string | null,
  text: string,
  shape: (value: unknown) => T,
): Extracted<T> {
  const mime = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mime !== "application/json" && !/^application\/[^/]+\+json$/.test(mime)) {
    return {
      ok: false,
      rejection: { status: 415, text: "Expected request with `Content-Type: application/json`" },
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = text.trim() === ""
      ? "EOF while parsing a value at line 1 column 0"
      : `${error instanceof Error ? error.message : String(error)}`;
    return {
      ok: false,
      rejection: { status: 400, text: `Failed to parse the request body as JSON: ${detail}` },
    };
  }
  try {
    return { ok: true, value: shape(value) };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return {
      ok: false,
      rejection: {
        status: 422,
        text: `Failed to deserialize the JSON body into the target type: ${error.message} ` +
          `at line 1 column ${text.length}`,
      },
    };
  }
}

/**
 * Reads the `Job` query (`jobID`, `secret`) of logs and delete as axum's `Query` extractor does.
 *
 * @param query The URL's search parameters.
 * @returns The job, or a 400 rejection.
 */
export function extractJobQuery(
  query: URLSearchParams,
): Extracted<{ jobID: string; secret: string }> {
  try {
    const jobID = query.get("jobID");
    if (jobID === null) throw new ShapeError("missing field `jobID`");
    const secret = query.get("secret");
    if (secret === null) throw new ShapeError("missing field `secret`");
    if (!UUID.test(jobID)) {
      throw new ShapeError(`jobID: UUID parsing failed: invalid UUID "${jobID}"`);
    }
    return { ok: true, value: { jobID: canonicalUuid(jobID), secret } };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    return {
      ok: false,
      rejection: { status: 400, text: `Failed to deserialize query string: ${error.message}` },
    };
  }
}

/** The `Job` of the contract. */
export interface WireJob {
  /** The id, lower case. */
  jobID: string;
  /** The job's secret as sent (32 characters when valid). */
  secret: string;
}

/** The parsed init request. */
export interface WireInit {
  /** The name as sent. */
  name: string;
  /** `CSV` or `TSV`. */
  repliconTableType: "CSV" | "TSV";
}

/** The parsed start request (config kept as sent, with its default applied). */
export interface WireStart {
  /** The job to start: its id and secret. */
  job: WireJob;
  /** The config, with `hasReplicons` defaulted to `true`. */
  config: Record<string, unknown> & { hasReplicons: boolean; prodigalTrainingFile: string | null };
}

/**
 * Checks an init request body.
 *
 * @param value The parsed JSON.
 * @returns The request.
 */
export function initShape(value: unknown): WireInit {
  const record = struct(value, "InitRequest", "");
  return {
    name: string(record, "name", ""),
    repliconTableType: variant(record, "repliconTableType", ["CSV", "TSV"], "") as "CSV" | "TSV",
  };
}

/**
 * Checks a `Job` body (result).
 *
 * @param value The parsed JSON.
 * @returns The job.
 */
export function jobShape(value: unknown): WireJob {
  return job(value, "");
}

/**
 * Checks a list request body.
 *
 * @param value The parsed JSON.
 * @returns The jobs.
 */
export function listShape(value: unknown): WireJob[] {
  const record = struct(value, "ListRequest", "");
  if (!("jobs" in record)) throw new ShapeError("missing field `jobs`");
  const jobs = record.jobs;
  if (!Array.isArray(jobs)) {
    throw new ShapeError(`jobs: invalid type: ${unexpected(jobs)}, expected a sequence`);
  }
  return jobs.map((item, index) => job(item, `jobs[${index}]`));
}

/**
 * Checks a start request body.
 *
 * @param value The parsed JSON.
 * @returns The job and its config.
 */
export function startShape(value: unknown): WireStart {
  const record = struct(value, "StartRequest", "");
  if (!("job" in record)) throw new ShapeError("missing field `job`");
  const parsedJob = job(record.job, "job");
  if (!("config" in record)) throw new ShapeError("missing field `config`");
  const config = struct(record.config, "JobConfig", "config");
  unsigned(config, "translationTable", 255, "u8", "config");
  boolean(config, "completeGenome", "config", true);
  boolean(config, "keepContigHeaders", "config", true);
  unsigned(config, "minContigLength", Number.MAX_SAFE_INTEGER, "u64", "config");
  boolean(config, "compliant", "config", true);
  const hasReplicons = boolean(config, "hasReplicons", "config", false) ?? true;
  const prodigalTrainingFile = optionalString(config, "prodigalTrainingFile", "config");
  for (const key of ["genus", "species", "strain", "plasmid", "locus", "locusTag"]) {
    optionalString(config, key, "config");
  }
  if (config.dermType !== undefined && config.dermType !== null) {
    variant(config, "dermType", ["UNKNOWN", "MONODERM", "DIDERM"], "config");
  }
  return { job: parsedJob, config: { ...config, hasReplicons, prodigalTrainingFile } };
}

function job(value: unknown, path: string): WireJob {
  const record = struct(value, "Job", path);
  const secret = string(record, "secret", path);
  if (!("jobID" in record)) throw new ShapeError(at(path, "missing field `jobID`"));
  const id = record.jobID;
  if (typeof id !== "string") {
    throw new ShapeError(
      at(join(path, "jobID"), `invalid type: ${unexpected(id)}, expected a UUID string`),
    );
  }
  if (!UUID.test(id)) {
    throw new ShapeError(at(join(path, "jobID"), `UUID parsing failed: invalid UUID "${id}"`));
  }
  return { jobID: canonicalUuid(id), secret };
}

/**
 * Writes a UUID as the backend prints it: lower case, hyphenated.
 *
 * @param id A UUID, with or without hyphens.
 * @returns The canonical form.
 */
export function canonicalUuid(id: string): string {
  const hex = id.replaceAll("-", "").toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
    hex.slice(20)
  }`;
}

function struct(value: unknown, name: string, path: string): Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ShapeError(at(path, `invalid type: ${unexpected(value)}, expected struct ${name}`));
  }
  return value as Record<string, unknown>;
}

function string(record: Record<string, unknown>, key: string, path: string): string {
  if (!(key in record)) throw new ShapeError(at(path, `missing field \`${key}\``));
  const value = record[key];
  if (typeof value !== "string") {
    throw new ShapeError(
      at(join(path, key), `invalid type: ${unexpected(value)}, expected a string`),
    );
  }
  return value;
}

function optionalString(record: Record<string, unknown>, key: string, path: string): string | null {
  const value = record[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") {
    throw new ShapeError(
      at(join(path, key), `invalid type: ${unexpected(value)}, expected a string`),
    );
  }
  return value;
}

function boolean(
  record: Record<string, unknown>,
  key: string,
  path: string,
  required: boolean,
): boolean | undefined {
  if (!(key in record)) {
    if (required) throw new ShapeError(at(path, `missing field \`${key}\``));
    return undefined;
  }
  const value = record[key];
  if (typeof value !== "boolean") {
    throw new ShapeError(
      at(join(path, key), `invalid type: ${unexpected(value)}, expected a boolean`),
    );
  }
  return value;
}

function unsigned(
  record: Record<string, unknown>,
  key: string,
  max: number,
  typeName: string,
  path: string,
): number {
  if (!(key in record)) throw new ShapeError(at(path, `missing field \`${key}\``));
  const value = record[key];
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new ShapeError(
      at(join(path, key), `invalid type: ${unexpected(value)}, expected ${typeName}`),
    );
  }
  if (value < 0 || value > max) {
    throw new ShapeError(
      at(join(path, key), `invalid value: integer \`${value}\`, expected ${typeName}`),
    );
  }
  return value;
}

function variant(
  record: Record<string, unknown>,
  key: string,
  allowed: readonly string[],
  path: string,
): string {
  if (!(key in record)) throw new ShapeError(at(path, `missing field \`${key}\``));
  const value = record[key];
  if (typeof value !== "string") {
    throw new ShapeError(at(join(path, key), `invalid type: ${unexpected(value)}, expected enum`));
  }
  if (!allowed.includes(value)) {
    const expected = allowed.length === 2
      ? `\`${allowed[0]}\` or \`${allowed[1]}\``
      : `one of ${allowed.map((item) => `\`${item}\``).join(", ")}`;
    throw new ShapeError(at(join(path, key), `unknown variant \`${value}\`, expected ${expected}`));
  }
  return value;
}

function unexpected(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "sequence";
  switch (typeof value) {
    case "string":
      return `string ${JSON.stringify(value)}`;
    case "boolean":
      return `boolean \`${value}\``;
    case "number":
      return Number.isInteger(value) ? `integer \`${value}\`` : `floating point \`${value}\``;
    case "object":
      return "map";
    default:
      return typeof value;
  }
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function at(path: string, message: string): string {
  return path === "" ? message : `${path}: ${message}`;
}
