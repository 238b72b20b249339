/**
 * A grid's water-use summary (网格用水汇总) and well summary (网格自备井汇总), generated from its
 * cards, never typed; and the checklist a grid must pass before its survey is completed. Pure.
 */
import { CARD_KINDS, lacksTapAccount, pledgeStatus, type CardKind, type PledgeFacts } from './card.js';

export type CardFacts = PledgeFacts & {
  name: string;
  industry: string | null;
  tapAccounts: readonly string[];
  wellsDeclared: number;
  households: number | null;
  persons: number | null;
};

export type GridSummary = {
  cards: number;
  byKind: Record<CardKind, number>;
  byIndustry: { industry: string; cards: number }[];
  households: number;
  persons: number;
  tapAccounts: number;
  cardsWithoutTap: number;
  wellsDeclared: number;
  cardsWithWells: number;
  pledges: { complete: number; unsigned: number; unstamped: number };
};

export function summarizeGrid(cards: readonly CardFacts[]): GridSummary {
  const byKind = Object.fromEntries(CARD_KINDS.map((k) => [k, 0])) as Record<CardKind, number>;
  const industries = new Map<string, number>();
  const accounts = new Set<string>();
  const pledges = { complete: 0, unsigned: 0, unstamped: 0 };
  let households = 0, persons = 0, wells = 0, withWells = 0, withoutTap = 0;
  for (const c of cards) {
    byKind[c.kind] += 1;
    const ind = c.industry?.trim() || '未分类';
    industries.set(ind, (industries.get(ind) ?? 0) + 1);
    for (const a of c.tapAccounts) accounts.add(a);
    households += c.households ?? (c.kind === 'household' || c.kind === 'village_house' ? 1 : 0);
    persons += c.persons ?? 0;
    wells += c.wellsDeclared;
    if (c.wellsDeclared > 0) withWells += 1;
    if (lacksTapAccount(c)) withoutTap += 1;
    pledges[pledgeStatus(c)] += 1;
  }
  return {
    cards: cards.length,
    byKind,
    byIndustry: [...industries].map(([industry, n]) => ({ industry, cards: n })).sort((a, b) => b.cards - a.cards || a.industry.localeCompare(b.industry, 'zh')),
    households,
    persons,
    tapAccounts: accounts.size,
    cardsWithoutTap: withoutTap,
    wellsDeclared: wells,
    cardsWithWells: withWells,
    pledges,
  };
}

export type ChecklistItem = { key: 'cards' | 'pledges' | 'stamps' | 'summaries'; label: string; ok: boolean; detail: string };

const names = (cs: readonly { name: string }[]) => cs.slice(0, 5).map((c) => c.name).join('、') + (cs.length > 5 ? ` 等 ${cs.length} 户` : '');

/** What must hold before a grid's survey is completed (by its street/community office). */
export function completionChecklist(cards: readonly CardFacts[]): ChecklistItem[] {
  const unsigned = cards.filter((c) => pledgeStatus(c) === 'unsigned');
  const unstamped = cards.filter((c) => pledgeStatus(c) === 'unstamped');
  return [
    { key: 'cards', label: '已登记一户一卡', ok: cards.length > 0, detail: cards.length > 0 ? `共 ${cards.length} 户` : '本网格还没有登记任何用水户' },
    { key: 'pledges', label: '每户都签订了承诺书', ok: unsigned.length === 0, detail: unsigned.length ? `未签：${names(unsigned)}` : '全部已签字' },
    { key: 'stamps', label: '单位承诺书已盖章', ok: unstamped.length === 0, detail: unstamped.length ? `未盖章：${names(unstamped)}` : '全部单位已盖章' },
    { key: 'summaries', label: '网格用水汇总、自备井汇总已生成', ok: cards.length > 0, detail: '完成时由一户一卡自动生成并存档' },
  ];
}

export function checklistPasses(items: readonly ChecklistItem[]): boolean {
  return items.every((i) => i.ok);
}
