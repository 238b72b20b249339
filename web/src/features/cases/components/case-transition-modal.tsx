import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { CASE_EVENT_LABELS, type CaseEventKind } from '@domain/case/case';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { CaseDetail } from '../api/cases-api';
import { useCaseTransition } from '../hooks/use-cases';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
type Values = { onDate: Dayjs; fineYuan?: number | null; otherMeasures?: string; decisionNo?: string; executionNote?: string; note?: string };

/** One step of a case, dated: a decision with its penalty, closing with how the decision was executed. */
export function CaseTransitionModal({ kase, event, onClose }: { kase: CaseDetail; event: CaseEventKind | null; onClose: () => void }) {
  return event ? <TransitionDialog kase={kase} event={event} onClose={onClose} /> : null;
}

function TransitionDialog({ kase, event, onClose }: { kase: CaseDetail; event: CaseEventKind; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const step = useCaseTransition(kase.id);
  const last = kase.events.at(-1)?.onDate ?? kase.filedOn;

  const submit = (v: Values) => {
    const text = (s: string | undefined) => (s?.trim() ? s.trim() : undefined);
    const data = {
      ...(event === 'decide' && v.fineYuan !== null && v.fineYuan !== undefined ? { fineYuan: v.fineYuan } : {}),
      ...(event === 'decide' && text(v.otherMeasures) !== undefined ? { otherMeasures: text(v.otherMeasures) } : {}),
      ...(event === 'decide' && text(v.decisionNo) ? { decisionNo: text(v.decisionNo) } : {}),
      ...(event === 'close' && text(v.executionNote) ? { executionNote: text(v.executionNote) } : {}),
      ...(text(v.note) ? { note: text(v.note) } : {}),
    };
    step.mutate({ event, onDate: v.onDate.format(DAY), data, version: kase.version }, { onSuccess: () => (showSuccess(`已${CASE_EVENT_LABELS[event]}`), onClose()) });
  };

  return (
    <Modal
      open
      title={`${CASE_EVENT_LABELS[event]} · ${kase.number}`}
      onCancel={step.isPending ? undefined : onClose}
      okText="确定"
      cancelText="取消"
      confirmLoading={step.isPending}
      onOk={() => form.submit()}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid="case-transition-modal"
    >
      {step.error && <Alert type="error" showIcon title={errorMessageOf(step.error)} style={{ marginBottom: 12 }} data-testid="case-transition-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ onDate: todayValue(), fineYuan: kase.fineYuan, otherMeasures: kase.otherMeasures }}>
        <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => isAfterToday(d) || d.isBefore(dayjs(last, DAY), 'day')} data-testid="case-step-date" />
        </Form.Item>
        {event === 'decide' && (
          <>
            <Form.Item name="fineYuan" label="罚款金额（元）" extra="处罚决定须有罚款金额或其他处罚措施">
              <InputNumber min={0} step={10000} style={{ width: '100%' }} data-testid="case-step-fine" />
            </Form.Item>
            <Form.Item name="otherMeasures" label="其他处罚措施">
              <Input maxLength={1000} placeholder="如：责令限期封井" data-testid="case-step-measures" />
            </Form.Item>
            <Form.Item name="decisionNo" label="处罚决定书文号">
              <Input maxLength={60} />
            </Form.Item>
          </>
        )}
        {event === 'close' && (
          <Form.Item name="executionNote" label="执行情况" rules={[{ required: true, whitespace: true, message: '请写明处罚决定的执行情况' }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder="如：罚款已缴纳，自备井已回填" data-testid="case-step-execution" />
          </Form.Item>
        )}
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
