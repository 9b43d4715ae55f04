import assert from "node:assert/strict";
import {
  categoricalColors,
  COG_CLASS_COLORS,
  COG_COLORS,
  NO_COG_COLOR,
} from "../../src/plot/palette.ts";
import { COG_CATEGORIES, cogColor } from "../../src/plot/cog_categories.ts";

/**
 * The COG functional categories and their classes, written here from the NCBI COG classification
 * (fun-20.tab and the COG web site), independently of the module under test.
 */
const COG_CLASSES: Record<string, string> = {
  J: "info",
  A: "info",
  K: "info",
  L: "info",
  B: "info",
  D: "cell",
  Y: "cell",
  V: "cell",
  T: "cell",
  M: "cell",
  N: "cell",
  Z: "cell",
  W: "cell",
  U: "cell",
  O: "cell",
  X: "cell",
  C: "metabolism",
  G: "metabolism",
  E: "metabolism",
  F: "metabolism",
  H: "metabolism",
  I: "metabolism",
  P: "metabolism",
  Q: "metabolism",
  R: "poor",
  S: "poor",
}; // deno-fmt-ignore

/** The Okabe–Ito colours, as Okabe & Ito (2008) list them. */
const OKABE_ITO_HEX = [
  "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
]; // deno-fmt-ignore

function rgb(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
}

/** CIE L*a*b* (D65) of an sRGB colour. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = rgb(hex).map((c) => c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116;
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** CIE76 colour difference. */
function deltaE(a: string, b: string): number {
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2]);
}

/** Hue in degrees and saturation (HSV) of an sRGB colour. */
function hueSaturation(hex: string): { hue: number; saturation: number } {
  const [r, g, b] = rgb(hex);
  const max = Math.max(r, g, b);
  const span = max - Math.min(r, g, b);
  if (span === 0) return { hue: 0, saturation: 0 };
  const hue = max === r
    ? 60 * (((g - b) / span + 6) % 6)
    : max === g
    ? 60 * ((b - r) / span + 2)
    : 60 * ((r - g) / span + 4);
  return { hue, saturation: span / max };
}

/** The class a colour's hue family says: greys, blues/purples, greens/teals, warm colours. */
function familyOf(hex: string): string {
  const { hue, saturation } = hueSaturation(hex);
  if (saturation < 0.05) return "poor";
  if (hue >= 195 && hue < 300) return "info";
  if (hue >= 55 && hue < 195) return "cell";
  return "metabolism";
}

Deno.test("COG_COLORS colours exactly the 26 COG letters, and the COG table uses them", () => {
  assert.deepEqual(Object.keys(COG_COLORS).sort(), Object.keys(COG_CLASSES).sort());
  for (const c of COG_CATEGORIES) {
    assert.equal(c.color, COG_COLORS[c.letter], c.letter);
    assert.equal(cogColor(c.letter), COG_COLORS[c.letter], c.letter);
    assert.match(c.color, /^#[0-9a-f]{6}$/, c.letter);
  }
});

Deno.test("COG_COLORS groups each letter's colour in the hue family of its functional class", () => {
  for (const [letter, cls] of Object.entries(COG_CLASSES)) {
    assert.equal(familyOf(COG_COLORS[letter]), cls, `${letter} ${COG_COLORS[letter]}`);
  }
});

Deno.test("COG_COLORS can be told apart: neighbours and any two colours differ (CIE76 ΔE)", () => {
  const letters = Object.keys(COG_CLASSES);
  for (const [i, a] of letters.entries()) {
    for (const b of letters.slice(i + 1)) {
      const d = deltaE(COG_COLORS[a], COG_COLORS[b]);
      assert.ok(d >= 15, `${a} and ${b} differ by ΔE ${d.toFixed(1)} only`);
    }
    assert.ok(deltaE(COG_COLORS[a], NO_COG_COLOR) >= 10, `${a} and "no COG"`);
  }
  // The neighbours the issue names, read side by side in a stacked bar.
  for (const group of ["JKL", "CGE", "NZWUO"]) {
    for (let i = 0; i + 1 < group.length; i++) {
      const d = deltaE(COG_COLORS[group[i]], COG_COLORS[group[i + 1]]);
      assert.ok(d >= 19, `${group[i]}/${group[i + 1]}: ΔE ${d.toFixed(1)}`);
    }
  }
});

Deno.test("categoricalColors() gives Okabe–Ito colours up to 8 classes, distinct ones up to 20", () => {
  for (let n = 0; n <= 8; n++) {
    assert.deepEqual(
      categoricalColors(n),
      OKABE_ITO_HEX.slice(0, n).map((c) => c.toLowerCase()),
    );
  }
  assert.equal(new Set(categoricalColors(20)).size, 20);
  assert.equal(categoricalColors(25).length, 25);
  assert.throws(() => categoricalColors(-1), { name: "RangeError", message: /got -1$/ });
  assert.throws(() => categoricalColors(1.5), { name: "RangeError", message: /got 1\.5$/ });
  // The four COG classes are drawn in Okabe–Ito colours too.
  for (const color of Object.values(COG_CLASS_COLORS)) {
    assert.ok(
      OKABE_ITO_HEX.map((c) => c.toLowerCase()).includes(color) || color === "#999999",
      color,
    );
  }
});

Deno.test("COG_COLORS is the documented baktadb palette, letter by letter (a swap of two colours fails)", () => {
  // baktadb's own palette deliberately differs from Bakta's plot colours (issue #21 asked for 24+
  // distinguishable colours grouped by functional class; Bakta's are checked in
  // cog_categories_test.ts). Written out here from the table in src/plot/palette.ts as reviewed,
  // not read from it, so that two swapped or changed colours fail this test.
  // deno-fmt-ignore
  const documented: Record<string, string> = {
    A: "#9ecae1",
    B: "#d4b9da",
    C: "#b2182b",
    D: "#1b7837",
    E: "#fdae61",
    F: "#8c510a",
    G: "#f46d43",
    H: "#fee08b",
    I: "#bf812d",
    J: "#08306b",
    K: "#8856a7",
    L: "#3d8fd1",
    M: "#02818a",
    N: "#80cdc1",
    O: "#00441b",
    P: "#e7298a",
    Q: "#67001f",
    R: "#a6a6a6",
    S: "#636363",
    T: "#525200",
    U: "#7f8c00",
    V: "#66bd63",
    W: "#b8e186",
    X: "#00a087",
    Y: "#f7fcb9",
    Z: "#c7eae5",
  };
  assert.equal(Object.keys(documented).length, 26);
  for (const [letter, color] of Object.entries(documented)) {
    assert.equal(COG_COLORS[letter], color, letter);
    assert.equal(cogColor(letter), color, letter);
  }
});
