/**
 * A small progress bar for long CLI work (batch imports): items done, features, rate and ETA, on
 * one line of standard error that is redrawn in place. It draws only on a terminal.
 *
 * @module
 */

/** Configuration of a {@linkcode ProgressBar}. */
export interface ProgressBarConfig {
  /** Writes text (standard error). */
  write: (text: string) => void;
  /**
   * Whether to draw at all (true on a terminal).
   * @default true
   */
  enabled?: boolean;
  /**
   * The width of the bar in characters.
   * @default 24
   */
  width?: number;
  /**
   * What the items are called.
   * @default "runs"
   */
  unit?: string;
  /**
   * What `features` of the state counts, in the bar's text.
   * @default "features"
   */
  measure?: string;
  /**
   * The least time between two redraws, in ms (the last state is always drawn).
   * @default 100
   */
  throttleMs?: number;
  /** The clock, in ms (for tests). @default performance.now */
  now?: () => number;
}

/** One state of the work. */
export interface ProgressState {
  /** Items done. */
  done: number;
  /** Items in all. */
  total: number;
  /** Features written so far. */
  features: number;
  /** Milliseconds since the work started. */
  elapsedMs: number;
}

/**
 * Formats a duration as `m:ss` (or `h:mm:ss`).
 *
 * @param ms The duration in ms.
 * @returns The text.
 *
 * @example
 * ```ts
 * import { formatDuration } from "./progress_bar.ts";
 * if (formatDuration(65_000) !== "1:05" || formatDuration(3_723_000) !== "1:02:03") throw new Error();
 * ```
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/**
 * Renders one line of progress: `[#####-----] 3/10 runs · 12,345 features · 4,567 features/s ·
 * ETA 0:12`.
 *
 * @param state The state.
 * @param width The bar width.
 * @param unit What the items are called.
 * @returns The line (no carriage return or newline).
 *
 * @example
 * ```ts
 * import { renderProgress } from "./progress_bar.ts";
 * const line = renderProgress({ done: 1, total: 2, features: 1000, elapsedMs: 2000 }, 10, "runs");
 * if (!line.startsWith("[#####-----] 1/2 runs") || !line.includes("500 features/s")) throw new Error(line);
 * if (!line.includes("ETA 0:02")) throw new Error(line);
 * ```
 */
export function renderProgress(
  state: ProgressState,
  width = 24,
  unit = "runs",
  measure = "features",
): string {
  const fraction = state.total === 0 ? 1 : Math.min(1, state.done / state.total);
  const filled = Math.round(fraction * width);
  const seconds = state.elapsedMs / 1000;
  const rate = seconds > 0 ? Math.round(state.features / seconds) : 0;
  const parts = [
    `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${state.done}/${state.total} ${unit}`,
    `${state.features.toLocaleString("en-US")} ${measure}`,
    `${rate.toLocaleString("en-US")} ${measure}/s`,
  ];
  if (state.done > 0 && state.done < state.total) {
    parts.push(
      `ETA ${formatDuration((state.elapsedMs / state.done) * (state.total - state.done))}`,
    );
  } else if (state.done >= state.total) {
    parts.push(`${formatDuration(state.elapsedMs)}`);
  }
  return parts.join(" · ");
}

/**
 * A one-line progress bar on standard error, redrawn in place (`\r`), throttled; nothing is drawn
 * when `enabled` is false (not a terminal).
 *
 * @example Drawing into a buffer
 * ```ts
 * import { ProgressBar } from "./progress_bar.ts";
 * let text = "";
 * const bar = new ProgressBar({ write: (t) => (text += t), throttleMs: 0 });
 * bar.update({ done: 1, total: 2, features: 10, elapsedMs: 1000 });
 * bar.finish();
 * if (!text.includes("1/2 runs") || !text.endsWith("\n")) throw new Error(text);
 * ```
 */
export class ProgressBar {
  readonly #config: Readonly<Required<ProgressBarConfig>>;
  #lastDraw = -Infinity;
  #lastLength = 0;
  #drawn = false;

  /**
   * @param config Where to write, whether to draw, width, unit and throttle.
   */
  constructor(config: ProgressBarConfig) {
    this.#config = Object.freeze({
      enabled: true,
      width: 24,
      unit: "runs",
      measure: "features",
      throttleMs: 100,
      now: () => performance.now(),
      ...config,
    });
  }

  /**
   * Redraws the bar for a new state (skipped when the last redraw was too recent, unless done).
   *
   * @param state The state.
   */
  update(state: ProgressState): void {
    const { enabled, now, throttleMs, width, unit, measure, write } = this.#config;
    if (!enabled) return;
    const t = now();
    if (t - this.#lastDraw < throttleMs && state.done < state.total) return;
    this.#lastDraw = t;
    const line = renderProgress(state, width, unit, measure);
    const pad = this.#lastLength > line.length ? " ".repeat(this.#lastLength - line.length) : "";
    write(`\r${line}${pad}`);
    this.#lastLength = line.length;
    this.#drawn = true;
  }

  /** Ends the line (when anything was drawn). */
  finish(): void {
    if (this.#config.enabled && this.#drawn) this.#config.write("\n");
    this.#drawn = false;
  }
}
