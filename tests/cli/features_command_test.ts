import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { parseFeatureTypes, parseXref } from "../../src/cli/features_command.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { overlapsBrute } from "../export/_helpers.ts";
import { exportFixture } from "./_export_fixture.ts";
import { capture } from "./_helpers.ts";
import { engineTest } from "../_engines.ts";

interface Listed {
  sequence: string;
  type: string;
  start: number;
  stop: number;
  strand: string;
  edge: boolean;
  locus_tag: string | null;
  gene: string | null;
  product: string | null;
  db_xrefs: string[];
}

async function listJson(args: string[], db: string): Promise<Listed[]> {
  const c = capture();
  const code = await runCli(["features", ...args, "--json", "--db", db], c.io);
  assert.equal(code, 0, c.err());
  return JSON.parse(c.out());
}

const key = (f: { sequence?: string; seqid?: string; start: number; type: string }) =>
  `${f.sequence ?? f.seqid}:${f.start}:${f.type}`;

engineTest(
  "baktadb features: every feature, by type, with a limit, as a table, JSON and TSV",
  async () => {
    const fx = await exportFixture();
    try {
      const all = await listJson(["factory"], fx.db);
      assert.deepStrictEqual(all.map(key), fx.features.map(key));
      const other = fx.features.find((f) => f.type !== "cds")!.type;
      const typed = await listJson(["factory", "--type", `${other.toUpperCase()},CDS`], fx.db);
      assert.deepStrictEqual(
        typed.map(key),
        fx.features.filter((f) => f.type === other || f.type === "cds").map(key),
      );
      assert.equal((await listJson(["factory", "--limit", "3"], fx.db)).length, 3);

      let c = capture();
      assert.equal(await runCli(["features", "factory", "--tsv", "--db", fx.db], c.io), 0);
      const lines = c.out().trimEnd().split("\n");
      assert.equal(lines[0].split("\t")[0], "sequence");
      assert.equal(lines.length, fx.features.length + 1);

      c = capture();
      assert.equal(await runCli(["features", "factory", "--type", other, "--db", fx.db], c.io), 0);
      assert.match(
        c.out(),
        /^sequence\s+type\s+start\s+stop\s+strand\s+locus_tag\s+gene\s+product$/m,
      );
      assert.equal(
        c.out().trimEnd().split("\n").length,
        fx.features.filter((f) => f.type === other).length + 1,
      );
    } finally {
      await fx.cleanup();
    }
  },
);

engineTest(
  "baktadb features --region equals a brute-force filter, across the origin too",
  async () => {
    const fx = await exportFixture();
    try {
      const chromosome = fx.run.sequences[0];
      const n = chromosome.length;
      for (const [from, to] of [[1, n], [n - 100, 100], [n, 1], [5000, 9000], [20, 20]]) {
        const listed = await listJson(
          ["factory", "--region", `${chromosome.id}:${from}-${to}`],
          fx.db,
        );
        const brute = fx.features.filter((f) =>
          f.seqid === chromosome.id && overlapsBrute(f, from, to, n)
        );
        assert.deepStrictEqual(listed.map(key).sort(), brute.map(key).sort(), `${from}-${to}`);
        if (from > to) assert.ok(listed.some((f) => f.edge), "the CDS across the origin");
      }
      const whole = await listJson(["factory", "--region", fx.run.sequences[1].id], fx.db);
      assert.deepStrictEqual(
        whole.map(key),
        fx.features.filter((f) => f.seqid === fx.run.sequences[1].id).map(key),
      );
    } finally {
      await fx.cleanup();
    }
  },
);

