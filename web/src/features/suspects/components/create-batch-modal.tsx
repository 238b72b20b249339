import { Alert, Button, Form, InputNumber, Modal, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { SuspectRun } from '../api/suspects-api';
import { useCreateBatch } from '../hooks/use-suspects';
import { formatMonth } from './suspects-format';
import { isBeforeToday } from '../../../lib/office-clock';

type Values = { topN: number; controlPercent: number; dueOn?: Dayjs | null };

/**
 * 下发核查: the top N accounts of a run (those already visited or waiting are skipped) plus a blind
 * random control slice from the rest, sent to the districts as a verification batch.
 */
export function CreateBatchModal({ run, onClose }: { run: SuspectRun | null; onClose: () => void }) {
  return run ? <CreateBatchDialog run={run} onClose={onClose} /> : null;
}

function CreateBatchDialog({ run, onClose }: { run: SuspectRun; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateBatch();

  const submit = (v: Values) => {
    create.mutate(
      { runId: run.id, topN: v.topN, controlShare: v.controlPercent / 100, dueOn: v.dueOn ? v.dueOn.format('YYYY-MM-DD') : null },
      {
        onSuccess: (b) => {
          showSuccess(`已下发第${b.number}批：${b.checks}户（含随机对照${b.control}户）`);
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={`下发核查 · 截至${formatMonth(run.asOf)}的分析`}
      onCancel={create.isPending ? undefined : onClose}
      closable={!create.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={create.isPending}>
            取消
          </Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="create-batch-submit">
            确定下发
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">
        按疑似度从高到低取前N户（已核查或正在核查的用水户自动跳过），另从其余用水户中随机抽取对照户一并下发。对照户不向区、街道标明，用于检验排名是否比随机排查更有效。
      </Typography.Paragraph>
      {create.isError && <Alert type="error" showIcon title={errorMessageOf(create.error)} style={{ marginBottom: 12 }} data-testid="create-batch-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={create.isPending} initialValues={{ topN: 20, controlPercent: 5, dueOn: null }}>
        <Form.Item name="topN" label="前N户" rules={[{ required: true, message: '请填写下发户数' }]}>
          <InputNumber min={1} max={5000} precision={0} suffix="户" inputMode="numeric" style={{ width: 200 }} data-testid="batch-top-n" />
        </Form.Item>
        <Form.Item name="controlPercent" label="随机对照比例" rules={[{ required: true, message: '请填写随机对照比例' }]} extra="对照户数 = 前N户 × 比例，填 0 则不抽对照">
          <InputNumber min={0} max={50} step={1} suffix="%" inputMode="decimal" style={{ width: 200 }} data-testid="batch-control" />
        </Form.Item>
        <Form.Item name="dueOn" label="完成期限（可选）">
          <DatePicker format="YYYY年M月D日" inputReadOnly style={{ width: 200 }} disabledDate={(d: Dayjs) => isBeforeToday(d)} data-testid="batch-due-on" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
