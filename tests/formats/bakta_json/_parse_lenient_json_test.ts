import assert from "node:assert/strict";
import fc from "fast-check";
import {
  findJsonSyntaxError,
  parseLenientJson,
  replaceNonFiniteNumbers,
} from "../../../src/formats/bakta_json/_parse_lenient_json.ts";
import { ParseError } from "../../../src/formats/parse_error.ts";

Deno.test("replaceNonFiniteNumbers() replaces bare words only", () => {
  assert.equal(
    replaceNonFiniteNumbers('{"a": NaN, "b": [Infinity, -Infinity], "NaN": "x NaN \\" NaN"}'),
    '{"a": null, "b": [null, null], "NaN": "x NaN \\" NaN"}',
  );
  assert.equal(replaceNonFiniteNumbers('["\\\\", NaN]'), '["\\\\", null]');
  const text = '{"a": 1}';
  assert.equal(replaceNonFiniteNumbers(text), text);
});

Deno.test("parseLenientJson() reads bare NaN and Infinity as those numbers, strings untouched", () => {
  const value = parseLenientJson(
    '{"a": NaN, "b": [Infinity, -Infinity, null, -0.0], "NaN": "x NaN \\" -Infinity"}',
    "x.json",
  ) as { a: number; b: number[]; NaN: string };
  assert.ok(Number.isNaN(value.a));
  assert.deepStrictEqual(value.b, [Infinity, -Infinity, null, -0]);
  assert.equal(value.NaN, 'x NaN " -Infinity');
  // A text that already holds a stand-in literal falls back to null, never to a wrong number.
  assert.deepStrictEqual(parseLenientJson("[NaN, -0.0e-7357]", "x.json"), [null, -0]);
});

Deno.test("findJsonSyntaxError() agrees with JSON.parse on valid and broken JSON", () => {
  // Independent truth: V8's JSON.parse. Texts are random JSON values, then perhaps cut short or
  // with one character replaced.
  const broken = fc.tuple(fc.json(), fc.nat(), fc.nat(), fc.constantFrom(...'{}[],:"\\ \n0a-.eN'))
    .map(([json, at, mode, char]) => {
      if (json.length === 0) return json;
      const i = at % json.length;
      switch (mode % 3) {
        case 0:
          return json;
        case 1:
          return json.slice(0, i);
        default:
          return json.slice(0, i) + char + json.slice(i + 1);
      }
    });
  fc.assert(
    fc.property(broken, (text) => {
      let valid = true;
      let position: number | undefined;
      try {
        JSON.parse(text);
      } catch (error) {
        valid = false;
        const match = /at position (\d+)/.exec((error as Error).message);
        if (match) position = Number(match[1]);
      }
      if (/NaN|Infinity/.test(text)) return; // our scanner accepts these on purpose
      const found = findJsonSyntaxError(text);
      assert.equal(found === undefined, valid, `${JSON.stringify(text)}: ${JSON.stringify(found)}`);
      if (position !== undefined) assert.equal(found?.offset, position, JSON.stringify(text));
    }),
    { seed: 20251130, numRuns: 3000 },
  );
});

Deno.test("parseLenientJson() survives deep nesting without recursion", () => {
  const deep = "[".repeat(100_000) + "]".repeat(99_999);
  assert.throws(
    () => parseLenientJson(deep, "deep.json"),
    (error: unknown) =>
      error instanceof ParseError && error.kind === "InvalidJson" && error.offset === deep.length,
  );
});
