/**
 * Private: nice tick values (1, 2 or 5 times a power of ten).
 *
 * @module
 */

/** The step between about `count` nice ticks over `[start, stop]`. */
export function niceStep(start: number, stop: number, count: number): number {
  const span = Math.abs(stop - start);
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / power;
  return power * (ratio >= 5 ? 10 : ratio >= 2 ? 5 : ratio >= 1 ? 2 : 1);
}

/** The multiples of `step` within `[start, stop]`. */
export function ticksWithStep(start: number, stop: number, step: number): number[] {
  const ticks: number[] = [];
  for (let i = Math.ceil(start / step); i * step <= stop; i++) ticks.push(i * step);
  return ticks;
}

/**
 * Tick values for a count axis over `[0, max]`: about `count` of them at a nice step that is never
 * below 1, so a small genome's axis shows 0, 1, 2 rather than 0.2, 0.4….
 */
export function countTicks(max: number, count = 5): number[] {
  const top = Math.max(1, max);
  const step = Math.max(1, niceStep(0, top, count));
  return ticksWithStep(0, Math.ceil(top / step) * step, step);
}

/**
 * The `domain`, `ticks` and `tickFormat` of a count axis over `[0, max]` (see
 * {@linkcode countTicks}): the domain ends at the last tick, so that every tick lies on the axis
 * (a tick beyond the domain would be drawn in the next facet's panel).
 */
export function countAxis(
  max: number,
  count = 5,
): { domain: [number, number]; ticks: number[]; tickFormat: (d: number) => string } {
  const ticks = countTicks(max, count);
  return { domain: [0, ticks.at(-1)!], ticks, tickFormat: (d) => d.toLocaleString("en-US") };
}
