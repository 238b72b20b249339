/**
 * An enforcement case (执法案件): its violation, its state as an explicit transition table
 * (立案 → 调查 → 处罚决定 → 执行 → 结案, forward only, one step at a time, each dated), and its
 * number (宛水罚〔2024〕3号). A decision needs a penalty; closing needs the decision executed.
 * Illegal steps are refused in Chinese naming what is missing. Pure.
 */
export const CASE_STATES = ['filed', 'investigating', 'decided', 'enforcing', 'closed'] as const;
export type CaseState = (typeof CASE_STATES)[number];
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  filed: '立案', investigating: '调查', decided: '处罚决定', enforcing: '执行', closed: '结案',
};

/** The steps after filing; 'file' is the first event of every case. */
export const CASE_EVENTS = ['investigate', 'decide', 'enforce', 'close'] as const;
export type CaseEventKind = (typeof CASE_EVENTS)[number];
export type CaseHistoryEvent = 'file' | CaseEventKind;
export const CASE_EVENT_LABELS: Record<CaseHistoryEvent, string> = {
  file: '立案', investigate: '开始调查', decide: '作出处罚决定', enforce: '执行处罚', close: '结案',
};

export const VIOLATIONS = ['refused', 'concealed', 'reactivated', 'discharge', 'no_meter', 'other'] as const;
export type Violation = (typeof VIOLATIONS)[number];
export const VIOLATION_LABELS: Record<Violation, string> = {
  refused: '拒不配合', concealed: '隐瞒不报', reactivated: '私自启用', discharge: '外排', no_meter: '未装计量', other: '其他',
};
/** How a write-up names the violation: 隐瞒自备井不报 … */
export const VIOLATION_PHRASES: Record<Exclude<Violation, 'other'>, string> = {
  refused: '拒不配合自备井排查封停',
  concealed: '隐瞒自备井不报',
  reactivated: '私自启用已封存自备井',
  discharge: '地温空调回灌水外排',
  no_meter: '自备井未安装取水计量设施',
};

export function violationLabel(v: Violation, other: string | null): string {
  return v === 'other' && other ? `其他（${other}）` : VIOLATION_LABELS[v];
}

/** 拒不配合 / 隐瞒 / 其他：… → the code (and the text of “other”); null when unknown. */
export function violationFromText(text: string): { violation: Violation; other: string | null } | null {
  const t = text.trim();
  const m = /^其他[：:（(]?\s*(.*?)[）)]?$/.exec(t);
  if (m) return m[1] ? { violation: 'other', other: m[1] } : null;
  for (const v of VIOLATIONS) {
    if (v === 'other') continue;
    const label = VIOLATION_LABELS[v];
    if (t === v || t === label || (t.length >= 2 && label.startsWith(t))) return { violation: v, other: null };
  }
  return null;
}

export type Penalty = { fineYuan: number | null; otherMeasures: string };
export type CaseFacts = Penalty & { state: CaseState };
export type CaseEventData = { fineYuan?: number; otherMeasures?: string; decisionNo?: string; executionNote?: string; note?: string; imported?: boolean };
export type CaseEvent = { event: CaseEventKind; onDate: string; data: CaseEventData };

export class CaseRuleError extends Error {}

export function hasPenalty(p: Penalty): boolean {
  return (p.fineYuan !== null && p.fineYuan > 0) || p.otherMeasures.trim() !== '';
}

type Rule = { from: CaseState; to: CaseState; needs?: (f: CaseFacts, d: CaseEventData) => string | null };

/** The transition table: each step from exactly one state to the next. */
const RULES: Record<CaseEventKind, Rule> = {
  investigate: { from: 'filed', to: 'investigating' },
  decide: { from: 'investigating', to: 'decided', needs: (f) => (hasPenalty(f) ? null : '处罚决定须写明罚款金额或其他处罚措施') },
  enforce: { from: 'decided', to: 'enforcing' },
  close: { from: 'enforcing', to: 'closed', needs: (_f, d) => (d.imported || d.executionNote?.trim() ? null : '结案须写明处罚决定的执行情况（如罚款已缴纳、自备井已封填）') },
};

