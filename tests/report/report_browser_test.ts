/**
 * Opens a rendered report in headless Chromium (Debian's `chromium`): a screenshot must come out as
 * a real PNG of the page, the DOM must be the report's (figures included, the hostile genome name
 * as text), and the browser console must stay silent. Skipped, with a console line, when there is
 * no `chromium`.
 */

import assert from "node:assert/strict";
import { importRun } from "../../src/store/import_run.ts";
import { makeCohort } from "../../src/testing/factory/make_cohort.ts";
import { renderReport } from "../../src/report/render_report.ts";
import { parseWithPython, PYTHON_XML } from "../plot/_helpers.ts";
import { freshDatabase } from "../_fresh_database.ts";

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

/**
 * Drives the page as a person would — clicks a column header twice, types in a filter, clicks the
 * TSV, SVG and PNG links — and writes what it saw, base64-encoded JSON, into `<pre>` elements that
 * `--dump-dom` prints. It runs after the report's own script.
 */
const INTERACTION = String.raw`
(function () {
  function put(id, value) {
    var pre = document.createElement("pre");
    pre.id = id;
    pre.textContent = btoa(unescape(encodeURIComponent(JSON.stringify(value))));
    document.body.appendChild(pre);
  }
  function hold(a) { a.addEventListener("click", function (e) { e.preventDefault(); }); }
  var table = document.querySelector('table.data[data-name="annotation"]');
  var body = table.tBodies[0];
  var genomes = function () { return Array.prototype.map.call(body.rows, function (r) { return r.getAttribute("data-genome"); }); };
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var column = headers.findIndex(function (th) { return th.textContent.trim().indexOf("CDSs") === 0; });
  var values = function () { return Array.prototype.map.call(body.rows, function (r) { return r.cells[column].getAttribute("data-value"); }); };
  var out = { before: genomes() };
  headers[column].click();
  out.ascending = values(); out.ascendingGenomes = genomes();
  headers[column].click();
  out.descending = values(); out.descendingGenomes = genomes();
  var tools = table.closest(".table-wrap").previousElementSibling;
  var input = tools.querySelector("input");
  out.filteredFor = out.before[1];
  input.value = out.filteredFor;
  input.dispatchEvent(new Event("input"));
  out.visible = Array.prototype.filter.call(body.rows, function (r) { return !r.hidden; }).map(function (r) { return r.getAttribute("data-genome"); });
  out.counter = tools.querySelector(".count").textContent;
  var tsv = tools.querySelector("a.download");
  hold(tsv); tsv.click();
  out.tsv = decodeURIComponent(tsv.href.slice(tsv.href.indexOf(",") + 1));
  var figure = document.querySelector('figure.plot[aria-label="Feature types per genome"]');
  var links = figure.querySelectorAll(".figure-tools a");
  hold(links[0]); links[0].click();
  out.svg = decodeURIComponent(links[0].href.slice(links[0].href.indexOf(",") + 1));
  put("table-results", out);
  var png = links[1];
  png.addEventListener("click", function (e) {
    if (png.href.indexOf("data:image/png") !== 0) return;
    e.preventDefault();
    put("png-results", { png: png.href, width: figure.querySelector("svg").viewBox.baseVal.width });
  });
  png.click();
})();
`;

/** The bytes of base64 text. */
function decodeBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

async function writeReport(dir: string): Promise<{ path: string; svgCount: number }> {
  await using db = await freshDatabase();
  const cohort = makeCohort({ seed: 5, genomes: 3, familiesPool: 50, coreFamilies: 25 });
  for (const [i, member] of cohort.members.entries()) {
    await importRun(db, member.run, { genome: i === 0 ? HOSTILE : member.name });
  }
  const page = await renderReport(db, { title: "Browser check" });
  const path = `${dir}/report.html`;
  await Deno.writeTextFile(path, page);
  return { path, svgCount: (page.match(/<svg\b/g) ?? []).length };
}

Deno.test({
  name: "renderReport() page renders in headless Chromium: screenshot, DOM, silent console",
  ignore: !present || !PYTHON_XML,
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
        assert.equal(
          (dom.match(/<script/gi) ?? []).length,
          1,
          "only the report's own script: the hostile name did not become an element",
        );
        assert.match(dom, /<h2>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/h2>/);
        assert.match(dom, /id="versions"/);
      });

      await t.step(
        "tables sort and filter, downloads give valid TSV, SVG and PNG files",
        async () => {
          const page = await Deno.readTextFile(path);
          const interact = `${dir}/interact.html`;
          await Deno.writeTextFile(
            interact,
            page.replace("</body>", `<script>${INTERACTION}</script>\n</body>`),
          );
          const run = await chromium(interact, [
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=15000",
            "--dump-dom",
          ]);
          assert.equal(run.code, 0, run.stderr);
          assert.deepEqual(consoleLines(run.stderr), []);
          const results = (id: string) => {
            const encoded = new RegExp(`<pre id="${id}">([A-Za-z0-9+/=]*)</pre>`).exec(run.stdout);
            assert.ok(encoded, `${id} in the DOM`);
            return JSON.parse(new TextDecoder().decode(decodeBase64(encoded[1])));
          };
          const r = results("table-results");
          // Sorting by CDSs orders the rows by their numbers, then the reverse.
          const numbers = (values: string[]) => values.map(Number);
          assert.equal(r.before.length, 3);
          assert.deepEqual(numbers(r.ascending), [...numbers(r.ascending)].sort((a, b) => a - b));
          assert.deepEqual(numbers(r.descending), [...numbers(r.ascending)].reverse());
          assert.notDeepEqual(r.ascendingGenomes, r.descendingGenomes);
          // A filter hides the rows without the text.
          assert.deepEqual(r.visible, [r.filteredFor]);
          assert.match(r.counter, /^1 of 3 rows$/);
          // The TSV: a header and a row per genome, the CDS numbers of the table.
          const lines = r.tsv.trimEnd().split("\n").map((l: string) => l.split("\t"));
          assert.equal(lines.length, 4);
          assert.equal(lines[0][0], "Genome");
          const cdsColumn = lines[0].findIndex((h: string) => h.startsWith("CDSs"));
          assert.deepEqual(
            lines.slice(1).map((l: string[]) => Number(l[cdsColumn].replace(/,/g, ""))).sort(),
            numbers(r.ascending).sort(),
          );
          assert.ok(lines.every((l: string[]) => l.length === lines[0].length));
          // The SVG download parses as SVG.
          const svg = await parseWithPython(r.svg.replace(/^<\?xml[^>]*>\s*/, ""));
          assert.equal(svg.root, "{http://www.w3.org/2000/svg}svg");
          // The PNG download is a PNG twice the figure's size.
          const p = results("png-results");
          const bytes = decodeBase64(p.png.slice("data:image/png;base64,".length));
          assert.deepEqual([...bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
          assert.equal(pngSize(bytes).width, Math.ceil(p.width * 2));
        },
      );

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
