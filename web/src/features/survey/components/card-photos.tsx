import { CameraOutlined, DeleteOutlined, LoadingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Image, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { readAsBase64 } from '../../../lib/files';
import { prepareImage } from '../../../lib/images';
import { errorMessageOf, showApiError } from '../../../ui/feedback';
import { uploadCardPhoto, type Photo, type PhotoOwner } from '../api/survey-api';
import { SURVEY_KEY } from '../hooks/use-survey';

/** A photo picked before the card exists: uploaded right after the card is saved. */
export type PendingPhoto = { key: string; ownerType: PhotoOwner; blob: Blob; fileName: string; previewUrl: string };

type Uploading = { key: string; fileName: string; percent: number; previewUrl: string };

let seq = 0;

export async function uploadPending(cardId: number, photo: PendingPhoto, onPercent?: (p: number) => void): Promise<Photo> {
  const content = await readAsBase64(photo.blob);
  return uploadCardPhoto(cardId, { ownerType: photo.ownerType, fileName: photo.fileName, content }, ({ loaded, total }) =>
    onPercent?.(Math.round((loaded / total) * 100)),
  );
}

type Props = {
  ownerType: PhotoOwner;
  /** null: the card is not saved yet, photos wait in `pending` */
  cardId: number | null;
  photos: Photo[];
  pending: PendingPhoto[];
  onPendingChange: (next: PendingPhoto[]) => void;
  disabled?: boolean;
  testId?: string;
};

/**
 * Photos of a card (现场照片) or of its signed pledge (承诺书扫描件): thumbnails, and a button that
 * opens the camera or the gallery. Big photos are shrunk in the browser before upload.
 */
export function CardPhotos({ ownerType, cardId, photos, pending, onPendingChange, disabled, testId }: Props) {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mine = photos.filter((p) => p.ownerType === ownerType);
  const waiting = pending.filter((p) => p.ownerType === ownerType);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    setError(null);
    setPreparing(true);
    const prepared: PendingPhoto[] = [];
    try {
      for (const f of Array.from(files)) {
        const img = await prepareImage(f);
        if (img.blob.size > 8 * 1024 * 1024) throw new Error(`“${f.name}”压缩后仍超过 8 MB，请换一张照片`);
        prepared.push({ key: `p${++seq}`, ownerType, blob: img.blob, fileName: img.fileName, previewUrl: URL.createObjectURL(img.blob) });
      }
    } catch (e) {
      setError(errorMessageOf(e));
    } finally {
      setPreparing(false);
      if (input.current) input.current.value = '';
    }
    if (!prepared.length) return;
    if (cardId === null) {
      onPendingChange([...pending, ...prepared]);
      return;
    }
    for (const p of prepared) {
      setUploading((u) => [...u, { key: p.key, fileName: p.fileName, percent: 0, previewUrl: p.previewUrl }]);
      try {
        await uploadPending(cardId, p, (percent) => setUploading((u) => u.map((x) => (x.key === p.key ? { ...x, percent } : x))));
        await qc.invalidateQueries({ queryKey: SURVEY_KEY });
      } catch (e) {
        showApiError(e);
      } finally {
        setUploading((u) => u.filter((x) => x.key !== p.key));
        URL.revokeObjectURL(p.previewUrl);
      }
    }
  };

  const removePending = (key: string) => {
    const gone = pending.find((p) => p.key === key);
    if (gone) URL.revokeObjectURL(gone.previewUrl);
    onPendingChange(pending.filter((p) => p.key !== key));
  };

  const label = ownerType === 'pledge' ? '上传承诺书' : '拍照/选照片';
  return (
    <div>
      <div className="ws-photos">
        <Image.PreviewGroup>
          {mine.map((p) => (
            <div className="ws-photo" key={p.id} title={p.fileName}>
              <Image src={p.url} alt={p.fileName} width={88} height={88} style={{ objectFit: 'cover' }} />
            </div>
          ))}
          {waiting.map((p) => (
            <div className="ws-photo ws-photo--pending" key={p.key} title={`${p.fileName}（保存后上传）`}>
              <Image src={p.previewUrl} alt={p.fileName} width={88} height={88} style={{ objectFit: 'cover' }} />
              <button type="button" className="ws-photo__remove" aria-label="移除" onClick={() => removePending(p.key)}>
                <DeleteOutlined />
              </button>
            </div>
          ))}
        </Image.PreviewGroup>
        {uploading.map((u) => (
          <div className="ws-photo ws-photo--uploading" key={u.key}>
            <img src={u.previewUrl} alt={u.fileName} />
            <Progress type="circle" percent={u.percent} size={44} className="ws-photo__progress" />
          </div>
        ))}
        <button type="button" className="ws-photo-add" disabled={disabled || preparing} onClick={() => input.current?.click()}>
          {preparing ? <LoadingOutlined /> : <CameraOutlined />}
          <span>{preparing ? '处理中…' : label}</span>
        </button>
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/*"
          multiple
          style={{ display: 'none' }}
          data-testid={testId}
          onChange={(e) => void pick(e.target.files)}
        />
      </div>
      {waiting.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {waiting.length} 张待上传，保存一户一卡后自动上传
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}
