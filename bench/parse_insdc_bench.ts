/**
 * `readGenbank` and `readEmbl` against Biopython's `SeqIO.parse` on the same files, in the same
 * run, with the ratios printed.
 *
 * Files:
 * - the largest real GenBank and EMBL files in `../shared/bakta-samples/`
 *   (`v1.11.4-assembly/assembly.gbff` and `.embl`, 0.2 MB each);
 * - a GenBank and an EMBL file of a whole real genome: the 9.4 MB JSON of
 *   `v1.4.2-lhokkaidonensis-json` written out by our own `formatGenbank`/`formatEmbl` (6 MB
 *   each) into a temporary folder, since no Bakta sample ships a GenBank file that large.
 *
 * Both sides parse text already in memory (Python reads each file into a string first and parses
 * an `io.StringIO`), fully: Biopython's records with their features, locations and qualifiers
 * touched and the sequence turned into a `str`; ours the whole {@linkcode BaktaRun}.
 *
 * The machine this runs on is shared, so the two sides take turns: each of `ROUNDS` rounds runs
 * Biopython (a fresh `/usr/bin/python3`) and then ours (a fresh Deno process per file), each
 * parsing every file `REPEATS` times after warming up (one run for Python, three for ours, whose
 * engine compiles the parser while it runs) and keeping its fastest wall-clock time and
 * its fastest CPU time (process
 * time, garbage collection threads included: Python's `time.process_time`, Deno's
 * `process.cpuUsage`). A round's ratio is Biopython's time over ours; the table gives the median
 * over the rounds. CPU time is the steadier figure under load.
 *
 * Run: `deno run -A bench/parse_insdc_bench.ts [rounds] [repeats]`. Prints a SKIPPED line when
 * the samples or `/usr/bin/python3` with Biopython are missing.
 *
 * @module
 */

import process from "node:process";
import { gunzipSync } from "node:zlib";
import { readBaktaJson } from "../src/formats/bakta_json/read_bakta_json.ts";
import { formatEmbl } from "../src/formats/embl/format_embl.ts";
import { readEmbl } from "../src/formats/embl/read_embl.ts";
import { formatGenbank } from "../src/formats/genbank/format_genbank.ts";
import { readGenbank } from "../src/formats/genbank/read_genbank.ts";

const SAMPLES = decodeURIComponent(
  new URL("../../shared/bakta-samples/", import.meta.url).pathname,
);
const PYTHON = "/usr/bin/python3";
const ROUNDS = Number(Deno.args[0] ?? 5);
const REPEATS = Number(Deno.args[1] ?? 12);
/** Unmeasured runs before ours are timed, for the engine to compile the parser. */
const WARM_UPS = 3;

const BIOPYTHON = `
import io, sys, time
from Bio import SeqIO
repeats = int(sys.argv[1])
for path, fmt in zip(sys.argv[2::2], sys.argv[3::2]):
    with open(path) as handle:
        text = handle.read()
    wall, cpu = [], []
    for i in range(repeats + 1):
        w0, c0 = time.perf_counter(), time.process_time()
        features = 0
        for record in SeqIO.parse(io.StringIO(text), fmt):
            bases = len(str(record.seq))
            for feature in record.features:
                feature.location.start
                features += len(feature.qualifiers)
        if i > 0:
            wall.append((time.perf_counter() - w0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
    print(path, min(wall), min(cpu), features, bases)
`;

/** One file of the bench: its path and format. */
interface BenchFile {
  label: string;
  path: string;
  format: "genbank" | "embl";
}

/** The fastest wall-clock and CPU times of one side on one file in one round, in milliseconds. */
interface Timing {
  wall: number;
  cpu: number;
}

async function biopythonAvailable(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command(PYTHON, { args: ["-c", "import Bio.SeqIO"] })
      .output();
    return success;
  } catch {
    return false;
  }
}

/** The bench's files: the real samples and the two written from the large JSON into `dir`. */
function benchFiles(dir: string): BenchFile[] {
  const assembly = `${SAMPLES}v1.11.4-assembly/assembly`;
  const json = gunzipSync(
    Deno.readFileSync(`${SAMPLES}v1.4.2-lhokkaidonensis-json/SAMD00000344.bakta.json.gz`),
  );
  const run = readBaktaJson(json, { file: "SAMD00000344.bakta.json" });
  Deno.writeTextFileSync(`${dir}/SAMD00000344.gbff`, formatGenbank(run));
  Deno.writeTextFileSync(`${dir}/SAMD00000344.embl`, formatEmbl(run));
  return [
    { label: "assembly.gbff (real)", path: `${assembly}.gbff`, format: "genbank" },
    { label: "assembly.embl (real)", path: `${assembly}.embl`, format: "embl" },
    { label: "SAMD00000344.gbff (from JSON)", path: `${dir}/SAMD00000344.gbff`, format: "genbank" },
    { label: "SAMD00000344.embl (from JSON)", path: `${dir}/SAMD00000344.embl`, format: "embl" },
  ];
}

