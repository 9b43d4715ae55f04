/**
 * buildJobConfig(): friendly options to the contract's JobConfig, with named validation errors.
 */

import assert from "node:assert/strict";
import { BaktaValidationError, buildJobConfig, type JobOptions } from "../../src/client/mod.ts";

Deno.test("buildJobConfig() always sends the five required fields and hasReplicons: false", () => {
  assert.deepEqual(buildJobConfig(), {
    translationTable: 11,
    completeGenome: false,
    keepContigHeaders: false,
    minContigLength: 1,
    compliant: false,
    hasReplicons: false,
    prodigalTrainingFile: null,
    dermType: null,
    genus: null,
    species: null,
    strain: null,
    plasmid: null,
    locus: null,
    locusTag: null,
  });
});

Deno.test("buildJobConfig() maps every friendly option", () => {
  const config = buildJobConfig({
    genus: " Bacillus ",
    species: "subtilis",
    strain: "168",
    plasmid: "pBS32",
    complete: true,
    compliant: true,
    locus: "BSU_0#.*-",
    locusTag: "BSU00010",
    translationTable: 4,
    gram: "+",
    keepContigHeaders: true,
    minContigLength: 200,
    repliconTable: "/data/in/replicons.csv",
    prodigalTrainingFile: new URL("file:///data/in/bsu.tf"),
  });
  assert.deepEqual(config, {
    translationTable: 4,
    completeGenome: true,
    keepContigHeaders: true,
    minContigLength: 200,
    compliant: true,
    hasReplicons: true,
    prodigalTrainingFile: "bsu.tf",
    dermType: "MONODERM",
    genus: "Bacillus",
    species: "subtilis",
    strain: "168",
    plasmid: "pBS32",
    locus: "BSU_0#.*-",
    locusTag: "BSU00010",
  });
  assert.equal(buildJobConfig({ gram: "-" }).dermType, "DIDERM");
  assert.equal(buildJobConfig({ gram: "?" }).dermType, "UNKNOWN");
  assert.equal(
    buildJobConfig({ repliconTable: { content: "c1\tc\tc\tc\t-\n" } }).hasReplicons,
    true,
  );
  assert.equal(
    buildJobConfig({ prodigalTrainingFile: { content: new Uint8Array([1]) } }).prodigalTrainingFile,
    "prodigal.tf",
  );
  assert.equal(buildJobConfig({ genus: "", locus: "  " }).genus, null, "empty means unset");
});

Deno.test("buildJobConfig() names the option and what it expected", async (t) => {
  const cases: [string, JobOptions, string, RegExp][] = [
    [
      "locus too long",
      { locus: "a".repeat(21) },
      "locus",
      /^Invalid locus "a{21}": expected 1 to 20 of/,
    ],
    ["locus with a space", { locus: "my locus" }, "locus", /Invalid locus "my locus"/],
    [
      "lower-case locus tag",
      { locusTag: "bsu" },
      "locusTag",
      /^Invalid locusTag "bsu": expected an upper-case letter/,
    ],
    [
      "locus tag starting with a digit",
      { locusTag: "1BSU" },
      "locusTag",
      /Invalid locusTag "1BSU"/,
    ],
    ["locus tag too short", { locusTag: "AB" }, "locusTag", /Invalid locusTag "AB"/],
    ["locus tag too long", { locusTag: "A".repeat(13) }, "locusTag", /Invalid locusTag/],
    [
      "translation table 1",
      { translationTable: 1 as 11 },
      "translationTable",
      /^Invalid translationTable 1: expected 11 or 4$/,
    ],
    [
      "negative min contig length",
      { minContigLength: -1 },
      "minContigLength",
      /^Invalid minContigLength -1: expected an integer >= 0$/,
    ],
    [
      "fractional min contig length",
      { minContigLength: 1.5 },
      "minContigLength",
      /Invalid minContigLength 1.5/,
    ],
    ["gram x", { gram: "x" as "+" }, "gram", /^Invalid gram "x": expected "\+", "-" or "\?"$/],
    [
      "a line break in strain",
      { strain: "a\nb" },
      "strain",
      /Invalid strain "a\nb": expected text without/,
    ],
    [
      "a non-boolean flag",
      { complete: "yes" as unknown as boolean },
      "complete",
      /Invalid complete "yes": expected true or false/,
    ],
    ["an empty replicon path", { repliconTable: " " }, "repliconTable", /Invalid repliconTable/],
  ];
  for (const [label, options, option, message] of cases) {
    await t.step(label, () => {
      assert.throws(
        () => buildJobConfig(options),
        (error: unknown) =>
          error instanceof BaktaValidationError && error.kind === "InvalidOption" &&
          error.option === option && message.test(error.message),
      );
    });
  }
});

Deno.test("buildJobConfig() accepts the boundary values of the UI's patterns", () => {
  assert.equal(buildJobConfig({ locus: "a".repeat(20) }).locus, "a".repeat(20));
  assert.equal(buildJobConfig({ locusTag: "ABC" }).locusTag, "ABC");
  assert.equal(buildJobConfig({ locusTag: "A" + "9".repeat(11) }).locusTag, "A99999999999");
  assert.equal(buildJobConfig({ minContigLength: 0 }).minContigLength, 0);
});
