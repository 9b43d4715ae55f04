import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import {
  formatRunAsBaktaJson,
  formatRunAsGff3,
  makeCohort,
  makeFamilyPool,
  makeRun,
  SeededRandom,
} from "../../src/testing/factory/mod.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { PYTHON, pythonHas } from "../_python.ts";

const BIOPYTHON = pythonHas("factory_test", "Bio");

function complement(nt: string): string {
  const map: Record<string, string> = { A: "T", C: "G", G: "C", T: "A", N: "N" };
  return [...nt].reverse().map((c) => map[c]).join("");
}

/** The residues at a feature's coordinates, on its strand (brute force, origin-spanning too). */
function residuesAt(run: BaktaRun, f: Feature): string {
  const seq = run.sequences.find((s) => s.id === f.sequenceId)!.nt!;
  const forward = f.edge
    ? seq.slice(f.start - 1) + seq.slice(0, f.stop)
    : seq.slice(f.start - 1, f.stop);
  return f.strand === "-" ? complement(forward) : forward;
}

Deno.test("SeededRandom gives the same stream for the same seed and another for another seed", () => {
  const a = new SeededRandom(3);
  const b = new SeededRandom(3);
  const c = new SeededRandom(4);
  const xs = Array.from({ length: 50 }, () => a.next());
  assert.deepStrictEqual(xs, Array.from({ length: 50 }, () => b.next()));
  assert.notDeepStrictEqual(xs, Array.from({ length: 50 }, () => c.next()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  // Roughly uniform: the mean of many draws is near 0.5.
  const r = new SeededRandom(9);
  const mean = Array.from({ length: 10_000 }, () => r.next()).reduce((s, x) => s + x, 0) / 10_000;
  assert.ok(Math.abs(mean - 0.5) < 0.02, `mean ${mean}`);
});

Deno.test("makeRun() is reproducible from its seed", () => {
  assert.deepStrictEqual(makeRun({ seed: 11 }), makeRun({ seed: 11 }));
  assert.notEqual(makeRun({ seed: 11 }).sequences[0].nt, makeRun({ seed: 12 }).sequences[0].nt);
});

Deno.test("makeRun() features lie on the residues they claim, proteins are their translations", () => {
  for (const options of [{ seed: 1 }, { seed: 2, circular: false, sequences: 4 }]) {
    const run = makeRun(options);
    for (const f of run.features) {
      const length = run.sequences.find((s) => s.id === f.sequenceId)!.length;
      assert.ok(f.start >= 1 && f.stop >= 1 && f.start <= length && f.stop <= length);
      assert.equal(f.edge, f.start > f.stop, `edge iff start > stop: ${f.locusTag}`);
      if (f.type === "gap") {
        assert.match(residuesAt(run, f), /^N+$/);
        continue;
      }
      assert.equal(residuesAt(run, f), f.nt, `${f.type} ${f.locusTag ?? f.id}`);
      if (f.aa !== undefined) {
        assert.equal(f.aaHexdigest, createHash("md5").update(f.aa).digest("hex"));
        const complete = f.truncated === undefined;
        assert.equal(f.nt!.length, 3 * (f.aa.length + (complete ? 1 : 0)));
        assert.ok(f.aa.startsWith("M"));
      }
    }
  }
});

Deno.test({
  name: "makeRun() proteins equal Biopython's translation (table 11) of the CDS nucleotides",
  ignore: !BIOPYTHON,
  fn() {
    const run = makeRun({ seed: 5, genomeSize: 30_000 });
    const cds = run.features.filter((f) => f.aa !== undefined);
    const script = "import sys, json\nfrom Bio.Seq import Seq\n" +
      "print(json.dumps([str(Seq(nt).translate(table=11, to_stop=False)).rstrip('*') for nt in json.load(sys.stdin)]))";
    const child = new Deno.Command(PYTHON, {
      args: ["-c", script],
      stdin: "piped",
      stdout: "piped",
    })
      .spawn();
    const writer = child.stdin.getWriter();
    writer.write(new TextEncoder().encode(JSON.stringify(cds.map((f) => f.nt))));
    writer.close();
    return child.output().then(({ stdout }) => {
      const translated: string[] = JSON.parse(new TextDecoder().decode(stdout));
      assert.deepStrictEqual(translated, cds.map((f) => f.aa));
    });
  },
});

Deno.test("makeRun() has every kind of feature Bakta writes, and one origin-spanning CDS", () => {
  const run = makeRun({ seed: 3, genomeSize: 200_000, sequences: 2 });
  const types = new Set(run.features.map((f) => f.type));
  for (
    const t of [
      "cds",
      "sorf",
      "tRNA",
      "tmRNA",
      "rRNA",
      "ncRNA",
      "ncRNA-region",
      "crispr",
      "gap",
      "oriC",
      "oriV",
      "oriT",
    ]
  ) {
    assert.ok(types.has(t as Feature["type"]), `missing ${t}`);
  }
  const edges = run.features.filter((f) => f.edge);
  assert.equal(edges.length, 1);
  assert.equal(edges[0].type, "cds");
  assert.equal(edges[0].sequenceId, run.sequences[0].id);
  assert.ok(run.features.some((f) => f.hypothetical && f.product === "hypothetical protein"));
  assert.ok(run.features.some((f) => f.pseudo));
  const dbs = new Set(run.features.flatMap((f) => f.dbXrefs.map((x) => x.db)));
  for (const db of ["COG", "EC", "GO", "UniRef", "UniParc", "RefSeq", "SO", "RFAM"]) {
    assert.ok(dbs.has(db), `missing ${db} xrefs`);
  }
  const uniref = run.features.flatMap((f) => f.dbXrefs).filter((x) => x.db === "UniRef");
  assert.ok(uniref.some((x) => x.accession.startsWith("UniRef90_")));
  assert.ok(uniref.some((x) => x.accession.startsWith("UniRef50_")));
  const locusTags = run.features.filter((f) => f.locusTag).map((f) => f.locusTag);
  assert.equal(new Set(locusTags).size, locusTags.length, "locus tags are unique");
  for (const f of run.features) {
    const hasLocus = ["cds", "sorf", "tRNA", "tmRNA", "rRNA", "ncRNA"].includes(f.type);
    assert.equal(f.locusTag !== undefined, hasLocus, `${f.type} locus tag`);
  }
  const crispr = run.features.find((f) => f.type === "crispr")!;
  assert.ok(crispr.crisprParts!.length >= 7);
  assert.equal(crispr.crisprParts![0].start, crispr.start);
  assert.equal(crispr.crisprParts!.at(-1)!.stop, crispr.stop);
});

Deno.test("makeRun() statistics agree with a brute-force count of its residues", () => {
  const run = makeRun({ seed: 8, sequences: 3, circular: false, genomeSize: 40_000 });
  const all = run.sequences.map((s) => s.nt!).join("");
  const count = (re: RegExp) => (all.match(re) ?? []).length;
  assert.equal(run.stats!.size, all.length);
  assert.equal(run.stats!.sequenceCount, 3);
  assert.ok(Math.abs(run.stats!.gc - count(/[GC]/g) / all.length) < 1e-12);
  assert.ok(Math.abs(run.stats!.nRatio - count(/N/g) / all.length) < 1e-12);
  assert.equal(run.stats!.n50, Math.max(...run.sequences.map((s) => s.length)));
  const truncated = run.features.filter((f) => f.truncated === "3-prime");
  assert.equal(truncated.length, 3, "one CDS runs off the end of each linear contig");
  for (const f of truncated) {
    const length = run.sequences.find((s) => s.id === f.sequenceId)!.length;
    assert.equal(f.stop, length);
  }
});

Deno.test("featuresPerSequence gives exactly that many features per sequence", () => {
  const run = makeRun({ seed: 4, sequences: 3, featuresPerSequence: 25 });
  for (const s of run.sequences) {
    assert.equal(run.features.filter((f) => f.sequenceId === s.id).length, 25);
  }
});

Deno.test("formatRunAsBaktaJson() is read back by readBaktaJson() to the same run", () => {
  for (const options of [{ seed: 21 }, { seed: 22, circular: false, sequences: 3 }]) {
    const run = makeRun(options);
    const back = readBaktaJson(formatRunAsBaktaJson(run), { file: "factory.json" });
    assert.deepStrictEqual(back.features, run.features);
    assert.deepStrictEqual(back.sequences, run.sequences);
    assert.deepStrictEqual(back.genome, run.genome);
    assert.deepStrictEqual(back.stats, run.stats);
    assert.deepStrictEqual(back.software, run.software);
    assert.deepStrictEqual(back.run, run.run);
  }
});

Deno.test("formatRunAsGff3() is read back by readGff3() with the same features and residues", () => {
  const run = makeRun({ seed: 31, sequences: 2 });
  const back = readGff3(formatRunAsGff3(run), { file: "factory.gff3" });
  const key = (f: Feature) =>
    [f.type, f.sequenceId, f.start, f.stop, f.strand, f.edge, f.locusTag ?? "", f.product ?? ""]
      .join("|");
  assert.deepStrictEqual(back.features.map(key), run.features.map(key));
  assert.deepStrictEqual(
    back.features.map((f) => f.dbXrefs),
    run.features.map((f) => f.dbXrefs),
  );
  assert.deepStrictEqual(back.sequences.map((s) => s.nt), run.sequences.map((s) => s.nt));
  assert.deepStrictEqual(back.sequences.map((s) => s.topology), ["circular", "circular"]);
});

Deno.test("makeFamilyPool() families share UniRef50 clusters by three and products with paralogs", () => {
  const pool = makeFamilyPool({ seed: 2, size: 120 });
  assert.equal(pool.length, 120);
  assert.equal(new Set(pool.map((f) => f.uniref90)).size, 120);
  assert.equal(new Set(pool.map((f) => f.uniref50)).size, 40);
  assert.ok(new Set(pool.map((f) => f.product)).size < 120);
  assert.throws(() => makeFamilyPool({ size: -1 }), {
    name: "RangeError",
    message: /size must be a non-negative integer, got -1/,
  });
});

Deno.test("makeCohort() genomes share the core families and differ in accessory ones", () => {
  const cohort = makeCohort({ seed: 3, genomes: 4, familiesPool: 200, coreFamilies: 80 });
  const cogsOf = (run: BaktaRun) =>
    new Set(
      run.features.flatMap((f) => f.dbXrefs).filter((x) =>
        x.db === "COG" && x.accession.startsWith("COG")
      ).map((x) => x.accession),
    );
  const core = new Set(cohort.families.slice(0, 80).map((f) => f.cog));
  const sets = cohort.members.map((m) => cogsOf(m.run));
  for (const set of sets) for (const cog of core) assert.ok(set.has(cog), `core ${cog} missing`);
  for (const m of cohort.members) {
    assert.ok(m.familyIndices.length > 80 && m.familyIndices.length < 200);
    const cds = m.run.features.filter((f) => f.type === "cds" && !f.hypothetical);
    assert.equal(cds.length, m.familyIndices.length, "one CDS per family carried");
  }
  assert.notDeepStrictEqual(cohort.members[0].familyIndices, cohort.members[1].familyIndices);
  // Most orthologous proteins are identical between two genomes (same aa_hexdigest).
  const digests = (run: BaktaRun) =>
    new Set(run.features.map((f) => f.aaHexdigest).filter((d) => d));
  const a = digests(cohort.members[0].run);
  const b = digests(cohort.members[1].run);
  const shared = [...a].filter((d) => b.has(d)).length;
  assert.ok(shared > 80 * 0.5, `shared proteins ${shared}`);
  assert.deepStrictEqual(
    cohort,
    makeCohort({ seed: 3, genomes: 4, familiesPool: 200, coreFamilies: 80 }),
  );
});
