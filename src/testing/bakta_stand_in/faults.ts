/**
 * Faults the Bakta stand-in injects on request: gateway errors, rate limits, slow answers, dropped
 * connections, truncated bodies, slow drips, redirect loops, oversized bodies, wrong
 * `Content-Length`s, hostile answers, failing jobs, the legacy status spelling and wrong secrets.
 *
 * @module
 */

import type { BaktaEndpoint } from "../../client/bakta_error.ts";
import { createPrng } from "./prng.ts";

/**
 * What the stand-in serves: the seven API endpoints and the object store's upload and download,
 * named as the client names its operations ({@linkcode BaktaEndpoint}), so that a fault set on an
 * endpoint shows up in the client's error for the same endpoint.
 */
export type StandInEndpoint = BaktaEndpoint;

/** When a fault fires. Without `times` or `probability` it fires once. */
export interface StandInFaultTrigger {
  /** The endpoint it applies to, or `*` for all. */
  endpoint: StandInEndpoint | "*";
  /** Fire for the next N matching requests. */
  times?: number;
  /** Fire with this probability (seeded PRNG) on every matching request, for ever. */
  probability?: number;
  /**
   * Armed only once a fault of this kind has fired for that endpoint: chains faults without a
   * race against the client (e.g. delay every `list` that follows a lost `start`).
   */
  afterFault?: { endpoint: StandInEndpoint; kind: StandInFaultKind };
}

/** A gateway error (500/502/503/504 by default with an HTML page). */
export interface StandInStatusFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "status";
  /**
   * The status.
   * @default {503}
   */
  status?: number;
  /** The body; an nginx-style HTML page by default. */
  body?: string;
  /** Headers to add (e.g. `retry-after`). */
  headers?: Record<string, string>;
  /**
   * Handle the request for real first, then answer with the error (the caller cannot tell).
   * @default {false}
   */
  after?: boolean;
}

/** 429 Too Many Requests with a `Retry-After`. */
export interface StandInRateLimitFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "rateLimit";
  /**
   * Seconds, or a date (sent as an HTTP date), or a raw header value.
   * @default {1}
   */
  retryAfter?: number | Date | string;
}

/** A slow answer: wait, then answer normally (or stay silent until the client gives up). */
export interface StandInDelayFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "delay";
  /** How long to wait, in milliseconds. */
  ms: number;
}

/**
 * A dropped connection: the answer announces its full `Content-Length` and then the connection
 * closes without (most of) the body, so the client's read fails.
 */
export interface StandInDropFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "drop";
  /**
   * Handle the request for real first, then drop (the caller cannot tell it took effect).
   * @default {false}
   */
  after?: boolean;
}

/** A truncated body: full `Content-Length`, then the body is cut after `bytes`. */
export interface StandInTruncateFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "truncate";
  /** How many bytes to send; half the body by default. */
  bytes?: number;
}

/** A slow drip: the answer's body is sent in small pieces with a pause before each. */
export interface StandInDripFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "drip";
  /**
   * Bytes per piece.
   * @default {64}
   */
  chunkBytes?: number;
  /**
   * The pause before each piece, in milliseconds.
   * @default {5}
   */
  intervalMs?: number;
}

/** A redirect loop: a 302 to a URL that redirects to itself for ever. */
export interface StandInRedirectLoopFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "redirectLoop";
}

/**
 * A body larger than any sane cap: the request is handled for real, then answered 200 with `bytes`
 * of padding.
 */
export interface StandInOversizeFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "oversize";
  /** How many bytes to send. */
  bytes: number;
  /**
   * Announce the length in `Content-Length` (else the body is sent chunked).
   * @default {true}
   */
  announce?: boolean;
}

/** A wrong `Content-Length`: the whole body is sent, but `delta` more bytes are announced. */
export interface StandInWrongLengthFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "wrongLength";
  /**
   * How many bytes more than the body are announced.
   * @default {64}
   */
  delta?: number;
}

/**
 * A hostile or broken answer: the request is handled for real, then its body is replaced (a
 * function gets the real body, e.g. to add hostile `ResultFiles` keys to it).
 */
export interface StandInAnswerFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "answer";
  /** The new body, or a function of the real one. */
  body: string | ((original: string) => string);
  /** The status (default: the real one). */
  status?: number;
  /**
   * The `Content-Type`.
   * @default {the real one}
   */
  contentType?: string;
}

/** The job started by the next start request ends in ERROR (Bakta failed), with these logs. */
export interface StandInJobErrorFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "jobError";
  /** The console output of the failed run. */
  logs?: string;
}

/** The job started by the next start request ends in ERROR because the infrastructure failed. */
export interface StandInInfraErrorFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "infraError";
}

/** List answers spell the success state `SUCCESSFULL`, as the backend did until 2025-01. */
export interface StandInLegacyStatusFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "legacyStatus";
}

