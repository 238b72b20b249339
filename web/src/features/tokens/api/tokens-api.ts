import type { z } from 'zod';
import type { CreatedTokenResponse, TokenView } from '@server/features/users/users.schema';
import { api } from '../../../lib/api-client';

export type ApiToken = z.infer<typeof TokenView>;
export type CreatedToken = z.infer<typeof CreatedTokenResponse>;
export type CreateTokenInput = { userId: number; name: string; expiresInDays: number | null };

export async function fetchTokens(): Promise<ApiToken[]> {
  return (await api.get<{ tokens: ApiToken[] }>('/api/tokens')).tokens;
}

export const createToken = (body: CreateTokenInput) => api.post<CreatedToken>('/api/tokens', body);
export const revokeToken = (id: number) => api.delete<{ ok: boolean }>(`/api/tokens/${id}`);
