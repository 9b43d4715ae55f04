/**
 * `makeRun()`: a realistic, seeded {@linkcode BaktaRun} for tests and benchmarks.
 *
 * @module
 */

import type {
  BaktaRun,
  CrisprPart,
  DbXref,
  Feature,
  FeatureType,
  GenomeStats,
  Sequence,
  Strand,
} from "../../formats/model.ts";
import { md5Hex } from "../../hash/md5_hex.ts";
import { SeededRandom } from "./random.ts";
import { reverseComplement } from "../../export/reverse_complement.ts";
import { backTranslate, STOP_CODONS, translate } from "./_genetic_code.ts";
import { type GeneFamily, makeFamilyPool } from "./gene_families.ts";
import { NCRNAS, RRNAS, SO_TERMS, TRNAS } from "./vocabulary.ts";
import { featureToBaktaJson } from "./format_run_as_bakta_json.ts";
import { AMINO_ACID_LETTERS } from "./_genetic_code.ts";

/** Options of {@linkcode makeRun}. */
export interface MakeRunOptions {
  /**
   * The seed: the same options give the same run, residue for residue.
   * @default 1
   */
  seed?: number;
  /**
   * How many sequences: the first is the chromosome, the others plasmids (circular runs) or
   * contigs (linear runs).
   * @default 2
   */
  sequences?: number;
  /**
   * The total length in bases; the chromosome gets 90 % when there are several sequences. Features
   * are laid out until each sequence is full. Ignored when `featuresPerSequence` is given.
   * @default 60000
   */
  genomeSize?: number;
  /** Exactly this many features on each sequence (lengths then follow from the features). */
  featuresPerSequence?: number;
  /**
   * Circular sequences (a complete genome: chromosome and plasmids, with one CDS crossing the
   * origin of the chromosome) or linear contigs (a draft, with a 3′-truncated CDS at a contig end).
   * @default true
   */
  circular?: boolean;
  /**
   * The Bakta version written in the run.
   * @default "1.10.4"
   */
  version?: string;
  /**
   * The database version.
   * @default "5.1"
   */
  dbVersion?: string;
  /**
   * The database type.
   * @default "full"
   */
  dbType?: "full" | "light";
  /** The locus-tag prefix (six capital letters); default: drawn from the seed. */
  locusPrefix?: string;
  /**
   * The gene families the CDSs are drawn from, each used at most once (in random order); CDSs
   * beyond them are hypothetical proteins. Default: a pool made from the seed, large enough.
   */
  families?: readonly GeneFamily[];
  /**
   * Among the CDSs drawn from families, the fraction whose protein differs from the family's by a
   * few residues (so that not every ortholog has the same `aa_hexdigest`).
   * @default 0.2
   */
  variation?: number;
  /**
   * The fraction of CDSs that are hypothetical proteins (when families remain).
   * @default 0.15
   */
  hypotheticalRate?: number;
  /**
   * The fraction of CDSs flagged as pseudogenes.
   * @default 0.01
   */
  pseudoRate?: number;
  /**
   * How many assembly gaps (runs of N) to put in; on the largest linear sequence, else on the
   * chromosome.
   * @default 1
   */
  gaps?: number;
  /**
   * Genus.
   * @default "Testella"
   */
  genus?: string;
  /**
   * Species.
   * @default "fictiva"
   */
  species?: string;
  /** Strain; default `S<seed>`. */
  strain?: string;
  /**
   * The file name recorded in `sources`.
   * @default "factory.json"
   */
  fileName?: string;
}

/** The options of {@linkcode makeRun} that have a constant default. */
type DefaultedRunOptions = Required<
  Omit<MakeRunOptions, "featuresPerSequence" | "locusPrefix" | "families" | "strain">
>;

/** The defaults of {@linkcode MakeRunOptions} that are constants. */
export const DEFAULT_MAKE_RUN_OPTIONS: Readonly<DefaultedRunOptions> = Object.freeze({
  seed: 1,
  sequences: 2,
  genomeSize: 60_000,
  circular: true,
  version: "1.10.4",
  dbVersion: "5.1",
  dbType: "full",
  variation: 0.2,
  hypotheticalRate: 0.15,
  pseudoRate: 0.01,
  gaps: 1,
  genus: "Testella",
  species: "fictiva",
  fileName: "factory.json",
});

