import { useMemo } from 'react';
import { FINDING_CATEGORIES, FINDING_CATEGORY_LABELS } from '@domain/inspection/finding';
import { useVocabulary } from '../../inspections/hooks/use-inspections';

export type CategoryOption = { value: string; label: string };

/** The finding categories to offer: the built-in ones, then the city office's own (built-ins while loading). */
export function useFindingCategories(): CategoryOption[] {
  const { data } = useVocabulary();
  return useMemo(
    () => (data?.categories ?? FINDING_CATEGORIES.map((c) => ({ code: c, label: FINDING_CATEGORY_LABELS[c] }))).map((c) => ({ value: c.code, label: c.label })),
    [data],
  );
}
