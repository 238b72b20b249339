import { Button, Form, Input, type FormInstance } from 'antd';
import { PASSWORD_RULE_TEXT, passwordProblem } from '../../auth/components/change-password-modal';
import { randomPassword } from './random-password';

/** A password set by an administrator: typed or generated, checked against the shared rule. */
export function GeneratedPasswordField({ form, label, requiredMessage, extra }: {
  form: FormInstance;
  label: string;
  requiredMessage: string;
  extra?: string;
}) {
  return (
    <Form.Item label={label} required extra={extra ?? PASSWORD_RULE_TEXT}>
      <div style={{ display: 'flex', gap: 8 }}>
        <Form.Item
          name="password"
          noStyle
          rules={[
            { required: true, message: requiredMessage },
            { validator: async (_, v: string | undefined) => {
              const p = v ? passwordProblem(v) : null;
              if (p) throw new Error(p);
            } },
          ]}
        >
          <Input style={{ fontFamily: 'monospace' }} autoComplete="new-password" />
        </Form.Item>
        <Button onClick={() => form.setFieldValue('password', randomPassword())}>重新生成</Button>
      </div>
    </Form.Item>
  );
}
