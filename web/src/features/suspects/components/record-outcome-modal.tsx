import { Alert, Button, Col, Form, Input, Modal, Radio, Row, Select, TreeSelect, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { WELL_USE_LABELS, WELL_USES, type WellUse } from '@domain/well/well';
import { ApiError } from '../../../lib/api-client';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useCan } from '../../auth/hooks/use-session';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { CHECK_OUTCOMES, type CheckOutcome, type OutcomeInput, type SuspectCheck } from '../api/suspects-api';
import { useRecordOutcome } from '../hooks/use-suspects';
import { LinkWellSelect } from './link-well-select';
import { CHECK_FILTER_LABELS } from './suspects-format';
import { isAfterToday, todayValue } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const UNIT_LEVELS = ['district', 'street', 'community', 'grid'];
const DEFAULT_USE: WellUse = 'domestic';

type WellMode = 'link' | 'new';
type Values = {
  outcome?: CheckOutcome;
  checkedOn: Dayjs;
  note?: string | null;
  wellMode: WellMode;
  wellId?: number | null;
  ownerName?: string;
  address?: string;
  use: WellUse;
  orgUnitId?: number;
};

function initialValues(check: SuspectCheck, canCreateWell: boolean): Values {
  return {
    ...(check.outcome ? { outcome: check.outcome } : {}),
    checkedOn: check.checkedOn ? dayjs(check.checkedOn, DAY) : todayValue(),
    note: check.note,
    wellMode: check.wellId || !canCreateWell ? 'link' : 'new',
    wellId: check.wellId,
    ownerName: check.name,
    address: check.address,
    use: DEFAULT_USE,
    ...(check.gridId ? { orgUnitId: check.gridId } : {}),
  };
}

function bodyOf(v: Values, version: number): OutcomeInput {
  const found = v.outcome === 'found';
  return {
    outcome: v.outcome!,
    checkedOn: v.checkedOn.format(DAY),
    note: v.note?.trim() ? v.note.trim() : null,
    version,
    wellId: found && v.wellMode === 'link' ? (v.wellId ?? null) : null,
    newWell:
      found && v.wellMode === 'new'
        ? { ownerName: (v.ownerName ?? '').trim(), address: v.address?.trim() ?? '', use: v.use, orgUnitId: v.orgUnitId ?? 0 }
        : null,
  };
}

/** 登记结果: what the visit to a suspect account found; a well found is linked to a well file or gets a new one. */
/**
 * `gone`: the check has left the list the dialog was opened from (someone else recorded it and the
 * list is filtered), so its current version is not known here.
 */
export function RecordOutcomeModal({ check, gone, onClose }: { check: SuspectCheck | null; gone: boolean; onClose: () => void }) {
  return check ? <RecordOutcomeDialog key={check.id} check={check} gone={gone} onClose={onClose} /> : null;
}

