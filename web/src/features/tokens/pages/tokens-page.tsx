import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Popconfirm, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { formatDate, formatDateTime } from '../../../lib/format';
import { showSuccess } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useUsers } from '../../users/hooks/use-users';
import type { ApiToken } from '../api/tokens-api';
import { CreateTokenModal } from '../components/create-token-modal';
import { useTokenMutations, useTokens } from '../hooks/use-tokens';

function tokenState(t: ApiToken): 'revoked' | 'expired' | 'active' {
  if (t.revoked) return 'revoked';
  if (t.expiresAt && Date.parse(t.expiresAt) <= Date.now()) return 'expired';
  return 'active';
}

export function TokensPage() {
  const { data: tokens, isPending } = useTokens();
  const { data: users } = useUsers();
  const { revoke } = useTokenMutations();
  const [creating, setCreating] = useState(false);
  const names = useMemo(() => new Map((users ?? []).map((u) => [u.id, u.displayName])), [users]);

  return (
    <>
      <PageHeader
        title="接口令牌"
        description="供外部系统以指定账号身份调用平台接口。令牌创建后只显示一次，平台只保存其摘要。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建令牌
          </Button>
        }
      />
      <Card className="ws-card">
        <Table<ApiToken>
          rowKey="id"
          loading={isPending}
          dataSource={tokens ?? []}
          pagination={{ pageSize: 20, showSizeChanger: false, hideOnSinglePage: true }}
          locale={{ emptyText: '尚未创建接口令牌' }}
          scroll={{ x: 1100 }}
          columns={[
            { title: '用途', dataIndex: 'name' },
            {
              title: '使用账号',
              width: 210,
              render: (_, t) => (
                <>
                  {names.get(t.userId) ?? t.username}
                  <Typography.Text type="secondary"> （{t.username}）</Typography.Text>
                </>
              ),
            },
            { title: '令牌前缀', dataIndex: 'tokenPrefix', width: 140, render: (p: string) => <Typography.Text code>{p}…</Typography.Text> },
            { title: '创建日期', dataIndex: 'createdAt', width: 150, render: (v: string) => formatDate(v) },
            { title: '有效期至', dataIndex: 'expiresAt', width: 150, render: (v: string | null) => (v ? formatDate(v) : '永不过期') },
            { title: '最近使用', dataIndex: 'lastUsedAt', width: 180, render: (v: string | null) => (v ? formatDateTime(v) : <Typography.Text type="secondary">从未使用</Typography.Text>) },
            {
              title: '状态',
              width: 90,
              render: (_, t) => {
                const s = tokenState(t);
                if (s === 'revoked') return <Badge status="default" text="已吊销" />;
                if (s === 'expired') return <Badge status="warning" text="已过期" />;
                return <Badge status="success" text="有效" />;
              },
            },
            {
              title: '操作',
              width: 90,
              fixed: 'right',
              render: (_, t) =>
                t.revoked ? null : (
                  <Popconfirm
                    title={`吊销令牌“${t.name}”？`}
                    description="吊销立即生效，使用该令牌的系统将无法再访问。"
                    okText="吊销"
                    okButtonProps={{ danger: true }}
                    cancelText="取消"
                    onConfirm={() =>
                      revoke
                        .mutateAsync(t.id)
                        .then(() => showSuccess(`已吊销令牌“${t.name}”`))
                        .catch(() => undefined) // shown by the global error handler
                    }
                  >
                    <Button type="link" size="small" danger>
                      吊销
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <CreateTokenModal open={creating} users={users ?? []} onClose={() => setCreating(false)} />
    </>
  );
}
