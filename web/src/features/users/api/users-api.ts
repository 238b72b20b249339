import type { CreateUserBody, UpdateUserBody, UserView } from '@server/features/users/users.schema';
import { api } from '../../../lib/api-client';

export type User = UserView;
export type UserGrant = User['grants'][number];
export type GrantInput = CreateUserBody['grants'][number];

export async function fetchUsers(): Promise<User[]> {
  return (await api.get<{ users: User[] }>('/api/users')).users;
}

export const createUser = (body: CreateUserBody) => api.post<User>('/api/users', body);
export const updateUser = (id: number, body: UpdateUserBody) => api.patch<User>(`/api/users/${id}`, body);
export const disableUser = (u: Pick<User, 'id' | 'version'>) => api.post<User>(`/api/users/${u.id}/disable`, { version: u.version });
export const enableUser = (u: Pick<User, 'id' | 'version'>) => api.post<User>(`/api/users/${u.id}/enable`, { version: u.version });
export const resetUserPassword = (u: Pick<User, 'id' | 'version'>, password: string) =>
  api.post<User>(`/api/users/${u.id}/password`, { version: u.version, password });
