import {
  DISPOSITION_LABELS,
  SEAL_METHOD_LABELS,
  SEAL_MODE_LABELS,
  type Disposition,
  type WellEventData,
  type WellEventKind,
} from '@domain/well/lifecycle';
import { formatDate } from '../../../lib/format';
import type { PhotoStage } from '../api/wells-api';

/** One step of a disposition path: the event that completes it ('discover' is the well's own date). */
export type PathStep = { key: WellEventKind | 'discover'; title: string };

const COMMON: PathStep[] = [
  { key: 'discover', title: '发现' },
  { key: 'verify', title: '核实' },
  { key: 'decide', title: '确定处置' },
];
const SEAL: PathStep[] = [
  { key: 'serve_notice', title: '下达通知' },
  { key: 'connect_supply', title: '接通替代水源' },
  { key: 'seal', title: '封井' },
  { key: 'accept', title: '验收' },
];
const PERMIT: PathStep[] = [
  { key: 'issue_permit', title: '取水许可' },
  { key: 'install_meter', title: '计量设施' },
  { key: 'register_tax', title: '水资源税' },
];

/** The steps a well walks for its disposition (only the common three until it is decided). */
export function dispositionPath(disposition: Disposition | null, opts: { standby?: boolean; reactivated?: boolean } = {}): PathStep[] {
  if (disposition === 'seal') {
    const reserve = opts.standby || opts.reactivated ? [{ key: 'reactivate' as const, title: '启用备用井（如需）' }] : [];
    return [...COMMON, ...SEAL, ...reserve];
  }
  if (disposition === 'permit') return [...COMMON, ...PERMIT];
  return COMMON;
}

export const PHOTO_STAGE_LABELS: Record<PhotoStage, string> = { before: '封井前', after: '封井后', meter: '计量设施', general: '现场照片' };
export const PHOTO_STAGES: PhotoStage[] = ['before', 'after', 'meter', 'general'];

/** Photos that prove a step: shown under the step. */
export const STEP_PHOTOS: Partial<Record<WellEventKind, PhotoStage[]>> = { seal: ['before', 'after'], install_meter: ['meter'] };

const m = (n: number) => `${n.toLocaleString('zh-CN')} 米`;

/** The evidence an event carries, as label/value lines in the order an inspector reads them. */
export function evidenceLines(data: WellEventData): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  const add = (label: string, value: string | undefined | null) => {
    if (value !== undefined && value !== null && value !== '') out.push({ label, value });
  };
  if (data.disposition) add('处置方式', `${DISPOSITION_LABELS[data.disposition]}${data.disposition === 'seal' && data.sealMode ? `（${SEAL_MODE_LABELS[data.sealMode]}）` : ''}`);
  add('处置依据', data.legalBasis);
  add('封停期限', data.deadline ? formatDate(data.deadline) : undefined);
  add('替代水源', data.switchProject);
  add('封井方式', data.method ? SEAL_METHOD_LABELS[data.method] : undefined);
  add('回填材料', data.materials);
  if (data.depthFromM !== undefined || data.depthToM !== undefined) {
    add('回填深度', `${data.depthFromM !== undefined ? m(data.depthFromM) : '?'} 至 ${data.depthToM !== undefined ? m(data.depthToM) : '?'}`);
  }
  add('施工单位', data.contractor);
  add('验收单位/人员', data.acceptedBy);
  add('验收结论', data.conclusion);
  add('批准文号', data.applicationNo);
  add('取水许可证号', data.permitNo);
  add('许可年取水量', data.annualVolumeM3 !== undefined ? `${data.annualVolumeM3.toLocaleString('zh-CN')} m³` : undefined);
  add('许可有效期至', data.permitExpiresOn ? formatDate(data.permitExpiresOn) : undefined);
  add('计量设施编号', data.meterSerial);
  add('水资源税登记号', data.taxRegisteredNo);
  add('备注', data.note);
  return out;
}
