import assert from "node:assert/strict";
import type { ReportModel } from "../../src/report/report_model.ts";
import { renderReportHtml } from "../../src/report/render_report_html.ts";
import { runCli } from "../../src/cli/main.ts";
import { openDatabase } from "../../src/db/open_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { capture } from "./_helpers.ts";

/** A database file with two small genomes. */
async function fixture(): Promise<{ dir: string; db: string }> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-report-cli-" });
  const path = `${dir}/test.sqlite`;
  const db = await openDatabase(path);
  try {
    await importRun(db, makeRun({ seed: 31, sequences: 1, genomeSize: 15_000 }), {
      genome: "alpha",
    });
    await importRun(db, makeRun({ seed: 32, sequences: 2, genomeSize: 15_000 }), {
      genome: "beta",
    });
  } finally {
    await db.destroy();
  }
  return { dir, db: path };
}

Deno.test("baktadb report writes one HTML file with every genome", async () => {
  const { dir, db } = await fixture();
  try {
    const c = capture();
    const out = `${dir}/report.html`;
    assert.equal(
      await runCli(["report", "--db", db, "--out", out, "--title", "Two genomes"], c.io),
      0,
    );
    const page = await Deno.readTextFile(out);
    assert.match(page, /^<!doctype html>/);
    assert.match(page, /<title>Two genomes<\/title>/);
    assert.deepEqual(
      [...page.matchAll(/<section class="card genome" id="[^"]+" data-genome="([^"]+)"/g)].map((
        m,
      ) => m[1]),
      ["alpha", "beta"],
    );
    assert.match(page, /id="cohort"/);
    assert.match(
      c.err(),
      new RegExp(
        `^Wrote ${out.replaceAll("/", "\\/")}: 2 genomes, [\\d.]+ (kB|MB) in [\\d.]+ s\\n$`,
      ),
    );
    assert.equal(c.out(), "");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb report GENOME --out - prints the page of that genome only", async () => {
  const { dir, db } = await fixture();
  try {
    const c = capture();
    assert.equal(await runCli(["report", "beta", "--db", db, "--out", "-", "--no-gc"], c.io), 0);
    const page = c.out();
    assert.match(page, /^<!doctype html>/);
    assert.equal((page.match(/<section class="card genome"/g) ?? []).length, 1);
    assert.match(page, /data-genome="beta"/);
    assert.doesNotMatch(page, /id="cohort"/);
    assert.doesNotMatch(page, /GC content above average/, "--no-gc leaves out the GC rings");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb report --json writes the model the page is drawn from", async () => {
  const { dir, db } = await fixture();
  try {
    const c = capture();
    assert.equal(
      await runCli(["report", "--db", db, "--out", "-", "--no-gc", "--json"], c.io),
      0,
    );
    const model = JSON.parse(c.out()) as ReportModel;
    assert.deepEqual(model.genomes.map((g) => g.name).sort(), ["alpha", "beta"]);
    assert.ok(model.cohort !== null, "two genomes make a cohort");
    assert.ok(model.genomes.every((g) => g.map.sequences.every((s) => s.nt === null)));
    // The page drawn from the JSON alone, with no database, is the report's page.
    const page = renderReportHtml(model);
    assert.equal((page.match(/<section class="card genome"/g) ?? []).length, 2);
    assert.match(page, /id="cohort"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb report exit codes: unknown genome, bad option, unwritable file", async () => {
  const { dir, db } = await fixture();
  try {
    let c = capture();
    assert.equal(await runCli(["report", "gamma", "--db", db, "--out", `${dir}/x.html`], c.io), 3);
    assert.match(c.err(), /No genome "gamma"/);
    await assert.rejects(() => Deno.stat(`${dir}/x.html`), Deno.errors.NotFound);

    c = capture();
    assert.equal(await runCli(["report", "--db", db, "--max-families", "0"], c.io), 2);
    assert.match(c.err(), /Invalid --max-families "0"/);

    c = capture();
    assert.equal(
      await runCli(["report", "--db", db, "--out", `${dir}/no/such/dir/r.html`], c.io),
      1,
    );
    assert.match(c.err(), /Cannot write report ".*r\.html"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb report on an empty database writes a page that says so", async () => {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-report-cli-" });
  try {
    const c = capture();
    const out = `${dir}/empty.html`;
    assert.equal(await runCli(["init", "--db", `${dir}/empty.sqlite`], capture().io), 0);
    assert.equal(await runCli(["report", "--db", `${dir}/empty.sqlite`, "--out", out], c.io), 0);
    assert.match(await Deno.readTextFile(out), /no annotated genomes/);
    assert.match(c.err(), /the report is empty/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
