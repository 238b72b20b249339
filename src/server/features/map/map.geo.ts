import * as gcoordModule from 'gcoord';
import { seededRandom } from '../../../domain/shared/random.js';

// gcoord is CommonJS whose types declare a default export: Node hands over module.exports as the default
type Gcoord = typeof gcoordModule.default.default;
const loaded = gcoordModule as unknown as Gcoord & { default?: Gcoord };
const gcoord: Gcoord = loaded.default && 'transform' in loaded.default ? loaded.default : loaded;

/**
 * The map's geometry rules: checking an imported boundary file, centroids, and the display
 * conversion WGS-84 → GCJ-02 for tiles that use it (高德, 腾讯). Stored coordinates are always
 * WGS-84 (天地图's CGCS2000 is treated the same); conversion is gcoord's, never hand-written. Pure.
 */
export type TileCrs = 'wgs84' | 'gcj02';
export type LngLat = [number, number];
export type Ring = LngLat[];
export type PolygonGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

// ------------------------------------------------------------------ base map

/** Leaflet's {s} values for the providers people use here (天地图 t0–t7, 高德 webrd01–04), else a–c. */
export function tileSubdomains(url: string | undefined): string[] {
  if (!url || !url.includes('{s}')) return [];
  if (/tianditu/i.test(url)) return ['0', '1', '2', '3', '4', '5', '6', '7'];
  if (/autonavi|amap/i.test(url)) return ['1', '2', '3', '4'];
  if (/gtimg|tencent|qq\.com/i.test(url)) return ['0', '1', '2', '3'];
  return ['a', 'b', 'c'];
}

/**
 * The origin the browser loads tiles from, for the Content-Security-Policy's img-src (a {s}
 * sub-domain becomes a wildcard). Empty without a tile URL.
 */
export function tileImgSrc(tileUrl: string | undefined): string[] {
  if (!tileUrl) return [];
  const m = /^(https?):\/\/([^/?#]+)/i.exec(tileUrl);
  if (!m) return [];
  const host = m[2]!.includes('{s}') ? `*.${m[2]!.split('.').slice(1).join('.')}` : m[2]!;
  return [`${m[1]!.toLowerCase()}://${host}`];
}

/** A stored WGS-84 point as drawn on tiles of the given coordinate system. */
export function toDisplay(p: LngLat, crs: TileCrs): LngLat {
  if (crs === 'wgs84') return p;
  const [lng, lat] = gcoord.transform<[number, number]>([p[0], p[1]], gcoord.WGS84, gcoord.GCJ02);
  return [lng, lat];
}

export function geometryToDisplay(g: PolygonGeometry, crs: TileCrs): PolygonGeometry {
  if (crs === 'wgs84') return g;
  const ring = (r: Ring): Ring => r.map((p) => toDisplay(p, crs));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(ring) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(ring)) };
}

