/**
 * The notebooks of `notebooks/`: stored clean (no outputs, cell ids, the Deno kernel, imports from
 * `../mod.ts` only), and each executed headless with nbconvert — with the real Bakta samples and
 * without them (factory data) — without a cell error, every figure coming out as SVG and every
 * table as HTML. Execution is skipped, with a console line, when `jupyter` or the Deno kernelspec is
 * missing.
 *
 * nbconvert runs with `tests/notebooks/nbconvert_deno.py`, which keeps the outputs Deno's kernel
 * publishes after a cell's `idle` status (plain `--execute` drops them now and then).
 */

import assert from "node:assert/strict";
import { reportSamples, SAMPLES_DIR } from "../_samples.ts";

const SUITE = "tests/notebooks/notebooks_test.ts";
const NOTEBOOKS_DIR = decodeURIComponent(new URL("../../notebooks/", import.meta.url).pathname);
const CONFIG = decodeURIComponent(new URL("./nbconvert_deno.py", import.meta.url).pathname);
/** The most one notebook may take (the four take about a minute together on two cores). */
const NOTEBOOK_TIMEOUT_MS = 240_000;
/** The most one cell may take. */
const CELL_TIMEOUT_S = 180;

/** The parts of nbformat 4 these tests read. */
interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: { kernelspec?: { name?: string; language?: string } };
  cells: Cell[];
}

interface Cell {
  id?: string;
  cell_type: "code" | "markdown" | "raw";
  source: string | string[];
  execution_count?: number | null;
  outputs?: Output[];
  metadata?: { execution?: unknown };
}

interface Output {
  output_type: "stream" | "display_data" | "execute_result" | "error";
  text?: string | string[];
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}

const text = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join("") : value ?? "";

const NOTEBOOKS = [...Deno.readDirSync(NOTEBOOKS_DIR)]
  .filter((entry) => entry.isFile && entry.name.endsWith(".ipynb"))
  .map((entry) => entry.name)
  .sort();

function readNotebook(path: string): Notebook {
  return JSON.parse(Deno.readTextFileSync(path)) as Notebook;
}

Deno.test("the five notebooks are there", () => {
  assert.deepEqual(NOTEBOOKS, [
    "01_quick_start.ipynb",
    "02_submit_and_track.ipynb",
    "03_compare_genomes.ipynb",
    "04_explore_one_genome.ipynb",
    "05_compare_with_bakrep.ipynb",
  ]);
});

Deno.test("notebooks are stored clean: no outputs, cell ids, Deno kernel, public imports", () => {
  for (const name of NOTEBOOKS) {
    const notebook = readNotebook(`${NOTEBOOKS_DIR}${name}`);
    assert.equal(notebook.nbformat, 4, name);
    assert.ok(notebook.nbformat_minor >= 5, `${name}: cell ids need nbformat 4.5`);
    assert.equal(notebook.metadata.kernelspec?.name, "deno", name);
    const ids = notebook.cells.map((cell) => cell.id);
    assert.ok(ids.every((id) => typeof id === "string" && /^[a-zA-Z0-9_-]{1,64}$/.test(id)), name);
    assert.equal(new Set(ids).size, ids.length, `${name}: cell ids are unique`);
    const code = notebook.cells.filter((cell) => cell.cell_type === "code");
    assert.ok(code.length >= 5, `${name}: a walk-through has code`);
    assert.ok(
      notebook.cells.filter((cell) => cell.cell_type === "markdown").length >= 5,
      `${name}: a walk-through has prose`,
    );
    for (const cell of code) {
      assert.deepEqual(cell.outputs, [], `${name} ${cell.id}: stored without outputs`);
      assert.equal(cell.execution_count, null, `${name} ${cell.id}: not executed`);
      assert.equal(cell.metadata?.execution, undefined, `${name} ${cell.id}: no timings`);
      const source = text(cell.source);
      for (const match of source.matchAll(/\bfrom\s+"([^"]+)"|import\(\s*"([^"]+)"\s*\)/g)) {
        const specifier = match[1] ?? match[2];
        assert.ok(
          specifier === "../mod.ts" || specifier === "arquero",
          `${name} ${cell.id}: imports "${specifier}"; notebooks use the public API (../mod.ts)`,
        );
      }
      assert.doesNotMatch(source, /openDatabase\(\s*\)/, `${name}: never the user's database`);
      assert.doesNotMatch(source, /baktadb\.sqlite/, `${name}: never the user's database`);
    }
    assert.ok(
      code.some((cell) => /from "\.\.\/mod\.ts"/.test(text(cell.source))),
      `${name}: imports ../mod.ts`,
    );
  }
});

