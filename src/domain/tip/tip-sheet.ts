/**
 * Tips kept in spreadsheets before the platform (columns 线索编号, 受理日期, 来源渠道, 所属区, 交办日期,
 * 办结日期, 是否有效, 内容). Pure: every bad row, or the tips with the dated history they imply.
 */
import type { RowError } from '../org/org-import.js';
import { eachSheetRow } from '../shared/sheet-rows.js';
import { parseDay } from '../shared/dates.js';
import { addWorkingDays, DEFAULT_DEADLINE_WORKING_DAYS, NEW_TIP, transitionTip, TIP_CHANNEL_LABELS, TIP_CHANNELS, type TipChannel, type TipEvent } from './workflow.js';

export const TIP_SHEET_COLUMNS = ['线索编号', '受理日期', '来源渠道', '所属区', '交办日期', '办结日期', '是否有效', '内容'] as const;
const REQUIRED = new Set(['线索编号', '受理日期', '内容']);
export type PlannedTip = { rowNumber: number; code: string; channel: TipChannel; receivedOn: string; districtId: number | null; content: string; events: TipEvent[] };

export function planTipSheet(
  header: readonly string[],
  body: readonly (readonly string[])[],
  firstDataRow: number,
  ctx: { districts: readonly { id: number; name: string; shortName: string | null }[]; takenCodes: ReadonlySet<string>; today: string },
): { tips: PlannedTip[]; errors: RowError[] } {
  const seen = new Map<string, number>();
  const tips: PlannedTip[] = [];
  const errors = eachSheetRow({ header, body, firstDataRow }, { all: TIP_SHEET_COLUMNS, required: REQUIRED }, ({ row, cell, fail, failed }) => {
    const code = cell('线索编号');
    if (code && ctx.takenCodes.has(code)) fail('线索编号', `线索编号“${code}”已存在`);
    else if (code && seen.has(code)) fail('线索编号', `与第${seen.get(code)}行重复`);
    if (code) seen.set(code, row);
    const day = (c: string) => {
      const t = cell(c);
      if (!t) return null;
      const d = parseDay(t);
      if (!d) return fail(c, `“${t}”不是有效日期`), null;
      if (d > ctx.today) return fail(c, '不能晚于今天'), null;
      return d;
    };
    const receivedOn = day('受理日期');
    const assignedOn = day('交办日期');
    const closedOn = day('办结日期');
    const channelText = cell('来源渠道');
    const channel = channelText ? TIP_CHANNELS.find((c) => TIP_CHANNEL_LABELS[c] === channelText || c === channelText) : 'ledger';
    if (!channel) fail('来源渠道', `应为 ${TIP_CHANNELS.map((c) => TIP_CHANNEL_LABELS[c]).join('、')} 之一`);
    const districtName = cell('所属区');
    const district = districtName ? ctx.districts.find((d) => d.name === districtName || d.shortName === districtName) : undefined;
    if (districtName && !district) fail('所属区', `区“${districtName}”不存在或不在管辖范围内`);
    if (assignedOn && !districtName) fail('所属区', '已交办的线索须填写所属区');
    if (closedOn && !assignedOn) fail('交办日期', '已办结的线索须填写交办日期');
    if (receivedOn && assignedOn && assignedOn < receivedOn) fail('交办日期', '交办日期早于受理日期');
    if (assignedOn && closedOn && closedOn < assignedOn) fail('办结日期', '办结日期早于交办日期');
    const valid = cell('是否有效');
    if (valid && !['是', '否'].includes(valid)) fail('是否有效', '应填“是”或“否”');
    if (closedOn && !valid) fail('是否有效', '已办结的线索须填写是否有效');
    if (failed() || !receivedOn || !channel) return;
    const imported = { imported: true } as const;
    const events: TipEvent[] = [];
    if (assignedOn) events.push({ event: 'assign', onDate: assignedOn, data: { ...imported, districtId: district!.id, deadline: addWorkingDays(assignedOn, DEFAULT_DEADLINE_WORKING_DAYS) } });
    if (closedOn) {
      events.push({ event: 'investigate', onDate: closedOn, data: { ...imported, result: valid === '是' ? 'substantiated' : 'unsubstantiated' } });
      events.push({ event: 'close', onDate: closedOn, data: { ...imported, reply: '已办结（原台账）' } });
    }
    let facts = NEW_TIP;
    for (const e of events) facts = transitionTip(facts, e);
    tips.push({ rowNumber: row, code, channel, receivedOn, districtId: district?.id ?? null, content: cell('内容'), events });
  });
  return { tips: errors.length ? [] : tips, errors };
}
