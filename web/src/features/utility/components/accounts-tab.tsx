import { UploadOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { formatCount } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import type { ListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import type { UtilityAccount } from '../api/utility-api';
import { useAccounts } from '../hooks/use-utility';
import { AccountsImportModal } from './accounts-import-modal';
import { MatchedByTag } from './utility-tags';

const count = (n: number | null) => (n === null ? '—' : formatCount(n));

/** 用水户: the company's accounts, paged and searched through the URL, with how each was matched to a place. */
export function AccountsTab({ list }: { list: ListParams }) {
  const can = useCan();
  const { q, page, pageSize } = list;
  const [importing, setImporting] = useState(false);
  const { data, isFetching, error } = useAccounts({ ...(q ? { q } : {}), page, pageSize });

  return (
    <>
      <ListToolbar total={data?.total} unit="户">
        <ListSearch list={list} placeholder="户号、户名或地址" data-testid="accounts-search" />
        {can('utility.upload') && (
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="accounts-import">
            导入用水户
          </Button>
        )}
      </ListToolbar>
      <PagedTable<UtilityAccount>
        data-testid="accounts-table"
        list={list}
        total={data?.total}
        unit="户"
        error={error}
        loading={isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 1300 }}
        locale={{ emptyText: q ? '没有符合条件的用水户' : '还没有导入用水户' }}
        columns={[
          { title: '户号', dataIndex: 'accountNo', width: 130, render: (v: string) => <span className="ws-nowrap">{v}</span> },
          { title: '户名', dataIndex: 'name', width: 180 },
          { title: '地址', dataIndex: 'address', render: (v: string) => v || '—' },
          {
            title: '用水类别/行业',
            dataIndex: 'category',
            width: 150,
            render: (c: string, a) => (
              <div>
                <div>{c}</div>
                {a.industry && <div className="ws-card-name__addr">{a.industry}</div>}
              </div>
            ),
          },
          { title: '户数', dataIndex: 'households', width: 80, align: 'right', render: count },
          { title: '人数', dataIndex: 'persons', width: 80, align: 'right', render: count },
          { title: '床位', dataIndex: 'beds', width: 80, align: 'right', render: count },
          {
            title: '建筑面积',
            dataIndex: 'areaM2',
            width: 120,
            align: 'right',
            render: (n: number | null) => (n === null ? '—' : <span className="ws-nowrap">{n.toLocaleString('zh-CN')} m²</span>),
          },
          { title: '匹配方式', dataIndex: 'matchedBy', width: 120, render: (m: UtilityAccount['matchedBy']) => <MatchedByTag matchedBy={m} /> },
          {
            title: '所在区域',
            dataIndex: 'place',
            width: 200,
            render: (p: string) => (p ? p : <Typography.Text type="secondary">—</Typography.Text>),
          },
        ]}
      />
      <AccountsImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
