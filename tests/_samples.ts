/**
 * Locating the real Bakta outputs in `../shared/bakta-samples/` (next to the repository) for the
 * real-data tests, and reporting clearly when they are absent.
 *
 * @module
 */

/** The samples folder URL, resolved from the repository root (`<repo>/../shared/bakta-samples/`). */
export const SAMPLES_URL: URL = new URL("../../shared/bakta-samples/", import.meta.url);

/** The samples folder as a file path, ending with `/`. */
export const SAMPLES_DIR: string = decodeURIComponent(SAMPLES_URL.pathname);

function detectSamples(): boolean {
  try {
    return Deno.statSync(SAMPLES_URL).isDirectory;
  } catch {
    return false;
  }
}

/** Whether the samples folder is present (and readable). */
export const SAMPLES_PRESENT: boolean = detectSamples();

let reported = false;

/**
 * Prints, once per process, whether the real-data tests run or are skipped.
 *
 * @param suite The test file or suite name to mention.
 * @returns {@linkcode SAMPLES_PRESENT}.
 */
export function reportSamples(suite: string): boolean {
  if (!SAMPLES_PRESENT && !reported) {
    console.log(
      `[${suite}] SKIPPED real-data tests: ${SAMPLES_DIR} is absent (put the Bakta samples there)`,
    );
    reported = true;
  }
  return SAMPLES_PRESENT;
}

/**
 * The path of a sample file.
 *
 * @param relative The path inside the samples folder, e.g. `v1.11.4-assembly/assembly.json`.
 * @returns The absolute path.
 */
export function samplePath(relative: string): string {
  return SAMPLES_DIR + relative;
}

/**
 * Reads a sample file's bytes.
 *
 * @param relative The path inside the samples folder.
 * @returns The bytes (gzipped files are returned as they are).
 */
export function readSample(relative: string): Uint8Array {
  return Deno.readFileSync(samplePath(relative));
}

/**
 * Lists sample files (recursively) whose path matches a pattern.
 *
 * @param pattern Tested against the path relative to the samples folder.
 * @returns Relative paths, sorted; empty when the samples are absent.
 */
export function listSamples(pattern: RegExp): string[] {
  if (!SAMPLES_PRESENT) return [];
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of Deno.readDirSync(SAMPLES_DIR + relative)) {
      const path = relative + entry.name;
      if (entry.isDirectory) walk(path + "/");
      else if (pattern.test(path)) found.push(path);
    }
  };
  walk("");
  return found.sort();
}
