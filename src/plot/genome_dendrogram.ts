/**
 * A dendrogram of genomes by gene content: the Jaccard distance between their sets of gene
 * families, clustered by average linkage (UPGMA), computed here; and its drawing as segments.
 *
 * @module
 */

/** One merge of {@linkcode averageLinkage}: two clusters joined at a distance. */
export interface DendrogramMerge {
  /** The first cluster: a leaf index `0…n-1`, or `n + k` for the cluster made by merge `k`. */
  left: number;
  /** The second cluster, numbered as `left`. */
  right: number;
  /** The average distance between the two clusters' members. */
  height: number;
}

/** The result of {@linkcode averageLinkage}. */
export interface Dendrogram {
  /** The leaves' names, in input order (leaf `i` is `names[i]`). */
  names: string[];
  /** The merges, in order, `n - 1` of them for `n` leaves. */
  merges: DendrogramMerge[];
  /** The leaf indices in drawing order: each cluster's members side by side. */
  order: number[];
}

/**
 * The Jaccard distance of two sets: 1 − |A ∩ B| / |A ∪ B| (0 for two empty sets).
 *
 * @param a A set.
 * @param b Another set.
 * @returns The distance, in [0, 1].
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { jaccardDistance } from "./genome_dendrogram.ts";
 *
 * assert.equal(jaccardDistance(new Set(["a", "b"]), new Set(["b", "c"])), 1 - 1 / 3);
 * ```
 */
export function jaccardDistance(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return 1 - shared / (a.size + b.size - shared);
}

/**
 * Clusters by average linkage (UPGMA): repeatedly joins the two clusters whose members are
 * closest on average (ties: the first pair in cluster order), until one is left.
 *
 * @param names The leaves' names.
 * @param distance The symmetric distance matrix, `distance[i][j]` between leaves `i` and `j`.
 * @returns The dendrogram.
 * @throws {RangeError} When the matrix is not `n × n`.
 *
 * @example Two close genomes and one apart
 * ```ts
 * import assert from "node:assert/strict";
 * import { averageLinkage } from "./genome_dendrogram.ts";
 *
 * const tree = averageLinkage(["a", "b", "c"], [[0, 0.2, 0.8], [0.2, 0, 0.6], [0.8, 0.6, 0]]);
 * assert.deepEqual(tree.merges, [
 *   { left: 0, right: 1, height: 0.2 },
 *   { left: 3, right: 2, height: 0.7 },
 * ]);
 * assert.deepEqual(tree.order, [0, 1, 2]);
 * ```
 */
export function averageLinkage(
  names: readonly string[],
  distance: readonly number[][],
): Dendrogram {
  const n = names.length;
  if (distance.length !== n || distance.some((row) => row.length !== n)) {
    throw new RangeError(`Cannot cluster: expected a ${n} × ${n} distance matrix`);
  }
  let clusters = names.map((_, i) => ({ id: i, members: [i] }));
  const merges: DendrogramMerge[] = [];
  const average = (x: number[], y: number[]) => {
    let sum = 0;
    for (const i of x) for (const j of y) sum += distance[i][j];
    return sum / (x.length * y.length);
  };
  while (clusters.length > 1) {
    let best: [number, number] = [0, 1];
    let bestDistance = Infinity;
    for (let i = 0; i < clusters.length; i++) {
      for (let j = i + 1; j < clusters.length; j++) {
        const d = average(clusters[i].members, clusters[j].members);
        if (d < bestDistance - 1e-12) [bestDistance, best] = [d, [i, j]];
      }
    }
    const [i, j] = best;
    merges.push({ left: clusters[i].id, right: clusters[j].id, height: bestDistance });
    const merged = {
      id: n + merges.length - 1,
      members: [...clusters[i].members, ...clusters[j].members],
    };
    clusters = clusters.filter((_, k) => k !== i && k !== j);
    clusters.splice(i, 0, merged);
  }
  return { names: [...names], merges, order: clusters[0]?.members ?? [] };
}

/** A segment of a drawn dendrogram: `x` is the merge height, `y` the leaf position (0…n-1). */
export interface DendrogramSegment {
  /** Height at one end. */
  x1: number;
  /** Leaf position at one end. */
  y1: number;
  /** Height at the other end. */
  x2: number;
  /** Leaf position at the other end. */
  y2: number;
}

/**
 * The segments that draw a dendrogram with its leaves at heights 0 and positions `0…n-1` in
 * drawing order, each merge a vertical bar at its height joining its two clusters' horizontal
 * stems.
 *
 * @param tree The dendrogram.
 * @returns The segments.
 *
 * @example Two leaves: two stems and a bar
 * ```ts
 * import assert from "node:assert/strict";
 * import { averageLinkage, dendrogramSegments } from "./genome_dendrogram.ts";
 *
 * const segments = dendrogramSegments(averageLinkage(["a", "b"], [[0, 0.5], [0.5, 0]]));
 * assert.equal(segments.length, 3);
 * ```
 */
export function dendrogramSegments(tree: Dendrogram): DendrogramSegment[] {
  const n = tree.names.length;
  const position = new Map<number, { y: number; height: number }>();
  tree.order.forEach((leaf, y) => position.set(leaf, { y, height: 0 }));
  const segments: DendrogramSegment[] = [];
  tree.merges.forEach((m, k) => {
    const a = position.get(m.left)!;
    const b = position.get(m.right)!;
    segments.push(
      { x1: a.height, y1: a.y, x2: m.height, y2: a.y },
      { x1: b.height, y1: b.y, x2: m.height, y2: b.y },
      { x1: m.height, y1: a.y, x2: m.height, y2: b.y },
    );
    position.set(n + k, { y: (a.y + b.y) / 2, height: m.height });
  });
  return segments;
}
