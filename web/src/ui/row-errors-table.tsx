import { Table, Typography } from 'antd';
import type { RowError } from '../lib/api-client';

/** The bad rows of an import: 第N行, 列, 原因. */
export function RowErrorsTable({ errors, maxHeight = 320 }: { errors: RowError[]; maxHeight?: number }) {
  return (
    <Table<RowError & { key: number }>
      size="small"
      bordered
      pagination={errors.length > 50 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
      scroll={{ y: maxHeight }}
      dataSource={errors.map((e, i) => ({ ...e, key: i }))}
      columns={[
        { title: '行号', dataIndex: 'row', width: 90, render: (row: number) => `第${row}行` },
        { title: '列', dataIndex: 'column', width: 110, render: (c: string) => c || '—' },
        { title: '原因', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
      ]}
    />
  );
}
