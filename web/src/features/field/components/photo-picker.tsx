import { CameraOutlined } from '@ant-design/icons';
import { Alert, Button, Space } from 'antd';
import { useRef, useState } from 'react';
import { readAsBase64 } from '../../../lib/files';
import { prepareImage } from '../../../lib/images';

export type PickedPhoto = { fileName: string; base64: string; mime: string; dataUrl: string };

/** The camera button of the field forms: each photo compressed on the device (lib/images) before it is queued. */
export function PhotoPicker({ label = '拍照/添加照片', testId = 'photo-input', onPicked }: { label?: string; testId?: string; onPicked: (p: PickedPhoto) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  async function add(files: FileList | null) {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      try {
        const img = await prepareImage(file);
        const base64 = await readAsBase64(img.blob);
        const mime = img.blob.type || 'image/jpeg';
        onPicked({ fileName: img.fileName, base64, mime, dataUrl: `data:${mime};base64,${base64}` });
      } catch (e) {
        setError(e instanceof Error ? e.message : '无法读取照片');
      }
    }
    if (input.current) input.current.value = '';
  }
  return (
    <>
      {/* outside the Space: a hidden child would still take a gap there */}
      <input ref={input} type="file" accept="image/*" capture="environment" multiple style={{ display: 'none' }} data-testid={testId} onChange={(e) => void add(e.target.files)} />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button icon={<CameraOutlined />} onClick={() => input.current?.click()}>{label}</Button>
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </>
  );
}
