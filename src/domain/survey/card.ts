/** One card per water user (一户一卡) and its pledge (承诺书): kinds, labels and the rules. Pure. */
export const CARD_KINDS = ['household', 'unit', 'shop', 'village_house', 'other'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
export const CARD_KIND_LABELS: Record<CardKind, string> = {
  household: '居民户',
  unit: '单位',
  shop: '沿街门店',
  village_house: '城中村住户',
  other: '其他',
};

export const WATER_SOURCES = ['tap', 'well', 'both', 'none'] as const;
export type WaterSource = (typeof WATER_SOURCES)[number];
export const WATER_SOURCE_LABELS: Record<WaterSource, string> = { tap: '自来水', well: '自备井', both: '自来水和自备井', none: '无' };

export type PledgeFacts = { kind: CardKind; pledgeSigned: boolean; pledgeStamped: boolean };
export type PledgeStatus = 'unsigned' | 'unstamped' | 'complete';
export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = { unsigned: '未签承诺书', unstamped: '单位未盖章', complete: '齐全' };

/** Units must stamp (盖章) their pledge; households, shops and houses sign only. */
export const STAMP_REQUIRED_KINDS: readonly CardKind[] = ['unit'];
export function stampRequired(kind: CardKind): boolean {
  return STAMP_REQUIRED_KINDS.includes(kind);
}

export function pledgeStatus(c: PledgeFacts): PledgeStatus {
  if (!c.pledgeSigned) return 'unsigned';
  if (stampRequired(c.kind) && !c.pledgeStamped) return 'unstamped';
  return 'complete';
}

/** A user with no tap-water account is a candidate for a hidden well (it drinks from somewhere). */
export function lacksTapAccount(c: { tapAccounts: readonly string[] }): boolean {
  return c.tapAccounts.length === 0;
}

/** Checks a card's fields that no schema can: returns Chinese messages keyed by field. */
export function cardProblems(c: {
  waterSource: WaterSource;
  wellsDeclared: number;
  tapAccounts: readonly string[];
  pledgeStamped: boolean;
  pledgeSigned: boolean;
  surveyedOn: string;
  pledgeDate: string | null;
}, today: string): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  if ((c.waterSource === 'well' || c.waterSource === 'both') && c.wellsDeclared === 0) {
    out.push({ field: 'wellsDeclared', message: '水源含自备井，申报自备井数不能为 0' });
  }
  if (c.wellsDeclared > 0 && (c.waterSource === 'tap' || c.waterSource === 'none')) {
    out.push({ field: 'waterSource', message: '申报了自备井，水源应为“自备井”或“自来水和自备井”' });
  }
  if ((c.waterSource === 'tap' || c.waterSource === 'both') && c.tapAccounts.length === 0) {
    out.push({ field: 'tapAccounts', message: '水源含自来水，请填写自来水户号' });
  }
  if (c.pledgeStamped && !c.pledgeSigned) out.push({ field: 'pledgeStamped', message: '承诺书未签字不能只盖章' });
  if (c.surveyedOn > today) out.push({ field: 'surveyedOn', message: '排查日期不能晚于今天' });
  if (c.pledgeDate && c.pledgeDate > today) out.push({ field: 'pledgeDate', message: '承诺书日期不能晚于今天' });
  return out;
}
