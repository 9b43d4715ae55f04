import assert from "node:assert/strict";
import { gunzipSync } from "node:zlib";
import { getResultFile, importRun, importRuns, listSequences } from "../../src/store/mod.ts";
import { reportSamples, samplePath, SAMPLES_PRESENT } from "../_samples.ts";
import { sha256 } from "../_sha256.ts";
import { rowCounts } from "./_helpers.ts";
import { freshDatabase } from "../_fresh_database.ts";

const present = reportSamples("tests/store/real_samples_test.ts");

const RUN_FOLDERS = [
  "v1.11.4-assembly",
  "v1.11.4-assembly/proteins-mode",
  "v1.8.1-origin-spanning",
  "v1.9.4-efaecalis-CI-8050",
  "json-schema-versions",
  "v1.4.2-lhokkaidonensis-json",
  "v1.9.2-spneumoniae-cohort",
  "v1.5.1-saureus-pair",
];

/** The `Annotation:` block of a Bakta `.txt` summary, parsed here independently of the readers. */
function summaryCounts(path: string): Record<string, number> {
  const text = Deno.readTextFileSync(path);
  const block = text.split("Annotation:")[1].split("Bakta:")[0];
  const counts: Record<string, number> = {};
  for (const line of block.trim().split("\n")) {
    const [key, value] = line.split(":");
    counts[key.trim()] = Number(value);
  }
  return counts;
}

const TXT_TO_TYPE: Record<string, string> = {
  "tRNAs": "tRNA",
  "tmRNAs": "tmRNA",
  "rRNAs": "rRNA",
  "ncRNAs": "ncRNA",
  "ncRNA regions": "ncRNA-region",
  "CRISPR arrays": "crispr",
  "CDSs": "cds",
  "sORFs": "sorf",
  "gaps": "gap",
  "oriCs": "oriC",
  "oriVs": "oriV",
  "oriTs": "oriT",
};

function readText(path: string): string {
  const bytes = Deno.readFileSync(path);
  return new TextDecoder().decode(path.endsWith(".gz") ? gunzipSync(bytes) : bytes);
}

Deno.test({
  name: "importRuns() imports every sample run into one database, as Bakta's summaries count them",
  ignore: !present,
  async fn() {
    await using db = await freshDatabase();
    const result = await importRuns(db, RUN_FOLDERS.map(samplePath));
    for (const item of result.items) {
      assert.notEqual(item.status, "failed", `${item.item}: ${item.error?.message}`);
    }
    assert.equal(result.imported, 20);

    // Feature counts per type equal the .txt summaries.
    for (
      const [genome, txt] of [
        ["assembly", "v1.11.4-assembly/assembly.txt"],
        ["TEST_6", "v1.8.1-origin-spanning/TEST_6.txt"],
        ["CI-8050", "v1.9.4-efaecalis-CI-8050/CI-8050.txt"],
      ]
    ) {
      const expected = summaryCounts(samplePath(txt));
      const rows = await db.selectFrom("features as f")
        .innerJoin("annotations as a", "a.id", "f.annotation_id")
        .innerJoin("genomes as g", "g.id", "a.genome_id")
        .where("g.name", "=", genome).where("a.mode", "=", "genome")
        .select((eb) => [
          "f.type",
          eb.fn.countAll<number>().as("n"),
          eb.fn.sum<number>("f.pseudo").as("pseudo"),
          eb.fn.sum<number>("f.hypothetical").as("hypothetical"),
        ]).groupBy("f.type").execute();
      const byType = Object.fromEntries(rows.map((r) => [r.type, Number(r.n)]));
      for (const [key, type] of Object.entries(TXT_TO_TYPE)) {
        assert.equal(byType[type] ?? 0, expected[key], `${genome}: ${key}`);
      }
      const cds = rows.find((r) => r.type === "cds");
      assert.equal(Number(cds?.pseudo ?? 0), expected.pseudogenes, `${genome}: pseudogenes`);
      assert.equal(
        Number(cds?.hypothetical ?? 0),
        expected.hypotheticals,
        `${genome}: hypotheticals`,
      );
    }

    // The 8 S. pneumoniae and 2 S. aureus GFF3 files are 10 genomes named by their prefixes,
    // with as many sequences as the file has ##sequence-region lines.
    const gff3 = [
      ...[...Deno.readDirSync(samplePath("v1.9.2-spneumoniae-cohort"))]
        .filter((e) => e.name.endsWith(".gff3.gz"))
        .map((e) => `v1.9.2-spneumoniae-cohort/${e.name}`),
      "v1.5.1-saureus-pair/C22.gff3.gz",
      "v1.5.1-saureus-pair/C320.gff3.gz",
    ];
    assert.equal(gff3.length, 10);
    for (const file of gff3) {
      const name = file.split("/")[1].replace(".gff3.gz", "");
      const genome = await db.selectFrom("genomes").select("id").where("name", "=", name)
        .executeTakeFirstOrThrow();
      const text = readText(samplePath(file));
      const regions = text.split("\n").filter((l) => l.startsWith("##sequence-region")).length;
      const sequences = await listSequences(db, genome.id);
      assert.equal(sequences.length, regions, `${name}: sequences`);
      assert.ok(sequences.every((s) => s.checksum !== null), `${name}: ##FASTA residues stored`);
      const featureLines = text.split("##FASTA")[0].split("\n")
        .filter((l) =>
          l && !l.startsWith("#") && !/\t(region|crispr-repeat|crispr-spacer)\t/.test(l)
        );
      const n = await db.selectFrom("features as f").innerJoin(
        "annotations as a",
        "a.id",
        "f.annotation_id",
      )
        .where("a.genome_id", "=", genome.id).select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(n.n), featureLines.length, `${name}: features`);
    }

    // Residue checksums are the SHA-256 of the upper-case sequences of the .fna.
    const fna = readText(samplePath("v1.9.4-efaecalis-CI-8050/CI-8050.fna.gz"));
    const expectedChecksums = fna.split(">").slice(1).map((record) =>
      sha256(record.split("\n").slice(1).join("").trim().toUpperCase())
    );
    const ci = await db.selectFrom("genomes").select("id").where("name", "=", "CI-8050")
      .executeTakeFirstOrThrow();
    assert.deepStrictEqual(
      (await listSequences(db, ci.id)).map((s) => s.checksum),
      expectedChecksums,
    );

    // The origin-spanning CDS is stored as Bakta's JSON has it.
    const edge = await db.selectFrom("features").select(["start", "stop", "strand"])
      .where("edge", "=", 1).where("locus_tag", "=", "IHHALP_00010").execute();
    assert.deepStrictEqual(edge, [{ start: 971, stop: 141, strand: "-" }]);

    // Every stored file gives back the bytes on disk.
    const files = await db.selectFrom("result_files as r").innerJoin(
      "annotations as a",
      "a.id",
      "r.annotation_id",
    )
      .innerJoin("genomes as g", "g.id", "a.genome_id").select([
        "r.id",
        "r.file_name",
        "r.checksum",
      ])
      .execute();
    assert.ok(files.length >= 40);
    let compared = 0;
    for (const folder of RUN_FOLDERS) {
      for (const entry of Deno.readDirSync(samplePath(folder))) {
        const file = files.find((f) => f.file_name === entry.name);
        if (!entry.isFile || file === undefined) continue;
        const disk = Deno.readFileSync(samplePath(`${folder}/${entry.name}`));
        const { bytes } = await getResultFile(db, file.id);
        if (file.checksum !== sha256(disk)) continue; // same name in another folder
        assert.equal(sha256(bytes), sha256(disk), entry.name);
        compared++;
      }
    }
    assert.ok(compared >= 40, `compared ${compared}`);

    // Importing everything again changes nothing.
    const before = await rowCounts(db);
    const again = await importRuns(db, RUN_FOLDERS.map(samplePath));
    assert.equal(again.skipped, 20);
    assert.deepStrictEqual(await rowCounts(db), before);
  },
});

