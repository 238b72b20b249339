/**
 * A finding (问题) and its rectification (整改) as an explicit transition table:
 * open 待整改 → rectifying 整改中 → submitted 已提交 (with evidence) → closed 已销号 (verified),
 * or submitted → returned 已退回 → submitted again. Every step is a dated event; a finding on any
 * day is its events replayed up to that day. Pure.
 */
export const FINDING_STATES = ['open', 'rectifying', 'submitted', 'returned', 'closed'] as const;
export type FindingState = (typeof FINDING_STATES)[number];
export const FINDING_STATE_LABELS: Record<FindingState, string> = { open: '待整改', rectifying: '整改中', submitted: '已提交', returned: '已退回', closed: '已销号' };

export const FINDING_EVENTS = ['start', 'submit', 'verify', 'return'] as const;
export type FindingEventKind = (typeof FINDING_EVENTS)[number];
export const FINDING_EVENT_LABELS: Record<FindingEventKind, string> = { start: '开始整改', submit: '提交整改材料', verify: '核验销号', return: '退回重改' };

/**
 * Built-in categories. `surveyWork`: a fault of the survey work itself (it goes into the summary's
 * opening sentence); the others are water users' violations. A missed well (漏排) sends the grid
 * back to surveying. Offices may add categories of their own; those are plain labels.
 */
export const FINDING_CATEGORIES = ['not_thorough', 'staff_absent', 'records_incomplete', 'missed', 'pledge_irregular', 'discharge', 'refusal', 'other'] as const;
export type BuiltInCategory = (typeof FINDING_CATEGORIES)[number];
export const FINDING_CATEGORY_LABELS: Record<BuiltInCategory, string> = {
  missed: '漏排', not_thorough: '排查不细', records_incomplete: '资料不健全', staff_absent: '人员不到位', pledge_irregular: '承诺书不规范',
  discharge: '外排', refusal: '拒不配合', other: '其他',
};
const SURVEY_WORK: ReadonlySet<string> = new Set(['staff_absent', 'not_thorough', 'missed', 'records_incomplete', 'pledge_irregular']);
/** How a category is named in the summary's opening sentence, in the order it is named there. */
export const SUMMARY_PHRASES: readonly (readonly [BuiltInCategory, string])[] = [
  ['staff_absent', '领导重视程度不够'],
  ['not_thorough', '排查不细不实'],
  ['missed', '排查质量不高'],
  ['records_incomplete', '台账资料不健全'],
  ['pledge_irregular', '承诺书签订不规范'],
];

const isBuiltIn = (c: string): c is BuiltInCategory => (FINDING_CATEGORIES as readonly string[]).includes(c);
export function categoryLabel(category: string): string {
  return isBuiltIn(category) ? FINDING_CATEGORY_LABELS[category] : category;
}
/** A category from what a user typed: a built-in code or label, or one of the office's own. */
export function categoryFromText(text: string, extra: readonly string[]): string | null {
  const t = text.trim();
  const built = FINDING_CATEGORIES.find((c) => c === t || FINDING_CATEGORY_LABELS[c] === t);
  if (built) return built;
  return extra.includes(t) ? t : null;
}
export const isSurveyWork = (category: string) => SURVEY_WORK.has(category);
export const isMissedWell = (category: string) => category === 'missed';

export type FindingEventData = { plan?: string; evidence?: string; reason?: string; imported?: boolean };
export type FindingEvent = { event: FindingEventKind; onDate: string; data: FindingEventData };
export type FindingFacts = { state: FindingState; submittedOn: string | null; closedOn: string | null; returns: number };

export class FindingRuleError extends Error {}

const FROM: Record<FindingEventKind, readonly FindingState[]> = {
  start: ['open'],
  submit: ['open', 'rectifying', 'returned'],
  verify: ['submitted'],
  return: ['submitted'],
};
const TO: Record<FindingEventKind, FindingState> = { start: 'rectifying', submit: 'submitted', verify: 'closed', return: 'returned' };
const REFUSED: Record<FindingState, string> = {
  open: '问题尚未提交整改材料',
  rectifying: '问题正在整改，请先提交整改材料',
  submitted: '整改材料已提交，等待核验',
  returned: '整改被退回，请重新提交整改材料',
  closed: '问题已销号',
};

export const NEW_FINDING: FindingFacts = { state: 'open', submittedOn: null, closedOn: null, returns: 0 };

export function findingEventProblems(event: FindingEventKind, d: FindingEventData): string[] {
  if (d.imported) return [];
  const out: string[] = [];
  if (event === 'submit' && !d.evidence?.trim()) out.push('请填写整改情况（做了什么、结果如何）');
  if (event === 'return' && !d.reason?.trim()) out.push('退回须填写原因');
  return out;
}

export function transitionFinding(f: FindingFacts, e: FindingEvent): FindingFacts {
  if (!FROM[e.event].includes(f.state)) throw new FindingRuleError(`不能${FINDING_EVENT_LABELS[e.event]}：${REFUSED[f.state]}`);
  const problems = findingEventProblems(e.event, e.data);
  if (problems.length) throw new FindingRuleError(problems.join('；'));
  const next: FindingFacts = { ...f, state: TO[e.event] };
  if (e.event === 'submit') next.submittedOn = e.onDate;
  if (e.event === 'verify') next.closedOn = e.onDate;
  if (e.event === 'return') Object.assign(next, { submittedOn: null, returns: f.returns + 1 });
  return next;
}

export function findingAsOf(events: readonly FindingEvent[], day: string): FindingFacts {
  let f = NEW_FINDING;
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.onDate === b.e.onDate ? a.i - b.i : a.e.onDate < b.e.onDate ? -1 : 1));
  for (const { e } of ordered) {
    if (e.onDate > day) break;
    f = transitionFinding(f, e);
  }
  return f;
}

export function nextFindingEvents(f: FindingFacts): FindingEventKind[] {
  return FINDING_EVENTS.filter((e) => FROM[e].includes(f.state));
}

/** Overdue: past its deadline and nothing submitted yet (a submission waiting for checks is not late). */
export function isFindingOverdue(f: FindingFacts, deadline: string | null, day: string): boolean {
  return deadline !== null && deadline < day && (f.state === 'open' || f.state === 'rectifying' || f.state === 'returned');
}

/**
 * A missed well (漏排) sends its grid back to surveying: when the grid's survey is completed, it is
 * reopened on the finding's date — or on the grid's last event, if that came later (a history
 * is never rewritten). Returns the reopen to record, or null when the grid is not completed.
 */
export function missedWellReopen(
  gridState: 'not_started' | 'in_progress' | 'completed',
  lastEventOn: string | null,
  finding: { foundOn: string; description: string },
): { event: 'reopen'; onDate: string; reason: string } | null {
  if (gridState !== 'completed') return null;
  const onDate = lastEventOn && lastEventOn > finding.foundOn ? lastEventOn : finding.foundOn;
  return { event: 'reopen', onDate, reason: `问题整改（漏排）：${finding.description.slice(0, 120)}` };
}

/** Rectification status names used in sheets (整改状态), to the state and the history it implies. */
export const SHEET_STATES: Record<string, FindingState> = {
  待整改: 'open', 未整改: 'open', 整改中: 'rectifying', 已提交: 'submitted', 待核验: 'submitted', 已退回: 'returned', 已销号: 'closed', 已整改: 'closed', 已完成: 'closed',
};
