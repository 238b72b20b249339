import { CARD_KIND_LABELS, WATER_SOURCE_LABELS, type CardKind, type WaterSource } from '@domain/survey/card';
import { isRecordConflict, type CardData } from '../api/field-api';
import { dataOf, type QueuedOp } from '../offline/field-db';
import { diffRows, VersionDiffModal } from './version-diff';

const FIELDS: [keyof CardData, string][] = [
  ['name', '名称'], ['kind', '类型'], ['address', '地址'], ['contactName', '联系人'], ['contactPhone', '联系电话'], ['tapAccounts', '自来水户号'],
  ['households', '户数'], ['persons', '人数'], ['wellsDeclared', '自备井数'], ['waterSource', '用水来源'], ['lat', '纬度'], ['lng', '经度'],
  ['gpsAccuracyM', '定位精度（米）'], ['surveyedOn', '排查日期'], ['pledgeSigned', '已签承诺书'], ['pledgeStamped', '已盖章'], ['remarks', '备注'],
];

function show(key: keyof CardData, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (key === 'kind') return CARD_KIND_LABELS[v as CardKind];
  if (key === 'waterSource') return WATER_SOURCE_LABELS[v as WaterSource];
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.join('、') : '—';
  if (typeof v === 'number' && (key === 'lat' || key === 'lng')) return v.toFixed(6);
  return String(v);
}

/** The office's version and the worker's side by side, differing fields marked; the worker chooses. */
export function ConflictModal({ op, onKeepMine, onTakeOffice, onClose }: { op: QueuedOp | null; onKeepMine: () => void; onTakeOffice: () => void; onClose: () => void }) {
  const c = op?.conflict && !isRecordConflict(op.conflict) ? op.conflict : undefined;
  const mine = op?.op.kind === 'card.update' ? (op.op.data as CardData) : null;
  const office = c ? dataOf(c.current) : null;
  const rows = office && mine ? diffRows(FIELDS.map(([key, label]) => ({ key, label, office: show(key, office[key]), mine: show(key, mine[key]) }))) : [];
  return (
    <VersionDiffModal
      open={!!op}
      title={`户卡冲突 · ${c?.current.name ?? ''}`}
      explanation={<>您的修改基于第 {c?.baseVersion} 版，办公室已改为第 {c?.current.version} 版。选择后两个版本都保留在修改记录中。标红的是不同之处（排在最前）。</>}
      rows={rows}
      labelTitle="字段"
      officeTitle={`办公室版本（第 ${c?.current.version ?? ''} 版）`}
      mineTitle="我的版本"
      officeChoice="采用办公室的"
      mineChoice="保留我的"
      onOffice={onTakeOffice}
      onMine={onKeepMine}
      onClose={onClose}
    />
  );
}
