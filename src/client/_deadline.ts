/**
 * One request's abort controller: the caller's signal and a timeout combined (private helper).
 *
 * @module
 */

/**
 * Combines a caller's `AbortSignal` with a per-request timeout, without `AbortSignal.timeout` (whose
 * timer cannot be cleared). Call `clearTimer()` once the guarded work is done and `dispose()` when
 * the caller's signal need no longer be followed.
 */
export class Deadline {
  readonly #controller = new AbortController();
  readonly #parent?: AbortSignal;
  #timer?: ReturnType<typeof setTimeout>;
  #timedOut = false;
  readonly #onParentAbort = () => this.#controller.abort(this.#parent?.reason);

  /**
   * Starts the timeout and follows the caller's signal.
   *
   * @param timeoutMs The timeout in milliseconds (`Infinity` for none).
   * @param parent The caller's signal.
   */
  constructor(timeoutMs: number, parent?: AbortSignal) {
    this.#parent = parent;
    if (parent?.aborted) {
      this.#controller.abort(parent.reason);
    } else {
      parent?.addEventListener("abort", this.#onParentAbort, { once: true });
    }
    this.restartTimer(timeoutMs);
  }

  /** The combined signal to pass to `fetch`. */
  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether the timeout (rather than the caller) aborted the signal. */
  get timedOut(): boolean {
    return this.#timedOut;
  }

  /**
   * Starts the timeout again (for idle timeouts between chunks).
   *
   * @param timeoutMs The timeout in milliseconds (`Infinity` for none).
   */
  restartTimer(timeoutMs: number): void {
    this.clearTimer();
    if (!Number.isFinite(timeoutMs) || this.#controller.signal.aborted) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timedOut = true;
      this.#controller.abort(new DOMException("The request timed out", "TimeoutError"));
    }, Math.max(0, timeoutMs));
  }

  /** Stops the timeout. */
  clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Stops the timeout and stops following the caller's signal. */
  dispose(): void {
    this.clearTimer();
    this.#parent?.removeEventListener("abort", this.#onParentAbort);
  }
}
