import { Alert, Button, Drawer, Form, Grid, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { INSPECTION_METHODS, inspectionProblems } from '@domain/inspection/inspection';
import { ApiError } from '../../../lib/api-client';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import type { InspectionDetail } from '../api/inspections-api';
import { useUpdateInspection, useVocabulary } from '../hooks/use-inspections';
import { inspectionFieldsBody, InspectionFieldsSection, inspectionValuesOf, type InspectionFieldValues } from './inspection-fields';
import { officeToday } from '../../../lib/office-clock';

/** 编辑督导记录: the record's own fields (found wells and findings are added from the record page). */
export function InspectionEditDrawer({ inspection, open, onClose }: { inspection: InspectionDetail; open: boolean; onClose: () => void }) {
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<InspectionFieldValues>();
  const update = useUpdateInspection(inspection.id);
  const vocabulary = useVocabulary();
  const [problems, setProblems] = useState<string[]>([]);
  const listed = useMemo(() => vocabulary.data?.methods.map((m) => m.label) ?? [...INSPECTION_METHODS], [vocabulary.data]);

  // the saved record each time the drawer opens, and the newer one when a conflict reloaded it
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(inspectionValuesOf(inspection, new Set(listed)));
  }, [open, inspection.id, inspection.version, listed]);
  const resetUpdate = update.reset;
  useEffect(() => {
    if (open) {
      resetUpdate();
      setProblems([]);
    }
  }, [open]);

  const submit = (v: InspectionFieldValues) => {
    const body = inspectionFieldsBody(v);
    const found = inspectionProblems(body, officeToday());
    if (found.length) {
      setProblems(found);
      return;
    }
    setProblems([]);
    update.mutate(
      { ...body, version: inspection.version },
      {
        onSuccess: () => {
          showSuccess('督导记录已保存');
          onClose();
        },
      },
    );
  };

  const conflict = update.error instanceof ApiError && update.error.isConflict;

  return (
    <Drawer
      open={open}
      title="编辑督导记录"
      size={screens.md ? 720 : '100%'}
      onClose={onClose}
      destroyOnHidden
      mask={{ closable: !update.isPending }}
      className="ws-card-drawer"
      footer={
        <div className="ws-drawer-footer">
          <Space>
            <Button onClick={onClose} disabled={update.isPending} size="large">
              取消
            </Button>
            <Button type="primary" size="large" loading={update.isPending} onClick={() => form.submit()} data-testid="inspection-edit-save">
              保存
            </Button>
          </Space>
        </div>
      }
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorMessageOf(update.error)}
          description="该记录刚被他人修改，表单已载入最新内容，请核对后重新保存。"
          data-testid="inspection-edit-conflict"
        />
      ) : (
        update.isError && <Alert type="error" showIcon title={errorMessageOf(update.error)} style={{ marginBottom: 12 }} />
      )}
      {problems.length > 0 && <Alert type="error" showIcon title={problems.join('；')} style={{ marginBottom: 12 }} />}
      <Form<InspectionFieldValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={() => problems.length && setProblems([])}
        disabled={update.isPending}
        className="ws-card-form ws-insp-form"
        data-testid="inspection-edit-form"
      >
        <InspectionFieldsSection listedMethods={listed} />
      </Form>
    </Drawer>
  );
}
