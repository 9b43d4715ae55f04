/**
 * A faithful local stand-in of the Bakta web API (v1) for tests: it speaks the contract of
 * `docs/bakta-api.md` with every quirk, serves presigned-style upload and download links, finishes
 * jobs after configurable delays, serves real Bakta outputs as results, injects faults on request
 * (gateway errors, 429 with `Retry-After`, slow answers, dropped connections, truncated downloads,
 * failed jobs, the legacy `SUCCESSFULL` spelling, wrong secrets) and records every request.
 *
 * @example Injecting a gateway error
 * ```ts
 * import { startBaktaStandIn } from "./mod.ts";
 * await using standIn = await startBaktaStandIn();
 * standIn.setFault({ endpoint: "version", kind: "status", status: 502 });
 * const first = await fetch(`${standIn.baseUrl}/version`);
 * await first.body?.cancel();
 * const second = await fetch(`${standIn.baseUrl}/version`);
 * const version = await second.json();
 * if (first.status !== 502 || version.toolVersion !== "1.10.3") throw new Error("wrong");
 * ```
 *
 * @module
 */

export {
  type BaktaStandIn,
  type BaktaStandInConfig,
  DEFAULT_STAND_IN_VERSION,
  STAND_IN_BUCKET,
  type StandInRequestRecord,
  startBaktaStandIn,
} from "./bakta_stand_in.ts";
export {
  FaultInjector,
  type StandInDelayFault,
  type StandInDropFault,
  type StandInEndpoint,
  type StandInFault,
  type StandInFaultKind,
  type StandInFaultTrigger,
  type StandInInfraErrorFault,
  type StandInJobErrorFault,
  type StandInLegacyStatusFault,
  type StandInRateLimitFault,
  type StandInStatusFault,
  type StandInTruncateFault,
  type StandInUnauthorizedFault,
} from "./faults.ts";
export { resolveResultFiles, type StandInResultSource } from "./results.ts";
export {
  INFRA_ERROR_LOGS,
  type StandInJob,
  type StandInOutcome,
  type StandInPhase,
  type StandInUploadKind,
} from "./stand_in_job.ts";
export { createPrng } from "./prng.ts";
