import { Modal, Skeleton, Table, Tag, Typography } from 'antd';
import { CARD_KIND_LABELS, WATER_SOURCE_LABELS, type CardKind, type WaterSource } from '@domain/survey/card';
import { formatDateTime } from '../../../lib/format';
import type { CardVersion } from '../api/survey-api';
import { useCardVersions } from '../hooks/use-survey';

/** The fields a user recognises, in form order; grid and ids never change on a card. */
const FIELD_LABELS: [string, string][] = [
  ['kind', '类别'],
  ['name', '名称'],
  ['address', '地址'],
  ['contactName', '联系人'],
  ['contactPhone', '联系电话'],
  ['industry', '行业分类'],
  ['tapAccounts', '自来水户号'],
  ['households', '户数'],
  ['persons', '人数'],
  ['beds', '床位'],
  ['areaM2', '建筑面积(㎡)'],
  ['wellsDeclared', '申报自备井数'],
  ['waterSource', '水源'],
  ['lat', '纬度'],
  ['lng', '经度'],
  ['gpsAccuracyM', '定位精度(米)'],
  ['surveyedBy', '排查人'],
  ['surveyedOn', '排查日期'],
  ['remarks', '备注'],
  ['pledgeSigned', '承诺书签字'],
  ['pledgeStamped', '承诺书盖章'],
  ['pledgeDate', '承诺书日期'],
];

function show(key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.join('、') : '—';
  if (key === 'kind') return CARD_KIND_LABELS[v as CardKind] ?? String(v);
  if (key === 'waterSource') return WATER_SOURCE_LABELS[v as WaterSource] ?? String(v);
  if ((key === 'lat' || key === 'lng') && typeof v === 'number') return v.toFixed(6);
  return String(v);
}

type Change = { key: string; label: string; before: string; after: string };

function changesOf(v: CardVersion, prev: CardVersion | undefined): Change[] {
  return FIELD_LABELS.flatMap(([key, label]) => {
    const after = show(key, v.data[key]);
    const before = prev ? show(key, prev.data[key]) : '';
    return prev && before === after ? [] : [{ key, label, before, after }];
  });
}

/** Who changed a card when, and what: each version against the one before. */
export function CardVersionsModal({ cardId, cardName, onClose }: { cardId: number | null; cardName: string; onClose: () => void }) {
  const { data, isPending } = useCardVersions(cardId);
  // a field edit the worker chose not to keep (superseded) sits beside the office version kept instead, compared with it
  const ordered = [...(data ?? [])].sort((a, b) => a.version - b.version || Number(b.superseded) - Number(a.superseded));
  const kept = ordered.filter((v) => !v.superseded);
  const rows = ordered
    .map((v) => {
      const k = kept.indexOf(v);
      const prev = v.superseded ? kept.find((x) => x.version === v.version) : kept[k - 1];
      return { ...v, key: `${v.version}${v.superseded ? '-superseded' : ''}`, changes: changesOf(v, prev), first: !v.superseded && k === 0 };
    })
    .reverse();

  return (
    <Modal open={cardId !== null} title={`修改记录 · ${cardName}`} footer={null} onCancel={onClose} width={760} destroyOnHidden>
      {isPending ? (
        <Skeleton active />
      ) : (
        <Table
          size="small"
          rowKey="key"
          dataSource={rows}
          pagination={false}
          scroll={{ y: 480 }}
          expandable={{
            defaultExpandedRowKeys: rows.filter((r) => !r.first).slice(0, 1).map((r) => r.key),
            rowExpandable: (r) => !r.first && r.changes.length > 0,
            expandedRowRender: (r) => (
              <Table
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={r.changes}
                columns={[
                  { title: '字段', dataIndex: 'label', width: 130 },
                  { title: '修改前', dataIndex: 'before', render: (t: string) => <Typography.Text delete type="secondary">{t}</Typography.Text> },
                  { title: '修改后', dataIndex: 'after', render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
                ]}
              />
            ),
          }}
          columns={[
            { title: '版本', dataIndex: 'version', width: 80, render: (v: number, r) => (r.superseded ? <Tag color="orange">未采用</Tag> : <Tag>第 {v} 版</Tag>) },
            { title: '修改人', dataIndex: 'changedBy' },
            { title: '时间', dataIndex: 'changedAt', width: 190, render: (t: string) => formatDateTime(t) },
            {
              title: '内容',
              width: 220,
              ellipsis: true,
              render: (_, r) => (r.superseded ? `离线修改，保留了第 ${r.version} 版${r.changes.length ? `（不同：${r.changes.map((c) => c.label).join('、')}）` : ''}` : r.first ? '新增' : r.changes.length ? `修改 ${r.changes.map((c) => c.label).join('、')}` : '无字段变化'),
            },
          ]}
        />
      )}
    </Modal>
  );
}