engineTest("baktadb features --search and --xref find what the tables hold", async () => {
  const fx = await exportFixture();
  try {
    const target = fx.features.find((f) => f.locus_tag !== null && f.type === "cds")!;
    const byLocus = await listJson(["factory", "--search", target.locus_tag!], fx.db);
    assert.deepStrictEqual(byLocus.map((f) => f.locus_tag), [target.locus_tag]);

    const withGene = fx.run.features.find((f) => f.gene !== undefined && f.type === "cds")!;
    const byGene = await listJson(["factory", "--search", withGene.gene!, "--type", "cds"], fx.db);
    assert.ok(byGene.some((f) => f.gene === withGene.gene));
    assert.ok(byGene.every((f) => f.type === "cds"));

    const db = await openDatabase(fx.db);
    try {
      const xref = await db.selectFrom("xref_terms").select(["id", "db", "accession"])
        .where("db", "=", "COG").where("accession", "like", "COG%").limit(1)
        .executeTakeFirstOrThrow();
      const holders = await db.selectFrom("xref_term_features").select("feature_id")
        .where("term_id", "=", xref.id).execute();
      const listed = await listJson(["factory", "--xref", `COG:${xref.accession}`], fx.db);
      assert.deepStrictEqual(
        listed.map(key).sort(),
        fx.features.filter((f) => holders.some((h) => h.feature_id === f.id)).map(key).sort(),
      );
      assert.ok(listed.length > 0, `COG:${xref.accession} is held by some feature`);
      assert.ok(listed.every((f) => f.db_xrefs.includes(`COG:${xref.accession}`)));
      // Filters combine: the cross-reference within the window of one holder is exactly the
      // holders that overlap that window (brute force over the listing above).
      const first = listed.find((f) => !f.edge)!;
      const inWindow = await listJson(
        [
          "factory",
          "--xref",
          `COG:${xref.accession}`,
          "--region",
          `${first.sequence}:${first.start}-${first.stop}`,
        ],
        fx.db,
      );
      const overlapping = listed.filter((f) =>
        f.sequence === first.sequence &&
        (f.edge // across the origin: [start, end of sequence] and [1, stop]
          ? f.start <= first.stop || f.stop >= first.start
          : f.start <= first.stop && f.stop >= first.start)
      );
      assert.ok(inWindow.length >= 1);
      assert.deepStrictEqual(inWindow.map(key).sort(), overlapping.map(key).sort());
    } finally {
      await db.destroy();
    }
  } finally {
    await fx.cleanup();
  }
});

engineTest(
  "baktadb features: usage errors and missing things give one line and their exit code",
  async () => {
    const fx = await exportFixture();
    try {
      const cases: [string[], number, RegExp][] = [
        [["nope"], 3, /^baktadb: No genome "nope"\n$/],
        [["factory", "--type", "gene"], 2, /Unknown feature type "gene"/],
        [["factory", "--json", "--tsv"], 2, /Choose one of --json and --tsv/],
        [["factory", "--region", "contig_1:0-5"], 2, /from must be a 1-based position/],
        [["factory", "--region", "contig_9:1-5"], 3, /no sequence "contig_9"/],
        [["factory", "--region", "contig_1:1-99999999"], 2, /beyond the end/],
        [["factory", "--xref", "COG0001"], 2, /expected DB:ACCESSION/],
        [["factory", "--limit", "0"], 2, /positive integer/],
        [["factory", "--annotation", "99"], 3, /has no annotation 99/],
      ];
      for (const [args, code, message] of cases) {
        const c = capture();
        assert.equal(
          await runCli(["features", ...args, "--db", fx.db], c.io),
          code,
          args.join(" "),
        );
        assert.match(c.err(), message, args.join(" "));
        assert.equal(c.err().trimEnd().split("\n").length, 1, "one line");
      }
      const c = capture();
      assert.equal(await runCli(["features", "--help"], c.io), 0);
      assert.match(c.out(), /Examples:\n {2}baktadb features/);
    } finally {
      await fx.cleanup();
    }
  },
);

Deno.test("parseFeatureTypes() and parseXref() read the options", () => {
  assert.deepStrictEqual(parseFeatureTypes("ncrna-region, oriC"), ["ncRNA-region", "oriC"]);
  assert.deepStrictEqual(parseXref("GO:GO:0005737"), { db: "GO", accession: "GO:0005737" });
  assert.throws(() => parseXref("EC:"), /DB:ACCESSION/);
});
