/**
 * Refusing option values that look like options: commander takes the word after `--genome` as
 * its value even when it is `--db`, so `import run/ --genome --db x.sqlite` would name a genome
 * `--db`. `createProgram` runs this check before every command's action.
 *
 * @module
 */

import type { Command } from "commander";
import { CliError, EXIT } from "./cli_context.ts";

/** A value that looks like an option: `-v`, `--db`, `--`. */
const OPTION_LIKE = /^-[A-Za-z-]/;

/**
 * Throws a usage error when an option given on the command line (of the command or of any
 * command above it, such as the global `--db`) got a value that looks like an option.
 *
 * @param command The command about to run.
 * @throws {CliError} With exit code USAGE, naming the option and the value.
 *
 * @example `--genome --db` is refused
 * ```ts
 * import assert from "node:assert/strict";
 * import { Command } from "commander";
 * import { refuseOptionLikeValues } from "./_option_values.ts";
 * const program = new Command("x").option("--genome <name>").exitOverride();
 * program.parse(["--genome", "--db"], { from: "user" });
 * assert.throws(() => refuseOptionLikeValues(program), /--genome got "--db"/);
 * ```
 */
export function refuseOptionLikeValues(command: Command): void {
  for (let at: Command | null = command; at !== null; at = at.parent) {
    for (const option of at.options) {
      if (!option.required && !option.optional) continue;
      const key = option.attributeName();
      if (at.getOptionValueSource(key) !== "cli") continue;
      const value: unknown = at.getOptionValue(key);
      const values = Array.isArray(value) ? value : [value];
      const bad = values.find((v) => typeof v === "string" && OPTION_LIKE.test(v));
      if (bad !== undefined) {
        const name = option.long ?? option.short ?? option.flags;
        throw new CliError(
          `Option ${name} got "${bad}" as its value, which looks like an option: ` +
            `give the value right after it (${option.flags})`,
          EXIT.USAGE,
        );
      }
    }
  }
}
