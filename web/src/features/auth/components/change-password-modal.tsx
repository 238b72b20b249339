import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { changePassword } from '../api/auth-api';
import { SESSION_KEY } from '../hooks/use-session';
import { passwordProblem } from '@domain/shared/password-rules';

type Values = { currentPassword: string; newPassword: string; confirm: string };

export const PASSWORD_RULE_TEXT = '至少 8 位，须同时包含字母和数字';

export { passwordProblem };

export function ChangePasswordModal({
  open,
  forced = false,
  onClose,
  onLogout,
}: {
  open: boolean;
  /** first login or reset by an administrator: the modal cannot be dismissed */
  forced?: boolean;
  onClose: () => void;
  onLogout?: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: (v: Values) => changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }),
    meta: { silentErrors: true },
    onSuccess: async () => {
      showSuccess('密码已修改，其他设备上的登录已失效');
      form.resetFields();
      await qc.invalidateQueries({ queryKey: SESSION_KEY });
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={forced ? '请先修改初始密码' : '修改密码'}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      destroyOnHidden
      width={460}
      onCancel={onClose}
      footer={[
        forced && onLogout ? (
          <Button key="logout" onClick={onLogout}>
            退出登录
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            取消
          </Button>
        ),
        <Button key="ok" type="primary" loading={mutation.isPending} onClick={() => form.submit()}>
          确认修改
        </Button>,
      ]}
    >
      {forced && (
        <Typography.Paragraph type="secondary">
          您的密码由管理员设置或已被重置。为保障账号安全，请设置一个只有您自己知道的新密码后继续使用。
        </Typography.Paragraph>
      )}
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={(v) => mutation.mutate(v)} onValuesChange={() => mutation.isError && mutation.reset()}>
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label="新密码"
          extra={PASSWORD_RULE_TEXT}
          rules={[
            { required: true, message: '请输入新密码' },
            { validator: async (_, v: string | undefined) => {
              const problem = v ? passwordProblem(v) : null;
              if (problem) throw new Error(problem);
            } },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的密码不一致');
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
