import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.ts";
import { NotFoundError } from "../../src/db/errors.ts";
import type { BaktaRun } from "../../src/formats/model.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { makeRun } from "../../src/testing/factory/make_run.ts";
import { renderReport } from "../../src/report/render_report.ts";
import { BAKTADB_VERSION } from "../../src/report/report_versions.ts";
import { REPORT_SCRIPT } from "../../src/report/_report_script.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { freshDatabase } from "../_fresh_database.ts";

const HOSTILE = `<script>alert(1)</script>"'&`;
const HOSTILE_PRODUCT = `<img src=x onerror="alert(2)"> kinase`;
const FIXED_TIME = new Date("2025-03-04T05:06:07Z");

/** A small three-genome cohort, imported; returns the runs by genome name. */
async function cohortDatabase(): Promise<{ db: Kysely<Database>; runs: Map<string, BaktaRun> }> {
  const db = await freshDatabase();
  const cohort = makeCohort({
    seed: 11,
    genomes: 3,
    familiesPool: 60,
    coreFamilies: 30,
    run: { sequences: 2 },
  });
  const runs = new Map<string, BaktaRun>();
  for (const member of cohort.members) {
    await importRun(db, member.run, { genome: member.name });
    runs.set(member.name, member.run);
  }
  return { db, runs };
}

/** The parts of a DOM element these tests read (linkedom's, typed structurally). */
interface El {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly attributes: Iterable<{ name: string; value: string }>;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El> & ArrayLike<El>;
}

type Doc = El;

function documentOf(page: string): Doc {
  return (parseHTML(page) as unknown as { document: Doc }).document;
}

/** Brute-force counts of a run, as Bakta's `.txt` defines them. */
function bruteCounts(run: BaktaRun): Record<string, number> {
  const of = (type: string) => run.features.filter((f) => f.type === type);
  return {
    trnas: of("tRNA").length,
    tmrnas: of("tmRNA").length,
    rrnas: of("rRNA").length,
    ncrnas: of("ncRNA").length,
    ncrna_regions: of("ncRNA-region").length,
    crispr_arrays: of("crispr").length,
    cdss: of("cds").length,
    pseudogenes: of("cds").filter((f) => f.pseudo).length,
    hypotheticals: of("cds").filter((f) => f.hypothetical).length,
    sorfs: of("sorf").length,
    gaps: of("gap").length,
    orics: of("oriC").length,
    orivs: of("oriV").length,
    orits: of("oriT").length,
    count: run.sequences.length,
    length: run.sequences.reduce((sum, s) => sum + s.length, 0),
  };
}

function cellValues(doc: Doc, genome: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const row of doc.querySelectorAll("#summary tr[data-genome]")) {
    if (row.getAttribute("data-genome") !== genome) continue;
    for (const cell of row.querySelectorAll("td[data-key]")) {
      values.set(cell.getAttribute("data-key")!, cell.getAttribute("data-value") ?? "");
    }
  }
  return values;
}

/** Links out the report may hold (plain links, opened in a new tab; nothing is fetched). */
const LINK_OUT =
  /^https:\/\/(www\.uniprot\.org|www\.ncbi\.nlm\.nih\.gov|amigo\.geneontology\.org|www\.kegg\.jp|enzyme\.expasy\.org)\//;

/** Asserts the page's only script is the report's own inline one. */
function assertOwnScriptOnly(page: string, doc: Doc): void {
  assert.equal(page.match(/<script/gi)?.length, 1);
  const scripts = [...doc.querySelectorAll("script")];
  assert.equal(scripts.length, 1);
  assert.equal(scripts[0].getAttribute("src"), null);
  assert.equal(scripts[0].textContent, REPORT_SCRIPT);
}

