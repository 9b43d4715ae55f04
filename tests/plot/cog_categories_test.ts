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

Deno.test("COG_CATEGORIES has Bakta's plot colours, all distinct hex colours", () => {
  for (const c of COG_CATEGORIES) {
    assert.match(c.baktaColor, /^#[0-9a-f]{6}$/, c.letter);
    assert.match(c.ncbiColor, /^#[0-9A-F]{6}$/, c.letter);
  }
  assert.equal(new Set(COG_CATEGORIES.map((c) => c.baktaColor)).size, 26);
  // Spot checks against bakta/plot.py COLORS['cog-classes'].
  assert.equal(cogColor("J", "bakta"), "#a6cee3");
  assert.equal(cogColor("S", "bakta"), "#222222");
  assert.equal(cogColor("X", "bakta"), "#d9d9d9");
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
