import { Alert, Button, Card, Form, InputNumber, Skeleton, Typography } from 'antd';
import { useEffect } from 'react';
import { GPS_ACCURACY_LIMIT } from '@domain/survey/gps-accuracy';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useFieldSettings, useSaveFieldSettings } from '../hooks/use-field-settings';

const { minM, maxM, defaultM } = GPS_ACCURACY_LIMIT;

/** 外业设置 (city office): the 定位精度上限 every phone warns by; phones take a new value at their next sync. */
export function FieldSettingsPage() {
  const { data, isPending } = useFieldSettings();
  const save = useSaveFieldSettings();
  const [form] = Form.useForm<{ gpsAccuracyLimitM: number | null }>();
  useEffect(() => {
    if (data) form.setFieldsValue(data);
  }, [data, form]);

  return (
    <>
      <PageHeader title="外业设置" description="外业模式（手机离线采集）的全市统一参数，由市封停办设置。" />
      <Card className="ws-card" style={{ maxWidth: 720 }}>
        {isPending ? <Skeleton active /> : (
          <Form
            form={form}
            layout="vertical"
            requiredMark={false}
            onValuesChange={() => save.isError && save.reset()}
            onFinish={(v) => save.mutate({ gpsAccuracyLimitM: v.gpsAccuracyLimitM! }, {
              onSuccess: (saved) => showSuccess(`定位精度上限已设为 ${saved.gpsAccuracyLimitM} 米，各手机在下次同步后生效`),
            })}
          >
            {save.isError && <Alert type="error" showIcon title={errorMessageOf(save.error)} style={{ marginBottom: 16 }} data-testid="field-settings-error" />}
            <Form.Item
              name="gpsAccuracyLimitM"
              label="定位精度上限"
              extra={`手机定位精度差于此值时，户卡和封井记录会提示“低于要求”，但仍可保存。填整数，${minM}–${maxM} 米，默认 ${defaultM} 米。`}
              rules={[
                { required: true, message: '请填写定位精度上限' },
                { validator: async (_r, v: number | null | undefined) => {
                  if (v === null || v === undefined) return;
                  if (!Number.isInteger(v)) throw new Error('定位精度上限应为整数（米）');
                  if (v < minM || v > maxM) throw new Error(`定位精度上限应在 ${minM}–${maxM} 米之间`);
                } },
              ]}
            >
              <InputNumber style={{ width: 200 }} suffix="米" placeholder={String(defaultM)} />
            </Form.Item>
            <Typography.Paragraph type="secondary">
              当前生效：{data?.gpsAccuracyLimitM ?? defaultM} 米。修改后，手机在下次联网同步时取得新值；离线中的手机仍按原值提示。
            </Typography.Paragraph>
            <Button type="primary" htmlType="submit" loading={save.isPending}>保存</Button>
          </Form>
        )}
      </Card>
    </>
  );
}
