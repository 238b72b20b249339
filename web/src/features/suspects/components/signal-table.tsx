import { Progress, Table, Typography } from 'antd';
import type { SuspectSignal } from '../api/suspects-api';
import { percent } from './suspects-format';

function Share({ value }: { value: number }) {
  return (
    <div className="ws-sp-share">
      <Progress percent={Math.round(value * 100)} size="small" showInfo={false} strokeColor="#1a5fb4" />
      <span>{percent(value)}</span>
    </div>
  );
}

/** Each piece of evidence behind an account's score: what it is, why, how strong and how sure. */
export function SignalTable({ signals }: { signals: SuspectSignal[] }) {
  if (!signals.length) return <Typography.Text type="secondary">没有明显的异常信号</Typography.Text>;
  return (
    <Table<SuspectSignal>
      className="ws-sp-signals"
      size="small"
      rowKey="kind"
      pagination={false}
      dataSource={signals}
      columns={[
        { title: '信号', dataIndex: 'label', width: 160 },
        { title: '依据', dataIndex: 'reason' },
        { title: '强度', dataIndex: 'size', width: 150, render: (v: number) => <Share value={v} /> },
        { title: '可信度', dataIndex: 'confidence', width: 150, render: (v: number) => <Share value={v} /> },
      ]}
    />
  );
}
