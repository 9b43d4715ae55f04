import assert from "node:assert/strict";
import { readBinaryTrait } from "../../src/analysis/binary_trait.ts";

Deno.test("readBinaryTrait() reads the binary spellings, ignoring case", async (t) => {
  const cases: [string | null, boolean | undefined][] = [
    ["1", true],
    ["0", false],
    ["yes", true],
    ["No", false],
    ["TRUE", true],
    ["false", false],
    ["R", true],
    ["s", false],
    [" r ", true],
    ["NA", undefined],
    ["", undefined],
    [null, undefined],
    [".", undefined],
    ["-", undefined],
  ];
  for (const [value, expected] of cases) {
    await t.step(JSON.stringify(value), () => assert.equal(readBinaryTrait(value), expected));
  }
});

Deno.test("readBinaryTrait() compares numbers with a threshold", () => {
  assert.equal(readBinaryTrait("0.25", 0.25), true);
  assert.equal(readBinaryTrait("0.125", 0.25), false);
  assert.equal(readBinaryTrait("NA", 0.25), undefined);
  assert.throws(() => readBinaryTrait(">8", 4), /">8".*not a number/);
});

Deno.test("readBinaryTrait() names a value it cannot read", () => {
  assert.throws(
    () => readBinaryTrait("intermediate"),
    (e) =>
      e instanceof RangeError && e.message.startsWith('Cannot read "intermediate" as yes or no'),
  );
});
