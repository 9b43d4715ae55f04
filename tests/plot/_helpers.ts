/**
 * Helpers for the figure tests: reading a figure's marks back from its DOM, and where the real
 * Bakta samples are.
 *
 * @module
 */

import fc from "fast-check";
import type { FigureElement } from "../../src/plot/plot_figure.ts";
import { toPng } from "../../src/plot/to_png.ts";
import { SAMPLES_PRESENT, SAMPLES_URL } from "../_samples.ts";
import { assertPngMatches } from "./_png_diff.ts";
import { PYTHON, pythonHas } from "../_python.ts";

/** The folder of real Bakta outputs (`../shared/bakta-samples/` beside the repository). */
export const SAMPLES: URL = SAMPLES_URL;

/** True when the samples folder is present; prints a line when it is not. */
export function samplesPresent(what: string): boolean {
  if (SAMPLES_PRESENT) return true;
  console.log(`SKIPPED ${what}: ${SAMPLES.pathname} is absent`);
  return false;
}

/** The elements of a figure matching a selector. */
export function all(figure: FigureElement, selector: string): FigureElement[] {
  return Array.from(figure.querySelectorAll(selector));
}

/** The numbers of an SVG path's `d` attribute, as [x, y] pairs. */
export function pathPoints(d: string): [number, number][] {
  const numbers = (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/gi) ?? []).map(Number);
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push([numbers[i], numbers[i + 1]]);
  return points;
}

/** The texts of the `<text>` elements (and their `<tspan>` lines) of a figure. */
export function texts(figure: FigureElement): string[] {
  return all(figure, "text").map((t) => t.textContent ?? "");
}

/** A deterministic pseudo-random generator (Park–Miller). */
export function random(seed = 42): () => number {
  let state = seed;
  return () => (state = (state * 16807) % 2147483647) / 2147483647;
}

/** Strings of up to 300 nucleotides, both cases, with `N`, `R` and `-` among them (fast-check). */
export const NUCLEOTIDE_STRINGS: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom("A", "C", "G", "T", "a", "c", "g", "t", "N", "n", "R", "-"),
  maxLength: 300,
});

/** Brute force: each window counted base by base from the definition. */
export function bruteForceGc(nt: string, window: number, step: number) {
  const out: { start: number; stop: number; gc: number; skew: number }[] = [];
  for (let i = 0; i < nt.length; i += step) {
    const w = nt.slice(i, i + window).toUpperCase();
    let g = 0, c = 0, acgt = 0;
    for (const ch of w) {
      if (ch === "G") g++;
      if (ch === "C") c++;
      if ("ACGT".includes(ch)) acgt++;
    }
    out.push({
      start: i + 1,
      stop: i + w.length,
      gc: acgt === 0 ? NaN : (g + c) / acgt,
      skew: g + c === 0 ? NaN : (g - c) / (g + c),
    });
  }
  return out;
}

/** The plot's own `<svg>` (the figure itself, or the `<svg>` with a viewBox in a `<figure>`). */
export function mainSvg(figure: FigureElement): FigureElement {
  if (figure.tagName.toLowerCase() === "svg") return figure;
  const svg = all(figure, "svg").find((s) => s.getAttribute("viewBox") !== null);
  if (svg === undefined) throw new Error("The figure has no plot <svg>");
  return svg;
}

/** The swatch legend's labels and colours of a `<figure>`, in order. */
export function swatches(figure: FigureElement): { label: string; color: string }[] {
  return all(figure, "span, div").filter((e) =>
    (e.getAttribute("class") ?? "").split(/\s+/).some((c) => c.endsWith("-swatch"))
  ).map((e) => ({
    label: (e.textContent ?? "").trim(),
    color: e.querySelector("svg")?.getAttribute("fill") ?? "",
  }));
}

/** True when /usr/bin/python3 (with its strict XML parser) is there to cross-check SVG output. */
export const PYTHON_XML: boolean = pythonHas("plot", "xml.etree.ElementTree");

/**
 * Parses SVG text with Python's strict, namespace-aware XML parser; returns the root's tag, the
 * set of namespaces of all elements, and the number of elements per local name.
 */
