/**
 * Where the Bakta web API lives.
 *
 * @module
 */

/** The public Bakta web API, version 1. */
export const DEFAULT_BAKTA_API_URL = "https://api.bakta.computational.bio/api/v1";

/** The staging Bakta web API, version 1. */
export const STAGING_BAKTA_API_URL = "https://api.staging.bakta.computational.bio/api/v1";

/** The environment variable that overrides the API base URL. */
export const BAKTA_API_URL_ENV = "BAKTA_API_URL";

/**
 * Picks the API base URL: the explicit one, else the environment variable `BAKTA_API_URL` (when
 * set and readable), else the public service. A trailing slash is removed.
 *
 * @param explicit A URL given by the caller (for example a CLI flag).
 * @returns The base URL, e.g. `https://api.bakta.computational.bio/api/v1`.
 * @throws {TypeError} When the chosen value is not an absolute http(s) URL.
 *
 * @example Explicit wins
 * ```ts
 * import { resolveApiUrl } from "./resolve_api_url.ts";
 * const url = resolveApiUrl("http://127.0.0.1:8080/api/v1/");
 * if (url !== "http://127.0.0.1:8080/api/v1") throw new Error(url);
 * ```
 */
export function resolveApiUrl(explicit?: string): string {
  let chosen = explicit;
  let source = "explicit URL";
  if (chosen === undefined || chosen === "") {
    chosen = readEnvironment();
    source = BAKTA_API_URL_ENV;
  }
  if (chosen === undefined || chosen === "") return DEFAULT_BAKTA_API_URL;
  let parsed: URL;
  try {
    parsed = new URL(chosen);
  } catch {
    throw new TypeError(`Invalid ${source} "${chosen}": expected an absolute http(s) URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TypeError(`Invalid ${source} "${chosen}": expected an absolute http(s) URL`);
  }
  return chosen.replace(/\/+$/, "");
}

function readEnvironment(): string | undefined {
  try {
    return Deno.env.get(BAKTA_API_URL_ENV);
  } catch {
    // no --allow-env: behave as if unset
    return undefined;
  }
}
