/** 举报线索办理情况表: DESIGN.md figure 1, and duplicate suggestion. Pure. */
import { floorPercent } from '../survey/progress-table.js';
import { distanceMetres } from '../well/well.js';
import { mdRow } from '../shared/markdown.js';

export type TipCounts = { received: number; assigned: number; closed: number; substantiated: number };
export type TipSummaryRow = { district: string } & TipCounts & { closureRate: string };
export type TipSummary = { asOf: string; total: TipCounts & { closureRate: string }; rows: TipSummaryRow[] };

/** `unassigned`: tips received by the cut-off but not yet given to any district (counted in 合计 only). */
export function tipSummary(asOf: string, districts: readonly ({ district: string } & TipCounts)[], unassigned = 0): TipSummary {
  const total = districts.reduce(
    (t, d) => ({ received: t.received + d.received, assigned: t.assigned + d.assigned, closed: t.closed + d.closed, substantiated: t.substantiated + d.substantiated }),
    { received: unassigned, assigned: 0, closed: 0, substantiated: 0 },
  );
  return {
    asOf,
    total: { ...total, closureRate: floorPercent(total.closed, total.assigned) },
    rows: districts.map((d) => ({ district: d.district, received: d.received, assigned: d.assigned, closed: d.closed, closureRate: floorPercent(d.closed, d.assigned), substantiated: d.substantiated })),
  };
}

export function tipSummaryMarkdown(t: TipSummary): string {
  const [y, m, d] = t.asOf.split('-').map(Number);
  return [
    '中心城区自备井专项整治“飓风”行动举报线索办理情况表',
    '',
    `截止日期：${y}年${m}月${d}日`,
    '',
    '| 区域 \\ 类别 | 受理（件） | 交办（件） | 办结（件） | 办结率 | 有效（件） |',
    '|---|---:|---:|---:|---:|---:|',
    mdRow(['合计', t.total.received, t.total.assigned, t.total.closed, t.total.closureRate, t.total.substantiated]),
    ...t.rows.map((r) => mdRow([r.district, r.received, r.assigned, r.closed, r.closureRate, r.substantiated])),
  ].join('\n') + '\n';
}

/** Character bigrams' Jaccard similarity: a plain measure that works on short Chinese texts. */
export function textSimilarity(a: string, b: string): number {
  const grams = (s: string) => {
    const t = s.replace(/\s+/g, '');
    const out = new Set<string>();
    for (let i = 0; i < t.length - 1; i++) out.add(t.slice(i, i + 2));
    return out;
  };
  const x = grams(a), y = grams(b);
  if (x.size === 0 || y.size === 0) return 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both += 1;
  return both / (x.size + y.size - both);
}

export type DuplicateCandidate = { id: number; content: string; receivedOn: string; gridId: number | null; lat: number | null; lng: number | null };

/** “May be a duplicate of …”: same grid or within `metres`, similar text, received in the last `days` days. */
export function suggestDuplicates(tip: DuplicateCandidate, others: readonly DuplicateCandidate[], opts = { metres: 300, days: 30, similarity: 0.25 }): { id: number; similarity: number }[] {
  const from = new Date(Date.parse(`${tip.receivedOn}T00:00:00Z`) - opts.days * 86_400_000).toISOString().slice(0, 10);
  return others
    .filter((o) => o.id !== tip.id && o.receivedOn >= from && o.receivedOn <= tip.receivedOn)
    .filter((o) => (tip.gridId !== null && o.gridId === tip.gridId) || (tip.lat !== null && tip.lng !== null && o.lat !== null && o.lng !== null && distanceMetres({ lat: tip.lat, lng: tip.lng }, { lat: o.lat, lng: o.lng }) <= opts.metres))
    .map((o) => ({ id: o.id, similarity: Math.round(textSimilarity(tip.content, o.content) * 100) / 100 }))
    .filter((o) => o.similarity >= opts.similarity)
    .sort((a, b) => b.similarity - a.similarity);
}
