/**
 * A seeded pseudo-random source (mulberry32: 32-bit state, [0, 1)) for what must come out the same
 * on every run — the demo campaign, the benchmarks' synthetic city. Not for secrets or draws that
 * must not be predictable (those use node:crypto).
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
