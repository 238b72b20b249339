import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import { badRequest } from '../http/errors.js';
import { realNow } from '../clock.js';

/** Photos and scans on disk. The bytes decide the type, never the name the client sent. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const PHOTO_TYPES = new Map([['image/jpeg', 'jpg'], ['image/png', 'png'], ['image/webp', 'webp']]);
/** A small file can declare a picture that no browser can open (a "pixel flood"): 16384 px a side, 100 megapixels. */
export const MAX_PHOTO_SIDE = 16384;
export const MAX_PHOTO_PIXELS = 100_000_000;

export type StoredPhoto = { storageKey: string; mime: string; sizeBytes: number; sha256: string; fileName: string };

export async function storePhoto(filesDir: string, data: Buffer, clientName: string): Promise<StoredPhoto> {
  if (data.length === 0) throw badRequest('文件是空的');
  if (data.length > MAX_PHOTO_BYTES) throw badRequest('照片不能超过 8 MB');
  const type = await fileTypeFromBuffer(data);
  const ext = type && PHOTO_TYPES.get(type.mime);
  if (!type || !ext) throw badRequest('只能上传 JPEG、PNG 或 WebP 图片');
  assertDimensions(data);
  const storageKey = `${realNow().toISOString().slice(0, 7)}/${crypto.randomUUID()}.${ext}`;
  const target = path.join(filesDir, storageKey);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, data, { flag: 'wx' });
  return {
    storageKey,
    mime: type.mime,
    sizeBytes: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    // only a display name: never used to build a path
    fileName: displayName(clientName),
  };
}

/** The last part of a client's file name (either slash), without control characters; never a path. */
export function displayName(clientName: string): string {
  const base = path.posix.basename(clientName.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '_').trim().slice(0, 120);
  return base === '' || base === '.' || base === '..' ? '照片' : base;
}

/** The picture's size as its header declares it (read without decoding the image). */
function assertDimensions(data: Buffer): void {
  let size: { width: number; height: number };
  try {
    size = imageSize(data);
  } catch {
    throw badRequest('图片文件已损坏，无法读取尺寸');
  }
  const { width, height } = size;
  if (!(width > 0 && height > 0)) throw badRequest('图片文件已损坏，无法读取尺寸');
  if (width > MAX_PHOTO_SIDE || height > MAX_PHOTO_SIDE || width * height > MAX_PHOTO_PIXELS) {
    throw badRequest(`图片尺寸过大（${width}×${height} 像素），边长不能超过 ${MAX_PHOTO_SIDE} 像素、总像素不能超过 1 亿`);
  }
}

/** Removes a stored file whose database row was not saved (nothing half-saved). */
export function discardPhoto(filesDir: string, storageKey: string): void {
  fs.rmSync(path.join(filesDir, storageKey), { force: true });
}

export function readStoredPhoto(filesDir: string, storageKey: string): Buffer | null {
  const file = path.join(filesDir, storageKey);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
