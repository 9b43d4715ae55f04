import assert from "node:assert/strict";
import { parse } from "csv-parse/sync";
import { runCli } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { ROARY_COLUMNS } from "../../src/analysis/roary_presence_absence.ts";
import { familyOf } from "../analysis/_cohort.ts";
import { bruteForceFisher } from "../analysis/_fisher_brute_force.ts";
import { capture } from "./_helpers.ts";

interface Fixture {
  dir: string;
  db: string;
  runs: Map<string, BaktaRun>;
  /** The sample sheet: lineage and penicillin per genome. */
  sheet: Map<string, { lineage: string; penicillin: string }>;
}

/** A factory cohort in a database file, and a sample sheet of it (one row naming no genome). */
async function fixture(): Promise<Fixture> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-cohort-cli-" });
  const path = `${dir}/cohort.sqlite`;
  const db = await openDatabase(path);
  const cohort = makeCohort({
    seed: 12,
    genomes: 9,
    familiesPool: 80,
    coreFamilies: 30,
    accessoryRate: 0.4,
  });
  const runs = new Map<string, BaktaRun>();
  for (const member of cohort.members) {
    await importRun(db, member.run, { genome: member.name });
    runs.set(member.name, member.run);
  }
  await db.destroy();
  const names = [...runs.keys()].sort();
  const sheet = new Map(names.map((name, i) => [name, {
    lineage: String(1 + (i % 3)),
    penicillin: i === 4 ? "NA" : i % 2 ? "R" : "S",
  }]));
  const lines = [
    "sample,lineage,penicillin",
    ...[...sheet].map(([n, t]) => `${n},${t.lineage},${t.penicillin}`),
    "G99,1,R",
  ];
  await Deno.writeTextFile(`${dir}/sheet.csv`, lines.join("\n") + "\n");
  return { dir, db: path, runs, sheet };
}

async function cli(
  f: Fixture,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const c = capture();
  const code = await runCli([...args, "--db", f.db], c.io);
  return { code, out: c.out(), err: c.err() };
}

/** Brute force: the genomes carrying each family (CDSs, pseudogenes included). */
function carriers(
  runs: Map<string, BaktaRun>,
  genomes: readonly string[],
): Map<string, Map<string, string[]>> {
  const result = new Map<string, Map<string, string[]>>();
  for (const genome of genomes) {
    for (const feature of runs.get(genome)!.features) {
      const family = feature.type === "cds" ? familyOf(feature) : null;
      if (family === null) continue;
      if (!result.has(family)) result.set(family, new Map());
      const tags = result.get(family)!.get(genome) ?? [];
      result.get(family)!.set(genome, [...tags, feature.locusTag!]);
    }
  }
  return result;
}

const tsvRows = (text: string) => {
  const lines = text.trimEnd().split("\n").filter((l) => !l.startsWith("#"));
  const header = lines[0].split("\t");
  return lines.slice(1).map((l) => Object.fromEntries(l.split("\t").map((v, i) => [header[i], v])));
};

