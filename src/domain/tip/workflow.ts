/**
 * A tip's workflow as an explicit transition table: 受理 received → 交办 assigned to a district
 * (which may pass it to a street) → 核查 investigated (有效 / 无效, with evidence) → 办结 closed with
 * a reply to the reporter → 复核 re-check by the city, which may reopen it. Every step is a dated
 * event; the tip on any day is its events replayed up to that day. Pure.
 */
export const TIP_STATES = ['received', 'assigned', 'investigated', 'closed'] as const;
export type TipState = (typeof TIP_STATES)[number];
export const TIP_STATE_LABELS: Record<TipState, string> = { received: '已受理', assigned: '已交办', investigated: '已核查', closed: '已办结' };

export const TIP_EVENTS = ['assign', 'pass', 'investigate', 'close', 'recheck', 'reopen'] as const;
export type TipEventKind = (typeof TIP_EVENTS)[number];
export const TIP_EVENT_LABELS: Record<TipEventKind, string> = { assign: '交办', pass: '转交街道', investigate: '核查', close: '办结', recheck: '复核通过', reopen: '复核退回' };

export const TIP_CHANNELS = ['web', 'hotline', 'phone', 'letter', 'visit', 'leader', 'media', 'wechat', 'ledger'] as const;
export type TipChannel = (typeof TIP_CHANNELS)[number];
export const TIP_CHANNEL_LABELS: Record<TipChannel, string> = {
  web: '网上举报', hotline: '12345热线', phone: '电话', letter: '来信', visit: '来访', leader: '领导批转', media: '媒体', wechat: '微信', ledger: '原台账',
};

export type TipEventData = {
  districtId?: number;
  streetId?: number;
  deadline?: string;
  result?: 'substantiated' | 'unsubstantiated';
  evidence?: string;
  wellId?: number;
  reply?: string;
  reason?: string;
  imported?: boolean;
};
export type TipEvent = { event: TipEventKind; onDate: string; data: TipEventData };
export type TipFacts = { state: TipState; districtId: number | null; streetId: number | null; result: 'substantiated' | 'unsubstantiated' | null; deadline: string | null; rechecked: boolean };

export class TipRuleError extends Error {}

const FROM: Record<TipEventKind, readonly TipState[]> = {
  assign: ['received'],
  pass: ['assigned'],
  investigate: ['assigned'],
  close: ['investigated'],
  recheck: ['closed'],
  reopen: ['closed'],
};
const TO: Record<TipEventKind, TipState> = { assign: 'assigned', pass: 'assigned', investigate: 'investigated', close: 'closed', recheck: 'closed', reopen: 'assigned' };
const REFUSED: Record<TipState, string> = {
  received: '线索尚未交办，请先交办到区',
  assigned: '线索正在核查中：请先登记核查结果',
  investigated: '线索已核查，请办结并答复举报人',
  closed: '线索已办结，只能复核',
};

export const NEW_TIP: TipFacts = { state: 'received', districtId: null, streetId: null, result: null, deadline: null, rechecked: false };

export function tipEventProblems(event: TipEventKind, d: TipEventData): string[] {
  if (d.imported) return [];
  const out: string[] = [];
  if (event === 'assign' && !d.districtId) out.push('请选择交办的区');
  if (event === 'pass' && !d.streetId) out.push('请选择转交的街道');
  if (event === 'investigate') {
    if (!d.result) out.push('请选择核查结果（有效/无效）');
    if (!d.evidence?.trim()) out.push('请填写核查情况（证据）');
  }
  if (event === 'close' && !d.reply?.trim()) out.push('请填写给举报人的答复');
  if (event === 'reopen' && !d.reason?.trim()) out.push('复核退回须填写原因');
  return out;
}

export function transitionTip(t: TipFacts, e: TipEvent): TipFacts {
  if (!FROM[e.event].includes(t.state)) throw new TipRuleError(`不能${TIP_EVENT_LABELS[e.event]}：${REFUSED[t.state]}`);
  if (e.event === 'pass' && t.streetId !== null) throw new TipRuleError('不能转交街道：线索已转交街道办理');
  const problems = tipEventProblems(e.event, e.data);
  if (problems.length) throw new TipRuleError(problems.join('；'));
  const next: TipFacts = { ...t, state: TO[e.event] };
  if (e.event === 'assign') Object.assign(next, { districtId: e.data.districtId ?? null, deadline: e.data.deadline ?? null });
  if (e.event === 'pass') next.streetId = e.data.streetId ?? null;
  if (e.event === 'investigate') next.result = e.data.result ?? null;
  if (e.event === 'recheck') next.rechecked = true;
  if (e.event === 'reopen') Object.assign(next, { result: null, rechecked: false });
  return next;
}

export function tipAsOf(events: readonly TipEvent[], day: string): TipFacts & { assignedOn: string | null; closedOn: string | null } {
  let t = NEW_TIP;
  let assignedOn: string | null = null;
  let closedOn: string | null = null;
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.onDate === b.e.onDate ? a.i - b.i : a.e.onDate < b.e.onDate ? -1 : 1));
  for (const { e } of ordered) {
    if (e.onDate > day) break;
    t = transitionTip(t, e);
    if (e.event === 'assign') assignedOn = e.onDate;
    if (e.event === 'close') closedOn = e.onDate;
    if (e.event === 'reopen') closedOn = null;
  }
  return { ...t, assignedOn, closedOn };
}

/** The steps that may come next; a tip merged into another is handled there, so it has none. */
export function nextTipEvents(t: TipFacts, opts: { merged?: boolean } = {}): TipEventKind[] {
  if (opts.merged) return [];
  return TIP_EVENTS.filter((e) => FROM[e].includes(t.state) && !(e === 'recheck' && t.rechecked) && !(e === 'pass' && t.streetId !== null));
}

/** The handling deadline: N working days after assignment (Saturdays and Sundays skipped). */
export function addWorkingDays(day: string, n: number): string {
  let d = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() + 86_400_000);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return d.toISOString().slice(0, 10);
}

export const DEFAULT_DEADLINE_WORKING_DAYS = 5;

export function isOverdue(t: TipFacts, day: string): boolean {
  return (t.state === 'assigned' || t.state === 'investigated') && t.deadline !== null && t.deadline < day;
}
