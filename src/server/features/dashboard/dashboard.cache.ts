/**
 * A small per-process cache with single-flight for the 指挥看板: callers asking for the same key
 * while an answer is being computed share that one computation, and a computed answer is reused
 * until it is `ttlMs` old. Failures are not kept (the next caller computes again). Bounded: past
 * `maxEntries`, expired entries go first, then the oldest.
 */
/** How long a computed 指挥看板 is reused, in seconds (a command centre expects a minute; WELLSEAL_DASHBOARD_CACHE_SECONDS overrides it). */
export const DASHBOARD_CACHE_SECONDS = 60;

export type TtlCacheOptions = { ttlMs: number; maxEntries?: number; now?: () => number };

type Entry<V> = { promise: Promise<V>; settledAt: number | null };

export class TtlCache<V> {
  readonly ttlMs: number;
  readonly maxEntries: number;
  private readonly now: () => number;
  private readonly entries = new Map<string, Entry<V>>();

  constructor(opts: TtlCacheOptions) {
    this.ttlMs = opts.ttlMs;
    this.maxEntries = opts.maxEntries ?? 500;
    this.now = opts.now ?? Date.now;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The cached answer for `key`, or the running computation for it, or a new one from `compute`. */
  get(key: string, compute: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && (hit.settledAt === null || this.now() - hit.settledAt < this.ttlMs)) return hit.promise;
    if (hit) this.entries.delete(key);
    const entry: Entry<V> = { promise: Promise.resolve().then(compute), settledAt: null };
    entry.promise.then(
      () => {
        entry.settledAt = this.now();
      },
      () => {
        // a failure is shared by those already waiting, never kept for the next caller
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.entries.set(key, entry);
    this.trim();
    return entry.promise;
  }

  private trim(): void {
    if (this.entries.size <= this.maxEntries) return;
    const now = this.now();
    for (const [k, e] of this.entries) if (e.settledAt !== null && now - e.settledAt >= this.ttlMs) this.entries.delete(k);
    // Map order is insertion order: the oldest go first
    for (const k of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(k);
    }
  }
}
