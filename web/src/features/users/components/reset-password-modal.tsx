import { Alert, Button, Form, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessageOf } from '../../../ui/feedback';
import type { User } from '../api/users-api';
import { useUserMutations } from '../hooks/use-users';
import { randomPassword } from './random-password';
import { GeneratedPasswordField } from './generated-password-field';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const { resetPassword } = useUserMutations();
  const [done, setDone] = useState<string | null>(null);

  const userId = user?.id ?? null;
  useEffect(() => {
    if (userId !== null) {
      setDone(null);
      form.setFieldsValue({ password: randomPassword() });
    }
  }, [userId, form]);

  return (
    <Modal
      open={user !== null}
      title={user ? `重置密码 · ${user.displayName}` : ''}
      onCancel={onClose}
      afterClose={() => resetPassword.reset()}
      forceRender
      footer={
        done
          ? [<Button key="ok" type="primary" onClick={onClose}>完成</Button>]
          : [
              <Button key="cancel" onClick={onClose}>取消</Button>,
              <Button key="reset" type="primary" danger loading={resetPassword.isPending} onClick={() => form.submit()}>
                重置密码
              </Button>,
            ]
      }
    >
      {done ? (
        <>
          <Alert type="success" showIcon title="密码已重置，该用户的所有登录已失效" style={{ marginBottom: 16 }} />
          <Typography.Paragraph>请通过安全渠道将新密码告知本人，对方登录后须立即修改：</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: done }} className="ws-secret">
            {done}
          </Typography.Paragraph>
        </>
      ) : (
        <>
          {resetPassword.isError && <Alert type="error" showIcon title={errorMessageOf(resetPassword.error)} style={{ marginBottom: 16 }} />}
          <Typography.Paragraph type="secondary">重置后该用户须用新密码登录，并在首次登录时修改密码；账号锁定同时解除。</Typography.Paragraph>
          <Form
            form={form}
            layout="vertical"
            onFinish={({ password }) => {
              if (!user) return;
              resetPassword.mutate({ user, password }, { onSuccess: () => setDone(password) });
            }}
          >
            <GeneratedPasswordField form={form} label="新密码" requiredMessage="请输入新密码" />
          </Form>
        </>
      )}
    </Modal>
  );
}