function RecordOutcomeDialog({ check, gone, onClose }: { check: SuspectCheck; gone: boolean; onClose: () => void }) {
  const can = useCan();
  const [form] = Form.useForm<Values>();
  const record = useRecordOutcome();
  const outcome = Form.useWatch('outcome', form) as CheckOutcome | undefined;
  const wellMode = Form.useWatch('wellMode', form) as WellMode | undefined;
  const { data: units } = useOrgUnits(false);
  const unitOptions = useOrgTreeOptions(units, UNIT_LEVELS);
  const canCreateWell = can('wells.edit');
  const conflict = record.error instanceof ApiError && record.error.isConflict;
  const lost = conflict && gone;

  const submit = (v: Values) => {
    record.mutate(
      { id: check.id, body: bodyOf(v, check.version) },
      {
        onSuccess: (saved) => {
          showSuccess(saved.outcome === 'found' && v.wellMode === 'new' ? '已登记核查结果，并新建井档案' : '已登记核查结果');
          onClose();
        },
      },
    );
  };

  const half = { xs: 24, sm: 12 };

  return (
    <Modal
      open
      title={`登记核查结果 · ${check.accountNo} ${check.name}`}
      width={680}
      onCancel={record.isPending ? undefined : onClose}
      closable={!record.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      data-testid="outcome-modal"
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={record.isPending}>
            取消
          </Button>
          <Button type="primary" loading={record.isPending} disabled={lost} onClick={() => form.submit()} data-testid="outcome-submit">
            保存结果
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">
        第{check.batchNumber}批 · {check.place || '未匹配区域'} · {check.address || '无地址'}
      </Typography.Paragraph>
      {record.isError && (
        <Alert
          type={conflict ? 'warning' : 'error'}
          showIcon
          title={errorMessageOf(record.error)}
          description={lost ? '该户的核查结果已被他人登记，已不在当前筛选的列表中，请关闭后查看。' : conflict ? '已载入最新数据，请核对后重新保存。' : undefined}
          style={{ marginBottom: 12 }}
          data-testid="outcome-error"
        />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={record.isPending} initialValues={initialValues(check, canCreateWell)} className="ws-card-form">
        <Form.Item name="outcome" label="核查结果" rules={[{ required: true, message: '请选择核查结果' }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={CHECK_OUTCOMES.map((o) => ({ value: o, label: CHECK_FILTER_LABELS[o] }))}
            data-testid="outcome-choice"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col {...half}>
            <Form.Item name="checkedOn" label="核查日期" rules={[{ required: true, message: '请选择核查日期' }]}>
              <DatePicker
                allowClear={false}
                inputReadOnly
                format="YYYY年M月D日"
                style={{ width: '100%' }}
                disabledDate={(d: Dayjs) => isAfterToday(d)}
                data-testid="outcome-date"
              />
            </Form.Item>
          </Col>
        </Row>
        {outcome === 'found' && (
          <div className="ws-sp-well">
            <Form.Item name="wellMode" label="井档案">
              <Radio.Group
                options={[
                  { value: 'link', label: '关联已有井档案' },
                  { value: 'new', label: '新建井档案', disabled: !canCreateWell },
                ]}
                data-testid="outcome-well-mode"
              />
            </Form.Item>
            {wellMode === 'link' ? (
              <Form.Item name="wellId" label="已有井档案" rules={[{ required: true, message: '请选择已建档的井' }]}>
                <LinkWellSelect initial={check.wellId && check.wellCode ? { id: check.wellId, code: check.wellCode } : null} />
              </Form.Item>
            ) : (
              <Row gutter={12}>
                <Col {...half}>
                  <Form.Item
                    name="ownerName"
                    label="井主 / 单位"
                    rules={[
                      { required: true, whitespace: true, message: '请填写井主或单位' },
                      { max: 100, message: '不超过 100 个字' },
                    ]}
                  >
                    <Input maxLength={100} data-testid="outcome-owner" />
                  </Form.Item>
                </Col>
                <Col {...half}>
                  <Form.Item name="use" label="用途" rules={[{ required: true, message: '请选择用途' }]}>
                    <Select options={WELL_USES.map((u) => ({ value: u, label: WELL_USE_LABELS[u] }))} data-testid="outcome-use" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name="address" label="地址" rules={[{ max: 200, message: '不超过 200 个字' }]}>
                    <Input maxLength={200} data-testid="outcome-address" />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item
                    name="orgUnitId"
                    label="所属网格 / 单位"
                    rules={[{ required: true, message: '请选择井所在的网格或单位' }]}
                    extra={check.gridId ? '默认为该用水户匹配的网格；井编号按所选单位编码自动生成' : '该用水户未匹配到网格，请选择井所在的网格或单位'}
                  >
                    <TreeSelect
                      placeholder="选择区、街道、社区或网格"
                      treeData={unitOptions}
                      showSearch={{ treeNodeFilterProp: 'title' }}
                      listHeight={320}
                      data-testid="outcome-unit"
                    />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </div>
        )}
        <Form.Item name="note" label="说明" rules={[{ max: 1000, message: '不超过 1000 个字' }]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder="如：后院发现一眼压水井，户主称用于浇菜" data-testid="outcome-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
