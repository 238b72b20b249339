/**
 * Camera photos are 4–12 MB; the server takes at most 8 MB and nobody needs 4000 px to read a
 * wellhead or a stamp. Big images are redrawn on a canvas to at most `maxSide` px as JPEG.
 */

const MAX_SIDE = 1600;
const KEEP_BELOW_BYTES = 1024 * 1024;
const ACCEPTED = ['image/jpeg', 'image/png', 'image/webp'];

export type PreparedImage = { blob: Blob; fileName: string; width: number; height: number; shrunk: boolean };

type Decoded = { source: CanvasImageSource; width: number; height: number; close: () => void };

async function decode(file: Blob): Promise<Decoded> {
  if (typeof createImageBitmap === 'function') {
    try {
      // from-image: phones store portrait photos sideways with an EXIF rotation
      const bmp = await createImageBitmap(file, { imageOrientation: 'from-image' });
      return { source: bmp, width: bmp.width, height: bmp.height, close: () => bmp.close() };
    } catch {
      // fall through to <img>, which some browsers decode more formats with
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => URL.revokeObjectURL(url) };
  } catch {
    URL.revokeObjectURL(url);
    throw new Error('无法读取该图片，请上传 JPEG、PNG 或 WebP 格式的照片');
  }
}

function toJpeg(canvas: HTMLCanvasElement, quality: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('照片压缩失败，请重试'))), 'image/jpeg', quality);
  });
}

function jpegName(name: string): string {
  const base = name.replace(/\.[^./\\]+$/, '') || 'photo';
  return `${base}.jpg`;
}

/** The image to upload: small JPEG/PNG/WebP as they are, everything else redrawn as JPEG. */
export async function prepareImage(file: File, maxSide = MAX_SIDE): Promise<PreparedImage> {
  const img = await decode(file);
  try {
    const { width, height } = img;
    const fits = Math.max(width, height) <= maxSide;
    if (fits && file.size <= KEEP_BELOW_BYTES && ACCEPTED.includes(file.type)) {
      return { blob: file, fileName: file.name, width, height, shrunk: false };
    }
    const scale = Math.min(1, maxSide / Math.max(width, height));
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('浏览器不支持图片压缩，请换用最新版浏览器');
    ctx.fillStyle = '#ffffff'; // transparent PNG scans become white, not black, as JPEG
    ctx.fillRect(0, 0, w, h);
    ctx.drawImage(img.source, 0, 0, w, h);
    const blob = await toJpeg(canvas, 0.85);
    return { blob, fileName: jpegName(file.name), width: w, height: h, shrunk: true };
  } finally {
    img.close();
  }
}
