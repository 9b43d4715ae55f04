/**
 * A small cache of look-ups the store repeats during a batch import (genome name → id, and
 * cross-reference term ids), with explicit invalidation.
 *
 * @module
 */

import type { Kysely } from "../deps/kysely.ts";
import type { Database } from "../db/schema.ts";

/** Hit and miss counts of a {@linkcode StoreCache}. */
export interface StoreCacheStats {
  /** Look-ups answered from the cache. */
  hits: number;
  /** Look-ups the cache could not answer. */
  misses: number;
}

/**
 * A per-process cache of genome ids by name and of cross-reference term ids. It is filled
 * only with committed data (the import adds to it after its transaction commits) and must be told
 * about deletions and renames: the store's own `deleteGenome()`/`renameGenome()`/`deleteAnnotation()`
 * do that for the cache they are given (by default the one of {@linkcode storeCacheFor}). The
 * import still checks a cached genome id with a primary-key probe (name and id must agree), so a
 * genome deleted or renamed around the store (raw SQL, another process) is noticed even when SQLite
 * has reused its id. Term ids are kept with the terms' generation (`xrefTermsGeneration`, bumped by
 * every write that deletes terms, in any process), which the import reads in its transaction:
 * another generation empties the cache first. A genome's stored sequences are not cached: another
 * process may add an assembly version at any time, so the import reads them in its transaction.
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
  #termIds = new Map<string, number>();
  #termGeneration: number | undefined;
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
   * The cached term ids (by `xrefTermKey`) valid at the stored terms' `generation`
   * (`xrefTermsGeneration`, read inside the write transaction): when it differs from the
   * generation the ids were read at (another writer deleted terms), every cached id is forgotten
   * first.
   *
   * @param generation The generation read in the current write transaction.
   * @returns The term ids known at that generation.
   */
  termIdsAt(generation: number): ReadonlyMap<string, number> {
    if (generation !== this.#termGeneration) {
      this.#termIds.clear();
      this.#termGeneration = generation;
    }
    return this.#termIds;
  }

  /**
   * Remembers term ids read or added by a committed write at `generation` (ignored when the cache
   * has moved to another generation meanwhile). Past {@linkcode MAX_CACHED_TERMS} ids the cache
   * starts again empty.
   *
   * @param generation The generation the write read.
   * @param keys The terms, by `xrefTermKey`.
   * @param ids Their ids, in the order of `keys`.
   */
  rememberTermIds(generation: number, keys: readonly string[], ids: ArrayLike<number>): void {
    if (generation !== this.#termGeneration) return;
    if (this.#termIds.size + keys.length > MAX_CACHED_TERMS) this.#termIds.clear();
    for (let k = 0; k < keys.length; k++) this.#termIds.set(keys[k], ids[k]);
  }

  /**
   * Forgets everything about a genome, by name or by id.
   *
   * @param nameOrId The genome's name or id.
   */
  forgetGenome(nameOrId: string | number): void {
    if (typeof nameOrId === "string") {
      this.#genomeIds.delete(nameOrId);
      return;
    }
    for (const [name, id] of this.#genomeIds) if (id === nameOrId) this.#genomeIds.delete(name);
  }

  /** Forgets everything. */
  clear(): void {
    this.#genomeIds.clear();
    this.#termIds.clear();
    this.#termGeneration = undefined;
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

/** The most term ids a cache keeps (about 100 MB of keys); past it, it starts again empty. */
export const MAX_CACHED_TERMS = 1_000_000;

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
