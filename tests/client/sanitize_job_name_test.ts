/**
 * sanitizeJobName() against examples and against an independent Python implementation of the
 * backend's rewrite (regex [^0-9a-zA-Z_.]+ → "_", truncate(63), trim trailing non-alphanumerics).
 */

import assert from "node:assert/strict";
import fc from "fast-check";
import { sanitizeJobName } from "../../src/client/mod.ts";
import { PYTHON, pythonHas } from "../_python.ts";

Deno.test("sanitizeJobName() rewrites names as the service does", () => {
  const cases: [string, string][] = [
    ["genome.fna", "genome.fna"],
    ["my genome.fasta", "my_genome.fasta"],
    ["a  --  b", "a_b"],
    ["E. coli (K-12)", "E._coli_K_12"],
    ["trailing___...", "trailing"],
    ["__lead", "__lead"],
    ["ÄÖÜ 🧬 x", "_x"],
    ["!!!", ""],
    ["", ""],
    ["x".repeat(63) + "yz", "x".repeat(63)],
    ["a".repeat(62) + "-b", "a".repeat(62)],
  ];
  for (const [name, expected] of cases) assert.equal(sanitizeJobName(name), expected, name);
});

const python = `
import json, re, sys
def rewrite(name):
    result = re.sub(r"[^0-9a-zA-Z_.]+", "_", name)[:63]
    while result and not result[-1].isalnum():
        result = result[:-1]
    return result
print(json.dumps([rewrite(name) for name in json.load(sys.stdin)]))
`;

Deno.test({
  name: "sanitizeJobName() agrees with an independent Python rewrite on random names",
  ignore: !pythonHas("tests/client/sanitize_job_name_test.ts", "json", "re"),
}, async () => {
  const unit = fc.constantFrom(
    ..."abcXYZ019_.-  /\\()[]{}!?#*:;,'\"\t\néüß—🧬中".split(""),
    "🧬",
  );
  const names = fc.sample(fc.string({ unit, maxLength: 200, size: "max" }), {
    numRuns: 400,
    seed: 20250301,
  });
  const child = new Deno.Command(PYTHON, {
    args: ["-c", python],
    stdin: "piped",
    stdout: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(names)));
  await writer.close();
  const output = await child.output();
  assert.ok(output.success);
  const expected: string[] = JSON.parse(new TextDecoder().decode(output.stdout));
  assert.deepEqual(names.map(sanitizeJobName), expected);
  assert.ok(expected.some((name) => name.length === 63), "long names were generated");
});
