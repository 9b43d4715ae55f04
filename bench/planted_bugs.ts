/**
 * Planted bugs: does the test suite catch a plausible mistake? Each bug below is a small text
 * patch of one source file. The script copies the tree (tracked and new files, `node_modules` and
 * `../shared` linked) into a temporary folder, runs the named tests once unpatched (they must
 * pass), then for each bug applies its patch alone, runs its tests and records whether any failed
 * ("caught") or all passed ("missed"), and restores the file. Nothing in the working tree changes.
 *
 * Run (from the repository root; about 10 minutes on 2 quiet cores):
 *
 * ```sh
 * deno run -A bench/planted_bugs.ts            # every bug; prints a Markdown table
 * deno run -A bench/planted_bugs.ts fisher bh  # only the bugs whose id contains a word
 * deno run -A bench/planted_bugs.ts --no-baseline core  # skip the unpatched run of the tests
 * ```
 *
 * The table in `docs/testing.md` is this script's output. Exit code 1 when a bug is missed, a
 * patch no longer applies (its text changed: update the patch), or a baseline test fails.
 *
 * @module
 */

/** One planted bug: text replacements in one file and the tests expected to catch it. */
export interface PlantedBug {
  /** Short name. */
  id: string;
  /** The mistake, in words. */
  what: string;
  /** The patched file, relative to the repository root. */
  file: string;
  /** `[find, replace]` pairs; each `find` must occur exactly once in the file. */
  edits: readonly (readonly [string, string])[];
  /** The test files run against the patched tree. */
  tests: readonly string[];
}

