import assert from "node:assert/strict";
import { readGff3 } from "../../src/formats/gff3/read_gff3.ts";
import { formatGff3 } from "../../src/formats/gff3/format_gff3.ts";
import { readBaktaJson } from "../../src/formats/bakta_json/read_bakta_json.ts";
import type { BaktaRun, Feature } from "../../src/formats/model.ts";
import { decodeInput } from "../../src/formats/decode_input.ts";
import { listSamples, readSample, reportSamples } from "../_samples.ts";
import { PYTHON, pythonHas } from "../_python.ts";

const MINI = Deno.readTextFileSync(new URL("../testdata/bakta_mini.gff3", import.meta.url));
const present = reportSamples("gff3_format_test");

/** The model without `original` (line numbers and raw attributes differ after a rewrite). */
function modelOf(run: BaktaRun) {
  return {
    features: run.features.map(({ original: _, ...rest }) => rest),
    sequences: run.sequences,
    software: run.software,
    genome: run.genome,
  };
}

Deno.test("formatGff3() round-trips the fixture through readGff3()", () => {
  const run = readGff3(MINI);
  const text = formatGff3(run);
  assert.deepEqual(modelOf(readGff3(text)), modelOf(run));
  // The text is the fixture's, except that the last CRISPR repeat gets its Parent (Bakta omits it).
  const expected = MINI.replace(
    "ID=MININBEGN_2_repeat_3\n",
    "ID=MININBEGN_2_repeat_3;Parent=MININBEGN_2\n",
  );
  assert.equal(text, expected);
});

Deno.test("formatGff3() writes origin-spanning features with end = stop + length", () => {
  const run = readGff3(MINI);
  const text = formatGff3(run);
  assert.match(text, /\nmini_1\tPyrodigal\tCDS\t971\t1471\t\.\t-\t0\tID=MINI_005;/);
});

Deno.test("formatGff3() writes Bakta's flags by version: pseudogene=, pseudo=True", () => {
  const run = readGff3(MINI);
  const modern = formatGff3(run);
  assert.match(modern, /ID=MINI_001;.*;pseudo=True;gene=repB\n/);
  assert.match(modern, /ID=MINI_002;.*;pseudogene=unitary\n/);
  const old = formatGff3({ ...run, software: { ...run.software, bakta: "1.9.4" } });
  assert.doesNotMatch(old, /ID=MINI_001;[^\n]*pseudo=True/, "1.9 did not write truncation");
  assert.match(old, /ID=MINI_002;[^\n]*pseudo=True/);
  const fromJson = {
    ...run,
    software: { bakta: "1.9.4" },
    features: run.features.map((f) => ({
      ...f,
      original: { format: "json" as const, record: {} },
    })),
  };
  assert.match(formatGff3(fromJson), /\tProdigal\tCDS\t/, "1.9 named the gene caller Prodigal");
  assert.match(formatGff3(run), /\tPyrodigal\tCDS\t/, "the source read from GFF3 is kept");
});

