/** Pure helpers turning the flat, path-ordered unit list into a tree, counts and search results. */
import type { OrgLevel, OrgUnit } from '../api/org-api';

export type OrgIndex = {
  byId: Map<number, OrgUnit>;
  children: Map<number, OrgUnit[]>;
  /** units whose parent is not in the list (the top of the user's scope) */
  roots: OrgUnit[];
};

export function indexOrgUnits(units: readonly OrgUnit[]): OrgIndex {
  const byId = new Map(units.map((u) => [u.id, u]));
  const children = new Map<number, OrgUnit[]>();
  const roots: OrgUnit[] = [];
  for (const u of units) {
    if (u.parentId !== null && byId.has(u.parentId)) {
      const list = children.get(u.parentId);
      if (list) list.push(u);
      else children.set(u.parentId, [u]);
    } else {
      roots.push(u);
    }
  }
  return { byId, children, roots };
}

export function ancestorsOf(index: OrgIndex, unit: OrgUnit): OrgUnit[] {
  const chain: OrgUnit[] = [];
  let cur = unit.parentId === null ? undefined : index.byId.get(unit.parentId);
  while (cur) {
    chain.unshift(cur);
    cur = cur.parentId === null ? undefined : index.byId.get(cur.parentId);
  }
  return chain;
}

export type LevelCounts = Record<OrgLevel, number>;

/** Open units per level. */
export function countByLevel(units: readonly OrgUnit[]): LevelCounts {
  const counts: LevelCounts = { city: 0, district: 0, street: 0, community: 0, grid: 0 };
  for (const u of units) if (u.closedOn === null) counts[u.level] += 1;
  return counts;
}

/** Open grids in the whole list: the roots' grid counts added up. */
export function totalGrids(index: OrgIndex): number {
  return index.roots.reduce((n, r) => n + (r.closedOn === null ? r.gridCount : 0), 0);
}

export type OrgSearch = {
  /** units whose name or code contains the keyword */
  matched: Set<number>;
  /** matches, their ancestors and their descendants: what the filtered tree shows */
  visible: Set<number>;
  /** ancestors of the matches: opened so that every match is in view */
  expand: number[];
};

export function searchOrgUnits(units: readonly OrgUnit[], index: OrgIndex, keyword: string): OrgSearch | null {
  const k = keyword.trim().toLowerCase();
  if (!k) return null;
  const matched = new Set<number>();
  for (const u of units) if (u.name.toLowerCase().includes(k) || u.code.toLowerCase().includes(k)) matched.add(u.id);
  const visible = new Set<number>();
  const expand = new Set<number>();
  const matchedPaths = units.filter((u) => matched.has(u.id)).map((u) => u.path);
  for (const id of matched) {
    visible.add(id);
    const unit = index.byId.get(id);
    if (!unit) continue;
    for (const a of ancestorsOf(index, unit)) {
      visible.add(a.id);
      expand.add(a.id);
    }
  }
  // descendants of a matched unit stay reachable (the list is ordered by path, paths nest)
  if (matchedPaths.length) {
    for (const u of units) if (!visible.has(u.id) && matchedPaths.some((p) => u.path.startsWith(p))) visible.add(u.id);
  }
  return { matched, visible, expand: [...expand] };
}

export type BreakdownRow = {
  unit: OrgUnit;
  streets: number;
  communities: number;
  grids: number;
};

/**
 * Figures per unit one level below the top of the scope (per district for the city office,
 * per street for a district office…). Several roots are compared with each other directly.
 */
export function breakdownBelowTop(units: readonly OrgUnit[], index: OrgIndex): { level: OrgLevel | null; rows: BreakdownRow[] } {
  let tops: OrgUnit[] = index.roots.filter((r) => r.closedOn === null);
  while (tops.length === 1 && tops[0]) {
    const only: OrgUnit = tops[0];
    const below = (index.children.get(only.id) ?? []).filter((c) => c.closedOn === null);
    if (below.length === 0) break;
    tops = below;
  }
  const rows = tops.map((unit) => {
    let streets = 0;
    let communities = 0;
    for (const u of units) {
      if (u.closedOn !== null || !u.path.startsWith(unit.path)) continue;
      if (u.level === 'street') streets += 1;
      else if (u.level === 'community') communities += 1;
    }
    return { unit, streets, communities, grids: unit.gridCount };
  });
  return { level: tops[0]?.level ?? null, rows };
}
