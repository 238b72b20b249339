import { Alert, Form, Modal } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { ORG_LEVEL_LABELS } from '@domain/org/org-unit';
import { showSuccess } from '../../../ui/feedback';
import type { OrgUnit } from '../api/org-api';
import { useUpdateOrgUnit } from '../hooks/use-update-org-unit';
import { todayValue } from '../../../lib/office-clock';

/** Closing keeps the unit and its history; it just stops counting from that day. */
export function CloseUnitModal({ unit, onClose }: { unit: OrgUnit | null; onClose: () => void }) {
  const [form] = Form.useForm<{ closedOn: Dayjs }>();
  const update = useUpdateOrgUnit();
  const label = unit ? ORG_LEVEL_LABELS[unit.level] : '';
  return (
    <Modal
      open={unit !== null}
      title={unit ? `关闭${label}“${unit.name}”` : ''}
      okText="确认关闭"
      okButtonProps={{ danger: true }}
      confirmLoading={update.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={() => form.submit()}
    >
      {unit && (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="关闭后该单位不再计入网格总数和各项统计，历史记录保留。"
            description={unit.childCount > 0 ? `该${label}下还有 ${unit.childCount} 个未关闭的下级单位，须先关闭下级单位。` : undefined}
          />
          <Form
            form={form}
            layout="vertical"
            initialValues={{ closedOn: todayValue() }}
            onFinish={({ closedOn }) =>
              update.mutate(
                { id: unit.id, version: unit.version, closedOn: closedOn.format('YYYY-MM-DD') },
                {
                  onSuccess: () => {
                    showSuccess(`已关闭${label}“${unit.name}”`);
                    onClose();
                  },
                },
              )
            }
          >
            <Form.Item name="closedOn" label="关闭日期" rules={[{ required: true, message: '请选择关闭日期' }]}>
              <DatePicker
                style={{ width: 220 }}
                disabledDate={(d) => d.isBefore(dayjs(unit.openedOn), 'day')}
                format="YYYY年M月D日"
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