Deno.test({
  name: "two Bakta versions' JSON of the same input are two annotations of one assembly version",
  ignore: !present,
  async fn() {
    await using db = await freshDatabase();
    const pre = await importRun(
      db,
      samplePath("json-schema-versions/bakta-result-pre-1_9.json"),
      {
        genome: "salmonella",
      },
    );
    const post = await importRun(
      db,
      samplePath("json-schema-versions/bakta-result-post-1_10.json"),
      {
        genome: "salmonella",
      },
    );
    assert.equal(pre.versionAction, "new-genome");
    assert.equal(post.versionAction, "same-version");
    assert.equal(post.sequenceVersion, 1);
    assert.equal((await rowCounts(db)).sequences, 5);
  },
});

Deno.test({
  name:
    "aa_length and nt_gc derived from TSV coordinates and .fna residues equal the JSON's proteins",
  ignore: !SAMPLES_PRESENT,
  async fn() {
    await using db = await freshDatabase();
    const json = await importRun(db, [samplePath("v1.11.4-assembly/assembly.json")], {
      genome: "assembly",
    });
    const tsv = await importRun(db, [
      samplePath("v1.11.4-assembly/assembly.tsv"),
      samplePath("v1.11.4-assembly/assembly.fna"),
    ], { genome: "assembly" });
    assert.equal(tsv.versionAction, "same-version", "the .fna has the JSON's sequences");
    const load = (id: number) =>
      db.selectFrom("features").select([
        "locus_tag",
        "type",
        "pseudo",
        "truncated",
        "aa_length",
        "nt_gc",
      ])
        .where("annotation_id", "=", id).where("locus_tag", "is not", null).execute();
    const fromJson = new Map((await load(json.annotationId)).map((r) => [r.locus_tag, r]));
    let lengths = 0;
    let gcs = 0;
    for (const row of await load(tsv.annotationId)) {
      const truth = fromJson.get(row.locus_tag)!;
      if ((row.type === "cds" || row.type === "sorf") && row.aa_length !== null) {
        assert.equal(row.aa_length, truth.aa_length, `${row.locus_tag} aa_length`);
        lengths++;
      }
      if (row.nt_gc !== null && truth.nt_gc !== null) {
        assert.ok(Math.abs(row.nt_gc - truth.nt_gc) < 1e-9, `${row.locus_tag} nt_gc`);
        gcs++;
      }
    }
    assert.ok(lengths > 60, `compared ${lengths} protein lengths`);
    assert.ok(gcs > 80, `compared ${gcs} GC fractions`);
  },
});