Deno.test("baktadb cohort commands answer as brute force over the factory's runs", async (t) => {
  const f = await fixture();
  const all = [...f.runs.keys()].sort();
  try {
    await t.step(
      "traits import reports the row naming no genome; traits list shows the sheet",
      async () => {
        const imported = await cli(f, "traits", "import", `${f.dir}/sheet.csv`, "--key", "sample");
        assert.equal(imported.code, 0, imported.err);
        assert.match(imported.out, /^Set 18 trait value\(s\) of 9 genome\(s\) from sheet.csv$/m);
        assert.match(imported.out, /^ {2}line 11: G99$/m);
        const listed = await cli(f, "traits", "list", "--tsv", "--key", "lineage");
        assert.deepEqual(
          tsvRows(listed.out).map((r) => [r.genome, r.value]),
          [...f.sheet].map(([n, t]) => [n, t.lineage]),
        );
      },
    );

    await t.step("pangenome --tsv lists each family's locus tags per genome", async () => {
      const { code, out, err } = await cli(f, "pangenome", "--tsv");
      assert.equal(code, 0, err);
      const expected = carriers(f.runs, all);
      const rows = tsvRows(out);
      assert.equal(rows.length, expected.size);
      for (const row of rows) {
        const members = expected.get(row.family)!;
        assert.equal(Number(row.isolates), members.size);
        for (const genome of all) {
          assert.deepEqual(
            row[genome] === "" ? [] : row[genome].split(",").sort(),
            (members.get(genome) ?? []).sort(),
          );
        }
      }
    });

    await t.step(
      "pangenome --where restricts the genomes; --classes counts by Roary's thresholds",
      async () => {
        const lineage1 = all.filter((n) => f.sheet.get(n)!.lineage === "1");
        const { code, out, err } = await cli(
          f,
          "pangenome",
          "--where",
          "lineage=1",
          "--classes",
          "--json",
        );
        assert.equal(code, 0, err);
        const counts = { core: 0, "soft-core": 0, shell: 0, cloud: 0 };
        for (const members of carriers(f.runs, lineage1).values()) {
          const share = members.size / lineage1.length;
          counts[
            share >= 0.99 ? "core" : share >= 0.95 ? "soft-core" : share >= 0.15 ? "shell" : "cloud"
          ]++;
        }
        const got = Object.fromEntries(
          (JSON.parse(out) as { class: string; families: number }[]).map((
            r,
          ) => [r.class, r.families]),
        );
        assert.deepEqual(got, { ...counts, total: carriers(f.runs, lineage1).size });
      },
    );

    await t.step("pangenome --format roary --out writes Roary's columns", async () => {
      const out = `${f.dir}/gene_presence_absence.csv`;
      const { code, err } = await cli(
        f,
        "pangenome",
        "G1",
        "G2",
        "--format",
        "roary",
        "--out",
        out,
      );
      assert.equal(code, 0, err);
      const records = parse(await Deno.readTextFile(out)) as string[][];
      assert.deepEqual(records[0], [...ROARY_COLUMNS, "G1", "G2"]);
      assert.equal(records.length - 1, carriers(f.runs, ["G1", "G2"]).size);
    });

    await t.step("cog --tsv counts the categorized CDSs per letter", async () => {
      const { code, out, err } = await cli(f, "cog", "G3", "--tsv");
      assert.equal(code, 0, err);
      const [row] = tsvRows(out);
      const counts = new Map<string, number>();
      for (const feature of f.runs.get("G3")!.features) {
        if (feature.type !== "cds") continue;
        const letters = new Set(
          feature.dbXrefs.filter((x) => x.db === "COG" && !x.accession.startsWith("COG")).flatMap((
            x,
          ) => [...x.accession]),
        );
        for (const letter of letters) counts.set(letter, (counts.get(letter) ?? 0) + 1);
      }
      for (const [letter, value] of Object.entries(row)) {
        if (letter !== "genome") assert.equal(Number(value), counts.get(letter) ?? 0, letter);
      }
    });

    await t.step("cog --by lineage sums each lineage's genomes", async () => {
      const { code, out, err } = await cli(f, "cog", "--by", "lineage", "--tsv");
      assert.equal(code, 0, err);
      const rows = tsvRows(out);
      assert.deepEqual(rows.map((r) => r.value), ["1", "2", "3"]);
      for (const row of rows) {
        const members = all.filter((n) => f.sheet.get(n)!.lineage === row.value);
        assert.equal(Number(row.genomes), members.length);
        let j = 0;
        for (const genome of members) {
          for (const feature of f.runs.get(genome)!.features) {
            if (feature.type !== "cds") continue;
            const letters = new Set(
              feature.dbXrefs.filter((x) => x.db === "COG" && !x.accession.startsWith("COG"))
                .flatMap((x) => [...x.accession]),
            );
            if (letters.has("J")) j++;
          }
        }
        assert.equal(Number(row.J), j, `lineage ${row.value}`);
      }
    });

    await t.step("compare A B lists the families only one of them has", async () => {
      const { code, out, err } = await cli(f, "compare", "G1", "G2", "--tsv");
      assert.equal(code, 0, err);
      const families = carriers(f.runs, ["G1", "G2"]);
      const expected = [...families].filter(([, m]) => m.size === 1)
        .map(([family, m]) => `${family} ${m.has("G2") ? "gained" : "lost"}`).sort();
      assert.deepEqual(tsvRows(out).map((r) => `${r.family} ${r.status}`).sort(), expected);
    });

    await t.step(
      "search TEXT --where finds the products holding the word in the selected genomes",
      async () => {
        const lineage2 = all.filter((n) => f.sheet.get(n)!.lineage === "2");
        const word = "kinase";
        const { code, out, err } = await cli(
          f,
          "search",
          word,
          "--where",
          "lineage=2",
          "--limit",
          "0",
          "--tsv",
        );
        assert.equal(code, 0, err);
        const expected = lineage2.flatMap((g) =>
          f.runs.get(g)!.features.filter((x) =>
            /\bkinase\b/i.test(x.product ?? "") || /\bkinase\b/i.test(x.gene ?? "")
          )
            .map((x) => `${g} ${x.locusTag}`)
        );
        assert.ok(expected.length > 0);
        assert.deepEqual(
          tsvRows(out).map((r) => `${r.genome} ${r.locus_tag}`).sort(),
          expected.sort(),
        );
      },
    );

    await t.step(
      "associate TRAIT --tsv gives the brute-force tables and Fisher p-values",
      async () => {
        const { code, out, err } = await cli(
          f,
          "associate",
          "penicillin",
          "--pseudo",
          "present",
          "--tsv",
        );
        assert.equal(code, 0, err);
        assert.match(out, /^# genomes tested: 8 \(4 with the trait, 4 without\)$/m);
        assert.match(out, /^# left out, no value: 1 \(G5\)$/m);
        assert.match(out, /^# pseudogenes: counted as present$/m);
        const tested = all.filter((n) => f.sheet.get(n)!.penicillin !== "NA");
        const yes = new Set(tested.filter((n) => f.sheet.get(n)!.penicillin === "R"));
        const expected = new Map<string, number>();
        for (const [family, members] of carriers(f.runs, tested)) {
          if (members.size === tested.length) continue;
          const a = [...members.keys()].filter((g) => yes.has(g)).length;
          const c = members.size - a;
          expected.set(family, bruteForceFisher(a, yes.size - a, c, tested.length - yes.size - c));
        }
        const rows = tsvRows(out);
        assert.equal(rows.length, expected.size);
        for (const row of rows) {
          const p = expected.get(row.family)!;
          assert.ok(Math.abs(Number(row.p) - p) <= 1e-12 * p, row.family);
        }
      },
    );
  } finally {
    await Deno.remove(f.dir, { recursive: true });
  }
});

Deno.test("baktadb cohort commands report bad input with a clear message and exit code", async (t) => {
  const f = await fixture();
  try {
    const cases: [string, string[], number, RegExp][] = [
      [
        "unreadable --where",
        ["pangenome", "--where", "lineage"],
        2,
        /--where: Cannot read the where clause "lineage"/,
      ],
      ["unknown genome", ["cog", "G1", "nope"], 3, /No genome "nope"/],
      [
        "--json with --tsv",
        ["search", "x", "--json", "--tsv"],
        2,
        /Choose one of --json and --tsv/,
      ],
      [
        "bad --types",
        ["associate", "lineage", "--types", "rna"],
        2,
        /--types: "rna" is not cds or sorf/,
      ],
      [
        "bad --pseudo",
        ["pangenome", "--pseudo", "maybe"],
        2,
        /--pseudo: expected present or absent/,
      ],
      [
        "non-binary trait",
        ["associate", "lineage"],
        1,
        /Cannot read trait "lineage" of genome "G2": Cannot read "2" as yes or no/, // "1" reads as yes
      ],
      [
        "sheet without the key",
        ["traits", "import", `${f.dir}/sheet.csv`, "--key", "isolate"],
        1,
        /sheet.csv line 1: no column "isolate"/,
      ],
      ["--annotations ids", ["compare", "G1", "G2", "--annotations"], 2, /annotation ids/],
    ];
    await cli(f, "traits", "import", `${f.dir}/sheet.csv`, "--key", "sample");
    for (const [name, args, exit, message] of cases) {
      await t.step(name, async () => {
        const { code, err } = await cli(f, ...args);
        assert.equal(code, exit, err);
        assert.match(err, message);
      });
    }
  } finally {
    await Deno.remove(f.dir, { recursive: true });
  }
});

Deno.test("baktadb cohort commands show examples in --help", async () => {
  for (const command of ["traits", "pangenome", "cog", "compare", "search", "associate"]) {
    const c = capture();
    const original = Deno.stdout.writeSync;
    let help = "";
    // Commander prints help to process.stdout; capture it by intercepting the write.
    Deno.stdout.writeSync = (p: Uint8Array) => {
      help += new TextDecoder().decode(p);
      return p.length;
    };
    try {
      assert.equal(await runCli([command, "--help"], c.io), 0);
    } finally {
      Deno.stdout.writeSync = original;
    }
    assert.match(help + c.out(), /Examples:\n {2}baktadb /, command);
  }
});
