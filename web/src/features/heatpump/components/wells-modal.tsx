import { DeleteOutlined } from '@ant-design/icons';
import { Alert, Button, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { WellSearchSelect } from '../../wells/components/well-search-select';
import type { HeatPumpDetail } from '../api/heatpump-api';
import { useSetHeatPumpWells } from '../hooks/use-heatpump';

type Picked = { id: number; code: string; ownerName: string };

/** 取水、回灌井: the well files that are the project's wells. More wells than registered is raised as a finding. */
export function WellsModal({ project, open, onClose }: { project: HeatPumpDetail; open: boolean; onClose: () => void }) {
  return open ? <WellsDialog project={project} onClose={onClose} /> : null;
}

function WellsDialog({ project, onClose }: { project: HeatPumpDetail; onClose: () => void }) {
  const [wells, setWells] = useState<Picked[]>(project.wells.map((w) => ({ id: w.id, code: w.code, ownerName: w.ownerName })));
  const save = useSetHeatPumpWells(project.id);
  const submit = () =>
    save.mutate(
      { wellIds: wells.map((w) => w.id), version: project.version },
      {
        onSuccess: (r) => {
          showSuccess(r.raised.length ? `已保存；实有井数多于登记井数，已为${project.district}登记问题` : '已保存');
          onClose();
        },
      },
    );
  return (
    <Modal
      open
      title={`取水、回灌井 · ${project.name}`}
      width={600}
      onCancel={save.isPending ? undefined : onClose}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={save.isPending}>
            取消
          </Button>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="heatpump-wells-submit">
            保存
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">
        选择该项目的井档案（用途须为地温空调取水或回灌，且在项目所在区）。登记 {project.registeredWells} 眼；实有多于登记的，自动登记问题。
      </Typography.Paragraph>
      {save.isError && <Alert type="error" showIcon title={errorMessageOf(save.error)} style={{ marginBottom: 12 }} />}
      <WellSearchSelect
        value={null}
        placeholder="输入井编号或权属单位，添加一眼井"
        onPick={(w) => w && !wells.some((x) => x.id === w.id) && setWells([...wells, { id: w.id, code: w.code, ownerName: w.ownerName }])}
        testId="heatpump-wells-add"
      />
      <List
        size="small"
        style={{ marginTop: 12 }}
        dataSource={wells}
        locale={{ emptyText: '还没有关联井档案' }}
        renderItem={(w) => (
          <List.Item actions={[<Button key="x" type="text" icon={<DeleteOutlined />} aria-label="移除" onClick={() => setWells(wells.filter((x) => x.id !== w.id))} />]}>
            {w.code} · {w.ownerName}
          </List.Item>
        )}
      />
    </Modal>
  );
}
