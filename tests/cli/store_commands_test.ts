import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { formatRunAsBaktaJson, formatRunAsGff3, makeRun } from "../../src/testing/factory/mod.ts";
import { parseFileSpec } from "../../src/cli/cat_command.ts";
import { reportSamples, samplePath } from "../_samples.ts";
import { sha256 } from "../_sha256.ts";
import { capture as captureText } from "./_helpers.ts";
import { engineTest, testDatabaseUrl } from "../_engines.ts";

/** The captured io, plus the bytes `cat` writes and the questions `rm` asks (answered `answer`). */
function capture(options: { isTerminal?: boolean; answer?: boolean } = {}) {
  const text = captureText(options.isTerminal ?? false);
  const bytes: Uint8Array[] = [];
  const questions: string[] = [];
  return {
    ...text,
    io: {
      ...text.io,
      outBytes: (b: Uint8Array) => bytes.push(b.slice()),
      confirm: (q: string) => {
        questions.push(q);
        return options.answer ?? false;
      },
    },
    bytes: () => {
      const all = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
      let at = 0;
      for (const b of bytes) {
        all.set(b, at);
        at += b.length;
      }
      return all;
    },
    questions,
  };
}

async function fixture() {
  const dir = await Deno.makeTempDir();
  const run = makeRun({ seed: 1, sequences: 2, genomeSize: 30_000 });
  await Deno.mkdir(`${dir}/runs`);
  await Deno.writeTextFile(`${dir}/runs/alpha.json`, formatRunAsBaktaJson(run));
  await Deno.writeTextFile(`${dir}/runs/alpha.gff3`, formatRunAsGff3(run));
  await Deno.writeTextFile(
    `${dir}/runs/beta.json`,
    formatRunAsBaktaJson(makeRun({ seed: 2, featuresPerSequence: 7 })),
  );
  await Deno.writeTextFile(`${dir}/runs/gamma.json`, "[1, 2]");
  return { dir, db: await testDatabaseUrl(dir), run };
}

