/**
 * `baktadb service-version`: the Bakta, database and backend versions of the web service.
 *
 * @module
 */

import type { Command } from "../deps/commander.ts";
import { CliError, type CliIo, EXIT } from "./cli_context.ts";
import { clientFactory, errorLine } from "./_job_cli.ts";
import { toJsonText } from "./_table.ts";
import { resolveApiUrl } from "../client/resolve_api_url.ts";

/**
 * Adds `baktadb service-version`.
 *
 * @param program The program.
 * @param io Where to write.
 */
export function registerServiceVersion(program: Command, io: CliIo): void {
  program.command("service-version")
    .description("show the Bakta, database and backend versions of the web service")
    .option("--api <url>", "the service's API URL (default: $BAKTA_API_URL or the public service)")
    .option("--json", "print the versions as JSON")
    .addHelpText(
      "after",
      `
Examples:
  baktadb service-version
  baktadb service-version --api https://api.staging.bakta.computational.bio/api/v1 --json
`,
    )
    .action(async (_options, cmd: Command) => {
      const options = cmd.optsWithGlobals<{ api?: string; json?: boolean; verbose?: boolean }>();
      let apiUrl: string;
      try {
        apiUrl = resolveApiUrl(options.api);
      } catch (error) {
        throw new CliError(errorLine(error), EXIT.USAGE);
      }
      const version = await clientFactory(io, options.verbose === true)(apiUrl).version();
      if (options.json) {
        io.out(toJsonText({ apiUrl, ...version }));
        return;
      }
      io.out(
        `Service:  ${apiUrl}\nBakta:    ${version.toolVersion}\nDatabase: ${version.dbVersion}\n` +
          `Backend:  ${version.backendVersion}\n`,
      );
    });
}