Deno.test("renderReport() writes one self-contained page: its own inline script, no external resources", async () => {
  const { db } = await cohortDatabase();
  try {
    const page = await renderReport(db, { generatedAt: FIXED_TIME });
    assert.match(page, /^<!doctype html>\n<html lang="en">/);
    assert.equal(page.match(/<html/g)?.length, 1);
    assertOwnScriptOnly(page, documentOf(page));
    assert.doesNotMatch(page, /<link\b/i);
    assert.doesNotMatch(page, /<(img|iframe|object|embed|video|audio|source)\b/i);
    // The CSS fetches nothing (the script builds data: URLs for downloads only when clicked).
    for (const style of documentOf(page).querySelectorAll("style")) {
      assert.doesNotMatch(style.textContent!, /@import|@font-face|url\(/i);
    }
    const doc = documentOf(page);
    for (const element of doc.querySelectorAll("[href]")) {
      const href = element.getAttribute("href")!;
      if (href.startsWith("#")) continue;
      assert.match(href, LINK_OUT, "in-page links and links out only");
      assert.equal(element.tagName.toLowerCase(), "a");
      assert.equal(element.getAttribute("target"), "_blank");
      assert.equal(element.getAttribute("rel"), "noopener noreferrer");
    }
    assert.equal(doc.querySelectorAll("[src]").length, 0);
    // Every http(s) URL in the page is an XML namespace name or a link out, never something to
    // fetch.
    const urls = new Set(page.match(/https?:\/\/[^\s"'<>)]+/g) ?? []);
    assert.deepEqual(
      [...urls].filter((u) =>
        !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(u) && !LINK_OUT.test(u)
      ),
      [],
    );
    assert.match(page, /generated 2025-03-04 05:06:07 UTC/);
    assert.equal(doc.querySelector("title")!.textContent, "baktadb report");
  } finally {
    await db.destroy();
  }
});

Deno.test("renderReport() has per-genome figures, cohort figures and versions", async () => {
  const { db, runs } = await cohortDatabase();
  try {
    const page = await renderReport(db, { generatedAt: FIXED_TIME });
    const doc = documentOf(page);
    assert.equal(doc.querySelectorAll(".figure-error").length, 0, "every figure was drawn");
    const sections = [...doc.querySelectorAll("section.genome")];
    assert.deepEqual(sections.map((s) => s.getAttribute("data-genome")), ["G1", "G2", "G3"]);
    for (const section of sections) {
      const labels = [...section.querySelectorAll("figure.plot")].map((f) =>
        f.getAttribute("aria-label")
      );
      assert.deepEqual(labels, ["Genome map", "Feature types", "Protein lengths"]);
      for (const figure of section.querySelectorAll("figure.plot")) {
        assert.equal(figure.querySelectorAll("svg").length >= 1, true);
      }
      // The genome map draws every feature of the run (two sequences, GC rings on).
      const name = section.getAttribute("data-genome")!;
      const map = section.querySelector('figure[aria-label="Genome map"]')!;
      assert.match(map.textContent!, /GC content above average/);
      assert.equal(
        map.querySelectorAll('g[aria-description="features"] path').length,
        runs.get(name)!.features.length,
      );
    }
    const cohort = doc.querySelector("#cohort")!;
    assert.deepEqual(
      [...cohort.querySelectorAll("figure.plot")].map((f) => f.getAttribute("aria-label")),
      [
        "Feature types per genome",
        "Pangenome composition",
        "COG functional categories",
        // One species (the runs name a strain each; the species leaves it out): the deviations.
        "COG categories: each genome against the cohort",
        "Gene family presence and absence",
      ],
    );
    // Versions: Bakta and its database per genome, and this software.
    const versions = doc.querySelector("#versions")!;
    for (const [name, run] of runs) {
      const row = [...versions.querySelectorAll("tr[data-genome]")]
        .find((r) => r.getAttribute("data-genome") === name)!;
      const cells = [...row.querySelectorAll("td")].map((td) => td.textContent);
      assert.equal(cells[0], run.software.bakta);
      assert.equal(cells[1], run.software.db);
      assert.equal(cells[2], run.software.dbType);
    }
    assert.match(versions.textContent!, new RegExp(`baktadb\\s*${BAKTADB_VERSION}`));
    assert.match(
      versions.textContent!,
      new RegExp(`Deno\\s*${Deno.version.deno.replaceAll(".", "\\.")}`),
    );
    assert.match(versions.textContent!, /SQLite\s*3\.\d+/);
  } finally {
    await db.destroy();
  }
});

/** A CDS's family as the report defines it (UniRef90, else UniRef50, else the protein's MD5). */
function familyOf(feature: BaktaRun["features"][number]): string | null {
  const unirefs = feature.dbXrefs.filter((x) => x.db === "UniRef").map((x) => x.accession).sort();
  return unirefs.find((a) => a.startsWith("UniRef90_")) ??
    unirefs.find((a) => a.startsWith("UniRef50_")) ??
    (feature.aaHexdigest ? `MD5:${feature.aaHexdigest}` : null);
}

Deno.test("renderReport() lists each genome's own gene families as brute force finds them", async () => {
  const { db, runs } = await cohortDatabase();
  try {
    const doc = documentOf(await renderReport(db));
    const holders = new Map<string, Set<string>>();
    for (const [name, run] of runs) {
      for (const feature of run.features) {
        const family = feature.type === "cds" ? familyOf(feature) : null;
        if (family === null) continue;
        holders.set(family, (holders.get(family) ?? new Set()).add(name));
      }
    }
    let total = 0;
    for (const name of runs.keys()) {
      const own = [...holders].filter(([, set]) => set.size === 1 && set.has(name))
        .map(([family]) => family);
      const section = [...doc.querySelectorAll("section.genome")]
        .find((s) => s.getAttribute("data-genome") === name)!;
      const heading = [...section.querySelectorAll("h3")]
        .find((h) => /found only in this genome/.test(h.textContent!))!;
      assert.ok(heading, `${name} has the section`);
      assert.match(heading.textContent!, new RegExp(`\\(${own.length}\\)$`), name);
      const listed = [...section.querySelectorAll("table.families tbody th")]
        .map((th) => th.textContent!);
      assert.equal(listed.length, own.length, "every one is listed");
      for (const family of listed) assert.ok(own.includes(family), `${family} is ${name}'s own`);
      total += own.length;
    }
    assert.ok(total > 3, `the cohort has ${total} genome-specific families`);
  } finally {
    await db.destroy();
  }
});

Deno.test("renderReport() summary numbers equal brute-force counts of the runs", async () => {
  const { db, runs } = await cohortDatabase();
  try {
    const doc = documentOf(await renderReport(db));
    for (const [name, run] of runs) {
      const cells = cellValues(doc, name);
      const expected = bruteCounts(run);
      for (const [key, value] of Object.entries(expected)) {
        assert.equal(cells.get(key), String(value), `${name} ${key}`);
      }
      assert.equal(Number(cells.get("gc")).toFixed(6), run.stats!.gc.toFixed(6), `${name} gc`);
    }
  } finally {
    await db.destroy();
  }
});

Deno.test("renderReport() escapes hostile genome names and products", async () => {
  await using db = await freshDatabase();
  const run = makeRun({ seed: 21, sequences: 1, genomeSize: 12_000 });
  const cds = run.features.find((f) => f.type === "cds")!;
  cds.product = HOSTILE_PRODUCT;
  cds.gene = "aaaA"; // listed first among the genome's own families
  await importRun(db, run, { genome: HOSTILE });
  await importRun(db, makeRun({ seed: 22, sequences: 1, genomeSize: 12_000 }), {
    genome: `a"b`,
  });
  const page = await renderReport(db, { title: `Report ${HOSTILE}` });
  assertOwnScriptOnly(page, documentOf(page));
  assert.doesNotMatch(page, /<img/i);
  assert.match(page, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.match(page, /&lt;img src=x onerror=/, "the product is in a tool tip, escaped");
  const doc = documentOf(page);
  assert.equal(doc.querySelectorAll("img").length, 0);
  for (const element of doc.querySelectorAll("*")) {
    for (const attribute of element.attributes) {
      assert.doesNotMatch(attribute.name, /^on/i, `no event handler on <${element.tagName}>`);
    }
  }
  const headings = [...doc.querySelectorAll("section.genome h2")].map((h) => h.textContent);
  assert.deepEqual(headings.sort(), [HOSTILE, `a"b`].sort());
  assert.equal(doc.querySelector("title")!.textContent, `Report ${HOSTILE}`);
  const rows = [...doc.querySelectorAll("#summary tr[data-genome]")]
    .map((r) => r.getAttribute("data-genome"));
  assert.ok(rows.includes(HOSTILE), "the attribute value round-trips");
});

Deno.test("renderReport() options: genomes and their order, one genome, errors", async (t) => {
  const { db } = await cohortDatabase();
  try {
    await t.step("genomes are reported in the order given", async () => {
      const doc = documentOf(await renderReport(db, { genomes: ["G3", "G1"] }));
      assert.deepEqual(
        [...doc.querySelectorAll("section.genome")].map((s) => s.getAttribute("data-genome")),
        ["G3", "G1"],
      );
      assert.ok(doc.querySelector("#cohort"));
    });
    await t.step("one genome has no cohort section", async () => {
      const doc = documentOf(await renderReport(db, { genomes: ["G2"] }));
      assert.equal(doc.querySelector("#cohort"), null);
      assert.equal(doc.querySelectorAll("section.genome").length, 1);
    });
    await t.step("an unknown genome is a NotFoundError", async () => {
      await assert.rejects(() => renderReport(db, { genomes: ["nope"] }), {
        name: "NotFoundError",
        message: /No genome "nope"/,
      });
    });
    await t.step("a genome without annotation is a NotFoundError", async () => {
      await db.insertInto("genomes").values({ name: "bare" }).execute();
      await assert.rejects(
        () => renderReport(db, { genomes: ["bare"] }),
        (error: unknown) =>
          error instanceof NotFoundError && /genome annotation for "bare"/.test(error.message),
      );
    });
    await t.step("bad options throw", async () => {
      await assert.rejects(() => renderReport(db, { maxPresenceFamilies: 0 }), {
        name: "RangeError",
        message: /"maxPresenceFamilies"/,
      });
      await assert.rejects(() => renderReport(db, { generatedAt: new Date("x") }), {
        name: "RangeError",
        message: /"generatedAt"/,
      });
      await assert.rejects(() => renderReport(db, { genomes: "G1" as never }), {
        name: "TypeError",
        message: /"genomes"/,
      });
    });
    await t.step("an aborted signal stops the rendering", async () => {
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(
        () => renderReport(db, { signal: controller.signal }),
        (error: unknown) => (error as Error).name === "AbortError",
      );
    });
    await t.step("progress is reported step by step", async () => {
      const steps: string[] = [];
      await renderReport(db, { genomes: ["G1", "G2"], onProgress: (m) => steps.push(m) });
      assert.equal(steps[0], "Reading the genomes");
      assert.ok(steps.includes("Reading G2 (2/2)"));
      assert.equal(steps.at(-2), "Listing versions");
      assert.equal(steps.at(-1), "Drawing the page");
    });
    await t.step("no GC rings without residues", async () => {
      const doc = documentOf(await renderReport(db, { genomes: ["G1"], gcRings: false }));
      const map = doc.querySelector('figure[aria-label="Genome map"]')!;
      assert.doesNotMatch(map.textContent!, /GC content/);
    });
  } finally {
    await db.destroy();
  }
});

Deno.test("renderReport() thins a large presence/absence matrix to a systematic sample", async () => {
  const { db } = await cohortDatabase();
  try {
    const full = documentOf(await renderReport(db, { maxPresenceFamilies: Infinity }));
    const cellsOf = (doc: Doc) =>
      doc.querySelectorAll(
        'figure[aria-label="Gene family presence and absence"] g[aria-label="cell"] rect',
      ).length;
    const families = cellsOf(full) / 3;
    assert.ok(families > 20, `the cohort has ${families} families`);
    const thin = documentOf(await renderReport(db, { maxPresenceFamilies: 20 }));
    assert.equal(cellsOf(thin), 20 * 3);
    const caption = thin.querySelector(
      'figure[aria-label="Gene family presence and absence"] figcaption',
    )!.textContent!;
    assert.match(caption, new RegExp(`A systematic sample of 20 of the ${families} gene families`));
  } finally {
    await db.destroy();
  }
});

Deno.test("renderReport() of an empty database says there is nothing to show", async () => {
  await using db = await freshDatabase();
  const doc = documentOf(await renderReport(db));
  assert.match(doc.querySelector("#summary")!.textContent!, /no annotated genomes/);
  assert.equal(doc.querySelectorAll("svg").length, 0);
  assert.ok(doc.querySelector("#versions"));
});

const present = reportSamples("tests/report/render_report_test.ts");

/** The numbers of a Bakta `.txt` summary, read here independently of the project's reader. */
async function readTxt(path: string): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const line of (await Deno.readTextFile(path)).split("\n")) {
    const match = /^([A-Za-z][A-Za-z0-9 ()]*):\s*(\S.*)$/.exec(line.trim());
    if (match) values.set(match[1], match[2]);
  }
  return values;
}

Deno.test({
  name: "renderReport() summary equals Bakta's own .txt (v1.11.4 assembly, v1.8.1 origin-spanning)",
  ignore: !present,
  fn: async () => {
    await using db = await freshDatabase();
    await importRun(db, samplePath("v1.11.4-assembly/"));
    await importRun(db, samplePath("v1.8.1-origin-spanning/"));
    const doc = documentOf(await renderReport(db));
    const txtKeys: [string, string, (v: string) => string][] = [
      ["Length", "length", (v) => v],
      ["Count", "count", (v) => v],
      ["GC", "gc", (v) => (Number(v) * 100).toFixed(1)],
      ["N50", "n50", (v) => v],
      ["N ratio", "n_ratio", (v) => (Number(v) * 100).toFixed(1)],
      ["coding density", "coding_density", (v) => (Number(v) * 100).toFixed(1)],
      ["tRNAs", "trnas", (v) => v],
      ["tmRNAs", "tmrnas", (v) => v],
      ["rRNAs", "rrnas", (v) => v],
      ["ncRNAs", "ncrnas", (v) => v],
      ["ncRNA regions", "ncrna_regions", (v) => v],
      ["CRISPR arrays", "crispr_arrays", (v) => v],
      ["CDSs", "cdss", (v) => v],
      ["pseudogenes", "pseudogenes", (v) => v],
      ["hypotheticals", "hypotheticals", (v) => v],
      ["sORFs", "sorfs", (v) => v],
      ["gaps", "gaps", (v) => v],
      ["oriCs", "orics", (v) => v],
      ["oriVs", "orivs", (v) => v],
      ["oriTs", "orits", (v) => v],
    ];
    for (
      const [genome, txt] of [
        ["assembly", "v1.11.4-assembly/assembly.txt"],
        ["TEST_6", "v1.8.1-origin-spanning/TEST_6.txt"],
      ]
    ) {
      const expected = await readTxt(samplePath(txt));
      const cells = cellValues(doc, genome);
      let compared = 0;
      for (const [label, key, convert] of txtKeys) {
        if (!expected.has(label)) continue;
        assert.equal(convert(cells.get(key)!), expected.get(label), `${genome} ${label}`);
        compared++;
      }
      assert.ok(compared >= 18, `${genome}: ${compared} numbers compared`);
      const software = expected.get("Software")!.replace(/^v/, "");
      const row = [...doc.querySelectorAll("#versions tr[data-genome]")]
        .find((r) => r.getAttribute("data-genome") === genome)!;
      assert.equal(row.querySelector("td")!.textContent, software);
    }
    // The origin-spanning CDS of pOSAK1 is drawn across the origin of its map.
    const map = [...doc.querySelectorAll("section.genome")]
      .find((s) => s.getAttribute("data-genome") === "TEST_6")!
      .querySelector('figure[aria-label="Genome map"]')!;
    assert.equal(map.querySelectorAll('g[aria-description="features"] path').length, 2);
  },
});
