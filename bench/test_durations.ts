/**
 * Where the test suite's time goes: reads the JUnit report of a `deno test` run and prints, as
 * Markdown, the slowest files (the sum of their tests' times, and its share of the whole) and the
 * slowest tests, with the time of the PostgreSQL variants (`… [postgres]`, `tests/_engines.ts`)
 * apart. The sum of per-file times, unlike the wall time, hardly depends on how many files ran
 * at once; under load every figure grows, so compare two reports measured under the same load.
 *
 * Run (from the repository root; the suite as `.ci/run` runs it, plus a JUnit report):
 *
 * ```sh
 * deno run -A tests/_postgres_cluster.ts start   # prints ROOT URL; export BAKTADB_TEST_POSTGRES=URL
 * nice -n 10 deno task test --junit-path=/tmp/suite.xml
 * deno run --allow-read bench/test_durations.ts /tmp/suite.xml 30
 * ```
 *
 * @module
 */

/** One test case of a JUnit report. */
export interface TestDuration {
  /** The test file (`./tests/…_test.ts`, or a documentation example). */
  file: string;
  /** The test's name. */
  name: string;
  /** Its time in seconds. */
  seconds: number;
}

const XML_ENTITIES: Record<string, string> = {
  "&amp;": "&",
  "&lt;": "<",
  "&gt;": ">",
  "&quot;": '"',
  "&apos;": "'",
};

/**
 * The test cases of a JUnit report written by `deno test --junit-path`.
 *
 * @param xml The report's text.
 * @returns One entry per `<testcase>`, in report order.
 * @throws {TypeError} When the text holds no `<testcase>` with a `time`.
 *
 * @example Two tests of one file
 * ```ts
 * import { testDurations } from "./test_durations.ts";
 * const xml = `<testsuite name="./a_test.ts">
 *   <testcase name="x &amp; y" classname="./a_test.ts" time="1.5"/>
 *   <testcase name="z" classname="./a_test.ts" time="0.25"></testcase></testsuite>`;
 * const cases = testDurations(xml);
 * if (cases.length !== 2 || cases[0].name !== "x & y" || cases[1].seconds !== 0.25) {
 *   throw new Error("unexpected");
 * }
 * ```
 */
export function testDurations(xml: string): TestDuration[] {
  const unescape = (text: string) =>
    text.replace(/&(amp|lt|gt|quot|apos);/g, (e) => XML_ENTITIES[e]);
  const attribute = (tag: string, key: string) => new RegExp(`\\s${key}="([^"]*)"`).exec(tag)?.[1];
  const cases: TestDuration[] = [];
  for (const [tag] of xml.matchAll(/<testcase\s[^>]*>/g)) {
    const time = attribute(tag, "time");
    if (time === undefined) continue;
    cases.push({
      file: unescape(attribute(tag, "classname") ?? ""),
      name: unescape(attribute(tag, "name") ?? ""),
      seconds: Number(time),
    });
  }
  if (cases.length === 0) throw new TypeError("Cannot read the report: no <testcase> with a time");
  return cases;
}

/**
 * The Markdown summary: totals, the `top` slowest files and the `top` slowest tests.
 *
 * @param cases The test cases of one run.
 * @param top How many files and tests to list.
 * @returns The Markdown text.
 * @throws {RangeError} When `top` is not a positive integer.
 *
 * @example
 * ```ts
 * import { durationReport } from "./test_durations.ts";
 * const text = durationReport([{ file: "./a_test.ts", name: "t [postgres]", seconds: 2 }], 5);
 * if (!text.includes("| 2.0 | 100.0 % | ./a_test.ts |")) throw new Error(text);
 * ```
 */
export function durationReport(cases: readonly TestDuration[], top: number): string {
  if (!Number.isInteger(top) || top < 1) {
    throw new RangeError(`Invalid top ${top}: expected a positive integer`);
  }
  const total = cases.reduce((sum, c) => sum + c.seconds, 0);
  const postgres = cases.filter((c) => c.name.endsWith(" [postgres]"))
    .reduce((sum, c) => sum + c.seconds, 0);
  const perFile = new Map<string, number>();
  for (const c of cases) perFile.set(c.file, (perFile.get(c.file) ?? 0) + c.seconds);
  const files = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, top);
  const tests = [...cases].sort((a, b) => b.seconds - a.seconds).slice(0, top);
  const share = (s: number) => `${(100 * s / total).toFixed(1)} %`;
  return [
    `${cases.length} tests in ${perFile.size} files: ${total.toFixed(0)} s summed; ` +
    `PostgreSQL variants ${postgres.toFixed(0)} s (${share(postgres)})`,
    "",
    "| s | share | file |",
    "| --- | --- | --- |",
    ...files.map(([file, s]) => `| ${s.toFixed(1)} | ${share(s)} | ${file} |`),
    "",
    "| s | test |",
    "| --- | --- |",
    ...tests.map((c) => `| ${c.seconds.toFixed(1)} | ${c.file} :: ${c.name} |`),
  ].join("\n");
}

if (import.meta.main) {
  const [path, top = "30"] = Deno.args;
  if (path === undefined) {
    console.error("usage: deno run --allow-read bench/test_durations.ts REPORT.xml [TOP]");
    Deno.exit(2);
  }
  console.log(durationReport(testDurations(await Deno.readTextFile(path)), Number(top)));
}
