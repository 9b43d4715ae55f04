/**
 * Hostile input for `baktadb import` as a real process (issue #17 item 3): for every reader, an
 * empty file, binary bytes under a Bakta name, invalid UTF-8, a line of 10^6 columns, a line of
 * 200 MB (full mode), a gzip bomb (the GFF3 one in CI, every format in full mode), NaN/Infinity
 * and 100,000-deep nesting in JSON, features on undeclared sequences and past a sequence's end,
 * BakRep side files, symlink loops and a folder of 10,000 files. Each must end with exit code 1
 * and a message naming the file and the line (or JSON path), with a peak memory (the child's
 * maximum resident set, `/usr/bin/time`) under 1 GiB, and the database byte-for-byte unchanged
 * (SHA-256 of `sqlite3 .dump`). CRLF files must import with the same rows as their LF twins.
 * Each row is recorded for `docs/reliability.md` (area "hostile input").
 */

import assert from "node:assert/strict";
import { crlfCases, type HostileCase, hostileCases } from "./_hostile_cases.ts";
import { FIXTURE_PREFIX } from "./_hostile_fixtures.ts";
import { dumpHash, mapPooled, type MeasuredRun, runMeasured } from "./_measured_cli.ts";
import { recordCells, reliabilityCases } from "./_record.ts";
import { formatRunAsBaktaJson, makeRun } from "../../src/testing/factory/mod.ts";
import { sqlite3 } from "../_sqlite3.ts";

const FULL = reliabilityCases(0, 1) === 1;
const PEAK_LIMIT_MIB = 1024;
/** Processes at once: the machine may be small and shared. */
const LANES = 2;
/** Cases per `import` process in the quick mode. */
const BATCH = 8;

/** What one case gave. */
interface Outcome {
  hostile: HostileCase;
  run: MeasuredRun;
  /** What went against the promise (empty when the case survived). */
  problems: string[];
  /** Whether the database changed when it must not have. */
  lost: boolean;
}

/** A database holding one other genome, so that "unchanged" is about a database with data. */
async function makeTemplate(dir: string): Promise<string> {
  const db = `${dir}/template.sqlite`;
  const json = `${dir}/template.json`;
  await Deno.writeTextFile(json, formatRunAsBaktaJson(makeRun({ seed: 99, sequences: 1 })));
  const run = await runMeasured(["--db", db, "import", json]);
  assert.equal(run.code, 0, run.stderr);
  return db;
}

/**
 * Runs cases in one `import` process on a copy of the template (each case's files in a folder
 * `in-<n>`, the output lines naming that folder checked against its message) and checks the
 * promise: the exit code, the message, the peak memory and the database.
 */
