import { Alert, AutoComplete, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  DISPOSITION_LABELS,
  DISPOSITIONS,
  SEAL_METHOD_LABELS,
  SEAL_METHODS,
  SEAL_MODE_LABELS,
  SEAL_MODES,
  WELL_EVENT_LABELS,
  wellEventProblems,
  type Disposition,
  type SealMethod,
  type SealMode,
  type WellEventData,
  type WellEventKind,
} from '@domain/well/lifecycle';
import { PHOTO_DISTANCE_LIMIT_M } from '@domain/well/well';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showApiError, showSuccess, showWarning } from '../../../ui/feedback';
import type { PhotoStage, WellDetail } from '../api/wells-api';
import { useWellTransition } from '../hooks/use-wells';
import { STEP_PHOTOS } from './well-evidence';
import { PendingPhotoPicker, sendWellPhoto, type PendingWellPhoto } from './well-photos';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

/** The legal basis a decision usually cites, per disposition. */
export const LEGAL_BASES: Record<Disposition, string[]> = {
  seal: ['《地下水管理条例》第四十九条'],
  permit: ['《取水许可和水资源费征收管理条例》第二十条'],
  keep: ['《地下水管理条例》第四十九条', '《取水许可和水资源费征收管理条例》第二十条'],
};
const ALL_BASES = [...new Set(Object.values(LEGAL_BASES).flat())];
const MATERIALS = ['粘土球', '膨润土', '水泥砂浆', '黏土+水泥浆', '碎石+黏土'];

const HINTS: Record<WellEventKind, string> = {
  verify: '到现场核实井的位置、井深、用途和使用情况。',
  decide: '应封停的井下达封停通知、接通替代水源后封井；应纳管的井办理取水许可、安装计量设施、登记水资源税；监测、消防、应急井可保留。',
  serve_notice: '向权属单位下达封停通知书，写明封停期限。',
  connect_supply: '先供水、后封井：替代水源（自来水、管网改造）接通后才能封井。',
  seal: '封井须留存封井前、封井后照片，拍照时会记录手机位置。',
  accept: '封井验收合格后，该井封停完成。',
  reactivate: '封存备用的井只有经批准后才能启用（如应急供水）。',
  issue_permit: '登记取水许可证的编号、许可年取水量和有效期。',
  install_meter: '安装取水计量设施，并拍摄计量设施照片。',
  register_tax: '在税务部门登记缴纳水资源税。',
};

type Values = {
  onDate: Dayjs;
  disposition?: Disposition;
  sealMode?: SealMode;
  legalBasis?: string;
  deadline?: Dayjs | null;
  switchProject?: string;
  method?: SealMethod;
  materials?: string;
  depthFromM?: number | null;
  depthToM?: number | null;
  contractor?: string;
  acceptedBy?: string;
  conclusion?: string;
  applicationNo?: string;
  permitNo?: string;
  annualVolumeM3?: number | null;
  permitExpiresOn?: Dayjs | null;
  meterSerial?: string;
  taxRegisteredNo?: string;
  note?: string;
};
type Field = Exclude<keyof Values, 'onDate'>;

/** The fields each step asks for (note goes with every step). */
const FIELDS: Record<WellEventKind, Field[]> = {
  verify: [],
  decide: ['disposition', 'sealMode', 'legalBasis'],
  serve_notice: ['deadline'],
  connect_supply: ['switchProject'],
  seal: ['method', 'materials', 'depthFromM', 'depthToM', 'contractor'],
  accept: ['acceptedBy', 'conclusion'],
  reactivate: ['applicationNo'],
  issue_permit: ['permitNo', 'annualVolumeM3', 'permitExpiresOn'],
  install_meter: ['meterSerial'],
  register_tax: ['taxRegisteredNo'],
};

/** The domain's messages, pointed at the field they are about. */
const PROBLEM_FIELDS: [string, Field][] = [
  ['处置方式', 'disposition'],
  ['处置依据', 'legalBasis'],
  ['永久封填', 'sealMode'],
  ['封停期限', 'deadline'],
  ['封井方式', 'method'],
  ['施工单位', 'contractor'],
  ['回填材料', 'materials'],
  ['回填深度', 'depthToM'],
  ['验收单位', 'acceptedBy'],
  ['验收结论', 'conclusion'],
  ['批准文号', 'applicationNo'],
  ['取水许可证号', 'permitNo'],
  ['年取水量', 'annualVolumeM3'],
  ['有效期', 'permitExpiresOn'],
  ['计量设施编号', 'meterSerial'],
];
const fieldOf = (message: string) => PROBLEM_FIELDS.find(([k]) => message.includes(k))?.[1];

