import { Alert, Table, Typography } from 'antd';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import type { CheckOutcome } from '../api/utility-api';
import { useOutcomes } from '../hooks/use-utility';
import { OutcomeTag } from './utility-tags';

/** 核查结果: what the door-to-door checks of the company's own accounts found. */
export function OutcomesTab() {
  const { data, isFetching, error } = useOutcomes();
  const items = data?.items ?? [];
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        只显示本单位用水户的核查结果。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<CheckOutcome>
        data-testid="outcomes-table"
        size="middle"
        rowKey="id"
        loading={isFetching}
        dataSource={items}
        scroll={{ x: 720 }}
        locale={{ emptyText: '还没有核查结果' }}
        pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: true, pageSizeOptions: [20, 50, 100], showTotal: (n) => `共 ${n} 户` } : false}
        columns={[
          { title: '批次', dataIndex: 'batchNumber', width: 90, render: (n: number) => `第${n}批` },
          { title: '户号', dataIndex: 'accountNo', width: 140, render: (v: string) => <span className="ws-nowrap">{v}</span> },
          { title: '户名', dataIndex: 'name' },
          { title: '核查结果', dataIndex: 'outcome', width: 130, render: (o: CheckOutcome['outcome']) => <OutcomeTag outcome={o} /> },
          { title: '核查日期', dataIndex: 'checkedOn', width: 150, render: (d: string | null) => <span className="ws-nowrap">{formatDate(d)}</span> },
        ]}
      />
    </>
  );
}
