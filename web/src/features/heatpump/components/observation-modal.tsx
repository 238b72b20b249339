import { Alert, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { OBSERVATION_KIND_LABELS, OBSERVATION_KINDS, type ObservationKind } from '@domain/heatpump/project';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { HeatPumpDetail } from '../api/heatpump-api';
import { useRecordObservation } from '../hooks/use-heatpump';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

type Values = { onDate: Dayjs; kind: ObservationKind; note: string };

/** 登记检查情况: what an inspection saw; water from the wells in storm or sewer pipes (外排) is raised as a finding. */
export function ObservationModal({ project, open, onClose }: { project: HeatPumpDetail; open: boolean; onClose: () => void }) {
  return open ? <ObservationDialog project={project} onClose={onClose} /> : null;
}

function ObservationDialog({ project, onClose }: { project: HeatPumpDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const record = useRecordObservation(project.id);
  const submit = (v: Values) =>
    record.mutate(
      { onDate: v.onDate.format('YYYY-MM-DD'), kind: v.kind, note: v.note.trim(), inspectionId: null },
      {
        onSuccess: (r) => {
          showSuccess(r.raised.length ? `已登记；发现外排，已为${project.district}登记问题` : '已登记检查情况');
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={`登记检查情况 · ${project.name}`}
      width={560}
      onCancel={record.isPending ? undefined : onClose}
      closable={!record.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={record.isPending}>
            取消
          </Button>
          <Button type="primary" loading={record.isPending} onClick={() => form.submit()} data-testid="heatpump-observation-submit">
            登记
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">查看雨污管道、停泵对比管道水量等现场检查所见。发现外排的，自动为{project.district}登记问题。</Typography.Paragraph>
      {record.isError && <Alert type="error" showIcon title={errorMessageOf(record.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={record.isPending} initialValues={{ onDate: todayValue(), kind: 'discharge', note: '' }}>
        <Form.Item name="onDate" label="检查日期" rules={[{ required: true, message: '请选择检查日期' }]}>
          <DatePicker allowClear={false} inputReadOnly format="YYYY年M月D日" disabledDate={(d: Dayjs) => isAfterToday(d)} data-testid="heatpump-observation-date" />
        </Form.Item>
        <Form.Item name="kind" label="情况">
          <Radio.Group options={OBSERVATION_KINDS.map((k) => ({ value: k, label: OBSERVATION_KIND_LABELS[k] }))} data-testid="heatpump-observation-kind" />
        </Form.Item>
        <Form.Item name="note" label="看到的情况" rules={[{ required: true, whitespace: true, min: 2, message: '请写明看到的情况' }]}>
          <Input.TextArea rows={3} maxLength={1000} placeholder="如：小区东侧雨水井内有持续清水流出" data-testid="heatpump-observation-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
