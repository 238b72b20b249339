import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Form, Input, Modal, Row, Select, TreeSelect, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { TIP_CHANNEL_LABELS, TIP_CHANNELS, type TipChannel } from '@domain/tip/workflow';
import { ApiError } from '../../../lib/api-client';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { useCreateStaffTip } from '../hooks/use-tips';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const LEVELS = ['district', 'street', 'community', 'grid'];
/** Web tips come in through the public page by themselves; staff register the others. */
const STAFF_CHANNELS = TIP_CHANNELS.filter((c) => c !== 'web');

type Values = {
  channel: TipChannel;
  receivedAt: Dayjs;
  content: string;
  address?: string;
  orgUnitId?: number | null;
  reporterName?: string;
  reporterPhone?: string;
};

const text = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Field errors the server sent back (400 details.fields: [{ field, message }]). */
function fieldErrorsOf(err: unknown): { field: string; message: string }[] {
  if (!(err instanceof ApiError) || err.status !== 400) return [];
  const d = err.details;
  if (typeof d !== 'object' || d === null || !('fields' in d) || !Array.isArray(d.fields)) return [];
  return d.fields.filter(
    (f: unknown): f is { field: string; message: string } =>
      typeof f === 'object' && f !== null && typeof (f as { field?: unknown }).field === 'string' && typeof (f as { message?: unknown }).message === 'string',
  );
}

/** 登记线索: a tip that came by 12345 hotline, phone, letter, visit, a leader's instruction or the media. */
export function TipRegisterModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return open ? <TipRegisterDialog onClose={onClose} /> : null;
}

function TipRegisterDialog({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateStaffTip();
  const navigate = useNavigate();
  const { data: units } = useOrgUnits(false);
  const options = useOrgTreeOptions(units, LEVELS);

  const submit = (v: Values) => {
    create.mutate(
      {
        channel: v.channel,
        receivedAt: v.receivedAt.toISOString(),
        content: v.content.trim(),
        address: v.address?.trim() ?? '',
        orgUnitId: v.orgUnitId ?? null,
        reporterName: text(v.reporterName),
        reporterPhone: text(v.reporterPhone),
      },
      {
        onSuccess: (tip) => {
          showSuccess(`已登记线索 ${tip.code}`);
          onClose();
          navigate(`/tips/${tip.id}`);
        },
        onError: (err) => {
          const fields = fieldErrorsOf(err);
          if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
        },
      },
    );
  };

  return (
    <Modal
      open
      title="登记线索"
      width={640}
      onCancel={create.isPending ? undefined : onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={create.isPending}>
            取消
          </Button>
          <Button type="primary" loading={create.isPending} onClick={() => form.submit()} data-testid="tip-register-submit">
            登记
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">
        登记经 12345 热线、电话、来信、来访、领导批转等渠道收到的举报。群众在网上提交的举报会自动进入线索列表，无须登记。
      </Typography.Paragraph>
      {create.isError && <Alert type="error" showIcon title={errorMessageOf(create.error)} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={create.isPending}
        initialValues={{ channel: 'hotline', receivedAt: todayValue() }}
        className="ws-card-form"
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="channel" label="来源渠道" rules={[{ required: true, message: '请选择来源渠道' }]}>
              <Select data-testid="tip-register-channel" options={STAFF_CHANNELS.map((c) => ({ value: c, label: TIP_CHANNEL_LABELS[c] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="receivedAt" label="受理时间" rules={[{ required: true, message: '请填写受理时间' }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY年M月D日 HH:mm"
                allowClear={false}
                inputReadOnly
                style={{ width: '100%' }}
                disabledDate={(d: Dayjs) => isAfterToday(d)}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label="举报内容" rules={[{ required: true, whitespace: true, message: '请填写举报内容' }, { min: 2 }, { max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="按来电、来信原意记录：被举报单位或地点、使用自备井的情况" data-testid="tip-register-content" />
        </Form.Item>
        <Form.Item name="address" label="地点" rules={[{ max: 200 }]}>
          <Input placeholder="街路门牌号、小区、单位名称" />
        </Form.Item>
        <Form.Item name="orgUnitId" label="所在区域（已知时）" extra="选到区即可；知道所在街道、社区或网格的，选得越细越便于查重和交办">
          <TreeSelect
            allowClear
            placeholder="选择区、街道、社区或网格"
            treeData={options}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={options.map((o) => o.value)}
            listHeight={320}
          />
        </Form.Item>
        <Typography.Title level={5} className="ws-form-section">
          <LockOutlined /> 举报人（可不填，不填为匿名）
        </Typography.Title>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="reporterName" label="姓名" rules={[{ max: 40 }]}>
              <Input autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="reporterPhone" label="电话" rules={[{ pattern: /^[0-9+\-\s]{7,20}$/, message: '电话号码格式不正确' }]}>
              <Input inputMode="tel" autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          举报人身份仅市封停办可见，交办属地时不会透露。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
