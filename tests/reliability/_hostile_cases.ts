/**
 * The hostile inputs of `baktadb import` (issue #17 item 3), one case per input and reader: each
 * writes its files into a folder and says what a user must see (the file, and the line or JSON
 * path) or that the input must import. Big inputs are generated here at run time, never stored.
 *
 * @module
 */

import { Buffer } from "node:buffer";
import { gzipSync } from "node:zlib";
import {
  companions,
  FIXTURE_FORMATS,
  FIXTURE_PREFIX,
  type FixtureFormat,
  fixtureText,
} from "./_hostile_fixtures.ts";
import { makeBakrepDataset } from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";
import { createPrng } from "../../src/testing/bakta_stand_in/prng.ts";

/** One hostile input. */
export interface HostileCase {
  /** The row of the reliability table it counts in, e.g. "empty file". */
  kind: string;
  /** The case, e.g. "empty hostile.gff3". */
  name: string;
  /** Run only in the full mode (`BAKTADB_RELIABILITY_FULL=1`): inputs of hundreds of MB. */
  full?: boolean;
  /** Writes the input under `dir` and returns the arguments after `baktadb import`. */
  write(dir: string): Promise<string[]>;
  /** What the user must be told: the file and the line, JSON path or cause. */
  message: RegExp;
  /** The input is sound (CRLF line ends, a run beside symlink loops): it must import. */
  imports?: boolean;
  /**
   * Run in a process of its own even in the quick mode (a bomb, options, a message about the
   * whole batch); other cases of one reader share one `import` of all their folders there.
   */
  alone?: boolean;
}

const MIB = 1024 * 1024;
const encoder = new TextEncoder();

/** The file name of a format's fixture. */
function fileOf(format: FixtureFormat): string {
  return `${FIXTURE_PREFIX}.${format}`;
}

/** Writes a run's files into `dir`: the damaged one and its companions; returns `[dir]`. */
async function writeRun(
  dir: string,
  format: FixtureFormat,
  content: string | Uint8Array,
  name = fileOf(format),
): Promise<string[]> {
  await Deno.mkdir(dir, { recursive: true });
  for (const [other, text] of companions(format)) {
    await Deno.writeTextFile(`${dir}/${fileOf(other)}`, text);
  }
  if (typeof content === "string") await Deno.writeTextFile(`${dir}/${name}`, content);
  else await Deno.writeFile(`${dir}/${name}`, content);
  return [dir];
}

/** The 1-based line a junk line is inserted at: after the header, inside the feature table. */
function junkLine(format: FixtureFormat): number {
  if (format !== "gbff") return 2;
  return fixtureText("gbff").split("\n").findIndex((l) => l.startsWith("FEATURES")) + 2;
}

/** A fixture with a line inserted at `line`, written in parts (the line may be 200 MB). */
async function writeWithLine(
  path: string,
  format: FixtureFormat,
  line: number,
  chunk: string,
  repeat: number,
): Promise<void> {
  const lines = fixtureText(format).split("\n");
  const file = await Deno.open(path, { create: true, write: true, truncate: true });
  try {
    const write = async (text: string) => {
      const bytes = encoder.encode(text);
      for (let at = 0; at < bytes.length;) at += await file.write(bytes.subarray(at));
    };
    await write(lines.slice(0, line - 1).join("\n") + "\n");
    const block = chunk.repeat(Math.max(1, Math.floor(MIB / chunk.length)));
    const blocks = Math.floor((chunk.length * repeat) / block.length);
    for (let i = 0; i < blocks; i++) await write(block);
    await write(chunk.repeat(repeat - (blocks * block.length) / chunk.length));
    await write("\n" + lines.slice(line - 1).join("\n"));
  } finally {
    file.close();
  }
}

/**
 * A gzip bomb of about 1 MB: the fixture, then 64 gzip members of 16 MiB of line feeds each
 * (a gzip reader takes concatenated members as one stream): about 1 GiB decompressed.
 */
