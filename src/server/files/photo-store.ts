import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import { imageSize } from 'image-size';
import sharp from 'sharp';
import { badRequest } from '../http/errors.js';
import { realNow } from '../clock.js';

/** Photos and scans on disk. The bytes decide the type, never the name the client sent. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const PHOTO_TYPES = new Map([['image/jpeg', 'jpg'], ['image/png', 'png'], ['image/webp', 'webp']]);
/** A small file can declare a picture that no browser can open (a "pixel flood"): 16384 px a side, 100 megapixels. */
export const MAX_PHOTO_SIDE = 16384;
export const MAX_PHOTO_PIXELS = 100_000_000;

export type StoredPhoto = { storageKey: string; mime: string; sizeBytes: number; sha256: string; fileName: string };

export async function storePhoto(filesDir: string, upload: Buffer, clientName: string): Promise<StoredPhoto> {
  if (upload.length === 0) throw badRequest('文件是空的');
  if (upload.length > MAX_PHOTO_BYTES) throw badRequest('照片不能超过 8 MB');
  const type = await fileTypeFromBuffer(upload);
  const ext = type && PHOTO_TYPES.get(type.mime);
  if (!type || !ext) throw badRequest('只能上传 JPEG、PNG 或 WebP 图片');
  assertDimensions(upload);
  const data = await withoutMetadata(upload, type.mime);
  const storageKey = `${realNow().toISOString().slice(0, 7)}/${crypto.randomUUID()}.${ext}`;
  const target = path.join(filesDir, storageKey);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  // written under a temporary name and moved into place whole: a crash mid-write leaves no half photo
  // under a real name (the start-up sweep removes the temporary file, and any file no row refers to)
  const part = `${target}${PART}`;
  fs.writeFileSync(part, data, { flag: 'wx' });
  fs.renameSync(part, target);
  return {
    storageKey,
    mime: type.mime,
    sizeBytes: data.length,
    sha256: crypto.createHash('sha256').update(data).digest('hex'),
    // only a display name: never used to build a path
    fileName: displayName(clientName),
  };
}

/**
 * The picture without its metadata: EXIF (GPS, camera owner, an Artist field with a phone number),
 * XMP, IPTC and text chunks are dropped from every stored image; the EXIF orientation is applied to
 * the pixels first, so the photo still stands the right way up. The colour profile is kept.
 */
async function withoutMetadata(data: Buffer, mime: string): Promise<Buffer> {
  try {
    const image = sharp(data, { failOn: 'error', limitInputPixels: MAX_PHOTO_PIXELS }).autoOrient().keepIccProfile();
    if (mime === 'image/png') return await image.png({ compressionLevel: 9 }).toBuffer();
    if (mime === 'image/webp') return await image.webp({ quality: 90 }).toBuffer();
    return await image.jpeg({ quality: 92, mozjpeg: true }).toBuffer();
  } catch {
    throw badRequest('图片文件已损坏，无法读取');
  }
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

const PART = '.part';

/**
 * At start: files no database row refers to (an upload whose transaction never committed, a
 * crash between the file and its row) and temporary files are removed. Only files older than
 * `minAgeMs`, so an upload under way in another server process is left alone.
 */
export function sweepOrphanFiles(filesDir: string, referenced: ReadonlySet<string>, minAgeMs = 3_600_000, now = Date.now()): number {
  if (!fs.existsSync(filesDir)) return 0;
  let removed = 0;
  for (const entry of fs.readdirSync(filesDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const key = path.relative(filesDir, full).split(path.sep).join('/');
    // the water company's readings files have their own life (resumable loads): not swept here
    if (key.startsWith('utility/') || referenced.has(key)) continue;
    if (now - fs.statSync(full).mtimeMs < minAgeMs) continue;
    fs.rmSync(full, { force: true });
    removed++;
  }
  return removed;
}

/** Removes a stored file whose database row was not saved (nothing half-saved). */
export function discardPhoto(filesDir: string, storageKey: string): void {
  fs.rmSync(path.join(filesDir, storageKey), { force: true });
}

export function readStoredPhoto(filesDir: string, storageKey: string): Buffer | null {
  const file = path.join(filesDir, storageKey);
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
}
