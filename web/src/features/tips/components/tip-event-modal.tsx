import { Alert, Button, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useDeferredValue, useState } from 'react';
import {
  addWorkingDays,
  DEFAULT_DEADLINE_WORKING_DAYS,
  TIP_EVENT_LABELS,
  tipEventProblems,
  type TipEventData,
  type TipEventKind,
} from '@domain/tip/workflow';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { TipDetail, TipResult } from '../api/tips-api';
import { useTipTransition, useWellSearch } from '../hooks/use-tips';
import { useTipUnits } from '../hooks/use-tip-units';
import { TIP_RESULT_LABELS } from './tip-tags';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

const HINTS: Record<TipEventKind, string> = {
  assign: '将线索交办到属地区封停办核查办理；办理期限默认为交办后 5 个工作日。',
  pass: '区封停办可将线索转交属地街道（乡镇）现场核查。',
  investigate: '登记现场核查结果：查实存在自备井等问题的为“有效”，并写明核查情况（时间、地点、核查人员、发现的问题）。',
  close: '办结并答复举报人。答复内容将在查询页面向举报人公开，请勿写入举报人身份等信息。',
  recheck: '市封停办复核：确认核查结论和答复无误。',
  reopen: '复核发现核查不实或答复不当的，退回属地重新核查办理。',
};

type Values = {
  onDate: Dayjs;
  districtId?: number;
  deadline?: Dayjs | null;
  streetId?: number;
  result?: TipResult;
  evidence?: string;
  wellId?: number | null;
  reply?: string;
  reason?: string;
};

/** The fields each step asks for. */
const FIELDS: Record<TipEventKind, (keyof Values)[]> = {
  assign: ['districtId', 'deadline'],
  pass: ['streetId'],
  investigate: ['result', 'evidence', 'wellId'],
  close: ['reply'],
  recheck: [],
  reopen: ['reason'],
};

/** The domain's messages, pointed at the field they are about. */
const PROBLEM_FIELDS: [string, keyof Values][] = [
  ['交办的区', 'districtId'],
  ['转交的街道', 'streetId'],
  ['核查结果', 'result'],
  ['核查情况', 'evidence'],
  ['答复', 'reply'],
  ['原因', 'reason'],
];
const fieldOf = (message: string) => PROBLEM_FIELDS.find(([k]) => message.includes(k))?.[1];

function dataOf(event: TipEventKind, v: Values): TipEventData {
  const keep = new Set(FIELDS[event]);
  const out: TipEventData = {};
  if (keep.has('districtId') && v.districtId) out.districtId = v.districtId;
  if (keep.has('deadline') && v.deadline) out.deadline = v.deadline.format(DAY);
  if (keep.has('streetId') && v.streetId) out.streetId = v.streetId;
  if (keep.has('result') && v.result) out.result = v.result;
  if (keep.has('evidence') && v.evidence?.trim()) out.evidence = v.evidence.trim();
  if (keep.has('wellId') && v.wellId) out.wellId = v.wellId;
  if (keep.has('reply') && v.reply?.trim()) out.reply = v.reply.trim();
  if (keep.has('reason') && v.reason?.trim()) out.reason = v.reason.trim();
  return out;
}

/** The day a new step may not precede: the last recorded step, or the day the tip came in. */
export function earliestTipDay(tip: TipDetail): string {
  return [tip.receivedOn, ...tip.events.map((e) => e.onDate)].sort().at(-1) ?? tip.receivedOn;
}

/** The district the tip was last assigned to (a district user's own tip, or the city's choice). */
export function assignedDistrictId(tip: TipDetail): number | null {
  let id: number | null = null;
  for (const e of tip.events) if (e.event === 'assign' && e.data.districtId) id = e.data.districtId;
  return id;
}

/** Opens the form for one of the tip's next steps; nothing when `event` is null. */
export function TipEventModal({ tip, event, onClose }: { tip: TipDetail; event: TipEventKind | null; onClose: () => void }) {
  return event ? <TipEventDialog key={event} tip={tip} event={event} onClose={onClose} /> : null;
}

