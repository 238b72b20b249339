/**
 * The water company's data of the demo campaign (北控水务): accounts for the units, shops and a
 * sample of households on the demo cards, plus 中心医院 (宛城区), which no card names, and 24
 * months of billing (2022-01 … 2023-12). Most accounts use what their norm and season say; a few
 * moved to a well: 漫香湖小区 (seed 第12期: a live well found on 1 月 9 日), the Central Hospital
 * (reported for abnormal use), one compound in 光武街道, and about 1.5 % of the others. 芒果一号酒店
 * used less after its trade fell off — flagged, and found normal on the visit. Deterministic.
 */
import { seededRandom } from '../../domain/shared/random.js';

export type DemoCardForAccount = {
  name: string; kind: string; industry: string | null; address: string; tapAccounts: string[]; households: number | null; persons: number | null;
  beds: number | null; gridCode: string; gridName: string; district: string; street: string;
};

export const DEMO_UTILITY_MONTHS = Array.from({ length: 24 }, (_, i) => `${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
export const DEMO_ACCOUNTS_HEADER = ['户号', '户名', '地址', '用水类别', '行业', '户数', '人数', '床位', '建筑面积', '网格编号'];
/** 中心医院 has no card: its grid comes from the company's own 网格编号 column. */
const HOSPITAL = { accountNo: '880001', name: '南阳市中心医院', address: '宛城区东关街道中心医院', beds: 600, persons: 900 };

const SEASON = [0.9, 0.85, 0.9, 0.95, 1.05, 1.15, 1.25, 1.25, 1.1, 1.0, 0.9, 0.9];
const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

type Plan = { row: string[]; litresPerDay: number; kind: 'normal' | 'well_always' | 'well_drop' | 'trade_fell'; from?: string; share?: number };

/** The two files as rows (header first) and the accounts behind which a well really is. */
export function demoUtilityFiles(cards: readonly DemoCardForAccount[], hospitalGridCode: string): { accounts: string[][]; readings: string[][]; wells: string[] } {
  const rand = seededRandom(20240105);
  const between = (a: number, b: number) => a + rand() * (b - a);
  const plans: Plan[] = [];
  let guangwu = false;
  cards.forEach((c, i) => {
    const account = c.tapAccounts[0];
    if (!account) return;
    if (c.kind === 'household' && i % 12 !== 0) return; // a sample of households keeps the demo small
    const residential = c.kind === 'household' || c.kind === 'village_house' || c.industry === '住宅小区';
    const persons = c.persons ?? (c.households ? Math.round(c.households * 2.8) : null);
    const beds = c.beds;
    let category = '非居民', industry = c.industry ?? (c.kind === 'shop' ? '商业' : ''), area = '';
    let litresPerDay = between(500, 3000);
    if (residential) {
      category = '居民';
      industry = '';
      litresPerDay = (persons ?? 3) * 110;
    } else if (c.industry === '宾馆酒店') {
      industry = '宾馆';
      litresPerDay = (beds ?? 50) * 250;
    } else if (c.industry === '医院') {
      industry = '医院';
      litresPerDay = (beds ?? 30) * 200;
    } else if (c.industry === '学校') {
      industry = '学校';
      litresPerDay = (persons ?? 100) * 30;
    } else if (c.industry === '洗浴') {
      industry = '浴池';
      const m2 = Math.round(between(300, 1200));
      area = String(m2);
      litresPerDay = m2 * 40;
    } else if (c.industry === '工业企业') industry = '工业';
    const row = [account, c.name, c.address, category, industry, c.households ? String(c.households) : '', persons !== null ? String(persons) : '', beds ? String(beds) : '', area, ''];
    let plan: Plan = { row, litresPerDay: litresPerDay * between(0.8, 1.2), kind: 'normal' };
    if (c.name === '漫香湖小区物业服务中心' && c.households === 420) plan = { ...plan, litresPerDay: litresPerDay * 0.95, kind: 'well_drop', from: '2022-09', share: 0.32 };
    else if (c.name === '芒果一号酒店') plan = { ...plan, litresPerDay, kind: 'trade_fell', from: '2023-03', share: 0.36 };
    else if (c.street === '光武街道' && c.industry === '住宅小区' && !guangwu) {
      guangwu = true;
      plan = { ...plan, kind: 'well_drop', from: '2023-05', share: 0.3 };
    } else if (c.kind !== 'household' && rand() < 0.015) plan = rand() < 0.5 ? { ...plan, kind: 'well_always', share: between(0.2, 0.5) } : { ...plan, kind: 'well_drop', from: DEMO_UTILITY_MONTHS[Math.floor(between(6, 18))]!, share: between(0.2, 0.55) };
    plans.push(plan);
  });
  plans.push({
    row: [HOSPITAL.accountNo, HOSPITAL.name, HOSPITAL.address, '非居民', '医院', '', String(HOSPITAL.persons), String(HOSPITAL.beds), '', hospitalGridCode],
    litresPerDay: HOSPITAL.beds * 200, kind: 'well_drop', from: '2023-06', share: 0.45,
  });
  const readings: string[][] = [['户号', '期间', '用水量']];
  for (const p of plans) {
    for (const month of DEMO_UTILITY_MONTHS) {
      const m = Number(month.slice(5)) - 1;
      let m3 = (p.litresPerDay * DAYS[m]! * SEASON[m]! * between(0.92, 1.08)) / 1000;
      if (p.kind === 'well_always' || ((p.kind === 'well_drop' || p.kind === 'trade_fell') && month >= p.from!)) m3 *= p.share!;
      readings.push([p.row[0]!, month, m3.toFixed(1)]);
    }
  }
  return {
    accounts: [DEMO_ACCOUNTS_HEADER, ...plans.map((p) => p.row)],
    readings,
    wells: plans.filter((p) => p.kind === 'well_always' || p.kind === 'well_drop').map((p) => p.row[0]!),
  };
}
