import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { WELLS_KEY } from '../../wells/hooks/use-wells';
import { createCampaign, fetchCampaigns, fetchTaskProgress, fetchTasks, type NewCampaign, type TaskStatus } from '../api/campaigns-api';

/** Under the wells prefix: a step recorded on a well moves every campaign figure. */
const CAMPAIGNS_KEY = [...WELLS_KEY, 'campaigns'] as const;

export function useCampaigns(enabled = true) {
  return useQuery({ enabled, queryKey: CAMPAIGNS_KEY, queryFn: ({ signal }) => fetchCampaigns(signal) });
}

export function useTaskProgress(campaignId: number | undefined, asOf: string | undefined) {
  return useQuery({
    enabled: campaignId !== undefined,
    queryKey: [...CAMPAIGNS_KEY, campaignId, 'progress', asOf ?? 'today'],
    queryFn: ({ signal }) => fetchTaskProgress(campaignId ?? 0, asOf, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTasks(campaignId: number, query: { districtId?: number; asOf?: string; status?: TaskStatus }) {
  return useQuery({
    queryKey: [...CAMPAIGNS_KEY, campaignId, 'tasks', query],
    queryFn: ({ signal }) => fetchTasks(campaignId, query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useCreateCampaign() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCampaign) => createCampaign(body),
    meta: { silentErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: CAMPAIGNS_KEY }),
  });
}
