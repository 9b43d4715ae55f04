/**
 * `deno task reliability [--full]`: runs the reliability suites (`tests/reliability/` and the
 * crash suite of the job commands) with `$BAKTADB_RELIABILITY_OUT` set, so that each records its
 * rows (`tests/reliability/_record.ts`), and regenerates the table of `docs/reliability.md`
 * between its markers. `--full` sets `$BAKTADB_RELIABILITY_FULL=1`: the generated suites run their
 * full case counts instead of the quick half CI runs. Exits non-zero when a suite failed or a row
 * lost anything.
 *
 * @module
 */

import { renderTable, replaceBetweenMarkers, sumCells } from "./reliability_table.ts";
import { writeTextFileAtomic } from "../src/fs/write_text_file_atomic.ts";

const REPO = new URL("../", import.meta.url);
const PAGE = new URL("docs/reliability.md", REPO);

/** The suites: every test of `tests/reliability/`, and the job commands' crash suite. */
const SUITES = ["tests/reliability/", "tests/cli/crash_resume_test.ts"];

const PERMISSIONS = [
  "--allow-read",
  "--allow-write",
  "--allow-env",
  "--allow-net=127.0.0.1,localhost",
  "--allow-run",
  "--allow-sys",
  "--allow-ffi",
];

async function runSuites(out: string, full: boolean): Promise<number> {
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: ["test", "--parallel", ...PERMISSIONS, ...SUITES],
    cwd: REPO,
    env: { BAKTADB_RELIABILITY_OUT: out, BAKTADB_RELIABILITY_FULL: full ? "1" : "0" },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  return code;
}

function loadAverage(): string {
  try {
    return Deno.loadavg().map((n) => n.toFixed(2)).join(", ");
  } catch {
    return "unknown";
  }
}

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((a) => a !== "--full");
  if (unknown.length > 0) {
    console.error(
      `Unknown argument(s) ${unknown.join(" ")}: usage: deno task reliability [--full]`,
    );
    return 2;
  }
  const full = args.includes("--full");
  const out = await Deno.makeTempFile({ prefix: "baktadb-reliability-", suffix: ".jsonl" });
  try {
    const code = await runSuites(out, full);
    const rows = sumCells((await Deno.readTextFile(out)).split("\n"));
    const stamp =
      `Last run: ${new Date().toISOString().slice(0, 16)} UTC, ${
        full ? "full" : "quick"
      } case counts, suites ${code === 0 ? "passed" : `FAILED (exit ${code})`}, load average ` +
      `${loadAverage()}.\n\n`;
    const page = await Deno.readTextFile(PAGE).catch(() => "# Reliability\n");
    await writeTextFileAtomic(
      PAGE.pathname,
      replaceBetweenMarkers(page, stamp + renderTable(rows)),
    );
    // The page in the repository's format (`deno fmt --check` passes on it as written).
    await new Deno.Command(Deno.execPath(), { args: ["fmt", PAGE.pathname], cwd: REPO }).output();
    const lost = rows.reduce((sum, r) => sum + r.lost, 0);
    console.log(`${PAGE.pathname}: ${rows.length} rows, lost ${lost}`);
    return code !== 0 ? code : lost > 0 ? 1 : 0;
  } finally {
    await Deno.remove(out);
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
