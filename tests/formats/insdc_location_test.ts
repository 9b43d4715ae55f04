import assert from "node:assert/strict";
import fc from "fast-check";
import { ParseError } from "../../src/formats/parse_error.ts";
import { parseLocation } from "../../src/formats/insdc/parse_location.ts";
import { formatLocation } from "../../src/formats/insdc/format_location.ts";
import type { InsdcLocation } from "../../src/formats/insdc/insdc_location.ts";
import {
  locationToSpan,
  spanToLocation,
  spanTruncation,
} from "../../src/formats/insdc/location_span.ts";

Deno.test("parseLocation() and formatLocation() round-trip the forms Bakta and INSDC write", async (t) => {
  const cases = [
    "1..894",
    "<1..894",
    "complement(<3..725)",
    "complement(1932..2048)",
    "<18169..18321",
    "100..>200",
    "<1..>50",
    "join(971..1330,1..141)",
    "complement(join(971..1330,1..141))",
    "join(complement(1..141),complement(971..1330))",
    "order(1..10,20..30)",
    "467",
    "<5",
    "123^124",
    "J00194.1:100..202",
    "join(1..3,J00194.1:100..202)",
  ];
  for (const text of cases) {
    await t.step(text, () => {
      assert.equal(formatLocation(parseLocation(text)), text);
    });
  }
});

Deno.test("parseLocation() ignores white space from wrapped lines", () => {
  const location = parseLocation("join(1..10,\n 20..30)");
  assert.equal(formatLocation(location), "join(1..10,20..30)");
});

Deno.test("parseLocation() names the location and what was expected", async (t) => {
  const bad: [string, RegExp][] = [
    ["", /expected a base number/],
    ["abc", /expected a base number/],
    ["1..", /expected a base number after "\.\."/],
    ["10..5", /an end not before the start 10/],
    ["complement(1..5", /expected "\)"/],
    ["join(1..5;6..9)", /expected "\)"/],
    ["1..5)", /expected end of location/],
    ["0..5", /of at least 1/],
    ["1.5", /expected end of location/],
    ["complement(".repeat(40) + "1..2" + ")".repeat(40), /nested operators/],
  ];
  for (const [text, message] of bad) {
    await t.step(JSON.stringify(text).slice(0, 30), () => {
      assert.throws(
        () => parseLocation(text, { file: "x.gbff", line: 7 }),
        (error: unknown) => {
          assert.ok(error instanceof ParseError);
          assert.equal(error.kind, "InvalidLocation");
          assert.equal(error.file, "x.gbff");
          assert.equal(error.line, 7);
          assert.match(error.message, message);
          assert.match(error.message, /^Cannot parse x\.gbff line 7: location/);
          return true;
        },
      );
    });
  }
});

Deno.test("locationToSpan() turns Bakta's origin-spanning joins into edge features", async (t) => {
  await t.step("reverse strand, complement(join(…)) as Bakta writes it", () => {
    const span = locationToSpan(parseLocation("complement(join(971..1330,1..141))"), {
      sequenceLength: 1330,
    });
    assert.deepEqual(
      { start: span.start, stop: span.stop, strand: span.strand, edge: span.edge },
      { start: 971, stop: 141, strand: "-", edge: true },
    );
  });
  await t.step("reverse strand, join(complement(…)) in biological order", () => {
    const span = locationToSpan(
      parseLocation("join(complement(1..141),complement(971..1330))"),
      { sequenceLength: 1330 },
    );
    assert.equal(span.start, 971);
    assert.equal(span.stop, 141);
    assert.equal(span.edge, true);
  });
  await t.step("forward strand", () => {
    const span = locationToSpan(parseLocation("join(971..1330,1..141)"), {
      sequenceLength: 1330,
    });
    assert.deepEqual([span.start, span.stop, span.strand, span.edge], [971, 141, "+", true]);
  });
  await t.step("a join that is not at the sequence end is rejected", () => {
    assert.throws(
      () =>
        locationToSpan(parseLocation("join(971..1300,1..141)"), {
          sequenceLength: 1330,
          file: "x",
          line: 3,
        }),
      (error: unknown) =>
        error instanceof ParseError && error.kind === "InvalidLocation" &&
        /do not meet at 1330 and 1/.test(error.message),
    );
  });
  await t.step("a range past the sequence end is left to checkFeatureBounds()", () => {
    const span = locationToSpan(parseLocation("1..2000"), { sequenceLength: 1330 });
    assert.deepEqual([span.start, span.stop, span.edge], [1, 2000, false]);
  });
  await t.step("a split feature that does not wrap covers all parts", () => {
    const span = locationToSpan(parseLocation("join(10..20,20..40)"));
    assert.deepEqual([span.start, span.stop, span.edge, span.parts], [10, 40, false, 2]);
  });
});