/** A feature being built, before it has coordinates. */
interface Draft {
  type: FeatureType;
  /** The feature's nucleotides on its own strand (N for gaps). */
  nt: string;
  strand: Strand;
  locus: boolean;
  /** Fills in type-specific fields once the coordinates are known. */
  finish(feature: Feature, start: number): void;
}

/** Filler feature kinds with their weights. */
const FILLER_KINDS: readonly [FeatureType, number][] = [
  ["cds", 0.88],
  ["tRNA", 0.05],
  ["ncRNA-region", 0.025],
  ["ncRNA", 0.02],
  ["sorf", 0.015],
  ["rRNA", 0.01],
];

const LOCUS_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const GC = 0.4;

/**
 * Makes a realistic, seeded Bakta run: sequences with residues; CDS (from gene families, with
 * COG/EC/GO/UniRef90/UniRef50/UniParc/RefSeq cross-references, hypotheticals and pseudogenes),
 * sORFs, tRNAs, a tmRNA, rRNAs, ncRNAs, ncRNA regions, a CRISPR array, gaps, oriC/oriV/oriT; on a
 * circular chromosome one CDS crosses the origin (`edge: true`, `start > stop`). Every feature's
 * nucleotides are the residues at its coordinates (reverse-complemented on the minus strand), and
 * every protein is the translation of its CDS; `aa_hexdigest` is the MD5 of the protein. Each
 * feature's `original` is the Bakta JSON record {@linkcode formatRunAsBaktaJson} writes for it.
 *
 * @param options Seed, size, topology, versions, families and rates.
 * @returns The run (`mode: "genome"`).
 * @throws {RangeError} For a non-positive number of sequences or features.
 *
 * @example A small complete genome
 * ```ts
 * import { makeRun } from "./make_run.ts";
 * const run = makeRun({ seed: 42, sequences: 2, genomeSize: 30_000 });
 * const edge = run.features.find((f) => f.edge);
 * if (!edge || edge.start <= edge.stop) throw new Error("expected an origin-spanning CDS");
 * if (run.sequences[0].nt?.length !== run.sequences[0].length) throw new Error("residues");
 * ```
 */
export function makeRun(options: MakeRunOptions = {}): BaktaRun {
  const settings: RunSettings = { ...DEFAULT_MAKE_RUN_OPTIONS, ...options };
  checkMakeRunOptions(settings);
  const random = new SeededRandom(settings.seed);
  const locusPrefix = settings.locusPrefix ?? random.string(6, LOCUS_ALPHABET);
  const naming: FeatureNaming = {
    locusPrefix,
    idPrefix: locusPrefix + random.string(4, LOCUS_ALPHABET),
    loci: 0,
    ids: 0,
  };
  const strain = settings.strain ?? `S${settings.seed}`;
  const expectedCds = Math.ceil(
    (settings.featuresPerSequence ?? settings.genomeSize / 1000) * settings.sequences * 1.1,
  );
  const families = settings.families ??
    makeFamilyPool({
      seed: settings.seed,
      size: Math.ceil(expectedCds * (1 - settings.hypotheticalRate)),
    });
  const builder = new DraftBuilder(random, random.shuffle(families), settings);
  const sequences: Sequence[] = [];
  const features: Feature[] = [];
  for (let index = 0; index < settings.sequences; index++) {
    const placed = layOutSequence(builder, random, settings, index);
    const sequence = sequenceRecord(placed, random, settings, { index, strain });
    sequences.push(sequence);
    features.push(...placedFeatures(placed, sequence, naming));
  }
  return runRecord(settings, strain, sequences, features);
}

/** The options of one `makeRun` call, the constant defaults filled in. */
type RunSettings = DefaultedRunOptions & MakeRunOptions;

/** The locus-tag and feature-id prefixes of a run, and how many of each were given out. */
interface FeatureNaming {
  /** The locus tag prefix, e.g. `KXQWBZ` (tags `KXQWBZ_00005`, `KXQWBZ_00010`, …). */
  locusPrefix: string;
  /** The feature id prefix, e.g. `KXQWBZABCD` (ids `KXQWBZABCD_1`, …). */
  idPrefix: string;
  /** Locus tags given out so far. */
  loci: number;
  /** Feature ids given out so far. */
  ids: number;
}

