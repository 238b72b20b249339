/**
 * An inspection (督导核查): a dated field visit or meeting of an office — who led it, what it looked
 * at, how, and what came of it (wells found, samples taken, findings raised). Pure.
 */
export const INSPECTION_KINDS = ['research', 'site_check', 'unannounced', 'joint_enforcement', 'meeting'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export const INSPECTION_KIND_LABELS: Record<InspectionKind, string> = {
  research: '调研督导', site_check: '现场核查', unannounced: '暗访', joint_enforcement: '联合执法', meeting: '会议',
};

/** The methods checklist; an office may add its own words to a record. */
export const INSPECTION_METHODS = [
  '查看管道走向', '加压罐', '消防井位', '翻看井盖', '查阅缴费单据', '水样化验', '超声波流量计测量', '停机对比管道水量', '查看雨污管道', '暗访群众',
] as const;

/**
 * What an inspection looked at: an org unit (a street, community or grid whose survey work was
 * checked), a user card, a well, or a place named by address (a hotel, a heat-pump site…).
 */
export const TARGET_KINDS = ['unit', 'card', 'well', 'address'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
export type InspectionTarget = { kind: TargetKind; refId: number | null; label: string };

export type Official = { name: string; title: string };
export type SampleTaken = { label: string; place: string; note: string };

export type InspectionDraft = {
  onDate: string;
  kind: InspectionKind;
  title: string;
  leaders: readonly Official[];
  targets: readonly InspectionTarget[];
  methods: readonly string[];
  narrative: string;
};

/** What a record must have before it is saved, in words an office understands. */
export function inspectionProblems(d: InspectionDraft, today: string): string[] {
  const out: string[] = [];
  if (d.onDate > today) out.push('检查日期不能晚于今天');
  if (!d.title.trim()) out.push('请填写标题（如：对某小区疑似双水源用水进行调研督导）');
  if (d.leaders.length === 0) out.push('请至少填写一名带队领导');
  for (const l of d.leaders) if (!l.name.trim()) out.push('带队领导须填写姓名');
  if (d.kind !== 'meeting' && d.targets.length === 0) out.push('请至少填写一个检查对象（单位、网格、一户一卡、井或地址）');
  for (const t of d.targets) {
    if (t.kind !== 'address' && t.refId === null) out.push(`检查对象“${t.label}”未关联到记录`);
    if (t.kind === 'address' && !t.label.trim()) out.push('地址类检查对象须填写名称或地址');
  }
  const seen = new Set<string>();
  for (const m of d.methods) {
    if (seen.has(m)) out.push(`检查方法“${m}”重复`);
    seen.add(m);
  }
  return out;
}

/** 刘江副市长 / 市水利局局长闫道畅: how the leaders are written in a heading. */
export function leadersLine(leaders: readonly Official[]): string {
  return leaders.map((l) => `${l.title}${l.name}`).join('、');
}
