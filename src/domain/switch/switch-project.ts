/**
 * Source-switch projects (水源置换 / 管网改造): a community's pipe-network retrofit that brings tap
 * water before its wells may be sealed (先供水、后封井). The states in their order, what a project's
 * dates and progress must agree with, and what a progress update may do. Pure.
 */
export const SWITCH_STATES = ['planning', 'negotiating', 'started', 'finished', 'supplied'] as const;
export type SwitchState = (typeof SWITCH_STATES)[number];

export const SWITCH_STATE_LABELS: Record<SwitchState, string> = {
  planning: '规划',
  negotiating: '协商',
  started: '开工',
  finished: '完工',
  supplied: '通水',
};

const STATE_ALIASES: Record<string, SwitchState> = {
  规划中: 'planning', 协商中: 'negotiating', 已开工: 'started', 施工中: 'started', 在建: 'started', 已完工: 'finished', 已通水: 'supplied',
};

/** '开工', '已开工', 'started' → 'started'; anything else → null. */
export function switchStateFromText(text: string): SwitchState | null {
  const t = text.trim();
  if ((SWITCH_STATES as readonly string[]).includes(t)) return t as SwitchState;
  const byLabel = SWITCH_STATES.find((s) => SWITCH_STATE_LABELS[s] === t);
  return byLabel ?? STATE_ALIASES[t] ?? null;
}

export const stateRank = (s: SwitchState): number => SWITCH_STATES.indexOf(s);

/** Whether the works should be finished by now and are not. */
export function isSwitchOverdue(p: { state: SwitchState; plannedFinish: string | null }, today: string): boolean {
  return p.plannedFinish !== null && p.plannedFinish < today && stateRank(p.state) < stateRank('finished');
}

export type SwitchFacts = { state: SwitchState; progress: number; startedOn: string | null; plannedFinish: string | null; finishedOn: string | null };

/** What is inconsistent between a project's state, progress and dates (empty when none). */
export function switchProblems(p: SwitchFacts): { field: 'state' | 'progress' | 'startedOn' | 'plannedFinish' | 'finishedOn'; message: string }[] {
  const out: ReturnType<typeof switchProblems> = [];
  const rank = stateRank(p.state);
  if (!Number.isInteger(p.progress) || p.progress < 0 || p.progress > 100) out.push({ field: 'progress', message: '进度应为 0 至 100 的整数' });
  if (rank >= stateRank('started') && !p.startedOn) out.push({ field: 'startedOn', message: `状态为“${SWITCH_STATE_LABELS[p.state]}”，请填写开工日期` });
  if (rank >= stateRank('finished')) {
    if (!p.finishedOn) out.push({ field: 'finishedOn', message: `状态为“${SWITCH_STATE_LABELS[p.state]}”，请填写实际完工日期` });
    if (p.progress !== 100) out.push({ field: 'progress', message: '完工后进度应为 100%' });
  } else if (p.finishedOn) {
    out.push({ field: 'finishedOn', message: '尚未完工，不能填写实际完工日期' });
  }
  if (rank < stateRank('started') && p.progress > 0) out.push({ field: 'progress', message: '尚未开工，进度应为 0' });
  if (p.startedOn && p.plannedFinish && p.plannedFinish < p.startedOn) out.push({ field: 'plannedFinish', message: '计划完工日期早于开工日期' });
  if (p.startedOn && p.finishedOn && p.finishedOn < p.startedOn) out.push({ field: 'finishedOn', message: '实际完工日期早于开工日期' });
  return out;
}

export class SwitchRuleError extends Error {}

/**
 * A progress update (更新进度): the project's new facts. Entering 开工 records the start date,
 * entering 完工 the finish date and 100 %; a state never goes back, and an update is never dated
 * before the last one nor after today.
 */
export function applyProgressUpdate(
  current: SwitchFacts & { lastOn: string | null },
  update: { state: SwitchState; progress: number; onDate: string },
  today: string,
): SwitchFacts {
  if (update.onDate > today) throw new SwitchRuleError('日期不能晚于今天');
  if (current.lastOn && update.onDate < current.lastOn) throw new SwitchRuleError(`日期不能早于上一条记录（${current.lastOn}）`);
  if (stateRank(update.state) < stateRank(current.state)) {
    throw new SwitchRuleError(`状态不能从“${SWITCH_STATE_LABELS[current.state]}”退回“${SWITCH_STATE_LABELS[update.state]}”`);
  }
  const rank = stateRank(update.state);
  const next: SwitchFacts = {
    state: update.state,
    progress: rank >= stateRank('finished') ? 100 : update.progress,
    startedOn: rank >= stateRank('started') ? (current.startedOn ?? update.onDate) : current.startedOn,
    plannedFinish: current.plannedFinish,
    finishedOn: rank >= stateRank('finished') ? (current.finishedOn ?? update.onDate) : current.finishedOn,
  };
  const problems = switchProblems(next);
  if (problems.length) throw new SwitchRuleError(problems.map((p) => p.message).join('；'));
  return next;
}

/** The day a project's present state began, for the first entry of its history. */
export function stateSince(p: SwitchFacts, today: string): string {
  const rank = stateRank(p.state);
  if (rank >= stateRank('finished') && p.finishedOn) return p.finishedOn;
  if (rank >= stateRank('started') && p.startedOn) return p.startedOn;
  return today;
}
