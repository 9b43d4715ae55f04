import assert from "node:assert/strict";
import {
  COG_CATEGORIES,
  COG_FUNCTIONAL_GROUPS,
  COG_UNKNOWN_COLOR,
  cogCategory,
  cogColor,
  cogLabel,
} from "../../src/plot/cog_categories.ts";

const FUN_20 = new URL("../testdata/plot/cog_fun-20.tab", import.meta.url);

Deno.test("COG_CATEGORIES holds NCBI's fun-20.tab: letters, order, names and colours", async () => {
  const lines = (await Deno.readTextFile(FUN_20)).trim().split("\n").map((l) => l.split("\t"));
  assert.equal(lines.length, 26);
  assert.deepEqual(
    COG_CATEGORIES.map((c) => [c.letter, c.ncbiColor.slice(1), c.name]),
    lines,
  );
});

Deno.test("COG_CATEGORIES puts each category in its NCBI functional group", () => {
  const groups = Object.fromEntries(
    COG_FUNCTIONAL_GROUPS.map((g) => [
      g,
      COG_CATEGORIES.filter((c) => c.group === g).map((c) => c.letter).join(""),
    ]),
  );
  assert.deepEqual(groups, {
    "Information storage and processing": "JAKLB",
    "Cellular processes and signaling": "DYVTMNZWUOX",
    "Metabolism": "CGEFHIPQ",
    "Poorly characterized": "RS",
  });
});

const BAKTA_PLOT_COLORS = new URL("../testdata/plot/bakta_plot_cog_colors.tsv", import.meta.url);

Deno.test("COG_CATEGORIES has Bakta's plot colours for all 26 letters (bakta/plot.py COLORS['cog-classes'])", async () => {
  // Source: the COLORS['cog-classes'] constant of bakta/plot.py (oschwengers/bakta, commit
  // 01189833cf70), transcribed into tests/testdata/plot/bakta_plot_cog_colors.tsv, not read from
  // the table under test.
  const expected = (await Deno.readTextFile(BAKTA_PLOT_COLORS)).trim().split("\n")
    .map((line) => line.split("\t"));
  assert.equal(expected.length, 26);
  assert.deepEqual(
    Object.fromEntries(COG_CATEGORIES.map((c) => [c.letter, c.baktaColor])),
    Object.fromEntries(expected),
  );
  for (const [letter, color] of expected) assert.equal(cogColor(letter, "bakta"), color, letter);
  for (const c of COG_CATEGORIES) assert.match(c.ncbiColor, /^#[0-9A-F]{6}$/, c.letter);
});

Deno.test("cogCategory(), cogColor() and cogLabel() look letters up case-insensitively", () => {
  assert.equal(cogCategory(" k ")?.name, "Transcription");
  assert.equal(cogCategory("KL"), undefined);
  assert.equal(cogColor("k", "ncbi"), "#FCDCEC");
  assert.equal(cogColor("k"), "#8856a7");
  assert.equal(cogColor("?"), COG_UNKNOWN_COLOR);
  assert.equal(cogLabel("X"), "X: Mobilome: prophages, transposons");
  assert.equal(cogLabel("unassigned"), "unassigned");
});
