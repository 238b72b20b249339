import { useMemo } from 'react';
import { ORG_LEVELS } from '@domain/org/org-unit';
import type { OrgLevel, OrgUnit } from '../api/org-api';
import { indexOrgUnits } from './org-tree';

export type OrgTreeOption = {
  value: number;
  title: string;
  disabled?: boolean;
  children?: OrgTreeOption[];
};

/**
 * Options for an org-unit TreeSelect. Only units at `levels` can be picked, and the tree
 * stops at the deepest of those levels (nobody wants to scroll 1152 grids to pick a district).
 */
export function useOrgTreeOptions(units: readonly OrgUnit[] | undefined, levels: readonly string[] | null): OrgTreeOption[] {
  return useMemo(() => {
    if (!units) return [];
    const index = indexOrgUnits(units.filter((u) => u.closedOn === null));
    const allowed = new Set(levels ?? ORG_LEVELS);
    const depth = Math.max(...ORG_LEVELS.map((l, i) => (allowed.has(l) ? i : -1)));
    const deepEnough = (level: OrgLevel) => ORG_LEVELS.indexOf(level) <= depth;
    const build = (list: readonly OrgUnit[]): OrgTreeOption[] =>
      list
        .filter((u) => deepEnough(u.level))
        .map((u) => {
          const kids = build(index.children.get(u.id) ?? []);
          return {
            value: u.id,
            title: u.name,
            ...(allowed.has(u.level) ? {} : { disabled: true }),
            ...(kids.length ? { children: kids } : {}),
          };
        });
    return build(index.roots);
  }, [units, levels]);
}
