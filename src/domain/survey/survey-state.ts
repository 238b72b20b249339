/**
 * A grid's survey (网格排查) as an explicit transition table: not_started → in_progress →
 * completed, and completed → in_progress again when reopened with a reason. The state on any day
 * is the fold of the grid's dated events up to the end of that day. Pure.
 */
export const SURVEY_STATES = ['not_started', 'in_progress', 'completed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];
export type SurveyEventKind = 'start' | 'complete' | 'reopen';

export const SURVEY_STATE_LABELS: Record<SurveyState, string> = {
  not_started: '未开展',
  in_progress: '排查中',
  completed: '已完成',
};
export const SURVEY_EVENT_LABELS: Record<SurveyEventKind, string> = { start: '开始排查', complete: '完成排查', reopen: '重新打开' };

const TRANSITIONS: Record<SurveyState, Partial<Record<SurveyEventKind, SurveyState>>> = {
  not_started: { start: 'in_progress' },
  in_progress: { complete: 'completed' },
  completed: { reopen: 'in_progress' },
};

const REFUSALS: Record<SurveyState, string> = {
  not_started: '该网格尚未开始排查，请先开始排查（登记第一张一户一卡即自动开始）',
  in_progress: '该网格正在排查中，只能完成排查',
  completed: '该网格已完成排查，如需修改请先重新打开（须填写原因）',
};

export class SurveyRuleError extends Error {}

export function nextSurveyState(state: SurveyState, event: SurveyEventKind): SurveyState {
  const next = TRANSITIONS[state][event];
  if (!next) throw new SurveyRuleError(REFUSALS[state]);
  return next;
}

export type DatedEvent = { event: SurveyEventKind; onDate: string };

/** State at the end of `day` (YYYY-MM-DD); events are applied in date order, then in given order. */
export function surveyStateAt(events: readonly DatedEvent[], day: string): SurveyState {
  let state: SurveyState = 'not_started';
  for (const e of sortEvents(events)) {
    if (e.onDate > day) break;
    state = TRANSITIONS[state][e.event] ?? state;
  }
  return state;
}

function sortEvents<T extends DatedEvent>(events: readonly T[]): T[] {
  return events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.onDate === b.e.onDate ? a.i - b.i : a.e.onDate < b.e.onDate ? -1 : 1)).map((x) => x.e);
}

/** Checks that a new event may follow the grid's history on its date; returns the new state. */
export function applySurveyEvent(history: readonly DatedEvent[], next: DatedEvent & { reason?: string | null }, today: string): SurveyState {
  if (next.onDate > today) throw new SurveyRuleError('日期不能晚于今天');
  const last = sortEvents(history).at(-1);
  if (last && next.onDate < last.onDate) throw new SurveyRuleError(`日期不能早于上一次记录（${last.onDate}）`);
  if (next.event === 'reopen' && !next.reason?.trim()) throw new SurveyRuleError('重新打开须填写原因');
  return nextSurveyState(surveyStateAt(history, '9999-12-31'), next.event);
}