Deno.test("locationToSpan() rejects what is not one Bakta feature", async (t) => {
  const cases: [string, RegExp][] = [
    ["join(1..5,complement(8..9))", /mixing both strands/],
    ["X1.1:1..5", /not on this sequence/],
  ];
  for (const [text, message] of cases) {
    await t.step(text, () => {
      assert.throws(
        () => locationToSpan(parseLocation(text), { sequenceLength: 1330 }),
        (error: unknown) =>
          error instanceof ParseError && error.kind === "InvalidLocation" &&
          message.test(error.message),
      );
    });
  }
});

Deno.test("spanTruncation() reads partial markers by strand, as Bakta writes them", () => {
  const truncation = (text: string) => spanTruncation(locationToSpan(parseLocation(text)));
  // v1.11.4-assembly: MEGJMN_001 `<1..894` is 5' truncated in the JSON, MEGJMN_091
  // `complement(<3..725)` 3' truncated.
  assert.equal(truncation("<1..894"), "5-prime");
  assert.equal(truncation("complement(<3..725)"), "3-prime");
  assert.equal(truncation("10..>20"), "3-prime");
  assert.equal(truncation("complement(10..>20)"), "5-prime");
  assert.equal(truncation("<10..>20"), "both");
  assert.equal(truncation("10..20"), undefined);
});

Deno.test("spanToLocation() is the inverse of locationToSpan() for every feature form", () => {
  const length = 1000;
  const extent = fc.record({
    a: fc.integer({ min: 1, max: length }),
    b: fc.integer({ min: 1, max: length }),
    strand: fc.constantFrom("+", "-"),
    truncated: fc.constantFrom(undefined, "5-prime", "3-prime", "both"),
  });
  fc.assert(
    fc.property(extent, ({ a, b, strand, truncated }) => {
      const edge = a > b + 1 || (a > b && a !== b); // start > stop crosses the origin
      const feature = edge
        ? { start: a, stop: b, strand, edge: true }
        : { start: Math.min(a, b), stop: Math.max(a, b), strand, edge: false, truncated };
      const text = formatLocation(spanToLocation(feature, length));
      const span = locationToSpan(parseLocation(text), { sequenceLength: length });
      assert.equal(span.start, feature.start, text);
      assert.equal(span.stop, feature.stop, text);
      assert.equal(span.strand, strand, text);
      assert.equal(span.edge, feature.edge, text);
      if (!feature.edge) assert.equal(spanTruncation(span), truncated, text);
    }),
    { seed: 20251130, numRuns: 500 },
  );
});

Deno.test("formatLocation() output always parses back to the same structure", () => {
  const range = fc.record({
    start: fc.integer({ min: 1, max: 5000 }),
    length: fc.integer({ min: 0, max: 500 }),
    startPartial: fc.boolean(),
    endPartial: fc.boolean(),
  }).map(({ start, length, startPartial, endPartial }): InsdcLocation => ({
    kind: "range",
    start,
    end: start + length,
    startPartial,
    endPartial,
  }));
  const location: fc.Arbitrary<InsdcLocation> = fc.letrec<{ location: InsdcLocation }>((tie) => ({
    location: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      range,
      tie("location").map((inner): InsdcLocation => ({ kind: "complement", location: inner })),
      fc.array(tie("location"), { minLength: 1, maxLength: 3 }).map((parts): InsdcLocation => ({
        kind: "join",
        parts,
      })),
    ),
  })).location;
  fc.assert(
    fc.property(location, (value) => {
      assert.deepEqual(parseLocation(formatLocation(value)), value);
    }),
    { seed: 7, numRuns: 300 },
  );
});
