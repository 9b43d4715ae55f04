/**
 * `readGenbank` and `readEmbl` against Biopython's `SeqIO.parse` on the same files, in the same
 * run, with the ratios printed.
 *
 * Files:
 * - the largest real GenBank and EMBL files in `../shared/bakta-samples/`
 *   (`v1.11.4-assembly/assembly.gbff` and `.embl`, 0.2 MB each);
 * - a GenBank and an EMBL file of a whole real genome: the 9.4 MB JSON of
 *   `v1.4.2-lhokkaidonensis-json` written out by our own `formatGenbank`/`formatEmbl` (≈ 4 MB
 *   each) into a temporary folder, since no Bakta sample ships a GenBank file that large.
 *
 * Both sides parse text already in memory (Python reads each file into a string first and parses
 * an `io.StringIO`), fully: Biopython's records with their features, locations and qualifiers
 * touched and the sequence turned into a `str`; ours the whole {@linkcode BaktaRun}. Each side runs
 * every file `ROUNDS` times after one warm-up round and reports the median and the fastest round,
 * timed inside its own process (`time.perf_counter`, `performance.now`).
 *
 * Run: `deno run -A bench/parse_insdc_bench.ts [rounds]`. Prints a SKIPPED line when the samples
 * or `/usr/bin/python3` with Biopython are missing.
 *
 * @module
 */

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
const ROUNDS = Number(Deno.args[0] ?? 15);

const BIOPYTHON = `
import io, sys, time, statistics
from Bio import SeqIO
rounds = int(sys.argv[1])
for path, fmt in zip(sys.argv[2::2], sys.argv[3::2]):
    with open(path) as handle:
        text = handle.read()
    times = []
    for i in range(rounds + 1):
        t0 = time.perf_counter()
        features = 0
        for record in SeqIO.parse(io.StringIO(text), fmt):
            bases = len(str(record.seq))
            for feature in record.features:
                feature.location.start
                features += len(feature.qualifiers)
        if i > 0:
            times.append((time.perf_counter() - t0) * 1000)
    print(path, statistics.median(times), min(times), features, bases)
`;

/** One file of the bench: its path, Biopython's format name and our reader. */
interface BenchFile {
  label: string;
  path: string;
  format: "genbank" | "embl";
}

/** Median and fastest round, in milliseconds. */
interface Timing {
  median: number;
  fastest: number;
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

/** Biopython's median and fastest round per file, timed inside Python. */
async function runBiopython(files: BenchFile[]): Promise<Map<string, Timing>> {
  const args = ["-c", BIOPYTHON, String(ROUNDS), ...files.flatMap((f) => [f.path, f.format])];
  const result = await new Deno.Command(PYTHON, { args }).output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
  const timings = new Map<string, Timing>();
  for (const line of new TextDecoder().decode(result.stdout).trim().split("\n")) {
    const [path, median, fastest] = line.split(" ");
    timings.set(path, { median: Number(median), fastest: Number(fastest) });
  }
  return timings;
}

/** Our reader's median and fastest round on one file (the text read once, outside the timing). */
function runOurs(file: BenchFile): Timing {
  const text = Deno.readTextFileSync(file.path);
  const read = file.format === "genbank" ? readGenbank : readEmbl;
  const times: number[] = [];
  for (let i = 0; i <= ROUNDS; i++) {
    const t0 = performance.now();
    if (read(text).features.length === 0) throw new Error(`${file.label}: no features`);
    if (i > 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], fastest: times[0] };
}

function report(file: BenchFile, ours: Timing, peer: Timing): void {
  const mb = Deno.statSync(file.path).size / 1e6;
  const rate = (ms: number) => `${(mb / (ms / 1000)).toFixed(0).padStart(4)} MB/s`;
  const reader = file.format === "genbank" ? "readGenbank" : "readEmbl";
  console.log(
    `${file.label.padEnd(30)} ${mb.toFixed(2)} MB  ${reader.padEnd(11)} ` +
      `${ours.median.toFixed(2).padStart(7)} ms (${rate(ours.median)})  Biopython ` +
      `${peer.median.toFixed(2).padStart(7)} ms (${rate(peer.median)})  ` +
      `ratio ${(peer.median / ours.median).toFixed(1)}x median, ` +
      `${(peer.fastest / ours.fastest).toFixed(1)}x fastest (aim >= 3x)`,
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
    const peer = await runBiopython(files);
    for (const file of files) report(file, runOurs(file), peer.get(file.path)!);
    console.log(`${ROUNDS} rounds after one warm-up; load: ${Deno.loadavg().join(", ")}`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

if (import.meta.main) await main();
