import { Alert, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { SWITCH_STATE_LABELS, SWITCH_STATES, stateRank, type SwitchState } from '@domain/switch/switch-project';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { SwitchDetail } from '../api/switch-api';
import { useSwitchProgress } from '../hooks/use-switch';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
type Values = { state: SwitchState; progress: number; onDate: Dayjs; note?: string };

/** 更新进度: a dated entry in the project's history (state, progress %, what was done). */
export function SwitchProgressModal({ project, open, onClose }: { project: SwitchDetail; open: boolean; onClose: () => void }) {
  return open ? <ProgressDialog project={project} onClose={onClose} /> : null;
}

function ProgressDialog({ project, onClose }: { project: SwitchDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const mutation = useSwitchProgress(project.id);
  const last = project.history.at(-1)?.onDate;
  const state = Form.useWatch('state', form) as SwitchState | undefined;
  const finishing = !!state && stateRank(state) >= stateRank('finished');

  const submit = (v: Values) =>
    mutation.mutate(
      { state: v.state, progress: finishing ? 100 : v.progress, onDate: v.onDate.format(DAY), note: (v.note ?? '').trim(), version: project.version },
      {
        onSuccess: () => {
          showSuccess('已更新项目进度');
          onClose();
        },
      },
    );

  return (
    <Modal
      open
      title={`更新进度 · ${project.name}`}
      width={560}
      onCancel={mutation.isPending ? undefined : onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={mutation.isPending}>
            取消
          </Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="switch-progress-submit">
            保存
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">每次更新记入项目进展记录。进入“开工”记开工日期，进入“完工”记实际完工日期，进度计为 100%；状态不能回退。</Typography.Paragraph>
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} data-testid="switch-progress-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={mutation.isPending}
        initialValues={{ state: project.state, progress: project.progress, onDate: todayValue() }}
      >
        <Form.Item name="state" label="状态" rules={[{ required: true }]}>
          <Select<SwitchState>
            options={SWITCH_STATES.map((s) => ({ value: s, label: SWITCH_STATE_LABELS[s], disabled: stateRank(s) < stateRank(project.state) }))}
            data-testid="switch-progress-state"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="progress" label="工程进度（%）" rules={[{ required: true, message: '请填写进度' }]}>
          <InputNumber min={0} max={100} precision={0} disabled={finishing} suffix="%" style={{ width: 200 }} data-testid="switch-progress-percent" />
        </Form.Item>
        <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker
            allowClear={false}
            format="YYYY年M月D日"
            style={{ width: 200 }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || (!!last && d.isBefore(dayjs(last, DAY), 'day'))}
            data-testid="switch-progress-date"
          />
        </Form.Item>
        <Form.Item name="note" label="进展说明">
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：主管网铺设完成 1.2 公里" data-testid="switch-progress-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
