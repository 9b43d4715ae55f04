/**
 * Locating the real BakRep side files in `../shared/bakrep-samples/SAMEA3231284/` for the
 * real-data tests, and reporting clearly when they are absent.
 *
 * @module
 */

/** The dataset id of the real BakRep sample. */
export const BAKREP_SAMPLE_ID = "SAMEA3231284";

/** The folder of the real BakRep sample, ending with `/`. */
export const BAKREP_SAMPLE_DIR: string = decodeURIComponent(
  new URL(`../../shared/bakrep-samples/${BAKREP_SAMPLE_ID}/`, import.meta.url).pathname,
);

function detect(): boolean {
  try {
    return Deno.statSync(BAKREP_SAMPLE_DIR).isDirectory;
  } catch {
    return false;
  }
}

/** Whether the BakRep sample is present. */
export const BAKREP_SAMPLE_PRESENT: boolean = detect();

/**
 * Prints a SKIPPED line when the BakRep sample is absent.
 *
 * @param suite The suite to name.
 * @returns {@linkcode BAKREP_SAMPLE_PRESENT}.
 */
export function reportBakrepSample(suite: string): boolean {
  if (!BAKREP_SAMPLE_PRESENT) {
    console.log(`[${suite}] SKIPPED real-data tests: ${BAKREP_SAMPLE_DIR} is absent`);
  }
  return BAKREP_SAMPLE_PRESENT;
}

/**
 * The path of one of the sample's files.
 *
 * @param suffix The part after the id, e.g. `.checkm2.json.gz`.
 * @returns The path.
 */
export function bakrepSamplePath(suffix: string): string {
  return `${BAKREP_SAMPLE_DIR}${BAKREP_SAMPLE_ID}${suffix}`;
}