/** Shoelace area (signed, in degrees²) and centroid of a ring. */
function ringCentroid(r: Ring): { area: number; c: LngLat } {
  // relative to the first vertex: small numbers keep the products precise
  const [ox, oy] = r[0]!;
  let a = 0, cx = 0, cy = 0;
  for (let i = 0; i < r.length - 1; i++) {
    const x0 = r[i]![0] - ox, y0 = r[i]![1] - oy;
    const x1 = r[i + 1]![0] - ox, y1 = r[i + 1]![1] - oy;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  if (Math.abs(a) < 1e-18) {
    const n = Math.max(1, r.length - 1);
    return { area: 0, c: [r.slice(0, n).reduce((s, p) => s + p[0], 0) / n, r.slice(0, n).reduce((s, p) => s + p[1], 0) / n] };
  }
  return { area: Math.abs(a / 2), c: [ox + cx / (3 * a), oy + cy / (3 * a)] };
}

/** The centroid of the largest outer ring (a label point; fine for the grids' compact shapes). */
export function centroidOf(g: PolygonGeometry): LngLat {
  const outers = g.type === 'Polygon' ? [g.coordinates[0]!] : g.coordinates.map((p) => p[0]!);
  let best = ringCentroid(outers[0]!);
  for (const r of outers.slice(1)) {
    const c = ringCentroid(r);
    if (c.area > best.area) best = c;
  }
  return best.c;
}

export function meanPoint(points: readonly LngLat[]): LngLat | null {
  if (points.length === 0) return null;
  return [points.reduce((s, p) => s + p[0], 0) / points.length, points.reduce((s, p) => s + p[1], 0) / points.length];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A point near `p` (within about ±radius degrees), the same for the same key on every call. */
export function jitter(p: LngLat, key: string, radius = 0.0012): LngLat {
  const rnd = seededRandom(hash(key));
  return [p[0] + (rnd() * 2 - 1) * radius, p[1] + (rnd() * 2 - 1) * radius];
}

// ------------------------------------------------------------------ import checks

export type FeatureError = { feature: number; code: string | null; message: string };
export type PlannedBoundary = { unitId: number; code: string; geometry: PolygonGeometry };

export function formatFeatureErrors(errors: readonly FeatureError[]): string[] {
  return errors.map((e) => `第${e.feature}个要素${e.code ? `（网格 ${e.code}）` : ''}：${e.message}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** '' when the ring is fine, else why not (in Chinese). */
function ringProblem(r: unknown): string {
  if (!Array.isArray(r) || r.length < 4) return '面的边界环至少需要 4 个坐标点（首尾相同）';
  for (const p of r) {
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number' || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      return '坐标不是 [经度, 纬度] 数值';
    }
    if (p[0] < -180 || p[0] > 180 || p[1] < -90 || p[1] > 90) return `坐标超出范围：[${p[0]}, ${p[1]}]（经度应在 -180～180，纬度应在 -90～90，且为 WGS-84 经纬度）`;
  }
  const a = r[0] as number[];
  const b = r[r.length - 1] as number[];
  if (a[0] !== b[0] || a[1] !== b[1]) return '面的边界环未闭合（首尾坐标应相同）';
  return '';
}

const cleanRing = (r: unknown): Ring => (r as number[][]).map((p) => [p[0]!, p[1]!]);

/**
 * Check a GeoJSON FeatureCollection of grid boundaries against the grids (by 网格编号). Every bad
 * feature is reported with its 1-based index; the caller applies nothing when there is any.
 */
export function planBoundaries(input: unknown, gridsByCode: ReadonlyMap<string, number>): { boundaries: PlannedBoundary[]; errors: FeatureError[] } {
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return { boundaries: [], errors: [{ feature: 0, code: null, message: '文件不是 GeoJSON 要素集合（FeatureCollection）' }] };
  }
  if (input.features.length === 0) return { boundaries: [], errors: [{ feature: 0, code: null, message: '文件中没有要素' }] };
  const errors: FeatureError[] = [];
  const boundaries: PlannedBoundary[] = [];
  const seen = new Map<string, number>();
  input.features.forEach((f: unknown, i: number) => {
    const n = i + 1;
    const fail = (message: string, code: string | null = null) => errors.push({ feature: n, code, message });
    if (!isObject(f) || f.type !== 'Feature') return fail('不是 GeoJSON 要素（Feature）');
    const props = isObject(f.properties) ? f.properties : {};
    const raw = props['网格编号'] ?? props['grid_code'];
    const code = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
    if (!code) return fail('缺少网格编号（属性“网格编号”或“grid_code”）');
    const unitId = gridsByCode.get(code);
    if (unitId === undefined) return fail(`网格编号 ${code} 不存在（不是现有的网格）`, code);
    const earlier = seen.get(code);
    if (earlier === undefined) seen.set(code, n);
    const g = f.geometry;
    if (!isObject(g) || (g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) {
      return fail(`不是面要素（应为 Polygon 或 MultiPolygon${isObject(g) && typeof g.type === 'string' ? `，实际为 ${g.type}` : ''}）`, code);
    }
    const polygons: unknown[] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    if (polygons.length === 0) return fail('面要素没有坐标', code);
    for (const poly of polygons) {
      if (!Array.isArray(poly) || poly.length === 0) return fail('面要素没有边界环', code);
      for (const ring of poly) {
        const problem = ringProblem(ring);
        if (problem) return fail(problem, code);
      }
    }
    if (earlier !== undefined) return fail(`网格重复：第${earlier}个要素已是该网格的边界`, code);
    const geometry: PolygonGeometry = g.type === 'Polygon'
      ? { type: 'Polygon', coordinates: (g.coordinates as unknown[]).map(cleanRing) }
      : { type: 'MultiPolygon', coordinates: (g.coordinates as unknown[][]).map((poly) => poly.map(cleanRing)) };
    boundaries.push({ unitId, code, geometry });
  });
  return { boundaries, errors };
}
