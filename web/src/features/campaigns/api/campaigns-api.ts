import type { z } from 'zod';
import type { CampaignView, CreateCampaignBody, TaskProgressView, TaskView } from '@server/features/campaigns/campaigns.schema';
import { api, withQuery } from '../../../lib/api-client';

export type Campaign = z.infer<typeof CampaignView>;
export type NewCampaign = z.input<typeof CreateCampaignBody>;
export type Task = z.infer<typeof TaskView>;
export type TaskProgress = TaskProgressView;
export type TaskProgressRow = TaskProgress['rows'][number];
export type TaskCounts = TaskProgressRow['seal'];
export type TaskStatus = 'open' | 'done' | 'overdue';

export async function fetchCampaigns(signal?: AbortSignal): Promise<Campaign[]> {
  return (await api.get<{ campaigns: Campaign[] }>('/api/campaigns', undefined, signal)).campaigns;
}

export const createCampaign = (body: NewCampaign) => api.post<Campaign>('/api/campaigns', body);

export async function fetchTasks(campaignId: number, query: { districtId?: number; asOf?: string; status?: TaskStatus }, signal?: AbortSignal): Promise<Task[]> {
  return (await api.get<{ tasks: Task[] }>(`/api/campaigns/${campaignId}/tasks`, query, signal)).tasks;
}

export const fetchTaskProgress = (campaignId: number, asOf: string | undefined, signal?: AbortSignal) =>
  api.get<TaskProgress>(`/api/campaigns/${campaignId}/progress`, asOf ? { asOf } : undefined, signal);

export const progressExportUrl = (campaignId: number, asOf: string, format: 'xlsx' | 'md') =>
  withQuery(`/api/campaigns/${campaignId}/progress/export`, { asOf, format });
