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
