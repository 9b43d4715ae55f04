/**
 * Test helpers for baktadb and for its users' tests: a faithful local stand-in of the Bakta web
 * API (`startBaktaStandIn`, with fault injection and real results served from a folder) and
 * fixture factories of realistic, seeded Bakta runs (`makeRun`, `makeCohort`,
 * `formatRunAsBaktaJson`, `formatRunAsGff3`).
 *
 * @example A factory run served by the stand-in
 * ```ts
 * import { formatRunAsBaktaJson, makeRun, startBaktaStandIn } from "./mod.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/run.json`, formatRunAsBaktaJson(makeRun({ seed: 2 })));
 * await using standIn = await startBaktaStandIn({ resultsDir: dir });
 * const version = await (await fetch(`${standIn.baseUrl}/version`)).json();
 * if (version.toolVersion !== "1.10.3") throw new Error("wrong");
 * await Deno.remove(dir, { recursive: true });
 * ```
 *
 * @module
 */

export * from "./bakta_stand_in/mod.ts";
export * from "./factory/mod.ts";
export * from "./bakrep_stand_in/mod.ts";