export const NEW_CASE: CaseFacts = { state: 'filed', fineYuan: null, otherMeasures: '' };

/** Applies one step; a decision takes the penalty it carries (or the case's own). Throws CaseRuleError. */
export function transitionCase(f: CaseFacts, e: CaseEvent): CaseFacts {
  const rule = RULES[e.event];
  if (f.state !== rule.from) {
    const at = CASE_STATES.indexOf(f.state);
    const wanted = CASE_STATES.indexOf(rule.from);
    throw new CaseRuleError(
      at > wanted
        ? `案件已处于“${CASE_STATE_LABELS[f.state]}”，不能退回或重复“${CASE_EVENT_LABELS[e.event]}”`
        : `不能${CASE_EVENT_LABELS[e.event]}：请先完成“${CASE_STATE_LABELS[rule.from]}”`,
    );
  }
  const next: CaseFacts = {
    ...f,
    state: rule.to,
    ...(e.event === 'decide' && e.data.fineYuan !== undefined ? { fineYuan: e.data.fineYuan } : {}),
    ...(e.event === 'decide' && e.data.otherMeasures !== undefined ? { otherMeasures: e.data.otherMeasures.trim() } : {}),
  };
  const problem = rule.needs?.(next, e.data) ?? null;
  if (problem) throw new CaseRuleError(problem);
  return next;
}

/** The one step a case may take next (none once closed). */
export function nextCaseEvents(state: CaseState): CaseEventKind[] {
  return CASE_EVENTS.filter((e) => RULES[e].from === state);
}

/** The events that bring a new case to `state` (for ledgers loaded from sheets). */
export function stepsTo(state: CaseState): CaseEventKind[] {
  return CASE_EVENTS.slice(0, CASE_STATES.indexOf(state));
}

export function isDecided(state: CaseState): boolean {
  return CASE_STATES.indexOf(state) >= CASE_STATES.indexOf('decided');
}

/** Edits keep what a step required: a decided case keeps a penalty. */
export function caseEditProblems(state: CaseState, p: Penalty): string[] {
  return isDecided(state) && !hasPenalty(p) ? ['已作出处罚决定的案件须保留罚款金额或其他处罚措施'] : [];
}

/** The office's case-number prefix (a setting); 宛水罚 in the demo. */
export const DEFAULT_CASE_PREFIX = '宛水罚';

/** 宛水罚〔2024〕3号 */
export function caseNumber(prefix: string, year: number, serial: number): string {
  return `${prefix}〔${year}〕${serial}号`;
}

/** 宛水罚〔2024〕3号 (or with [] () brackets) → { year, serial }; null when it is not a case number. */
export function parseCaseNumber(text: string): { year: number; serial: number } | null {
  const m = /[〔[(（](\d{4})[〕\])）]\s*第?(\d+)号$/.exec(text.trim());
  return m ? { year: Number(m[1]), serial: Number(m[2]) } : null;
}

/** The next free serial of a year, after those taken. */
export function nextSerial(taken: readonly number[]): number {
  return taken.reduce((m, n) => Math.max(m, n), 0) + 1;
}

/** ¥100,000 → 10万元; 12,500 → 12500元 (as a write-up prints a fine). */
export function fineText(yuan: number): string {
  if (yuan >= 10_000 && yuan % 10_000 === 0) return `${yuan / 10_000}万元`;
  if (yuan >= 10_000 && (yuan * 10) % 10_000 === 0) return `${yuan / 10_000}万元`;
  return `${Number.isInteger(yuan) ? yuan : yuan.toFixed(2)}元`;
}

/** 罚款金额 as written in sheets: 100000, 100,000, ¥100000, 10万, 10万元 → yuan; null when unreadable. */
export function parseFine(text: string): number | null {
  const t = text.replace(/[¥￥,，\s]/g, '').replace(/元$/, '');
  if (!t) return null;
  const wan = /^(\d+(?:\.\d+)?)万$/.exec(t);
  if (wan) return Math.round(Number(wan[1]) * 10_000 * 100) / 100;
  return /^\d+(?:\.\d{1,2})?$/.test(t) ? Number(t) : null;
}
