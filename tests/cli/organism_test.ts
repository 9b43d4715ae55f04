/**
 * `genomes`, `show`, `summary` and the HTML report name a genome's organism the same way (issue
 * #20, item 9): for the S. pneumoniae cohort, imported from GFF3 only, the organism is the
 * `# organism` line of each file, read here straight from the gzipped file.
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { capture } from "./_helpers.ts";

const SUITE = "tests/cli/organism_test.ts";
const COHORT = ["6952-4-17", "7553-4-28"];

/** The `# organism` line of a gzipped GFF3, read without baktadb. */
async function organismLine(path: string): Promise<string> {
  const file = await Deno.open(path);
  const text = await new Response(file.readable.pipeThrough(new DecompressionStream("gzip")))
    .text();
  const line = text.split("\n").find((l) => l.startsWith("# organism "));
  assert.ok(line !== undefined, `${path} has a # organism line`);
  return line.slice("# organism ".length).trim();
}

Deno.test({
  name: "genomes, show, summary and report name the organism of GFF3-only runs as the file does",
  ignore: !reportSamples(SUITE),
  fn: async () => {
    const dir = await Deno.makeTempDir();
    try {
      const db = `${dir}/cohort.sqlite`;
      const files = COHORT.map((name) => samplePath(`v1.9.2-spneumoniae-cohort/${name}.gff3.gz`));
      const expected = await Promise.all(files.map(organismLine));
      assert.deepEqual(expected, ["Streptococcus pneumoniae", "Streptococcus pneumoniae"]);
      assert.equal(await runCli(["import", ...files, "--db", db], capture().io), 0);

      let c = capture();
      assert.equal(await runCli(["genomes", "--db", db], c.io), 0);
      for (const [i, name] of COHORT.entries()) {
        assert.match(c.out(), new RegExp(`^${name}\\s+${expected[i]}\\s+1\\s+1\\s+[\\d,]+$`, "m"));
      }
      c = capture();
      assert.equal(await runCli(["genomes", "--json", "--db", db], c.io), 0);
      assert.deepEqual(JSON.parse(c.out()).map((g: { organism: string }) => g.organism), expected);

      c = capture();
      assert.equal(await runCli(["show", COHORT[0], "--db", db], c.io), 0);
      assert.match(c.out(), new RegExp(`^  organism: ${expected[0]}$`, "m"));

      c = capture();
      assert.equal(await runCli(["summary", ...COHORT, "--json", "--db", db], c.io), 0);
      assert.deepEqual(JSON.parse(c.out()).map((r: { organism: string }) => r.organism), expected);
      c = capture();
      assert.equal(await runCli(["summary", ...COHORT, "--db", db], c.io), 0);
      assert.match(c.out(), new RegExp(`^Organism\\s+${expected[0]}\\s+${expected[1]}$`, "m"));

      c = capture();
      assert.equal(
        await runCli(["report", ...COHORT, "--out", "-", "--no-gc", "--db", db], c.io),
        0,
      );
      const facts = [...c.out().matchAll(/<b>Organism<\/b>\s*([^<]*)</g)].map((m) => m[1].trim());
      assert.deepEqual(facts, expected, "each genome's facts name its organism");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