/** The drafts of one sequence placed at their 1-based starts, and the sequence's length. */
interface PlacedSequence {
  /** 0-based sequence index: 0 is the chromosome. */
  index: number;
  /** Length in bases. */
  length: number;
  /** The drafts with their 1-based starts (a start past `length` wraps over the origin). */
  placed: { draft: Draft; start: number }[];
}

function checkMakeRunOptions(settings: RunSettings): void {
  const sequenceCount = settings.sequences;
  if (!Number.isInteger(sequenceCount) || sequenceCount < 1) {
    throw new RangeError(
      `Cannot make a run: sequences must be a positive integer, got ${sequenceCount}`,
    );
  }
  const perSequence = settings.featuresPerSequence;
  if (perSequence !== undefined && (!Number.isInteger(perSequence) || perSequence < 1)) {
    throw new RangeError(
      `Cannot make a run: featuresPerSequence must be a positive integer, got ${perSequence}`,
    );
  }
  if (perSequence === undefined && !(settings.genomeSize >= 1000 * sequenceCount)) {
    throw new RangeError(
      `Cannot make a run: genomeSize must be at least 1000 per sequence, got ${settings.genomeSize}`,
    );
  }
}

/** The length a sequence aims at: 90 % of the genome for the chromosome, the rest shared. */
function targetLengthOf(settings: RunSettings, index: number): number | undefined {
  if (settings.featuresPerSequence !== undefined) return undefined;
  if (settings.sequences === 1) return settings.genomeSize;
  if (index === 0) return Math.round(settings.genomeSize * 0.9);
  return Math.round((settings.genomeSize * 0.1) / (settings.sequences - 1));
}

/** The special features of a sequence: origins, tmRNA, CRISPR, rRNAs, gaps. */
function specialDrafts(
  builder: DraftBuilder,
  settings: RunSettings,
  index: number,
  targetLength: number | undefined,
): Draft[] {
  const specials: Draft[] = [];
  if (index === 0) {
    specials.push(builder.origin("oriC"));
    specials.push(builder.tmRna());
    if (targetLength === undefined || targetLength > 20_000) specials.push(builder.crispr());
    if (targetLength === undefined || targetLength > 30_000) {
      for (const rrna of RRNAS) specials.push(builder.rRna(rrna));
    }
  } else if (settings.circular) {
    specials.push(builder.origin("oriV"), builder.origin("oriT"));
  }
  if (index === chooseGapHost(settings.sequences, settings.circular)) {
    for (let gap = 0; gap < settings.gaps; gap++) specials.push(builder.gap());
  }
  return specials;
}

/**
 * Lays a sequence's features out one after another, the specials spread among fillers; on a
 * circular chromosome one CDS wraps over the origin, on a linear contig one runs off the end.
 */
function layOutSequence(
  builder: DraftBuilder,
  random: SeededRandom,
  settings: RunSettings,
  index: number,
): PlacedSequence {
  const targetLength = targetLengthOf(settings, index);
  const specials = specialDrafts(builder, settings, index, targetLength);
  const wrap = index === 0 && settings.circular ? builder.cds() : undefined;
  const tail = !settings.circular ? builder.cds({ truncated: true }) : undefined;
  const placed: { draft: Draft; start: number }[] = [];
  const wrapHead = wrap ? Math.floor(wrap.nt.length / 2) : 0;
  let nextFree = wrapHead + 1; // the next free base
  const budget = settings.featuresPerSequence === undefined
    ? Infinity
    : settings.featuresPerSequence - (wrap ? 1 : 0) - (tail ? 1 : 0);
  const reserve = (wrap ? wrap.nt.length - wrapHead : 0) + (tail ? tail.nt.length : 0) + 300;
  let specialIndex = 0;
  const expected = budget !== Infinity ? budget : Math.floor((targetLength ?? 0) / 1200);
  const step = Math.max(1, Math.floor(expected / (specials.length + 1)));
  for (let n = 0; n < budget; n++) {
    const useSpecial = specialIndex < specials.length &&
      (n % step === 0 || expected - n <= specials.length - specialIndex);
    const draft = useSpecial ? specials[specialIndex++] : builder.filler();
    const start = nextFree + random.int(20, 200);
    const end = start + draft.nt.length - 1;
    if (targetLength !== undefined && end > targetLength - reserve) break;
    placed.push({ draft, start });
    nextFree = end + 1;
  }
  let length = targetLength ?? nextFree + reserve;
  if (tail) {
    // A CDS running off the end of a linear contig: no stop codon, 3'-truncated.
    const start = Math.max(nextFree + 20, length - tail.nt.length + 1);
    length = start + tail.nt.length - 1;
    placed.push({ draft: tail, start });
  }
  if (wrap) placed.push({ draft: wrap, start: length - (wrap.nt.length - wrapHead) + 1 });
  return { index, length, placed };
}

