/**
 * Draws the README's figures from the real Bakta samples (`../shared/bakta-samples/`) with the
 * public API: `deno task figures` (or `deno run -A docs/figures/make_figures.ts`). Writes `docs/figures/*.png`.
 *
 * @module
 */

import {
  circularMapPlot,
  cogCategoriesPlot,
  cogCategoryCounts,
  genomeMapData,
  importRuns,
  openDatabase,
  type PlotFigure,
  presenceAbsence,
  presenceAbsencePlot,
  regionMapPlot,
  savePlot,
} from "../../mod.ts";

const SAMPLES = new URL("../../../shared/bakta-samples/", import.meta.url).pathname;
const OUT = new URL("./", import.meta.url).pathname;
const db = await openDatabase(":memory:");
try {
  const cohortDir = `${SAMPLES}v1.9.2-spneumoniae-cohort/`;
  const cohortFiles = [...Deno.readDirSync(cohortDir)].filter((e) => e.name.endsWith(".gff3.gz"))
    .map((e) => `${cohortDir}${e.name}`).sort();
  await importRuns(db, cohortFiles);
  const cohort = cohortFiles.map((f) => f.split("/").at(-1)!.replace(".gff3.gz", ""));

  const save = async (name: string, figure: PlotFigure) => {
    await savePlot(figure, `${OUT}${name}.png`, { scale: 1.5 });
    console.log(`Wrote ${OUT}${name}.png`);
  };
  const map = await genomeMapData(db, cohort[0]);
  await save(
    "circular_map",
    circularMapPlot(map, { size: 640, title: `${cohort[0]}: genome map` }),
  );
  const contig = map.sequences[0].id;
  const window = { from: 20_000, to: 34_000 };
  await save(
    "region_map",
    regionMapPlot(
      map.features.filter((f) =>
        f.sequenceId === contig && f.stop >= window.from && f.start <= window.to
      ),
      {
        ...window,
        sequenceLength: map.sequences[0].length,
        sequenceId: contig,
        title: `${cohort[0]} ${contig}: 20,000–34,000 bp`,
      },
    ),
  );

  const cog = await cogCategoryCounts(db, { genomes: cohort });
  await save(
    "cog_categories",
    cogCategoriesPlot(cog, { layout: "stacked", normalize: true, width: 1100 }),
  );
  await save("cog_deviation", cogCategoriesPlot(cog, { layout: "deviation", panelWidth: 110 }));

  const matrix = await presenceAbsence(db, { genomes: cohort });
  const accessory = matrix.params({ n: cohort.length }).filter((
    d: { genomes: number },
    $: { n: number },
  ) => d.genomes < $.n);
  await save(
    "presence_absence",
    presenceAbsencePlot({
      genomes: cohort,
      families: accessory.array("family") as string[],
      present: cohort.map((g) => Array.from(accessory.array(g) as ArrayLike<number>, (n) => n > 0)),
    }, { title: "Accessory gene families of 8 S. pneumoniae isolates", width: 1000 }),
  );
} finally {
  await db.destroy();
}
