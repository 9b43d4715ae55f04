/**
 * Reading a Bakta GFF3 file into the normalized model.
 *
 * Why not `@gmod/gff` (the GMOD GFF3 parser, used as an independent oracle in the tests)? It is a
 * good general parser, but for reading Bakta's files it costs more than it gives: it buffers every
 * feature until `###` or the end to resolve `Parent`/`Derives_from` references (Bakta writes
 * children right after their parent, so a small window is enough), it builds nested arrays of
 * objects per line, and it does not check the columns (a start `abc` becomes `NaN`, any strand
 * passes), so errors naming file, line and expectation would have to be rebuilt around it anyway.
 * In `bench/parse_gff3_bench.ts` it takes 2–3 times as long as this reader on the 3.6 MB
 * CI-8050.gff3, while giving only the lines, not the model. Nor is it used for writing: Bakta's
 * own layout (attribute order, which characters are escaped, `##FASTA` wrapping) is reproduced
 * byte for byte by `formatGff3` (format_gff3.ts).
 *
 * @module
 */

import { checkFeatureBounds } from "../check_feature_bounds.ts";
import { decodeInput } from "../decode_input.ts";
import type { BaktaRun, Feature } from "../model.ts";
import { DEFAULT_FILE_NAME, type ReadOptions } from "../read_options.ts";
import { Gff3FeatureAssembler } from "./gff3_feature_assembler.ts";
import { eachGff3Line } from "./_each_gff3_line.ts";

/**
 * Reads Bakta's GFF3 output (text, bytes or gzipped bytes) into a {@linkcode BaktaRun}: sequences
 * from `##sequence-region`, `region` (`Is_circular=true` → circular, else linear) and the
 * `##FASTA` section (nucleotides and description); features as {@linkcode Gff3FeatureAssembler}
 * documents (types, CRISPR parts, gene+CDS folding, origin-spanning features, pseudogenes,
 * hypotheticals, cross-references); Bakta and database versions from the `# Software:` and
 * `# Database:` comments. Each feature keeps its columns and attributes in `original`.
 *
 * Two parts are read when first used, as own enumerable accessors (so `JSON.stringify`,
 * `structuredClone`, spread and deep equality see the same values): a feature's
 * `original.record`, and a declared sequence's `nt` from the `##FASTA` section, whose letters are
 * checked, joined and compared with the declared length on its first read. A bad letter or length
 * there throws its {@linkcode ParseError} (naming the file and line) from that read, not from
 * `readGff3`.
 *
 * @param input The file content.
 * @param options The file name, for errors and `sources`.
 * @returns The run.
 * @throws {ParseError} For bad input, naming the file, the line and what was expected (the letters
 * of a declared sequence: when its `nt` is read); a feature
 * past the end of its sequence, or across the origin of a linear one, as
 * {@linkcode checkFeatureBounds} describes.
 *
 * @example An origin-spanning CDS
 * ```ts
 * import { readGff3 } from "./read_gff3.ts";
 * const run = readGff3([
 *   "##gff-version 3",
 *   "# Software: v1.8.1",
 *   "##sequence-region c1 1 1330",
 *   "c1\tBakta\tregion\t1\t1330\t.\t+\t.\tID=c1;Name=c1;Is_circular=true",
 *   "c1\tProdigal\tCDS\t971\t1471\t.\t-\t0\tID=X_10;locus_tag=X_10;product=hypothetical protein",
 * ].join("\n"), { file: "x.gff3" });
 * const [cds] = run.features;
 * if (!cds.edge || cds.start !== 971 || cds.stop !== 141 || !cds.hypothetical) {
 *   throw new Error(JSON.stringify(cds));
 * }
 * if (run.sequences[0].topology !== "circular" || run.software.bakta !== "1.8.1") {
 *   throw new Error("header");
 * }
 * ```
 */
export function readGff3(input: string | Uint8Array, options: ReadOptions = {}): BaktaRun {
  const file = options.file ?? DEFAULT_FILE_NAME;
  const text = decodeInput(input, file, options.maxDecompressedBytes);
  const assembler = new Gff3FeatureAssembler({ file });
  const features: Feature[] = [];
  const take = (done: readonly Feature[]) => {
    for (let i = 0; i < done.length; i++) features.push(done[i]);
  };
  eachGff3Line(
    text,
    file,
    (line) => take(assembler.push(line)),
    (line, lineNumber) => take(assembler.pushFeatureText(line, lineNumber)),
    (sequence) => take(assembler.pushPendingSequence(sequence)),
  );
  for (const feature of assembler.finish()) features.push(feature);
  const run: BaktaRun = {
    mode: "genome",
    genome: assembler.genome,
    software: assembler.software,
    sequences: assembler.sequences,
    features,
    sources: [{ file, format: "gff3", used: ["features", "sequences", "software"] }],
  };
  checkFeatureBounds(run, file);
  return run;
}
