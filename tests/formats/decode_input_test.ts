import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { decodeInput, gunzipInput, isGzip } from "../../src/formats/decode_input.ts";
import { ParseError } from "../../src/formats/parse_error.ts";

const encoder = new TextEncoder();

Deno.test("decodeInput() returns strings unchanged except a leading BOM", () => {
  assert.equal(decodeInput("abc"), "abc");
  assert.equal(decodeInput("\uFEFFabc"), "abc");
});

Deno.test("decodeInput() decodes plain and gzipped UTF-8 bytes", () => {
  const text = ">c1 Überschrift\nACGT\n";
  assert.equal(decodeInput(encoder.encode(text)), text);
  assert.equal(decodeInput(gzipSync(encoder.encode(text))), text);
});

Deno.test("decodeInput() reads concatenated gzip members", () => {
  const bytes = new Uint8Array([
    ...gzipSync(encoder.encode("ab")),
    ...gzipSync(encoder.encode("cd")),
  ]);
  assert.equal(decodeInput(bytes), "abcd");
});

Deno.test("decodeInput() reports a truncated gzip stream as Truncated", () => {
  const gz = gzipSync(encoder.encode("x".repeat(1000) + "some text that compresses"));
  for (const cut of [3, 10, gz.length - 4]) {
    assert.throws(
      () => decodeInput(gz.subarray(0, cut), "a.json.gz"),
      (error: unknown) =>
        error instanceof ParseError && error.kind === "Truncated" && error.file === "a.json.gz",
    );
  }
});

Deno.test("decodeInput() rejects invalid UTF-8 with a ParseError", () => {
  assert.throws(
    () => decodeInput(new Uint8Array([0x41, 0xff, 0xfe, 0x42]), "bad.tsv"),
    (error: unknown) => error instanceof ParseError && error.kind === "Unexpected",
  );
});

Deno.test("decodeInput() rejects other input types with a TypeError", () => {
  assert.throws(() => decodeInput(42 as unknown as string), TypeError);
});

Deno.test("isGzip() and gunzipInput() look at the magic number only", () => {
  assert.equal(isGzip(new Uint8Array([0x1f])), false);
  assert.equal(isGzip(new Uint8Array([0x1f, 0x8b])), true);
  const plain = encoder.encode("plain");
  assert.equal(gunzipInput(plain), plain);
});
