import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Drawer, Form, Grid, Input, InputNumber, Row, Select, Space, TreeSelect } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { HEAT_PUMP_STAGE_LABELS, HEAT_PUMP_STAGES, type HeatPumpStage } from '@domain/heatpump/project';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import type { HeatPumpDetail, NewHeatPumpProject } from '../api/heatpump-api';
import { useCreateHeatPumpProject, useUpdateHeatPumpProject } from '../hooks/use-heatpump';
import { isAfterToday } from '../../../lib/office-clock';

const UNIT_LEVELS = ['district', 'street', 'community', 'grid'];
const DAY = 'YYYY-MM-DD';

type Values = Omit<NewHeatPumpProject, 'approvalDate'> & { approvalDate: Dayjs | null };

const valuesOf = (p: HeatPumpDetail): Values => ({
  name: p.name, operator: p.operator, address: p.address, lat: p.lat, lng: p.lng, orgUnitId: p.orgUnitId, approvalNo: p.approvalNo,
  approvalDate: p.approvalDate ? dayjs(p.approvalDate, DAY) : null, approvalAuthority: p.approvalAuthority, approvalDocuments: p.approvalDocuments, stage: p.stage,
  registeredWells: p.registeredWells, designPumpM3PerDay: p.designPumpM3PerDay, designReinjectM3PerDay: p.designReinjectM3PerDay, operatingDaysPerYear: p.operatingDaysPerYear, remarks: p.remarks,
});
const BLANK: Partial<Values> = { stage: 'approval' as HeatPumpStage, registeredWells: 0, approvalDocuments: [], lat: null, lng: null, approvalDate: null };

/** 登记 / 修改地温空调项目: where it is, its approval (审批), stage, registered wells and design volumes. */
export function ProjectFormDrawer({ open, project, onClose }: { open: boolean; project?: HeatPumpDetail | null; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const create = useCreateHeatPumpProject();
  const update = useUpdateHeatPumpProject(project?.id ?? 0);
  const mutation = project ? update : create;
  const { data: units } = useOrgUnits(false);
  const unitOptions = useOrgTreeOptions(units, UNIT_LEVELS);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(project ? valuesOf(project) : BLANK);
    create.reset();
    update.reset();
  }, [open, project?.id, project?.version]);

  const submit = (v: Values) => {
    const body: NewHeatPumpProject = {
      ...v,
      name: v.name.trim(),
      approvalDate: v.approvalDate ? v.approvalDate.format(DAY) : null,
      approvalDocuments: (v.approvalDocuments ?? []).filter((d) => d.title?.trim()).map((d) => ({ title: d.title.trim(), url: d.url?.trim() || null })),
      lat: v.lat ?? null,
      lng: v.lng ?? null,
      designPumpM3PerDay: v.designPumpM3PerDay ?? null,
      designReinjectM3PerDay: v.designReinjectM3PerDay ?? null,
      operatingDaysPerYear: v.operatingDaysPerYear ?? null,
    };
    if (project) {
      update.mutate({ ...body, version: project.version }, { onSuccess: () => (showSuccess('已保存'), onClose()) });
    } else {
      create.mutate(body, {
        onSuccess: (p) => {
          showSuccess('已登记地温空调项目');
          onClose();
          navigate(`/heatpump/${p.id}`);
        },
      });
    }
  };

  return (
    <Drawer
      open={open}
      onClose={mutation.isPending ? undefined : onClose}
      title={project ? `修改项目 · ${project.name}` : '登记地温空调项目'}
      size={screens.md ? 720 : '100%'}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={mutation.isPending}>
            取消
          </Button>
          <Button type="primary" loading={mutation.isPending} onClick={() => form.submit()} data-testid="heatpump-project-submit">
            保存
          </Button>
        </div>
      }
    >
      {mutation.isError && <Alert type="error" showIcon title={errorMessageOf(mutation.error)} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={mutation.isPending} scrollToFirstError className="ws-card-form">
        <Form.Item name="name" label="项目名称" rules={[{ required: true, whitespace: true, min: 2, message: '请填写项目名称' }]}>
          <Input maxLength={100} data-testid="heatpump-project-name" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="operator" label="运营单位">
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="orgUnitId" label="所在街道 / 社区 / 网格" rules={[{ required: true, message: '请选择项目所在的单位' }]} extra="所属区据此确定，项目的问题交该区整改">
              <TreeSelect placeholder="选择区、街道、社区或网格" treeData={unitOptions} showSearch={{ treeNodeFilterProp: 'title' }} listHeight={360} data-testid="heatpump-project-unit" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label="地址">
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="lng" label="经度">
              <InputNumber min={-180} max={180} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="lat" label="纬度">
              <InputNumber min={-90} max={90} step={0.0001} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="stage" label="阶段">
              <Select options={HEAT_PUMP_STAGES.map((s) => ({ value: s, label: HEAT_PUMP_STAGE_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="approvalNo" label="审批文号">
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="approvalDate" label="审批日期">
              <DatePicker inputReadOnly format="YYYY年M月D日" disabledDate={(d: Dayjs) => isAfterToday(d)} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="approvalAuthority" label="审批机关">
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item label="审批材料">
          <Form.List name="approvalDocuments">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline" style={{ display: 'flex', marginBottom: 4 }}>
                    <Form.Item name={[f.name, 'title']} rules={[{ required: true, whitespace: true, message: '请填写材料名称' }]} style={{ marginBottom: 0, width: 300 }}>
                      <Input placeholder="材料名称或说明" maxLength={200} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'url']} style={{ marginBottom: 0, width: 260 }}>
                      <Input placeholder="链接（可选）" maxLength={500} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(f.name)} aria-label="删除" />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', url: null })}>
                  添加材料
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name="registeredWells" label="登记井数" extra="取水、回灌井合计">
              <InputNumber min={0} max={1000} style={{ width: '100%' }} data-testid="heatpump-project-registered" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="designPumpM3PerDay" label="设计抽水量（m³/日）">
              <InputNumber min={0} max={1e7} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="designReinjectM3PerDay" label="设计回灌量（m³/日）">
              <InputNumber min={0} max={1e7} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="operatingDaysPerYear" label="年运行天数" extra="不填按全年计">
              <InputNumber min={1} max={366} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="remarks" label="备注">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
