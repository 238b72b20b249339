import { InfoCircleOutlined } from '@ant-design/icons';
import { Col, Form, Input, Row, Select, TreeSelect, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { isMissedWell } from '@domain/inspection/finding';
import { useSubtreeOptions } from '../../org/hooks/use-subtree-options';
import { WellSearchSelect } from '../../wells/components/well-search-select';
import { todayValue } from '../../../lib/office-clock';

const OWNER_LEVELS = ['district', 'street', 'community', 'grid'];
const GRID_LEVELS = ['grid'];
export const MISSED_HINT = '漏排问题将使该网格退回“排查中”，须重新完成排查';

export type FindingFieldValues = {
  category?: string;
  unitId?: number;
  gridId?: number | null;
  /** the inspection form: one of the wells registered above it */
  wellIndex?: number | null;
  /** the raise dialog: a well on file */
  wellId?: number | null;
  description?: string;
  deadline?: Dayjs | null;
};

/** Where the well evidence comes from: wells listed beside the form, or a search of the well files. */
export type WellChoice = { kind: 'index'; options: { value: number; label: string }[] } | { kind: 'listed'; options: { value: number; label: string }[] } | { kind: 'search' };

const tid = (base: string, index: number | undefined) => (index === undefined ? base : `${base}-${index}`);

/**
 * The fields of one finding: what kind of problem, whose, where exactly (a grid, a well), what
 * was seen and by when it must be put right. Used for each finding on an inspection record and
 * in the 登记问题 dialog; `name` is the prefix inside the form, `path` the absolute one.
 */
export function FindingFields({
  name,
  path,
  testIndex,
  areaUnitId,
  categories,
  wells,
  earliestDeadline,
}: {
  name: (string | number)[];
  path: (string | number)[];
  testIndex?: number;
  areaUnitId?: number | null | undefined;
  categories: { value: string; label: string }[];
  wells: WellChoice;
  earliestDeadline?: Dayjs | undefined;
}) {
  const form = Form.useFormInstance();
  const category = Form.useWatch([...path, 'category'], form) as string | undefined;
  const unitId = Form.useWatch([...path, 'unitId'], form) as number | undefined;
  const ownerOptions = useSubtreeOptions(areaUnitId, OWNER_LEVELS);
  const gridOptions = useSubtreeOptions(unitId ?? areaUnitId, GRID_LEVELS);
  const missed = !!category && isMissedWell(category);
  const half = { xs: 24, sm: 12 };

  return (
    <Row gutter={12}>
      <Col {...half}>
        <Form.Item name={[...name, 'category']} label="问题类别" rules={[{ required: true, message: '请选择问题类别' }]}>
          <Select placeholder="选择问题类别" options={categories} showSearch={{ optionFilterProp: 'label' }} data-testid={tid('finding-category', testIndex)} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name={[...name, 'unitId']} label="责任单位" rules={[{ required: true, message: '请选择责任单位（区、街道、社区或网格）' }]}>
          <TreeSelect
            placeholder="区、街道、社区或网格"
            treeData={ownerOptions}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={ownerOptions.map((o) => o.value)}
            listHeight={320}
            onChange={() => form.setFieldValue([...path, 'gridId'], null)}
            data-testid={tid('finding-unit', testIndex)}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item
          name={[...name, 'gridId']}
          label={missed ? '网格（漏排须选择）' : '网格（可选）'}
          extra={
            missed ? (
              <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid={tid('finding-missed-hint', testIndex)}>
                <InfoCircleOutlined /> {MISSED_HINT}
              </Typography.Text>
            ) : undefined
          }
        >
          <TreeSelect
            allowClear
            placeholder="问题所在的网格"
            treeData={gridOptions}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={gridOptions.map((o) => o.value)}
            listHeight={320}
            data-testid={tid('finding-grid', testIndex)}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        {wells.kind === 'search' ? (
          <Form.Item name={[...name, 'wellId']} label="关联井档案（可选）">
            <WellSearchSelect testId={tid('finding-well', testIndex)} />
          </Form.Item>
        ) : (
          <Form.Item name={[...name, wells.kind === 'index' ? 'wellIndex' : 'wellId']} label={wells.kind === 'index' ? '关联发现的井（可选）' : '关联本次发现的井（可选）'}>
            <Select
              allowClear
              placeholder={wells.options.length ? '选择井' : '尚未登记发现的井'}
              disabled={!wells.options.length}
              options={wells.options}
              data-testid={tid('finding-well', testIndex)}
            />
          </Form.Item>
        )}
      </Col>
      <Col xs={24}>
        <Form.Item
          name={[...name, 'description']}
          label="问题描述"
          rules={[
            { required: true, whitespace: true, message: '请写明问题' },
            { min: 4, message: '请写明问题（至少 4 个字）' },
            { max: 1000 },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={1000}
            showCount
            placeholder="如：光彩社区网格排查没有对沿街门店和城中村住户纳入一户一卡登记"
            data-testid={tid('finding-description', testIndex)}
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name={[...name, 'deadline']} label="整改期限（可选）" extra="不填为发现后 5 个工作日">
          <DatePicker
            format="YYYY年M月D日"
            inputReadOnly
            style={{ width: '100%' }}
            disabledDate={(d: Dayjs) => d.isBefore(earliestDeadline ?? todayValue(), 'day')}
            data-testid={tid('finding-deadline', testIndex)}
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
