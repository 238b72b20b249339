import { AimOutlined, CameraOutlined } from '@ant-design/icons';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { Alert, Button, Checkbox, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { CARD_KIND_LABELS, CARD_KINDS, cardProblems, WATER_SOURCE_LABELS, WATER_SOURCES } from '@domain/survey/card';
import { readAsBase64 } from '../../../lib/files';
import { prepareImage } from '../../../lib/images';
import { useGeolocation, type Fix } from '../../survey/hooks/use-geolocation';
import type { Bundle, CardData } from '../api/field-api';
import type { LocalCard } from '../offline/field-db';
import { officeToday } from '../../../lib/office-clock';

export type NewPhoto = { fileName: string; base64: string; mime: string; dataUrl: string };
type Grid = Bundle['grids'][number];

type Values = {
  kind: CardData['kind'];
  name: string;
  address?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  /** 自来水户号, several separated by commas or spaces */
  tapAccounts?: string;
  households?: number | null;
  persons?: number | null;
  wellsDeclared?: number | null;
  waterSource: CardData['waterSource'];
  surveyedOn: string;
  remarks?: string | null;
  pledgeSigned?: boolean;
  pledgeStamped?: boolean;
};

const blank = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** GPS warnings: a poor fix or a point outside the worker's grid is saved, but said so. */
type Point = { lat: number; lng: number; accuracyM: number | null };

export function gpsWarnings(fix: Point, limitM: number, grid: Grid | undefined): string[] {
  const out: string[] = [];
  if (fix.accuracyM !== null && fix.accuracyM > limitM) out.push(`定位精度 ±${fix.accuracyM} 米，低于要求（${limitM} 米以内），建议到室外开阔处重新定位`);
  if (grid?.boundary && !booleanPointInPolygon([fix.lng, fix.lat], grid.boundary)) out.push(`定位点不在您的网格“${grid.name}”范围内，请核实位置`);
  return out;
}

/** New card or edit, full screen on a phone: the form, GPS with accuracy, photos compressed on the device. */
export function CardForm({ open, card, refusal, grid, gpsLimitM, onClose, onSave }: {
  open: boolean;
  card: LocalCard | null;
  /** why the server refused this card's last upload, to be corrected here */
  refusal?: string | null;
  grid: Grid | undefined;
  gpsLimitM: number;
  onClose: () => void;
  onSave: (data: CardData, photos: NewPhoto[]) => Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  // a card's saved point keeps its accuracy as it was (unknown stays unknown) until the worker locates again
  const [fix, setFix] = useState<Point | null>(card?.data.lat != null && card.data.lng != null ? { lat: card.data.lat, lng: card.data.lng, accuracyM: card.data.gpsAccuracyM ?? null } : null);
  const [photos, setPhotos] = useState<NewPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const geo = useGeolocation();
  const d = card?.data;

  const initial: Values = {
    kind: d?.kind ?? 'household', name: d?.name ?? '', address: d?.address ?? '', contactName: d?.contactName ?? null, contactPhone: d?.contactPhone ?? null,
    tapAccounts: (d?.tapAccounts ?? []).join('，'), households: d?.households ?? null, persons: d?.persons ?? null, wellsDeclared: d?.wellsDeclared ?? 0,
    waterSource: d?.waterSource ?? 'tap', surveyedOn: d?.surveyedOn ?? officeToday(), remarks: d?.remarks ?? null,
    pledgeSigned: d?.pledgeSigned ?? false, pledgeStamped: d?.pledgeStamped ?? false,
  };

  async function addFiles(files: FileList | null) {
    setPhotoError(null);
    for (const file of Array.from(files ?? [])) {
      try {
        const img = await prepareImage(file);
        const base64 = await readAsBase64(img.blob);
        setPhotos((ps) => [...ps, { fileName: img.fileName, base64, mime: img.blob.type || 'image/jpeg', dataUrl: `data:${img.blob.type || 'image/jpeg'};base64,${base64}` }]);
      } catch (e) {
        setPhotoError(e instanceof Error ? e.message : '无法读取照片');
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  async function submit(v: Values) {
    setBusy(true);
    try {
      const data: CardData = {
        kind: v.kind, name: v.name.trim(), address: v.address?.trim() ?? '', contactName: blank(v.contactName), contactPhone: blank(v.contactPhone),
        industry: d?.industry ?? null, tapAccounts: [...new Set((v.tapAccounts ?? '').split(/[,，、\s]+/).map((x) => x.trim()).filter(Boolean))], households: v.households ?? null,
        persons: v.persons ?? null, beds: d?.beds ?? null, areaM2: d?.areaM2 ?? null, wellsDeclared: v.wellsDeclared ?? 0, waterSource: v.waterSource,
        lat: fix?.lat ?? null, lng: fix?.lng ?? null, gpsAccuracyM: fix?.accuracyM ?? null, surveyedOn: v.surveyedOn, remarks: blank(v.remarks),
        pledgeSigned: !!v.pledgeSigned, pledgeStamped: !!v.pledgeStamped, pledgeDate: v.pledgeSigned ? (d?.pledgeDate ?? v.surveyedOn) : null,
      };
      // the server's rules, checked on the phone too: a card refused at sync time, hours later, is worse
      const problems = cardProblems({ ...data, wellsDeclared: data.wellsDeclared ?? 0, pledgeSigned: !!data.pledgeSigned, pledgeStamped: !!data.pledgeStamped, tapAccounts: data.tapAccounts ?? [], pledgeDate: data.pledgeDate ?? null }, officeToday());
      if (problems.length) {
        const known = new Set(['wellsDeclared', 'waterSource', 'tapAccounts', 'pledgeStamped', 'surveyedOn']);
        form.setFields(problems.filter((p) => known.has(p.field)).map((p) => ({ name: p.field as keyof Values, errors: [p.message] })));
        return;
      }
      await onSave(data, photos);
      setPhotos([]);
    } finally {
      setBusy(false);
    }
  }

  const warnings = fix ? gpsWarnings(fix, gpsLimitM, grid) : [];
  return (
    <Drawer open={open} onClose={onClose} title={card ? `修改户卡 · ${card.data.name}` : `新建户卡 · ${grid?.name ?? ''}`} size="100%" placement="right" destroyOnHidden
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button>}>
      {refusal && <Alert type="error" showIcon title={`服务器拒绝了这张户卡：${refusal}`} description="改正后保存，会重新同步。" style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit}>
        <Form.Item name="name" label="名称（户主/单位/门店）" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Row gutter={8}>
          <Col span={12}><Form.Item name="kind" label="类型">
            <Select options={CARD_KINDS.map((k) => ({ value: k, label: CARD_KIND_LABELS[k] }))} />
          </Form.Item></Col>
          <Col span={12}><Form.Item name="waterSource" label="用水来源">
            <Select options={WATER_SOURCES.map((k) => ({ value: k, label: WATER_SOURCE_LABELS[k] }))} />
          </Form.Item></Col>
        </Row>
        <Form.Item name="address" label="地址"><Input maxLength={200} /></Form.Item>
        <Row gutter={8}>
          <Col span={12}><Form.Item name="contactName" label="联系人"><Input maxLength={40} /></Form.Item></Col>
          <Col span={12}><Form.Item name="contactPhone" label="联系电话"><Input inputMode="tel" maxLength={20} /></Form.Item></Col>
        </Row>
        <Form.Item name="tapAccounts" label="自来水户号" extra="多个户号用逗号分隔"><Input inputMode="numeric" /></Form.Item>
        <Row gutter={8}>
          <Col span={8}><Form.Item name="households" label="户数"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="persons" label="人数"><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          <Col span={8}><Form.Item name="wellsDeclared" label="自备井数"><InputNumber min={0} max={100} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Form.Item name="surveyedOn" label="排查日期" rules={[{ required: true, message: '请填写排查日期' }]}><Input type="date" /></Form.Item>
        <Space>
          <Form.Item name="pledgeSigned" valuePropName="checked"><Checkbox>已签承诺书</Checkbox></Form.Item>
          <Form.Item name="pledgeStamped" valuePropName="checked"><Checkbox>已盖章</Checkbox></Form.Item>
        </Space>
        <Form.Item name="remarks" label="备注"><Input.TextArea rows={2} maxLength={500} /></Form.Item>

        <Form.Item label="定位">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button icon={<AimOutlined />} loading={geo.locating} onClick={async () => {
              const got: Fix | null = await geo.locate();
              if (got) setFix(got);
            }}>
              {fix ? '重新定位' : '获取定位'}
            </Button>
            {fix && <Typography.Text data-testid="gps-fix">纬度 {fix.lat.toFixed(6)}，经度 {fix.lng.toFixed(6)}{fix.accuracyM !== null ? `（精度 ±${fix.accuracyM} 米）` : '（精度未记录）'}</Typography.Text>}
            {geo.error && <Alert type="error" showIcon title={geo.error} />}
            {warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} data-testid="gps-warning" />)}
          </Space>
        </Form.Item>

        <Form.Item label="照片">
          <input ref={fileInput} type="file" accept="image/*" capture="environment" multiple hidden data-testid="photo-input" onChange={(e) => void addFiles(e.target.files)} />
          <Space wrap>
            {card?.view?.photos.map((p) => <img key={p.id} src={p.url} alt={p.fileName} className="field-thumb" />)}
            {card?.localPhotos.map((p) => <img key={p.opId} src={p.dataUrl} alt={p.fileName} className="field-thumb field-thumb-pending" />)}
            {photos.map((p, i) => <img key={i} src={p.dataUrl} alt={p.fileName} className="field-thumb field-thumb-pending" />)}
            <Button icon={<CameraOutlined />} onClick={() => fileInput.current?.click()}>拍照/添加照片</Button>
          </Space>
          {photoError && <Alert type="error" showIcon title={photoError} style={{ marginTop: 8 }} />}
        </Form.Item>
      </Form>
    </Drawer>
  );
}
