import { Alert, Button, Table, Typography } from 'antd';
import { formatCount, formatDateTime } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import type { ReadingsImport } from '../api/utility-api';
import { useImports } from '../hooks/use-utility';
import { ImportStateTag, periodRange } from './utility-tags';

/** 导入记录: every readings file the company sent, newest first, and what became of it. */
export function ImportsTable({ current, onOpen }: { current: number | null; onOpen: (id: number) => void }) {
  const { data, isFetching, error } = useImports();
  return (
    <>
      {error ? <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<ReadingsImport>
        data-testid="imports-table"
        size="middle"
        rowKey="id"
        loading={isFetching && !data}
        dataSource={data?.imports ?? []}
        scroll={{ x: 1100 }}
        pagination={(data?.imports.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 次导入` } : false}
        rowClassName={(r) => (r.id === current ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: '还没有导入过用水量' }}
        columns={[
          {
            title: '文件',
            dataIndex: 'fileName',
            render: (name: string, r) => (
              <div>
                <Typography.Text style={{ wordBreak: 'break-all' }}>{name}</Typography.Text>
                {r.kind === 'accounts' && <div className="ws-card-name__addr">用水户文件</div>}
              </div>
            ),
          },
          { title: '状态', dataIndex: 'state', width: 100, render: (s: ReadingsImport['state']) => <ImportStateTag state={s} /> },
          { title: '已载入行数', dataIndex: 'rowsLoaded', width: 110, align: 'right', render: (n: number) => formatCount(n) },
          {
            title: '错误行数',
            dataIndex: 'badRows',
            width: 100,
            align: 'right',
            render: (n: number) => (n ? <Typography.Text type="danger">{formatCount(n)}</Typography.Text> : '0'),
          },
          { title: '期间范围', dataIndex: 'periods', width: 200, render: (ps: string[]) => <span className="ws-nowrap">{periodRange(ps)}</span> },
          { title: '时间', dataIndex: 'createdAt', width: 170, render: (d: string) => <span className="ws-nowrap">{formatDateTime(d)}</span> },
          { title: '说明', dataIndex: 'message', render: (m: string | null) => m ?? '—' },
          {
            title: '操作',
            key: 'open',
            width: 80,
            fixed: 'right',
            render: (_: unknown, r) =>
              (r.state === 'loading' || r.state === 'held' || r.state === 'failed') && r.kind === 'readings' ? (
                <Button type="link" size="small" onClick={() => onOpen(r.id)} disabled={r.id === current}>
                  {r.state === 'held' ? '处理' : '查看'}
                </Button>
              ) : null,
          },
        ]}
      />
    </>
  );
}