export async function parseWithPython(
  svg: string,
): Promise<{ root: string; namespaces: string[]; counts: Record<string, number> }> {
  const script = `
import sys, json, collections
import xml.etree.ElementTree as ET
root = ET.fromstring(sys.stdin.buffer.read())
ns = set(); counts = collections.Counter()
for e in root.iter():
    uri, _, local = e.tag[1:].partition('}') if e.tag.startswith('{') else ('', '', e.tag)
    ns.add(uri); counts[local] += 1
print(json.dumps({"root": root.tag, "namespaces": sorted(ns), "counts": counts}))
`;
  const child = new Deno.Command(PYTHON, {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(svg));
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) {
    throw new Error(`python3 could not parse the SVG: ${new TextDecoder().decode(stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(stdout));
}

/**
 * Decodes an 8-bit RGB(A) PNG with Python's zlib (an independent decoder) and counts the pixels of
 * each given colour (within a tolerance per channel) and the dark pixels (text and axes).
 */
export async function countPngColors(
  png: Uint8Array,
  colors: string[],
): Promise<{ width: number; height: number; counts: number[]; dark: number }> {
  const script = `
import sys, zlib, struct, json
data = sys.stdin.buffer.read()
assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
pos = 8; idat = b''; w = h = 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos+8]); body = data[pos+8:pos+8+n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10]); assert depth == 8 and ctype in (2, 6)
        bpp = 4 if ctype == 6 else 3
    elif kind == b'IDAT': idat += body
    pos += 12 + n
raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); rows = []; i = 0
for y in range(h):
    f = raw[i]; line = bytearray(raw[i+1:i+1+stride]); i += 1 + stride
    for x in range(stride):
        a = line[x-bpp] if x >= bpp else 0; b = prev[x]; c = prev[x-bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p-a), abs(p-b), abs(p-c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
targets = [tuple(int(c[k:k+2], 16) for k in (1, 3, 5)) for c in json.loads(sys.argv[1])]
counts = [0] * len(targets); dark = 0
for line in rows:
    for x in range(0, stride, bpp):
        px = line[x:x+3]
        if sum(px) < 150: dark += 1
        for k, t in enumerate(targets):
            if all(abs(px[j] - t[j]) <= 6 for j in range(3)): counts[k] += 1
print(json.dumps({"width": w, "height": h, "counts": counts, "dark": dark}))
`;
  const child = new Deno.Command(PYTHON, {
    args: ["-c", script, JSON.stringify(colors)],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(png);
  await writer.close();
  const { code, stdout, stderr } = await child.output();
  if (code !== 0) {
    throw new Error(`python3 could not decode the PNG: ${new TextDecoder().decode(stderr)}`);
  }
  return JSON.parse(new TextDecoder().decode(stdout));
}

const SNAPSHOTS = new URL("../testdata/plot/snapshots/", import.meta.url);

/**
 * Compares a figure with its stored snapshots in `tests/testdata/plot/snapshots/`: its rendering
 * with the PNG reference `NAME.png` (a person looked at it once; pixels compared with a tolerance,
 * see `_png_diff.ts`), then its SVG text with `NAME.svg`, exactly. A missing snapshot is written
 * (and the test says so), except under CI, where it fails; set `UPDATE_SNAPSHOTS=1` to rewrite
 * snapshots after an intended change, and look at the new PNGs.
 */
export async function assertSnapshot(
  name: string,
  svg: string,
  figure?: FigureElement,
): Promise<void> {
  const url = new URL(`${name}.svg`, SNAPSHOTS);
  const pngUrl = new URL(`${name}.png`, SNAPSHOTS);
  const update = Deno.env.get("UPDATE_SNAPSHOTS") === "1";
  const stored = await readIfPresent(url, (u) => Deno.readTextFile(u));
  const storedPng = figure === undefined
    ? undefined
    : await readIfPresent(pngUrl, (u) => Deno.readFile(u));
  const missing = stored === undefined || (figure !== undefined && storedPng === undefined);
  if (missing && !update && Deno.env.get("CI") === "true") {
    throw new Error(`The snapshot ${url.pathname} (or its PNG) is missing`);
  }
  if (figure !== undefined) {
    const png = await toPng(figure);
    if (storedPng === undefined || update) {
      await Deno.mkdir(SNAPSHOTS, { recursive: true });
      await Deno.writeFile(pngUrl, png);
      console.log(`Wrote the PNG reference ${pngUrl.pathname}: look at it`);
    } else {
      await assertPngMatches(name, storedPng, png);
    }
  }
  if (stored === undefined || update) {
    await Deno.mkdir(SNAPSHOTS, { recursive: true });
    await Deno.writeTextFile(url, `${svg}\n`);
    console.log(`Wrote the snapshot ${url.pathname}`);
    return;
  }
  if (stored !== `${svg}\n`) {
    throw new Error(
      `The SVG of ${name} differs from its snapshot ${url.pathname} (run with UPDATE_SNAPSHOTS=1 after an intended change)`,
    );
  }
}

async function readIfPresent<T>(url: URL, read: (url: URL) => Promise<T>): Promise<T | undefined> {
  try {
    return await read(url);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return undefined;
    throw e;
  }
}
