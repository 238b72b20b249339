/**
 * One file per well (一井一档): the well's lifecycle as an explicit transition table. Every step
 * is a dated event with evidence; the well on any day is the fold of its events up to that day,
 * so any past table can be rebuilt. Illegal steps are refused naming the missing step. Pure.
 */
export const WELL_STAGES = [
  'discovered', 'verified', 'decided',
  'notice_served', 'supply_connected', 'sealed', 'accepted', 'reactivated',
  'permit_issued', 'meter_installed', 'tax_registered',
] as const;
export type WellStage = (typeof WELL_STAGES)[number];

export const WELL_STAGE_LABELS: Record<WellStage, string> = {
  discovered: '已发现',
  verified: '已核实',
  decided: '已确定处置方式',
  notice_served: '已下达封停通知',
  supply_connected: '已接通替代水源',
  sealed: '已封井',
  accepted: '已验收',
  reactivated: '已启用（备用井）',
  permit_issued: '已办取水许可',
  meter_installed: '已安装计量设施',
  tax_registered: '已登记水资源税',
};

export const DISPOSITIONS = ['seal', 'permit', 'keep'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS: Record<Disposition, string> = { seal: '应封停', permit: '应纳管', keep: '保留（监测/消防/应急）' };
export const SEAL_MODES = ['backfill', 'standby'] as const;
export type SealMode = (typeof SEAL_MODES)[number];
export const SEAL_MODE_LABELS: Record<SealMode, string> = { backfill: '永久封填', standby: '封存备用' };
export const SEAL_METHODS = ['clay_backfill', 'pressure_grouting', 'welded_cap'] as const;
export type SealMethod = (typeof SEAL_METHODS)[number];
export const SEAL_METHOD_LABELS: Record<SealMethod, string> = { clay_backfill: '粘土回填', pressure_grouting: '压力灌浆', welded_cap: '封存焊盖' };

export const WELL_EVENTS = [
  'verify', 'decide', 'serve_notice', 'connect_supply', 'seal', 'accept', 'reactivate', 'issue_permit', 'install_meter', 'register_tax',
] as const;
export type WellEventKind = (typeof WELL_EVENTS)[number];
export const WELL_EVENT_LABELS: Record<WellEventKind, string> = {
  verify: '现场核实',
  decide: '确定处置方式',
  serve_notice: '下达封停通知',
  connect_supply: '接通替代水源',
  seal: '封井',
  accept: '验收',
  reactivate: '启用备用井',
  issue_permit: '办理取水许可',
  install_meter: '安装计量设施',
  register_tax: '登记水资源税',
};

/** What an event carries; the required fields are checked by wellEventProblems(). */
export type WellEventData = {
  disposition?: Disposition;
  sealMode?: SealMode;
  legalBasis?: string;
  deadline?: string;
  switchProject?: string;
  method?: SealMethod;
  materials?: string;
  depthFromM?: number;
  depthToM?: number;
  contractor?: string;
  acceptedBy?: string;
  conclusion?: string;
  applicationNo?: string;
  permitNo?: string;
  annualVolumeM3?: number;
  permitExpiresOn?: string;
  meterSerial?: string;
  taxRegisteredNo?: string;
  note?: string;
  /** loaded from an earlier ledger: the evidence is on paper there, so it is not required here */
  imported?: boolean;
};

export type WellFacts = { stage: WellStage; disposition: Disposition | null; sealMode: SealMode | null };
export type WellEvent = { event: WellEventKind; onDate: string; data: WellEventData };

export class WellRuleError extends Error {}

type Rule = { from: readonly WellStage[]; when?: (w: WellFacts) => boolean; to: WellStage; missing: (w: WellFacts) => string };

/** The transition table. `missing` names the step the well lacks when the event is refused. */
const RULES: Record<WellEventKind, Rule> = {
  verify: { from: ['discovered'], to: 'verified', missing: () => '该井已核实过' },
  decide: { from: ['verified'], to: 'decided', missing: (w) => (w.stage === 'discovered' ? '请先完成“现场核实”' : '处置方式已确定') },
  serve_notice: { from: ['decided'], when: (w) => w.disposition === 'seal', to: 'notice_served', missing: (w) => needs(w, 'seal', '请先“确定处置方式”为应封停') },
  connect_supply: { from: ['notice_served'], to: 'supply_connected', missing: (w) => needs(w, 'seal', '请先“下达封停通知”') },
  seal: { from: ['supply_connected'], to: 'sealed', missing: (w) => needs(w, 'seal', '先供水、后封井：请先登记“接通替代水源”') },
  accept: { from: ['sealed'], to: 'accepted', missing: (w) => needs(w, 'seal', '请先登记“封井”') },
  reactivate: { from: ['accepted'], when: (w) => w.sealMode === 'standby', to: 'reactivated', missing: (w) => (w.sealMode !== 'standby' ? '只有“封存备用”的井才能启用' : '请先完成封存和验收') },
  issue_permit: { from: ['decided'], when: (w) => w.disposition === 'permit', to: 'permit_issued', missing: (w) => needs(w, 'permit', '请先“确定处置方式”为应纳管') },
  install_meter: { from: ['permit_issued'], to: 'meter_installed', missing: (w) => needs(w, 'permit', '请先“办理取水许可”') },
  register_tax: { from: ['meter_installed'], to: 'tax_registered', missing: (w) => needs(w, 'permit', '请先“安装计量设施”') },
};

function needs(w: WellFacts, disposition: Disposition, otherwise: string): string {
  if (w.disposition && w.disposition !== disposition) return `该井处置方式为“${DISPOSITION_LABELS[w.disposition]}”，不能进行此步骤`;
  return otherwise;
}

export function wellEventProblems(event: WellEventKind, d: WellEventData): string[] {
  const out: string[] = [];
  if (d.imported) return event === 'decide' && !d.disposition ? ['请选择处置方式（应封停/应纳管/保留）'] : [];
  const req = (ok: unknown, msg: string) => { if (ok === undefined || ok === null || ok === '') out.push(msg); };
  switch (event) {
    case 'decide':
      req(d.disposition, '请选择处置方式（应封停/应纳管/保留）');
      req(d.legalBasis?.trim(), '请填写处置依据（如《地下水管理条例》第四十九条）');
      if (d.disposition === 'seal') req(d.sealMode, '请选择永久封填或封存备用');
      break;
    case 'serve_notice': req(d.deadline, '请填写封停期限'); break;
    case 'seal':
      req(d.method, '请选择封井方式');
      req(d.contractor?.trim(), '请填写施工单位');
      if (d.method !== 'welded_cap') req(d.materials?.trim(), '请填写回填材料');
      if (d.depthFromM !== undefined && d.depthToM !== undefined && d.depthToM < d.depthFromM) out.push('回填深度区间不正确');
      break;
    case 'accept': req(d.acceptedBy?.trim(), '请填写验收单位/人员'); req(d.conclusion?.trim(), '请填写验收结论'); break;
    case 'reactivate': req(d.applicationNo?.trim(), '启用备用井须有已批准的申请（填写批准文号）'); break;
    case 'issue_permit':
      req(d.permitNo?.trim(), '请填写取水许可证号');
      req(d.annualVolumeM3, '请填写许可年取水量');
      req(d.permitExpiresOn, '请填写许可有效期至');
      break;
    case 'install_meter': req(d.meterSerial?.trim(), '请填写计量设施编号'); break;
    default: break;
  }
  return out;
}

/** Applies one event; throws WellRuleError (Chinese) when it is not a legal next step. */
export function transitionWell(w: WellFacts, e: WellEvent): WellFacts {
  const rule = RULES[e.event];
  if (!rule.from.includes(w.stage) || (rule.when && !rule.when(w))) throw new WellRuleError(`不能${WELL_EVENT_LABELS[e.event]}：${rule.missing(w)}`);
  const problems = wellEventProblems(e.event, e.data);
  if (problems.length) throw new WellRuleError(problems.join('；'));
  if (e.event === 'decide') {
    return { stage: 'decided', disposition: e.data.disposition!, sealMode: e.data.disposition === 'seal' ? (e.data.sealMode ?? 'backfill') : null };
  }
  return { ...w, stage: rule.to };
}

export const NEW_WELL: WellFacts = { stage: 'discovered', disposition: null, sealMode: null };

/** The well at the end of `day`: events in date order (then recorded order) up to that day. */
export function wellAsOf(events: readonly WellEvent[], day: string): WellFacts & { dates: Partial<Record<WellEventKind, string>> } {
  let w = NEW_WELL;
  const dates: Partial<Record<WellEventKind, string>> = {};
  const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => (a.e.onDate === b.e.onDate ? a.i - b.i : a.e.onDate < b.e.onDate ? -1 : 1));
  for (const { e } of ordered) {
    if (e.onDate > day) continue;
    w = transitionWell(w, e);
    dates[e.event] = e.onDate;
  }
  return { ...w, dates };
}

/** Which steps may come next (for buttons and messages). */
export function nextWellEvents(w: WellFacts): WellEventKind[] {
  return WELL_EVENTS.filter((e) => RULES[e].from.includes(w.stage) && (!RULES[e].when || RULES[e].when!(w)));
}

/** In-use status follows the lifecycle: sealed wells are 已封, others as recorded. */
export function isSealedStage(stage: WellStage): boolean {
  return stage === 'sealed' || stage === 'accepted';
}

/**
 * 待封井 in the field app: a well to seal stays on the phones until it is accepted (验收). A sealed
 * one waits there for its acceptance record and its 封井后 photos, which the field team adds on site.
 */
export function awaitsFieldSealing(stage: WellStage): boolean {
  return stage !== 'accepted' && stage !== 'reactivated';
}