engineTest(
  "baktadb import: summary, exit code PARTIAL when some runs fail, then a no-op re-import",
  async () => {
    const { dir, db, run } = await fixture();
    try {
      let c = capture();
      assert.equal(await runCli(["import", `${dir}/runs`, "--db", db], c.io), 4);
      assert.match(
        c.out(),
        /^imported {2}alpha \(.*alpha\.\*\): new genome, assembly version 1; [\d,]+ features, 2 file\(s\)/m,
      );
      assert.match(c.out(), /^imported {2}beta /m);
      assert.match(c.out(), /^failed {4}.*gamma\.json: Cannot parse/m);
      assert.match(c.out(), /Imported 2, skipped 0, failed 1 of 3 run\(s\)/);
      assert.equal(c.err(), "baktadb: 1 of 3 runs failed\n");
      c = capture();
      assert.equal(
        await runCli(
          ["import", `${dir}/runs/alpha.json`, `${dir}/runs/alpha.gff3`, "--db", db],
          c.io,
        ),
        0,
      );
      assert.match(c.out(), /^skipped {3}alpha .*imported before as annotation 1 of "alpha"/m);
      c = capture();
      assert.equal(await runCli(["import", `${dir}/runs/gamma.json`, "--db", db], c.io), 1);
      assert.match(c.err(), /^baktadb: Cannot parse .*gamma\.json/);
      c = capture();
      assert.equal(await runCli(["import", `${dir}/nothing-here`, "--db", db], c.io), 1);
      c = capture();
      assert.equal(
        await runCli(["import", `${dir}/runs/beta.json`, "--json", "--db", db], c.io),
        0,
      );
      const json = JSON.parse(c.out());
      assert.equal(json.items[0].status, "skipped");
      // genomes lists both with counts.
      c = capture();
      assert.equal(await runCli(["genomes", "--db", db], c.io), 0);
      const lines = c.out().trim().split("\n");
      assert.match(lines[0], /^name\s+organism\s+versions\s+annotations\s+features$/);
      assert.match(
        lines[1],
        new RegExp(`^alpha\\s+Testella fictiva S1\\s+1\\s+1\\s+${run.features.length}$`),
      );
      c = capture();
      assert.equal(await runCli(["genomes", "--json", "--db", db], c.io), 0);
      assert.deepStrictEqual(JSON.parse(c.out()).map((g: { name: string }) => g.name), [
        "alpha",
        "beta",
      ]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

engineTest(
  "baktadb show, history and files describe a genome; unknown genomes exit 3",
  async () => {
    const { dir, db, run } = await fixture();
    try {
      await runCli(
        ["import", `${dir}/runs/alpha.json`, `${dir}/runs/alpha.gff3`, "--db", db],
        capture().io,
      );
      let c = capture();
      assert.equal(await runCli(["show", "alpha", "--db", db], c.io), 0);
      assert.match(c.out(), /^Genome alpha \(id 1\)/);
      assert.match(c.out(), /organism: Testella fictiva S1\n/);
      assert.match(c.out(), /version 1: 2 sequence\(s\), 30,000 bp, current/);
      assert.match(c.out(), /#1 on version 1: Bakta 1\.10\.4, database 5\.1 \(full\)/);
      assert.match(c.out(), new RegExp(`${run.features.length} features`));
      c = capture();
      assert.equal(await runCli(["show", "alpha", "--json", "--db", db], c.io), 0);
      const shown = JSON.parse(c.out());
      assert.equal(shown.annotations[0].features.total, run.features.length);
      assert.equal(shown.versions[0].sequenceList.length, 2);
      c = capture();
      assert.equal(await runCli(["history", "alpha", "--db", db], c.io), 0);
      assert.match(
        c.out(),
        /assembly version 1: 2 sequence\(s\), 30,000 bp \(current\)\n.*annotation #1 of version 1: Bakta 1\.10\.4/,
      );
      c = capture();
      assert.equal(await runCli(["files", "alpha", "--db", db], c.io), 0);
      assert.match(c.out(), /^id\s+annotation\s+kind\s+name\s+size\s+stored\s+sha256$/m);
      assert.match(c.out(), /alpha\.gff3/);
      c = capture();
      assert.equal(await runCli(["files", "alpha", "--json", "--db", db], c.io), 0);
      const files = JSON.parse(c.out());
      const gff3 = await Deno.readFile(`${dir}/runs/alpha.gff3`);
      assert.equal(
        files.find((f: { fileName: string }) => f.fileName === "alpha.gff3").checksum,
        sha256(gff3),
      );
      for (const command of ["show", "history", "files"]) {
        c = capture();
        assert.equal(await runCli([command, "nope", "--db", db], c.io), 3);
        assert.equal(c.err(), 'baktadb: No genome "nope"\n');
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

engineTest("baktadb cat writes the original bytes by id and by GENOME/FILE_NAME", async () => {
  const { dir, db } = await fixture();
  try {
    await runCli(
      ["import", `${dir}/runs/alpha.json`, `${dir}/runs/alpha.gff3`, "--db", db],
      capture().io,
    );
    const original = await Deno.readFile(`${dir}/runs/alpha.json`);
    let c = capture();
    assert.equal(await runCli(["cat", "alpha/alpha.json", "--db", db], c.io), 0);
    assert.equal(sha256(c.bytes()), sha256(original));
    c = capture();
    assert.equal(await runCli(["cat", "2", "--db", db], c.io), 0);
    assert.equal(
      sha256(c.bytes()),
      sha256(original),
      "file 2 is alpha.json (files sorted by name)",
    );
    c = capture();
    assert.equal(await runCli(["cat", "99", "--db", db], c.io), 3);
    c = capture();
    assert.equal(await runCli(["cat", "alpha", "--db", db], c.io), 2);
    assert.match(c.err(), /expected a file id .* or GENOME\/FILE_NAME/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
  assert.deepStrictEqual(parseFileSpec("a/b/c.json"), { genome: "a/b", fileName: "c.json" });
});

engineTest(
  "baktadb rm refuses without --yes off a terminal, asks on one, deletes with --yes",
  async () => {
    const { dir, db } = await fixture();
    try {
      await runCli(["import", `${dir}/runs/beta.json`, "--db", db], capture().io);
      let c = capture();
      assert.equal(await runCli(["rm", "beta", "--db", db], c.io), 2);
      assert.equal(
        c.err(),
        'baktadb: Refusing to delete genome "beta" without confirmation: pass --yes\n',
      );
      c = capture({ isTerminal: true, answer: false });
      assert.equal(await runCli(["rm", "beta", "--db", db], c.io), 0);
      assert.match(
        c.questions[0],
        /Delete genome "beta" with 1 assembly version\(s\) and 1 annotation\(s\)\?/,
      );
      assert.match(c.err(), /Nothing deleted/);
      c = capture({ isTerminal: true, answer: true });
      assert.equal(await runCli(["rm", "beta", "--db", db], c.io), 0);
      assert.match(
        c.out(),
        /Deleted genome "beta": 2 sequence row\(s\), 1 annotation\(s\), 14 feature\(s\), 1 file\(s\)/,
      );
      c = capture();
      assert.equal(await runCli(["rm", "beta", "--yes", "--db", db], c.io), 3);
      // Re-importing the deleted run works.
      c = capture();
      assert.equal(await runCli(["import", `${dir}/runs/beta.json`, "--db", db], c.io), 0);
      assert.match(c.out(), /^imported {2}beta/m);
      c = capture();
      assert.equal(await runCli(["rm", "beta", "-y", "--db", db], c.io), 0);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("every store command has --help with examples", async () => {
  for (const command of ["import", "genomes", "show", "history", "files", "cat", "rm"]) {
    const c = capture();
    assert.equal(await runCli([command, "--help"], c.io), 0);
    assert.match(c.out(), /Examples:\n {2}baktadb /, command);
  }
});

Deno.test({
  name: "baktadb cat gives back a real Bakta file byte for byte",
  ignore: !reportSamples("tests/cli/store_commands_test.ts"),
  async fn() {
    const dir = await Deno.makeTempDir();
    try {
      const db = `${dir}/x.sqlite`;
      const path = samplePath("v1.5.1-saureus-pair/C22.gff3.gz");
      assert.equal(await runCli(["import", path, "--db", db], capture().io), 0);
      const c = capture();
      assert.equal(await runCli(["cat", "C22/C22.gff3.gz", "--db", db], c.io), 0);
      assert.equal(sha256(c.bytes()), sha256(await Deno.readFile(path)));
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
});