async function runBatch(cases: readonly HostileCase[], template: string): Promise<Outcome[]> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb-hostile-" });
  try {
    const db = `${dir}/db.sqlite`;
    await Deno.copyFile(template, db);
    const before = await dumpHash(db);
    const args: string[] = [];
    for (let i = 0; i < cases.length; i++) args.push(...await cases[i].write(`${dir}/in-${i}`));
    const run = await runMeasured(["--db", db, "import", ...args]);
    const changed = (await dumpHash(db)) !== before;
    const said = run.stdout + run.stderr;
    const common: string[] = [];
    if (/^\s+at \S+ \(/m.test(said)) common.push("a stack trace reached the user");
    if (run.peakMiB >= PEAK_LIMIT_MIB) common.push(`peak memory ${run.peakMiB.toFixed(0)} MiB`);
    const imports = cases.some((c) => c.imports);
    const expectedCode = imports ? 0 : 1;
    if (run.code !== expectedCode) common.push(`exit code ${run.code}, not ${expectedCode}`);
    const lost = imports ? !changed : changed;
    if (lost) common.push(imports ? "nothing was imported" : "the database changed");
    return cases.map((hostile, i) => {
      const own = cases.length === 1 ? said : said.split("\n")
        .filter((line) => line.includes(`/in-${i}/`) || line.endsWith(`/in-${i}`)).join("\n");
      const problems = [...common];
      if (!hostile.message.test(own)) {
        problems.push(`the output does not match ${hostile.message}: ${JSON.stringify(own)}`);
      }
      return { hostile, run, problems: problems.map((p) => `${hostile.name}: ${p}`), lost };
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** The processes to run: in full mode one per case; in quick mode batches of a few cases. */
function batches(cases: readonly HostileCase[]): HostileCase[][] {
  if (FULL) return cases.map((c) => [c]);
  const out = cases.filter((c) => c.alone).map((c) => [c]);
  const shared = cases.filter((c) => !c.alone);
  for (let i = 0; i < shared.length; i += BATCH) out.push(shared.slice(i, i + BATCH));
  return out;
}

/** Records one table row per kind of hostile input. */
async function recordRows(outcomes: readonly Outcome[]): Promise<void> {
  const kinds = [...new Set(outcomes.map((o) => o.hostile.kind))];
  for (const kind of kinds) {
    const rows = outcomes.filter((o) => o.hostile.kind === kind);
    const peak = Math.max(...rows.map((o) => o.run.peakMiB));
    const codes = [...new Set(rows.map((o) => o.run.code))].join("/");
    await recordCells({
      area: "hostile input",
      what: `\`import\`: ${kind}`,
      cases: rows.length,
      survived: rows.filter((o) => o.problems.length === 0).length,
      lost: rows.filter((o) => o.lost).length,
      note: `exit ${codes}; peak ${peak.toFixed(0)} MiB; ${
        rows.map((o) => o.hostile.name).join("; ")
      }`,
    });
  }
}

Deno.test({
  name: "baktadb import fails hostile input with exit 1 naming the file and line, under 1 GiB, " +
    "leaving the database unchanged",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-hostile-template-" });
    try {
      const template = await makeTemplate(dir);
      const cases = hostileCases().filter((c) => FULL || !c.full);
      const outcomes = (await mapPooled(batches(cases), LANES, (b) => runBatch(b, template)))
        .flat();
      await recordRows(outcomes);
      const peak = Math.max(...outcomes.map((o) => o.run.peakMiB));
      console.log(
        `hostile input: ${outcomes.length} cases (${FULL ? "full" : "quick"} mode), ` +
          `${outcomes.filter((o) => o.problems.length === 0).length} survived, ` +
          `peak ${peak.toFixed(0)} MiB`,
      );
      assert.deepEqual(outcomes.flatMap((o) => o.problems), []);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** The rows two imports of the same run must share, read by `sqlite3`. */
const SAME_ROWS = [
  "select s.seq_id, s.length, s.gc, s.topology, s.checksum from sequences s " +
  "join genomes g on g.id = s.genome_id where g.name = '" + FIXTURE_PREFIX + "' order by 1",
  "select s.seq_id, f.type, f.start, f.stop, f.strand, f.edge, f.locus_tag, f.gene, f.product, " +
  "f.hypothetical, f.pseudo, f.aa_hexdigest, f.aa_length, f.nt_gc, f.family from features f " +
  "join sequences s on s.id = f.sequence_id join genomes g on g.id = s.genome_id " +
  "where g.name = '" + FIXTURE_PREFIX + "' order by 1, 3, 4, 2, 7",
  "select t.db, t.accession, f.locus_tag from xref_term_features x join xref_terms t on " +
  "t.id = x.term_id join features f on f.id = x.feature_id order by 1, 2, 3",
];

Deno.test({
  name: "baktadb import reads CRLF files of every format into the same rows as their LF twins",
  sanitizeResources: false,
  fn: async () => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-crlf-" });
    try {
      const template = await makeTemplate(dir);
      const outcomes = await mapPooled(crlfCases(), LANES, async (c) => {
        const [lfDb, crlfDb] = [`${dir}/${c.format}-lf.sqlite`, `${dir}/${c.format}-crlf.sqlite`];
        await Deno.copyFile(template, lfDb);
        await Deno.copyFile(template, crlfDb);
        const lfRun = await runMeasured([
          "--db",
          lfDb,
          "import",
          ...await lfInput(c, `${dir}/${c.format}-lf`),
        ]);
        const run = await runMeasured([
          "--db",
          crlfDb,
          "import",
          ...await c.write(`${dir}/${c.format}-crlf`),
        ]);
        const outcome: Outcome = { hostile: c, run, problems: [], lost: false };
        for (const r of [lfRun, run]) {
          if (r.code !== 0 || !c.message.test(r.stdout)) {
            outcome.problems.push(`${c.name}: exit ${r.code}: ${r.stdout}${r.stderr}`);
          }
          if (r.peakMiB >= PEAK_LIMIT_MIB) outcome.problems.push(`${c.name}: ${r.peakMiB} MiB`);
        }
        for (const query of SAME_ROWS) {
          const [a, b] = [await sqlite3(lfDb, query), await sqlite3(crlfDb, query)];
          if (a.length === 0 && query === SAME_ROWS[0]) {
            outcome.problems.push(`${c.name}: no sequences`);
          }
          if (JSON.stringify(a) !== JSON.stringify(b)) {
            outcome.problems.push(`${c.name}: rows differ from LF for ${query}`);
            outcome.lost = true;
          }
        }
        return outcome;
      });
      await recordRows(outcomes);
      assert.deepEqual(outcomes.flatMap((o) => o.problems), []);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});

/** Writes the files of a CRLF case with LF line ends instead. */
async function lfInput(c: HostileCase, dir: string): Promise<string[]> {
  const args = await c.write(dir);
  for await (const entry of Deno.readDir(dir)) {
    const path = `${dir}/${entry.name}`;
    await Deno.writeTextFile(path, (await Deno.readTextFile(path)).replaceAll("\r\n", "\n"));
  }
  return args;
}
