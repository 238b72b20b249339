import { Button, Drawer, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import type { LocalInspection } from '../offline/field-db';
import { PhotoPicker, type PickedPhoto } from './photo-picker';

/** 督导核查 on a phone: the inspection's notes (核查记录) and photos. */
export function InspectionForm({ inspection, onClose, onSave }: {
  inspection: LocalInspection;
  onClose: () => void;
  onSave: (narrative: string, photos: PickedPhoto[]) => Promise<void>;
}) {
  const [form] = Form.useForm<{ narrative: string }>();
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  return (
    <Drawer open onClose={onClose} title={`督导核查 · ${inspection.title}`} size="100%" placement="right" destroyOnHidden
      extra={<Button type="primary" loading={busy} onClick={() => form.submit()}>保存</Button>}>
      <Typography.Paragraph type="secondary">{inspection.onDate} · {inspection.kindLabel}{inspection.area.length ? ` · ${inspection.area.join(' / ')}` : ''}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ narrative: inspection.narrative }} onFinish={async (v) => {
        setBusy(true);
        try {
          await onSave(v.narrative.trim(), photos);
        } finally {
          setBusy(false);
        }
      }}>
        <Form.Item name="narrative" label="核查记录" extra="在原记录后补充现场情况；离线时保存在本机，联网后同步">
          <Input.TextArea rows={10} maxLength={10_000} />
        </Form.Item>
        <Form.Item label="现场照片">
          {photos.length > 0 && (
            <Space wrap style={{ marginBottom: 8 }}>
              {photos.map((p, i) => <img key={i} src={p.dataUrl} alt={p.fileName} className="field-thumb field-thumb-pending" />)}
            </Space>
          )}
          <PhotoPicker onPicked={(p) => setPhotos((ps) => [...ps, p])} />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
