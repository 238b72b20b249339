import { Button, Modal, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';

export type DiffRow = { key: string; label: string; office: string; mine: string; differs: boolean };

/** Rows of the two versions, what differs first: on a phone the rest is below the fold. */
export function diffRows(items: { key: string; label: string; office: string; mine: string }[]): DiffRow[] {
  return items.map((r) => ({ ...r, differs: r.office !== r.mine })).sort((x, y) => Number(y.differs) - Number(x.differs));
}

const text = (v: string) => <span style={{ whiteSpace: 'pre-wrap' }}>{v}</span>;

/**
 * A conflict on the phone: the office's version and the worker's side by side, differing rows
 * marked, and the worker's two choices (the first keeps the office's, the second the worker's).
 */
export function VersionDiffModal(props: {
  open: boolean; title: string; explanation: ReactNode; rows: DiffRow[];
  labelTitle: string; officeTitle: string; mineTitle: string;
  officeChoice: string; mineChoice: string; onOffice: () => void; onMine: () => void; onClose: () => void;
}) {
  return (
    <Modal open={props.open} title={props.title} onCancel={props.onClose} width={720} footer={
      <Space wrap>
        <Button onClick={props.onOffice}>{props.officeChoice}</Button>
        <Button type="primary" onClick={props.onMine}>{props.mineChoice}</Button>
      </Space>
    }>
      <Typography.Paragraph type="secondary">{props.explanation}</Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={props.rows}
        rowClassName={(r) => (r.differs ? 'field-diff' : '')}
        columns={[
          { title: props.labelTitle, dataIndex: 'label', width: 76 },
          { title: props.officeTitle, dataIndex: 'office', render: text },
          { title: props.mineTitle, dataIndex: 'mine', render: text },
        ]}
      />
    </Modal>
  );
}
