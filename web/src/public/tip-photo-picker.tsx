import { CameraOutlined, DeleteOutlined, LoadingOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { prepareImage } from '../lib/images';
import { errorMessageOf } from '../ui/feedback';

export const MAX_TIP_PHOTOS = 3;
/** Phone photos are shrunk further than in the staff app: three of them go up in one request. */
const MAX_SIDE = 1280;
const MAX_BYTES = 4 * 1024 * 1024;

export type PickedPhoto = { key: string; blob: Blob; fileName: string; previewUrl: string };

let seq = 0;

/** Up to three photos of the site, shrunk in the browser, kept until the form is sent. */
export function TipPhotoPicker({ value, onChange, disabled }: { value: PickedPhoto[]; onChange: (next: PickedPhoto[]) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(value);
  latest.current = value;

  // the previews' object URLs go with the page
  useEffect(() => () => latest.current.forEach((p) => URL.revokeObjectURL(p.previewUrl)), []);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    const room = MAX_TIP_PHOTOS - value.length;
    const chosen = Array.from(files).slice(0, room);
    if (files.length > room) setError(`最多上传 ${MAX_TIP_PHOTOS} 张照片，多选的照片未添加`);
    setPreparing(true);
    const added: PickedPhoto[] = [];
    try {
      for (const f of chosen) {
        const img = await prepareImage(f, MAX_SIDE);
        if (img.blob.size > MAX_BYTES) throw new Error(`“${f.name}”过大，请换一张照片`);
        added.push({ key: `t${++seq}`, blob: img.blob, fileName: img.fileName, previewUrl: URL.createObjectURL(img.blob) });
      }
    } catch (e) {
      setError(errorMessageOf(e));
    } finally {
      setPreparing(false);
      if (input.current) input.current.value = '';
    }
    if (added.length) onChange([...value, ...added]);
  };

  const remove = (key: string) => {
    const gone = value.find((p) => p.key === key);
    if (gone) URL.revokeObjectURL(gone.previewUrl);
    onChange(value.filter((p) => p.key !== key));
  };

  return (
    <div>
      <div className="ws-public-photos">
        {value.map((p, i) => (
          <div className="ws-public-photo" key={p.key}>
            <img src={p.previewUrl} alt={`照片 ${i + 1}`} />
            {!disabled && (
              <button type="button" className="ws-public-photo__remove" aria-label={`删除照片 ${i + 1}`} onClick={() => remove(p.key)}>
                <DeleteOutlined />
              </button>
            )}
          </div>
        ))}
        {value.length < MAX_TIP_PHOTOS && (
          <button type="button" className="ws-public-photo-add" disabled={disabled || preparing} onClick={() => input.current?.click()}>
            {preparing ? <LoadingOutlined /> : <CameraOutlined />}
            <span>{preparing ? '处理中…' : '拍照/选照片'}</span>
          </button>
        )}
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/*"
          multiple
          style={{ display: 'none' }}
          data-testid="tip-photo-input"
          onChange={(e) => void pick(e.target.files)}
        />
      </div>
      {error && (
        <Typography.Text type="danger" style={{ display: 'block', marginTop: 4, fontSize: 13 }}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
