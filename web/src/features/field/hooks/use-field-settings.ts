import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchFieldSettings, saveFieldSettings, type FieldSettings } from '../api/field-settings-api';

export const FIELD_SETTINGS_KEY = ['field-settings'] as const;

export function useFieldSettings() {
  return useQuery({ queryKey: FIELD_SETTINGS_KEY, queryFn: fetchFieldSettings });
}

export function useSaveFieldSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: FieldSettings) => saveFieldSettings(input),
    onSuccess: (saved) => qc.setQueryData(FIELD_SETTINGS_KEY, saved),
    meta: { silentErrors: true },
  });
}
