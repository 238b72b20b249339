import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createToken, fetchTokens, revokeToken, type CreateTokenInput } from '../api/tokens-api';

export const TOKENS_KEY = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: TOKENS_KEY, queryFn: fetchTokens });
}

export function useTokenMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: TOKENS_KEY });
  return {
    create: useMutation({ mutationFn: (input: CreateTokenInput) => createToken(input), onSettled, meta: { silentErrors: true } }),
    revoke: useMutation({ mutationFn: (id: number) => revokeToken(id), onSettled }),
  };
}
