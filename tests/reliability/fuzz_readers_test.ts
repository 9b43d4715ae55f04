/**
 * Property-based fuzzing of every reader (issue #17 item 3) with fast-check: small real-shaped
 * files (written by the project's writers, the real Bakta and BakRep samples where present)
 * damaged by truncation, byte flips, inserted separators, duplicated or removed lines and random
 * Unicode. Whatever the damage, a reader returns a model or throws our `ParseError` naming the
 * file and a line, offset or JSON path (or a whole-file cause: empty, not that format, gzip);
 * never a TypeError or RangeError. 500 cases a reader in CI; 100,000 with
 * `BAKTADB_RELIABILITY_FULL=1`. Each reader's row is recorded for `docs/reliability.md`.
 */

import fc from "fast-check";
import { gunzipSync } from "node:zlib";
import { applyDamage, type Damage, damage, describeDamage } from "./_fuzz_mutations.ts";
import { FIXTURE_PREFIX, type FixtureFormat, fixtureText } from "./_hostile_fixtures.ts";
import { recordCells, reliabilityCases } from "./_record.ts";
import { readSample, reportSamples } from "../_samples.ts";
import { ParseError } from "../../src/formats/parse_error.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { readGenbank } from "../../src/formats/genbank/read_genbank.ts";
import { readEmbl } from "../../src/formats/embl/read_embl.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { readInferenceTsv } from "../../src/formats/tsv/read_inference_tsv.ts";
import { readHypotheticalsTsv } from "../../src/formats/tsv/read_hypotheticals_tsv.ts";
import { readFasta } from "../../src/formats/fasta/read_fasta.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { readBaktaSummary } from "../../src/formats/summary_txt/read_bakta_summary.ts";
import { readCheckm2Json } from "../../src/formats/bakrep/read_checkm2_json.ts";
import { readGtdbtkJson } from "../../src/formats/bakrep/read_gtdbtk_json.ts";
import { readMlstJson } from "../../src/formats/bakrep/read_mlst_json.ts";
import { readAssemblyScanJson } from "../../src/formats/bakrep/read_assembly_scan_json.ts";
import { readBakrepDataset } from "../../src/formats/bakrep/read_bakrep_dataset.ts";
import { readResultFolder } from "../../src/formats/result_folder.ts";
import { makeBakrepDataset } from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";

const RUNS = reliabilityCases(500, 100_000);
const SAMPLES = reportSamples("reliability/fuzz_readers_test");
/** A fixed seed, so that a failure replays (fast-check prints the path to shrink from). */
const SEED = 0x17_3_fa57;

/** Errors that concern the whole file, where no line or path applies. */
const WHOLE_FILE_KINDS = new Set(["UnknownFormat", "Truncated", "TooLarge"]);

/** A reader under test: its name, the file name it is given, and its sound inputs. */
interface FuzzedReader {
  name: string;
  file: string;
  /** What an error must name, when not `file` (a folder's errors may name another of its files). */
  names?: string;
  bases: string[];
  read(input: Uint8Array, file: string): unknown | Promise<unknown>;
}

/** The text of a sample, or nothing when the samples are absent. */
function sample(path: string, lines = Infinity): string[] {
  if (!SAMPLES) return [];
  return [decodeInput(readSample(path), path).split("\n").slice(0, lines).join("\n")];
}

/** A BakRep side file of the made-up dataset, as pretty-printed JSON (so lines exist). */
function bakrepSide(side: string): string {
  const d = makeBakrepDataset("SAMNFUZZ", { seed: 3 });
  const bytes = d.files.get(`SAMNFUZZ.${side}.json.gz`)!;
  return JSON.stringify(JSON.parse(new TextDecoder().decode(gunzipSync(bytes))), null, 2);
}

const fixture = (format: FixtureFormat) => fixtureText(format);