/** The sequence record: random background residues with every feature's nucleotides written in. */
function sequenceRecord(
  layout: PlacedSequence,
  random: SeededRandom,
  settings: RunSettings,
  names: { index: number; strain: string },
): Sequence {
  const { length, placed } = layout;
  const { index, strain } = names;
  const residues = new Array<string>(length);
  for (let i = 0; i < length; i++) residues[i] = randomBase(random);
  for (const { draft, start } of placed) {
    const forward = draft.strand === "-" ? reverseComplement(draft.nt) : draft.nt;
    for (let i = 0; i < forward.length; i++) residues[(start - 1 + i) % length] = forward[i];
  }
  const isChromosome = index === 0;
  const circular = settings.circular;
  const sequence: Sequence = {
    id: `contig_${index + 1}`,
    description: circular
      ? `[gcode=11] [completeness=complete] [topology=circular]${
        isChromosome ? "" : ` [plasmid-name=p${strain}_${index}]`
      }`
      : "[gcode=11] [topology=linear]",
    length,
    type: isChromosome && circular ? "chromosome" : circular ? "plasmid" : "contig",
    topology: circular ? "circular" : "linear",
    complete: circular,
    nt: residues.join(""),
    origId: `${strain}_${index + 1}`,
    origDescription: `len=${length}`,
  };
  if (circular && !isChromosome) sequence.name = `p${strain}_${index}`;
  return sequence;
}

/** The features of a laid-out sequence, in start order, with ids, locus tags and JSON records. */
function placedFeatures(
  layout: PlacedSequence,
  sequence: Sequence,
  naming: FeatureNaming,
): Feature[] {
  const length = layout.length;
  const placed = [...layout.placed].sort((a, b) => a.start - b.start);
  return placed.map(({ draft, start }) => {
    const stopLinear = start + draft.nt.length - 1;
    const edge = stopLinear > length;
    const feature: Feature = {
      type: draft.type,
      sequenceId: sequence.id,
      start,
      stop: edge ? stopLinear - length : stopLinear,
      strand: draft.strand,
      edge,
      hypothetical: false,
      pseudo: false,
      dbXrefs: [],
      original: { format: "json", record: null },
    };
    draft.finish(feature, start);
    feature.id = `${naming.idPrefix}_${++naming.ids}`;
    if (draft.locus) {
      naming.loci += 1;
      feature.locusTag = `${naming.locusPrefix}_${String(naming.loci * 5).padStart(5, "0")}`;
    }
    feature.original = { format: "json", record: featureToBaktaJson(feature) };
    return feature;
  });
}

/** The run around its sequences and features: genome facts, statistics, versions, source. */
function runRecord(
  settings: RunSettings,
  strain: string,
  sequences: Sequence[],
  features: Feature[],
): BaktaRun {
  return {
    mode: "genome",
    genome: {
      genus: settings.genus,
      species: settings.species,
      strain,
      taxon: "1",
      complete: settings.circular,
      gram: "?",
      translationTable: 11,
    },
    stats: computeStats(sequences, features),
    software: { bakta: settings.version, db: settings.dbVersion, dbType: settings.dbType },
    run: {
      start: "2025-01-01 00:00:00",
      end: "2025-01-01 00:05:00",
      duration: "5.00 min",
    },
    sequences,
    features,
    sources: [{
      file: settings.fileName,
      format: "json",
      used: ["features", "sequences", "stats"],
    }],
  };
}

function chooseGapHost(count: number, circular: boolean): number {
  return circular || count === 1 ? 0 : 1;
}

function randomBase(random: SeededRandom): string {
  const r = random.next();
  return r < GC / 2 ? "G" : r < GC ? "C" : r < GC + (1 - GC) / 2 ? "A" : "T";
}

function randomNt(random: SeededRandom, length: number): string {
  let nt = "";
  for (let i = 0; i < length; i++) nt += randomBase(random);
  return nt;
}

