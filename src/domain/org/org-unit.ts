/** The org hierarchy (网格化): levels, codes and materialised paths. Pure. */
export const ORG_LEVELS = ['city', 'district', 'street', 'community', 'grid'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  city: '市',
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
};

export function childLevel(level: OrgLevel): OrgLevel | null {
  const i = ORG_LEVELS.indexOf(level);
  return ORG_LEVELS[i + 1] ?? null;
}

/** '/1/4/17/' — every ancestor's id, root first, with a trailing slash so prefixes never collide. */
export function childPath(parentPath: string | null, id: number): string {
  return `${parentPath ?? '/'}${id}/`;
}

export function isWithin(path: string, ancestorPath: string): boolean {
  return path.startsWith(ancestorPath);
}

export function ancestorIds(path: string): number[] {
  return path.split('/').filter(Boolean).map(Number);
}

/**
 * Beijing-style 15-digit grid code: district (6) + street (3) + community (3) + grid (3).
 * Returns the codes of the grid's would-be parents, or null when the code is not of that form.
 */
export function splitGridCode(code: string): { district: string; street: string; community: string } | null {
  if (!/^\d{15}$/.test(code)) return null;
  return { district: code.slice(0, 6), street: code.slice(0, 9), community: code.slice(0, 12) };
}

export function isOpenOn(unit: { openedOn: string; closedOn: string | null }, day: string): boolean {
  return unit.openedOn <= day && (unit.closedOn === null || unit.closedOn > day);
}

export type TreeCountInput = { id: number; parentId: number | null; level: OrgLevel; open: boolean };

/** Number of open grids under each unit (a grid counts itself). */
export function countGrids(units: readonly TreeCountInput[]): Map<number, number> {
  const byId = new Map(units.map((u) => [u.id, u]));
  const counts = new Map<number, number>(units.map((u) => [u.id, 0]));
  for (const u of units) {
    if (u.level !== 'grid' || !u.open) continue;
    let cur: TreeCountInput | undefined = u;
    while (cur) {
      counts.set(cur.id, (counts.get(cur.id) ?? 0) + 1);
      cur = cur.parentId === null ? undefined : byId.get(cur.parentId);
    }
  }
  return counts;
}
