import { useMemo } from 'react';
import type { OrgUnit } from '../../org/api/org-api';
import { useOrgUnits } from '../../org/hooks/use-org-units';

export type TipUnits = {
  /** open districts in the user's scope, in path order */
  districts: OrgUnit[];
  streetsOf: (districtId: number | null | undefined) => OrgUnit[];
  nameOf: (id: number | null | undefined) => string | null;
  loading: boolean;
};

/** The districts a tip is assigned to and the streets a district passes it to. */
export function useTipUnits(): TipUnits {
  const { data: units, isPending } = useOrgUnits(false);
  return useMemo(() => {
    const list = units ?? [];
    const byId = new Map(list.map((u) => [u.id, u]));
    return {
      districts: list.filter((u) => u.level === 'district' && u.closedOn === null),
      streetsOf: (districtId) => (districtId ? list.filter((u) => u.level === 'street' && u.closedOn === null && u.parentId === districtId) : []),
      nameOf: (id) => (id ? (byId.get(id)?.name ?? null) : null),
      loading: isPending,
    };
  }, [units, isPending]);
}
