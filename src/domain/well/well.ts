/** A well's identity: uses, how it was found, its code and its distance rules. Pure. */
export const WELL_USES = ['domestic', 'production', 'gshp_extraction', 'gshp_reinjection', 'greening', 'fire', 'agriculture', 'other'] as const;
export type WellUse = (typeof WELL_USES)[number];
export const WELL_USE_LABELS: Record<WellUse, string> = {
  domestic: '生活', production: '生产', gshp_extraction: '地温空调取水', gshp_reinjection: '地温空调回灌', greening: '绿化', fire: '消防', agriculture: '农业', other: '其他',
};
export const FOUND_VIA = ['survey', 'tip', 'inspection', 'analytics', 'heat_pump', 'other'] as const;
export type FoundVia = (typeof FOUND_VIA)[number];
export const FOUND_VIA_LABELS: Record<FoundVia, string> = { survey: '排查申报', tip: '群众举报', inspection: '督导核查', analytics: '用水数据分析', heat_pump: '地温空调核查', other: '其他' };
export const IN_USE_LABELS = { in_use: '在用', stopped: '停用', sealed: '已封' } as const;

/** 一井一码: the grid's code and a two-digit serial, e.g. 411303003001001J01 (district code without a grid: 411303J0001). */
export function wellCode(unitCode: string, taken: ReadonlySet<string>): string {
  const width = unitCode.length >= 15 ? 2 : 4;
  for (let n = 1; n < 10 ** width; n++) {
    const code = `${unitCode}J${String(n).padStart(width, '0')}`;
    if (!taken.has(code)) return code;
  }
  throw new Error('no free well code');
}

/** Great-circle distance in metres (haversine), for checking where a sealing photo was taken. */
export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6_371_000;
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}

/** A permitted annual withdrawal under this is a small user (seed 第30期: 1000 m³; a setting). */
export const SMALL_USER_M3 = 1000;
export function isSmallUser(annualVolumeM3: number | undefined): boolean {
  return annualVolumeM3 !== undefined && annualVolumeM3 < SMALL_USER_M3;
}

/** Photos further than this from the well's point are flagged (a setting; metres). */
export const PHOTO_DISTANCE_LIMIT_M = 200;

/** 城乡一体化示范区 → 示范区: the short name a notice prints, unless the unit has its own. */
export function districtShortName(name: string, shortName: string | null): string {
  return shortName ?? name;
}