/** The bugs, across the layers (formats, db migrations, query, analysis, plot, export, client). */
export const PLANTED_BUGS: readonly PlantedBug[] = [
  {
    id: "pangenome-copies",
    what: "the pangenome table counts copies instead of genomes with the family",
    file: "src/analysis/pangenome_classes.ts",
    edits: [[
      "const genomes = Array.from(order, (f) => offsets[f + 1] - offsets[f]);",
      "const genomes = Array.from(order, (f) => {\n    let n = 0;\n    for (let i = offsets[f]; i < offsets[f + 1]; i++) n += copies[i];\n    return n;\n  });",
    ]],
    tests: ["tests/analysis/pangenome_classes_test.ts"],
  },
  {
    id: "cog-colours-swapped",
    what: "two COG colours of Bakta's plot swapped (K and L)",
    file: "src/plot/cog_categories.ts",
    edits: [
      ['"Transcription", INFO, "#b3de69"', '"Transcription", INFO, "#80b1d3"'],
      [
        '"Replication, recombination and repair", INFO, "#80b1d3"',
        '"Replication, recombination and repair", INFO, "#b3de69"',
      ],
    ],
    tests: ["tests/plot/cog_categories_test.ts", "tests/plot/palette_test.ts"],
  },
  {
    id: "core-at-99",
    what: "a family in exactly 99 of 100 genomes classed soft-core (`<=` for `<`)",
    file: "src/analysis/pangenome_classes.ts",
    edits: [[
      'if (100 * present < core * total) return "soft-core";',
      'if (100 * present <= core * total) return "soft-core";',
    ]],
    tests: ["tests/analysis/pangenome_classes_test.ts"],
  },
  {
    id: "gff3-off-by-one",
    what: "the GFF3 writer writes a feature's start 0-based",
    file: "src/formats/gff3/format_gff3.ts",
    edits: [["        feature.start,\n        span,", "        feature.start - 1,\n        span,"]],
    tests: ["tests/formats/gff3_format_test.ts", "tests/export/export_annotation_test.ts"],
  },
  {
    id: "strand-flipped",
    what: "exported nucleotides reverse-complemented on the + strand instead of the - strand",
    file: "src/export/feature_nucleotides.ts",
    edits: [[
      'return feature.strand === "-" ? reverseComplement(forward) : forward;',
      'return feature.strand === "+" ? reverseComplement(forward) : forward;',
    ]],
    tests: ["tests/export/feature_nucleotides_test.ts", "tests/export/format_ffn_test.ts"],
  },
  {
    id: "region-origin",
    what: "a region query on a circular sequence misses features that span the origin",
    file: "src/query/features_in_region.ts",
    edits: [[
      "if (from <= to) return [{ lo: from, hi: to }, { lo: from + length, hi: to + length }];",
      "if (from <= to) return [{ lo: from, hi: to }];",
    ]],
    tests: ["tests/query/features_in_region_test.ts"],
  },
  {
    id: "fts-escaping",
    what: "full-text search no longer doubles quotes inside a word",
    file: "src/query/search_features.ts",
    edits: [['`"${word.replaceAll(\'"\', \'""\')}"`', '`"${word}"`']],
    tests: ["tests/query/search_features_test.ts"],
  },
  {
    id: "fisher-one-tail",
    what: "Fisher's two-sided p sums only the lower tail",
    file: "src/analysis/fisher_exact.ts",
    edits: [["for (; high >= low; high--) {", "for (; high >= low && high < 0; high--) {"]],
    tests: ["tests/analysis/fisher_exact_test.ts"],
  },
  {
    id: "bh-not-monotone",
    what: "Benjamini-Hochberg without the running minimum (not monotone)",
    file: "src/analysis/adjust_p_values.ts",
    edits: [[
      "running = Math.min(running, (p[i] * m) / rank);",
      "running = Math.min(1, (p[i] * m) / rank);",
    ]],
    tests: ["tests/analysis/adjust_p_values_test.ts"],
  },
  {
    id: "migration-drops-data",
    what: "migration 0005 moves every cross-reference but the EC numbers into xref_terms",
    file: "migrations/0005_xref_terms.ts",
    edits: [[
      "select distinct db, accession from feature_xrefs order by db, accession",
      "select distinct db, accession from feature_xrefs where db <> 'EC' order by db, accession",
    ]],
    tests: ["tests/db/migration_0005_test.ts"],
  },
  {
    id: "secret-in-error",
    what: "redaction drops the list of job secrets (a secret in an error or log is kept)",
    file: "src/log/redact.ts",
    edits: [["return redactSecrets(pairs, list);", "return redactSecrets(pairs, []);"]],
    tests: ["tests/client/redaction_test.ts", "tests/client/job_service/job_state_test.ts"],
  },
  {
    id: "retry-after-ignored",
    what: "the client waits its own back-off instead of the service's Retry-After",
    file: "src/client/_transport.ts",
    edits: [[
      "const delayMs = retryAfterMs ??\n      backoffDelay(",
      "const delayMs = 0 * (retryAfterMs ?? 0) +\n      backoffDelay(",
    ]],
    tests: ["tests/client/retry_test.ts"],
  },
];

/** What one run of a bug's tests gave. */
export interface PlantedBugResult {
  /** The bug. */
  bug: PlantedBug;
  /** `caught`: a test failed; `missed`: all passed; `unpatched`: the patch no longer applies. */
  outcome: "caught" | "missed" | "unpatched";
  /** The failing tests' names (at most 3), when caught. */
  failing: string[];
}

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

/** Copies the tree (tracked and untracked, not ignored files) into a temporary folder. */
async function copyTree(): Promise<{ top: string; repo: string }> {
  const top = await Deno.makeTempDir({ prefix: "baktadb-planted-" });
  const repo = `${top}/repo`;
  const listed = await new Deno.Command("git", {
    args: ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    cwd: ROOT,
    stdout: "piped",
  }).output();
  const files = new TextDecoder().decode(listed.stdout).split("\0").filter((f) => f !== "");
  for (const file of files) {
    const target = `${repo}/${file}`;
    await Deno.mkdir(target.slice(0, target.lastIndexOf("/")), { recursive: true });
    await Deno.copyFile(`${ROOT}/${file}`, target).catch(() => {}); // deleted but still listed
  }
  await Deno.symlink(`${ROOT}/node_modules`, `${repo}/node_modules`);
  const shared = await Deno.realPath(`${ROOT}/../shared`).catch(() => undefined);
  if (shared !== undefined) await Deno.symlink(shared, `${top}/shared`);
  return { top, repo };
}

