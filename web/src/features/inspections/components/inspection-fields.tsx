import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, TreeSelect, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { INSPECTION_KIND_LABELS, INSPECTION_KINDS, TARGET_KINDS, type InspectionKind, type TargetKind } from '@domain/inspection/inspection';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { useSubtreeOptions } from '../../org/hooks/use-subtree-options';
import { WellSearchSelect } from '../../wells/components/well-search-select';
import type { z } from 'zod';
import type { InspectionFields } from '@server/features/inspections/inspections.schema';
import type { InspectionDetail } from '../api/inspections-api';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const AREA_LEVELS = ['city', 'district', 'street', 'community', 'grid'];
const TARGET_UNIT_LEVELS = ['district', 'street', 'community', 'grid'];

export const TARGET_KIND_LABELS: Record<TargetKind, string> = { unit: '单位/网格', card: '一户一卡', well: '井', address: '地址' };

export type TargetValues = { kind: TargetKind; refId?: number | null; label?: string };
export type InspectionFieldValues = {
  onDate: Dayjs;
  kind: InspectionKind;
  title?: string;
  leaders: { name?: string; title?: string }[];
  team?: string;
  areaUnitId?: number;
  targets: TargetValues[];
  /** ticked from the vocabulary's list */
  methods: string[];
  /** the office's own words */
  otherMethods: string[];
  narrative?: string;
  samples: { label?: string; place?: string; note?: string }[];
};

/** The record's own fields, complete (what both the create and the update bodies start from). */
export type InspectionFieldsBody = z.infer<typeof InspectionFields>;

const trim = (s: string | undefined | null) => (s ?? '').trim();

export function blankInspectionValues(): InspectionFieldValues {
  return { onDate: todayValue(), kind: 'site_check', leaders: [{ name: '', title: '' }], targets: [], methods: [], otherMethods: [], samples: [] };
}

export function inspectionFieldsBody(v: InspectionFieldValues): InspectionFieldsBody {
  const methods = [...new Set([...(v.methods ?? []), ...(v.otherMethods ?? []).map((m) => m.trim())].filter(Boolean))];
  return {
    onDate: v.onDate.format(DAY),
    kind: v.kind,
    title: trim(v.title),
    leaders: (v.leaders ?? []).filter((l) => trim(l.name) || trim(l.title)).map((l) => ({ name: trim(l.name), title: trim(l.title) })),
    team: trim(v.team),
    areaUnitId: v.areaUnitId ?? 0,
    targets: (v.targets ?? []).map((t) => ({ kind: t.kind, refId: t.kind === 'address' ? null : (t.refId ?? null), label: trim(t.label) })),
    methods,
    narrative: trim(v.narrative),
    samples: (v.samples ?? []).map((s) => ({ label: trim(s.label), place: trim(s.place), note: trim(s.note) })),
  };
}

/** The form's values for a saved record; methods not in the list go to “其他方法”. */
export function inspectionValuesOf(i: InspectionDetail, listed: ReadonlySet<string>): InspectionFieldValues {
  return {
    onDate: dayjs(i.onDate, DAY),
    kind: i.kind,
    title: i.title,
    leaders: i.leaders.length ? i.leaders.map((l) => ({ ...l })) : [{ name: '', title: '' }],
    team: i.team,
    areaUnitId: i.areaUnitId,
    targets: i.targets.map((t) => ({ kind: t.kind, refId: t.refId, label: t.label })),
    methods: i.methods.filter((m) => listed.has(m)),
    otherMethods: i.methods.filter((m) => !listed.has(m)),
    narrative: i.narrative,
    samples: i.samples.map((s) => ({ ...s })),
  };
}

