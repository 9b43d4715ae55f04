import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { startBakrepStandIn } from "../../src/testing/bakrep_stand_in/bakrep_stand_in.ts";
import { catalogue } from "../bakrep/_catalogue.ts";
import { capture } from "./_helpers.ts";

Deno.test("baktadb bakrep search: a table, --tsv and --json of the matches; bad fields exit 2 before any search", async () => {
  const datasets = catalogue(12);
  await using standIn = await startBakrepStandIn({ datasets });
  const api = ["--api", standIn.url];
  const where = ["--where", "species~pneumoniae", "--where", "completeness>=93"];
  const expected = datasets.filter((d) =>
    String(d.fields["gtdbtk.classification.species"]).includes("pneumoniae") &&
    Number(d.fields["checkm2.quality.completeness"]) >= 93
  ).sort((a, b) =>
    Number(b.fields["checkm2.quality.completeness"]) -
    Number(a.fields["checkm2.quality.completeness"])
  );
  assert.ok(expected.length >= 2);
  let c = capture();
  assert.equal(
    await runCli(["bakrep", "search", ...where, "--sort", "completeness:desc", ...api], c.io),
    0,
    c.err(),
  );
  const lines = c.out().trim().split("\n");
  assert.match(
    lines[0],
    /^id\s+species\s+ST\s+completeness\s+contamination\s+size\s+contigs\s+country$/,
  );
  assert.deepStrictEqual(
    lines.slice(1, -1).map((l) => l.split(/\s+/)[0]),
    expected.map((d) => d.id),
  );
  assert.equal(lines.at(-1), `${expected.length} of ${expected.length} matches`);

  c = capture();
  assert.equal(await runCli(["bakrep", "search", ...where, "--tsv", ...api], c.io), 0);
  const tsv = c.out().trim().split("\n").map((l) => l.split("\t"));
  assert.deepStrictEqual(tsv[0], [
    "id",
    "species",
    "st",
    "completeness",
    "contamination",
    "size",
    "contigs",
    "country",
  ]);
  assert.deepStrictEqual(tsv.slice(1).map((r) => r[0]).sort(), expected.map((d) => d.id).sort());

  c = capture();
  assert.equal(
    await runCli(["bakrep", "search", ...where, "--json", "--limit", "1", ...api], c.io),
    0,
  );
  const json = JSON.parse(c.out());
  assert.equal(json.total, expected.length);
  assert.equal(json.rows.length, 1);

  const searches = () => standIn.requests.filter((r) => r === "POST /api/v2/search").length;
  const before = searches();
  c = capture();
  assert.equal(await runCli(["bakrep", "search", "--where", "colour=red", ...api], c.io), 2);
  assert.match(c.err(), /Unknown BakRep field "colour": use a short name \(.*completeness/);
  c = capture();
  assert.equal(await runCli(["bakrep", "search", "--where", "st", ...api], c.io), 2);
  assert.match(c.err(), /expected FIELD OP VALUE/);
  assert.equal(searches(), before);
});

Deno.test("baktadb bakrep fetch: ids, --tsv and --search import genomes; an unknown id exits 4, the rest go in", async () => {
  await using standIn = await startBakrepStandIn({ datasets: 4 });
  const dir = await Deno.makeTempDir();
  const db = `${dir}/b.sqlite`;
  const common = ["--api", standIn.url, "--db", db, "--dir", `${dir}/downloads`];
  try {
    const [a, b, c3, d] = standIn.ids;
    let c = capture();
    assert.equal(await runCli(["bakrep", "fetch", a, "SAMN_NOPE", ...common], c.io), 4);
    assert.match(c.out(), new RegExp(`^imported  ${a}: new genome; downloaded 5 file\\(s\\)`, "m"));
    assert.match(c.out(), /^failed {4}SAMN_NOPE: Cannot get BakRep dataset "SAMN_NOPE": HTTP 404/m);
    assert.equal(c.err(), "baktadb: 1 of 2 datasets failed\n");

    await Deno.writeTextFile(`${dir}/ids.tsv`, `id\tspecies\n${a}\tx\n${b}\ty\n`);
    c = capture();
    assert.equal(await runCli(["bakrep", "fetch", "--tsv", `${dir}/ids.tsv`, ...common], c.io), 0);
    assert.match(c.out(), new RegExp(`^skipped   ${a}: imported before; downloaded 0 file`, "m"));
    assert.match(c.out(), new RegExp(`^imported  ${b}: `, "m"));

    c = capture();
    assert.equal(
      await runCli(["bakrep", "fetch", "--search", "--where", "size>0", "--json", ...common], c.io),
      0,
    );
    const result = JSON.parse(c.out());
    assert.deepStrictEqual(
      result.items.map((i: { id: string; status: string }) => [i.id, i.status]),
      [
        [a, "skipped"],
        [b, "skipped"],
        [c3, "imported"],
        [d, "imported"],
      ],
    );
    c = capture();
    assert.equal(await runCli(["genomes", "--db", db], c.io), 0);
    assert.equal(c.out().trim().split("\n").filter((l) => / bakrep /.test(l)).length, 4);

    c = capture();
    assert.equal(await runCli(["bakrep", "fetch", ...common], c.io), 2);
    assert.match(c.err(), /Name dataset ids, --tsv FILE or --search/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb bakrep search and fetch have --help with examples", async () => {
  for (const sub of ["search", "fetch"]) {
    const c = capture();
    assert.equal(await runCli(["bakrep", sub, "--help"], c.io), 0);
    assert.match(c.out() + c.err(), /Examples:\n {2}baktadb bakrep /);
  }
});
