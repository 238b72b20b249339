import { CameraOutlined, DeleteOutlined, EnvironmentOutlined, LoadingOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Empty, Image, Progress, Segmented, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { distanceMetres, PHOTO_DISTANCE_LIMIT_M } from '@domain/well/well';
import { readAsBase64 } from '../../../lib/files';
import { formatDateTime } from '../../../lib/format';
import { prepareImage } from '../../../lib/images';
import { errorMessageOf, showApiError, showWarning } from '../../../ui/feedback';
import { type Fix, useGeolocation } from '../../survey/hooks/use-geolocation';
import { uploadWellPhoto, type PhotoStage, type WellDetail, type WellPhoto } from '../api/wells-api';
import { WELLS_KEY } from '../hooks/use-wells';
import { PHOTO_STAGE_LABELS, PHOTO_STAGES } from './well-evidence';
import { atOffice } from '../../../lib/office-clock';

/** A photo picked in a step form: uploaded once the step is recorded. `fix` is where the phone was. */
export type PendingWellPhoto = { key: string; stage: PhotoStage; blob: Blob; fileName: string; previewUrl: string; fix: Fix | null };

let seq = 0;
const MAX_BYTES = 8 * 1024 * 1024;

async function prepare(files: File[], stage: PhotoStage, fix: Fix | null): Promise<PendingWellPhoto[]> {
  const out: PendingWellPhoto[] = [];
  for (const f of files) {
    const img = await prepareImage(f);
    if (img.blob.size > MAX_BYTES) throw new Error(`“${f.name}”压缩后仍超过 8 MB，请换一张照片`);
    out.push({ key: `w${++seq}`, stage, blob: img.blob, fileName: img.fileName, previewUrl: URL.createObjectURL(img.blob), fix });
  }
  return out;
}

export async function sendWellPhoto(wellId: number, p: PendingWellPhoto, onPercent?: (n: number) => void): Promise<WellPhoto> {
  const content = await readAsBase64(p.blob);
  return uploadWellPhoto(wellId, { stage: p.stage, lat: p.fix?.lat ?? null, lng: p.fix?.lng ?? null, fileName: p.fileName, content }, ({ loaded, total }) =>
    onPercent?.(Math.round((loaded / total) * 100)),
  );
}

/** Where a photo was taken against the well's point: red when further than the limit. */
export function PhotoDistanceTag({ distanceM, far }: { distanceM: number | null; far: boolean }) {
  if (distanceM === null) return <Tag className="ws-photo-tag">未比对拍摄位置</Tag>;
  const metres = Math.round(distanceM);
  return far ? (
    <Tag color="error" icon={<EnvironmentOutlined />} className="ws-photo-tag" data-testid="photo-far">
      拍摄位置距井 {metres} 米
    </Tag>
  ) : (
    <Tag color="success" icon={<EnvironmentOutlined />} className="ws-photo-tag">
      距井 {metres} 米
    </Tag>
  );
}

/** The distance a pending photo will have, from the phone's fix and the well's point (the server has the last word). */
function pendingDistance(p: PendingWellPhoto, well: WellDetail): number | null {
  if (!p.fix || well.lat === null || well.lng === null) return null;
  return distanceMetres(p.fix, { lat: well.lat, lng: well.lng });
}

export function WellPhotoTile({ photo, size = 136 }: { photo: WellPhoto; size?: number }) {
  return (
    <figure className="ws-well-photo" style={{ width: size }}>
      <div className={`ws-well-photo__img${photo.farFromWell ? ' ws-well-photo__img--far' : ''}`} style={{ width: size, height: size }}>
        <Image src={photo.url} alt={photo.fileName} width={size} height={size} style={{ objectFit: 'cover' }} />
      </div>
      <figcaption>
        <PhotoDistanceTag distanceM={photo.distanceM} far={photo.farFromWell} />
        <span className="ws-well-photo__time" title={formatDateTime(photo.uploadedAt)}>
          {atOffice(photo.uploadedAt).format('YYYY-MM-DD HH:mm')}
        </span>
      </figcaption>
    </figure>
  );
}

type PickerProps = {
  well: WellDetail;
  /** the kinds a user may choose for the next photos; one kind hides the switch */
  stages: PhotoStage[];
  pending: PendingWellPhoto[];
  onChange: (next: PendingWellPhoto[]) => void;
  disabled?: boolean;
};

/**
 * Photos for a step form (封井前/封井后, 计量设施). Picking a photo also takes the phone's position,
 * so the server can check the photo was taken at the well.
 */
export function PendingPhotoPicker({ well, stages, pending, onChange, disabled }: PickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const geo = useGeolocation();
  const [stage, setStage] = useState<PhotoStage>(stages[0] ?? 'general');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    const list = Array.from(files);
    setError(null);
    setBusy(true);
    try {
      const fix = await geo.locate();
      onChange([...pending, ...(await prepare(list, stage, fix))]);
    } catch (e) {
      setError(errorMessageOf(e));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  const remove = (key: string) => {
    const gone = pending.find((p) => p.key === key);
    if (gone) URL.revokeObjectURL(gone.previewUrl);
    onChange(pending.filter((p) => p.key !== key));
  };

  return (
    <div>
      {stages.length > 1 && (
        <Segmented<PhotoStage>
          value={stage}
          onChange={setStage}
          options={stages.map((s) => ({ value: s, label: `${PHOTO_STAGE_LABELS[s]}（${pending.filter((p) => p.stage === s).length}）` }))}
          style={{ marginBottom: 10 }}
        />
      )}
      <div className="ws-photos">
        {pending.map((p) => {
          const d = pendingDistance(p, well);
          return (
            <figure className="ws-well-photo" key={p.key} style={{ width: 104 }}>
              <div className="ws-photo ws-photo--pending" style={{ width: 104, height: 104 }}>
                <img src={p.previewUrl} alt={p.fileName} style={{ width: 104, height: 104 }} />
                <span className="ws-photo__stage">{PHOTO_STAGE_LABELS[p.stage]}</span>
                <button type="button" className="ws-photo__remove" aria-label="移除" onClick={() => remove(p.key)} disabled={disabled}>
                  <DeleteOutlined />
                </button>
              </div>
              <figcaption>
                {p.fix ? <PhotoDistanceTag distanceM={d} far={d !== null && d > PHOTO_DISTANCE_LIMIT_M} /> : <Tag color="warning" className="ws-photo-tag">未获取拍摄位置</Tag>}
              </figcaption>
            </figure>
          );
        })}
        <button type="button" className="ws-photo-add" style={{ width: 104, height: 104 }} disabled={disabled || busy} onClick={() => input.current?.click()}>
          {busy ? <LoadingOutlined /> : <CameraOutlined />}
          <span>{busy ? '定位中…' : `拍${PHOTO_STAGE_LABELS[stage]}照片`}</span>
        </button>
        <input
          ref={input}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/*"
          multiple
          style={{ display: 'none' }}
          data-testid="well-photo-input"
          onChange={(e) => void pick(e.target.files)}
        />
      </div>
      {geo.error && (
        <Typography.Text type="warning" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {geo.error}；照片仍可上传，但无法核对拍摄位置。
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginTop: 4 }}>
          {error}
        </Typography.Text>
      )}
    </div>
  );
}

type Uploading = { key: string; fileName: string; percent: number; previewUrl: string };

/** The photo kind a new photo most likely is, from where the well stands. */
function likelyStage(well: WellDetail): PhotoStage {
  if (well.stage === 'notice_served' || well.stage === 'supply_connected') return 'before';
  if (well.stage === 'sealed' || well.stage === 'accepted') return 'after';
  if (well.stage === 'permit_issued' || well.stage === 'meter_installed') return 'meter';
  return 'general';
}

/**
 * 照片 section of the well file: photos grouped by kind, each with where it was taken against the
 * well (a red tag when too far), and an upload that takes the phone's position.
 */
export function WellPhotosPanel({ well, canUpload, inputEnabled }: { well: WellDetail; canUpload: boolean; inputEnabled: boolean }) {
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const geo = useGeolocation();
  const [stage, setStage] = useState<PhotoStage>(() => likelyStage(well));
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const pick = async (files: FileList | null) => {
    if (!files?.length) return;
    const list = Array.from(files);
    setError(null);
    setPreparing(true);
    let prepared: PendingWellPhoto[] = [];
    try {
      const fix = await geo.locate();
      prepared = await prepare(list, stage, fix);
    } catch (e) {
      setError(errorMessageOf(e));
    } finally {
      setPreparing(false);
      if (input.current) input.current.value = '';
    }
    let far = 0;
    for (const p of prepared) {
      setUploading((u) => [...u, { key: p.key, fileName: p.fileName, percent: 0, previewUrl: p.previewUrl }]);
      try {
        const saved = await sendWellPhoto(well.id, p, (percent) => setUploading((u) => u.map((x) => (x.key === p.key ? { ...x, percent } : x))));
        if (saved.farFromWell) far += 1;
        await qc.invalidateQueries({ queryKey: WELLS_KEY });
      } catch (e) {
        showApiError(e);
      } finally {
        setUploading((u) => u.filter((x) => x.key !== p.key));
        URL.revokeObjectURL(p.previewUrl);
      }
    }
    if (far) showWarning(`${far} 张照片的拍摄位置距井超过 ${PHOTO_DISTANCE_LIMIT_M} 米，已标记，请核实`);
  };

  const groups = PHOTO_STAGES.map((s) => ({ stage: s, photos: well.photos.filter((p) => (p.stage ?? 'general') === s) })).filter((g) => g.photos.length);
  const far = well.photos.filter((p) => p.farFromWell).length;

  return (
    <div>
      {canUpload && (
        <div className="ws-well-photos__bar">
          <Segmented<PhotoStage> value={stage} onChange={setStage} options={PHOTO_STAGES.map((s) => ({ value: s, label: PHOTO_STAGE_LABELS[s] }))} />
          <button type="button" className="ws-photo-add ws-photo-add--inline" disabled={preparing || !inputEnabled} onClick={() => input.current?.click()}>
            {preparing ? <LoadingOutlined /> : <CameraOutlined />}
            <span>{preparing ? '定位中…' : '拍照/选照片'}</span>
          </button>
          {/* one photo input on the page at a time: the step form has its own while it is open */}
          {inputEnabled && (
            <input
              ref={input}
              type="file"
              accept="image/jpeg,image/png,image/webp,image/*"
              multiple
              style={{ display: 'none' }}
              data-testid="well-photo-input"
              onChange={(e) => void pick(e.target.files)}
            />
          )}
        </div>
      )}
      {canUpload && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0 12px' }}>
          上传时记录手机所在位置；拍摄位置距井超过 {PHOTO_DISTANCE_LIMIT_M} 米的照片会标红，请在井口旁拍摄。
        </Typography.Paragraph>
      )}
      {geo.error && (
        <Typography.Text type="warning" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
          {geo.error}
        </Typography.Text>
      )}
      {error && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12, marginBottom: 8 }}>
          {error}
        </Typography.Text>
      )}
      {far > 0 && (
        <Typography.Paragraph type="danger" style={{ fontSize: 13 }}>
          有 {far} 张照片的拍摄位置距井超过 {PHOTO_DISTANCE_LIMIT_M} 米，请核实是否为本井现场照片。
        </Typography.Paragraph>
      )}
      {uploading.length > 0 && (
        <div className="ws-photos" style={{ marginBottom: 12 }}>
          {uploading.map((u) => (
            <div className="ws-photo ws-photo--uploading" key={u.key}>
              <img src={u.previewUrl} alt={u.fileName} />
              <Progress type="circle" percent={u.percent} size={44} className="ws-photo__progress" />
            </div>
          ))}
        </div>
      )}
      {groups.length === 0 && !uploading.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有照片" />
      ) : (
        <Image.PreviewGroup>
          {groups.map((g) => (
            <section key={g.stage} className="ws-well-photos__group" data-testid={`photos-${g.stage}`}>
              <Typography.Text strong>
                {PHOTO_STAGE_LABELS[g.stage]}
                <Typography.Text type="secondary" style={{ fontWeight: 400, marginLeft: 6 }}>
                  {g.photos.length} 张
                </Typography.Text>
              </Typography.Text>
              <div className="ws-photos" style={{ marginTop: 8 }}>
                {g.photos.map((p) => (
                  <WellPhotoTile key={p.id} photo={p} />
                ))}
              </div>
            </section>
          ))}
        </Image.PreviewGroup>
      )}
    </div>
  );
}