Deno.test("notebooks/README.md leads with the nbconvert recipe this suite runs, and says why", () => {
  const readme = Deno.readTextFileSync(`${NOTEBOOKS_DIR}README.md`);
  const recipe = readme.indexOf("--config ../tests/notebooks/nbconvert_deno.py");
  assert.ok(recipe > 0, "the README gives the nbconvert_deno.py recipe");
  assert.ok(recipe < readme.indexOf("## Running them interactively"), "before anything else");
  assert.match(readme, /_after_ the cell's `status: idle` message/);
  assert.match(readme, /Do not rely on plain `jupyter nbconvert --to notebook --execute`/);
  assert.ok(Deno.statSync(CONFIG).isFile);
});

/** Why notebooks cannot be executed here, or `undefined` when they can. */
function executionUnavailable(): string | undefined {
  let output: Deno.CommandOutput;
  try {
    output = new Deno.Command("jupyter", {
      args: ["kernelspec", "list", "--json"],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
  } catch {
    return "no `jupyter` on PATH (apt-get install jupyter-nbconvert python3-nbclient)";
  }
  if (!output.success) return "`jupyter kernelspec list` failed";
  try {
    const specs = JSON.parse(new TextDecoder().decode(output.stdout));
    if (!specs?.kernelspecs?.deno) return "no Deno kernelspec (run `deno jupyter --install`)";
  } catch {
    return "`jupyter kernelspec list --json` printed no JSON";
  }
  try {
    const nbconvert = new Deno.Command("jupyter", {
      args: ["nbconvert", "--version"],
      stdout: "null",
      stderr: "null",
    }).outputSync();
    if (!nbconvert.success) return "no `jupyter nbconvert`";
  } catch {
    return "no `jupyter nbconvert`";
  }
  return undefined;
}

const unavailable = executionUnavailable();
if (unavailable !== undefined) {
  console.log(`[${SUITE}] SKIPPED notebook execution: ${unavailable}`);
}
const samplesPresent = reportSamples(SUITE);

/** Executes a notebook with nbconvert into a temporary file and returns the executed notebook. */
async function execute(name: string, samples: string): Promise<Notebook> {
  const out = await Deno.makeTempDir({ prefix: "baktadb-notebook-" });
  try {
    const started = performance.now();
    const result = await new Deno.Command("jupyter", {
      args: [
        "nbconvert",
        "--to",
        "notebook",
        "--config",
        CONFIG,
        `--LateOutputExecutePreprocessor.timeout=${CELL_TIMEOUT_S}`,
        name,
        "--output-dir",
        out,
        "--output",
        name,
      ],
      cwd: NOTEBOOKS_DIR,
      env: { BAKTADB_SAMPLES: samples, NO_COLOR: "1" },
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(NOTEBOOK_TIMEOUT_MS),
    }).output();
    const stderr = new TextDecoder().decode(result.stderr);
    assert.equal(
      result.code,
      0,
      `nbconvert failed on ${name}:\n${stderr.split("\n").slice(-40).join("\n")}`,
    );
    console.log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return readNotebook(`${out}/${name}`);
  } finally {
    await Deno.remove(out, { recursive: true });
  }
}

/** The checks every executed notebook must pass. */
function checkExecuted(name: string, notebook: Notebook): { svg: number; html: number } {
  let svg = 0;
  let html = 0;
  for (const cell of notebook.cells.filter((c) => c.cell_type === "code")) {
    const where = `${name} ${cell.id}`;
    assert.equal(typeof cell.execution_count, "number", `${where} was executed`);
    const outputs = cell.outputs ?? [];
    const errors = outputs.filter((o) => o.output_type === "error");
    assert.deepEqual(errors.map((e) => `${e.ename}: ${e.evalue}`), [], `${where} has no error`);
    const rich = outputs.filter((o) =>
      o.output_type === "display_data" || o.output_type === "execute_result"
    );
    const svgs = rich.map((o) => text(o.data?.["image/svg+xml"])).filter((s) => s !== "");
    const htmls = rich.map((o) => text(o.data?.["text/html"])).filter((s) => s !== "");
    const source = text(cell.source);
    if (/\b[a-z]\w*Plot\(/.test(source)) {
      assert.equal(svgs.length, 1, `${where} draws a figure: one image/svg+xml output`);
      assert.match(svgs[0], /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/, where);
      assert.ok(svgs[0].length > 2_000, `${where}: the figure has content`);
    }
    if (/^show\(/m.test(source)) {
      assert.ok(htmls.length >= 1, `${where} shows a table: a text/html output`);
      assert.match(htmls[0], /<table/, where);
      // Missing values are empty cells, never the word "null".
      for (const h of htmls) assert.doesNotMatch(h, /<td[^>]*>\s*(null|undefined)\s*<\/td>/, where);
    }
    svg += svgs.length;
    html += htmls.length;
  }
  return { svg, html };
}

/** Whether a notebook reads the Bakta samples (`BAKTADB_SAMPLES`); 05 uses the BakRep stand-in only. */
function usesSamples(name: string): boolean {
  return readNotebook(`${NOTEBOOKS_DIR}${name}`).cells
    .some((cell) => text(cell.source).includes("BAKTADB_SAMPLES"));
}

function streamText(notebook: Notebook): string {
  return notebook.cells.flatMap((cell) => cell.outputs ?? [])
    .filter((o) => o.output_type === "stream")
    .map((o) => text(o.text))
    .join("");
}

for (const name of NOTEBOOKS) {
  Deno.test({
    name: `notebook ${name} runs headless with the Bakta samples: no errors, figures as SVG`,
    ignore: unavailable !== undefined || !samplesPresent || !usesSamples(name),
    sanitizeResources: false,
    fn: async () => {
      const notebook = await execute(name, SAMPLES_DIR);
      const counts = checkExecuted(name, notebook);
      assert.ok(counts.svg >= 1, `${name} shows at least one figure`);
      assert.doesNotMatch(streamText(notebook), /samples absent/i, `${name} used the samples`);
    },
  });
}

for (const name of NOTEBOOKS) {
  Deno.test({
    name: `notebook ${name} runs headless without the samples (factory data), and says so`,
    ignore: unavailable !== undefined,
    sanitizeResources: false,
    fn: async () => {
      const empty = await Deno.makeTempDir({ prefix: "baktadb-no-samples-" });
      try {
        const notebook = await execute(name, empty);
        const counts = checkExecuted(name, notebook);
        assert.ok(counts.svg >= 1, `${name} shows at least one figure`);
        if (usesSamples(name)) {
          assert.match(
            streamText(notebook),
            /samples absent/i,
            `${name} says it uses factory data`,
          );
        }
      } finally {
        await Deno.remove(empty, { recursive: true });
      }
    },
  });
}
