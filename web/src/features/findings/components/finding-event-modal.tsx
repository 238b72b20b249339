import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { FINDING_EVENT_LABELS, findingEventProblems, type FindingEventData, type FindingEventKind } from '@domain/inspection/finding';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { FindingDetail } from '../api/findings-api';
import { useFindingTransition } from '../hooks/use-findings';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

const HINTS: Record<FindingEventKind, string> = {
  start: '责任单位开始整改：可写明整改措施、责任人和完成时限。',
  submit: '整改完成后提交整改材料：写明做了什么、结果如何；整改照片请在“整改照片”中上传。提交后由提出问题的单位核验。',
  verify: '核验整改材料和现场情况，确认问题已整改到位后销号。',
  return: '整改不到位的，退回责任单位重新整改，并写明原因。',
};

type Values = { onDate: Dayjs; plan?: string; evidence?: string; reason?: string };

/** The day a new step may not precede: the last recorded step, or the day the finding was raised. */
export function earliestFindingDay(f: FindingDetail): string {
  return [f.foundOn, ...f.events.map((e) => e.onDate)].sort().at(-1) ?? f.foundOn;
}

/** Opens the form for one of the finding's next steps; nothing when `event` is null. */
export function FindingEventModal({ finding, event, onClose }: { finding: FindingDetail; event: FindingEventKind | null; onClose: () => void }) {
  return event ? <FindingEventDialog key={event} finding={finding} event={event} onClose={onClose} /> : null;
}

function FindingEventDialog({ finding, event, onClose }: { finding: FindingDetail; event: FindingEventKind; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const mutation = useFindingTransition(finding.id);
  const [problems, setProblems] = useState<string[]>([]);
  const earliest = earliestFindingDay(finding);
  const label = FINDING_EVENT_LABELS[event];

  const submit = (v: Values) => {
    const data: FindingEventData = {};
    if (event === 'start' && v.plan?.trim()) data.plan = v.plan.trim();
    if (event === 'submit' && v.evidence?.trim()) data.evidence = v.evidence.trim();
    if (event === 'return' && v.reason?.trim()) data.reason = v.reason.trim();
    const found = findingEventProblems(event, data);
    if (found.length) {
      setProblems(found);
      return;
    }
    setProblems([]);
    mutation.mutate(
      { event, onDate: v.onDate.format(DAY), data, version: finding.version },
      {
        onSuccess: () => {
          showSuccess(`问题已${label}`);
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={label}
      width={580}
      onCancel={mutation.isPending ? undefined : onClose}
      closable={!mutation.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={mutation.isPending}>
            取消
          </Button>
          <Button
            type="primary"
            danger={event === 'return'}
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid={event === 'submit' ? 'finding-submit-evidence' : 'finding-event-submit'}
          >
            确认{label}
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {HINTS[event]}
      </Typography.Paragraph>
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} data-testid="finding-event-error" />}
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={mutation.isPending}
        initialValues={{ onDate: todayValue().isBefore(dayjs(earliest), 'day') ? dayjs(earliest) : todayValue() }}
        onValuesChange={() => problems.length && setProblems([])}
        className="ws-card-form"
      >
        <Form.Item name="onDate" label={`${label}日期`} rules={[{ required: true, message: '请选择日期' }]} extra={`不能早于 ${formatDate(earliest)}（发现或上一步），不能晚于今天`}>
          <DatePicker
            allowClear={false}
            inputReadOnly
            format="YYYY年M月D日"
            style={{ width: 200, maxWidth: '100%' }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || d.isBefore(dayjs(earliest), 'day')}
            data-testid="finding-event-date"
          />
        </Form.Item>
        {event === 'start' && (
          <Form.Item name="plan" label="整改措施（可选）" rules={[{ max: 1000 }]}>
            <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：街道组织社区网格员对沿街门店逐户补登一户一卡，1月18日前完成" data-testid="finding-plan" />
          </Form.Item>
        )}
        {event === 'submit' && (
          <Form.Item name="evidence" label="整改情况" rules={[{ required: true, whitespace: true, message: '请填写整改情况（做了什么、结果如何）' }, { max: 2000 }]}>
            <Input.TextArea
              rows={5}
              maxLength={2000}
              showCount
              placeholder="如：已对辖区 126 家沿街门店和 58 户城中村住户补登一户一卡，台账已更新"
              data-testid="finding-evidence"
            />
          </Form.Item>
        )}
        {event === 'return' && (
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '退回须填写原因' }, { max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：整改材料只有文字说明，缺少补登的一户一卡台账，请补充" data-testid="finding-reason" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
