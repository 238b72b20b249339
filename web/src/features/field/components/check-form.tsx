import { Alert, Button, Drawer, Form, Input, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { LocalCheck } from '../offline/field-db';
import { officeToday } from '../../../lib/office-clock';

type Values = { outcome: 'normal' | 'no_access'; checkedOn: string; note?: string };

/** 核查任务 (dual-source suspect) on a phone: the visit's outcome. */
export function CheckForm({ check, onClose, onSave }: { check: LocalCheck; onClose: () => void; onSave: (v: { outcome: 'normal' | 'no_access'; checkedOn: string; note: string | null }) => Promise<void> }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  return (
    <Drawer open onClose={onClose} title={`核查任务 · ${check.name}`} size="100%" placement="right" destroyOnHidden
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button>}>
      <Typography.Paragraph>
        户号 {check.accountNo} · {check.address || check.place}
        {check.dueOn && <Tag color="orange" style={{ marginLeft: 8 }}>{check.dueOn} 前完成</Tag>}
      </Typography.Paragraph>
      {check.reasons.length > 0 && <Typography.Paragraph type="secondary">疑点：{check.reasons.join('；')}</Typography.Paragraph>}
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title="现场发现自备井的，请联网后在电脑版“疑似双水源核查”中登记并建立井档案。" />
      <Form form={form} layout="vertical" initialValues={{ outcome: 'normal', checkedOn: officeToday() }} onFinish={async (v) => {
        setBusy(true);
        try {
          await onSave({ outcome: v.outcome, checkedOn: v.checkedOn, note: v.note?.trim() || null });
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="outcome" label="核查结果">
          <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'normal', label: '用水正常' }, { value: 'no_access', label: '无法入户' }]} />
        </Form.Item>
        <Form.Item name="checkedOn" label="核查日期" rules={[{ required: true, message: '请填写核查日期' }, { validator: async (_r, v: string) => { if (v > officeToday()) throw new Error('核查日期不能晚于今天'); } }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="note" label="情况说明"><Input.TextArea rows={4} maxLength={1000} /></Form.Item>
      </Form>
    </Drawer>
  );
}
