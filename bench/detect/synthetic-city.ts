/**
 * A synthetic city of water-company accounts and their monthly meter readings, with the ground
 * truth of who also draws from a private well (疑似双水源用水户) — the test bed of the detection
 * benchmark. Deterministic (one seed → the same city, byte for byte) and streaming: accounts are
 * held in memory (≈ 200 B each), readings are produced lazily account by account, so 200,000
 * accounts × 36 months = 7.2 M readings never sit in memory at once.
 *
 * ## Accounts (shares of all accounts)
 * | kind                          | share  | size                                     | norm basis (norms.ts)        |
 * |-------------------------------|--------|------------------------------------------|------------------------------|
 * | 居民 单户 (one flat or house)  | 78 %   | persons 1–6 (10 % unstated: households 1) | 110 L/person/day             |
 * | 居民 小区 (compound bulk meter)| 5 %    | households 20–800, persons stated in 40 % | 110 L/person, 2.8 per hh     |
 * | 宾馆                          | 1.5 %  | beds 20–400                              | 250 L/bed                    |
 * | 办公                          | 3 %    | persons 10–500                           | 40 L/person                  |
 * | 学校                          | 0.7 %  | persons (students+staff) 200–3000        | 30 L/person                  |
 * | 医院                          | 0.3 %  | beds 30–1000                             | 200 L/bed                    |
 * | 洗车                          | 1 %    | —                                        | 2000 L/business              |
 * | 浴池                          | 0.5 %  | area 200–3000 m²                         | 40 L/m²                      |
 * | 餐饮                          | 5 %    | area 40–800 m²                           | 20 L/m²                      |
 * | 工业                          | 5 %    | —                                        | none (use 30–5000 m³/month)  |
 * Areas: 卧龙区 35 %, 宛城区 35 %, 高新区 15 %, 城乡一体化示范区 15 %.
 *
 * Use of an honest account = its true size × its category's norm × an individual factor
 * (lognormal, σ 0.15–0.2, clipped to 0.7–1.4 for residents, 0.65–1.5 for businesses) × for
 * residents an area level (高新区's new high-rises ×1.1, 宛城区 ×0.95, the urban villages of
 * 示范区 ×0.82: what area-wise peers are for) × a category seasonality (residents summer peak ±8–20 %, hotels/offices/car washes stronger,
 * bathhouses peak in winter, schools empty in the Jan–Feb and Jul–Aug holidays, industry shuts at
 * the Spring Festival) × a slow trend (±3 %/year) × monthly noise (σ 4 % for a compound's bulk
 * meter up to 15 % for a flat). A flat's meter counts whole m³ (the difference of whole-number
 * register readings, so a 0.6 m³ month reads 0 or 1); other meters are read to 0.01 m³.
 * The persons on a flat's record are off by one (either way) for 15 % of the flats that state them.
 *
 * ## Injected dual-source cases (`hasWell`), `dualShare` of accounts (default 3 %)
 * The chance of a well varies by category (car washes and bathhouses ×6, industry ×4, compounds,
 * hotels, schools, hospitals ×2.5–3, offices and restaurants ×1.5, flats ×1) and area
 * (城乡一体化示范区 ×2, the urban districts ×0.8–1), normalised so that `dualShare` of all
 * accounts have one. Vacant and moved-out flats never do. Kinds, as drawn for each well (flats
 * trade `subtle`, and accounts without a summer season `summerWell`, for `drilled`: realised about
 * 42 / 31 / 8 / 10 / 9 % of wells):
 * - `drilled` 35 %: a well drilled at a random month (25–85 % into the period); tap use drops by
 *   35–85 % from then on, sustained.
 * - `longStanding` 25 %: the well predates the data; use is 15–60 % of what the account would
 *   draw, all along (no date to find: only the norm and the peers can tell).
 * - `summerWell` 10 %: the well carries the summer extra (watering a yard, cooling, washing)
 *   from the second year on: the summer peak is shaved to the off-season level, the season is
 *   lost. Accounts drilling one are those with a strong summer peak (±25–45 %).
 * - `nearZero` 10 %: the well carries everything; the tap is kept for drinking water only
 *   (2–8 % of the norm), from a random month or all along.
 * - `subtle` 20 %: a drop of only 30–40 % from a random month, in mid-size accounts (flats get a
 *   `drilled` or `longStanding` case instead).
 * Industry has no norm: its `longStanding`/`nearZero` wells are invisible to any detector (they
 * stay in the truth: a benchmark should not hide what it cannot find).
 *
 * ## Hard negatives (no well; must not rank high)
 * - `vacant` 4 % of flats: persons 0 on the account, use 0 (a third with an odd 1 m³);
 * - `movedOut` 0.25 % of flats (one vacancy in 17): persons still stated but the family left
 *   (before or during the period): a real drop to nothing, or to the odd visit's 1–2 m³;
 * - `staleSize` 2 % of flats with 2+ persons stated: fewer live there than stated (one person
 *   left, two in a fifth of the 4+ households; half of them during the period: a real 17–50 %
 *   drop);
 * - `thrifty` 10 % of residents: 75–90 % of the norm;
 * - `lowOccupancy` 10 % of compounds: only 45–75 % of the flats occupied (half filling up);
 * - `seasonalClosure` 35 % of car washes (Dec–Feb) and 10 % of restaurants (Jan–Feb) closed;
 * - `shrank` 6 % of businesses and industry: a sustained 25–60 % drop from a random month;
 * - `leakRepaired` 1 %: a leak adds 50–200 % for 2–10 months, then is repaired (a drop back);
 * - `newAccount` 2 %: readings start at a random month, the first one partial;
 * - meter faults, on top of any of the above (`meterFault`): `catchUp` 3 % (one month read 0 or
 *   not read, the next catches up), `stuck` 2 % (1–3 months read 0, then the catch-up),
 *   `replaced` 1.5 % (the swap month partly read; the new meter reads 0–12 % more — the old one
 *   was slow). Besides, 0.5 % of all month readings are missing.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify';
import { DEFAULT_NORMS, type Account } from '../../src/domain/utility/norms.js';
import { daysInMonth, monthIndex, monthKey } from '../../src/domain/utility/series.js';
import { seededRandom } from '../../src/domain/shared/random.js';

export const AREAS = ['卧龙区', '宛城区', '高新区', '城乡一体化示范区'] as const;
export type Area = (typeof AREAS)[number];

export const WELL_KINDS = ['drilled', 'longStanding', 'summerWell', 'nearZero', 'subtle'] as const;
export type WellKind = (typeof WELL_KINDS)[number];
export const NEGATIVE_KINDS = ['normal', 'vacant', 'movedOut', 'staleSize', 'thrifty', 'lowOccupancy', 'seasonalClosure', 'shrank', 'leakRepaired', 'newAccount'] as const;
export type NegativeKind = (typeof NEGATIVE_KINDS)[number];
export const METER_FAULTS = ['catchUp', 'stuck', 'replaced'] as const;
export type MeterFault = (typeof METER_FAULTS)[number];

/** The engine's account plus where it is, its trade, and the ground truth. */
export type SyntheticAccount = Account & {
  area: Area;
  address: string;
  industry: string;
  /** Ground truth: the account also draws from a private well. */
  hasWell: boolean;
  /** What was injected, for diagnostics: a WellKind when hasWell, else a NegativeKind. */
  caseKind: WellKind | NegativeKind;
  meterFault: MeterFault | null;
};

