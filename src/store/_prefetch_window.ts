/**
 * `PrefetchWindow`: the look-ahead of a pipeline stage that hands items over in order — taking
 * item `i` starts items `i` to `i + depth` (those not started yet), so that the stage is asked for
 * the next items before the consumer needs them.
 *
 * @module
 */

/**
 * Starts items ahead of an in-order consumer, at most `depth` after the one taken.
 *
 * @example Taking item 0 starts items 0 to 2
 * ```ts
 * import { PrefetchWindow } from "./_prefetch_window.ts";
 * const started: number[] = [];
 * const window = new PrefetchWindow(5, 2, (i) => {
 *   started.push(i);
 *   return Promise.resolve(i * 10);
 * });
 * if ((await window.take(0)) !== 0 || started.join() !== "0,1,2") throw new Error("window");
 * ```
 */
export class PrefetchWindow<T> {
  #count: number;
  #depth: number;
  #start: (index: number) => Promise<T>;
  #pending = new Map<number, Promise<T>>();

  /**
   * @param count How many items there are.
   * @param depth How many items after the one taken are started.
   * @param start Starts item `index`.
   */
  constructor(count: number, depth: number, start: (index: number) => Promise<T>) {
    this.#count = count;
    this.#depth = depth;
    this.#start = start;
  }

  /**
   * Item `index`, starting the items after it up to the depth (none once `signal` is aborted).
   *
   * @returns The item's promise, or undefined when it was never started (aborted).
   */
  take(index: number, signal?: AbortSignal): Promise<T> | undefined {
    const end = Math.min(index + this.#depth, this.#count - 1);
    for (let i = index; i <= end && !signal?.aborted; i++) {
      if (!this.#pending.has(i)) this.#pending.set(i, this.#start(i));
    }
    const item = this.#pending.get(index);
    this.#pending.delete(index);
    return item;
  }
}
