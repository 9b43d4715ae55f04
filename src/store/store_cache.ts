/**
 * A small cache of look-ups the store repeats during a batch import (genome name → id, and the
 * stored sequence versions of a genome), with explicit invalidation.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";

/** One stored sequence, as the import needs it to match versions. */
export interface CachedSequence {
  /** `sequences.id`. */
  id: number;
  /** The assembly version. */
  version: number;
  /** The record id. */
  seqId: string;
  /** Length in bases. */
  length: number;
  /** SHA-256 of the residues, or null when unknown. */
  checksum: string | null;
  /** The version that superseded it, or null. */
  supersededBy: number | null;
}

/** Hit and miss counts of a {@linkcode StoreCache}. */
export interface StoreCacheStats {
  /** Look-ups answered from the cache. */
  hits: number;
  /** Look-ups the cache could not answer. */
  misses: number;
}

/**
 * A per-process cache of genome ids by name and of each genome's stored sequences. It is filled
 * only with committed data (the import adds to it after its transaction commits) and must be told
 * about deletions and renames: the store's own `deleteGenome()`/`renameGenome()`/`deleteAnnotation()`
 * do that for the cache they are given (by default the one of {@linkcode storeCacheFor}). The
 * import still checks a cached genome id with a primary-key probe (name and id must agree), so a
 * genome deleted or renamed around the store (raw SQL, another process) is noticed even when SQLite
 * has reused its id; stored sequences changed around the store need {@linkcode StoreCache.clear}.
 *
 * @example Invalidation on delete
 * ```ts
 * import { StoreCache } from "./store_cache.ts";
 * const cache = new StoreCache();
 * cache.setGenomeId("C22", 1);
 * cache.forgetGenome("C22");
 * if (cache.getGenomeId("C22") !== undefined) throw new Error("stale entry");
 * ```
 */
export class StoreCache {
  #genomeIds = new Map<string, number>();
  #sequences = new Map<number, CachedSequence[]>();
  #hits = 0;
  #misses = 0;

  /**
   * The id of the genome with this name, when cached.
   *
   * @param name The genome name.
   * @returns The id, or undefined.
   */
  getGenomeId(name: string): number | undefined {
    const id = this.#genomeIds.get(name);
    if (id === undefined) this.#misses++;
    else this.#hits++;
    return id;
  }

  /**
   * Remembers a genome's id.
   *
   * @param name The genome name.
   * @param id Its id.
   */
  setGenomeId(name: string, id: number): void {
    this.#genomeIds.set(name, id);
  }

  /**
   * The stored sequences (every version) of a genome, when cached.
   *
   * @param genomeId The genome id.
   * @returns The sequences, or undefined.
   */
  getSequences(genomeId: number): readonly CachedSequence[] | undefined {
    const rows = this.#sequences.get(genomeId);
    if (rows === undefined) this.#misses++;
    else this.#hits++;
    return rows;
  }

  /**
   * Remembers a genome's stored sequences (every version).
   *
   * @param genomeId The genome id.
   * @param sequences Its sequences.
   */
  setSequences(genomeId: number, sequences: readonly CachedSequence[]): void {
    this.#sequences.set(genomeId, [...sequences]);
  }

  /**
   * Forgets everything about a genome, by name or by id.
   *
   * @param nameOrId The genome's name or id.
   */
  forgetGenome(nameOrId: string | number): void {
    if (typeof nameOrId === "string") {
      const id = this.#genomeIds.get(nameOrId);
      this.#genomeIds.delete(nameOrId);
      if (id !== undefined) this.#sequences.delete(id);
      return;
    }
    this.#sequences.delete(nameOrId);
    for (const [name, id] of this.#genomeIds) if (id === nameOrId) this.#genomeIds.delete(name);
  }

  /** Forgets everything. */
  clear(): void {
    this.#genomeIds.clear();
    this.#sequences.clear();
  }

  /** How many look-ups hit and missed. */
  get stats(): StoreCacheStats {
    return { hits: this.#hits, misses: this.#misses };
  }

  /** How many genomes are cached by name. */
  get size(): number {
    return this.#genomeIds.size;
  }
}

const CACHES = new WeakMap<object, StoreCache>();

/**
 * The default cache of a database handle (one per `Kysely` instance). Store functions use it when
 * no `cache` option is given.
 *
 * @param db The database.
 * @returns Its cache.
 *
 * @example
 * ```ts
 * import { openDatabase } from "../db/open_database.ts";
 * import { storeCacheFor } from "./store_cache.ts";
 * const db = await openDatabase(":memory:");
 * if (storeCacheFor(db) !== storeCacheFor(db)) throw new Error("one cache per handle");
 * await db.destroy();
 * ```
 */
export function storeCacheFor(db: Kysely<Database>): StoreCache {
  let cache = CACHES.get(db);
  if (cache === undefined) {
    cache = new StoreCache();
    CACHES.set(db, cache);
  }
  return cache;
}
