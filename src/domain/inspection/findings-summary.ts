/**
 * The weekly findings summary (一周问题汇总) of a bulletin, written from the records: an opening
 * sentence naming the kinds of survey-work faults found, then one numbered paragraph per district
 * in org order — what was checked that week, then each finding. Faults of the survey work come
 * before water users' violations; each in date order. Findings with the same category and words at
 * several places are told once, naming the places. Pure.
 */
import { addDays } from '../shared/dates.js';
import { isSurveyWork, SUMMARY_PHRASES } from './finding.js';

export type SummaryUnit = { level: 'district' | 'street' | 'community' | 'grid'; name: string; street: string | null; community: string | null };
export type SummaryFinding = { id: number; foundOn: string; category: string; description: string; districtId: number; unit: SummaryUnit };
export type SummaryInspection = { id: number; onDate: string; units: (SummaryUnit & { districtId: number })[] };
export type SummaryDistrict = { id: number; name: string };
export type FindingsSummary = {
  from: string;
  to: string;
  intro: string;
  paragraphs: { districtId: number; district: string; heading: string; body: string; findingIds: number[] }[];
  text: string;
};

const NUMERALS = '一二三四五六七八九十';
export function chineseOrdinal(n: number): string {
  if (n <= 10) return NUMERALS[n - 1]!;
  if (n < 20) return `十${NUMERALS[n - 11]}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${NUMERALS[tens - 1]}十${ones ? NUMERALS[ones - 1] : ''}`;
}

/** 7 days ending on `to` (inclusive). */
export function weekEnding(to: string): { from: string; to: string } {
  return { from: addDays(to, -6), to };
}

const endSentence = (s: string) => (/[。！？.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}。`);

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items.at(-1)}`;
}

/** The place a finding is told at: 光武街道光彩社区, 卧龙岗街道, 光彩社区第1网格… */
function placeOf(u: SummaryUnit): string {
  if (u.level === 'district') return '';
  if (u.level === 'street') return u.name;
  if (u.level === 'community') return `${u.street ?? ''}${u.name}`;
  return `${u.street ?? ''}${u.name}`;
}
const mentions = (description: string, u: SummaryUnit) => [u.name, u.community, u.level === 'street' ? u.street : null].some((n) => !!n && description.includes(n));

/** "王村乡王村村、贺营村，光武街道光彩社区、榆树庄社区" — places grouped by street, in first-seen order. */
function placesList(units: readonly SummaryUnit[]): string {
  const byStreet = new Map<string, string[]>();
  for (const u of units) {
    const street = u.level === 'street' ? u.name : (u.street ?? '');
    const name = u.level === 'street' ? '' : u.name;
    const list = byStreet.get(street) ?? byStreet.set(street, []).get(street)!;
    if (name && !list.includes(name)) list.push(name);
  }
  return [...byStreet].map(([street, names]) => `${street}${names.join('、')}`).join('，');
}

/** "本周检查了王村乡 2 个村和光武街道 3 个社区。" from the communities (or grids) inspections looked at. */
function coverage(units: readonly SummaryUnit[]): string {
  const byStreet = new Map<string, Set<string>>();
  const streetsOnly: string[] = [];
  for (const u of units) {
    if (u.level === 'street') {
      if (!streetsOnly.includes(u.name)) streetsOnly.push(u.name);
      continue;
    }
    const community = u.level === 'community' ? u.name : u.community;
    if (!community || !u.street) continue;
    (byStreet.get(u.street) ?? byStreet.set(u.street, new Set()).get(u.street)!).add(community);
  }
  const parts = [...byStreet].map(([street, cs]) => {
    const villages = [...cs].every((c) => c.endsWith('村'));
    return `${street} ${cs.size} 个${villages ? '村' : '社区'}`;
  });
  for (const s of streetsOnly) if (!byStreet.has(s)) parts.push(s);
  return parts.length ? `本周检查了${joinList(parts)}。` : '';
}

export function findingsSummary(
  week: { from: string; to: string },
  districts: readonly SummaryDistrict[],
  findings: readonly SummaryFinding[],
  inspections: readonly SummaryInspection[],
  office = '市封停办',
): FindingsSummary {
  const inWeek = (d: string) => d >= week.from && d <= week.to;
  const mine = findings.filter((f) => inWeek(f.foundOn));
  const seenCategories = new Set(mine.filter((f) => isSurveyWork(f.category)).map((f) => f.category));
  const phrases = SUMMARY_PHRASES.filter(([c]) => seenCategories.has(c)).map(([, p]) => p);
  const intro = phrases.length
    ? `通过本周${office}的现场调研和工作督导，发现在排查工作中存在${phrases.join('、')}等问题。`
    : mine.length
      ? `通过本周${office}的现场调研和工作督导，发现以下问题。`
      : `本周${office}的现场调研和工作督导未发现新的问题。`;

  const paragraphs: FindingsSummary['paragraphs'] = [];
  for (const d of districts) {
    const fs = mine
      .filter((f) => f.districtId === d.id)
      .sort((a, b) => Number(isSurveyWork(b.category)) - Number(isSurveyWork(a.category)) || (a.foundOn < b.foundOn ? -1 : a.foundOn > b.foundOn ? 1 : a.id - b.id));
    const checked = inspections.filter((i) => inWeek(i.onDate)).flatMap((i) => i.units.filter((u) => u.districtId === d.id));
    const cover = coverage(checked);
    if (!fs.length && !cover) continue;
    // the same words at several places are told once
    const groups: SummaryFinding[][] = [];
    for (const f of fs) {
      const g = groups.find((x) => x[0]!.category === f.category && x[0]!.description.trim() === f.description.trim());
      if (g) g.push(f);
      else groups.push([f]);
    }
    const sentences = groups.map((g) => {
      const first = g[0]!;
      if (g.length > 1) return endSentence(`${placesList(g.map((f) => f.unit))}${first.description.trim()}`);
      return endSentence(mentions(first.description, first.unit) ? first.description : `${placeOf(first.unit)}${first.description.trim()}`);
    });
    const heading = `（${chineseOrdinal(paragraphs.length + 1)}）${d.name}`;
    paragraphs.push({ districtId: d.id, district: d.name, heading, body: `${cover}${sentences.join('')}`, findingIds: fs.map((f) => f.id) });
  }
  const text = [intro, ...paragraphs.map((p) => `${p.heading} ${p.body}`)].join('\n');
  return { from: week.from, to: week.to, intro, paragraphs, text };
}

/** A summary's text (generated or edited) back into its opening sentence and numbered paragraphs, for print. */
export function summaryParagraphs(text: string): { intro: string; paragraphs: { heading: string; body: string }[] } {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    intro: lines[0] ?? '',
    paragraphs: lines.slice(1).map((l) => {
      const m = /^(（[一二三四五六七八九十]+）\S+)\s*(.*)$/.exec(l);
      return m ? { heading: m[1]!, body: m[2]! } : { heading: '', body: l };
    }),
  };
}