export type SyntheticReading = { accountNo: string; period: string; m3: number };

export type CityOptions = {
  accounts: number;
  months: number;
  /** Last month read, 'YYYY-MM'. */
  endMonth: string;
  seed?: number;
  /** Share of accounts with a well; default 0.03. */
  dualShare?: number;
};

export type SyntheticCity = {
  options: Required<CityOptions>;
  /** The months of the period, oldest first. */
  periods: readonly string[];
  accounts: readonly SyntheticAccount[];
  /** Every reading, account by account (all of one account's months, oldest first, then the next account). Lazily produced; each call starts over and yields the same values. */
  readings(): Generator<SyntheticReading>;
  /** One account's readings (by its index in `accounts`). */
  readingsOf(index: number): SyntheticReading[];
};

// ——— deterministic randomness ———

/** mulberry32: a tiny 32-bit PRNG, [0, 1) — the same one the demo campaign uses. */
export const mulberry32 = seededRandom;

/** Mixes two integers into a 32-bit seed (murmur3's finaliser), so each account has its own independent stream. */
function mix(a: number, b: number): number {
  let h = (Math.imul(a >>> 0, 0x9e3779b1) ^ Math.imul(b >>> 0, 0x85ebca6b)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  int(a: number, b: number): number {
    return a + Math.floor((b - a + 1) * this.next());
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  normal(): number {
    const u = 1 - this.next(), v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Uniform on a log scale: sizes spread over orders of magnitude. */
  logUniform(a: number, b: number): number {
    return Math.exp(this.uniform(Math.log(a), Math.log(b)));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  weighted<T extends string>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let u = this.next() * total;
    for (const [x, w] of table) if ((u -= w) < 0) return x;
    return table.at(-1)![0];
  }
}

const clip = (x: number, a: number, b: number) => Math.min(b, Math.max(a, x));

// ——— the city's make-up ———

type Kind = '单户' | '小区' | '宾馆' | '办公' | '学校' | '医院' | '洗车' | '浴池' | '餐饮' | '工业';
const KINDS: readonly (readonly [Kind, number])[] = [['单户', 78], ['小区', 5], ['宾馆', 1.5], ['办公', 3], ['学校', 0.7], ['医院', 0.3], ['洗车', 1], ['浴池', 0.5], ['餐饮', 5], ['工业', 5]];
const AREA_SHARES: readonly (readonly [Area, number])[] = [['卧龙区', 35], ['宛城区', 35], ['高新区', 15], ['城乡一体化示范区', 15]];
/** Relative chance of a well, by kind and by area (normalised to dualShare). */
const WELL_PROPENSITY: Record<Kind, number> = { 单户: 1, 小区: 3, 宾馆: 2.5, 办公: 1.5, 学校: 3, 医院: 2.5, 洗车: 6, 浴池: 6, 餐饮: 1.5, 工业: 4 };
const AREA_PROPENSITY: Record<Area, number> = { 卧龙区: 0.8, 宛城区: 1, 高新区: 0.9, 城乡一体化示范区: 2 };
/** Residents' use per person by area: new high-rises in 高新区 draw more, the urban villages of 示范区 less. */
const AREA_USE: Record<Area, number> = { 卧龙区: 1, 宛城区: 0.95, 高新区: 1.1, 城乡一体化示范区: 0.82 };
const CATEGORY: Record<Kind, string> = { 单户: '居民', 小区: '居民', 宾馆: '宾馆', 办公: '办公', 学校: '学校', 医院: '医院', 洗车: '洗车', 浴池: '浴池', 餐饮: '餐饮', 工业: '工业' };
const INDUSTRIES: Record<Kind, readonly string[]> = {
  单户: ['居民生活'], 小区: ['居民生活'], 宾馆: ['住宿业'], 办公: ['机关团体', '商务服务', '金融业'], 学校: ['教育'], 医院: ['卫生'],
  洗车: ['汽车美容'], 浴池: ['洗浴服务'], 餐饮: ['正餐服务', '快餐服务', '饮品店'], 工业: ['食品加工', '纺织', '造纸', '机械制造', '化工', '建材', '印染', '制药'],
};

const ROADS = ['仲景路', '人民路', '中州路', '工业路', '七一路', '新华路', '建设路', '张衡路', '范蠡路', '光武路', '滨河路', '车站路', '独山大道', '两相路', '信臣路', '卧龙路', '长江路', '百里奚路', '天山路', '淯阳路'];
const ESTATES = ['梅溪', '白河', '卧龙', '独山', '世纪', '锦绣', '翰林', '金桂', '丽都', '阳光', '康乐', '建业', '光明', '和谐', '书香', '绿地', '滨江', '花园', '望城', '新村'];
const ESTATE_SUFFIX = ['小区', '花园', '苑', '家园', '公寓', '新城'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const BUSINESS_WORDS = ['宏达', '鑫源', '恒通', '华夏', '东方', '金龙', '瑞丰', '兴旺', '永安', '天成', '鸿运', '利民', '汉风', '伏牛', '宛城', '玉泉', '诸葛', '仲景', '卧龙', '南都'];
const NAME_SUFFIX: Record<Exclude<Kind, '单户' | '小区'>, readonly string[]> = {
  宾馆: ['宾馆', '酒店', '快捷酒店', '大酒店'], 办公: ['大厦', '公司办公楼', '服务中心'], 学校: ['小学', '中学', '实验学校', '职业学校'], 医院: ['医院', '中医院', '骨科医院'],
  洗车: ['洗车行', '汽车美容店', '洗车场'], 浴池: ['浴池', '洗浴中心', '澡堂'], 餐饮: ['饭店', '酒楼', '餐馆', '面馆', '火锅店'], 工业: ['实业有限公司', '制品厂', '有限公司'],
};

// ——— seasonality: 12 multipliers, January first, mean 1 ———

const norm12 = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / 12;
  return xs.map((x) => x / m);
};
/** A cosine peaking at `peak` (1–12, fractional), amplitude `a` (negative: a trough there). */
const cosine = (a: number, peak: number) => norm12(Array.from({ length: 12 }, (_, m) => 1 + a * Math.cos((2 * Math.PI * (m + 1 - peak)) / 12)));
const SCHOOL = [0.6, 0.35, 1.15, 1.15, 1.15, 1.1, 0.5, 0.4, 1.15, 1.15, 1.15, 1.1];
const FESTIVAL_DIP = (depth: number) => Array.from({ length: 12 }, (_, m) => (m === 1 ? 1 - depth : 1));

function seasonOf(kind: Kind, r: Rng): { profile: number[] } {
  const times = (a: number[], b: number[]) => norm12(a.map((x, i) => x * b[i]!));
  switch (kind) {
    case '单户':
    case '小区': {
      const a = r.uniform(0.08, 0.2);
      return { profile: cosine(a, r.uniform(7, 8)) };
    }
    case '宾馆':
    case '洗车': {
      const a = r.uniform(0.1, 0.3);
      return { profile: cosine(a, r.uniform(7, 8.5)) };
    }
    case '办公': {
      const a = r.uniform(0.1, 0.3);
      return { profile: times(cosine(a, 7.5), FESTIVAL_DIP(0.2)) };
    }
    case '医院':
    case '餐饮': {
      const a = r.uniform(0.05, 0.15);
      return { profile: cosine(a, r.uniform(7, 8)) };
    }
    case '学校': {
      const k = r.uniform(0.5, 1);
      return { profile: norm12(SCHOOL.map((x) => 1 + k * (x - 1))) };
    }
    case '浴池': {
      const a = r.uniform(0.25, 0.5);
      return { profile: cosine(-a, 7.5) };
    }
    case '工业': {
      const a = r.uniform(0, 0.15);
      return { profile: times(cosine(a, r.uniform(1, 12)), FESTIVAL_DIP(r.uniform(0.1, 0.4))) };
    }
  }
}

// ——— one account's plan: what it is and what happens to it ———

type Plan = {
  kind: Kind;
  /** m³ per day at the seasonal mean, what the account really draws (true size × norm × factor). */
  daily: number;
  profile: number[];
  noise: number;
  trend: number;
  wholeM3: boolean;
  /** First month with a reading (new accounts). */
  start: number;
  caseKind: WellKind | NegativeKind;
  /** Month the case starts (−1: before the period). */
  at: number;
  /** The case's size: the level kept (drops) or added (leaks). */
  level: number;
  /** Months the case lasts (leaks), or which months a seasonal closure covers (bit mask of calendar months). */
  length: number;
  meterFault: MeterFault | null;
  faultAt: number;
  faultLength: number;
  faultGain: number;
  /** Missing readings drawn per month with this chance. */
  missing: number;
  /** The injected well, if any: its kind, the month it starts (−1: before the period), the share of use it leaves on the tap (for a summer well: the cap, as a seasonal multiplier). */
  well?: WellKind;
  wellAt?: number;
  wellLevel?: number;
};

const WELL_KIND_SHARES: readonly (readonly [WellKind, number])[] = [['drilled', 35], ['longStanding', 25], ['summerWell', 10], ['nearZero', 10], ['subtle', 20]];

/** Generates a city. Cheap: only the accounts are built; readings come from `readings()`. */
export function generateCity(options: CityOptions): SyntheticCity {
  const opts: Required<CityOptions> = { seed: 20240101, dualShare: 0.03, ...options };
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.endMonth)) throw new Error(`endMonth must be YYYY-MM: ${opts.endMonth}`);
  if (!(opts.months >= 1) || !(opts.accounts >= 0)) throw new Error('months ≥ 1 and accounts ≥ 0');
  const M = opts.months;
  const first = monthIndex(opts.endMonth) - M + 1;
  const periods = Array.from({ length: M }, (_, t) => monthKey(first + t));
  const days = periods.map(daysInMonth);
  const calendar = periods.map((p) => Number(p.slice(5, 7)) - 1);

  // pass 1: each account's make-up, and its relative chance of a well
  type Draft = { account: SyntheticAccount; plan: Plan; propensity: number; wellDraw: number };
  const drafts: Draft[] = [];
  for (let i = 0; i < opts.accounts; i++) drafts.push(draftAccount(i));
  // pass 2: wells, normalised so that dualShare of accounts have one
  const meanPropensity = drafts.reduce((s, d) => s + d.propensity, 0) / Math.max(1, drafts.length);
  const accounts: SyntheticAccount[] = [];
  const plans: Plan[] = [];
  drafts.forEach((d, i) => {
    if (meanPropensity > 0 && d.wellDraw < Math.min(0.6, (opts.dualShare * d.propensity) / meanPropensity)) injectWell(d.account, d.plan, new Rng(mix(opts.seed ^ 0x5bd1e995, i)));
    accounts.push(d.account);
    plans.push(d.plan);
  });
  drafts.length = 0;

  function draftAccount(i: number): { account: SyntheticAccount; plan: Plan; propensity: number; wellDraw: number } {
    const r = new Rng(mix(opts.seed, i));
    const kind = r.weighted(KINDS);
    const area = r.weighted(AREA_SHARES);
    const accountNo = String(3_000_000_000 + i * 7 + (i % 7)); // 10 digits, not consecutive
    const road = r.pick(ROADS), number = r.int(1, 999);
    const industry = r.pick(INDUSTRIES[kind]);
    const { profile } = seasonOf(kind, r);
    const account: SyntheticAccount = {
      accountNo, name: '', category: CATEGORY[kind], area, address: `${area}${road}${number}号`, industry, hasWell: false, caseKind: 'normal', meterFault: null,
    };
    const plan: Plan = {
      kind, daily: 0, profile, noise: 0.1, trend: r.uniform(-0.03, 0.03), wholeM3: false, start: 0, caseKind: 'normal', at: -1, level: 1, length: 0,
      meterFault: null, faultAt: 0, faultLength: 0, faultGain: 0, missing: 0.005,
    };
    const business = kind !== '单户' && kind !== '小区';
    const factor = business ? clip(Math.exp(0.2 * r.normal()), 0.65, 1.5) : clip(Math.exp(0.15 * r.normal()), 0.7, 1.4);
    const litres = (c: string) => DEFAULT_NORMS.categories[c]!.litresPerDay / 1000;
    let wellPossible = true;
    switch (kind) {
      case '单户': {
        const persons = r.weighted([['1', 12], ['2', 28], ['3', 30], ['4', 18], ['5', 8], ['6', 4]] as const);
        let real = Number(persons);
        const stated = r.chance(0.9);
        account.households = 1;
        if (stated) account.persons = real;
        account.name = `${r.pick(SURNAMES)}某${r.pick(['', '某'])}`;
        account.address += `${r.pick(ESTATES)}${r.pick(ESTATE_SUFFIX)}${r.int(1, 30)}号楼${r.int(1, 6)}单元${r.int(1, 33)}0${r.int(1, 4)}`;
        plan.wholeM3 = true;
        plan.noise = r.uniform(0.1, 0.15);
        if (r.chance(0.04)) {
          plan.caseKind = 'vacant';
          account.persons = 0;
          plan.level = r.chance(1 / 3) ? 0.03 : 0;
          wellPossible = false;
        } else if (stated && r.chance(0.0025 / 0.96)) {
          plan.caseKind = 'movedOut';
          plan.at = r.chance(0.3) ? -1 : r.int(1, M - 1);
          plan.level = r.chance(0.5) ? 0 : r.uniform(0.01, 0.05);
          wellPossible = false;
        } else if (stated && real >= 2 && r.chance(0.02)) {
          plan.caseKind = 'staleSize';
          real -= real >= 4 && r.chance(0.2) ? 2 : 1;
          plan.level = real / account.persons!;
          plan.at = r.chance(0.5) ? -1 : r.int(3, M - 1);
        } else if (r.chance(0.1)) plan.caseKind = 'thrifty';
        // the record is off by one person (a birth, a grandparent moved in, a student away), either way
        if (stated && plan.caseKind !== 'vacant' && plan.caseKind !== 'staleSize' && r.chance(0.15)) account.persons = Math.max(1, real + (r.chance(0.5) ? 1 : -1));
        plan.daily = Number(persons) * litres('居民') * AREA_USE[area] * (plan.caseKind === 'thrifty' ? r.uniform(0.75, 0.9) : factor);
        break;
      }
      case '小区': {
        const households = Math.round(r.logUniform(20, 800));
        const persons = households * r.uniform(2.4, 3.2);
        account.households = households;
        if (r.chance(0.4)) account.persons = Math.round(persons);
        account.name = `${r.pick(ESTATES)}${r.pick(ESTATE_SUFFIX)}物业`;
        plan.noise = r.uniform(0.03, 0.06);
        let occupancy = r.uniform(0.85, 1);
        if (r.chance(0.1)) {
          plan.caseKind = 'lowOccupancy';
          occupancy = r.uniform(0.45, 0.75);
          if (r.chance(0.5)) plan.trend = r.uniform(0.05, 0.15); // filling up
        // eslint-disable-next-line no-dupe-else-if -- a second draw of the random source, not the same condition
        } else if (r.chance(0.1)) plan.caseKind = 'thrifty';
        // persons stated are as counted; else the compound's own mix of household sizes
        plan.daily = (account.persons ?? persons) * occupancy * litres('居民') * AREA_USE[area] * (plan.caseKind === 'thrifty' ? r.uniform(0.75, 0.9) : factor);
        break;
      }
      case '宾馆':
        account.beds = r.int(2, 40) * 10;
        plan.daily = account.beds * litres('宾馆') * factor;
        break;
      case '办公':
        account.persons = Math.round(r.logUniform(10, 500));
        plan.daily = account.persons * litres('办公') * factor;
        break;
      case '学校':
        account.persons = Math.round(r.logUniform(200, 3000) / 10) * 10;
        plan.daily = account.persons * litres('学校') * factor;
        break;
      case '医院':
        account.beds = Math.round(r.logUniform(30, 1000) / 10) * 10;
        plan.daily = account.beds * litres('医院') * factor;
        break;
      case '洗车':
        plan.daily = litres('洗车') * clip(Math.exp(0.3 * r.normal()), 0.6, 1.8);
        plan.noise = r.uniform(0.12, 0.2);
        if (r.chance(0.35)) {
          plan.caseKind = 'seasonalClosure';
          plan.length = r.chance(0.6) ? 0b100000000011 : 0b000000000011; // Dec–Feb, or Jan–Feb
        }
        break;
      case '浴池':
        account.areaM2 = Math.round(r.logUniform(200, 3000) / 10) * 10;
        plan.daily = account.areaM2 * litres('浴池') * factor;
        break;
      case '餐饮':
        account.areaM2 = Math.round(r.logUniform(40, 800));
        plan.daily = account.areaM2 * litres('餐饮') * factor;
        plan.noise = r.uniform(0.08, 0.16);
        if (r.chance(0.1)) {
          plan.caseKind = 'seasonalClosure';
          plan.length = 0b000000000011;
        }
        break;
      case '工业':
        plan.daily = r.logUniform(30, 5000) / 30.4;
        plan.noise = r.uniform(0.08, 0.2);
        break;
    }
    if (business) account.name = `${r.pick(BUSINESS_WORDS)}${r.pick(NAME_SUFFIX[kind])}`;
    if (business && plan.caseKind === 'normal' && r.chance(0.06)) {
      plan.caseKind = 'shrank';
      plan.at = r.int(3, M - 1);
      plan.level = r.uniform(0.4, 0.75);
    }
    if (plan.caseKind === 'normal' && r.chance(0.01)) {
      plan.caseKind = 'leakRepaired';
      plan.at = r.int(0, M - 3);
      plan.length = r.int(2, 10);
      plan.level = r.uniform(0.5, 2);
    }
    if (plan.caseKind === 'normal' && r.chance(0.02)) {
      plan.caseKind = 'newAccount';
      plan.start = r.int(1, M - 6);
    }
    const fault = r.next();
    if (fault < 0.03) plan.meterFault = 'catchUp';
    else if (fault < 0.05) plan.meterFault = 'stuck';
    else if (fault < 0.065) plan.meterFault = 'replaced';
    if (plan.meterFault) {
      plan.faultAt = r.int(plan.start + 1, M - 2);
      plan.faultLength = plan.meterFault === 'stuck' ? Math.min(r.int(1, 3), M - 1 - plan.faultAt) : 1;
      plan.faultGain = plan.meterFault === 'replaced' ? r.uniform(0, 0.12) : r.chance(0.5) ? 1 : 0; // catch-up: 1 = the missed month reads 0, 0 = not read at all
      account.meterFault = plan.meterFault;
    }
    account.caseKind = plan.caseKind;
    const propensity = wellPossible ? WELL_PROPENSITY[kind] * AREA_PROPENSITY[area] : 0;
    const wellDraw = r.next();
    return { account, plan, propensity, wellDraw };
  }

  function injectWell(account: SyntheticAccount, plan: Plan, r: Rng): void {
    let kind = r.weighted(WELL_KIND_SHARES);
    const flat = plan.kind === '单户';
    if (kind === 'subtle' && flat) kind = r.chance(0.5) ? 'drilled' : 'longStanding';
    const seasonal = ['单户', '小区', '宾馆', '办公', '医院', '洗车', '餐饮'].includes(plan.kind) && M >= 24;
    if (kind === 'summerWell' && !seasonal) kind = 'drilled';
    // the well replaces whatever else was going on, except a meter fault
    if (plan.caseKind !== 'newAccount' && plan.caseKind !== 'seasonalClosure' && plan.caseKind !== 'thrifty' && plan.caseKind !== 'lowOccupancy') plan.caseKind = 'normal';
    if (plan.caseKind === 'normal') {
      plan.at = -1;
      plan.level = 1;
    }
    const from = Math.max(plan.start, 3);
    const laterStart = () => r.int(Math.min(M - 1, Math.max(from, Math.floor(0.25 * M))), Math.max(from, Math.floor(0.85 * M)));
    switch (kind) {
      case 'drilled':
        plan.wellAt = laterStart();
        plan.wellLevel = 1 - r.uniform(0.35, 0.85);
        break;
      case 'longStanding':
        plan.wellAt = -1;
        plan.wellLevel = r.uniform(0.15, 0.6);
        break;
      case 'summerWell': {
        plan.wellAt = r.int(12, M - 12);
        const a = r.uniform(0.25, 0.45);
        plan.profile = cosine(a, r.uniform(7, 8));
        plan.wellLevel = Math.min(...plan.profile) * r.uniform(1, 1.1); // the summer extra goes to the well
        break;
      }
      case 'nearZero':
        plan.wellAt = r.chance(0.5) ? -1 : laterStart();
        plan.wellLevel = r.uniform(0.02, 0.08);
        break;
      case 'subtle':
        plan.wellAt = laterStart();
        plan.wellLevel = 1 - r.uniform(0.3, 0.4);
        break;
    }
    plan.well = kind;
    account.hasWell = true;
    account.caseKind = kind;
  }

  /** The true monthly use (m³) of an account, before the meter and its faults. */
  function trueUse(plan: Plan, r: Rng): number[] {
    const use: number[] = [];
    const nominal = (t: number) => plan.daily * days[t]! * plan.profile[calendar[t]!]! * (1 + plan.trend * ((t - M / 2) / 12));
    for (let t = 0; t < M; t++) {
      let m3 = nominal(t) * Math.exp(plan.noise * r.normal());
      const after = t >= plan.at;
      switch (plan.caseKind) {
        case 'vacant':
          m3 = plan.level && r.chance(0.15) ? r.uniform(0.6, 1.5) : 0;
          break;
        case 'movedOut':
          if (after) m3 = plan.level && r.chance(0.3) ? plan.level * nominal(t) * 4 : 0; // an odd visit
          break;
        case 'staleSize':
        case 'shrank':
          if (after) m3 *= plan.level;
          break;
        case 'leakRepaired':
          if (t >= plan.at && t < plan.at + plan.length) m3 += plan.level * nominal(t);
          break;
        case 'seasonalClosure':
          if (plan.length & (1 << calendar[t]!)) m3 *= r.uniform(0, 0.05);
          break;
        default:
      }
      if (plan.well) {
        const drilled = t >= (plan.wellAt ?? -1);
        if (drilled && plan.well === 'summerWell') m3 = Math.min(m3, (m3 / plan.profile[calendar[t]!]!) * plan.wellLevel!);
        else if (drilled && plan.well === 'nearZero') m3 = plan.daily * days[t]! * plan.wellLevel! * Math.exp(0.3 * r.normal()); // drinking water: no season
        else if (drilled) m3 *= plan.wellLevel!;
      }
      use.push(t < plan.start ? 0 : t === plan.start && plan.start > 0 ? m3 * r.uniform(0.2, 0.9) : m3);
    }
    return use;
  }

  function readingsOf(index: number): SyntheticReading[] {
    const account = accounts[index]!, plan = plans[index]!;
    const r = new Rng(mix(opts.seed ^ 0x27d4eb2f, index));
    const use = trueUse(plan, r);
    // the meter: what it records each month (null = no reading)
    const read: (number | null)[] = use.map((m3, t) => (t < plan.start ? null : m3));
    if (plan.meterFault === 'catchUp' || plan.meterFault === 'stuck') {
      const { faultAt: f, faultLength: n } = plan;
      let owed = 0;
      for (let t = f; t < f + n && t < M - 1; t++) {
        owed += use[t]!;
        read[t] = plan.meterFault === 'catchUp' && plan.faultGain === 0 ? null : 0;
      }
      read[Math.min(M - 1, f + n)] = read[Math.min(M - 1, f + n)]! + owed;
    } else if (plan.meterFault === 'replaced') {
      const f = plan.faultAt;
      read[f] = use[f]! * r.uniform(0.3, 0.7);
      for (let t = 0; t < f; t++) if (read[t] !== null) read[t] = read[t]! / (1 + plan.faultGain); // the old meter was slow
    }
    const out: SyntheticReading[] = [];
    let register = 0;
    for (let t = 0; t < M; t++) {
      const m3 = read[t];
      if (m3 === null || m3 === undefined) continue;
      if (r.chance(plan.missing)) {
        if (!plan.wholeM3) continue; // not read: the use is lost to the series (a whole-m³ register keeps it for the next reading)
        register += m3;
        continue;
      }
      let value: number;
      if (plan.wholeM3) {
        const before = Math.floor(register);
        register += m3;
        value = Math.floor(register) - before;
      } else value = Math.round(m3 * 100) / 100;
      out.push({ accountNo: account.accountNo, period: periods[t]!, m3: value });
    }
    return out;
  }

  return {
    options: opts,
    periods,
    accounts,
    readingsOf,
    *readings() {
      for (let i = 0; i < accounts.length; i++) yield* readingsOf(i);
    },
  };
}

// ——— CSV ———

const ACCOUNT_COLUMNS = ['户号', '户名', '地址', '用水类别', '行业', '户数', '人数', '床位', '建筑面积'];
const READING_COLUMNS = ['户号', '期间', '用水量'];

/** Writes rows through csv-stringify into a file, respecting backpressure. */
async function writeCsv(file: string, columns: string[], rows: Iterable<unknown[]>, onRow?: (n: number) => void): Promise<number> {
  const out = fs.createWriteStream(file);
  const csv = stringify({ header: true, columns, bom: false });
  csv.pipe(out);
  const finished = once(out, 'finish');
  let n = 0;
  for (const row of rows) {
    if (!csv.write(row)) await once(csv, 'drain');
    if (++n % 100_000 === 0) onRow?.(n);
  }
  csv.end();
  await finished;
  return n;
}

const blank = (x: number | undefined) => (x === undefined ? '' : String(x));

/**
 * Writes `accounts.csv` (户号,户名,地址,用水类别,行业,户数,人数,床位,建筑面积; blank where a size is
 * unknown) and `readings.csv` (户号,期间,用水量) into `dir`, streaming. With `truth`, also
 * `truth.csv` (户号,有井,类型,表计故障) for scoring a ranking read back from a database.
 */
export async function writeCityCsv(city: SyntheticCity, dir: string, opts: { truth?: boolean; onProgress?: (file: string, rows: number) => void } = {}): Promise<{ accounts: number; readings: number }> {
  await fs.promises.mkdir(dir, { recursive: true });
  const accounts = await writeCsv(
    path.join(dir, 'accounts.csv'), ACCOUNT_COLUMNS,
    (function* () {
      for (const a of city.accounts) yield [a.accountNo, a.name, a.address, a.category, a.industry, blank(a.households), blank(a.persons), blank(a.beds), blank(a.areaM2)];
    })(),
  );
  const readings = await writeCsv(
    path.join(dir, 'readings.csv'), READING_COLUMNS,
    (function* () {
      for (const r of city.readings()) yield [r.accountNo, r.period, String(r.m3)];
    })(),
    (n) => opts.onProgress?.('readings.csv', n),
  );
  if (opts.truth) {
    await writeCsv(path.join(dir, 'truth.csv'), ['户号', '有井', '类型', '表计故障'], (function* () {
      for (const a of city.accounts) yield [a.accountNo, a.hasWell ? '1' : '0', a.caseKind, a.meterFault ?? ''];
    })());
  }
  return { accounts, readings };
}
