/**
 * Reading speed of the Bakta JSON and TSV readers against their floors.
 *
 * - JSON: `readBaktaJson` on the 9.4 MB JSON of v1.4.2-lhokkaidonensis-json (decompressed once,
 *   outside the measured part) against a bare `JSON.parse` of the same text; plus the cost of
 *   the bare-`NaN` tolerance (the same text with one `NaN`).
 * - TSV: `readBaktaTsv` on CI-8050.tsv (2,652 rows) against splitting the text into lines.
 *
 * Run: `deno bench -A bench/parse_json_bench.ts`. Divide the sizes printed first by the times
 * per iteration to get MB/s.
 *
 * @module
 */

import { gunzipSync } from "node:zlib";
import { readBaktaJson } from "../src/formats/bakta_json/read_bakta_json.ts";
import { readBaktaTsv } from "../src/formats/tsv/read_bakta_tsv.ts";

const SAMPLES = new URL("../../shared/bakta-samples/", import.meta.url);

function readText(relative: string): string | undefined {
  try {
    const bytes = Deno.readFileSync(new URL(relative, SAMPLES));
    return new TextDecoder().decode(relative.endsWith(".gz") ? gunzipSync(bytes) : bytes);
  } catch {
    return undefined;
  }
}

const json = readText("v1.4.2-lhokkaidonensis-json/SAMD00000344.bakta.json.gz");
const tsv = readText("v1.9.4-efaecalis-CI-8050/CI-8050.tsv");
if (json === undefined || tsv === undefined) {
  console.log(`SKIPPED: the Bakta samples are not in ${SAMPLES.pathname}`);
}
const jsonWithNaN = json?.replace(/"n_ratio": [0-9.e-]+/, '"n_ratio": NaN');
if (json !== undefined) {
  console.log(
    `JSON: ${(json.length / 1e6).toFixed(2)} MB; TSV: ${(tsv!.length / 1e6).toFixed(3)} MB`,
  );
}

Deno.bench({
  name: "JSON.parse (floor)",
  group: "json",
  baseline: true,
  ignore: json === undefined,
  fn: () => {
    JSON.parse(json!);
  },
});

Deno.bench({
  name: "readBaktaJson",
  group: "json",
  ignore: json === undefined,
  fn: () => {
    readBaktaJson(json!);
  },
});

Deno.bench({
  name: "readBaktaJson, text with a bare NaN",
  group: "json",
  ignore: json === undefined,
  fn: () => {
    readBaktaJson(jsonWithNaN!);
  },
});

Deno.bench({
  name: "split into lines (floor)",
  group: "tsv",
  baseline: true,
  ignore: tsv === undefined,
  fn: () => {
    tsv!.split("\n");
  },
});

Deno.bench({
  name: "split into lines and tab-separated fields",
  group: "tsv",
  ignore: tsv === undefined,
  fn: () => {
    for (const line of tsv!.split("\n")) line.split("\t");
  },
});

Deno.bench({
  name: "readBaktaTsv",
  group: "tsv",
  ignore: tsv === undefined,
  fn: () => {
    readBaktaTsv(tsv!);
  },
});
