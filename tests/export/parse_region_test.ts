import assert from "node:assert/strict";
import { parseRegion } from "../../src/export/parse_region.ts";

Deno.test("parseRegion() reads SEQUENCE:FROM-TO, grouped digits and bare sequences", () => {
  assert.deepStrictEqual(parseRegion("contig_1:100-5000"), {
    sequence: "contig_1",
    from: 100,
    to: 5000,
  });
  assert.deepStrictEqual(parseRegion("contig_1:1,000-2_500"), {
    sequence: "contig_1",
    from: 1000,
    to: 2500,
  });
  assert.deepStrictEqual(parseRegion("p:1300-20"), { sequence: "p", from: 1300, to: 20 });
  assert.deepStrictEqual(parseRegion("NC_1.1:chr:5-6"), { sequence: "NC_1.1:chr", from: 5, to: 6 });
  assert.deepStrictEqual(parseRegion("contig_2"), { sequence: "contig_2" });
});

Deno.test("parseRegion() rejects what is not a region", () => {
  for (const bad of ["", "  ", ":1-5", "c1:0-5", "c1:5", "c1:a-b", "c 1", "c1:-5-6"]) {
    assert.throws(
      () => parseRegion(bad),
      (e: unknown) =>
        e instanceof RangeError && e.message.startsWith(`Invalid region ${JSON.stringify(bad)}: `),
      bad,
    );
  }
  assert.throws(() => parseRegion("c1:0-5"), /from must be a 1-based position/);
});
