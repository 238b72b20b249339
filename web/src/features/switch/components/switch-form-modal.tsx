import { Alert, Button, Col, Form, Input, InputNumber, Modal, Row, Select, TreeSelect } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { SWITCH_STATE_LABELS, SWITCH_STATES, type SwitchState } from '@domain/switch/switch-project';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useSubtreeOptions } from '../../org/hooks/use-subtree-options';
import type { SwitchDetail } from '../api/switch-api';
import { useCandidateWells, useCreateSwitchProject, useEditSwitchProject } from '../hooks/use-switch';
import { isAfterToday } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const UNIT_LEVELS = ['street', 'community'];

type Values = {
  name: string; unitId?: number; households?: number | null; persons?: number | null; wellsPlanned?: number | null; budgetWan?: number | null;
  costSharing?: string; contractor?: string; startedOn?: Dayjs | null; plannedFinish?: Dayjs | null; finishedOn?: Dayjs | null; remarks?: string | null;
  wellIds: number[]; state?: SwitchState; progress?: number;
};

const day = (d: Dayjs | null | undefined) => (d ? d.format(DAY) : null);
const asDay = (s: string | null) => (s ? dayjs(s, DAY) : null);

/** 新建 / 编辑 a source-switch project: where, for whom, what it costs and who pays, when, and the wells it frees. */
export function SwitchFormModal({ open, onClose, project }: { open: boolean; onClose: () => void; project?: SwitchDetail | undefined }) {
  return open ? <SwitchFormDialog onClose={onClose} project={project} /> : null;
}

function SwitchFormDialog({ onClose, project }: { onClose: () => void; project?: SwitchDetail | undefined }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const create = useCreateSwitchProject();
  const edit = useEditSwitchProject(project?.id ?? 0);
  const mutation = project ? edit : create;
  const unitOptions = useSubtreeOptions(undefined, UNIT_LEVELS);
  const unitId = Form.useWatch('unitId', form) as number | undefined;
  const wells = useCandidateWells(unitId, project?.id);

  const submit = (v: Values) => {
    const fields = {
      name: v.name.trim(), unitId: v.unitId ?? 0, households: v.households ?? null, persons: v.persons ?? null, wellsPlanned: v.wellsPlanned ?? null,
      budgetWan: v.budgetWan ?? null, costSharing: (v.costSharing ?? '').trim(), contractor: (v.contractor ?? '').trim(), startedOn: day(v.startedOn),
      plannedFinish: day(v.plannedFinish), finishedOn: day(v.finishedOn), remarks: v.remarks?.trim() || null, wellIds: v.wellIds ?? [],
    };
    if (project) {
      edit.mutate({ ...fields, version: project.version }, {
        onSuccess: () => {
          showSuccess('已保存项目');
          onClose();
        },
      });
    } else {
      create.mutate({ ...fields, state: v.state ?? 'planning', progress: v.progress ?? 0 }, {
        onSuccess: (p) => {
          showSuccess('已登记项目');
          onClose();
          navigate(`/switch/${p.id}`);
        },
      });
    }
  };

  const half = { xs: 24, sm: 12 };
  const third = { xs: 24, sm: 8 };
  return (
    <Modal
      open
      title={project ? `编辑项目 · ${project.name}` : '登记水源置换项目'}
      width={760}
      onCancel={mutation.isPending ? undefined : onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={mutation.isPending}>
            取消
          </Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="switch-form-submit">
            保存
          </Button>
        </div>
      }
    >
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 12 }} data-testid="switch-form-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={mutation.isPending}
        initialValues={
          project
            ? {
                name: project.name, unitId: project.unitId, households: project.households, persons: project.persons, wellsPlanned: project.wellsPlanned, budgetWan: project.budgetWan,
                costSharing: project.costSharing, contractor: project.contractor, startedOn: asDay(project.startedOn), plannedFinish: asDay(project.plannedFinish),
                finishedOn: asDay(project.finishedOn), remarks: project.remarks, wellIds: project.wellList.map((w) => w.id),
              }
            : { state: 'planning', progress: 0, wellIds: [] }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="name" label="项目名称" rules={[{ required: true, min: 2, message: '请填写项目名称' }]}>
              <Input maxLength={100} placeholder="如：某社区城中村水源置换管网改造工程" data-testid="switch-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="unitId" label="社区（村）/ 街道" rules={[{ required: true, message: '请选择项目所在社区或街道' }]}>
              <TreeSelect
                treeData={unitOptions}
                showSearch={{ treeNodeFilterProp: 'title' }}
                listHeight={320}
                placeholder="选择社区或街道"
                onChange={() => form.setFieldValue('wellIds', [])}
                data-testid="switch-unit"
              />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="households" label="受益户数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix="户" data-testid="switch-households" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="persons" label="受益人数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix="人" data-testid="switch-persons" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="wellsPlanned" label="计划封井数">
              <InputNumber min={0} precision={0} style={{ width: '100%' }} suffix="眼" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="budgetWan" label="预算（万元）">
              <InputNumber min={0} precision={2} style={{ width: '100%' }} suffix="万元" data-testid="switch-budget" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contractor" label="施工单位">
              <Input maxLength={200} data-testid="switch-contractor" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="costSharing" label="费用分担协议">
              <Input.TextArea rows={2} maxLength={2000} placeholder="谁承担哪一部分：区财政、水务集团、居民…" data-testid="switch-cost-sharing" />
            </Form.Item>
          </Col>
          {!project && (
            <>
              <Col {...half}>
                <Form.Item name="state" label="当前状态">
                  <Select<SwitchState> options={SWITCH_STATES.map((s) => ({ value: s, label: SWITCH_STATE_LABELS[s] }))} data-testid="switch-state" />
                </Form.Item>
              </Col>
              <Col {...half}>
                <Form.Item name="progress" label="工程进度（%）">
                  <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
                </Form.Item>
              </Col>
            </>
          )}
          <Col {...third}>
            <Form.Item name="startedOn" label="开工日期">
              <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} disabledDate={(d: Dayjs) => isAfterToday(d)} data-testid="switch-started-on" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="plannedFinish" label="计划完工">
              <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} data-testid="switch-planned-finish" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name="finishedOn" label="实际完工">
              <DatePicker format="YYYY年M月D日" style={{ width: '100%' }} disabledDate={(d: Dayjs) => isAfterToday(d)} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="wellIds" label="待封停的井（通水后封井）" extra={unitId ? undefined : '先选择社区或街道'}>
              <Select<number[]>
                mode="multiple"
                allowClear
                disabled={!unitId}
                loading={wells.isFetching}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder="选择该社区内的井"
                options={(wells.data?.wells ?? []).map((w) => ({
                  value: w.id,
                  label: `${w.code} · ${w.ownerName}（${w.stageLabel}${w.projectName ? `，已关联“${w.projectName}”` : ''}）`,
                  disabled: !!w.projectName,
                }))}
                data-testid="switch-wells"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="remarks" label="备注">
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
