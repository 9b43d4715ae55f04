/**
 * Reading the genome FASTA of a job from files (plain or gzip) or from text, and checking it the
 * way the official web UI does, before anything is sent.
 *
 * @module
 */

import { sha256Hex } from "../../hash/sha256_hex.ts";
import { gunzipIfNeeded, toAbsolutePath } from "./_files.ts";
import {
  type FastaSummary,
  type FastaValidationOptions,
  validateFasta,
} from "../validate_fasta.ts";

/** Inline FASTA text (or bytes) with an optional name for messages. */
export interface GenomeFastaText {
  /** The FASTA (plain or gzip bytes, or text). */
  text: string | Uint8Array;
  /**
   * The name used in messages.
   * @default {"FASTA input"}
   */
  name?: string;
}

/**
 * Where a genome's FASTA comes from: one file (path or file URL), several files that together make
 * the genome (e.g. a chromosome and its plasmids), or inline text. Files may be gzip-compressed.
 */
export type GenomeFastaSource = string | URL | readonly (string | URL)[] | GenomeFastaText;

/** A genome FASTA read and checked, ready to upload. */
export interface GenomeFasta {
  /** What is uploaded: the plain FASTA (decompressed; several files joined in order). */
  bytes: Uint8Array;
  /** SHA-256 (hex) of `bytes`: a resumed upload checks the files did not change. */
  sha256: string;
  /** The absolute paths it was read from (empty for inline text). */
  paths: string[];
  /** The name used in messages (the first file, or the text's name). */
  file: string;
  /** The records found. */
  summary: FastaSummary;
}

const FASTA_EXTENSION = /\.(fasta|fna|fa|fas|fsa|fsta|fst|seq|ffn|mfa|mfasta)$/i;

/**
 * Reads a genome FASTA from files or text and validates it (`validateFasta`: headers, unique ids,
 * IUPAC letters, and with `compliant`/`keepContigHeaders` the contig id pattern). Gzip input is
 * decompressed first; several files are validated one by one (messages name the file and line),
 * then together (ids must be unique across them).
 *
 * @param source A path, file URL, several of them, or `{ text }`.
 * @param options Which id checks apply.
 * @returns The bytes to upload, their checksum and the records.
 * @throws {BaktaValidationError} When the FASTA fails a check (the message names file and line).
 * @throws {Deno.errors.NotFound} When a file does not exist.
 *
 * @example Inline text
 * ```ts
 * import { readGenomeFasta } from "./genome_fasta.ts";
 * const fasta = await readGenomeFasta({ text: ">c1\nACGT\n>c2\nGG\n" });
 * if (fasta.summary.totalLength !== 6 || fasta.sha256.length !== 64) throw new Error("wrong");
 * ```
 */
export async function readGenomeFasta(
  source: GenomeFastaSource,
  options: Omit<FastaValidationOptions, "file"> = {},
): Promise<GenomeFasta> {
  const parts: { file: string; path?: string; bytes: Uint8Array }[] = [];
  if (isText(source)) {
    const raw = typeof source.text === "string"
      ? new TextEncoder().encode(source.text)
      : source.text;
    parts.push({ file: source.name ?? "FASTA input", bytes: await gunzipIfNeeded(raw) });
  } else {
    const list = typeof source === "string" || source instanceof URL ? [source] : [...source];
    if (list.length === 0) throw new TypeError("Invalid FASTA source: expected at least one file");
    for (const item of list) {
      const path = toAbsolutePath(item);
      let raw: Uint8Array;
      try {
        raw = await Deno.readFile(path);
      } catch (error) {
        if (error instanceof Deno.errors.NotFound) {
          throw new Deno.errors.NotFound(`Cannot read FASTA file "${path}": no such file`);
        }
        throw error;
      }
      parts.push({ file: path, path, bytes: await gunzipIfNeeded(raw, path) });
    }
  }
  for (const part of parts) validateFasta(part.bytes, { ...options, file: part.file });
  const bytes = join(parts.map((part) => part.bytes));
  const summary = validateFasta(bytes, {
    ...options,
    file: parts.length === 1 ? parts[0].file : `the ${parts.length} FASTA files together`,
  });
  return {
    bytes,
    sha256: sha256Hex(bytes),
    paths: parts.flatMap((part) => (part.path === undefined ? [] : [part.path])),
    file: parts[0].file,
    summary,
  };
}

/**
 * The genome name a FASTA file suggests: its base name without `.gz` and a FASTA extension.
 *
 * @param path The file path or URL.
 * @returns The name (empty when nothing is left).
 *
 * @example
 * ```ts
 * import { genomeNameFromPath } from "./genome_fasta.ts";
 * if (genomeNameFromPath("data/CI-8050.fna.gz") !== "CI-8050") throw new Error("wrong");
 * if (genomeNameFromPath("/x/TEST_6.fasta") !== "TEST_6") throw new Error("wrong");
 * ```
 */
export function genomeNameFromPath(path: string | URL): string {
  const text = path instanceof URL ? decodeURIComponent(path.pathname) : path;
  const fileName = text.replace(/[\\/]+$/, "").split(/[\\/]/).pop() ?? "";
  return fileName.replace(/\.gz$/i, "").replace(FASTA_EXTENSION, "");
}

function isText(source: GenomeFastaSource): source is GenomeFastaText {
  return typeof source === "object" && !(source instanceof URL) && !Array.isArray(source) &&
    "text" in source;
}

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    pieces.push(part);
    if (part.length > 0 && part[part.length - 1] !== 0x0a) pieces.push(new Uint8Array([0x0a]));
  }
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}
