import { Alert, Button, Form, Input, InputNumber, Modal, Radio, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { READING_METHOD_LABELS, READING_METHODS, type ReadingMethod } from '@domain/heatpump/project';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { HeatPumpDetail } from '../api/heatpump-api';
import { useRecordReading } from '../hooks/use-heatpump';
import { percent } from './heatpump-tags';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

type Values = { span: 'month' | 'day'; period: Dayjs; pumpedM3: number; reinjectedM3: number; method: ReadingMethod; waterTempC: number | null; note: string };

/** 登记监测读数: a month read from the meter, or a day's ultrasonic spot measurement. A month below the threshold is raised as a finding for the project's district. */
export function ReadingModal({ project, open, onClose }: { project: HeatPumpDetail; open: boolean; onClose: () => void }) {
  return open ? <ReadingDialog project={project} onClose={onClose} /> : null;
}

function ReadingDialog({ project, onClose }: { project: HeatPumpDetail; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const record = useRecordReading(project.id);
  const span = Form.useWatch('span', form) ?? 'month';
  const pumped = Form.useWatch('pumpedM3', form) as number | null | undefined;
  const reinjected = Form.useWatch('reinjectedM3', form) as number | null | undefined;
  const ratio = pumped && pumped > 0 && reinjected !== null && reinjected !== undefined ? reinjected / pumped : null;
  const low = ratio !== null && ratio < project.rules.ratioThreshold;

  const submit = (v: Values) => {
    record.mutate(
      {
        period: v.period.format(v.span === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'), pumpedM3: v.pumpedM3, reinjectedM3: v.reinjectedM3, method: v.method,
        waterTempC: v.waterTempC ?? null, note: (v.note ?? '').trim(),
      },
      {
        onSuccess: (r) => {
          showSuccess(r.raised.length ? `已登记读数；回灌率低于标准，已为${project.district}登记问题 ${r.raised.length} 个` : '已登记读数');
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={`登记监测读数 · ${project.name}`}
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
          <Button type="primary" loading={record.isPending} onClick={() => form.submit()} data-testid="heatpump-reading-submit">
            登记
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">
        计量表按月填写抽水、回灌总量；超声波流量计抽测按日填写。同月读数合计后计算回灌率，低于 {percent(project.rules.ratioThreshold)} 的月份自动为{project.district}登记问题（每月只登记一次）。
      </Typography.Paragraph>
      {record.isError && <Alert type="error" showIcon title={errorMessageOf(record.error)} style={{ marginBottom: 12 }} data-testid="heatpump-reading-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={record.isPending}
        initialValues={{ span: 'month', method: 'meter', period: todayValue().startOf('month'), waterTempC: null, note: '' }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.method) form.setFieldValue('span', changed.method === 'meter' ? 'month' : 'day');
        }}
      >
        <Form.Item name="method" label="方式">
          <Radio.Group optionType="button" options={READING_METHODS.map((m) => ({ value: m, label: READING_METHOD_LABELS[m] }))} data-testid="heatpump-reading-method" />
        </Form.Item>
        <Form.Item label="期间" required style={{ marginBottom: 0 }}>
          <div className="ws-hp-period">
            <Form.Item name="span" noStyle>
              <Radio.Group options={[{ value: 'month', label: '按月' }, { value: 'day', label: '按日' }]} data-testid="heatpump-reading-span" />
            </Form.Item>
            <Form.Item name="period" noStyle rules={[{ required: true, message: '请选择期间' }]}>
              <DatePicker
                picker={span === 'month' ? 'month' : 'date'}
                format={span === 'month' ? 'YYYY年M月' : 'YYYY年M月D日'}
                allowClear={false}
                inputReadOnly
                disabledDate={(d: Dayjs) => isAfterToday(d, span === 'month' ? 'month' : 'day')}
                data-testid="heatpump-reading-period"
              />
            </Form.Item>
          </div>
        </Form.Item>
        <div className="ws-hp-volumes" style={{ marginTop: 16 }}>
          <Form.Item name="pumpedM3" label="抽水量（立方米）" rules={[{ required: true, message: '请填写抽水量' }]}>
            <InputNumber min={0} max={1e7} style={{ width: '100%' }} data-testid="heatpump-reading-pumped" />
          </Form.Item>
          <Form.Item name="reinjectedM3" label="回灌量（立方米）" rules={[{ required: true, message: '请填写回灌量' }]}>
            <InputNumber min={0} max={1e7} style={{ width: '100%' }} data-testid="heatpump-reading-reinjected" />
          </Form.Item>
          <Form.Item name="waterTempC" label="水温（℃）">
            <InputNumber min={-5} max={100} step={0.1} style={{ width: '100%' }} data-testid="heatpump-reading-temp" />
          </Form.Item>
        </div>
        {ratio !== null && (
          <Alert
            type={low ? 'warning' : 'success'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="heatpump-reading-ratio"
            title={low ? `本次读数回灌率 ${percent(ratio)}，低于标准 ${percent(project.rules.ratioThreshold)}` : `本次读数回灌率 ${percent(ratio)}`}
          />
        )}
        <Form.Item name="note" label="备注">
          <Input.TextArea rows={2} maxLength={500} placeholder="如：抽测位置、计量表编号" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
