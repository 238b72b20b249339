import { useMemo } from 'react';
import type { OrgUnit } from '../api/org-api';
import { useOrgTreeOptions, type OrgTreeOption } from './use-org-tree-options';
import { useOrgUnits } from './use-org-units';

/** The open units at and below `rootId` (all of the user's units when there is no root yet). */
export function unitsUnder(units: readonly OrgUnit[] | undefined, rootId: number | null | undefined): OrgUnit[] | undefined {
  if (!units || !rootId) return units as OrgUnit[] | undefined;
  const root = units.find((u) => u.id === rootId);
  return root ? units.filter((u) => u.path.startsWith(root.path)) : (units as OrgUnit[]);
}

/**
 * TreeSelect options for units at `levels` inside one unit (a record's area, a finding's owner):
 * nobody should be offered a grid outside the place they are working on. `levels` must be a
 * stable (module-level) array.
 */
export function useSubtreeOptions(rootId: number | null | undefined, levels: readonly string[]): OrgTreeOption[] {
  const { data: units } = useOrgUnits(false);
  const under = useMemo(() => unitsUnder(units, rootId), [units, rootId]);
  return useOrgTreeOptions(under, levels);
}
