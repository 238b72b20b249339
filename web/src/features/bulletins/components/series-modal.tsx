import { Alert, Form, Input, Modal } from 'antd';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { Series, SeriesSettings } from '../api/bulletins-api';
import { useSaveSeries } from '../hooks/use-bulletins';

/** 编辑版头: the red title, the issuing office and the 报 / 发 lines every issue of a series prints. */
export function SeriesModal({ series, onClose }: { series: Series | null; onClose: () => void }) {
  const [form] = Form.useForm<SeriesSettings>();
  const mutation = useSaveSeries();

  const close = () => {
    mutation.reset();
    onClose();
  };

  const submit = (v: SeriesSettings) =>
    series &&
    mutation.mutate(
      { id: series.id, body: { title: v.title.trim(), office: v.office.trim(), reportLine: v.reportLine.trim(), sendLine: v.sendLine.trim() } },
      {
        onSuccess: () => {
          showSuccess(`已保存“${series.name}”的版头和分送`);
          close();
        },
      },
    );

  const line = (label: string, min = 2) => [{ required: true, whitespace: true, message: `请填写${label}` }, { min, message: `${label}至少 ${min} 个字` }];

  return (
    <Modal
      open={series !== null}
      title={series ? `编辑版头 · ${series.name}` : '编辑版头'}
      okText="保存"
      onOk={() => form.submit()}
      onCancel={close}
      confirmLoading={mutation.isPending}
      width={640}
      destroyOnHidden
    >
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} />}
      <Form<SeriesSettings>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={series ? { title: series.title, office: series.office, reportLine: series.reportLine, sendLine: series.sendLine } : undefined}
      >
        <Form.Item name="title" label="简报名称（红头）" rules={[...line('简报名称'), { max: 60 }]}>
          <Input placeholder="如：“飓风”行动工作简报" data-testid="series-title" />
        </Form.Item>
        <Form.Item name="office" label="编发单位" rules={[...line('编发单位'), { max: 120 }]} extra="名称较长时在“南水北调”后分两行印出；也可直接换行指定分行位置">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
        <Form.Item name="reportLine" label="报送（报：）" rules={[...line('报送范围'), { max: 300 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="报：市领导小组组长、副组长。" />
        </Form.Item>
        <Form.Item name="sendLine" label="分发（发：）" rules={[...line('分发范围'), { max: 300 }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} placeholder="发：各成员单位。" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
