/**
 * The design promises one-off `deno run` scripts: a script in a folder of its own, with no
 * deno.json, imports baktadb's `mod.ts` by path and runs with plain `deno run -A`.
 */
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const MOD = fileURLToPath(import.meta.resolve("../mod.ts"));
const TESTING = fileURLToPath(import.meta.resolve("../src/testing/mod.ts"));

const SCRIPT = `
import { featureTypeCounts, featureTypesPlot, findFeatures, importRun, openDatabase, toSvgString } from ${
  JSON.stringify(MOD)
};
import { makeRun } from ${JSON.stringify(TESTING)};
const db = await openDatabase(":memory:");
const run = makeRun({ seed: 7, sequences: 1, featuresPerSequence: 12 });
await importRun(db, run, { genome: "outside" });
const features = await findFeatures(db, { genome: "outside" }).execute();
const counts = await featureTypeCounts(db);
const svg = toSvgString(featureTypesPlot(counts));
console.log(JSON.stringify({ features: features.length, rows: counts.numRows(), svg: svg.startsWith("<svg") }));
await db.destroy();
`;

Deno.test("a script outside the repository imports mod.ts by path and runs with plain deno run -A", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-outside-" });
  try {
    await Deno.writeTextFile(`${dir}/script.ts`, SCRIPT);
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "script.ts"],
      cwd: dir,
      env: { NO_COLOR: "1" },
      stdin: "null",
    }).output();
    const out = new TextDecoder().decode(stdout);
    assert.equal(code, 0, `deno run failed:\n${new TextDecoder().decode(stderr)}`);
    const result = JSON.parse(out.trim().split("\n").at(-1)!);
    assert.equal(result.features, 12);
    assert.ok(result.rows > 0);
    assert.equal(result.svg, true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