function dataOf(event: WellEventKind, v: Values): WellEventData {
  const keep = new Set<Field>([...FIELDS[event], 'note']);
  const out: WellEventData = {};
  const str = (k: Field, s: string | undefined) => {
    if (keep.has(k) && s?.trim()) Object.assign(out, { [k]: s.trim() });
  };
  const num = (k: Field, n: number | null | undefined) => {
    if (keep.has(k) && typeof n === 'number') Object.assign(out, { [k]: n });
  };
  const day = (k: Field, d: Dayjs | null | undefined) => {
    if (keep.has(k) && d) Object.assign(out, { [k]: d.format(DAY) });
  };
  if (keep.has('disposition') && v.disposition) out.disposition = v.disposition;
  if (keep.has('sealMode') && v.disposition === 'seal' && v.sealMode) out.sealMode = v.sealMode;
  str('legalBasis', v.legalBasis);
  day('deadline', v.deadline);
  str('switchProject', v.switchProject);
  if (keep.has('method') && v.method) out.method = v.method;
  str('materials', v.method === 'welded_cap' && !v.materials?.trim() ? undefined : v.materials);
  num('depthFromM', v.depthFromM);
  num('depthToM', v.depthToM);
  str('contractor', v.contractor);
  str('acceptedBy', v.acceptedBy);
  str('conclusion', v.conclusion);
  str('applicationNo', v.applicationNo);
  str('permitNo', v.permitNo);
  num('annualVolumeM3', v.annualVolumeM3);
  day('permitExpiresOn', v.permitExpiresOn);
  str('meterSerial', v.meterSerial);
  str('taxRegisteredNo', v.taxRegisteredNo);
  str('note', v.note);
  return out;
}

/** The day a new step may not precede: the last recorded step, or the day the well was found. */
function earliestDay(well: WellDetail): string {
  return [well.discoveredOn, ...well.events.map((e) => e.onDate)].sort().at(-1) ?? well.discoveredOn;
}

/** Opens the form for one of the well's next steps; nothing when `event` is null. */
export function WellEventModal({ well, event, onClose }: { well: WellDetail; event: WellEventKind | null; onClose: () => void }) {
  return event ? <WellEventDialog key={event} well={well} event={event} onClose={onClose} /> : null;
}

