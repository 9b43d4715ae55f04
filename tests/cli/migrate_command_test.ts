import assert from "node:assert/strict";
import { runCli } from "../../src/cli/main.ts";
import { capture } from "./_helpers.ts";
import { MIGRATION_NAMES } from "../../src/db/migrator.ts";

const LATEST = MIGRATION_NAMES.at(-1)!;

Deno.test("baktadb init creates the database; migrate shows status, goes down one and up again", async () => {
  const dir = await Deno.makeTempDir();
  const path = `${dir}/x.sqlite`;
  try {
    let c = capture();
    assert.equal(await runCli(["init", "--db", path], c.io), 0);
    assert.match(
      c.out(),
      new RegExp(`Initialised .* at schema ${LATEST} \\(${MIGRATION_NAMES.length} migration`),
    );
    c = capture();
    assert.equal(await runCli(["migrate", "down", "--db", path], c.io), 0);
    assert.match(c.out(), new RegExp(`down ${LATEST}: Success`));
    assert.match(c.out(), new RegExp(`\\[ \\] ${LATEST}`));
    assert.match(c.out(), new RegExp(`\\[x\\] ${MIGRATION_NAMES.at(-2)}`));
    c = capture();
    assert.equal(await runCli(["migrate", "--json", "--db", path], c.io), 0);
    assert.deepEqual(JSON.parse(c.out()).pending, [LATEST]);
    c = capture();
    assert.equal(await runCli(["migrate", "up", "--db", path], c.io), 0);
    assert.match(c.out(), new RegExp(`Schema is up to date \\(${LATEST}\\)`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("baktadb migrate with an unknown action exits 2 with one clear line", async () => {
  const c = capture();
  assert.equal(await runCli(["migrate", "sideways", "--db", ":memory:"], c.io), 2);
  assert.equal(c.err().trim().split("\n").length, 1);
  assert.match(c.err(), /Unknown migrate action "sideways"/);
});

Deno.test("baktadb with an unknown command exits 2", async () => {
  const c = capture();
  assert.equal(await runCli(["frobnicate"], c.io), 2);
  assert.match(c.err(), /unknown command/);
});
