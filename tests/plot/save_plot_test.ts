import assert from "node:assert/strict";
import { DEFAULT_SAVE_PLOT_OPTIONS, savePlot } from "../../src/plot/save_plot.ts";
import { DEFAULT_TO_PNG_OPTIONS, toPng } from "../../src/plot/to_png.ts";
import { SVG_NAMESPACE } from "../../src/plot/to_svg_string.ts";
import { parseMarkup } from "../../src/plot/dom.ts";
import { featureTypesPlot } from "../../src/plot/feature_types_plot.ts";
import { regionMapPlot } from "../../src/plot/region_map_plot.ts";
import { countPngColors, parseWithPython, PYTHON_XML } from "./_helpers.ts";

const figure = () =>
  featureTypesPlot([
    { genome: "C22", type: "cds", count: 2561 },
    { genome: "C22", type: "tRNA", count: 59 },
  ], { width: 600 });

/** The PNG signature and the width and height of its IHDR chunk. */
function pngHeader(
  bytes: Uint8Array,
): { signature: number[]; chunk: string; width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return {
    signature: [...bytes.slice(0, 8)],
    chunk: new TextDecoder().decode(bytes.slice(12, 16)),
    width: view.getUint32(16),
    height: view.getUint32(20),
  };
}

async function withTempDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = await Deno.makeTempDir({ prefix: "baktadb_plot_" });
  try {
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.test("savePlot() defaults: SVG files start with an XML declaration, PNGs at scale 2", () => {
  assert.deepEqual({ ...DEFAULT_SAVE_PLOT_OPTIONS }, { xmlDeclaration: true });
  assert.equal(DEFAULT_TO_PNG_OPTIONS.scale, 2);
  assert.equal(DEFAULT_TO_PNG_OPTIONS.sansSerifFamily, "DejaVu Sans");
});

Deno.test("savePlot() refuses unknown extensions and bad scales without writing", async () => {
  await withTempDir(async (dir) => {
    await assert.rejects(
      savePlot(figure(), `${dir}/figure.pdf`),
      /extension must be .svg, .png or .html/,
    );
    await assert.rejects(savePlot(figure(), `${dir}/figure`), {
      name: "RangeError",
      message: new RegExp(`Cannot save plot to "${dir}/figure": the extension must be`),
    });
    await assert.rejects(
      savePlot(figure(), `${dir}/f.png`, { scale: 0 }),
      /"scale" must be a positive/,
    );
    assert.deepEqual([...Deno.readDirSync(dir)], []);
  });
});

Deno.test("savePlot() writes a standalone SVG with the SVG namespace and the legend", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/feature_types.svg`;
    await savePlot(figure(), path);
    const text = await Deno.readTextFile(path);
    assert.match(text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg /);
    const doc = parseMarkup(text.slice(text.indexOf("<svg")));
    assert.equal(doc.documentElement.getAttribute("xmlns"), SVG_NAMESPACE);
    const labels = Array.from(doc.querySelectorAll('g[aria-label="legend"] text')).map((t) =>
      t.textContent
    );
    assert.deepEqual(labels, ["tRNA", "CDS"]);
    // format overrides the extension; a URL works as a path.
    const url = new URL(`file://${dir}/other.txt`);
    await savePlot(figure(), url, { format: "svg", xmlDeclaration: false });
    assert.match(await Deno.readTextFile(url), /^<svg /);
  });
});

Deno.test({
  name: "savePlot()'s SVG file parses with Python's strict, namespace-aware XML parser",
  ignore: !PYTHON_XML,
  fn: async () => {
    await withTempDir(async (dir) => {
      const path = `${dir}/feature_types.svg`;
      await savePlot(figure(), path);
      const parsed = await parseWithPython(await Deno.readTextFile(path));
      assert.equal(parsed.root, `{${SVG_NAMESPACE}}svg`);
    });
  },
});

