import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorMessageOf, showSuccess, showWarning } from '../../../ui/feedback';
import type { NormBasis, Norms } from '../api/suspects-api';
import { useSaveNorms, useSuspectNorms } from '../hooks/use-suspects';
import { NORM_BASES, NORM_BASIS_LABELS } from './suspects-format';

type DraftRow = { category: string; basis: NormBasis | null; litresPerDay: number | null; isDefault: boolean };
type Draft = { householdSize: number | null; rows: DraftRow[] };

const draftOf = (n: Norms): Draft => ({ householdSize: n.householdSize, rows: n.categories.map((c) => ({ ...c })) });

/** 用水定额: the litres a day each water-use category is expected to draw, per person, bed, m² or business; the city office may change them. */
export function NormsCard({ editable }: { editable: boolean }) {
  const norms = useSuspectNorms();
  const save = useSaveNorms();
  const [draft, setDraft] = useState<Draft | null>(null);
  const editing = draft !== null;

  const setRow = (i: number, patch: Partial<DraftRow>) =>
    setDraft((d) => (d ? { ...d, rows: d.rows.map((r, j) => (j === i ? { ...r, ...patch } : r)) } : d));

  const submit = () => {
    if (!draft) return;
    if (draft.householdSize === null) return showWarning('请填写户均人数');
    const half = draft.rows.find((r) => (r.basis === null) !== (r.litresPerDay === null));
    if (half) return showWarning(`“${half.category}”须同时填写计量基准和定额，或都留空（不按定额比较）`);
    save.mutate(
      { householdSize: draft.householdSize, categories: draft.rows.map((r) => ({ category: r.category, basis: r.basis, litresPerDay: r.litresPerDay })) },
      {
        onSuccess: () => {
          showSuccess('已保存用水定额，下次运行分析时生效');
          setDraft(null);
        },
      },
    );
  };

  const rows: DraftRow[] = draft?.rows ?? norms.data?.categories ?? [];

  return (
    <Card
      className="ws-card ws-sp-section"
      title="用水定额"
      extra={
        editable && norms.data ? (
          editing ? (
            <Space>
              <Button onClick={() => setDraft(null)} disabled={save.isPending}>
                取消
              </Button>
              <Button type="primary" loading={save.isPending} onClick={submit} data-testid="norms-save">
                保存定额
              </Button>
            </Space>
          ) : (
            <Button icon={<EditOutlined />} onClick={() => setDraft(draftOf(norms.data))} data-testid="norms-edit">
              修改定额
            </Button>
          )
        ) : null
      }
    >
      {norms.error && <Alert type="error" showIcon title={errorMessageOf(norms.error)} style={{ marginBottom: 12 }} />}
      <div className="ws-sp-household">
        <Typography.Text>户均人数：</Typography.Text>
        {editing ? (
          <InputNumber
            min={1}
            max={10}
            step={0.1}
            precision={1}
            value={draft.householdSize}
            onChange={(v) => setDraft((d) => (d ? { ...d, householdSize: v } : d))}
            suffix="人"
            style={{ width: 120 }}
            data-testid="norms-household"
          />
        ) : (
          <Typography.Text strong>{norms.data ? `${norms.data.householdSize}人` : '—'}</Typography.Text>
        )}
        <Typography.Text type="secondary">（居民户未登记人口时按此估算）</Typography.Text>
      </div>
      <Table<DraftRow>
        data-testid="norms-table"
        size="small"
        rowKey="category"
        loading={norms.isPending}
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '用水类别', dataIndex: 'category' },
          {
            title: '计量基准',
            dataIndex: 'basis',
            width: 160,
            render: (b: NormBasis | null, _r, i) =>
              editing ? (
                <Select<NormBasis>
                  allowClear
                  size="small"
                  placeholder="不按定额"
                  value={b ?? undefined}
                  onChange={(v) => setRow(i, { basis: v ?? null })}
                  options={NORM_BASES.map((x) => ({ value: x, label: NORM_BASIS_LABELS[x] }))}
                  style={{ width: 130 }}
                />
              ) : b ? (
                NORM_BASIS_LABELS[b]
              ) : (
                <Typography.Text type="secondary">不按定额</Typography.Text>
              ),
          },
          {
            title: '定额（升/日）',
            dataIndex: 'litresPerDay',
            width: 160,
            align: 'right',
            render: (l: number | null, _r, i) =>
              editing ? (
                <InputNumber
                  size="small"
                  min={0.1}
                  max={1_000_000}
                  value={l}
                  onChange={(v) => setRow(i, { litresPerDay: v })}
                  style={{ width: 130 }}
                  data-testid={`norms-litres-${i}`}
                />
              ) : l === null ? (
                '—'
              ) : (
                l.toLocaleString('zh-CN')
              ),
          },
          { title: '默认', dataIndex: 'isDefault', width: 80, render: (d: boolean) => (d ? <Tag>默认</Tag> : null) },
        ]}
      />
    </Card>
  );
}
