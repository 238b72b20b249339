import { AimOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Col, Drawer, Form, Grid, Input, InputNumber, Radio, Row, Select, Space, Tag, TreeSelect, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { FOUND_VIA, FOUND_VIA_LABELS, IN_USE_LABELS, WELL_USE_LABELS, WELL_USES, type FoundVia, type WellUse } from '@domain/well/well';
import { ApiError } from '../../../lib/api-client';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { GOOD_ACCURACY_M, useGeolocation } from '../../survey/hooks/use-geolocation';
import type { NewWell, WellDetail } from '../api/wells-api';
import { useWellMutations } from '../hooks/use-wells';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const UNIT_LEVELS = ['district', 'street', 'community', 'grid'];
const CASINGS = ['钢管', '铸铁管', '水泥管', 'PVC管', 'PE管'];
const AQUIFERS = ['浅层', '中层', '深层', '基岩'];
type InUse = keyof typeof IN_USE_LABELS;

type Values = {
  orgUnitId?: number;
  discoveredOn?: Dayjs;
  ownerName: string;
  address?: string;
  lat: number | null;
  lng: number | null;
  yearDrilled: number | null;
  depthM: number | null;
  innerDiameterMm: number | null;
  casing?: string | null;
  aquifer?: string | null;
  use: WellUse;
  pumpPowerKw: number | null;
  powerMeterNo?: string | null;
  inUseStatus: InUse;
  foundVia: FoundVia;
  foundRef?: string | null;
  cardId: number | null;
  remarks?: string | null;
};

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

function fieldsOf(v: Values): Omit<NewWell, 'orgUnitId' | 'discoveredOn'> {
  return {
    ownerName: v.ownerName.trim(),
    address: v.address?.trim() ?? '',
    lat: v.lat ?? null,
    lng: v.lng ?? null,
    yearDrilled: v.yearDrilled ?? null,
    depthM: v.depthM ?? null,
    innerDiameterMm: v.innerDiameterMm ?? null,
    casing: text(v.casing),
    aquifer: text(v.aquifer),
    use: v.use,
    pumpPowerKw: v.pumpPowerKw ?? null,
    powerMeterNo: text(v.powerMeterNo),
    inUseStatus: v.inUseStatus,
    foundVia: v.foundVia,
    foundRef: text(v.foundRef),
    cardId: v.cardId ?? null,
    remarks: text(v.remarks),
  };
}

function valuesOf(w: WellDetail): Values {
  return { ...w, orgUnitId: w.orgUnitId, discoveredOn: dayjs(w.discoveredOn, DAY) };
}

const BLANK: Partial<Values> = { use: 'production', inUseStatus: 'in_use', foundVia: 'survey', lat: null, lng: null };

/** Field errors the server sent back (400 details.fields). */
function fieldErrorsOf(err: unknown): { field: string; message: string }[] {
  if (!(err instanceof ApiError) || err.status !== 400) return [];
  const d = err.details;
  if (typeof d !== 'object' || d === null || !('fields' in d) || !Array.isArray(d.fields)) return [];
  return d.fields.filter((f: unknown): f is { field: string; message: string } => typeof f === 'object' && f !== null && 'field' in f && 'message' in f);
}

/**
 * 新增自备井 / 修改井档案: every field of the well file, the unit it lies in, and the phone's
 * position at the wellhead. The unit and the day it was found are fixed once the file exists.
 */
export function WellFormDrawer({ open, well, onClose }: { open: boolean; well?: WellDetail | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const { create, update } = useWellMutations();
  const editing = !!well;
  const mutation = editing ? update : create;
  const geo = useGeolocation();
  const [accuracy, setAccuracy] = useState<number | null>(null);
  const top = useRef<HTMLDivElement>(null);
  const { data: units } = useOrgUnits(false);
  const unitOptions = useOrgTreeOptions(units, UNIT_LEVELS);

  // a fresh form each time the drawer opens, and the newer values when a conflict reloaded the well
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(well ? valuesOf(well) : { ...BLANK, discoveredOn: todayValue() });
  }, [open, well?.id, well?.version]);
  const resetMutation = mutation.reset;
  useEffect(() => {
    if (!open) return;
    setAccuracy(null);
    resetMutation();
  }, [open]);

  const locateMe = async () => {
    const fix = await geo.locate();
    if (fix) {
      form.setFieldsValue({ lat: Number(fix.lat.toFixed(6)), lng: Number(fix.lng.toFixed(6)) });
      setAccuracy(fix.accuracyM);
    }
  };

  const onError = (err: unknown) => {
    const fields = fieldErrorsOf(err);
    if (fields.length) form.setFields(fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
    else top.current?.scrollIntoView({ block: 'start' });
  };

  const submit = (v: Values) => {
    const fields = fieldsOf(v);
    if ((fields.lat === null) !== (fields.lng === null)) {
      form.setFields([{ name: fields.lat === null ? 'lat' : 'lng', errors: ['经度、纬度须同时填写'] }]);
      return;
    }
    if (well) {
      update.mutate(
        { id: well.id, body: { ...fields, version: well.version } },
        {
          onSuccess: () => {
            showSuccess(`已保存井档案 ${well.code}`);
            onClose();
          },
          onError,
        },
      );
    } else {
      create.mutate(
        { ...fields, orgUnitId: v.orgUnitId!, discoveredOn: v.discoveredOn!.format(DAY) },
        {
          onSuccess: (saved) => {
            showSuccess(`已建立井档案 ${saved.code}`);
            onClose();
            navigate(`/wells/${saved.id}`);
          },
          onError,
        },
      );
    }
  };

  const half = { xs: 24, sm: 12 };
  const third = { xs: 12, sm: 8 };
  const conflict = mutation.error instanceof ApiError && mutation.error.isConflict;

  return (
    <Drawer
      open={open}
      title={editing ? `修改井档案 · ${well.code}` : '新增自备井'}
      size={screens.md ? 680 : '100%'}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: !mutation.isPending }}
      className="ws-card-drawer"
      footer={
        <div className="ws-drawer-footer">
          <Space>
            <Button size="large" onClick={onClose} disabled={mutation.isPending}>
              取消
            </Button>
            <Button size="large" type="primary" data-testid="well-submit" loading={mutation.isPending} onClick={() => form.submit()}>
              {editing ? '保存修改' : '建立井档案'}
            </Button>
          </Space>
        </div>
      }
    >
      <div ref={top} />
      {conflict && <Alert type="warning" showIcon title={errorMessageOf(mutation.error)} description="已载入最新内容，请核对后重新保存。" style={{ marginBottom: 16 }} />}
      {mutation.isError && !conflict && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={mutation.isPending} scrollToFirstError className="ws-card-form">
        {!editing && (
          <Row gutter={12}>
            <Col xs={24} sm={16}>
              <Form.Item name="orgUnitId" label="所在网格 / 单位" rules={[{ required: true, message: '请选择井所在的网格或单位' }]} extra="井编号按所选单位编码自动生成（一井一码）">
                <TreeSelect
                  size="large"
                  placeholder="选择区、街道、社区或网格"
                  treeData={unitOptions}
                  showSearch={{ treeNodeFilterProp: 'title' }}
                  listHeight={360}
                  data-testid="well-unit"
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="discoveredOn" label="发现日期" rules={[{ required: true, message: '请选择发现日期' }]}>
                <DatePicker size="large" allowClear={false} inputReadOnly format="YYYY年M月D日" disabledDate={(d: Dayjs) => isAfterToday(d)} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Form.Item name="ownerName" label="权属单位 / 户主" rules={[{ required: true, whitespace: true, message: '请填写权属单位或户主' }, { max: 100 }]}>
          <Input size="large" placeholder="如：南阳市第三中学" />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[{ max: 200 }]}>
          <Input size="large" placeholder="街路门牌号、院内位置" />
        </Form.Item>
        <Form.Item label="井口位置" className="ws-gps" extra="请在井口旁定位；封井照片的拍摄位置将与此对比">
          <Space wrap size={[8, 8]} align="center">
            <Button icon={<AimOutlined />} size="large" data-testid="use-location" loading={geo.locating} onClick={() => void locateMe()}>
              使用我的位置
            </Button>
            <Space.Compact>
              <Form.Item name="lat" noStyle>
                <InputNumber size="large" min={-90} max={90} precision={6} placeholder="纬度" style={{ width: 150 }} aria-label="纬度" />
              </Form.Item>
              <Form.Item name="lng" noStyle>
                <InputNumber size="large" min={-180} max={180} precision={6} placeholder="经度" style={{ width: 150 }} aria-label="经度" />
              </Form.Item>
            </Space.Compact>
            {accuracy !== null && <Tag color={accuracy > GOOD_ACCURACY_M ? 'orange' : 'green'}>精度 ±{accuracy} 米</Tag>}
          </Space>
          {accuracy !== null && accuracy > GOOD_ACCURACY_M && (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`定位精度较差（±${accuracy} 米）`} description="请到室外开阔处、打开手机 GPS 后重新定位。" />
          )}
          {geo.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={geo.error} />}
        </Form.Item>

        <Typography.Title level={5} className="ws-form-section">井的情况</Typography.Title>
        <Form.Item name="use" label="用途" rules={[{ required: true, message: '请选择用途' }]}>
          <Radio.Group optionType="button" buttonStyle="solid" className="ws-chips" options={WELL_USES.map((u) => ({ value: u, label: WELL_USE_LABELS[u] }))} />
        </Form.Item>
        <Form.Item name="inUseStatus" label="使用状态" rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" className="ws-chips" options={(Object.keys(IN_USE_LABELS) as InUse[]).map((s) => ({ value: s, label: IN_USE_LABELS[s] }))} />
        </Form.Item>
        <Row gutter={12}>
          <Col {...third}>
            <Form.Item name="yearDrilled" label="成井年份">
              <InputNumber size="large" min={1900} max={2100} precision={0} inputMode="numeric" placeholder="如 1998" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="depthM" label="井深">
              <InputNumber size="large" min={0} max={5000} precision={1} inputMode="decimal" suffix="米" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="innerDiameterMm" label="井径">
              <InputNumber size="large" min={0} max={5000} precision={0} inputMode="numeric" suffix="毫米" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="casing" label="井管材质" rules={[{ max: 40 }]}>
              <AutoComplete size="large" options={CASINGS.map((c) => ({ value: c }))} placeholder="如：钢管" allowClear />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="aquifer" label="取水层位" rules={[{ max: 40 }]}>
              <AutoComplete size="large" options={AQUIFERS.map((c) => ({ value: c }))} placeholder="如：浅层" allowClear />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="pumpPowerKw" label="水泵功率">
              <InputNumber size="large" min={0} max={10000} precision={1} inputMode="decimal" suffix="kW" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="powerMeterNo" label="电表号" rules={[{ max: 40 }]}>
              <Input size="large" placeholder="水泵用电的电表编号" />
            </Form.Item>
          </Col>
        </Row>

        <Typography.Title level={5} className="ws-form-section">发现途径</Typography.Title>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="foundVia" label="发现途径" rules={[{ required: true }]}>
              <Select size="large" options={FOUND_VIA.map((f) => ({ value: f, label: FOUND_VIA_LABELS[f] }))} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="foundRef" label="线索 / 文书编号" rules={[{ max: 100 }]}>
              <Input size="large" placeholder="如：举报线索编号、督导记录编号" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="cardId" label="一户一卡编号" extra="排查申报的井，填写申报它的一户一卡编号">
              <InputNumber size="large" min={1} precision={0} inputMode="numeric" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="remarks" label="备注" rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
