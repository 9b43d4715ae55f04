/**
 * One home for the tests' use of `/usr/bin/python3` (Biopython, gffutils, the csv and xml modules
 * read back what baktadb writes). A test that needs a module is registered with
 * `ignore: !pythonHas(SUITE, "Bio")`, so a machine without it reports the test as ignored (and
 * prints one SKIPPED line naming the package to install), never as a pass.
 *
 * @module
 */

/** The interpreter the tests use: Debian's, where python3-biopython and python3-gffutils live. */
export const PYTHON = "/usr/bin/python3";

const APT_PACKAGE: Record<string, string> = {
  Bio: "python3-biopython",
  gffutils: "python3-gffutils",
};

const importable = new Map<string, boolean>();
const reported = new Set<string>();

function canImport(module: string): boolean {
  let found = importable.get(module);
  if (found === undefined) {
    try {
      found = new Deno.Command(PYTHON, {
        args: ["-c", `import ${module}`],
        stdout: "null",
        stderr: "null",
      }).outputSync().success;
    } catch {
      found = false;
    }
    importable.set(module, found);
  }
  return found;
}

/**
 * Whether `/usr/bin/python3` can import every module (checked once per module and process).
 * When it cannot, prints once per suite and module set a SKIPPED line naming what to install.
 */
export function pythonHas(suite: string, ...modules: string[]): boolean {
  const missing = modules.filter((m) => !canImport(m));
  if (missing.length === 0) return true;
  const key = `${suite}\0${missing.join(",")}`;
  if (!reported.has(key)) {
    reported.add(key);
    const packages = missing.map((m) => APT_PACKAGE[m] ?? "python3").join(" ");
    console.log(
      `[${suite}] SKIPPED: ${PYTHON} cannot import ${
        missing.join(", ")
      } (apt-get install ${packages})`,
    );
  }
  return false;
}

/** Runs a Python script with arguments and parses its standard output as JSON. */
export async function runPython<T>(script: string, args: string[]): Promise<T> {
  const { success, stdout, stderr } = await new Deno.Command(PYTHON, {
    args: ["-c", script, ...args],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  if (!success) throw new Error(`python3 failed: ${decoder.decode(stderr)}`);
  return JSON.parse(decoder.decode(stdout)) as T;
}
