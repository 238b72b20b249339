/**
 * The demo campaign's survey: dated grid events and 一户一卡 cards that reproduce the seed bulletin
 * 第12期 (as of 2024-01-12: 卧龙区 504/504/452, 宛城区 241/241/219, 高新区 118/118/118, 示范区
 * 289/289/289) and carry a few of each failure it describes. Deterministic (seeded).
 */
import type { CardInput } from '../../domain/survey/card-sheet.js';
import type { SurveyEventKind } from '../../domain/survey/survey-state.js';
import { seededRandom } from '../../domain/shared/random.js';

export type DemoGrid = { id: number; code: string; name: string; district: string; street: string; community: string };
export type DemoEvent = { gridId: number; event: SurveyEventKind; onDate: string; reason: string | null };
export type DemoCard = CardInput & { gridId: number };

/** Grids still being surveyed on 2024-01-12, by district and street (seed: 卧龙岗街道 staff were busy with demolition). */
const LATE: Record<string, { street: string; count: number }[]> = {
  卧龙区: [{ street: '卧龙岗街道', count: 52 }],
  宛城区: [{ street: '东关街道', count: 22 }],
};
/** Communities whose grids left shops and urban-village houses off their cards (seed 第12期). */
const NO_SHOPS = new Set(['王村乡/王村村', '王村乡/贺营村', '光武街道/光彩社区', '光武街道/榆树庄社区', '光武街道/麒麟社区']);
export const DEMO_REOPENED_GRID = '光彩社区第1网格';

const rng = seededRandom;

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '建国 秀英 桂兰 志强 丽娟 海燕 玉梅 卫东 春生 红霞 德华 淑珍 国庆 晓东 文静 宏伟 金凤 长林 保国 素芬 凤英 永刚 明亮 建军 翠兰 振华 立新 玉兰 俊杰 雪梅'.split(' ');
const SHOPS = ['便民超市', '家常菜馆', '理发店', '洗车行', '五金店', '早餐店', '药店', '烟酒商行', '水果店', '干洗店', '面馆', '茶叶店'];
const UNITS: { name: string; industry: string; beds?: boolean }[] = [
  { name: '小区物业服务中心', industry: '住宅小区' },
  { name: '宾馆', industry: '宾馆酒店', beds: true },
  { name: '第二小学', industry: '学校' },
  { name: '社区卫生服务站', industry: '医院', beds: true },
  { name: '洗浴中心', industry: '洗浴' },
  { name: '机械厂', industry: '工业企业' },
  { name: '幼儿园', industry: '学校' },
];