/** Runs test files in `repo`; returns whether all passed and the failing tests' names. */
async function runTests(
  repo: string,
  tests: readonly string[],
): Promise<{ passed: boolean; failing: string[] }> {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["test", "-A", "--no-check", "--parallel", ...tests],
    cwd: repo,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = new TextDecoder().decode(output.stdout) + new TextDecoder().decode(output.stderr);
  // deno-lint-ignore no-control-regex
  const plain = text.replace(/\x1b\[[0-9;]*m/g, "");
  const failures = plain.slice(plain.lastIndexOf("FAILURES"));
  const failing = [...failures.matchAll(/^(.+?) => \.\/(\S+)$/gm)]
    .map((m) => m[1].split(" ... ")[0].trim());
  return { passed: output.success, failing: [...new Set(failing)].slice(0, 3) };
}

/** Applies a bug's edits to its file in `repo`; returns the original text, or undefined. */
async function plant(repo: string, bug: PlantedBug): Promise<string | undefined> {
  const path = `${repo}/${bug.file}`;
  const original = await Deno.readTextFile(path);
  let text = original;
  for (const [find, replace] of bug.edits) {
    if (text.split(find).length !== 2) return undefined;
    text = text.replace(find, () => replace);
  }
  await Deno.writeTextFile(path, text);
  return original;
}

/** Plants each bug alone and runs its tests; the file is restored after each. */
export async function checkPlantedBugs(
  repo: string,
  bugs: readonly PlantedBug[],
): Promise<PlantedBugResult[]> {
  const results: PlantedBugResult[] = [];
  for (const bug of bugs) {
    const original = await plant(repo, bug);
    if (original === undefined) {
      results.push({ bug, outcome: "unpatched", failing: [] });
    } else {
      try {
        const run = await runTests(repo, bug.tests);
        results.push({ bug, outcome: run.passed ? "missed" : "caught", failing: run.failing });
      } finally {
        await Deno.writeTextFile(`${repo}/${bug.file}`, original);
      }
    }
    const last = results[results.length - 1];
    console.error(`${bug.id}: ${last.outcome} ${last.failing.join(" | ")}`);
  }
  return results;
}

/** The results as the Markdown table of `docs/testing.md`. */
export function plantedBugsTable(results: readonly PlantedBugResult[]): string {
  const rows = results.map(({ bug, outcome, failing }) =>
    `| ${bug.id} | ${bug.what} | \`${bug.file}\` | ${outcome} | ${
      failing.length > 0 ? failing.map((f) => `"${f}"`).join("; ") : "—"
    } |`
  );
  return [
    "| bug | the mistake | where | outcome | caught by (first failing tests) |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}

if (import.meta.main) {
  const baselineWanted = !Deno.args.includes("--no-baseline");
  const words = Deno.args.filter((a) => a !== "--no-baseline");
  const bugs = PLANTED_BUGS.filter((b) =>
    words.length === 0 || words.some((w) => b.id.includes(w))
  );
  console.error(`load average ${Deno.loadavg().join(", ")}; ${bugs.length} bugs`);
  const { top, repo } = await copyTree();
  try {
    const tests = [...new Set(bugs.flatMap((b) => b.tests))];
    const baseline = baselineWanted ? await runTests(repo, tests) : { passed: true, failing: [] };
    if (!baseline.passed) {
      console.error(`The unpatched tests fail: ${baseline.failing.join(" | ")}`);
      Deno.exit(1);
    }
    const results = await checkPlantedBugs(repo, bugs);
    console.log(plantedBugsTable(results));
    const caught = results.filter((r) => r.outcome === "caught").length;
    console.log(
      `\n${caught} of ${results.length} caught; load average ${Deno.loadavg().join(", ")}`,
    );
    if (caught !== results.length) Deno.exitCode = 1;
  } finally {
    await Deno.remove(top, { recursive: true });
  }
}