Deno.test("formatGff3() leaves out ##FASTA when asked or when there are no nucleotides", () => {
  const run = readGff3(MINI);
  assert.doesNotMatch(formatGff3(run, { fasta: false }), /##FASTA/);
  const bare = { ...run, sequences: run.sequences.map(({ nt: _, ...rest }) => rest) };
  assert.doesNotMatch(formatGff3(bare), /##FASTA/);
  assert.throws(() => formatGff3(run, { fastaLineWidth: 0 }), {
    name: "RangeError",
    message: /fastaLineWidth/,
  });
});

Deno.test({
  name: "formatGff3() writes every real GFF3 sample back byte for byte",
  ignore: !present,
  fn() {
    const files = listSamples(/\.gff3(\.gz)?$/);
    assert.ok(files.length >= 13);
    for (const file of files) {
      const text = decodeInput(readSample(file), file);
      assert.equal(formatGff3(readGff3(text, { file })), text, file);
    }
  },
});

Deno.test({
  name: "formatGff3() of a run read from JSON is Bakta's own GFF3 but for the oriV",
  ignore: !present,
  fn() {
    for (const prefix of ["v1.11.4-assembly/assembly", "v1.8.1-origin-spanning/TEST_6"]) {
      const run = readBaktaJson(readSample(`${prefix}.json`));
      const ours = formatGff3(run).split("\n");
      const bakta = decodeInput(readSample(`${prefix}.gff3`)).split("\n");
      assert.equal(ours.length, bakta.length, prefix);
      const differences = ours.flatMap((line, i) => (line === bakta[i] ? [] : [[bakta[i], line]]));
      if (prefix.endsWith("assembly")) {
        // Bakta 1.10+ writes an oriV with the GFF3 type oriC; formatGff3 keeps oriV.
        assert.equal(differences.length, 1);
        assert.equal(differences[0][0].replace("\toriC\t", "\toriV\t"), differences[0][1]);
      } else {
        assert.deepEqual(differences, [], prefix);
      }
    }
  },
});

const gffutils = pythonHas("gff3_format_test", "gffutils");

const GFFUTILS_DUMP = `
import sys, json, gffutils
db = gffutils.create_db(sys.argv[1], ":memory:", merge_strategy="error", keep_order=True)
out = []
for f in db.all_features(order_by=None):
    out.append({"id": f.id, "seqid": f.seqid, "type": f.featuretype, "start": f.start,
                "end": f.end, "strand": f.strand, "attributes": dict(f.attributes)})
json.dump(out, sys.stdout)
`;

interface GffutilsFeature {
  id: string;
  seqid: string;
  type: string;
  start: number;
  end: number;
  strand: string;
  attributes: Record<string, string[]>;
}

function gffutilsRead(text: string): GffutilsFeature[] {
  const path = Deno.makeTempFileSync({ suffix: ".gff3" });
  try {
    Deno.writeTextFileSync(path, text);
    const { code, stdout, stderr } = new Deno.Command(PYTHON, {
      args: ["-c", GFFUTILS_DUMP, path],
    }).outputSync();
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    return JSON.parse(new TextDecoder().decode(stdout));
  } finally {
    Deno.removeSync(path);
  }
}

function checkWithGffutils(run: BaktaRun) {
  const features = gffutilsRead(formatGff3(run));
  const byId = new Map(features.map((feature) => [feature.id, feature]));
  const lengths = new Map(run.sequences.map((s) => [s.id, s.length]));
  const check = (feature: Feature) => {
    const id = feature.locusTag ?? feature.id!;
    const read = byId.get(id);
    assert.ok(read, `gffutils has no feature ${id}`);
    const end = feature.edge ? feature.stop + lengths.get(feature.sequenceId)! : feature.stop;
    assert.deepEqual(
      [read.seqid, read.start, read.end, read.strand],
      [feature.sequenceId, feature.start, end, feature.strand],
      id,
    );
    if (feature.product !== undefined && feature.type !== "gap") {
      assert.deepEqual(read.attributes.product, [feature.product], id);
    }
    assert.deepEqual(
      read.attributes.Dbxref ?? [],
      feature.dbXrefs.map(({ db, accession }) => `${db}:${accession}`),
      id,
    );
    const parts = features.filter((f) =>
      f.attributes.Parent?.[0] === id && f.type.startsWith("crispr-")
    );
    assert.equal(parts.length, feature.crisprParts?.length ?? 0, id);
  };
  run.features.forEach(check);
  const regions = features.filter((f) => f.type === "region");
  assert.equal(regions.length, run.sequences.length);
}

Deno.test({
  name: "formatGff3() output reads back in gffutils with the same features",
  ignore: !gffutils,
  fn() {
    checkWithGffutils(readGff3(MINI));
  },
});

Deno.test({
  name: "formatGff3() output of real runs reads back in gffutils with the same features",
  ignore: !gffutils || !present,
  fn() {
    checkWithGffutils(readGff3(readSample("v1.9.4-efaecalis-CI-8050/CI-8050.gff3")));
    checkWithGffutils(readBaktaJson(readSample("v1.8.1-origin-spanning/TEST_6.json")));
  },
});