/** Biopython's fastest times per file in one round, timed inside Python. */
async function runBiopython(files: BenchFile[]): Promise<Map<string, Timing>> {
  const args = ["-c", BIOPYTHON, String(REPEATS), ...files.flatMap((f) => [f.path, f.format])];
  const result = await new Deno.Command(PYTHON, { args }).output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
  const timings = new Map<string, Timing>();
  for (const line of new TextDecoder().decode(result.stdout).trim().split("\n")) {
    const [path, wall, cpu] = line.split(" ");
    timings.set(path, { wall: Number(wall), cpu: Number(cpu) });
  }
  return timings;
}

/**
 * Our reader's fastest times on one file in one round, in a fresh Deno process that reads only
 * this format (as a program reading one kind of file would: a process that alternates GenBank and
 * EMBL makes the engine re-optimize the shared parser code back and forth).
 */
async function runOurs(file: BenchFile): Promise<Timing> {
  const args = ["run", "-A", import.meta.filename!, "--ours", file.format, file.path];
  const result = await new Deno.Command(Deno.execPath(), { args: [...args, String(REPEATS)] })
    .output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
  return JSON.parse(new TextDecoder().decode(result.stdout));
}

/** The child process of {@linkcode runOurs}: times one reader on one file, prints JSON. */
function timeOurs(format: string, path: string, repeats: number): void {
  const text = Deno.readTextFileSync(path);
  const read = format === "genbank" ? readGenbank : readEmbl;
  const timing = { wall: Infinity, cpu: Infinity };
  for (let i = -WARM_UPS; i < repeats; i++) {
    const w0 = performance.now();
    const c0 = process.cpuUsage();
    if (read(text).features.length === 0) throw new Error(`${path}: no features`);
    const cpu = process.cpuUsage(c0);
    if (i < 0) continue;
    timing.wall = Math.min(timing.wall, performance.now() - w0);
    timing.cpu = Math.min(timing.cpu, (cpu.user + cpu.system) / 1000);
  }
  console.log(JSON.stringify(timing));
}

function median(values: number[]): number {
  const sorted = values.toSorted((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** One table row: the medians over the rounds of each side's times and of the ratios. */
function report(file: BenchFile, ours: Timing[], peer: Timing[]): void {
  const mb = Deno.statSync(file.path).size / 1e6;
  const ms = (values: number[]) => median(values).toFixed(1).padStart(6);
  const ratio = (key: keyof Timing) =>
    `${median(ours.map((o, i) => peer[i][key] / o[key])).toFixed(1)}x`;
  const reader = file.format === "genbank" ? "readGenbank" : "readEmbl";
  console.log(
    `| ${file.label.padEnd(30)} | ${mb.toFixed(2)} | ${reader.padEnd(11)} | ` +
      `${ms(ours.map((t) => t.cpu))} | ${ms(ours.map((t) => t.wall))} | ` +
      `${ms(peer.map((t) => t.cpu))} | ${ms(peer.map((t) => t.wall))} | ` +
      `${ratio("cpu").padStart(5)} | ${ratio("wall").padStart(5)} |`,
  );
}

async function main(): Promise<void> {
  try {
    Deno.statSync(`${SAMPLES}v1.11.4-assembly/assembly.gbff`);
  } catch {
    console.log(`SKIPPED parse_insdc_bench: the Bakta samples are not in ${SAMPLES}`);
    return;
  }
  if (!(await biopythonAvailable())) {
    console.log(`SKIPPED parse_insdc_bench: ${PYTHON} with Biopython is missing`);
    return;
  }
  const dir = await Deno.makeTempDir({ prefix: "baktadb-insdc-bench-" });
  try {
    const files = benchFiles(dir);
    const ours: Timing[][] = files.map(() => []);
    const peer: Timing[][] = files.map(() => []);
    console.log(`load before: ${Deno.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
    for (let round = 0; round < ROUNDS; round++) {
      const python = await runBiopython(files);
      for (const [i, file] of files.entries()) {
        peer[i].push(python.get(file.path)!);
        ours[i].push(await runOurs(file));
      }
    }
    console.log(
      "| file                           | MB   | reader      | CPU ms | wall ms | Biopython CPU ms | " +
        "wall ms | ratio CPU | ratio wall |",
    );
    files.forEach((file, i) => report(file, ours[i], peer[i]));
    console.log(
      `${ROUNDS} rounds of ${REPEATS} repeats (medians over rounds of the fastest repeat); ` +
        `aim: ratio >= 3x; load after: ${Deno.loadavg().map((l) => l.toFixed(2)).join(", ")}`,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) {
  if (Deno.args[0] === "--ours") timeOurs(Deno.args[1], Deno.args[2], Number(Deno.args[3]));
  else await main();
}
