/**
 * Observable Plot figures of Bakta annotations, made to be shown on a slide: feature types and COG
 * categories per genome, linear region maps and circular genome maps (GC content and skew rings
 * included), pangenome presence/absence and class counts, protein length and GC distributions.
 *
 * Every figure is `figureName(data, options)`: `data` is an array of plain rows or an Arquero
 * table (anything with `objects()`), `options` has the figure's own options (defaults in a
 * `DEFAULT_*` constant) and passes any other Observable Plot option through to `Plot.plot`
 * (`width`, `color`, extra `marks`…). Figures render into a headless linkedom document by default
 * (`document` may be given), display themselves in a Deno Jupyter notebook, and are written to SVG,
 * PNG or HTML with {@linkcode savePlot}, their title and legend included.
 *
 * @example A figure, saved
 * ```ts
 * import { featureTypesPlot, toSvgString } from "./mod.ts";
 * import assert from "node:assert/strict";
 *
 * const figure = featureTypesPlot([
 *   { genome: "C22", type: "cds", count: 2561 },
 *   { genome: "C22", type: "tRNA", count: 59 },
 * ]);
 * const svg = toSvgString(figure);
 * assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
 * assert.match(svg, /Feature types per genome/);
 * // await savePlot(figure, "feature_types.png");
 * ```
 *
 * @module
 */

export * from "./palette.ts";
export * from "./cog_categories.ts";
export * from "./feature_colors.ts";
export * from "./dom.ts";
export * from "./rows_of.ts";
export * from "./plot_figure.ts";
export * from "./render_plot.ts";
export * from "./figure_options.ts";
export * from "./to_svg_string.ts";
export * from "./to_png.ts";
export * from "./save_plot.ts";
export * from "./jupyter_display.ts";
export * from "./gc_content.ts";
export * from "./gc_skew.ts";
export * from "./region_layout.ts";
export * from "./feature_color_scale.ts";
export * from "./feature_tooltip.ts";
export * from "./region_map_layout.ts";
export * from "./region_map_marks.ts";
export * from "./species_bands.ts";
export * from "./species_band_marks.ts";
export * from "./feature_types_layout.ts";
export * from "./feature_types_marks.ts";
export * from "./feature_types_plot.ts";
export * from "./cog_categories_layout.ts";
export * from "./cog_categories_marks.ts";
export * from "./cog_categories_plot.ts";
export * from "./region_map_plot.ts";
export * from "./circular_map_layout.ts";
export * from "./circular_map_marks.ts";
export * from "./circular_map_plot.ts";
export * from "./genome_dendrogram.ts";
export * from "./presence_absence_layout.ts";
export * from "./presence_absence_marks.ts";
export * from "./presence_absence_plot.ts";
export * from "./pangenome_class_layout.ts";
export * from "./pangenome_class_marks.ts";
export * from "./pangenome_class_plot.ts";
export * from "./protein_length_plot.ts";
export * from "./gc_distribution_plot.ts";
export * from "./association_volcano_plot.ts";
export * from "./association_heatmap_plot.ts";
export type { HistogramLayout, HistogramOptions } from "./_histogram.ts";
export type { FeatureType } from "../formats/model.ts";
