/**
 * Private: counts of G, C and unambiguous bases in sliding windows, through prefix sums.
 *
 * @module
 */

/** One window's counts; `start`/`stop` are 1-based inclusive. */
export interface BaseWindowCounts {
  start: number;
  stop: number;
  g: number;
  c: number;
  acgt: number;
}

const G = 0x67; // g
const C = 0x63; // c
const A = 0x61; // a
const T = 0x74; // t

function checkInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Argument "${name}" must be an integer >= 1, got ${value}`);
  }
}

/**
 * Counts G, C and A/C/G/T (case-insensitive; N and other codes are not counted) in windows of
 * `window` bases starting every `step` bases from the first; the last windows are cut at the end.
 */
export function baseWindows(nt: string, window: number, step: number): BaseWindowCounts[] {
  if (typeof nt !== "string") {
    throw new TypeError(`Argument "nt" must be a string of nucleotides, got ${typeof nt}`);
  }
  checkInteger("window", window);
  checkInteger("step", step);
  const n = nt.length;
  const g = new Uint32Array(n + 1);
  const c = new Uint32Array(n + 1);
  const acgt = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const code = nt.charCodeAt(i) | 0x20; // lower case (other characters match nothing)
    g[i + 1] = g[i] + (code === G ? 1 : 0);
    c[i + 1] = c[i] + (code === C ? 1 : 0);
    acgt[i + 1] = acgt[i] + (code === G || code === C || code === A || code === T ? 1 : 0);
  }
  const windows: BaseWindowCounts[] = [];
  for (let from = 0; from < n; from += step) {
    const to = Math.min(from + window, n);
    windows.push({
      start: from + 1,
      stop: to,
      g: g[to] - g[from],
      c: c[to] - c[from],
      acgt: acgt[to] - acgt[from],
    });
  }
  return windows;
}
