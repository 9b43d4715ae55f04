/**
 * Polar coordinates of the circular map, in ring units (the backbone's radius is 1).
 *
 * @module
 */

/**
 * A point at a radius and an angle, in ring units (y grows downwards, as on screen).
 *
 * @param radius The radius (1 is the backbone).
 * @param degrees The angle, clockwise from the top.
 * @returns `[x, y]`.
 *
 * @example A quarter turn is to the right
 * ```ts
 * import assert from "node:assert/strict";
 * import { polarPoint } from "./_polar.ts";
 *
 * const [x, y] = polarPoint(1, 90);
 * assert.ok(Math.abs(x - 1) < 1e-12 && Math.abs(y) < 1e-12);
 * ```
 */
export function polarPoint(radius: number, degrees: number): [number, number] {
  const t = (degrees * Math.PI) / 180;
  return [radius * Math.sin(t), -radius * Math.cos(t)];
}