export function demoSurvey(grids: readonly DemoGrid[]): { events: DemoEvent[]; cards: DemoCard[] } {
  const rand = rng(20240112);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const between = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const events: DemoEvent[] = [];
  const cards: DemoCard[] = [];
  const lateLeft = new Map<string, number>(Object.entries(LATE).flatMap(([d, ss]) => ss.map((s) => [`${d}/${s.street}`, s.count] as const)));
  let account = 101_000_000;

  for (const g of grids) {
    const startedOn = addDays('2023-12-04', between(0, 24));
    const lateKey = `${g.district}/${g.street}`;
    const late = (lateLeft.get(lateKey) ?? 0) > 0;
    if (late) lateLeft.set(lateKey, lateLeft.get(lateKey)! - 1);
    const completedOn = late ? addDays('2024-01-15', between(0, 40)) : addDays(startedOn, between(8, Math.max(8, Math.floor((Date.parse('2024-01-12') - Date.parse(startedOn)) / 86_400_000))));
    events.push({ gridId: g.id, event: 'start', onDate: startedOn, reason: null });
    events.push({ gridId: g.id, event: 'complete', onDate: completedOn, reason: null });
    if (g.name === DEMO_REOPENED_GRID) {
      events.push({ gridId: g.id, event: 'reopen', onDate: '2024-01-13', reason: '市封停办督导发现：沿街门店和城中村住户未纳入一户一卡登记，须补充排查' });
    }

    const village = g.community.endsWith('村');
    const noShops = NO_SHOPS.has(`${g.street}/${g.community}`);
    const count = between(8, 18);
    const cardDay = () => addDays(startedOn, between(0, Math.max(0, Math.floor((Date.parse(completedOn) - Date.parse(startedOn)) / 86_400_000))));
    const base = (kind: DemoCard['kind'], name: string, extra: Partial<DemoCard>): DemoCard => {
      const surveyedOn = cardDay();
      return {
        gridId: g.id, kind, name, address: `${g.street}${g.community}${between(1, 40)}号`, contactName: null, contactPhone: null,
        industry: null, tapAccounts: [String(account++)], households: null, persons: null, beds: null, areaM2: null, wellsDeclared: 0,
        waterSource: 'tap', lat: 32.99 + rand() * 0.08, lng: 112.48 + rand() * 0.12, surveyedBy: `网格员 ${pick([...SURNAMES])}${pick(GIVEN)}`,
        surveyedOn, remarks: null, pledgeSigned: true, pledgeStamped: false, pledgeDate: surveyedOn, ...extra,
      };
    };
    for (let i = 0; i < count; i++) {
      const who = `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${pick(GIVEN)}`;
      if (village && !noShops && rand() < 0.5) {
        // urban-village houses: some still drink from their own shallow wells
        const wells = rand() < 0.15 ? 1 : 0;
        const onlyWell = wells > 0 && rand() < 0.5;
        cards.push(base('village_house', `${who}户`, {
          households: 1, persons: between(2, 6), wellsDeclared: wells,
          waterSource: wells ? (onlyWell ? 'well' : 'both') : 'tap', ...(onlyWell ? { tapAccounts: [] } : {}),
        }));
      } else {
        cards.push(base('household', `${who}户`, { households: 1, persons: between(1, 5) }));
      }
    }
    if (!noShops) {
      for (let i = 0, n = between(1, 3); i < n; i++) {
        cards.push(base('shop', `${g.community.replace(/社区|村$/, '')}${pick(SHOPS)}`, { industry: '商业', contactName: `${pick([...SURNAMES])}${pick(GIVEN)}` }));
      }
    }
    if (rand() < 0.35) {
      const u = pick(UNITS);
      cards.push(base('unit', `${g.community.replace(/社区|村$/, '')}${u.name}`, { industry: u.industry, pledgeStamped: rand() > 0.04, persons: between(20, 300), ...(u.beds ? { beds: between(20, 200) } : {}) }));
    }
  }

  // the units the seed names, with the failures it describes
  const special: Record<string, Partial<DemoCard> & { name: string; kind: DemoCard['kind'] }> = {
    '七里园社区第1网格': { name: '漫香湖小区物业服务中心', kind: 'unit', industry: '住宅小区', households: 420, persons: 1180, pledgeStamped: false, remarks: '申报无自备井' },
    '七里园社区第2网格': { name: '芒果一号酒店', kind: 'unit', industry: '宾馆酒店', beds: 160, persons: 60, pledgeStamped: true },
    '三川社区第1网格': { name: '三川盛唐商务苑物业', kind: 'unit', industry: '住宅小区', households: 380, persons: 1060, pledgeStamped: true, remarks: '一直上报无自备井' },
    '兴隆社区第1网格': { name: '人力大厦（地温空调）', kind: 'unit', industry: '商业', wellsDeclared: 1, waterSource: 'both', pledgeStamped: true, remarks: '申报地温空调自备井 1 眼' },
    '长江社区第1网格': { name: '鸿运招待所', kind: 'unit', industry: '宾馆酒店', beds: 40, pledgeStamped: true },
    '荷花广场社区第1网格': { name: '向阳荷花广场小区物业', kind: 'unit', industry: '住宅小区', households: 260, persons: 730, pledgeStamped: true },
  };
  for (const g of grids) {
    const s = special[g.name];
    if (!s) continue;
    const surveyedOn = events.find((e) => e.gridId === g.id && e.event === 'start')!.onDate;
    cards.push({
      gridId: g.id, address: `${g.street}${g.community}`, contactName: null, contactPhone: null, industry: null, tapAccounts: [String(account++)],
      households: null, persons: null, beds: null, areaM2: null, wellsDeclared: 0, waterSource: 'tap', lat: 33.0, lng: 112.53,
      surveyedBy: '网格员 李娜', surveyedOn, remarks: null, pledgeSigned: true, pledgeStamped: false, pledgeDate: surveyedOn, ...s,
    });
  }
  return { events, cards };
}
