/**
 * A canonical dump of what `readGff3` and `readBaktaTsv` return for every GFF3 and TSV sample of
 * `../shared/bakta-samples/` (hypotheticals and inference tables excepted): the check that a
 * change of the readers' inside (a part read on first use, another way of building an object)
 * leaves the `BaktaRun` observably the same. Every own enumerable property is read (getters
 * included, so a lazily read `nt` or `original.record` is dumped as its value), in key order,
 * with `undefined` values, each object's class (`Object`, `Map`, `Gff3Attributes`, arrays) and,
 * beside it, `JSON.stringify`, `structuredClone` and spread of each run checked against the dump.
 *
 * Run once per tree and compare the printed digests (or the files written):
 * `deno run -A bench/parse_canonical_dump.ts [out.txt]`. Prints a SKIPPED line without the samples.
 *
 * @module
 */

import { readGff3 } from "../src/formats/gff3/read_gff3.ts";
import { readBaktaTsv } from "../src/formats/tsv/read_bakta_tsv.ts";

const SAMPLES = new URL("../../shared/bakta-samples/", import.meta.url);

/** The canonical text of `value`: classes, key order and `undefined` included. */
function canonical(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  const name = Object.getPrototypeOf(value)?.constructor?.name ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value instanceof Map) {
    const entries = [...value].map(([k, v]) => `${canonical(k)}=>${canonical(v)}`);
    return `${name}{${entries.join(",")}}`;
  }
  const fields = Object.keys(value).map((key) =>
    `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`
  );
  return `${name}{${fields.join(",")}}`;
}

/** The sample files, sorted, with their reader. */
function samples(): { path: string; read: (bytes: Uint8Array) => unknown }[] {
  const found: { path: string; read: (bytes: Uint8Array) => unknown }[] = [];
  const walk = (dir: URL, relative: string) => {
    for (const entry of Deno.readDirSync(dir)) {
      const path = `${relative}${entry.name}`;
      if (entry.isDirectory) walk(new URL(`${entry.name}/`, dir), `${path}/`);
      else if (/\.gff3(\.gz)?$/.test(entry.name)) {
        found.push({ path, read: (b) => readGff3(b, { file: entry.name }) });
      } else if (/\.tsv$/.test(entry.name) && !/hypothetical|inference/.test(entry.name)) {
        found.push({ path, read: (b) => readBaktaTsv(b, { file: entry.name }) });
      }
    }
  };
  walk(SAMPLES, "");
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

async function main(): Promise<void> {
  try {
    Deno.statSync(SAMPLES);
  } catch {
    console.log(`SKIPPED parse_canonical_dump: the Bakta samples are not in ${SAMPLES.pathname}`);
    return;
  }
  const lines: string[] = [];
  for (const { path, read } of samples()) {
    const bytes = Deno.readFileSync(new URL(path, SAMPLES));
    const dump = canonical(read(bytes));
    // The other views of the run must read the same values as the dump.
    const json = JSON.stringify(read(bytes));
    const cloned = canonical(structuredClone(read(bytes)));
    const spread = canonical({ ...(read(bytes) as object) });
    const digest = async (text: string) =>
      Array.from(
        new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))),
        (b) => b.toString(16).padStart(2, "0"),
      ).join("");
    lines.push(
      `${path} dump ${await digest(dump)} json ${await digest(json)} clone ${await digest(
        cloned,
      )} spread ${spread === dump ? "same" : "DIFFERENT"} (${dump.length} chars)`,
    );
  }
  console.log(lines.join("\n"));
  if (Deno.args[0] !== undefined) Deno.writeTextFileSync(Deno.args[0], lines.join("\n") + "\n");
}

if (import.meta.main) await main();