/** Every secret in the request is treated as wrong (`UNAUTHORIZED`). */
export interface StandInUnauthorizedFault extends StandInFaultTrigger {
  /** Which fault this is: the discriminant of `StandInFault`. */
  kind: "unauthorized";
}

/** A fault to inject. */
export type StandInFault =
  | StandInStatusFault
  | StandInRateLimitFault
  | StandInDelayFault
  | StandInDropFault
  | StandInTruncateFault
  | StandInDripFault
  | StandInRedirectLoopFault
  | StandInOversizeFault
  | StandInWrongLengthFault
  | StandInAnswerFault
  | StandInJobErrorFault
  | StandInInfraErrorFault
  | StandInLegacyStatusFault
  | StandInUnauthorizedFault;

/** The kinds of fault. */
export type StandInFaultKind = StandInFault["kind"];

interface ArmedFault {
  fault: StandInFault;
  remaining: number;
}

/**
 * Holds the armed faults and decides, per request, which fire: the first armed fault of each kind
 * that matches the endpoint (by count, or by probability with a seeded PRNG).
 *
 * @example Two 503s, then none
 * ```ts
 * import { FaultInjector } from "./faults.ts";
 * const faults = new FaultInjector(1);
 * faults.add({ endpoint: "list", kind: "status", status: 503, times: 2 });
 * const fired = [1, 2, 3].map(() => faults.take("list").length);
 * if (fired.join() !== "1,1,0") throw new Error(fired.join());
 * ```
 *
 * @example A fault armed by another: list is slow only after a lost start
 * ```ts
 * import { FaultInjector } from "./faults.ts";
 * const faults = new FaultInjector(1);
 * faults.add({ endpoint: "start", kind: "status", after: true });
 * faults.add({
 *   endpoint: "list",
 *   kind: "delay",
 *   ms: 60_000,
 *   times: 5,
 *   afterFault: { endpoint: "start", kind: "status" },
 * });
 * const order = ["list", "start", "list"] as const;
 * const fired = order.map((endpoint) => faults.take(endpoint).map((f) => f.kind).join());
 * if (fired.join("|") !== "|status|delay") throw new Error(fired.join("|"));
 * ```
 */
export class FaultInjector {
  #faults: ArmedFault[] = [];
  /** `endpoint kind` of every fault that has fired, for `afterFault`. */
  readonly #firedKinds = new Set<string>();
  readonly #random: () => number;

  /**
   * Creates an injector with no fault armed.
   *
   * @param seed The PRNG seed for probabilistic faults.
   */
  constructor(seed: number) {
    this.#random = createPrng(seed);
  }

  /**
   * Arms a fault.
   *
   * @param fault The fault and its trigger.
   * @returns A function that disarms it.
   * @throws {RangeError} For a probability outside [0, 1] or a negative count.
   */
  add(fault: StandInFault): () => void {
    if (fault.probability !== undefined && !(fault.probability >= 0 && fault.probability <= 1)) {
      throw new RangeError(`Invalid fault probability ${fault.probability}: expected 0 to 1`);
    }
    if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 0)) {
      throw new RangeError(`Invalid fault times ${fault.times}: expected an integer >= 0`);
    }
    const armed: ArmedFault = {
      fault: { ...fault },
      remaining: fault.probability !== undefined ? Infinity : fault.times ?? 1,
    };
    this.#faults.push(armed);
    return () => {
      this.#faults = this.#faults.filter((entry) => entry !== armed);
    };
  }

  /** Disarms every fault and forgets which have fired. */
  clear(): void {
    this.#faults = [];
    this.#firedKinds.clear();
  }

  /** How many faults are still armed. */
  get armed(): number {
    return this.#faults.filter((entry) => entry.remaining > 0).length;
  }

  /**
   * The faults that fire for one request (at most one per kind), used up as they fire.
   *
   * @param endpoint The endpoint of the request.
   * @returns The firing faults.
   */
  take(endpoint: StandInEndpoint): StandInFault[] {
    const fired: StandInFault[] = [];
    const kinds = new Set<string>();
    for (const entry of this.#faults) {
      const { fault } = entry;
      if (entry.remaining <= 0 || kinds.has(fault.kind)) continue;
      if (fault.endpoint !== "*" && fault.endpoint !== endpoint) continue;
      const { afterFault } = fault;
      if (afterFault && !this.#firedKinds.has(`${afterFault.endpoint} ${afterFault.kind}`)) {
        continue;
      }
      if (fault.probability !== undefined) {
        if (this.#random() >= fault.probability) continue;
      } else {
        entry.remaining--;
      }
      kinds.add(fault.kind);
      fired.push(fault);
    }
    for (const fault of fired) this.#firedKinds.add(`${endpoint} ${fault.kind}`);
    this.#faults = this.#faults.filter((entry) => entry.remaining > 0);
    return fired;
  }
}
