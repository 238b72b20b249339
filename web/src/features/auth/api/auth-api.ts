import type { MeResponse } from '@server/features/auth/auth.schema';
import { ApiError, api, apiRequest, setCsrfToken } from '../../../lib/api-client';
import { setOfficeTimeZone } from '../../../lib/office-clock';

export type Me = MeResponse['user'];
export type Grant = Me['grants'][number];

export async function fetchMe(): Promise<Me | null> {
  try {
    const res = await apiRequest<MeResponse>('GET', '/api/auth/me', { quiet401: true });
    setCsrfToken(res.csrfToken);
    setOfficeTimeZone(res.office.timeZone);
    return res.user;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function login(input: { username: string; password: string }): Promise<Me> {
  const res = await apiRequest<MeResponse>('POST', '/api/auth/login', { body: input, quiet401: true });
  setCsrfToken(res.csrfToken);
  setOfficeTimeZone(res.office.timeZone);
  return res.user;
}

export async function logout(): Promise<void> {
  try {
    await apiRequest<{ ok: boolean }>('POST', '/api/auth/logout', { body: {}, quiet401: true });
  } finally {
    setCsrfToken('');
  }
}

export function changePassword(input: { currentPassword: string; newPassword: string }): Promise<{ ok: boolean }> {
  return api.post('/api/auth/password', input);
}
