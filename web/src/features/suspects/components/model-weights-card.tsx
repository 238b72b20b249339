import { Card, Table } from 'antd';
import type { SuspectModel } from '../api/suspects-api';

type Row = { key: string; label: string; base: number | undefined; now: number | undefined };

const two = (x: number | undefined) => (x === undefined ? '—' : x.toFixed(2));

/** 模型权重: what each signal weighs now (refitted on the outcomes) against where it started. */
export function ModelWeightsCard({ model }: { model: SuspectModel }) {
  const kinds = [...new Set([...Object.keys(model.labels), ...Object.keys(model.defaults.weights), ...Object.keys(model.weights.weights)])];
  const rows: Row[] = [
    ...kinds.map((k) => ({ key: k, label: model.labels[k] ?? k, base: model.defaults.weights[k], now: model.weights.weights[k] })),
    { key: '__bias', label: '截距', base: model.defaults.bias, now: model.weights.bias },
  ];
  return (
    <Card className="ws-card ws-sp-section" title={`模型权重（根据${model.outcomes}条核查结果拟合，其中发现自备井${model.found}户）`} data-testid="model-weights">
      <Table<Row>
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={rows}
        rowClassName={(r) => (r.key === '__bias' ? 'ws-summary-row' : '')}
        columns={[
          { title: '信号', dataIndex: 'label' },
          { title: '默认权重', dataIndex: 'base', width: 140, align: 'right', render: two },
          {
            title: '当前权重',
            dataIndex: 'now',
            width: 140,
            align: 'right',
            render: (v: number | undefined, r) => <span className={v !== undefined && r.base !== undefined && Math.abs(v - r.base) >= 0.005 ? 'ws-sp-changed' : ''}>{two(v)}</span>,
          },
        ]}
      />
    </Card>
  );
}