export function gzipBomb(format: FixtureFormat): Uint8Array {
  const member = gzipSync(new Uint8Array(16 * MIB).fill(0x0a), { level: 9 });
  return Buffer.concat([gzipSync(encoder.encode(fixtureText(format))), ...Array(64).fill(member)]);
}

/** The fixture with byte 0xFF at the start of line 3. */
function invalidUtf8(format: FixtureFormat): Uint8Array {
  const lines = fixtureText(format).split("\n");
  const head = encoder.encode(lines.slice(0, 2).join("\n") + "\n");
  const tail = encoder.encode(lines.slice(2).join("\n"));
  const out = new Uint8Array(head.length + 1 + tail.length);
  out.set(head);
  out[head.length] = 0xff;
  out.set(tail, head.length + 1);
  return out;
}

/** Seeded random bytes. */
function randomBytes(length: number, seed: number): Uint8Array {
  const random = createPrng(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** A name as a pattern. */
function quoted(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The cases every reader gets: empty, binary, invalid UTF-8, CRLF, huge lines, a gzip bomb. */
function everyReaderCases(format: FixtureFormat): HostileCase[] {
  const name = fileOf(format);
  const file = quoted(name);
  const line = junkLine(format);
  return [
    {
      kind: "empty file",
      name: `empty ${name}`,
      write: (dir) => writeRun(dir, format, ""),
      message: new RegExp(`${file}.*empty`),
    },
    {
      kind: "binary bytes under a Bakta name",
      name: `4 KiB of random bytes named ${name}`,
      write: (dir) => writeRun(dir, format, randomBytes(4096, 17)),
      message: new RegExp(`${file} line \\d+ column \\d+.*not valid UTF-8`),
    },
    {
      kind: "binary bytes under a Bakta name",
      name: `NUL and control bytes named ${name}`,
      write: (dir) => writeRun(dir, format, "\u0000\u0001\u0002\n".repeat(100)),
      message: new RegExp(`${file} line 1.*binary`),
    },
    {
      kind: "invalid UTF-8",
      name: `byte 0xFF on line 3 of ${name}`,
      write: (dir) => writeRun(dir, format, invalidUtf8(format)),
      message: new RegExp(`${file} line 3 column 1.*not valid UTF-8`),
    },
    {
      kind: "a line of 10^6 columns",
      name: `10^6 tab-separated columns on line ${line} of ${name}`,
      write: async (dir) => {
        const [folder] = await writeRun(dir, format, "");
        await writeWithLine(`${folder}/${name}`, format, line, "x\t", 1_000_000);
        return [folder];
      },
      message: new RegExp(`${file} line ${line}\\b`),
    },
    {
      kind: "a line of 200 MB",
      name: `a line of 200 MB at line ${line} of ${name}`,
      full: true,
      write: async (dir) => {
        const [folder] = await writeRun(dir, format, "");
        await writeWithLine(`${folder}/${name}`, format, line, "~", 200 * 1000 * 1000);
        return [folder];
      },
      message: new RegExp(`${file} line ${line}\\b`),
    },
    {
      kind: "a gzip bomb (1 MB expanding to 1 GiB)",
      name: `gzip bomb ${name}.gz`,
      full: format !== "gff3",
      alone: true,
      write: (dir) => writeRun(dir, format, gzipBomb(format), `${name}.gz`),
      message: new RegExp(`${file}\\.gz.*expands past 536870912 bytes`),
    },
  ];
}

/** The fixture with `pattern`'s first match replaced. */
function edited(format: FixtureFormat, pattern: RegExp, replacement: string): string {
  const text = fixtureText(format);
  if (!pattern.test(text)) throw new Error(`${pattern} is not in the ${format} fixture`);
  return text.replace(pattern, replacement);
}

/** NaN, Infinity and deep nesting in a Bakta JSON. */
function jsonCases(): HostileCase[] {
  const deep = "[".repeat(100_000) + "]".repeat(100_000);
  const text = (pattern: RegExp, replacement: string) => () => edited("json", pattern, replacement);
  const cases: [kind: string, name: string, content: () => string, message: RegExp][] = [
    [
      "JSON nested 100,000 deep",
      "features[0] nested 100,000 deep",
      text(/"features": \[/, `"features": [${deep},`),
      /hostile\.json: features\[0\] is \[\[\[.*expected an object/,
    ],
    [
      "JSON nested 100,000 deep",
      "a product nested 100,000 deep",
      text(/"product": "[^"]*"/, `"product": ${deep}`),
      /hostile\.json: features\[\d+\]\.product is \[\[\[.*expected a string/,
    ],
    [
      "NaN / Infinity in JSON",
      "start NaN",
      text(/"start": \d+/, `"start": NaN`),
      /hostile\.json: features\[0\]\.start is NaN/,
    ],
    [
      "NaN / Infinity in JSON",
      "stop Infinity",
      text(/"stop": \d+/, `"stop": Infinity`),
      /hostile\.json: features\[0\]\.stop is Infinity/,
    ],
    [
      "NaN / Infinity in JSON",
      "start -Infinity",
      text(/"start": \d+/, `"start": -Infinity`),
      /hostile\.json: features\[0\]\.start is -Infinity/,
    ],
  ];
  return cases.map(([kind, name, content, message]) => ({
    kind,
    name: `${name} in hostile.json`,
    write: (dir) => writeRun(dir, "json", content()),
    message,
  }));
}

/** Features on sequences the run does not declare, and past a sequence's end. */
function coordinateCases(): HostileCase[] {
  const featureLine = /^contig_1\t(?!Bakta\tregion)([^\t]*\t[^\t]*\t)(\d+)\t(\d+)/m;
  const undeclared = "a feature on an undeclared sequence";
  const past = "a location past the sequence end";
  const cases: [string, FixtureFormat, RegExp, string, RegExp][] = [
    [
      undeclared,
      "json",
      /"sequence": "contig_1"/,
      `"sequence": "contig_9"`,
      /hostile\.json: features\[0\]\.sequence is "contig_9"/,
    ],
    [past, "json", /"stop": \d+/, `"stop": 99999999`, /features\[0\]\.stop.*past the end/],
    [
      undeclared,
      "gff3",
      featureLine,
      "contig_9\t$1$2\t$3",
      /hostile\.gff3 line \d+.*lies on sequence "contig_9", which the run does not list/,
    ],
    [past, "gff3", featureLine, "contig_1\t$1$2\t99999999", /hostile\.gff3 line \d+.*past/],
    [
      past,
      "gbff",
      /^( {5}(?!source)\S+ +)(\d+)\.\.(\d+)/m,
      "$1$2..99999999",
      /hostile\.gbff.*past/,
    ],
    [
      past,
      "embl",
      /^(FT {3}(?!source)\S+ +)(\d+)\.\.(\d+)/m,
      "$1$2..99999999",
      /hostile\.embl.*past/,
    ],
  ];
  const tsvRow = /^contig_1\t([^\t]*)\t(\d+)\t(\d+)/m;
  return [
    ...cases.map(([kind, format, pattern, replacement, message]) => ({
      kind,
      name: `${kind} in ${fileOf(format)}`,
      write: (dir: string) => writeRun(dir, format, edited(format, pattern, replacement)),
      message,
    })),
    ...([
      [undeclared, "contig_9\t$1\t$2\t$3", /hostile\.tsv line \d+.*"contig_9", which the run/],
      [past, "contig_1\t$1\t$2\t99999999", /hostile\.tsv.*past the end/],
    ] as const).map(([kind, replacement, message]) => ({
      kind,
      name: `${kind} in hostile.tsv beside its .fna`,
      write: async (dir: string) => {
        await writeRun(dir, "fna", fixtureText("fna"));
        return writeRun(dir, "tsv", edited("tsv", tsvRow, replacement));
      },
      message,
    })),
  ];
}

/** A BakRep dataset (no record, so nothing stops the side file before its reader) with one side file replaced. */
function bakrepCases(): HostileCase[] {
  const id = "SAMNHOSTILE";
  const cases: [side: string, name: string, content: () => Uint8Array, message: RegExp][] = [
    ["checkm2", "empty", () => new Uint8Array(0), /checkm2\.json\.gz line 1 column 1/],
    ["gtdbtk", "invalid UTF-8", () => gzipSync(Uint8Array.of(0x7b, 0x0a, 0xc3, 0x28)), /line 2/],
    [
      "checkm2",
      "NaN completeness",
      () => gzipSync(encoder.encode('{"quality": {"completeness": NaN, "contamination": 1}}')),
      /checkm2\.json\.gz: \$\.quality\.completeness is NaN: expected a number/,
    ],
    [
      "mlst",
      "nested 100,000 deep",
      () => gzipSync(encoder.encode("[".repeat(100_000) + "]".repeat(100_000))),
      /mlst\.json\.gz: \$\[0\] is an array: expected an object/,
    ],
  ];
  return cases.map(([side, name, content, message]) => ({
    kind: "BakRep side file",
    name: `${name} ${id}.${side}.json.gz`,
    write: async (dir: string) => {
      const dataset = makeBakrepDataset(id, { seed: 5 });
      await Deno.mkdir(dir, { recursive: true });
      for (const [file, bytes] of dataset.files) await Deno.writeFile(`${dir}/${file}`, bytes);
      await Deno.writeFile(`${dir}/${id}.${side}.json.gz`, content());
      return [dir];
    },
    message,
  }));
}

/** Folders: symlink loops, a path that is a loop, 10,000 files. */
function folderCases(): HostileCase[] {
  const loops = async (dir: string) => {
    await Deno.mkdir(dir, { recursive: true });
    await Deno.symlink(`${dir}/loop_b`, `${dir}/loop_a`);
    await Deno.symlink(`${dir}/loop_a`, `${dir}/loop_b`);
    await Deno.symlink(dir, `${dir}/self`);
    await Deno.symlink(`${dir}/hostile_c.gff3`, `${dir}/hostile_c.gff3`);
    return dir;
  };
  return [
    {
      kind: "a folder with a symlink loop",
      name: "only symlink loops (-r)",
      alone: true,
      write: async (dir) => ["-r", await loops(dir)],
      message: /Nothing to import/,
    },
    {
      kind: "a folder with a symlink loop",
      name: "a symlink loop named on the command line",
      alone: true,
      write: async (dir) => [`${await loops(dir)}/loop_a`],
      message: /loop_a/,
    },
    {
      kind: "a folder with a symlink loop",
      name: "a run beside symlink loops (-r)",
      alone: true,
      write: async (dir) => {
        await loops(dir);
        await Deno.writeTextFile(`${dir}/${fileOf("gff3")}`, fixtureText("gff3"));
        return ["-r", dir];
      },
      message: /Imported 1, skipped 0, failed 0 of 1/,
      imports: true,
    },
    {
      kind: "a folder of 10,000 files",
      name: "10,000 files named .gff3 holding no GFF3",
      alone: true,
      write: async (dir) => {
        await Deno.mkdir(dir, { recursive: true });
        for (let i = 0; i < 10_000; i++) {
          await Deno.writeTextFile(`${dir}/s${String(i).padStart(5, "0")}.gff3`, `junk ${i}\n`);
        }
        return [dir];
      },
      message: /s09999\.gff3 line 1.*All 10000 runs failed/s,
    },
  ];
}

/** The CRLF twin of every fixture: it must import, with the same rows as the LF file. */
export function crlfCases(): (HostileCase & { format: FixtureFormat })[] {
  return FIXTURE_FORMATS.map((format) => ({
    kind: "CRLF line ends (must import like LF)",
    name: `${fileOf(format)} with CRLF`,
    format,
    write: (dir: string) => writeRun(dir, format, fixtureText(format).replaceAll("\n", "\r\n")),
    message: /Imported 1, skipped 0, failed 0 of 1/,
    imports: true,
    alone: true,
  }));
}

/**
 * Every hostile case (those marked `full` only run in the full mode).
 *
 * @returns The cases.
 */
export function hostileCases(): HostileCase[] {
  return [
    ...FIXTURE_FORMATS.flatMap(everyReaderCases),
    ...jsonCases(),
    ...coordinateCases(),
    ...bakrepCases(),
    ...folderCases(),
  ];
}
