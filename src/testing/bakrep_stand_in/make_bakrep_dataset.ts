/**
 * BakRep datasets made by the seeded factory: a Bakta run (JSON and GFF3), the side files in
 * BakRep's real shapes (GTDB-Tk, CheckM2, MLST, assembly-scan), gzipped as BakRep serves them,
 * the dataset record, and the searchable facts.
 *
 * @module
 */

import { md5Hex } from "../../hash/md5_hex.ts";
import { gzipSync } from "node:zlib";
import type { BaktaRun } from "../../formats/model.ts";
import { formatRunAsBaktaJson } from "../factory/format_run_as_bakta_json.ts";
import { formatRunAsGff3 } from "../factory/format_run_as_gff3.ts";
import { makeRun } from "../factory/make_run.ts";

/** Options of {@linkcode makeBakrepDataset}. */
export interface MakeBakrepDatasetOptions {
  /**
   * The factory seed (the run, and the facts not given).
   * @default 1
   */
  seed?: number;
  /**
   * The GTDB species, `Genus epithet`.
   * @default "Streptococcus pneumoniae"
   */
  species?: string;
  /**
   * The MLST sequence type (`-` for none).
   * @default a number from the seed
   */
  sequenceType?: string;
  /**
   * CheckM2 completeness, percent.
   * @default a value in 90–100 from the seed
   */
  completeness?: number;
  /**
   * CheckM2 contamination, percent.
   * @default a value in 0–5 from the seed
   */
  contamination?: number;
  /**
   * The sampling country.
   * @default one of a few, from the seed
   */
  country?: string;
  /**
   * Features on each of the run's sequences.
   * @default 12
   */
  featuresPerSequence?: number;
  /**
   * The Bakta run to serve (e.g. a member of `makeCohort`), instead of one made from the seed.
   * @default {undefined} (a run made by `makeRun`)
   */
  run?: BaktaRun;
}

/** The searchable facts of a dataset, as BakRep's search answers them (field path → value). */
export type BakrepFields = Record<string, string | number>;

/** A made BakRep dataset. */
export interface BakrepDatasetFixture {
  /** The dataset id. */
  id: string;
  /** The Bakta run. */
  run: BaktaRun;
  /** The files, gzipped: name → bytes (`<id>.bakta.json.gz`, …, `<id>.mlst.json.gz`). */
  files: Map<string, Uint8Array>;
  /** The searchable fields (`gtdbtk.classification.species`, `checkm2.quality.completeness`, …). */
  fields: BakrepFields;
  /** The dataset record's JSON with file URLs under `baseUrl`. */
  record(baseUrl: string): string;
}

const COUNTRIES = ["Germany", "Brazil", "Kenya", "Japan", "Canada"];

/**
 * Makes a BakRep dataset: the same id and options give the same bytes.
 *
 * @param id The dataset id, e.g. `SAMN00000001`.
 * @param options Seed, species, typing, quality, country and size.
 * @returns The files, facts and record.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeBakrepDataset } from "./make_bakrep_dataset.ts";
 * const d = makeBakrepDataset("SAMN1", { seed: 3, sequenceType: "180" });
 * assert.ok(d.files.has("SAMN1.bakta.json.gz") && d.files.has("SAMN1.checkm2.json.gz"));
 * assert.equal(d.fields["mlst.sequence_type"], "180");
 * assert.equal(JSON.parse(d.record("http://127.0.0.1:1/files")).results.length, d.files.size);
 * ```
 */
export function makeBakrepDataset(
  id: string,
  options: MakeBakrepDatasetOptions = {},
): BakrepDatasetFixture {
  const seed = options.seed ?? 1;
  const species = options.species ?? "Streptococcus pneumoniae";
  const [genus, epithet = "sp."] = species.split(" ");
  const run = options.run ?? makeRun({
    seed,
    sequences: 2,
    circular: false,
    featuresPerSequence: options.featuresPerSequence ?? 12,
    genus,
    species: epithet,
  });
  const fields = factsOf(id, run, seed, species, options);
  const files = new Map<string, Uint8Array>([
    [`${id}.bakta.json.gz`, gzipSync(formatRunAsBaktaJson(run))],
    [`${id}.bakta.gff3.gz`, gzipSync(formatRunAsGff3(run))],
    ...sideFiles(id, fields),
  ]);
  return { id, run, files, fields, record: (baseUrl) => datasetRecord(id, files, baseUrl) };
}

