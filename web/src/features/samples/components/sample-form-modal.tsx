import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Divider, Form, Input, InputNumber, Modal, Radio, Row, Select, TreeSelect, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import {
  FIELD_CHLORINE, FIELD_CHLORINE_LABELS, LAB_TRACER_LABELS, LAB_TRACER_UNITS, LAB_TRACERS, SAMPLE_POINT_LABELS, SAMPLE_POINTS, type FieldChlorine, type LabTracer, type SamplePoint,
} from '@domain/sample/sample';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useCan } from '../../auth/hooks/use-session';
import { useSubtreeOptions } from '../../org/hooks/use-subtree-options';
import { WellSearchSelect } from '../../wells/components/well-search-select';
import type { NewSample, SampleDetail } from '../api/samples-api';
import { useCreateSample, useUpdateSample } from '../hooks/use-samples';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const UNIT_LEVELS = ['district', 'street', 'community', 'grid'];

type Values = {
  code?: string;
  sampledOn: Dayjs;
  sampledBy?: string;
  unitId?: number | null;
  wellId?: number | null;
  address?: string;
  lat?: number | null;
  lng?: number | null;
  point?: SamplePoint;
  fieldChlorine: FieldChlorine;
  fieldChlorineMgL?: number | null;
  lab: Partial<Record<LabTracer, number | null>>;
  extra?: { name?: string; value?: number | null }[];
  labName?: string;
  reportOn?: Dayjs | null;
  note?: string;
};

function initialOf(s: SampleDetail | null): Partial<Values> {
  if (!s) return { sampledOn: todayValue(), fieldChlorine: 'not_done', lab: {}, extra: [] };
  const known = LAB_TRACERS as readonly string[];
  return {
    code: s.code, sampledOn: dayjs(s.sampledOn, DAY), sampledBy: s.sampledBy, unitId: s.unitId, wellId: s.wellId, address: s.address, lat: s.lat, lng: s.lng,
    point: s.point, fieldChlorine: s.fieldChlorine, fieldChlorineMgL: s.fieldChlorineMgL,
    lab: Object.fromEntries(Object.entries(s.labResults).filter(([k]) => known.includes(k))),
    extra: Object.entries(s.labResults).filter(([k]) => !known.includes(k)).map(([name, value]) => ({ name, value })),
    labName: s.labName ?? '', reportOn: s.reportOn ? dayjs(s.reportOn, DAY) : null, note: s.note ?? '',
  };
}

/** 登记水样 / 修改水样: where and when it was drawn, the field chlorine test and the lab's results. */
export function SampleFormModal({ open, onClose, sample }: { open: boolean; onClose: () => void; sample?: SampleDetail | null }) {
  return open ? <SampleFormDialog onClose={onClose} sample={sample ?? null} /> : null;
}

