/**
 * Friendly job options and the `JobConfig` the service expects.
 *
 * @module
 */

// win32: file names split at "/" and "\\" alike, on every OS (lists may come from Windows).
import { win32 } from "node:path";
import type { BaktaDermType, BaktaJobConfig } from "./api_types.ts";
import { BaktaValidationError } from "./bakta_error.ts";
import { withDefaults } from "../options/with_defaults.ts";

/** The locus prefix the official UI accepts. */
export const LOCUS_PATTERN: RegExp = /^[#.*A-Za-z0-9_-]{1,20}$/;

/** The locus tag prefix the official UI accepts. */
export const LOCUS_TAG_PATTERN: RegExp = /^[A-Z][A-Z0-9]{2,11}$/;

/** Gram staining as Bakta's `--gram` spells it. */
export type GramStain = "+" | "-" | "?";

/** The genetic codes Bakta offers. */
export type TranslationTable = 11 | 4;

/**
 * An optional file to upload with a job: a path (`string` or file `URL`) or inline content.
 * The client itself never opens paths; the caller (or the job service) reads them.
 */
export type JobUploadSource = string | URL | { content: string | Uint8Array };

/** Friendly options of a Bakta job, as the CLI `bakta` names them. */
export interface JobOptions {
  /** Genus name (`--genus`). */
  genus?: string;
  /** Species name (`--species`). */
  species?: string;
  /** Strain name (`--strain`). */
  strain?: string;
  /** Plasmid name (`--plasmid`). */
  plasmid?: string;
  /**
   * All sequences are complete replicons (`--complete`).
   * @default {false}
   */
  complete?: boolean;
  /**
   * INSDC-compliant output (`--compliant`); contig ids must then match `CONTIG_ID_PATTERN`.
   * @default {false}
   */
  compliant?: boolean;
  /** Locus prefix (`--locus`), matching `^[#.*A-Za-z0-9_-]{1,20}$`. */
  locus?: string;
  /** Locus tag prefix (`--locus-tag`), matching `^[A-Z][A-Z0-9]{2,11}$`. */
  locusTag?: string;
  /**
   * Genetic code (`--translation-table`).
   * @default {11}
   */
  translationTable?: TranslationTable;
  /** Gram type (`--gram`): `+` monoderm, `-` diderm, `?` unknown. Unset sends `null`. */
  gram?: GramStain;
  /**
   * Keep the original contig headers (`--keep-contig-headers`).
   * @default {false}
   */
  keepContigHeaders?: boolean;
  /**
   * Minimum contig length (`--min-contig-length`); the service applies it only when > 1.
   * @default {1}
   */
  minContigLength?: number;
  /** A replicon table to upload (path or content); sets `hasReplicons: true`. */
  repliconTable?: JobUploadSource;
  /** A Prodigal training file to upload (path or content); sets `prodigalTrainingFile`. */
  prodigalTrainingFile?: JobUploadSource;
}

/** The defaults of `JobOptions`. */
export const DEFAULT_JOB_OPTIONS: Readonly<{
  complete: boolean;
  compliant: boolean;
  translationTable: TranslationTable;
  keepContigHeaders: boolean;
  minContigLength: number;
}> = Object.freeze({
  complete: false,
  compliant: false,
  translationTable: 11 as TranslationTable,
  keepContigHeaders: false,
  minContigLength: 1,
});

const DERM_TYPES: Readonly<Record<GramStain, BaktaDermType>> = {
  "+": "MONODERM",
  "-": "DIDERM",
  "?": "UNKNOWN",
};

/**
 * Turns friendly options into the `JobConfig` of `POST /job/start`: always the five required fields,
 * `hasReplicons: false` unless a replicon table is uploaded (the service defaults it to `true`, which
 * fails a job without a table), `prodigalTrainingFile` set only when one is uploaded, and `null` for
 * every unset optional field.
 *
 * @param options The job options.
 * @returns The config to send.
 * @throws {BaktaValidationError} With kind `InvalidOption` and `option` naming the bad option.
 *
 * @example A minimal config
 * ```ts
 * import { buildJobConfig } from "./build_job_config.ts";
 * const config = buildJobConfig({ genus: "Escherichia", gram: "-", locusTag: "ECO" });
 * if (config.hasReplicons !== false || config.dermType !== "DIDERM") throw new Error("wrong");
 * if (config.translationTable !== 11 || config.minContigLength !== 1) throw new Error("wrong");
 * ```
 */
export function buildJobConfig(options: JobOptions = {}): BaktaJobConfig {
  const { complete, compliant, translationTable, keepContigHeaders, minContigLength } =
    withDefaults(options, DEFAULT_JOB_OPTIONS);
  checkBoolean("complete", complete);
  checkBoolean("compliant", compliant);
  checkBoolean("keepContigHeaders", keepContigHeaders);
  if (translationTable !== 11 && translationTable !== 4) {
    throw invalid("translationTable", translationTable, "11 or 4");
  }
  if (!Number.isSafeInteger(minContigLength) || minContigLength < 0) {
    throw invalid("minContigLength", minContigLength, "an integer >= 0");
  }
  const locus = optionalText("locus", options.locus);
  if (locus !== null && !LOCUS_PATTERN.test(locus)) {
    throw invalid("locus", locus, `1 to 20 of A-Z a-z 0-9 # . * _ - (${LOCUS_PATTERN.source})`);
  }
  const locusTag = optionalText("locusTag", options.locusTag);
  if (locusTag !== null && !LOCUS_TAG_PATTERN.test(locusTag)) {
    throw invalid(
      "locusTag",
      locusTag,
      `an upper-case letter then 2 to 11 upper-case letters or digits (${LOCUS_TAG_PATTERN.source})`,
    );
  }
  let dermType: BaktaDermType | null = null;
  if (options.gram !== undefined) {
    if (!Object.hasOwn(DERM_TYPES, options.gram)) {
      throw invalid("gram", options.gram, '"+", "-" or "?"');
    }
    dermType = DERM_TYPES[options.gram];
  }
  return {
    translationTable,
    completeGenome: complete,
    keepContigHeaders,
    minContigLength,
    compliant,
    hasReplicons: uploadName("repliconTable", options.repliconTable, "replicons.tsv") !== null,
    prodigalTrainingFile: uploadName(
      "prodigalTrainingFile",
      options.prodigalTrainingFile,
      "prodigal.tf",
    ),
    dermType,
    genus: optionalText("genus", options.genus),
    species: optionalText("species", options.species),
    strain: optionalText("strain", options.strain),
    plasmid: optionalText("plasmid", options.plasmid),
    locus,
    locusTag,
  };
}

function checkBoolean(option: string, value: unknown): void {
  if (typeof value !== "boolean") throw invalid(option, value, "true or false");
}

function optionalText(option: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw invalid(option, value, "a string");
  const text = value.trim();
  if (text === "") return null;
  // deno-lint-ignore no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(text)) {
    throw invalid(option, value, "text without tabs, line breaks or control characters");
  }
  return text;
}

function uploadName(option: string, source: JobUploadSource | undefined, fallback: string) {
  if (source === undefined || source === null) return null;
  if (source instanceof URL) return win32.basename(decodeURIComponent(source.pathname)) || fallback;
  if (typeof source === "string") {
    if (source.trim() === "") throw invalid(option, source, "a path or { content }");
    return win32.basename(source) || fallback;
  }
  if (
    typeof source === "object" &&
    (typeof source.content === "string" || source.content instanceof Uint8Array)
  ) {
    return fallback;
  }
  throw invalid(option, source, "a path or { content }");
}

function invalid(option: string, value: unknown, expected: string): BaktaValidationError {
  const shown = typeof value === "string" ? `"${value}"` : String(value);
  return new BaktaValidationError(
    "InvalidOption",
    `Invalid ${option} ${shown}: expected ${expected}`,
    {
      option,
    },
  );
}
