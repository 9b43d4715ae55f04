import assert from "node:assert/strict";
import fc from "fast-check";
import { reverseComplement } from "../../src/export/reverse_complement.ts";

Deno.test("reverseComplement() pairs bases and IUPAC codes, keeping case", () => {
  assert.equal(reverseComplement("AACGT"), "ACGTT");
  assert.equal(reverseComplement("acgtn"), "nacgt");
  assert.equal(reverseComplement("RYKMBVDHSW"), "WSDHBVKMRY");
  assert.equal(reverseComplement("A-C*"), "*G-T");
  assert.equal(reverseComplement(""), "");
});

Deno.test("reverseComplement() is its own inverse and keeps GC", () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[ACGTNacgtn]*$/), (nt) => {
      const rc = reverseComplement(nt);
      assert.equal(reverseComplement(rc), nt);
      assert.equal(rc.replace(/[^GCgc]/g, "").length, nt.replace(/[^GCgc]/g, "").length);
    }),
  );
});
