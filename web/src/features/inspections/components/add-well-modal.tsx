import { Alert, Button, Form, Modal, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { useCan } from '../../auth/hooks/use-session';
import { WellSearchSelect } from '../../wells/components/well-search-select';
import type { InspectionDetail } from '../api/inspections-api';
import { useAddInspectionWell } from '../hooks/use-inspections';
import { BLANK_FOUND_WELL, foundWellBody, FoundWellFields, type FoundWellValues } from './found-well-fields';

type Mode = 'new' | 'existing';
type Values = FoundWellValues & { wellId?: number | null };

/** 添加发现的井: a new well file found on the visit, or a well already on file that the visit confirmed. */
export function AddWellModal({ inspection, open, onClose }: { inspection: InspectionDetail; open: boolean; onClose: () => void }) {
  return open ? <AddWellDialog inspection={inspection} onClose={onClose} /> : null;
}

function AddWellDialog({ inspection, onClose }: { inspection: InspectionDetail; onClose: () => void }) {
  const can = useCan();
  // a new well file needs wells.edit; anyone who may edit the record may link one on file
  const [mode, setMode] = useState<Mode>(can('wells.edit') ? 'new' : 'existing');
  const [form] = Form.useForm<Values>();
  const add = useAddInspectionWell(inspection.id);

  const submit = (v: Values) => {
    const body = mode === 'existing' ? { wellId: v.wellId ?? 0 } : foundWellBody(v);
    add.mutate(body, {
      onSuccess: () => {
        showSuccess(mode === 'existing' ? '已关联井档案' : '已登记发现的井，井档案已建立');
        onClose();
      },
    });
  };

  return (
    <Modal
      open
      title="添加发现的井"
      width={720}
      onCancel={add.isPending ? undefined : onClose}
      closable={!add.isPending}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={add.isPending}>
            取消
          </Button>
          <Button type="primary" loading={add.isPending} onClick={() => form.submit()} data-testid="add-well-submit">
            {mode === 'existing' ? '关联' : '登记'}
          </Button>
        </div>
      }
    >
      <Segmented<Mode>
        block
        value={mode}
        onChange={(m) => {
          setMode(m);
          add.reset();
        }}
        options={[
          { value: 'new', label: '登记新井', disabled: !can('wells.edit') },
          { value: 'existing', label: '关联已有井档案' },
        ]}
        style={{ marginBottom: 16 }}
        data-testid="add-well-mode"
      />
      {add.isError && <Alert type="error" showIcon title={errorMessageOf(add.error)} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={add.isPending} initialValues={{ ...BLANK_FOUND_WELL, wellId: null }} className="ws-card-form">
        {mode === 'new' ? (
          <>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              现场发现、尚未建档的井：登记后即建立井档案，发现途径记为“督导核查”。
            </Typography.Paragraph>
            <FoundWellFields name={[]} path={[]} areaUnitId={inspection.areaUnitId} />
          </>
        ) : (
          <Form.Item name="wellId" label="井档案" rules={[{ required: true, message: '请选择井' }]} extra="本次督导核查到的、已经建档的井">
            <WellSearchSelect testId="add-well-existing" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
