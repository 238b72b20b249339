import { Alert, Form, Input, Modal } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useCreateCampaign } from '../hooks/use-campaigns';

type Values = { name: string; title: string; range: [Dayjs, Dayjs] };
const DAY = 'YYYY-MM-DD';

/** 新建封停任务: a named push with its dates and the title its daily notice prints. */
export function CreateCampaignModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const mutation = useCreateCampaign();
  const name = Form.useWatch('name', form) as string | undefined;

  const close = () => {
    form.resetFields();
    mutation.reset();
    onClose();
  };

  const submit = (v: Values) =>
    mutation.mutate(
      { name: v.name.trim(), title: v.title.trim(), startsOn: v.range[0].format(DAY), endsOn: v.range[1].format(DAY) },
      {
        onSuccess: (c) => {
          showSuccess(`已新建封停任务“${c.name}”`);
          close();
        },
      },
    );

  return (
    <Modal open={open} title="新建封停任务" okText="新建" onOk={() => form.submit()} onCancel={close} confirmLoading={mutation.isPending} destroyOnHidden>
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label="任务名称" rules={[{ required: true, whitespace: true, message: '请填写任务名称' }, { max: 40 }]}>
          <Input placeholder="如：决战六月" />
        </Form.Item>
        <Form.Item name="title" label="通报标题" rules={[{ required: true, whitespace: true, message: '请填写通报标题' }, { max: 100 }]} extra="日通报表格上方的标题">
          <Input placeholder={`如：中心城区“飓风”行动“${name?.trim() || '决战六月'}”日通报`} />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker format="YYYY年M月D日" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
