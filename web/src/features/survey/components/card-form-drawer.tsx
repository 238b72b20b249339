import { AimOutlined, CloseCircleOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, AutoComplete, Button, Col, Drawer, Form, Grid, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Switch, Tag, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import {
  CARD_KIND_LABELS,
  CARD_KINDS,
  cardProblems,
  pledgeStatus,
  stampRequired,
  WATER_SOURCE_LABELS,
  WATER_SOURCES,
  type CardKind,
  type WaterSource,
} from '@domain/survey/card';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { errorMessageOf, showApiError, showSuccess } from '../../../ui/feedback';
import type { Card, CardFields } from '../api/survey-api';
import { GOOD_ACCURACY_M, useGeolocation } from '../hooks/use-geolocation';
import { useCard, useCardMutations } from '../hooks/use-survey';
import { CardPhotos, uploadPending, type PendingPhoto } from './card-photos';
import { CardVersionsModal } from './card-versions-modal';
import { PledgeTag } from './survey-tags';
import { isAfterToday, officeToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

/** Common industry classes (行业分类) the campaign sorts users by; any other text is allowed. */
export const INDUSTRIES = ['住宅小区', '宾馆酒店', '洗浴', '洗车', '餐饮', '学校', '医院', '工业企业', '机关事业单位', '商业', '农业', '其他'];

type NumberField = 'households' | 'persons' | 'beds' | 'areaM2';
const NUMBER_FIELDS: { key: NumberField; label: string; unit: string; decimals?: boolean }[] = [
  { key: 'households', label: '户数', unit: '户' },
  { key: 'persons', label: '人数', unit: '人' },
  { key: 'beds', label: '床位', unit: '张' },
  { key: 'areaM2', label: '建筑面积', unit: '㎡', decimals: true },
];
/** What is worth asking for each kind of user (a residential compound is a 单位 with 户数). */
const RELEVANT: Record<CardKind, NumberField[]> = {
  household: ['households', 'persons'],
  village_house: ['households', 'persons'],
  unit: ['households', 'persons', 'beds', 'areaM2'],
  shop: ['persons', 'areaM2'],
  other: ['households', 'persons', 'beds', 'areaM2'],
};

type Values = {
  kind: CardKind;
  name: string;
  address?: string;
  contactName?: string | null;
  contactPhone?: string | null;
  industry?: string | null;
  tapAccounts: string[];
  households: number | null;
  persons: number | null;
  beds: number | null;
  areaM2: number | null;
  wellsDeclared: number | null;
  waterSource: WaterSource;
  lat: number | null;
  lng: number | null;
  gpsAccuracyM: number | null;
  surveyedOn: Dayjs;
  remarks?: string | null;
  pledgeSigned: boolean;
  pledgeStamped: boolean;
  pledgeDate: Dayjs | null;
};

function blankValues(): Values {
  return {
    kind: 'household',
    name: '',
    address: '',
    contactName: null,
    contactPhone: null,
    industry: null,
    tapAccounts: [],
    households: null,
    persons: null,
    beds: null,
    areaM2: null,
    wellsDeclared: 0,
    waterSource: 'tap',
    lat: null,
    lng: null,
    gpsAccuracyM: null,
    surveyedOn: todayValue(),
    remarks: null,
    pledgeSigned: false,
    pledgeStamped: false,
    pledgeDate: null,
  };
}

function valuesOf(c: Card): Values {
  return {
    ...c,
    surveyedOn: dayjs(c.surveyedOn, DAY),
    pledgeDate: c.pledgeDate ? dayjs(c.pledgeDate, DAY) : null,
  };
}

const text = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

function bodyOf(v: Values): CardFields {
  const keep = new Set(RELEVANT[v.kind]);
  const num = (k: NumberField) => (keep.has(k) ? (v[k] ?? null) : null);
  return {
    kind: v.kind,
    name: v.name.trim(),
    address: v.address?.trim() ?? '',
    contactName: text(v.contactName),
    contactPhone: text(v.contactPhone),
    industry: text(v.industry),
    tapAccounts: [...new Set(v.tapAccounts.map((a) => a.trim()).filter(Boolean))],
    households: num('households'),
    persons: num('persons'),
    beds: num('beds'),
    areaM2: num('areaM2'),
    wellsDeclared: v.wellsDeclared ?? 0,
    waterSource: v.waterSource,
    lat: v.lat,
    lng: v.lng,
    gpsAccuracyM: v.gpsAccuracyM,
    surveyedOn: v.surveyedOn.format(DAY),
    remarks: text(v.remarks),
    pledgeSigned: v.pledgeSigned,
    pledgeStamped: v.pledgeStamped,
    pledgeDate: v.pledgeDate ? v.pledgeDate.format(DAY) : null,
  };
}

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

export type CardTarget = 'new' | number | null;

type Props = {
  target: CardTarget;
  gridId: number;
  gridName: string;
  canEdit: boolean;
  onClose: () => void;
  /** the drawer moves to a card just created (when its photos still need uploading) */
  onSwitch: (id: number) => void;
};

/**
 * 一户一卡 as a form that works on a phone at the door: big targets, the fields that matter for
 * the kind of user, the phone's position, camera photos of the site and of the signed pledge.
 */
export function CardFormDrawer({ target, gridId, gridName, canEdit, onClose, onSwitch }: Props) {
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const cardId = typeof target === 'number' ? target : null;
  const { data: card, isPending: loadingCard, error: loadError } = useCard(cardId);
  const { create, update } = useCardMutations();
  const mutation = cardId === null ? create : update;
  const [pending, setPending] = useState<PendingPhoto[]>([]);
  const [uploadNote, setUploadNote] = useState<string | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const loadedVersion = useRef<number | null>(null);
  const top = useRef<HTMLDivElement>(null);
  const geo = useGeolocation();
  const open = target !== null;
  const editing = cardId !== null;
  const readOnly = !canEdit;

  const kind = (Form.useWatch('kind', form) ?? 'household') as CardKind;
  const signed = !!Form.useWatch('pledgeSigned', form);
  const stamped = !!Form.useWatch('pledgeStamped', form);
  const lat = Form.useWatch('lat', form) as number | null | undefined;
  const lng = Form.useWatch('lng', form) as number | null | undefined;
  const accuracy = Form.useWatch('gpsAccuracyM', form) as number | null | undefined;
  const waterSource = Form.useWatch('waterSource', form) as WaterSource | undefined;

  // a new form when the drawer opens; the current card again when a conflict brought a newer version
  useEffect(() => {
    if (target === 'new') {
      form.resetFields();
      form.setFieldsValue(blankValues());
      loadedVersion.current = null;
      setReloaded(false);
    }
  }, [target, form]);
  const cardRef = useRef(card);
  cardRef.current = card;
  useEffect(() => {
    const card = cardRef.current;
    if (!card || card.id !== cardId) return;
    if (loadedVersion.current !== null && loadedVersion.current !== card.version) setReloaded(true);
    loadedVersion.current = card.version;
    form.resetFields();
    form.setFieldsValue(valuesOf(card));
  }, [card?.id, card?.version, cardId, form]); // not on a refetch of the same version: that would drop the user's typing

  const close = () => {
    pending.forEach((p) => URL.revokeObjectURL(p.previewUrl));
    setPending([]);
    setUploadNote(null);
    setReloaded(false);
    loadedVersion.current = null;
    create.reset();
    update.reset();
    onClose();
  };

  const locateMe = async () => {
    const fix = await geo.locate();
    if (fix) form.setFieldsValue({ lat: fix.lat, lng: fix.lng, gpsAccuracyM: fix.accuracyM });
  };

  const afterCreate = async (saved: Card) => {
    const queue = [...pending];
    for (const [i, p] of queue.entries()) {
      setUploadNote(`正在上传照片 ${i + 1}/${queue.length}…`);
      try {
        await uploadPending(saved.id, p);
        URL.revokeObjectURL(p.previewUrl);
      } catch (e) {
        // the card is saved: stay on it so the remaining photos can be added again
        showApiError(e);
        setPending([]);
        setUploadNote(null);
        create.reset();
        onSwitch(saved.id);
        return;
      }
    }
    setPending([]);
    setUploadNote(null);
    showSuccess(`已保存一户一卡“${saved.name}”${queue.length ? `，上传照片 ${queue.length} 张` : ''}`);
    close();
  };

  const submit = (v: Values) => {
    const body = bodyOf(v);
    // the rules the server applies, checked here first so the field shows what is wrong
    const problems = cardProblems(body, officeToday());
    if (problems.length) {
      form.setFields(problems.map((p) => ({ name: p.field as keyof Values, errors: [p.message] })));
      form.scrollToField(problems[0]!.field as keyof Values);
      return;
    }
    setReloaded(false);
    const onError = (err: unknown) => {
      const fields = fieldErrorsOf(err);
      if (fields.length) {
        form.setFields(fields.map((f) => ({ name: f.field as keyof Values, errors: [f.message] })));
        form.scrollToField(fields[0]!.field as keyof Values);
      } else {
        top.current?.scrollIntoView({ block: 'start' }); // the message is at the top of the form
      }
    };
    if (cardId === null) {
      create.mutate({ ...body, gridId }, { onSuccess: (saved) => void afterCreate(saved), onError });
    } else {
      update.mutate(
        { id: cardId, body: { ...body, version: loadedVersion.current ?? card?.version ?? 0 } },
        {
          onSuccess: (saved) => {
            showSuccess(`已保存一户一卡“${saved.name}”`);
            close();
          },
          onError,
        },
      );
    }
  };

  const conflict = mutation.error instanceof ApiError && mutation.error.isConflict;
  const busy = mutation.isPending || uploadNote !== null;
  const status = pledgeStatus({ kind, pledgeSigned: signed, pledgeStamped: stamped });
  const title = editing ? (card ? `一户一卡 · ${card.name}` : '一户一卡') : `新增一户一卡 · ${gridName}`;
  const half = { xs: 24, sm: 12 };

  return (
    <Drawer
      open={open}
      title={title}
      size={screens.md ? 680 : '100%'}
      onClose={close}
      destroyOnHidden
      mask={{ closable: !busy }}
      className="ws-card-drawer"
      extra={
        editing && card ? (
          <Button icon={<HistoryOutlined />} onClick={() => setShowVersions(true)}>
            修改记录
          </Button>
        ) : null
      }
      footer={
        <div className="ws-drawer-footer">
          {uploadNote && <Typography.Text type="secondary">{uploadNote}</Typography.Text>}
          <Space>
            <Button onClick={close} disabled={busy} size="large">
              {readOnly ? '关闭' : '取消'}
            </Button>
            {!readOnly && (
              <Button type="primary" size="large" data-testid="card-submit" loading={busy} onClick={() => form.submit()} disabled={editing && !card}>
                {editing ? '保存修改' : '保存'}
              </Button>
            )}
          </Space>
        </div>
      }
    >
      {editing && loadingCard ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : loadError ? (
        <Alert type="error" showIcon title={errorMessageOf(loadError)} />
      ) : (
        <>
          <div ref={top} />
          {editing && card && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -8, fontSize: 13 }}>
              {card.gridName} · 排查人 {card.surveyedBy} · 第 {card.version} 版，{formatDateTime(card.updatedAt)} 更新
            </Typography.Paragraph>
          )}
          {conflict && (
            <Alert
              type="warning"
              showIcon
              title={errorMessageOf(mutation.error)}
              description={reloaded ? '已载入他人保存的最新内容，请核对后重新修改并保存。' : '正在载入最新内容…'}
              style={{ marginBottom: 16 }}
            />
          )}
          {mutation.isError && !conflict && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 16 }} />}
          {readOnly && <Alert type="info" showIcon title="您的账号只能查看一户一卡" style={{ marginBottom: 16 }} />}

          <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={readOnly || busy} scrollToFirstError className="ws-card-form">
            <Form.Item name="kind" label="类别" rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid" className="ws-chips" options={CARD_KINDS.map((k) => ({ value: k, label: CARD_KIND_LABELS[k] }))} />
            </Form.Item>
            <Form.Item
              name="name"
              label={kind === 'household' || kind === 'village_house' ? '户主姓名' : '名称'}
              rules={[{ required: true, whitespace: true, message: '请填写名称' }, { max: 100 }]}
            >
              <Input size="large" placeholder={kind === 'household' || kind === 'village_house' ? '如：张建国户' : kind === 'shop' ? '如：老王洗车行' : '如：光彩小学'} />
            </Form.Item>
            <Form.Item name="address" label="地址" rules={[{ max: 200 }]}>
              <Input size="large" placeholder="街路门牌号、小区楼栋" />
            </Form.Item>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name="contactName" label="联系人" rules={[{ max: 40 }]}>
                  <Input size="large" />
                </Form.Item>
              </Col>
              <Col {...half}>
                {/* shown masked (138****1234): left as it is, the stored number is kept; '*' is allowed for that */}
                <Form.Item name="contactPhone" label="联系电话" rules={[{ pattern: /^[0-9+\-\s*]{7,20}$/, message: '电话号码格式不正确' }]} extra="号码已脱敏显示，不修改则保留原号码">
                  <Input size="large" inputMode="tel" autoComplete="off" />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="industry" label="行业分类" rules={[{ max: 40 }]}>
              <AutoComplete
                size="large"
                placeholder="选择或输入，如：宾馆酒店"
                options={INDUSTRIES.map((i) => ({ value: i }))}
                showSearch={{ filterOption: (input, option) => (option?.value ?? '').includes(input.trim()) }}
                allowClear
              />
            </Form.Item>

            <Typography.Title level={5} className="ws-form-section">用水情况</Typography.Title>
            <Form.Item name="waterSource" label="水源" rules={[{ required: true }]}>
              <Radio.Group optionType="button" buttonStyle="solid" className="ws-chips" options={WATER_SOURCES.map((s) => ({ value: s, label: WATER_SOURCE_LABELS[s] }))} />
            </Form.Item>
            <Form.Item
              name="tapAccounts"
              label="自来水户号"
              rules={[
                {
                  validator: async (_, accounts: string[] | undefined) => {
                    if ((accounts ?? []).some((a) => a.trim().length > 40)) throw new Error('户号不能超过 40 个字符');
                    if ((accounts ?? []).length > 50) throw new Error('最多填写 50 个户号');
                  },
                },
              ]}
              extra={waterSource === 'well' || waterSource === 'none' ? '没有自来水户号的用户将列入“疑似自备井”问题清单' : '输入户号后按回车，可填写多个'}
            >
              <Select mode="tags" size="large" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、', ' ', ';', '；']} placeholder="如：101000555" />
            </Form.Item>
            <Row gutter={12}>
              <Col {...half}>
                <Form.Item name="wellsDeclared" label="申报自备井数" rules={[{ required: true, message: '请填写，没有填 0' }]}>
                  <InputNumber size="large" min={0} max={100} precision={0} inputMode="numeric" suffix="眼" style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              {NUMBER_FIELDS.filter((f) => RELEVANT[kind].includes(f.key)).map((f) => (
                <Col {...half} key={f.key}>
                  <Form.Item name={f.key} label={f.label}>
                    <InputNumber
                      size="large"
                      min={0}
                      max={f.decimals ? 10_000_000 : 1_000_000}
                      precision={f.decimals ? 1 : 0}
                      inputMode={f.decimals ? 'decimal' : 'numeric'}
                      suffix={f.unit}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              ))}
            </Row>

            <Typography.Title level={5} className="ws-form-section">位置与排查</Typography.Title>
            <Form.Item label="位置" className="ws-gps">
              <Space wrap size={[8, 8]} align="center">
                <Button icon={<AimOutlined />} size="large" data-testid="use-location" loading={geo.locating} onClick={() => void locateMe()}>
                  使用我的位置
                </Button>
                {typeof lat === 'number' && typeof lng === 'number' ? (
                  <span className="ws-gps__fix">
                    <span className="ws-gps__coords">
                      {lat.toFixed(6)}, {lng.toFixed(6)}
                    </span>
                    {typeof accuracy === 'number' && (
                      <Tag color={accuracy > GOOD_ACCURACY_M ? 'orange' : 'green'} style={{ marginInlineStart: 8 }}>
                        精度 ±{accuracy} 米
                      </Tag>
                    )}
                    {!readOnly && (
                      <Button
                        type="text"
                        size="small"
                        icon={<CloseCircleOutlined />}
                        aria-label="清除位置"
                        onClick={() => form.setFieldsValue({ lat: null, lng: null, gpsAccuracyM: null })}
                      />
                    )}
                  </span>
                ) : (
                  <Typography.Text type="secondary">未定位</Typography.Text>
                )}
              </Space>
              {typeof accuracy === 'number' && accuracy > GOOD_ACCURACY_M && (
                <Alert
                  type="warning"
                  showIcon
                  style={{ marginTop: 8 }}
                  title={`定位精度较差（±${accuracy} 米）`}
                  description="请到室外开阔处、打开手机 GPS 后重新定位，尽量在用户门口或井口旁定位。"
                />
              )}
              {geo.error && <Alert type="error" showIcon style={{ marginTop: 8 }} title={geo.error} />}
            </Form.Item>
            <Form.Item name="lat" hidden>
              <InputNumber />
            </Form.Item>
            <Form.Item name="lng" hidden>
              <InputNumber />
            </Form.Item>
            <Form.Item name="gpsAccuracyM" hidden>
              <InputNumber />
            </Form.Item>
            <Form.Item name="surveyedOn" label="排查日期" rules={[{ required: true, message: '请选择排查日期' }]}>
              <DatePicker size="large" allowClear={false} format="YYYY年M月D日" inputReadOnly disabledDate={(d: Dayjs) => isAfterToday(d)} style={{ width: '100%', maxWidth: 240 }} />
            </Form.Item>
            <Form.Item name="remarks" label="备注" rules={[{ max: 500 }]}>
              <Input.TextArea rows={2} maxLength={500} showCount placeholder="如：门店已停业；井已回填；拒绝配合" />
            </Form.Item>
            <Form.Item label="现场照片">
              <CardPhotos ownerType="card" cardId={cardId} photos={card?.photos ?? []} pending={pending} onPendingChange={setPending} disabled={readOnly} testId="photo-input" />
            </Form.Item>

            <Typography.Title level={5} className="ws-form-section">
              承诺书 <PledgeTag status={status} />
            </Typography.Title>
            <Row gutter={12}>
              <Col xs={12} sm={8}>
                <Form.Item name="pledgeSigned" label="签字" valuePropName="checked">
                  <Switch checkedChildren="已签字" unCheckedChildren="未签字" />
                </Form.Item>
              </Col>
              <Col xs={12} sm={8}>
                <Form.Item
                  name="pledgeStamped"
                  label={stampRequired(kind) ? <span>盖章 <Typography.Text type="danger">（单位必须）</Typography.Text></span> : '盖章'}
                  valuePropName="checked"
                >
                  <Switch checkedChildren="已盖章" unCheckedChildren="未盖章" />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="pledgeDate" label="签订日期">
                  <DatePicker size="large" format="YYYY年M月D日" inputReadOnly disabledDate={(d: Dayjs) => isAfterToday(d)} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
            {stampRequired(kind) && signed && !stamped && (
              <Alert type="warning" showIcon title="单位承诺书只有签字、没有盖章，视为不齐全" style={{ marginBottom: 16 }} />
            )}
            <Form.Item label="承诺书扫描件/照片">
              <CardPhotos ownerType="pledge" cardId={cardId} photos={card?.photos ?? []} pending={pending} onPendingChange={setPending} disabled={readOnly} testId="pledge-photo-input" />
            </Form.Item>
          </Form>
        </>
      )}
      <CardVersionsModal cardId={showVersions ? cardId : null} cardName={card?.name ?? ''} onClose={() => setShowVersions(false)} />
    </Drawer>
  );
}
