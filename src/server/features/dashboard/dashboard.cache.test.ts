import { describe, expect, it } from 'vitest';
import { TtlCache } from './dashboard.cache.js';

/** A computation the test finishes by hand, counting how often it was started. */
function counted<V>() {
  const started: { resolve: (v: V) => void; reject: (e: unknown) => void }[] = [];
  const compute = () => new Promise<V>((resolve, reject) => started.push({ resolve, reject }));
  return { started, compute };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the 指挥看板 cache', () => {
  it('shares one computation between concurrent callers of the same key', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000 });
    const c = counted<string>();
    const a = cache.get('k', c.compute);
    const b = cache.get('k', c.compute);
    await tick();
    expect(c.started).toHaveLength(1);
    c.started[0]!.resolve('board');
    expect(await Promise.all([a, b])).toEqual(['board', 'board']);
  });

  it('keeps different keys apart', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000 });
    expect(await cache.get('卧龙区', async () => 'wolong')).toBe('wolong');
    expect(await cache.get('宛城区', async () => 'wancheng')).toBe('wancheng');
    expect(await cache.get('卧龙区', async () => 'again')).toBe('wolong');
  });

  it('reuses an answer until it is ttl old, then computes again', async () => {
    let now = 1_000_000;
    const cache = new TtlCache<number>({ ttlMs: 60_000, now: () => now });
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('k', compute)).toBe(1);
    now += 59_999;
    expect(await cache.get('k', compute)).toBe(1);
    now += 1;
    expect(await cache.get('k', compute)).toBe(2);
    expect(runs).toBe(2);
  });

  it('with ttl 0 shares only the running computation', async () => {
    const cache = new TtlCache<number>({ ttlMs: 0 });
    let runs = 0;
    const compute = async () => ++runs;
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect([a, b]).toEqual([1, 1]);
    expect(await cache.get('k', compute)).toBe(2);
  });

  it('does not keep a failure', async () => {
    const cache = new TtlCache<string>({ ttlMs: 60_000 });
    const c = counted<string>();
    const a = cache.get('k', c.compute);
    const b = cache.get('k', c.compute);
    await tick();
    c.started[0]!.reject(new Error('数据库忙'));
    await expect(a).rejects.toThrow('数据库忙');
    await expect(b).rejects.toThrow('数据库忙');
    expect(await cache.get('k', async () => 'ok')).toBe('ok');
  });

  it('stays bounded', async () => {
    const cache = new TtlCache<number>({ ttlMs: 60_000, maxEntries: 3 });
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, async () => i);
    expect(cache.size).toBe(3);
    expect(await cache.get('k9', async () => -1)).toBe(9);
    expect(await cache.get('k0', async () => -1)).toBe(-1);
  });
});
