import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateOrgUnit } from '../api/org-api';
import { ORG_UNITS_KEY } from './use-org-units';

export type OrgUnitPatch = { id: number; version: number; name?: string; closedOn?: string | null };

export function useUpdateOrgUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: OrgUnitPatch) => updateOrgUnit(id, body),
    // counts above the unit change too: reload the whole list
    onSettled: () => qc.invalidateQueries({ queryKey: ORG_UNITS_KEY }),
  });
}