function TargetRow({ index, areaUnitId, onRemove }: { index: number; areaUnitId: number | undefined; onRemove: () => void }) {
  const form = Form.useFormInstance<InspectionFieldValues>();
  const kind = (Form.useWatch(['targets', index, 'kind'], form) ?? 'unit') as TargetKind;
  const unitOptions = useSubtreeOptions(areaUnitId, TARGET_UNIT_LEVELS);
  const clear = () => {
    form.setFieldValue(['targets', index, 'refId'], null);
    form.setFieldValue(['targets', index, 'label'], '');
  };

  return (
    <div className="ws-insp-row" data-testid={`target-${index}`}>
      <Row gutter={8} wrap={false} align="top">
        <Col flex="none" className="ws-insp-row__kind">
          <Form.Item name={[index, 'kind']} rules={[{ required: true }]}>
            <Select
              options={TARGET_KINDS.map((k) => ({ value: k, label: TARGET_KIND_LABELS[k] }))}
              onChange={clear}
              data-testid={`target-kind-${index}`}
              aria-label="检查对象类别"
            />
          </Form.Item>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {kind === 'unit' && (
            <Form.Item name={[index, 'refId']} rules={[{ required: true, message: '请选择单位或网格' }]}>
              <TreeSelect
                placeholder="选择街道、社区或网格（可输入名称搜索）"
                treeData={unitOptions}
                showSearch={{ treeNodeFilterProp: 'title' }}
                treeDefaultExpandedKeys={unitOptions.map((o) => o.value)}
                listHeight={320}
                onChange={(_v: number, labels) => form.setFieldValue(['targets', index, 'label'], String(labels?.[0] ?? ''))}
                data-testid={`target-unit-${index}`}
              />
            </Form.Item>
          )}
          {kind === 'address' && (
            <Form.Item name={[index, 'label']} rules={[{ required: true, whitespace: true, message: '请填写名称或地址' }, { max: 100 }]}>
              <Input placeholder="单位名称、小区或地址，如：鸿运招待所租赁家属院" data-testid={`target-label-${index}`} />
            </Form.Item>
          )}
          {kind === 'well' && (
            <Form.Item name={[index, 'refId']} rules={[{ required: true, message: '请选择井' }]}>
              <WellSearchSelect testId={`target-well-${index}`} onPick={(w) => form.setFieldValue(['targets', index, 'label'], w ? `${w.code} ${w.ownerName}`.slice(0, 100) : '')} />
            </Form.Item>
          )}
          {kind === 'card' && (
            <Row gutter={8}>
              <Col xs={24} sm={10}>
                <Form.Item name={[index, 'refId']} rules={[{ required: true, message: '请填写一户一卡编号' }]}>
                  <InputNumber min={1} precision={0} placeholder="一户一卡编号" style={{ width: '100%' }} inputMode="numeric" data-testid={`target-ref-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={14}>
                <Form.Item name={[index, 'label']} rules={[{ max: 100 }]}>
                  <Input placeholder="户名或单位名称" data-testid={`target-label-${index}`} />
                </Form.Item>
              </Col>
            </Row>
          )}
          {kind !== 'address' && kind !== 'card' && (
            <Form.Item name={[index, 'label']} hidden>
              <Input />
            </Form.Item>
          )}
        </Col>
        <Col flex="none">
          <Button type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label="删除检查对象" />
        </Col>
      </Row>
    </div>
  );
}

/**
 * The record itself: when, what kind, who led it, where, what was looked at and how, what was
 * seen and the samples taken. Rendered inside a Form whose values are `InspectionFieldValues`.
 */
export function InspectionFieldsSection({ listedMethods }: { listedMethods: readonly string[] }) {
  const form = Form.useFormInstance<InspectionFieldValues>();
  const areaUnitId = Form.useWatch('areaUnitId', form) as number | undefined;
  const { data: units } = useOrgUnits(false);
  const areaOptions = useOrgTreeOptions(units, AREA_LEVELS);
  const half = { xs: 24, sm: 12 };

  return (
    <>
      <Row gutter={12}>
        <Col {...half}>
          <Form.Item name="onDate" label="日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker
              allowClear={false}
              inputReadOnly
              format="YYYY年M月D日"
              style={{ width: '100%' }}
              disabledDate={(d: Dayjs) => isAfterToday(d)}
              data-testid="inspection-date"
            />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
            <Select options={INSPECTION_KINDS.map((k) => ({ value: k, label: INSPECTION_KIND_LABELS[k] }))} data-testid="inspection-kind" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 120 }]}>
            <Input placeholder="如：对卧龙区光武街道网格排查工作进行现场核查" data-testid="inspection-title" />
          </Form.Item>
        </Col>
      </Row>

      <Form.Item label="带队领导" required style={{ marginBottom: 4 }}>
        <Form.List name="leaders">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Row gutter={8} key={field.key} wrap={false} align="top">
                  <Col flex="2">
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写姓名' }, { max: 20 }]}>
                      <Input placeholder="姓名" data-testid={`leader-name-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="3">
                    <Form.Item name={[field.name, 'title']} rules={[{ max: 60 }]}>
                      <Input placeholder="职务，如：市水利局局长" data-testid={`leader-title-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col flex="none">
                    <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(field.name)} aria-label="删除" />
                  </Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', title: '' })} block style={{ marginBottom: 16 }} data-testid="add-leader">
                增加带队领导
              </Button>
            </>
          )}
        </Form.List>
      </Form.Item>

      <Form.Item name="team" label="检查组成员" rules={[{ max: 500 }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder="如：市封停办、卧龙区封停办工作人员" data-testid="inspection-team" />
      </Form.Item>

      <Form.Item name="areaUnitId" label="检查区域" rules={[{ required: true, message: '请选择检查区域' }]} extra="记录归属的区域：全市性的会议选市，到某区、街道检查的选到区或街道">
        <TreeSelect
          placeholder="选择区、街道、社区或网格（可输入名称搜索）"
          treeData={areaOptions}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeDefaultExpandedKeys={areaOptions.map((o) => o.value)}
          listHeight={320}
          data-testid="inspection-area"
        />
      </Form.Item>

      <Typography.Title level={5} className="ws-form-section">
        检查对象
      </Typography.Title>
      <Form.List name="targets">
        {(fields, { add, remove }) => (
          <>
            {fields.length === 0 && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                检查了哪些街道、社区、网格，哪户一户一卡、哪眼井，或哪个单位、地址（会议可不填）。
              </Typography.Paragraph>
            )}
            {fields.map((field) => (
              <TargetRow key={field.key} index={field.name} areaUnitId={areaUnitId} onRemove={() => remove(field.name)} />
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'unit', refId: null, label: '' })} block data-testid="add-target">
              添加检查对象
            </Button>
          </>
        )}
      </Form.List>

      <Typography.Title level={5} className="ws-form-section" style={{ marginTop: 16 }}>
        检查方法
      </Typography.Title>
      <Form.Item name="methods">
        <Checkbox.Group className="ws-insp-methods" options={listedMethods.map((m) => ({ value: m, label: m }))} data-testid="inspection-methods" />
      </Form.Item>
      <Form.Item name="otherMethods" label="其他方法" extra="清单里没有的方法，输入后按回车添加">
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} placeholder="如：查看水表读数" data-testid="inspection-other-methods" />
      </Form.Item>

      <Typography.Title level={5} className="ws-form-section">
        情况记述
      </Typography.Title>
      <Form.Item name="narrative" rules={[{ max: 10_000 }]}>
        <Input.TextArea
          rows={6}
          maxLength={10_000}
          showCount
          placeholder="按时间顺序写明检查经过、看到的情况和现场提出的要求；分段请换行"
          data-testid="inspection-narrative"
        />
      </Form.Item>

      <Typography.Title level={5} className="ws-form-section">
        取样
      </Typography.Title>
      <Form.List name="samples">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <div className="ws-insp-row" key={field.key}>
                <Row gutter={8} align="top">
                  <Col xs={12} sm={6}>
                    <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, message: '请填写样品编号' }, { max: 40 }]}>
                      <Input placeholder="样品编号" data-testid={`sample-label-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={8}>
                    <Form.Item name={[field.name, 'place']} rules={[{ max: 100 }]}>
                      <Input placeholder="取样位置" data-testid={`sample-place-${field.name}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={8}>
                    <Form.Item name={[field.name, 'note']} rules={[{ max: 200 }]}>
                      <Input placeholder="备注" />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2}>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label="删除样品" />
                  </Col>
                </Row>
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ label: '', place: '', note: '' })} block data-testid="add-sample">
              登记取样
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}