Deno.test("savePlot() renders a PNG whose IHDR gives the figure's size times the scale", async () => {
  await withTempDir(async (dir) => {
    const f = figure();
    const svg = parseMarkup((await import("../../src/plot/to_svg_string.ts")).toSvgString(f));
    const width = Number(svg.documentElement.getAttribute("width"));
    const height = Number(svg.documentElement.getAttribute("height"));
    for (const scale of [1, 2]) {
      const path = `${dir}/figure@${scale}.png`;
      await savePlot(f, path, { scale });
      const header = pngHeader(await Deno.readFile(path));
      assert.deepEqual(header.signature, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      assert.equal(header.chunk, "IHDR");
      assert.ok(Math.abs(header.width - width * scale) <= 1, `${header.width} vs ${width * scale}`);
      assert.ok(
        Math.abs(header.height - height * scale) <= 1,
        `${header.height} vs ${height * scale}`,
      );
    }
  });
});

Deno.test({
  name: "toPng() paints the arrows, the legend and the text (decoded with python3)",
  ignore: !PYTHON_XML,
  fn: async () => {
    const png = await toPng(
      regionMapPlot([{ start: 1, stop: 900, strand: "+", type: "tRNA", gene: "abcD" }], {
        width: 300,
      }),
      { scale: 1 },
    );
    const decoded = await countPngColors(png, ["#b2df8a", "#ffffff"]);
    assert.equal(decoded.width, pngHeader(png).width);
    const [trna, white] = decoded.counts;
    // The arrow (about 260 × 17 px) and its legend swatch in the tRNA colour; a white background.
    assert.ok(trna > 2500, `${trna} tRNA-coloured pixels`);
    assert.ok(white > decoded.width * decoded.height * 0.5, `${white} white pixels`);
    // Title, labels and axes are drawn: the system fonts were found.
    assert.ok(decoded.dark > 500, `${decoded.dark} dark pixels`);
  },
});

Deno.test("savePlot() writes an HTML page holding the SVG, titled by the figure", async () => {
  await withTempDir(async (dir) => {
    const path = `${dir}/figure.html`;
    await savePlot(figure(), path);
    const html = await Deno.readTextFile(path);
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<title>Feature types per genome<\/title>/);
    assert.match(html, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.doesNotMatch(html, /<\?xml/);
  });
});

/** Runs the child that saves a figure to `path`, paused (and killed) before the rename when asked. */
async function saveInChild(path: string, killBeforeRename: boolean): Promise<Deno.CommandStatus> {
  const marker = `${path}.paused`;
  const env: Record<string, string> = killBeforeRename
    ? { BAKTADB_TEST_PAUSE_AT: "write:temp", BAKTADB_TEST_PAUSE_MARKER: marker }
    : {};
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./_save_plot_child.ts", import.meta.url).pathname, path],
    env,
    stdout: "null",
    stderr: "piped",
  }).spawn();
  if (killBeforeRename) {
    const deadline = Date.now() + 120_000;
    while (!(await Deno.stat(marker).then(() => true, () => false))) {
      if (Date.now() > deadline) throw new Error(`The child saving ${path} never paused`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
  }
  const output = await child.output();
  if (!killBeforeRename && !output.success) {
    throw new Error(`The child saving ${path} failed: ${new TextDecoder().decode(output.stderr)}`);
  }
  return output;
}

Deno.test("savePlot() is atomic: a process killed before the rename leaves the older file whole", async (t) => {
  await withTempDir(async (dir) => {
    // Text (SVG; HTML goes the same way) and bytes (PNG): two processes each, ~2 s a format.
    for (const format of ["svg", "png"]) {
      await t.step(format, async () => {
        const path = `${dir}/figure.${format}`;
        const older = new TextEncoder().encode("an older figure, kept whole\n");
        await Deno.writeFile(path, older);
        const killed = await saveInChild(path, true);
        assert.equal(killed.signal, "SIGKILL");
        assert.deepEqual(
          await Deno.readFile(path),
          older,
          "the final name still holds the old file",
        );
        await saveInChild(path, false);
        const bytes = await Deno.readFile(path);
        if (format === "png") assert.deepEqual(pngHeader(bytes).chunk, "IHDR");
        else assert.match(new TextDecoder().decode(bytes), /<svg[^>]*>[\s\S]*<\/svg>/);
      });
    }
  });
});
