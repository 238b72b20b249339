import { describe, expect, it } from 'vitest';
import { DEFAULT_END_MEMBERS, groundwaterShare, type Tracer } from './mixing.js';

/** A sample made of `f` groundwater and 1 − f tap water, by the default end-members. */
const mix = (f: number, tracers: Tracer[] = ['totalHardness', 'tds', 'conductivity', 'nitrate']) =>
  Object.fromEntries(tracers.map((t) => [t, DEFAULT_END_MEMBERS[t]!.tap + f * (DEFAULT_END_MEMBERS[t]!.well - DEFAULT_END_MEMBERS[t]!.tap)]));

describe('two end-member mixing', () => {
  it('finds the share of a constructed sample, on every tracer and fitted across them', () => {
    const e = groundwaterShare(mix(0.4))!;
    expect(e.share).toBeCloseTo(0.4, 6);
    expect(e.perTracer.map((t) => t.share)).toEqual([0.4, 0.4, 0.4, 0.4].map((x) => expect.closeTo(x, 6)));
    expect(e.belowDetection).toBe(false);
    expect(e.text).toBe('地下水占比约40%（±2%，依据总硬度、溶解性总固体、电导率、硝酸盐（以N计））');
  });
  it('reports the disagreement of the tracers as its uncertainty', () => {
    const sample = { ...mix(0.4), nitrate: DEFAULT_END_MEMBERS.nitrate!.tap + 0.6 * (22 - 1) }; // a nitrate-rich well
    const e = groundwaterShare(sample)!;
    expect(e.share).toBeCloseTo(0.45, 6);
    expect(e.uncertainty).toBeCloseTo(0.05, 6); // sd 0.1 over √4
  });
  it('says "below detection" under the floor rather than a number', () => {
    const e = groundwaterShare(mix(0.05))!;
    expect(e.belowDetection).toBe(true);
    expect(e.text).toContain('低于检出限（<12%');
    expect(groundwaterShare(mix(0.05), DEFAULT_END_MEMBERS, 0.03)!.belowDetection).toBe(false);
  });
  it('clamps to 0…1, works with one tracer, and has nothing to say without a usable one', () => {
    expect(groundwaterShare({ totalHardness: 100 })!.share).toBe(0); // softer than tap
    expect(groundwaterShare({ totalHardness: 800 })!.share).toBe(1);
    expect(groundwaterShare({ totalHardness: 355.5 })).toMatchObject({ share: 0.5, uncertainty: 0.1 });
    expect(groundwaterShare({ chloride: 30 })).toBeNull(); // no end-members for chloride by default
    expect(groundwaterShare({ totalHardness: 200 }, { totalHardness: { tap: 200, well: 210 } })).toBeNull(); // no contrast
  });
});
