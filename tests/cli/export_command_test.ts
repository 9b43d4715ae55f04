import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { exportAnnotation } from "../../src/export/export_annotation.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { parseFasta } from "../../src/formats/fasta/parse_fasta.ts";
import { readBaktaTsv } from "../../src/formats/tsv/read_bakta_tsv.ts";
import { windowResidues } from "../export/_helpers.ts";
import { exportFixture } from "./_export_fixture.ts";
import { capture } from "./_helpers.ts";
import { engineTest } from "../_engines.ts";

engineTest(
  "baktadb export: every format to standard output equals exportAnnotation()",
  async () => {
    const fx = await exportFixture();
    const db = await openDatabase(fx.db);
    try {
      for (const format of ["gff3", "embl", "fna", "ffn", "faa", "tsv", "csv", "json"]) {
        const c = capture();
        assert.equal(
          await runCli(["export", "factory", "--format", format, "--db", fx.db], c.io),
          0,
          c.err(),
        );
        assert.equal(
          c.out(),
          await exportAnnotation(db, fx.annotationId, format as "gff3"),
          format,
        );
      }
      const c = capture();
      assert.equal(await runCli(["export", "factory", "-f", "genbank", "--db", fx.db], c.io), 0);
      assert.match(c.out(), /^LOCUS {7}contig_1/);
    } finally {
      await db.destroy();
      await fx.cleanup();
    }
  },
);

engineTest("baktadb export --out writes the file whole, --region across the origin", async () => {
  const fx = await exportFixture();
  try {
    const chromosome = fx.run.sequences[0];
    const n = chromosome.length;
    const out = `${fx.dir}/window.fna`;
    let c = capture();
    assert.equal(
      await runCli(
        [
          "export",
          "factory",
          "-f",
          "fna",
          "--region",
          `${chromosome.id}:${n - 99}-50`,
          "--out",
          out,
          "--db",
          fx.db,
        ],
        c.io,
      ),
      0,
      c.err(),
    );
    assert.equal(c.out(), "");
    assert.match(c.err(), /^Wrote .*window\.fna: fna of genome "factory", annotation \d+, region/);
    const [record] = parseFasta(await Deno.readTextFile(out));
    assert.equal(record.sequence, windowResidues(chromosome.nt!.toUpperCase(), n - 99, 50));
    assert.equal(record.sequence.length, 150);

    c = capture();
    assert.equal(
      await runCli(
        ["export", "factory", "-f", "tsv", "--region", `${chromosome.id}:${n}-1`, "--db", fx.db],
        c.io,
      ),
      0,
    );
    const edge = fx.run.features.find((f) => f.edge)!;
    assert.ok(readBaktaTsv(c.out()).features.some((f) => f.locusTag === edge.locusTag));
    const names = [...Deno.readDirSync(fx.dir)].map((e) => e.name).sort();
    assert.deepStrictEqual(
      names.filter((name) => name !== "test.sqlite"),
      ["window.fna"],
      "no temporary file left",
    );
  } finally {
    await fx.cleanup();
  }
});

engineTest("baktadb export --annotation exports an older annotation of the genome", async () => {
  const fx = await exportFixture();
  const db = await openDatabase(fx.db);
  let newer: number;
  try {
    const other = makeRun({ seed: 72, sequences: 1, featuresPerSequence: 4 });
    newer = (await importRun(db, other, { genome: "factory" })).annotationId!;
  } finally {
    await db.destroy();
  }
  try {
    const latest = capture();
    assert.equal(await runCli(["export", "factory", "-f", "tsv", "--db", fx.db], latest.io), 0);
    assert.equal(
      readBaktaTsv(latest.out()).features.length,
      4,
      `annotation ${newer} is the latest`,
    );
    const old = capture();
    assert.equal(
      await runCli(
        ["export", "factory", "-f", "tsv", "--annotation", String(fx.annotationId), "--db", fx.db],
        old.io,
      ),
      0,
    );
    assert.equal(readBaktaTsv(old.out()).features.length, fx.features.length);
  } finally {
    await fx.cleanup();
  }
});

engineTest(
  "baktadb export: errors are one line with their exit code, and write no file",
  async () => {
    const fx = await exportFixture();
    try {
      const out = `${fx.dir}/never.gff3`;
      const cases: [string[], number, RegExp][] = [
        [["export", "factory", "-f", "xlsx"], 2, /Unknown export format "xlsx"/],
        [["export", "factory"], 2, /required option/],
        [["export", "nope", "-f", "gff3"], 3, /No genome "nope"/],
        [["export", "factory", "-f", "gff3", "--annotation", "99"], 3, /has no annotation 99/],
        [
          ["export", "factory", "-f", "gff3", "--region", "contig_1:5"],
          2,
          /expected SEQUENCE:FROM-TO/,
        ],
        [
          ["export", "factory", "-f", "gff3", "--region", "contig_9:1-5"],
          3,
          /No sequence "contig_9"/,
        ],
        [
          ["export", "factory", "-f", "gff3", "--region", "contig_1:1-99999999"],
          2,
          /not a position/,
        ],
        [["export", "factory", "-f", "gff3", "--region", "contig_2:2000-10"], 0, /^Wrote/],
      ];
      for (const [args, code, message] of cases) {
        const c = capture();
        const target = code === 0 ? `${fx.dir}/ok.gff3` : out;
        assert.equal(
          await runCli([...args, "--out", target, "--db", fx.db], c.io),
          code,
          args.join(" "),
        );
        assert.match(c.err(), message, args.join(" "));
      }
      assert.ok(
        !(await Deno.stat(out).then(() => true, () => false)),
        "no file for a failed export",
      );
      const c = capture();
      assert.equal(await runCli(["export", "--help"], c.io), 0);
      assert.match(c.out(), /Formats:\n {2}gff3 /);
      assert.match(c.out(), /Examples:\n {2}baktadb export/);
    } finally {
      await fx.cleanup();
    }
  },
);
