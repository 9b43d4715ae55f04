import assert from "node:assert/strict";
import { parseHTML } from "linkedom";
import { toPng } from "../../src/plot/to_png.ts";
import type { FigureElement } from "../../src/plot/plot_figure.ts";
import { COG_COLORS } from "../../src/plot/palette.ts";
import { assertPngMatches, decodePng, pixelDifference, PNG_TOLERANCE } from "./_png_diff.ts";

const SNAPSHOTS = new URL("../testdata/plot/snapshots/", import.meta.url);

/** The stored SVG snapshot of a figure, with `edit` applied, rendered to PNG. */
async function render(name: string, edit: (svg: string) => string = (s) => s) {
  const svg = edit(await Deno.readTextFile(new URL(`${name}.svg`, SNAPSHOTS)));
  return await toPng(svgElement(svg));
}

/** An SVG text as an element to render (linkedom's, typed structurally). */
function svgElement(svg: string): FigureElement {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`) as unknown as {
    document: { querySelector(selector: string): FigureElement };
  };
  return document.querySelector("svg");
}

function swap(a: string, b: string): (svg: string) => string {
  return (svg) => svg.replaceAll(a, "#swap00").replaceAll(b, a).replaceAll("#swap00", b);
}

Deno.test("decodePng() reads resvg's own PNG back: size and pixel colours", async () => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="4" height="2">` +
    `<rect width="2" height="2" fill="#ff0000"/><rect x="2" width="2" height="2" fill="#0000ff"/></svg>`;
  const png = await toPng(svgElement(svg), { scale: 1 });
  const pixels = decodePng(png);
  assert.deepEqual([pixels.width, pixels.height], [4, 2]);
  assert.deepEqual([...pixels.rgba.subarray(0, 4)], [255, 0, 0, 255]);
  assert.deepEqual([...pixels.rgba.subarray(12, 16)], [0, 0, 255, 255]);
  assert.throws(() => decodePng(new Uint8Array(30)), {
    name: "TypeError",
    message: /Cannot decode PNG: the bytes do not start with the PNG signature/,
  });
});

Deno.test("the PNG references fail a figure whose COG colours J and K are swapped", async (t) => {
  for (const name of ["cog_categories_plot", "region_map_plot", "circular_map_plot"]) {
    await t.step(name, async () => {
      const reference = await Deno.readFile(new URL(`${name}.png`, SNAPSHOTS));
      // The reference renders back within the tolerance.
      await assertPngMatches(name, reference, await render(name));
      const swapped = await render(name, swap(COG_COLORS.J, COG_COLORS.K));
      const diff = pixelDifference(decodePng(reference), decodePng(swapped));
      assert.ok(diff.share > PNG_TOLERANCE, `${(100 * diff.share).toFixed(2)}% only`);
      await assert.rejects(
        () => assertPngMatches(name, reference, swapped),
        {
          name: "Error",
          message: new RegExp(
            `^The rendering of ${name} differs from its PNG reference: .*changed`,
          ),
        },
      );
    });
  }
});
