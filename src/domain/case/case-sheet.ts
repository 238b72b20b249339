/**
 * Cases kept in spreadsheets (columns 案件编号, 立案日期, 区, 当事人, 违法类型, 法律依据, 罚款金额,
 * 状态, 结案日期). Pure: every bad row, or the cases with the dated history their state implies.
 * A blank 案件编号 takes the next free number of its year.
 */
import type { RowError } from '../org/org-import.js';
import { eachSheetRow } from '../shared/sheet-rows.js';
import { parseDay } from '../shared/dates.js';
import {
  CASE_STATE_LABELS, CASE_STATES, isDecided, NEW_CASE, parseCaseNumber, parseFine, stepsTo, transitionCase, violationFromText, VIOLATION_LABELS, VIOLATIONS,
  type CaseEvent, type CaseState, type Violation,
} from './case.js';
import { parseLegalBasis } from './legal-basis.js';

export const CASE_SHEET_COLUMNS = ['案件编号', '立案日期', '区', '当事人', '违法类型', '法律依据', '罚款金额', '状态', '结案日期'] as const;
const REQUIRED = new Set(['立案日期', '区', '当事人', '违法类型']);

export type PlannedCase = {
  rowNumber: number;
  /** null: the next free number of the year */
  number: string | null;
  year: number;
  serial: number | null;
  filedOn: string;
  districtId: number;
  partyName: string;
  violation: Violation;
  violationOther: string | null;
  legalBasis: string[];
  fineYuan: number | null;
  state: CaseState;
  events: CaseEvent[];
};

const STATE_BY_TEXT: Record<string, CaseState> = Object.fromEntries([
  ...CASE_STATES.map((s) => [CASE_STATE_LABELS[s], s]),
  ...CASE_STATES.map((s) => [s, s]),
  ['已立案', 'filed'], ['调查中', 'investigating'], ['已作出处罚决定', 'decided'], ['已决定', 'decided'], ['执行中', 'enforcing'], ['已结案', 'closed'],
]);

export function planCaseSheet(
  header: readonly string[],
  body: readonly (readonly string[])[],
  firstDataRow: number,
  ctx: { districts: readonly { id: number; name: string; shortName: string | null }[]; takenNumbers: ReadonlySet<string>; /** `${year}/${serial}` of the cases on file */ takenSerials: ReadonlySet<string>; today: string },
): { cases: PlannedCase[]; errors: RowError[] } {
  const cases: PlannedCase[] = [];
  const seen = new Map<string, number>();
  const errors = eachSheetRow({ header, body, firstDataRow }, { all: CASE_SHEET_COLUMNS, required: REQUIRED, aliases: { 区: ['所属区'], 罚款金额: ['罚款金额（元）', '罚款'] } }, ({ row, cell, fail, failed }) => {
    const day = (c: string) => {
      const t = cell(c);
      if (!t) return null;
      const d = parseDay(t);
      if (!d) return fail(c, `“${t}”不是有效日期`), null;
      if (d > ctx.today) return fail(c, '不能晚于今天'), null;
      return d;
    };
    const filedOn = day('立案日期');
    const closedOn = day('结案日期');
    if (filedOn && closedOn && closedOn < filedOn) fail('结案日期', '结案日期早于立案日期');

    const numberText = cell('案件编号');
    const parsed = numberText ? parseCaseNumber(numberText) : null;
    if (numberText && !parsed) fail('案件编号', `“${numberText}”不是案件编号（应如 宛水罚〔2024〕3号），不填则自动编号`);
    if (numberText && ctx.takenNumbers.has(numberText)) fail('案件编号', `案件编号“${numberText}”已存在`);
    if (parsed && !ctx.takenNumbers.has(numberText) && ctx.takenSerials.has(`${parsed.year}/${parsed.serial}`)) fail('案件编号', `${parsed.year}年第${parsed.serial}号已被其他案件使用`);
    if (numberText && seen.has(numberText)) fail('案件编号', `与第${seen.get(numberText)}行的案件编号重复`);
    if (numberText) seen.set(numberText, row);

    const districtText = cell('区');
    const district = districtText ? ctx.districts.find((d) => d.name === districtText || d.shortName === districtText) : undefined;
    if (districtText && !district) fail('区', `区“${districtText}”不存在或不在管辖范围内`);

    const v = cell('违法类型') ? violationFromText(cell('违法类型')) : null;
    if (cell('违法类型') && !v) fail('违法类型', `应为 ${VIOLATIONS.filter((x) => x !== 'other').map((x) => VIOLATION_LABELS[x]).join('、')} 之一，或写成“其他：说明”`);

    const basis = parseLegalBasis(cell('法律依据'));
    if (basis.unknown.length) fail('法律依据', `不认识“${basis.unknown.join('、')}”（应如《地下水管理条例》第五十八条）`);

    const fineText = cell('罚款金额');
    const fineYuan = fineText ? parseFine(fineText) : null;
    if (fineText && fineYuan === null) fail('罚款金额', `“${fineText}”不是金额（元）`);

    const stateText = cell('状态');
    const state: CaseState | undefined = stateText ? STATE_BY_TEXT[stateText] : closedOn ? 'closed' : 'filed';
    if (!state) fail('状态', `应为 ${CASE_STATES.map((s) => CASE_STATE_LABELS[s]).join('、')} 之一`);
    if (state && isDecided(state) && !(fineYuan && fineYuan > 0)) fail('罚款金额', `状态为“${CASE_STATE_LABELS[state]}”的案件须填写罚款金额（处罚决定须有处罚）`);
    if (state === 'closed' && !closedOn) fail('结案日期', '已结案的案件须填写结案日期');
    if (state && state !== 'closed' && closedOn) fail('结案日期', `状态为“${CASE_STATE_LABELS[state]}”的案件不应有结案日期`);
    if (failed() || !filedOn || !district || !v || !state) return;

    const events: CaseEvent[] = stepsTo(state).map((event) => ({
      event,
      onDate: event === 'close' ? closedOn! : filedOn,
      data: { imported: true, ...(event === 'decide' && fineYuan !== null ? { fineYuan } : {}) },
    }));
    let facts = NEW_CASE;
    for (const e of events) facts = transitionCase(facts, e);
    cases.push({
      rowNumber: row, number: numberText || null, year: parsed?.year ?? Number(filedOn.slice(0, 4)), serial: parsed?.serial ?? null, filedOn, districtId: district.id,
      partyName: cell('当事人'), violation: v.violation, violationOther: v.other, legalBasis: basis.codes, fineYuan, state, events,
    });
  });
  // two blank numbers can share a year; numbered rows must not clash on (year, serial) either
  const pairs = new Map<string, number>();
  for (const c of cases) {
    if (c.serial === null) continue;
    const key = `${c.year}/${c.serial}`;
    if (pairs.has(key)) errors.push({ row: c.rowNumber, column: '案件编号', message: `与第${pairs.get(key)}行同年同号` });
    pairs.set(key, c.rowNumber);
  }
  return { cases: errors.length ? [] : cases, errors };
}
