/**
 * Thinning a presence/absence matrix to what a figure can show: a systematic sample of its
 * families that keeps the share of each prevalence class and presence pattern.
 *
 * @module
 */

/**
 * Picks at most `max` of the families (columns) of a presence/absence matrix: the families are
 * ordered by how many genomes have them (most first), then by their presence pattern across the
 * genomes, then by name, and every `n / max`-th is taken (the middle of each stretch). Each run
 * of families sharing a prevalence, or a pattern, is thus kept in proportion (within one family):
 * the figure drawn from the sample looks like the figure of all families, shrunk to fit.
 *
 * @param families The family names.
 * @param present Per genome, per family: present (non-zero) or not.
 * @param max The most families to keep (an integer >= 1).
 * @returns The indices of the families kept, in the order above; all of them when there are at
 *   most `max`.
 */
export function sampleFamilies(
  families: ArrayLike<string>,
  present: readonly ArrayLike<number | boolean>[],
  max: number,
): number[] {
  const n = families.length;
  const frequency = new Int32Array(n);
  const pattern: string[] = new Array(n).fill("");
  for (const row of present) {
    for (let i = 0; i < n; i++) {
      const has = Boolean(row[i]);
      if (has) frequency[i]++;
      pattern[i] += has ? "0" : "1";
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) =>
    frequency[b] - frequency[a] ||
    (pattern[a] < pattern[b] ? -1 : pattern[a] > pattern[b] ? 1 : 0) ||
    (families[a] < families[b] ? -1 : families[a] > families[b] ? 1 : 0)
  );
  if (n <= max) return order;
  return Array.from({ length: max }, (_, j) => order[Math.floor(((j + 0.5) * n) / max)]);
}
