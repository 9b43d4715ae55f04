import {
  type BakrepDatasetFixture,
  makeBakrepDataset,
} from "../../src/testing/bakrep_stand_in/make_bakrep_dataset.ts";

const SPECIES = ["Streptococcus pneumoniae", "Escherichia coli", "Staphylococcus aureus"];

/** A varied catalogue: three species, a few STs, completeness 90–100, five countries. */
export function catalogue(size: number): BakrepDatasetFixture[] {
  return Array.from({ length: size }, (_, i) =>
    makeBakrepDataset(`SAMN${String(80_000_001 + i)}`, {
      seed: i + 1,
      species: SPECIES[i % SPECIES.length],
      sequenceType: ["180", "81", "-", "2"][i % 4],
      featuresPerSequence: 4,
    }));
}