function SampleFormDialog({ onClose, sample }: { onClose: () => void; sample: SampleDetail | null }) {
  const [form] = Form.useForm<Values>();
  const create = useCreateSample();
  const update = useUpdateSample(sample?.id ?? 0);
  const save = sample ? update : create;
  const navigate = useNavigate();
  const can = useCan();
  const unitOptions = useSubtreeOptions(undefined, UNIT_LEVELS);
  const chlorine = Form.useWatch('fieldChlorine', form) as FieldChlorine | undefined;

  const submit = (v: Values) => {
    const labResults: Record<string, number | null> = {};
    for (const t of LAB_TRACERS) if (typeof v.lab?.[t] === 'number') labResults[t] = v.lab[t]!;
    for (const e of v.extra ?? []) if (e?.name?.trim() && typeof e.value === 'number') labResults[e.name.trim()] = e.value;
    const body: NewSample = {
      code: (v.code ?? '').trim(), sampledOn: v.sampledOn.format(DAY), sampledBy: (v.sampledBy ?? '').trim(), unitId: v.unitId ?? null, wellId: v.wellId ?? null,
      cardId: sample?.cardId ?? null, address: (v.address ?? '').trim(), lat: v.lat ?? null, lng: v.lng ?? null, point: v.point!, fieldChlorine: v.fieldChlorine,
      fieldChlorineMgL: v.fieldChlorine === 'not_done' ? null : (v.fieldChlorineMgL ?? null), labResults, labName: v.labName?.trim() || null,
      reportOn: v.reportOn ? v.reportOn.format(DAY) : null, note: v.note?.trim() || null,
    };
    const done = (s: SampleDetail) => {
      showSuccess(sample ? `已保存水样 ${s.code}` : `已登记水样 ${s.code}`);
      onClose();
      if (!sample) navigate(`/samples/${s.id}`);
    };
    if (sample) update.mutate({ ...body, version: sample.version }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  const half = { xs: 24, sm: 12 };
  const third = { xs: 12, sm: 8 };
  return (
    <Modal
      open
      title={sample ? `修改水样 · ${sample.code}` : '登记水样'}
      width={820}
      onCancel={save.isPending ? undefined : onClose}
      closable={!save.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={save.isPending}>取消</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="sample-submit">
            {sample ? '保存' : '登记'}
          </Button>
        </div>
      }
    >
      {save.isError && <Alert type="error" showIcon title={errorMessageOf(save.error)} style={{ marginBottom: 12 }} data-testid="sample-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={save.isPending} initialValues={initialOf(sample)} className="ws-card-form">
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="code" label="样品编号" extra={sample ? undefined : '不填则按采样日期自动编号，如 SY-20240109-01'}>
              <Input maxLength={40} placeholder="SY-YYYYMMDD-NN" data-testid="sample-code" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="sampledOn" label="采样日期" rules={[{ required: true, message: '请选择采样日期' }]}>
              <DatePicker allowClear={false} inputReadOnly format="YYYY年M月D日" style={{ width: '100%' }} disabledDate={(d: Dayjs) => isAfterToday(d)} data-testid="sample-date" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="unitId" label="所属单位" extra="区、街道、社区或网格；关联了井的可不选">
              <TreeSelect
                allowClear
                placeholder="区、街道、社区或网格"
                treeData={unitOptions}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandedKeys={unitOptions.map((o) => o.value)}
                listHeight={320}
                data-testid="sample-unit"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="sampledBy" label="采样人">
              <Input maxLength={60} data-testid="sample-by" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="address" label="采样地点" extra="地址，或关联井档案">
              <Input maxLength={200} placeholder="如：漫香湖小区3号楼一单元住户水龙头" data-testid="sample-address" />
            </Form.Item>
          </Col>
          <Col {...half}>
            {can('wells.read') && (
              <Form.Item name="wellId" label="关联井档案（可选）">
                <WellSearchSelect testId="sample-well" />
              </Form.Item>
            )}
          </Col>
          <Col {...third}>
            <Form.Item name="lat" label="纬度（可选）">
              <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} data-testid="sample-lat" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="lng" label="经度（可选）">
              <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} data-testid="sample-lng" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="point" label="采样点" rules={[{ required: true, message: '请选择采样点' }]}>
              <Select placeholder="选择采样点" options={SAMPLE_POINTS.map((p) => ({ value: p, label: SAMPLE_POINT_LABELS[p] }))} data-testid="sample-point" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item name="fieldChlorine" label="现场余氯检测">
              <Radio.Group optionType="button" options={FIELD_CHLORINE.map((c) => ({ value: c, label: FIELD_CHLORINE_LABELS[c] }))} data-testid="sample-chlorine" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="fieldChlorineMgL" label="余氯实测值 mg/L（可选）">
              <InputNumber min={0} max={20} step={0.01} disabled={chlorine === 'not_done'} style={{ width: '100%' }} data-testid="sample-chlorine-mgl" />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">化验结果</Divider>
        <Row gutter={12}>
          {LAB_TRACERS.map((t) => (
            <Col xs={12} sm={6} key={t}>
              <Form.Item name={['lab', t]} label={LAB_TRACER_LABELS[t]} extra={LAB_TRACER_UNITS[t]}>
                <InputNumber min={0} style={{ width: '100%' }} data-testid={`lab-${t}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.List name="extra">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={12} key={f.key} align="middle">
                  <Col xs={12} sm={8}>
                    <Form.Item name={[f.name, 'name']} label="其他指标" rules={[{ required: true, whitespace: true, message: '请填写指标名称' }, { max: 20 }]}>
                      <Input placeholder="如：锶" data-testid={`lab-extra-name-${f.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={10} sm={6}>
                    <Form.Item name={[f.name, 'value']} label="数值" rules={[{ required: true, message: '请填写数值' }]}>
                      <InputNumber min={0} style={{ width: '100%' }} data-testid={`lab-extra-value-${f.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={2}>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除该指标" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 16 }} data-testid="lab-extra-add">
                添加其他指标
              </Button>
            </>
          )}
        </Form.List>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="labName" label="化验单位">
              <Input maxLength={100} data-testid="sample-lab-name" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="reportOn" label="报告日期">
              <DatePicker inputReadOnly format="YYYY年M月D日" style={{ width: '100%' }} disabledDate={(d: Dayjs) => isAfterToday(d)} data-testid="sample-report-on" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="note" label="备注">
              <Input.TextArea rows={2} maxLength={1000} data-testid="sample-note" />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          保存后按所属区的端元值估算地下水占比；龙头水现场余氯未检出，本身即是井水混入的证据。
        </Typography.Text>
      </Form>
    </Modal>
  );
}
