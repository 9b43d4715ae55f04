/**
 * Shared helpers of the client tests: sample locations and a client tuned for fast tests.
 */

import { BaktaClient, type BaktaClientConfig, type BaktaRetryEvent } from "../../src/client/mod.ts";
import { SAMPLES_URL } from "../_samples.ts";

/** The shared real Bakta outputs (read-only, outside the repo). */
export const SAMPLES: URL = SAMPLES_URL;

/** A sample folder, and whether it is present. */
export async function sampleFolder(name: string): Promise<{ url: URL; present: boolean }> {
  const url = new URL(`${name}/`, SAMPLES);
  const present = await Deno.stat(url).then(() => true, () => false);
  if (!present) console.log(`SKIPPED real-data client tests: ${url.pathname} is absent`);
  return { url, present };
}

/** What a fast client recorded. */
export interface FastClient {
  client: BaktaClient;
  /** Every delay the client asked to sleep, in order. */
  sleeps: number[];
  /** Every retry event. */
  retries: BaktaRetryEvent[];
}

/**
 * A client with tiny retry delays whose sleeps are recorded and capped at 5 ms of real time.
 */
export function fastClient(baseUrl: string, config: BaktaClientConfig = {}): FastClient {
  const sleeps: number[] = [];
  const retries: BaktaRetryEvent[] = [];
  const client = new BaktaClient({
    baseUrl,
    timeoutMs: 5_000,
    retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 4 },
    sleep: (ms, signal) => {
      sleeps.push(ms);
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        }, Math.min(ms, 5));
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    onRetry: (event) => retries.push(event),
    ...config,
  });
  return { client, sleeps, retries };
}

/** Reads a stream to its end. */
export async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Awaits a promise that must reject with an instance of `type`, and returns the error. */
export async function rejection<T extends Error>(
  promise: Promise<unknown>,
  // deno-lint-ignore no-explicit-any
  type: new (...args: any[]) => T,
): Promise<T> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof type) return error;
    throw new Error(`expected a ${type.name}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected a ${type.name}, but the promise fulfilled`);
}