/** A folder of one run (the TSV and its FASTA) whose damaged file is the `.tsv`. */
async function readDamagedFolder(input: Uint8Array, file: string): Promise<unknown> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-fuzz-" });
  try {
    await Deno.writeTextFile(`${dir}/${FIXTURE_PREFIX}.fna`, fixture("fna"));
    await Deno.writeFile(`${dir}/${file}`, input);
    return await readResultFolder(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

const READERS: FuzzedReader[] = [
  {
    name: "readBaktaJson",
    file: "fuzz.json",
    bases: [fixture("json"), ...sample("v1.8.1-origin-spanning/TEST_6.json")],
    read: (i, file) => readBaktaJson(i, { file }),
  },
  {
    name: "readGff3",
    file: "fuzz.gff3",
    bases: [fixture("gff3"), ...sample("v1.8.1-origin-spanning/TEST_6.gff3")],
    read: (i, file) => readGff3(i, { file }),
  },
  {
    name: "readGenbank",
    file: "fuzz.gbff",
    bases: [fixture("gbff"), ...sample("v1.8.1-origin-spanning/TEST_6.gbff")],
    read: (i, file) => readGenbank(i, { file }),
  },
  {
    name: "readEmbl",
    file: "fuzz.embl",
    bases: [fixture("embl"), ...sample("v1.11.4-assembly/assembly.embl", 120)],
    read: (i, file) => readEmbl(i, { file }),
  },
  {
    name: "readBaktaTsv",
    file: "fuzz.tsv",
    bases: [fixture("tsv"), ...sample("v1.8.1-origin-spanning/TEST_6.tsv")],
    read: (i, file) => readBaktaTsv(i, { file }),
  },
  {
    name: "readFasta (.fna)",
    file: "fuzz.fna",
    bases: [fixture("fna"), ...sample("v1.8.1-origin-spanning/TEST_6.fna")],
    read: (i, file) => readFasta(i, { file }),
  },
  {
    name: "parseFasta (.faa, .ffn)",
    file: "fuzz.faa",
    bases: [fixture("faa"), fixture("ffn")],
    read: (i, file) => parseFasta(decodeInput(i, file), { file }),
  },
  {
    name: "readInferenceTsv",
    file: "fuzz.inference.tsv",
    bases: sample("v1.11.4-assembly/assembly.inference.tsv", 40),
    read: (i, file) => readInferenceTsv(i, { file }),
  },
  {
    name: "readHypotheticalsTsv",
    file: "fuzz.hypotheticals.tsv",
    bases: [
      ...sample("v1.8.1-origin-spanning/TEST_6.hypotheticals.tsv"),
      ...sample("v1.11.4-assembly/assembly.hypotheticals.tsv", 40),
    ],
    read: (i, file) => readHypotheticalsTsv(i, { file }),
  },
  {
    name: "readBaktaSummary",
    file: "fuzz.txt",
    bases: sample("v1.8.1-origin-spanning/TEST_6.txt"),
    read: (i, file) => readBaktaSummary(i, { file }),
  },
  {
    name: "readCheckm2Json",
    file: "fuzz.checkm2.json",
    bases: [bakrepSide("checkm2")],
    read: (i, file) => readCheckm2Json(i, { file }),
  },
  {
    name: "readGtdbtkJson",
    file: "fuzz.gtdbtk.json",
    bases: [bakrepSide("gtdbtk")],
    read: (i, file) => readGtdbtkJson(i, { file }),
  },
  {
    name: "readMlstJson",
    file: "fuzz.mlst.json",
    bases: [bakrepSide("mlst")],
    read: (i, file) => readMlstJson(i, { file }),
  },
  {
    name: "readAssemblyScanJson",
    file: "fuzz.assemblyscan.json",
    bases: [bakrepSide("assemblyscan")],
    read: (i, file) => readAssemblyScanJson(i, { file }),
  },
  {
    name: "readBakrepDataset",
    file: "fuzz.json",
    bases: [makeBakrepDataset("SAMNFUZZ", { seed: 3 }).record("https://bakrep.example")],
    read: (i, file) => readBakrepDataset(i, { file }),
  },
  {
    name: "readResultFolder (.tsv beside its .fna)",
    file: `${FIXTURE_PREFIX}.tsv`,
    names: `${FIXTURE_PREFIX}.`,
    bases: [fixture("tsv")],
    read: readDamagedFolder,
  },
];

/** Why a thrown error breaks the promise (naming `file`, and where), or undefined when it keeps it. */
function brokenPromise(error: unknown, file: string): string | undefined {
  if (!(error instanceof ParseError)) {
    return `threw ${(error as Error)?.constructor?.name}: ${(error as Error)?.stack ?? error}`;
  }
  if (error.file === undefined || !error.message.includes(file)) {
    return `the error does not name ${file}: ${error.message}`;
  }
  const located = error.line !== undefined || error.offset !== undefined ||
    /\$|\w\[\d+\]/.test(error.detail) || WHOLE_FILE_KINDS.has(error.kind) ||
    /the file is empty|looks like a different run than/.test(error.detail);
  return located ? undefined : `the error names no line or path: ${error.message}`;
}

/** The outcomes of one reader's run, for its row. */
interface Tally {
  models: number;
  parseErrors: number;
  kinds: Set<string>;
}

for (const reader of READERS) {
  Deno.test({
    name: `${reader.name} returns a model or throws a ParseError naming the file and line on ` +
      `damaged input (${RUNS} cases)`,
    ignore: reader.bases.length === 0,
    sanitizeResources: false,
    fn: async () => {
      const tally: Tally = { models: 0, parseErrors: 0, kinds: new Set() };
      const property = fc.asyncProperty(
        fc.nat({ max: reader.bases.length - 1 }),
        damage,
        async (base: number, d: Damage) => {
          const input = applyDamage(reader.bases[base], d);
          try {
            await reader.read(input, reader.file);
            tally.models++;
          } catch (error) {
            const broken = brokenPromise(error, reader.names ?? reader.file);
            if (broken !== undefined) {
              throw new Error(`base ${base}, ${describeDamage(d)}: ${broken}`);
            }
            tally.parseErrors++;
            tally.kinds.add((error as ParseError).kind);
          }
        },
      );
      const details = await fc.check(property, { numRuns: RUNS, seed: SEED });
      const failed = details.failed ? 1 : 0;
      await recordCells({
        area: "hostile input",
        what: `fuzzing ${reader.name}: truncation, byte flips, separators, lines, Unicode`,
        cases: details.numRuns,
        survived: details.numRuns - failed,
        lost: 0,
        note: `${tally.models} models, ${tally.parseErrors} ParseErrors (` +
          `${[...tally.kinds].sort().join(", ")}); seed ${SEED}`,
      });
      console.log(
        `${reader.name}: ${details.numRuns} cases, ${tally.models} models, ` +
          `${tally.parseErrors} ParseErrors`,
      );
      if (details.failed) throw new Error(fc.defaultReportMessage(details));
    },
  });
}
