import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.js';
import type { OrgLevel } from '../../../domain/org/org-unit.js';
import { unitsByIds } from './org.repo.js';

export type PlaceUnit = { id: number; name: string; level: OrgLevel; path: string; shortName: string | null };
export type Place = {
  /** district … unit names, the city left out */
  names: string[];
  unit: PlaceUnit | undefined;
  district: PlaceUnit | undefined;
  street: PlaceUnit | undefined;
  community: PlaceUnit | undefined;
};

/** Where a record is, from its unit's materialised path: one query for a whole list. */
export async function placesOf(db: Kysely<DB>, paths: readonly string[]): Promise<(path: string) => Place> {
  const ids = [...new Set(paths.flatMap((p) => p.split('/').filter(Boolean).map(Number)))];
  const units = new Map((await unitsByIds(db, ids)).map((u) => [u.id, u as PlaceUnit]));
  return (path: string) => {
    const chain = path.split('/').filter(Boolean).map((id) => units.get(Number(id))).filter((u): u is PlaceUnit => !!u && u.level !== 'city');
    const at = (level: OrgLevel) => chain.find((u) => u.level === level);
    return { names: chain.map((u) => u.name), unit: chain.at(-1), district: at('district'), street: at('street'), community: at('community') };
  };
}

/** The unit a materialised path ends at. */
export const unitIdOfPath = (path: string): number => Number(path.split('/').filter(Boolean).at(-1));

/** 市封停办 for the city office, 卧龙区封停办 for a district office, the unit's name otherwise. */
export function officeLabel(u: { level: string; name: string; shortName: string | null } | undefined): string {
  if (!u || u.level === 'city') return '市封停办';
  if (u.level === 'district') return `${u.shortName ?? u.name}封停办`;
  return u.name;
}