function factsOf(
  id: string,
  run: BaktaRun,
  seed: number,
  species: string,
  options: MakeBakrepDatasetOptions,
): BakrepFields {
  const size = run.sequences.reduce((sum, s) => sum + s.length, 0);
  const gc = run.sequences.reduce((sum, s) => sum + countGc(s.nt ?? ""), 0) / size;
  const lengths = run.sequences.map((s) => s.length).sort((a, b) => b - a);
  let covered = 0;
  const n50 = lengths.find((length) => (covered += length) * 2 >= size) ?? 0;
  return {
    id,
    "gtdbtk.classification.domain": "Bacteria",
    "gtdbtk.classification.genus": species.split(" ")[0],
    "gtdbtk.classification.species": species,
    "mlst.sequence_type": options.sequenceType ?? String(100 + (seed * 37) % 200),
    "checkm2.quality.completeness": options.completeness ?? 90 + (seed * 13) % 100 / 10,
    "checkm2.quality.contamination": options.contamination ?? (seed * 7) % 50 / 10,
    "bakta.stats.size": size,
    "bakta.stats.no_sequences": run.sequences.length,
    "bakta.stats.gc": Math.round(gc * 1e4) / 1e4,
    "bakta.stats.n50": n50,
    "metadata.country": options.country ?? COUNTRIES[seed % COUNTRIES.length],
  };
}

function countGc(nt: string): number {
  let n = 0;
  for (const base of nt) if (base === "G" || base === "C" || base === "g" || base === "c") n++;
  return n;
}

function sideFiles(id: string, f: BakrepFields): [string, Uint8Array][] {
  const gtdbtk = {
    classification: {
      domain: f["gtdbtk.classification.domain"],
      genus: f["gtdbtk.classification.genus"],
      species: f["gtdbtk.classification.species"],
    },
    fastani_reference: "GCF_000000001.1",
    classification_method: "ani_screen",
    warnings: "NaN",
  };
  const checkm2 = {
    quality: {
      completeness: f["checkm2.quality.completeness"],
      contamination: f["checkm2.quality.contamination"],
    },
    calculation: { model: "Gradient Boost (General Model)", translation_table: 11 },
  };
  const mlst = [{
    id,
    scheme: "spneumoniae",
    sequence_type: f["mlst.sequence_type"],
    alleles: { aroE: "7", gdh: "11", gki: "10" },
  }];
  const scan = {
    total_contig: f["bakta.stats.no_sequences"],
    total_contig_length: f["bakta.stats.size"],
    n50_contig_length: f["bakta.stats.n50"],
    contig_percent_c: (Number(f["bakta.stats.gc"]) * 50).toFixed(2),
    contig_percent_g: (Number(f["bakta.stats.gc"]) * 50).toFixed(2),
  };
  return [
    [`${id}.gtdbtk.json.gz`, gzipSync(JSON.stringify(gtdbtk))],
    [`${id}.checkm2.json.gz`, gzipSync(JSON.stringify(checkm2))],
    [`${id}.mlst.json.gz`, gzipSync(JSON.stringify(mlst, null, 3))],
    [`${id}.assemblyscan.json.gz`, gzipSync(JSON.stringify(scan, null, 4))],
  ];
}

const ATTRIBUTES: [RegExp, { tool: string; filetype: string; type: string }][] = [
  [/\.bakta\.(\w+)\.gz$/, { tool: "bakta", filetype: "", type: "annotation" }],
  [/\.(checkm2|assemblyscan)\.json\.gz$/, { tool: "", filetype: "json", type: "qc" }],
  [/\.(gtdbtk|mlst)\.json\.gz$/, { tool: "", filetype: "json", type: "taxonomy" }],
];

function datasetRecord(id: string, files: Map<string, Uint8Array>, baseUrl: string): string {
  const results = [...files].map(([name, bytes]) => {
    const [pattern, attributes] = ATTRIBUTES.find(([re]) => re.test(name))!;
    const part = pattern.exec(name)![1];
    return {
      md5: md5Hex(bytes),
      size: bytes.length,
      url: `${baseUrl.replace(/\/$/, "")}/${id}/${name}`,
      attributes: {
        type: attributes.type,
        filetype: attributes.filetype || part,
        tool: attributes.tool || part,
      },
    };
  });
  return JSON.stringify({ id, results }, null, 2);
}
