import { AimOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { SEAL_METHOD_LABELS, SEAL_METHODS, WELL_EVENT_LABELS, WELL_STAGE_LABELS, wellEventProblems, type SealMethod, type WellEventData, type WellEventKind } from '@domain/well/lifecycle';
import { distanceMetres } from '@domain/well/well';
import { useGeolocation } from '../../survey/hooks/use-geolocation';
import type { LocalWell } from '../offline/field-db';
import type { Gps, NewWellPhoto } from '../offline/field-store';
import { PhotoPicker, type PickedPhoto } from './photo-picker';
import { officeToday } from '../../../lib/office-clock';

/** Steps a street or district office records on site; 现场核实 and 确定处置方式 are office work. */
const FIELD_STEPS: WellEventKind[] = ['serve_notice', 'connect_supply', 'seal', 'accept'];
const PHOTO_STAGES = [{ value: 'before', label: '封井前' }, { value: 'after', label: '封井后/验收' }, { value: 'general', label: '其他' }] as const;
/** A record this far from the well's registered point is probably at the wrong well. */
const FAR_M = 200;

type Values = {
  event?: WellEventKind; onDate: string; deadline?: string; method?: SealMethod; contractor?: string; materials?: string;
  depthFromM?: number | null; depthToM?: number | null; acceptedBy?: string; conclusion?: string; note?: string;
};

export function wellGpsWarnings(fix: Gps, limitM: number, well: { lat: number | null; lng: number | null }): string[] {
  const out: string[] = [];
  if (fix.accuracyM !== null && fix.accuracyM > limitM) out.push(`定位精度 ±${fix.accuracyM} 米，低于要求（${limitM} 米以内），建议到室外开阔处重新定位`);
  if (well.lat !== null && well.lng !== null) {
    const d = distanceMetres(fix, { lat: well.lat, lng: well.lng });
    if (d > Math.max(FAR_M, fix.accuracyM ?? 0)) out.push(`定位点距井的登记位置约 ${Math.round(d)} 米，请核实是否在这眼井旁`);
  }
  return out;
}

/** 封井记录 on a phone: the next step with its record fields, photos before/after, GPS with accuracy. */
export function WellForm({ well, gpsLimitM, onClose, onSave }: {
  well: LocalWell;
  gpsLimitM: number;
  onClose: () => void;
  onSave: (step: { event: WellEventKind; onDate: string; data: WellEventData; gps: Gps | null } | null, photos: NewWellPhoto[]) => Promise<void>;
}) {
  const [form] = Form.useForm<Values>();
  const steps = well.next.filter((e) => FIELD_STEPS.includes(e));
  const [fix, setFix] = useState<Gps | null>(null);
  const [photoStage, setPhotoStage] = useState<NewWellPhoto['stage']>(well.stage === 'sealed' ? 'after' : 'before');
  const [photos, setPhotos] = useState<(PickedPhoto & { stage: NewWellPhoto['stage'] })[]>([]);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const geo = useGeolocation();
  const event = Form.useWatch('event', form);
  const method = Form.useWatch('method', form);

  async function submit(v: Values) {
    setProblem(null);
    let step = null;
    if (v.event) {
      const data: WellEventData = {};
      if (v.event === 'serve_notice' && v.deadline) data.deadline = v.deadline;
      if (v.event === 'seal') {
        if (v.method) data.method = v.method;
        if (v.contractor?.trim()) data.contractor = v.contractor.trim();
        if (v.materials?.trim()) data.materials = v.materials.trim();
        if (v.depthFromM != null) data.depthFromM = v.depthFromM;
        if (v.depthToM != null) data.depthToM = v.depthToM;
      }
      if (v.event === 'accept') {
        if (v.acceptedBy?.trim()) data.acceptedBy = v.acceptedBy.trim();
        if (v.conclusion?.trim()) data.conclusion = v.conclusion.trim();
      }
      if (v.note?.trim()) data.note = v.note.trim();
      // the server's rules, checked on the phone: a record refused at sync time, hours later, is worse
      const problems = wellEventProblems(v.event, data);
      if (v.onDate > officeToday()) problems.push('日期不能晚于今天');
      if (problems.length) return setProblem(problems.join('；'));
      step = { event: v.event, onDate: v.onDate, data, gps: fix };
    }
    if (!step && photos.length === 0) return setProblem('请选择要登记的步骤，或添加照片');
    setBusy(true);
    try {
      await onSave(step, photos.map((p) => ({ stage: p.stage, fileName: p.fileName, base64: p.base64, gps: fix })));
    } finally {
      setBusy(false);
    }
  }

  const warnings = fix ? wellGpsWarnings(fix, gpsLimitM, well) : [];
  return (
    <Drawer open onClose={onClose} title={`封井记录 · ${well.ownerName}`} size="100%" placement="right" destroyOnHidden
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button>}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {well.code} · {well.address || well.place.join(' / ')} · 当前：{WELL_STAGE_LABELS[well.stage]}
      </Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} data-testid="well-problem" />}
      <Form form={form} layout="vertical" initialValues={{ event: steps[0], onDate: officeToday(), method: 'clay_backfill' }} onFinish={submit}>
        <Row gutter={8}>
          <Col span={14}>
            <Form.Item name="event" label="登记步骤" extra={steps.length === 0 ? '这眼井当前没有可在现场登记的步骤，可只上传照片' : undefined}>
              <Select allowClear placeholder="只上传照片" options={steps.map((e) => ({ value: e, label: WELL_EVENT_LABELS[e] }))} />
            </Form.Item>
          </Col>
          <Col span={10}><Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请填写日期' }]}><Input type="date" /></Form.Item></Col>
        </Row>
        {event === 'serve_notice' && <Form.Item name="deadline" label="封停期限"><Input type="date" /></Form.Item>}
        {event === 'seal' && (
          <>
            <Form.Item name="method" label="封井方式"><Select options={SEAL_METHODS.map((m) => ({ value: m, label: SEAL_METHOD_LABELS[m] }))} /></Form.Item>
            <Form.Item name="contractor" label="施工单位"><Input maxLength={100} /></Form.Item>
            {method !== 'welded_cap' && <Form.Item name="materials" label="回填材料"><Input maxLength={200} placeholder="如：粘土、水泥砂浆" /></Form.Item>}
            <Row gutter={8}>
              <Col span={12}><Form.Item name="depthFromM" label="回填自（米）"><InputNumber min={0} max={5000} style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={12}><Form.Item name="depthToM" label="回填至（米）"><InputNumber min={0} max={5000} style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
          </>
        )}
        {event === 'accept' && (
          <>
            <Form.Item name="acceptedBy" label="验收单位/人员"><Input maxLength={100} /></Form.Item>
            <Form.Item name="conclusion" label="验收结论"><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          </>
        )}
        {event && <Form.Item name="note" label="备注"><Input.TextArea rows={2} maxLength={500} /></Form.Item>}

        <Form.Item label="定位（记录和照片的位置）">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Button icon={<AimOutlined />} loading={geo.locating} onClick={async () => {
              const got = await geo.locate();
              if (got) setFix(got);
            }}>
              {fix ? '重新定位' : '获取定位'}
            </Button>
            {fix && <Typography.Text data-testid="gps-fix">纬度 {fix.lat.toFixed(6)}，经度 {fix.lng.toFixed(6)}{fix.accuracyM !== null ? `（精度 ±${fix.accuracyM} 米）` : ''}</Typography.Text>}
            {geo.error && <Alert type="error" showIcon title={geo.error} />}
            {warnings.map((w) => <Alert key={w} type="warning" showIcon title={w} data-testid="gps-warning" />)}
          </Space>
        </Form.Item>

        <Form.Item label="照片">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Radio.Group optionType="button" buttonStyle="solid" size="small" value={photoStage} onChange={(e) => setPhotoStage(e.target.value as NewWellPhoto['stage'])} options={PHOTO_STAGES.map((s) => ({ ...s }))} />
            {photos.length > 0 && <Space wrap>
              {photos.map((p, i) => (
                <div key={i} className="field-thumb-box">
                  <img src={p.dataUrl} alt={p.fileName} className="field-thumb field-thumb-pending" />
                  <span>{PHOTO_STAGES.find((s) => s.value === p.stage)?.label}</span>
                </div>
              ))}
            </Space>}
            <PhotoPicker onPicked={(p) => setPhotos((ps) => [...ps, { ...p, stage: photoStage }])} />
          </Space>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