function sortXrefs(xrefs: DbXref[]): DbXref[] {
  return xrefs.sort((a, b) => {
    const x = `${a.db}:${a.accession}`;
    const y = `${b.db}:${b.accession}`;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A hypothetical protein's annotation: its product, the CDS SO term, no genes. */
function annotateHypothetical(feature: Feature): void {
  feature.product = "hypothetical protein";
  feature.hypothetical = true;
  feature.dbXrefs = [{ db: "SO", accession: SO_TERMS.cds }];
  feature.genes = [];
}

/**
 * A family member's annotation: gene, product and sorted cross-references set on the feature;
 * returns the evidence Bakta records for it (`ups`, `psc` with a random identity ≥ 0.9, `pscc`).
 */
function annotateFromFamily(
  feature: Feature,
  family: GeneFamily,
  random: SeededRandom,
): Record<string, unknown> {
  if (family.gene !== undefined) feature.gene = family.gene;
  feature.product = family.product;
  feature.genes = family.gene !== undefined ? [family.gene] : [];
  const xrefs: DbXref[] = [
    { db: "SO", accession: SO_TERMS.cds },
    { db: "UniRef", accession: family.uniref90 },
    { db: "UniRef", accession: family.uniref50 },
    { db: "UniParc", accession: family.uniparc },
    { db: "RefSeq", accession: family.refseq },
    { db: "COG", accession: family.cog },
    { db: "COG", accession: family.cogCategory },
    ...family.go.map((go) => ({ db: "GO", accession: go })),
  ];
  if (family.ec !== undefined) xrefs.push({ db: "EC", accession: family.ec });
  feature.dbXrefs = sortXrefs(xrefs);
  return {
    ups: { uniparc_id: family.uniparc, ncbi_nrp_id: family.refseq },
    psc: {
      uniref90_id: family.uniref90,
      uniref50_id: family.uniref50,
      ...(family.gene !== undefined ? { gene: family.gene } : {}),
      product: family.product,
      cog_id: family.cog,
      cog_category: family.cogCategory,
      ec_ids: family.ec !== undefined ? [family.ec] : [],
      go_ids: family.go.map((go) => `GO:${go}`),
      identity: round(0.9 + random.next() * 0.1, 3),
      query_cov: 1,
      subject_cov: 1,
      valid: true,
    },
    pscc: { uniref50_id: family.uniref50, product: family.product },
  };
}

/** A family's protein with 1 to 3 residues (never the start methionine) replaced at random. */
function mutateProtein(protein: string, random: SeededRandom): string {
  const letters = [...protein];
  for (let k = random.int(1, 3); k > 0; k--) {
    letters[random.int(1, letters.length - 1)] = random.pick([...AMINO_ACID_LETTERS]);
  }
  return letters.join("");
}

/** Builds feature drafts of every kind. */
class DraftBuilder {
  readonly #random: SeededRandom;
  readonly #families: readonly GeneFamily[];
  readonly #options: DefaultedRunOptions & MakeRunOptions;
  #nextFamily = 0;

  constructor(
    random: SeededRandom,
    families: readonly GeneFamily[],
    options: DefaultedRunOptions & MakeRunOptions,
  ) {
    this.#random = random;
    this.#families = families;
    this.#options = options;
  }

  #strand(): Strand {
    return this.#random.chance(0.5) ? "+" : "-";
  }

  filler(): Draft {
    let r = this.#random.next();
    for (const [kind, weight] of FILLER_KINDS) {
      r -= weight;
      if (r < 0) return this.#byKind(kind);
    }
    return this.cds();
  }

  #byKind(kind: FeatureType): Draft {
    switch (kind) {
      case "tRNA":
        return this.tRna();
      case "ncRNA":
      case "ncRNA-region":
        return this.ncRna(kind === "ncRNA-region");
      case "sorf":
        return this.sorf();
      case "rRNA":
        return this.rRna(this.#random.pick(RRNAS));
      default:
        return this.cds();
    }
  }

  /** A CDS from the next family, or a hypothetical protein. */
  cds(options: { truncated?: boolean } = {}): Draft {
    const random = this.#random;
    const o = this.#options;
    const hypothetical = this.#nextFamily >= this.#families.length ||
      random.chance(o.hypotheticalRate);
    const family = hypothetical ? undefined : this.#families[this.#nextFamily++];
    const protein = family === undefined
      ? `M${random.string(random.int(50, 300), AMINO_ACID_LETTERS)}`
      : random.chance(o.variation)
      ? mutateProtein(family.protein, random)
      : family.protein;
    const truncated = options.truncated === true;
    const nt = "ATG" + backTranslate(protein.slice(1), random) +
      (truncated ? "" : random.pick(STOP_CODONS));
    const pseudo = !truncated && random.chance(o.pseudoRate);
    const strand = truncated ? "+" : this.#strand();
    return {
      type: "cds",
      nt,
      strand,
      locus: true,
      finish(feature, start) {
        feature.frame = ((start - 1) % 3) + 1;
        const aa = translate(nt).replace(/\*$/, "");
        feature.nt = nt;
        feature.aa = aa;
        feature.aaHexdigest = md5Hex(aa);
        if (truncated) feature.truncated = "3-prime";
        const evidence: Record<string, unknown> = {
          start_type: "ATG",
          rbs_motif: random.pick(["AGGAG", "GGA/GAG/AGG", "AGxAGG/AGGxGG", null]),
        };
        if (family === undefined) annotateHypothetical(feature);
        else Object.assign(evidence, annotateFromFamily(feature, family, random));
        evidence.seq_stats = {
          molecular_weight: round(aa.length * 110.2 + random.next() * 100, 2),
          isoelectric_point: round(4 + random.next() * 6, 3),
        };
        if (pseudo) {
          feature.pseudo = true;
          evidence.pseudogene = {
            paralog: false,
            inference: family ? family.uniref90 : "hypothetical",
            causes: [random.pick(["frameshift", "internal stop", "point mutation"])],
          };
        }
        feature.evidence = evidence;
      },
    };
  }

  sorf(): Draft {
    const random = this.#random;
    const protein = `M${random.string(random.int(10, 28), AMINO_ACID_LETTERS)}`;
    const nt = "ATG" + backTranslate(protein.slice(1), random) + random.pick(STOP_CODONS);
    const uniref90 = `UniRef90_S${random.string(8, "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789")}`;
    return {
      type: "sorf",
      nt,
      strand: this.#strand(),
      locus: true,
      finish(feature, start) {
        feature.frame = ((start - 1) % 3) + 1;
        feature.product = "Leader peptide";
        feature.nt = nt;
        feature.aa = translate(nt).replace(/\*$/, "");
        feature.aaHexdigest = md5Hex(feature.aa);
        feature.dbXrefs = [
          { db: "SO", accession: SO_TERMS.sorf },
          { db: "UniRef", accession: uniref90 },
        ];
        feature.genes = [];
        feature.evidence = { psc: { uniref90_id: uniref90, product: "Leader peptide" } };
      },
    };
  }

  tRna(): Draft {
    const random = this.#random;
    const trna = random.pick(TRNAS);
    const nt = randomNt(random, random.int(73, 90));
    return {
      type: "tRNA",
      nt,
      strand: this.#strand(),
      locus: true,
      finish(feature) {
        feature.gene = trna.gene;
        feature.product = `tRNA-${trna.aminoAcid}`;
        feature.nt = nt;
        feature.dbXrefs = [{ db: "SO", accession: SO_TERMS.tRNA }];
        feature.evidence = {
          amino_acid: trna.aminoAcid,
          anti_codon: trna.antiCodon,
          score: round(50 + random.next() * 40, 1),
        };
      },
    };
  }

  tmRna(): Draft {
    const random = this.#random;
    const nt = randomNt(random, 360);
    return {
      type: "tmRNA",
      nt,
      strand: this.#strand(),
      locus: true,
      finish(feature) {
        feature.gene = "ssrA";
        feature.product = "transfer-messenger RNA, SsrA";
        feature.nt = nt;
        feature.dbXrefs = [{ db: "RFAM", accession: "RF00023" }, {
          db: "SO",
          accession: SO_TERMS.tmRNA,
        }];
        feature.evidence = { tag: { aa: "ANDENYALAA" } };
      },
    };
  }

  rRna(rrna: (typeof RRNAS)[number]): Draft {
    const random = this.#random;
    const nt = randomNt(random, rrna.length);
    return {
      type: "rRNA",
      nt,
      strand: this.#strand(),
      locus: true,
      finish(feature) {
        feature.gene = rrna.gene;
        feature.product = rrna.product;
        feature.nt = nt;
        feature.dbXrefs = [{ db: "RFAM", accession: rrna.rfam }, {
          db: "SO",
          accession: SO_TERMS.rRNA,
        }];
        feature.evidence = { coverage: 1, score: round(1000 + random.next() * 2000, 1) };
      },
    };
  }

  ncRna(region: boolean): Draft {
    const random = this.#random;
    const pool = NCRNAS.filter((n) => n.region === region);
    const ncrna = random.pick(pool);
    const nt = randomNt(random, random.int(60, 350));
    const type: FeatureType = region ? "ncRNA-region" : "ncRNA";
    return {
      type,
      nt,
      strand: this.#strand(),
      locus: !region,
      finish(feature) {
        if (ncrna.gene !== undefined) feature.gene = ncrna.gene;
        feature.product = ncrna.product;
        feature.nt = nt;
        feature.dbXrefs = [{ db: "RFAM", accession: ncrna.rfam }, {
          db: "SO",
          accession: SO_TERMS[type],
        }];
        feature.evidence = {
          class: null,
          score: round(40 + random.next() * 100, 1),
          evalue: 1e-10,
        };
      },
    };
  }

  crispr(): Draft {
    const random = this.#random;
    const repeats = random.int(4, 10);
    const consensus = randomNt(random, 36);
    const spacers = Array.from({ length: repeats - 1 }, () => randomNt(random, 30));
    let nt = "";
    for (let i = 0; i < repeats; i++) nt += consensus + (spacers[i] ?? "");
    return {
      type: "crispr",
      nt,
      strand: "?",
      locus: false,
      finish(feature, start) {
        feature.product =
          `CRISPR array with ${repeats} repeats of length 36, consensus sequence ${consensus} and spacer length 30`;
        feature.nt = nt;
        feature.dbXrefs = [{ db: "SO", accession: SO_TERMS.crispr }];
        const parts: CrisprPart[] = [];
        let at = start;
        for (let i = 0; i < repeats; i++) {
          parts.push({ kind: "repeat", start: at, stop: at + 35, strand: "?" });
          at += 36;
          if (i < spacers.length) {
            parts.push({ kind: "spacer", start: at, stop: at + 29, strand: "?", nt: spacers[i] });
            at += 30;
          }
        }
        feature.crisprParts = parts;
        feature.evidence = { repeat_consensus: consensus };
      },
    };
  }

  gap(): Draft {
    const length = this.#random.int(100, 500);
    return {
      type: "gap",
      nt: "N".repeat(length),
      strand: "?",
      locus: false,
      finish(feature) {
        feature.evidence = { length };
      },
    };
  }

  origin(type: "oriC" | "oriV" | "oriT"): Draft {
    const nt = randomNt(this.#random, this.#random.int(200, 900));
    return {
      type,
      nt,
      strand: "?",
      locus: false,
      finish(feature) {
        feature.product = type === "oriT" ? "origin of transfer" : "origin of replication";
        feature.nt = nt;
      },
    };
  }
}

function computeStats(sequences: Sequence[], features: Feature[]): GenomeStats {
  const lengths = sequences.map((s) => s.length).sort((a, b) => b - a);
  const size = lengths.reduce((a, b) => a + b, 0);
  const nx = (fraction: number) => {
    let sum = 0;
    for (const length of lengths) {
      sum += length;
      if (sum >= size * fraction) return length;
    }
    return 0;
  };
  let gc = 0;
  let n = 0;
  for (const s of sequences) {
    for (const base of s.nt ?? "") {
      if (base === "G" || base === "C") gc++;
      else if (base === "N") n++;
    }
  }
  const lengthById = new Map(sequences.map((s) => [s.id, s.length]));
  let coding = 0;
  for (const f of features) {
    if (f.type !== "cds" && f.type !== "sorf") continue;
    coding += f.edge ? lengthById.get(f.sequenceId)! - f.start + 1 + f.stop : f.stop - f.start + 1;
  }
  return {
    size,
    sequenceCount: sequences.length,
    gc: gc / size,
    nRatio: n / size,
    n50: nx(0.5),
    n90: nx(0.9),
    codingRatio: coding / size,
  };
}
