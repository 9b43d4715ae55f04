import assert from "node:assert/strict";
import { escapeControl, escaped } from "../../src/cli/escape_control.ts";
import { escapingIo } from "../../src/cli/cli_context.ts";
import { formatTable, formatTsv } from "../../src/cli/_table.ts";

const isControl = (code: number) => code < 0x20 || (code >= 0x7f && code <= 0x9f);

Deno.test("escapeControl() escapes exactly the C0, DEL and C1 controls, each readably", async (t) => {
  await t.step("every code point up to U+01FF, one by one", () => {
    for (let code = 0; code <= 0x1ff; code++) {
      const char = String.fromCharCode(code);
      const shown = escapeControl(`a${char}b`);
      if (!isControl(code)) {
        assert.equal(shown, `a${char}b`, `U+${code.toString(16)} kept`);
        continue;
      }
      const escape = shown.slice(1, -1);
      assert.match(escape, /^\\([btnr]|x[0-9a-f]{2}|u00[0-9a-f]{2})$/, `U+${code.toString(16)}`);
      // The escape reads back as the character in JavaScript's own string syntax.
      assert.equal(new Function(`return "${escape}"`)(), char, escape);
    }
  });
  await t.step("named escapes and the forms of the issue", () => {
    for (
      const [input, output] of [
        ["\x1b", "\\x1b"],
        ["\n", "\\n"],
        ["\r", "\\r"],
        ["\x07", "\\x07"],
        ["\b", "\\b"],
        ["\t", "\\t"],
        ["\x00", "\\x00"],
        ["\x7f", "\\u007f"],
        ["\u009b", "\\u009b"],
      ]
    ) {
      assert.equal(escapeControl(input), output);
    }
  });
  await t.step("keepLineStructure keeps line feeds and tabs only", () => {
    assert.equal(
      escapeControl("a\tb\nc\r\n\x1b[0m", { keepLineStructure: true }),
      "a\tb\nc\\r\n\\x1b[0m",
    );
  });
  await t.step("DEL and C1 escapes keep a JSON text valid and equal", () => {
    const value = { name: "x\u0085y\x7fz" };
    const json = escapeControl(JSON.stringify(value), { keepLineStructure: true });
    assert.doesNotMatch(json, /[\x7f-\x9f]/);
    assert.deepEqual(JSON.parse(json), value);
  });
});

Deno.test("escaped`` escapes the values, not the message", () => {
  assert.equal(escaped`a ${"x\ny"} b\n`, "a x\\ny b\n");
  assert.equal(escaped`${1} ${null}`, "1 null");
});

Deno.test("formatTable() and formatTsv() escape every cell, header included", () => {
  assert.equal(formatTable(["g\x1b"], [["p\r\nq"]]), "g\\x1b\np\\r\\nq\n");
  const tsv = formatTsv(["a", "b"], [["1\t2", "x\ny"]]);
  assert.equal(tsv, "a\tb\n1\\t2\tx\\ny\n");
});

Deno.test("escapingIo() escapes out and err, keeps raw and the io's other members", () => {
  const written: string[] = [];
  const asked: string[] = [];
  const io = escapingIo({
    out: (t: string) => written.push(`out:${t}`),
    err: (t: string) => written.push(`err:${t}`),
    isTerminal: true,
    confirm: (q: string) => {
      asked.push(q);
      return true;
    },
  });
  io.out("a\x1b]0;t\x07\n");
  io.err("b\u009b2J\n");
  io.raw.err("\r\x1b[K");
  assert.deepEqual(written, ["out:a\\x1b]0;t\\x07\n", "err:b\\u009b2J\n", "err:\r\x1b[K"]);
  assert.equal(io.isTerminal, true);
  assert.equal(io.confirm("q?"), true);
  assert.deepEqual(asked, ["q?"]);
  assert.equal(escapingIo(io), io, "wrapping twice is once");
});
