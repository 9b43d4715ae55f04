/**
 * Opens a rendered report in headless Chromium (Debian's `chromium`): a screenshot must come out as
 * a real PNG of the page, the DOM must be the report's (figures included, the hostile genome name
 * as text), and the browser console must stay silent. Skipped, with a console line, when there is
 * no `chromium`.
 */

import assert from "node:assert/strict";
import { openDatabase } from "../../src/db/open_database.ts";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { renderReport } from "../../src/report/render_report.ts";

const CHROMIUM = "chromium";
const TIMEOUT_MS = 90_000;
const HOSTILE = "<script>alert(1)</script>";

/** Chromium's flags for a headless run that touches no network and no user profile. */
function chromiumFlags(profile: string): string[] {
  return [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    `--user-data-dir=${profile}`,
  ];
}

function chromiumPresent(): boolean {
  try {
    const result = new Deno.Command(CHROMIUM, {
      args: ["--version"],
      stdout: "null",
      stderr: "null",
    })
      .outputSync();
    return result.success;
  } catch {
    return false;
  }
}

const present = chromiumPresent();
if (!present) {
  console.log(
    "[tests/report/report_browser_test.ts] SKIPPED browser tests: no `chromium` on PATH (apt-get install chromium)",
  );
}

/** Runs Chromium on a page with extra arguments; returns its stdout and stderr. */
async function chromium(
  page: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  const profile = await Deno.makeTempDir({ prefix: "baktadb-chromium-" });
  try {
    const output = await new Deno.Command(CHROMIUM, {
      args: [...chromiumFlags(profile), ...args, `file://${page}`],
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    }).output();
    const decoder = new TextDecoder();
    return {
      code: output.code,
      stdout: decoder.decode(output.stdout),
      stderr: decoder.decode(output.stderr),
    };
  } finally {
    await Deno.remove(profile, { recursive: true }).catch(() => {});
  }
}

/** The console messages Chromium logged (`--enable-logging=stderr`: `INFO:CONSOLE:1] "…"`). */
function consoleLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => /:CONSOLE[:(]/.test(line));
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function writeReport(dir: string): Promise<{ path: string; svgCount: number }> {
  const db = await openDatabase(":memory:");
  try {
    const cohort = makeCohort({ seed: 5, genomes: 3, familiesPool: 50, coreFamilies: 25 });
    for (const [i, member] of cohort.members.entries()) {
      await importRun(db, member.run, { genome: i === 0 ? HOSTILE : member.name });
    }
    const page = await renderReport(db, { title: "Browser check" });
    const path = `${dir}/report.html`;
    await Deno.writeTextFile(path, page);
    return { path, svgCount: (page.match(/<svg\b/g) ?? []).length };
  } finally {
    await db.destroy();
  }
}

Deno.test({
  name: "renderReport() page renders in headless Chromium: screenshot, DOM, silent console",
  ignore: !present,
  sanitizeResources: false,
  fn: async (t) => {
    const dir = await Deno.makeTempDir({ prefix: "baktadb-report-" });
    try {
      const { path, svgCount } = await writeReport(dir);
      assert.ok(svgCount >= 10, `${svgCount} figures`);

      await t.step("the console check sees console errors (control page)", async () => {
        const control = `${dir}/control.html`;
        await Deno.writeTextFile(
          control,
          '<!doctype html><title>c</title><script>console.error("control-error")</script>',
        );
        const run = await chromium(control, ["--enable-logging=stderr", "--v=0", "--dump-dom"]);
        assert.equal(run.code, 0, run.stderr);
        assert.ok(consoleLines(run.stderr).some((line) => line.includes("control-error")));
      });

      await t.step("the DOM is the report's, the console is silent", async () => {
        const run = await chromium(path, ["--enable-logging=stderr", "--v=0", "--dump-dom"]);
        assert.equal(run.code, 0, run.stderr);
        assert.deepEqual(consoleLines(run.stderr), []);
        const dom = run.stdout;
        assert.match(dom, /<h1>Browser check<\/h1>/);
        assert.equal((dom.match(/<svg\b/g) ?? []).length, svgCount, "every figure is in the DOM");
        assert.doesNotMatch(dom, /<script/i, "the hostile name did not become an element");
        assert.match(dom, /<h2>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h2>/);
        assert.match(dom, /id="versions"/);
      });

      await t.step("a screenshot is a PNG of the page", async () => {
        const png = `${dir}/report.png`;
        const run = await chromium(path, [`--screenshot=${png}`, "--window-size=1400,3000"]);
        assert.equal(run.code, 0, run.stderr);
        const bytes = await Deno.readFile(png);
        assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
        assert.deepEqual(pngSize(bytes), { width: 1400, height: 3000 });
        // A blank 1400 × 3000 page compresses to a few kilobytes; the report's does not.
        assert.ok(bytes.length > 100_000, `screenshot of ${bytes.length} bytes`);
      });
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
