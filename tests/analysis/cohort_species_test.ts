import assert from "node:assert/strict";
import {
  cohortSpecies,
  mixedSpeciesWarning,
  UNKNOWN_SPECIES,
} from "../../src/analysis/cohort_species.ts";
import { importRuns } from "../../src/store/import_runs.ts";
import { setTraits } from "../../src/store/traits_repository.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { freshDatabase } from "../_fresh_database.ts";

const FILES = [
  "v1.9.2-spneumoniae-cohort/*.gff3.gz",
  "v1.5.1-saureus-pair/*.gff3.gz",
  "v1.4.2-lhokkaidonensis-json/SAMD00000344.bakta.json.gz",
];

async function gunzipText(path: string): Promise<string> {
  const stream = (await Deno.open(path)).readable.pipeThrough(new DecompressionStream("gzip"));
  return await new Response(stream).text();
}

/** The truth, read from the files themselves: a GFF3's `# organism` line, a JSON's genome block. */
async function speciesFromFiles(): Promise<Map<string, string>> {
  const truth = new Map<string, string>();
  for (const dir of ["v1.9.2-spneumoniae-cohort", "v1.5.1-saureus-pair"]) {
    for await (const entry of Deno.readDir(samplePath(dir))) {
      if (!entry.name.endsWith(".gff3.gz")) continue;
      const text = await gunzipText(samplePath(`${dir}/${entry.name}`));
      const line = text.split("\n").find((l) => l.startsWith("# organism "));
      const words = line?.slice("# organism ".length).trim().split(/\s+/) ?? [];
      truth.set(entry.name.replace(".gff3.gz", ""), words.slice(0, 2).join(" ") || UNKNOWN_SPECIES);
    }
  }
  const json = JSON.parse(
    await gunzipText(samplePath("v1.4.2-lhokkaidonensis-json/SAMD00000344.bakta.json.gz")),
  );
  truth.set("SAMD00000344", `${json.genome.genus} ${json.genome.species}`);
  return truth;
}

function asMap(groups: { species: string; genomes: string[] }[]): Map<string, string> {
  return new Map(groups.flatMap((g) => g.genomes.map((name) => [name, g.species])));
}

Deno.test({
  name: "cohortSpecies() groups real runs by the species their files name, strain left out",
  ignore: !reportSamples("cohort_species_test"),
  async fn() {
    await using db = await freshDatabase();
    const result = await importRuns(db, FILES.map(samplePath));
    assert.equal(result.imported, 11);
    const truth = await speciesFromFiles();
    const groups = await cohortSpecies(db);
    assert.deepEqual(
      Object.fromEntries([...asMap(groups)].sort()),
      Object.fromEntries([...truth].sort()),
    );
    // The JSON's genome block names a strain (LOOC260): the species leaves it out.
    assert.ok(groups.some((g) => g.species === "Lactobacillus hokkaidonensis"));
    // The largest group first, unknown species last.
    assert.equal(groups[0].species, "Streptococcus pneumoniae");
    assert.equal(groups[0].genomes.length, 8);
    assert.equal(groups.at(-1)!.species, UNKNOWN_SPECIES);
    assert.match(
      mixedSpeciesWarning(groups)!,
      /^A cohort of 2 known species and genomes of unknown species \(Streptococcus pneumoniae: 8 genomes/,
    );

    // GTDB-Tk's species wins over Bakta's organism.
    const c22 = await db.selectFrom("genomes").select("id").where("name", "=", "C22")
      .executeTakeFirstOrThrow();
    await setTraits(db, c22.id, { "gtdbtk.species": "s__Staphylococcus aureus" });
    const withGtdb = asMap(await cohortSpecies(db));
    assert.equal(withGtdb.get("C22"), "Staphylococcus aureus");
    assert.equal(withGtdb.get("C320"), truth.get("C320"));

    // A cohort of one species: no warning.
    const pneumoniae = [...truth].filter(([, s]) => s === "Streptococcus pneumoniae");
    const one = await cohortSpecies(db, { genomes: pneumoniae.map(([name]) => name) });
    assert.deepEqual(one.map((g) => [g.species, g.genomes.length]), [[
      "Streptococcus pneumoniae",
      8,
    ]]);
    assert.equal(mixedSpeciesWarning(one), undefined);
    assert.deepEqual(
      await cohortSpecies(db, { genomes: ["C22", "C320"] }),
      [
        { species: "Staphylococcus aureus", genomes: ["C22"] },
        { species: truth.get("C320")!, genomes: ["C320"] },
      ].sort((a, b) => a.species === UNKNOWN_SPECIES ? 1 : b.species === UNKNOWN_SPECIES ? -1 : 0),
    );
  },
});
