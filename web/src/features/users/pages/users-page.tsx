import { EditOutlined, KeyOutlined, PlusOutlined, StopOutlined, UnlockOutlined, CheckCircleOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Input, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { ROLE_LABELS, ROLES, type Role } from '@domain/shared/roles';
import { formatDate } from '../../../lib/format';
import { showSuccess } from '../../../ui/feedback';
import { MaskedValue } from '../../../ui/masked-value';
import { PageHeader } from '../../../ui/page-header';
import { useMe } from '../../auth/hooks/use-session';
import type { User } from '../api/users-api';
import { GrantTags } from '../components/grant-tags';
import { ResetPasswordModal } from '../components/reset-password-modal';
import { UserFormModal } from '../components/user-form-modal';
import { useUserMutations, useUsers } from '../hooks/use-users';

type Status = 'active' | 'disabled' | 'locked';

function statusOf(u: User): Status {
  if (u.disabled) return 'disabled';
  if (u.locked) return 'locked';
  return 'active';
}

function StatusBadge({ user }: { user: User }) {
  const s = statusOf(user);
  return (
    <Space size={4}>
      {s === 'active' && <Badge status="success" text="正常" />}
      {s === 'disabled' && <Badge status="default" text="已停用" />}
      {s === 'locked' && <Badge status="warning" text="已锁定" />}
      {user.mustChangePassword && s !== 'disabled' && (
        <Tooltip title="尚未修改管理员设置的初始密码">
          <Tag variant="filled" color="orange" style={{ marginInlineStart: 4 }}>待改密</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

export function UsersPage() {
  const me = useMe();
  const { data: users, isPending } = useUsers();
  const { setDisabled } = useUserMutations();
  // ids, not snapshots: after a conflict reload the dialogs carry the current version
  const [editingId, setEditingId] = useState<number | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [resettingId, setResettingId] = useState<number | null>(null);
  const editing = users?.find((u) => u.id === editingId) ?? null;
  const resetting = users?.find((u) => u.id === resettingId) ?? null;
  const [keyword, setKeyword] = useState('');
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<Status | null>(null);

  const rows = useMemo(() => {
    const k = keyword.trim().toLowerCase();
    return (users ?? []).filter(
      (u) =>
        (!k || u.username.toLowerCase().includes(k) || u.displayName.toLowerCase().includes(k) || u.grants.some((g) => g.orgName.includes(k))) &&
        (!role || u.grants.some((g) => g.role === role)) &&
        (!status || statusOf(u) === status),
    );
  }, [users, keyword, role, status]);

  const toggle = (user: User, disabled: boolean) =>
    setDisabled
      .mutateAsync({ user, disabled })
      .then((u) => showSuccess(`已${disabled ? '停用' : user.disabled ? '启用' : '解锁'}用户“${u.displayName}”`))
      .catch(() => undefined); // shown by the global error handler

  return (
    <>
      <PageHeader
        title="用户管理"
        description="账号、角色与管辖单位。每个账号只能看到其单位及下级单位的数据。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => { setEditingId(null); setFormOpen(true); }}>
            新建用户
          </Button>
        }
      />
      <Card className="ws-card">
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="用户名、姓名或单位" style={{ width: 260 }} onSearch={setKeyword} onChange={(e) => !e.target.value && setKeyword('')} />
          <Select<Role>
            allowClear
            placeholder="全部角色"
            style={{ width: 150 }}
            value={role}
            onChange={(v) => setRole(v ?? null)}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          />
          <Select<Status>
            allowClear
            placeholder="全部状态"
            style={{ width: 130 }}
            value={status}
            onChange={(v) => setStatus(v ?? null)}
            options={[
              { value: 'active', label: '正常' },
              { value: 'disabled', label: '已停用' },
              { value: 'locked', label: '已锁定' },
            ]}
          />
          <Typography.Text type="secondary">共 {rows.length} 个用户</Typography.Text>
        </Space>
        <Table<User>
          size="middle"
          rowKey="id"
          loading={isPending}
          dataSource={rows}
          pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
          scroll={{ x: 1240 }}
          columns={[
            { title: '用户名', dataIndex: 'username', width: 120, render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: '姓名', dataIndex: 'displayName', width: 190 },
            // this page is for user managers, who may reveal the phones of users wholly in their scope
            { title: '电话', dataIndex: 'phone', width: 200, render: (p: string | null, u) => <MaskedValue value={p} target={{ kind: 'user', id: u.id, field: 'phone' }} canReveal /> },
            { title: '角色与单位', dataIndex: 'grants', minWidth: 240, render: (_, u) => <GrantTags grants={u.grants} /> },
            { title: '状态', width: 140, render: (_, u) => <StatusBadge user={u} /> },
            { title: '创建日期', dataIndex: 'createdAt', width: 130, render: (v: string) => formatDate(v) },
            {
              title: '操作',
              width: 250,
              fixed: 'right',
              render: (_, u) => {
                const self = u.id === me.id;
                return (
                  <Space size={0}>
                    <Button type="link" size="small" icon={<EditOutlined />} onClick={() => { setEditingId(u.id); setFormOpen(true); }}>
                      编辑
                    </Button>
                    <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResettingId(u.id)}>
                      重置密码
                    </Button>
                    {u.disabled ? (
                      <Popconfirm title={`启用用户“${u.displayName}”？`} okText="启用" cancelText="取消" onConfirm={() => toggle(u, false)}>
                        <Button type="link" size="small" icon={<CheckCircleOutlined />}>
                          启用
                        </Button>
                      </Popconfirm>
                    ) : (
                      <>
                        {u.locked && (
                          <Popconfirm title={`解除“${u.displayName}”的登录锁定？`} okText="解锁" cancelText="取消" onConfirm={() => toggle(u, false)}>
                            <Button type="link" size="small" icon={<UnlockOutlined />}>
                              解锁
                            </Button>
                          </Popconfirm>
                        )}
                        {!self && (
                          <Popconfirm
                            title={`停用用户“${u.displayName}”？`}
                            description="停用后该用户立即退出登录，且不能再登录。"
                            okText="停用"
                            okButtonProps={{ danger: true }}
                            cancelText="取消"
                            onConfirm={() => toggle(u, true)}
                          >
                            <Button type="link" size="small" danger icon={<StopOutlined />}>
                              停用
                            </Button>
                          </Popconfirm>
                        )}
                      </>
                    )}
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      <UserFormModal open={formOpen} user={editing} onClose={() => setFormOpen(false)} />
      <ResetPasswordModal user={resetting} onClose={() => setResettingId(null)} />
    </>
  );
}