function TipEventDialog({ tip, event, onClose }: { tip: TipDetail; event: TipEventKind; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const mutation = useTipTransition(tip.id);
  const units = useTipUnits();
  const [problems, setProblems] = useState<string[]>([]);
  const [wellQuery, setWellQuery] = useState('');
  const deferredWellQuery = useDeferredValue(wellQuery);
  const fields = new Set(FIELDS[event]);
  const wells = useWellSearch(deferredWellQuery, fields.has('wellId'));
  const earliest = earliestTipDay(tip);
  const label = TIP_EVENT_LABELS[event];
  const onDate = Form.useWatch('onDate', form) as Dayjs | undefined;
  const result = Form.useWatch('result', form) as TipResult | undefined;
  const districtId = assignedDistrictId(tip) ?? units.districts.find((d) => d.name === tip.district)?.id ?? null;
  const streets = units.streetsOf(districtId);
  const defaultDeadline = addWorkingDays((onDate ?? todayValue()).format(DAY), DEFAULT_DEADLINE_WORKING_DAYS);

  const submit = (v: Values) => {
    const data = dataOf(event, v);
    const found = tipEventProblems(event, data);
    if (event === 'assign' && v.deadline && v.deadline.isBefore(v.onDate, 'day')) found.push('办理期限不能早于交办日期');
    if (found.length) {
      form.setFields(found.flatMap((m) => (fieldOf(m) ? [{ name: fieldOf(m)!, errors: [m] }] : [])));
      setProblems(found.filter((m) => !fieldOf(m)));
      return;
    }
    setProblems([]);
    mutation.mutate(
      { event, onDate: v.onDate.format(DAY), data, version: tip.version },
      {
        onSuccess: () => {
          showSuccess(`线索 ${tip.code} 已${label}`);
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={`${label} · ${tip.code}`}
      width={event === 'investigate' || event === 'close' ? 620 : 520}
      onCancel={mutation.isPending ? undefined : onClose}
      closable={!mutation.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={mutation.isPending}>
            取消
          </Button>
          <Button type="primary" danger={event === 'reopen'} data-testid="tip-event-submit" loading={mutation.isPending} onClick={() => form.submit()}>
            确认{label}
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {HINTS[event]}
      </Typography.Paragraph>
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} data-testid="tip-event-error" />}
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={mutation.isPending}
        initialValues={{ onDate: todayValue().isBefore(dayjs(earliest), 'day') ? dayjs(earliest) : todayValue(), ...(streets.length === 1 ? { streetId: streets[0]!.id } : {}) }}
        onValuesChange={() => problems.length && setProblems([])}
        className="ws-card-form"
      >
        <Form.Item name="onDate" label={`${label}日期`} rules={[{ required: true, message: '请选择日期' }]} extra={`不能早于 ${formatDate(earliest)}（受理或上一步），不能晚于今天`}>
          <DatePicker
            allowClear={false}
            inputReadOnly
            format="YYYY年M月D日"
            style={{ width: 200 }}
            disabledDate={(d: Dayjs) => isAfterToday(d) || d.isBefore(dayjs(earliest), 'day')}
          />
        </Form.Item>

        {fields.has('districtId') && (
          <>
            <Form.Item name="districtId" label="交办到" required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                className="ws-chips"
                data-testid="tip-assign-district"
                options={units.districts.map((d) => ({ value: d.id, label: d.name }))}
              />
            </Form.Item>
            <Form.Item name="deadline" label="办理期限" extra={`不填则为交办后 ${DEFAULT_DEADLINE_WORKING_DAYS} 个工作日（${formatDate(defaultDeadline)}）`}>
              <DatePicker
                format="YYYY年M月D日"
                inputReadOnly
                placeholder={formatDate(defaultDeadline)}
                style={{ width: 200 }}
                disabledDate={(d: Dayjs) => !!onDate && d.isBefore(onDate, 'day')}
              />
            </Form.Item>
          </>
        )}

        {fields.has('streetId') && (
          <Form.Item name="streetId" label="转交街道（乡镇）" required extra={tip.district ? `${tip.district}所辖街道（乡镇）` : undefined}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={streets.length ? '选择街道（乡镇）' : '没有可选的街道'}
              options={streets.map((s) => ({ value: s.id, label: s.name }))}
              loading={units.loading}
              data-testid="tip-pass-street"
            />
          </Form.Item>
        )}

        {fields.has('result') && (
          <>
            <Form.Item name="result" label="核查结果" required>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                className="ws-chips"
                options={(['substantiated', 'unsubstantiated'] as const).map((r) => ({
                  value: r,
                  label: r === 'substantiated' ? `${TIP_RESULT_LABELS[r]}（查实）` : `${TIP_RESULT_LABELS[r]}（未查实）`,
                }))}
              />
            </Form.Item>
            <Form.Item name="evidence" label="核查情况" required rules={[{ max: 2000 }]}>
              <Input.TextArea
                rows={4}
                maxLength={2000}
                showCount
                placeholder={
                  result === 'unsubstantiated'
                    ? '如：1月10日区封停办会同街道现场核查，翻看井盖、查看机泵和管道走向，查阅自来水缴费单据，未发现自备井'
                    : '如：1月10日区封停办会同街道现场核查，在院内东北角发现在用自备井 1 眼，井深约 60 米，已下达封停通知'
                }
              />
            </Form.Item>
            {result === 'substantiated' && (
              <Form.Item name="wellId" label="关联井档案（可选）" extra="查实的井已建档的，选择其井档案；尚未建档的请先在“井档案”中新增">
                <Select
                  allowClear
                  showSearch={{ filterOption: false, onSearch: setWellQuery }}
                  placeholder="输入井编号、权属单位或地址查找"
                  loading={wells.isFetching}
                  notFoundContent={wellQuery.trim() ? (wells.isFetching ? '查找中…' : '没有找到匹配的井') : '请输入关键字'}
                  options={(wells.data?.wells ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.ownerName}` }))}
                />
              </Form.Item>
            )}
          </>
        )}

        {fields.has('reply') && (
          <Form.Item name="reply" label="答复举报人" required rules={[{ max: 2000 }]} extra="举报人凭查询码可在“查询进度”页面看到这段答复">
            <Input.TextArea
              rows={4}
              maxLength={2000}
              showCount
              placeholder={
                tip.result === 'substantiated'
                  ? '如：您举报的自备井经核查属实，已依法责令封停，感谢您对“飓风”行动的支持。'
                  : '如：经属地现场核查，未发现您反映的自备井问题，感谢您对“飓风”行动的支持。'
              }
            />
          </Form.Item>
        )}

        {fields.has('reason') && (
          <Form.Item name="reason" label="退回原因" required rules={[{ max: 500 }]}>
            <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：核查情况过于简单，未写明现场核查方式，请重新核查" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
