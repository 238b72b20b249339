import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody } from '@server/features/users/users.schema';
import { createUser, disableUser, enableUser, fetchUsers, resetUserPassword, updateUser, type User } from '../api/users-api';

export const USERS_KEY = ['users'] as const;

export function useUsers() {
  return useQuery({ queryKey: USERS_KEY, queryFn: fetchUsers });
}

export function useUserMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: USERS_KEY });
  return {
    // the form shows these errors itself
    create: useMutation({ mutationFn: (body: CreateUserBody) => createUser(body), onSettled, meta: { silentErrors: true } }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: UpdateUserBody }) => updateUser(id, body),
      onSettled,
      meta: { silentErrors: true },
    }),
    setDisabled: useMutation({
      mutationFn: ({ user, disabled }: { user: User; disabled: boolean }) => (disabled ? disableUser(user) : enableUser(user)),
      onSettled,
    }),
    resetPassword: useMutation({
      mutationFn: ({ user, password }: { user: User; password: string }) => resetUserPassword(user, password),
      onSettled,
      meta: { silentErrors: true },
    }),
  };
}
