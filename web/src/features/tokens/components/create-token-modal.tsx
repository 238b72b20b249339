import { Alert, Button, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import type { User } from '../../users/api/users-api';
import type { CreatedToken } from '../api/tokens-api';
import { useTokenMutations } from '../hooks/use-tokens';

type Values = { userId: number; name: string; expiresInDays: number | 'never' };

const EXPIRY_OPTIONS = [
  { value: 30, label: '30 天' },
  { value: 90, label: '90 天' },
  { value: 180, label: '180 天' },
  { value: 365, label: '1 年' },
  { value: 'never' as const, label: '永不过期（不推荐）' },
];

export function CreateTokenModal({ open, users, onClose }: { open: boolean; users: User[]; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { create } = useTokenMutations();
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const close = () => {
    onClose();
  };

  return (
    <Modal
      open={open}
      title={created ? '令牌已创建' : '新建接口令牌'}
      width={620}
      onCancel={close}
      mask={{ closable: !created }}
      afterClose={() => {
        setCreated(null);
        create.reset();
        form.resetFields();
      }}
      forceRender
      footer={
        created
          ? [<Button key="done" type="primary" onClick={close}>我已妥善保存</Button>]
          : [
              <Button key="cancel" onClick={close}>取消</Button>,
              <Button key="ok" type="primary" loading={create.isPending} onClick={() => form.submit()}>创建</Button>,
            ]
      }
    >
      {created ? (
        <>
          <Alert
            type="warning"
            showIcon
            title="令牌只显示这一次"
            description="关闭此窗口后将无法再次查看完整令牌。请立即复制并保存到对接系统的安全配置中；如遗失，请吊销后重新创建。"
            style={{ marginBottom: 16 }}
          />
          <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
            {created.view.name} · 使用账号 {created.view.username} 的权限 · {created.view.expiresAt ? `${formatDate(created.view.expiresAt)}过期` : '永不过期'}
          </Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: created.token, tooltips: ['复制', '已复制'] }} className="ws-secret" data-testid="created-token">
            {created.token}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 0 }}>
            调用接口时在请求头中携带：<Typography.Text code>Authorization: Bearer &lt;令牌&gt;</Typography.Text>
          </Typography.Paragraph>
        </>
      ) : (
        <>
          {create.isError && <Alert type="error" showIcon title={errorMessageOf(create.error)} style={{ marginBottom: 16 }} />}
          <Typography.Paragraph type="secondary">
            接口令牌供其他系统（如水务集团营业系统）调用本平台接口，以所选账号的身份和权限访问，可随时吊销。
          </Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ expiresInDays: 365 }}
            onFinish={(v) =>
              create.mutate(
                { userId: v.userId, name: v.name.trim(), expiresInDays: v.expiresInDays === 'never' ? null : v.expiresInDays },
                { onSuccess: setCreated },
              )
            }
          >
            <Form.Item name="userId" label="使用账号" rules={[{ required: true, message: '请选择令牌代表的账号' }]} extra="令牌拥有该账号的全部权限，建议为对接系统单独建立账号">
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择账号"
                options={users.filter((u) => !u.disabled).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
              />
            </Form.Item>
            <Form.Item name="name" label="用途" rules={[{ required: true, whitespace: true, message: '请填写令牌用途' }, { max: 60 }]}>
              <Input placeholder="如：北控水务营业系统数据上报" maxLength={60} showCount />
            </Form.Item>
            <Form.Item name="expiresInDays" label="有效期">
              <Select options={EXPIRY_OPTIONS} style={{ width: 220 }} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
