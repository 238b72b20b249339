import { CameraOutlined, LoadingOutlined } from '@ant-design/icons';
import { Empty, Image, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { PhotoView } from '@server/features/survey/survey.schema';
import type { UploadProgress } from '../lib/api-client';
import { readAsBase64 } from '../lib/files';
import { formatDateTime } from '../lib/format';
import { prepareImage } from '../lib/images';
import { errorMessageOf, showApiError } from './feedback';
import { atOffice } from '../lib/office-clock';

const MAX_BYTES = 8 * 1024 * 1024;

export type PhotoUpload = (body: { fileName: string; content: string }, onUpload: (p: UploadProgress) => void) => Promise<PhotoView>;

type Uploading = { key: string; fileName: string; percent: number; previewUrl: string };
let seq = 0;

/**
 * Photos of a record (an inspection's site photos, a finding's rectification evidence): a grid to
 * look at, and an upload that shrinks camera photos before sending them one by one.
 */
export function PhotoPanel({
  photos,
  canUpload,
  upload,
  onUploaded,
  inputTestId,
  addLabel = '拍照/选照片',
  emptyText = '还没有照片',
}: {
  photos: readonly PhotoView[];
  canUpload: boolean;
  upload: PhotoUpload;
  onUploaded: () => Promise<unknown> | void;
  inputTestId: string;
  addLabel?: string;
  emptyText?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    const list = Array.from(files);
    setError(null);
    setPreparing(true);
    const prepared: { key: string; blob: Blob; fileName: string; previewUrl: string }[] = [];
    try {
      for (const f of list) {
        const img = await prepareImage(f);
        if (img.blob.size > MAX_BYTES) throw new Error(`“${f.name}”压缩后仍超过 8 MB，请换一张照片`);
        prepared.push({ key: `p${++seq}`, blob: img.blob, fileName: img.fileName, previewUrl: URL.createObjectURL(img.blob) });
      }
    } catch (e) {
      setError(errorMessageOf(e));
    } finally {
      setPreparing(false);
      if (input.current) input.current.value = '';
    }
    for (const p of prepared) {
      setUploading((u) => [...u, { key: p.key, fileName: p.fileName, percent: 0, previewUrl: p.previewUrl }]);
      try {
        const content = await readAsBase64(p.blob);
        await upload({ fileName: p.fileName, content }, ({ loaded, total }) =>
          setUploading((u) => u.map((x) => (x.key === p.key ? { ...x, percent: Math.round((loaded / total) * 100) } : x))),
        );
        await onUploaded();
      } catch (e) {
        showApiError(e);
      } finally {
        setUploading((u) => u.filter((x) => x.key !== p.key));
        URL.revokeObjectURL(p.previewUrl);
      }
    }
  };

  return (
    <div>
      <div className="ws-photos">
        <Image.PreviewGroup>
          {photos.map((p) => (
            <figure className="ws-well-photo" key={p.id} style={{ width: 104 }}>
              <div className="ws-photo" style={{ width: 104, height: 104 }} title={p.fileName}>
                <Image src={p.url} alt={p.fileName} width={104} height={104} style={{ objectFit: 'cover' }} />
              </div>
              <figcaption>
                <span className="ws-well-photo__time" title={formatDateTime(p.uploadedAt)}>
                  {atOffice(p.uploadedAt).format('YYYY-MM-DD HH:mm')}
                </span>
              </figcaption>
            </figure>
          ))}
        </Image.PreviewGroup>
        {uploading.map((u) => (
          <div className="ws-photo ws-photo--uploading" key={u.key} style={{ width: 104, height: 104 }}>
            <img src={u.previewUrl} alt={u.fileName} style={{ width: 104, height: 104 }} />
            <Progress type="circle" percent={u.percent} size={44} className="ws-photo__progress" />
          </div>
        ))}
        {canUpload && (
          <>
            <button type="button" className="ws-photo-add" style={{ width: 104, height: 104 }} disabled={preparing} onClick={() => input.current?.click()}>
              {preparing ? <LoadingOutlined /> : <CameraOutlined />}
              <span>{preparing ? '处理中…' : addLabel}</span>
            </button>
            <input
              ref={input}
              type="file"
              accept="image/jpeg,image/png,image/webp,image/*"
              multiple
              style={{ display: 'none' }}
              data-testid={inputTestId}
              onChange={(e) => void pick(e.target.files)}
            />
          </>
        )}
      </div>
      {!canUpload && photos.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />}
      {error && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