function WellEventDialog({ well, event, onClose }: { well: WellDetail; event: WellEventKind; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const mutation = useWellTransition(well.id);
  const [pending, setPending] = useState<PendingWellPhoto[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [uploadNote, setUploadNote] = useState<string | null>(null);
  const earliest = earliestDay(well);
  const label = WELL_EVENT_LABELS[event];
  const fields = new Set(FIELDS[event]);
  const photoStages: PhotoStage[] = STEP_PHOTOS[event] ?? [];
  const disposition = Form.useWatch('disposition', form) as Disposition | undefined;
  const method = Form.useWatch('method', form) as SealMethod | undefined;
  const onDate = Form.useWatch('onDate', form) as Dayjs | undefined;
  const busy = mutation.isPending || uploadNote !== null;

  const close = () => {
    pending.forEach((p) => URL.revokeObjectURL(p.previewUrl));
    onClose();
  };

  const uploadPhotos = async (): Promise<{ far: number; failed: number }> => {
    let far = 0;
    let failed = 0;
    for (const [i, p] of pending.entries()) {
      setUploadNote(`正在上传照片 ${i + 1}/${pending.length}…`);
      try {
        if ((await sendWellPhoto(well.id, p)).farFromWell) far += 1;
      } catch (e) {
        failed += 1;
        showApiError(e);
      }
    }
    setUploadNote(null);
    return { far, failed };
  };

  const submit = (v: Values) => {
    const data = dataOf(event, v);
    const found = wellEventProblems(event, data);
    // the step must be complete before it is sent: the same rules the server applies
    if (event === 'serve_notice' && v.deadline && v.deadline.isBefore(v.onDate, 'day')) found.push('封停期限不能早于通知日期');
    if (found.length) {
      form.setFields(found.flatMap((m) => (fieldOf(m) ? [{ name: fieldOf(m)!, errors: [m] }] : [])));
      setProblems(found.filter((m) => !fieldOf(m)));
      return;
    }
    setProblems([]);
    mutation.mutate(
      { event, onDate: v.onDate.format(DAY), data, version: well.version },
      {
        onSuccess: async () => {
          const { far, failed } = pending.length ? await uploadPhotos() : { far: 0, failed: 0 };
          showSuccess(`已登记“${label}”${pending.length - failed > 0 ? `，上传照片 ${pending.length - failed} 张` : ''}`);
          if (far) showWarning(`${far} 张照片的拍摄位置距井超过 ${PHOTO_DISTANCE_LIMIT_M} 米，已标记，请核实`);
          if (failed) showWarning(`${failed} 张照片未能上传，请在“照片”中重新上传`);
          close();
        },
      },
    );
  };

  const pickDisposition = (d: Disposition) => {
    const current = form.getFieldValue('legalBasis') as string | undefined;
    // fill in the usual basis unless the user wrote their own
    if (!current?.trim() || ALL_BASES.includes(current.trim())) form.setFieldsValue({ legalBasis: LEGAL_BASES[d][0] });
    if (d === 'seal' && !form.getFieldValue('sealMode')) form.setFieldsValue({ sealMode: 'backfill' });
  };

  const missingPhotos = photoStages.filter((s) => !pending.some((p) => p.stage === s));
  const half = { xs: 24, sm: 12 };

  return (
    <Modal
      open
      title={`${label} · ${well.code}`}
      width={event === 'seal' || event === 'decide' ? 640 : 540}
      onCancel={busy ? undefined : close}
      closable={!busy}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          {uploadNote && <Typography.Text type="secondary">{uploadNote}</Typography.Text>}
          <Button onClick={close} disabled={busy}>
            取消
          </Button>
          <Button type="primary" data-testid="well-event-submit" loading={busy} onClick={() => form.submit()}>
            登记{label}
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {HINTS[event]}
      </Typography.Paragraph>
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} data-testid="well-event-error" />}
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={busy}
        initialValues={{
          onDate: todayValue().isBefore(dayjs(earliest), 'day') ? dayjs(earliest) : todayValue(),
          // the usual method for how the well is to be sealed
          ...(event === 'seal' ? { method: well.sealMode === 'standby' ? 'welded_cap' : 'clay_backfill' } : {}),
        }}
        onValuesChange={() => problems.length && setProblems([])}
        className="ws-card-form"
      >
        <Form.Item name="onDate" label={`${label}日期`} rules={[{ required: true, message: '请选择日期' }]} extra={`不能早于 ${formatDate(earliest)}（上一步或发现日期），不能晚于今天`}>
          <DatePicker
            allowClear={false}
            inputReadOnly
            format="YYYY年M月D日"
            style={{ width: 200 }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || d.isBefore(dayjs(earliest), 'day')}
          />
        </Form.Item>

        {fields.has('disposition') && (
          <>
            <Form.Item name="disposition" label="处置方式" required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                className="ws-chips"
                onChange={(e) => pickDisposition(e.target.value as Disposition)}
                options={DISPOSITIONS.map((d) => ({ value: d, label: DISPOSITION_LABELS[d] }))}
              />
            </Form.Item>
            {disposition === 'seal' && (
              <Form.Item name="sealMode" label="封停方式" required extra="封存备用的井可经批准后启用（应急供水）">
                <Radio.Group optionType="button" buttonStyle="solid" className="ws-chips" options={SEAL_MODES.map((s) => ({ value: s, label: SEAL_MODE_LABELS[s] }))} />
              </Form.Item>
            )}
            <Form.Item name="legalBasis" label="处置依据" required rules={[{ max: 200 }]}>
              <AutoComplete
                placeholder="如：《地下水管理条例》第四十九条"
                options={(disposition ? LEGAL_BASES[disposition] : ALL_BASES).map((b) => ({ value: b }))}
                allowClear
              />
            </Form.Item>
          </>
        )}

        {fields.has('deadline') && (
          <Form.Item name="deadline" label="封停期限" required>
            <DatePicker format="YYYY年M月D日" inputReadOnly style={{ width: 200 }} disabledDate={(d: Dayjs) => !!onDate && d.isBefore(onDate, 'day')} />
          </Form.Item>
        )}

        {fields.has('switchProject') && (
          <Form.Item name="switchProject" label="替代水源 / 管网改造项目" rules={[{ max: 100 }]}>
            <Input placeholder="如：崔庄社区城中村水源置换管网改造工程" />
          </Form.Item>
        )}

        {fields.has('method') && (
          <>
            <Form.Item name="method" label="封井方式" required>
              <Radio.Group optionType="button" buttonStyle="solid" className="ws-chips" options={SEAL_METHODS.map((m) => ({ value: m, label: SEAL_METHOD_LABELS[m] }))} />
            </Form.Item>
            <Form.Item name="materials" label="回填材料" required={method !== 'welded_cap'} rules={[{ max: 200 }]} extra={method === 'welded_cap' ? '封存焊盖可不填回填材料' : undefined}>
              <AutoComplete placeholder="如：粘土球、水泥砂浆" options={MATERIALS.map((m) => ({ value: m }))} allowClear />
            </Form.Item>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name="depthFromM" label="回填深度 自">
                  <InputNumber min={0} max={5000} precision={1} suffix="米" inputMode="decimal" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="depthToM" label="至">
                  <InputNumber min={0} max={5000} precision={1} suffix="米" inputMode="decimal" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="contractor" label="施工单位" required rules={[{ max: 100 }]}>
              <Input placeholder="如：南阳市水利工程公司" />
            </Form.Item>
          </>
        )}

        {fields.has('acceptedBy') && (
          <>
            <Form.Item name="acceptedBy" label="验收单位 / 人员" required rules={[{ max: 100 }]}>
              <Input placeholder="如：区封停办 王某某、街道办 李某某" />
            </Form.Item>
            <Form.Item name="conclusion" label="验收结论" required rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：封井质量符合要求，验收合格" />
            </Form.Item>
          </>
        )}

        {fields.has('applicationNo') && (
          <Form.Item name="applicationNo" label="启用批准文号" required rules={[{ max: 60 }]}>
            <Input placeholder="已批准的启用申请文号" />
          </Form.Item>
        )}

        {fields.has('permitNo') && (
          <>
            <Form.Item name="permitNo" label="取水许可证号" required rules={[{ max: 60 }]}>
              <Input placeholder="如：取水（豫南）字〔2024〕第0001号" />
            </Form.Item>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name="annualVolumeM3" label="许可年取水量" required extra="年取水量 1000 m³ 以下为小额取水户">
                  <InputNumber min={0} max={1e9} precision={0} suffix="m³" inputMode="numeric" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="permitExpiresOn" label="有效期至" required>
                  <DatePicker format="YYYY年M月D日" inputReadOnly style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          </>
        )}

        {fields.has('meterSerial') && (
          <Form.Item name="meterSerial" label="计量设施编号" required rules={[{ max: 60 }]}>
            <Input placeholder="水表或流量计编号" />
          </Form.Item>
        )}

        {fields.has('taxRegisteredNo') && (
          <Form.Item name="taxRegisteredNo" label="水资源税登记号" rules={[{ max: 60 }]}>
            <Input placeholder="税务登记或申报编号" />
          </Form.Item>
        )}

        {photoStages.length > 0 && (
          <Form.Item label={event === 'seal' ? '封井前、封井后照片' : '计量设施照片'} extra={missingPhotos.length ? `建议在井口旁拍摄并上传，作为${label}的佐证` : undefined}>
            <PendingPhotoPicker well={well} stages={photoStages} pending={pending} onChange={setPending} disabled={busy} />
          </Form.Item>
        )}

        <Form.Item name="note" label="备注" rules={[{ max: 500 }]} style={{ marginBottom: 28 }}>
          <Input.TextArea rows={2} maxLength={500} showCount placeholder={event === 'verify' ? '如：现场核实井深约 80 米，生活用水，在用' : undefined} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
