import { Form, Input, Modal } from 'antd';
import { ORG_LEVEL_LABELS } from '@domain/org/org-unit';
import { showSuccess } from '../../../ui/feedback';
import type { OrgUnit } from '../api/org-api';
import { useUpdateOrgUnit } from '../hooks/use-update-org-unit';

export function RenameUnitModal({ unit, onClose }: { unit: OrgUnit | null; onClose: () => void }) {
  const [form] = Form.useForm<{ name: string }>();
  const update = useUpdateOrgUnit();
  return (
    <Modal
      open={unit !== null}
      title={unit ? `修改${ORG_LEVEL_LABELS[unit.level]}名称` : ''}
      okText="保存"
      confirmLoading={update.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {unit && (
        <Form
          form={form}
          layout="vertical"
          initialValues={{ name: unit.name }}
          onFinish={({ name }) =>
            update.mutate(
              { id: unit.id, version: unit.version, name: name.trim() },
              {
                onSuccess: () => {
                  showSuccess(`已将“${unit.name}”更名为“${name.trim()}”`);
                  onClose();
                },
              },
            )
          }
        >
          <Form.Item label="编码">
            <Input value={unit.code} disabled />
          </Form.Item>
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '名称不能为空' },
              { max: 64, message: '名称不能超过 64 个字符' },
            ]}
          >
            <Input autoFocus maxLength={64} showCount />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
