/**
 * Private helpers every figure function uses: option merging, validation and rendering.
 *
 * @module
 */

import { DEFAULT_FIGURE_OPTIONS, type FigureOptions } from "./figure_options.ts";
import { withJupyterDisplay } from "./jupyter_display.ts";
import type { PlotFigure } from "./plot_figure.ts";
import { renderPlot } from "./render_plot.ts";

type Options = Record<string, unknown>;

const SCALES = new Set([
  "x",
  "y",
  "fx",
  "fy",
  "r",
  "color",
  "opacity",
  "symbol",
  "length",
  "facet",
  "projection",
]);

function isPlainObject(value: unknown): value is Options {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Merges the caller's leftover Plot options over a figure's own: scale objects are merged key by
 * key (a caller's `scheme`, `range` or `interpolate` replaces the figure's colour choice), marks are
 * appended, `style` objects merged, anything else replaced.
 */
export function mergePlotOptions(ours: Options, theirs: Options): Options {
  const merged: Options = { ...ours };
  for (const [key, value] of Object.entries(theirs)) {
    if (value === undefined) continue;
    const mine = ours[key];
    if (key === "marks" && Array.isArray(value)) {
      merged.marks = [...(Array.isArray(mine) ? mine : []), ...value];
    } else if (SCALES.has(key) && isPlainObject(value) && isPlainObject(mine)) {
      const scale: Options = { ...mine, ...value };
      if ("scheme" in value || "interpolate" in value) {
        if (!("range" in value)) delete scale.range;
      }
      if ("range" in value && !("scheme" in value)) delete scale.scheme;
      merged[key] = scale;
    } else if (key === "style" && isPlainObject(value) && isPlainObject(mine)) {
      merged.style = { ...mine, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

/** The base font options, validated. */
export function fontOf(options: FigureOptions): { fontSize: number; fontFamily: string } {
  const fontSize = options.fontSize ?? DEFAULT_FIGURE_OPTIONS.fontSize;
  if (!(typeof fontSize === "number" && fontSize > 0 && Number.isFinite(fontSize))) {
    throw new RangeError(`Option "fontSize" must be a positive number, got ${fontSize}`);
  }
  return { fontSize, fontFamily: options.fontFamily ?? DEFAULT_FIGURE_OPTIONS.fontFamily };
}

/**
 * Renders a figure: the figure's own Plot options merged with the caller's leftovers, the font
 * applied, the document injected, and the Jupyter display attached.
 */
export function renderFigure(
  ours: Options,
  leftovers: Options,
  shared: FigureOptions,
): PlotFigure {
  const { fontSize, fontFamily } = fontOf(shared);
  const base: Options = {
    style: { fontSize: `${fontSize}px`, fontFamily, color: "#222" },
    ...ours,
  };
  const options = mergePlotOptions(base, leftovers);
  options.document = shared.document;
  if (shared.title !== undefined && shared.title !== null) options.title = shared.title;
  else if (shared.title === null) delete options.title;
  return withJupyterDisplay(renderPlot(options));
}

/** Splits the shared figure options from the Plot leftovers. */
export function sharedOptions(
  options: FigureOptions,
): { shared: FigureOptions; leftovers: Options } {
  const { document, title, fontSize, fontFamily, ...leftovers } = options;
  return { shared: { document, title, fontSize, fontFamily }, leftovers };
}

/** Throws a RangeError unless `value` is a positive finite number (or undefined when allowed). */
export function positive(name: string, value: number): number {
  if (!(typeof value === "number" && value > 0 && Number.isFinite(value))) {
    throw new RangeError(`Option "${name}" must be a positive number, got ${value}`);
  }
  return value;
}

/** Throws a RangeError unless `value` is one of `allowed`. */
export function oneOf<T extends string>(name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new RangeError(
      `Option "${name}" must be ${allowed.map((a) => `"${a}"`).join(", ")}, got "${String(value)}"`,
    );
  }
  return value;
}

/** Reads a finite number from a row field, or throws a TypeError naming the figure (`figure`) and the row. */
export function numberField(row: unknown, field: string, index: number, figure: string): number {
  const value = (row as Record<string, unknown> | null)?.[field];
  // SQLite counts may come back as bigint, or as numeric strings through some drivers.
  const n = typeof value === "bigint"
    ? Number(value)
    : typeof value === "string" && /^\s*-?\d+(?:\.\d+)?\s*$/.test(value)
    ? Number(value)
    : value;
  if (typeof n !== "number" || !Number.isFinite(n)) {
    throw new TypeError(
      `Cannot plot ${figure}: row ${index} has ${field} ${
        JSON.stringify(value === undefined ? null : String(value))
      }, expected a finite number`,
    );
  }
  return n;
}

/** Reads a string field (numbers are turned into strings) or throws a TypeError naming the row. */
export function stringField(row: unknown, field: string, index: number, figure: string): string {
  const value = (row as Record<string, unknown> | null)?.[field];
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  throw new TypeError(
    `Cannot plot ${figure}: row ${index} has no ${field} (expected a string, got ${
      value === null ? "null" : typeof value
    })`,
  );
}

/**
 * Splits a figure's options into those its layout takes (named once, in the layout's module, as a
 * record whose keys are the option names) and the rest (figure and Plot options).
 */
export function splitOptions<T extends object, K extends keyof T>(
  options: T,
  names: Readonly<Record<K, true>>,
): { picked: Pick<T, K>; rest: Omit<T, K> } {
  const picked: Partial<T> = {};
  const rest: Partial<T> = {};
  for (const [key, value] of Object.entries(options) as [keyof T, T[keyof T]][]) {
    if (Object.hasOwn(names, key)) picked[key] = value;
    else rest[key] = value;
  }
  return { picked: picked as Pick<T, K>, rest: rest as Omit<T, K> };
}

/** Rows with their required fields read as numbers or strings, or a TypeError naming the row. */
export function typedRows<R extends object>(
  rows: readonly R[],
  fields: Readonly<Record<string, "number" | "string">>,
  figure: string,
): R[] {
  return rows.map((row, i) => {
    const typed = { ...row } as Record<string, unknown>;
    for (const [field, kind] of Object.entries(fields)) {
      typed[field] = kind === "number"
        ? numberField(row, field, i, figure)
        : stringField(row, field, i, figure);
    }
    return typed as R;
  });
}
