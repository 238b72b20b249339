import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { badRequest } from '../http/errors.js';

/** Photos and scans on disk. The bytes decide the type, never the name the client sent. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const PHOTO_TYPES = new Map([['image/jpeg', 'jpg'], ['image/png', 'png'], ['image/webp', 'webp']]);

export type StoredPhoto = { storageKey: string; mime: string; sizeBytes: number; sha256: string; fileName: string };

export async function storePhoto(filesDir: string, data: Buffer, clientName: string): Promise<StoredPhoto> {
  if (data.length === 0) throw badRequest('文件是空的');
  if (data.length > MAX_PHOTO_BYTES) throw badRequest('照片不能超过 8 MB');
  const type = await fileTypeFromBuffer(data);
  const ext = type && PHOTO_TYPES.get(type.mime);
  if (!type || !ext) throw badRequest('只能上传 JPEG、PNG 或 WebP 图片');
  const storageKey = `${new Date().toISOString().slice(0, 7)}/${crypto.randomUUID()}.${ext}`;
  const target = path.join(filesDir, storageKey);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, data, { flag: 'wx' });
  return {
    storageKey,
    mime: type.mime,
    sizeBytes: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    // only a display name: never used to build a path
    fileName: path.basename(clientName).replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 120),
  };
}

/** Removes a stored file whose database row was not saved (nothing half-saved). */
export function discardPhoto(filesDir: string, storageKey: string): void {
  fs.rmSync(path.join(filesDir, storageKey), { force: true });
}

export function readStoredPhoto(filesDir: string, storageKey: string): Buffer | null {
  const file = path.join(filesDir, storageKey);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
