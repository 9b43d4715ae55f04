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
  assert.throws(() => decodeInput(42 as unknown as string), {
    name: "TypeError",
    message: /input must be a string or a Uint8Array/,
  });
});

Deno.test("isGzip() and gunzipInput() look at the magic number only", () => {
  assert.equal(isGzip(new Uint8Array([0x1f])), false);
  assert.equal(isGzip(new Uint8Array([0x1f, 0x8b])), true);
  const plain = encoder.encode("plain");
  assert.equal(gunzipInput(plain), plain);
});

Deno.test("decodeInput() names the line and byte column of the first byte TextDecoder refuses", () => {
  // Brute force against the platform's decoder: the bytes before the named offset decode, the
  // named byte starts what does not, and the line is one more than the line feeds before it.
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pieces = [[0x0a], [0x41], [0xc3, 0xa9], [0xe2, 0x82, 0xac], [0xf0, 0x9f, 0x98, 0x80]];
  const strict = new TextDecoder("utf-8", { fatal: true });
  let checked = 0;
  for (let n = 0; n < 300; n++) {
    const bytes: number[] = [];
    for (let i = 0; i < 40; i++) bytes.push(...pieces[Math.floor(random() * pieces.length)]);
    const bad = Math.floor(random() * bytes.length);
    bytes[bad] = Math.floor(random() * 256);
    const input = Uint8Array.from(bytes);
    let valid = true;
    try {
      strict.decode(input);
    } catch {
      valid = false;
    }
    try {
      decodeInput(input, "x.txt");
      assert.ok(valid, `accepted bytes TextDecoder refuses: ${bytes}`);
    } catch (error) {
      assert.ok(!valid && error instanceof ParseError, String(error));
      const offset = Number(/at offset (\d+)/.exec(error.detail)?.[1]);
      strict.decode(input.subarray(0, offset)); // everything before it is UTF-8
      const lineFeeds = input.subarray(0, offset).filter((b) => b === 0x0a).length;
      assert.equal(error.line, lineFeeds + 1);
      assert.equal(error.column, offset - input.subarray(0, offset).lastIndexOf(0x0a));
      assert.throws(() => strict.decode(input.subarray(offset, offset + 4)), {
        name: "TypeError",
        message: "The encoded data is not valid",
      });
      checked++;
    }
  }
  assert.ok(checked > 100, `only ${checked} invalid inputs`);
});

Deno.test("gunzipInput() stops a stream that expands past maxDecompressedBytes", () => {
  const bomb = gzipSync(new Uint8Array(8 * 1024 * 1024));
  assert.equal(gunzipInput(bomb, "ok.gz", 8 * 1024 * 1024).length, 8 * 1024 * 1024);
  assert.throws(() => gunzipInput(bomb, "bomb.gz", 1024 * 1024), (e: unknown) => {
    assert.ok(e instanceof ParseError);
    assert.equal(e.kind, "TooLarge");
    assert.equal(e.file, "bomb.gz");
    assert.match(e.message, /expands past 1048576 bytes/);
    return true;
  });
  assert.throws(() => decodeInput(bomb, "x", 0), {
    name: "RangeError",
    message: /maxDecompressedBytes/,
  });
  assert.throws(() => decodeInput(bomb, "x", 1.5), /maxDecompressedBytes/);
});
