import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  actOnArticle,
  createArticle,
  fetchArticle,
  fetchArticles,
  updateArticle,
  type ArticleActionInput,
  type ArticlesFilter,
  type ArticleUpdate,
  type NewArticle,
} from '../api/articles-api';

export const ARTICLES_KEY = ['articles'] as const;
export const articleKey = (id: number) => [...ARTICLES_KEY, 'article', id] as const;

export function useArticles(filter: ArticlesFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...ARTICLES_KEY, 'list', filter],
    queryFn: ({ signal }) => fetchArticles(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useArticle(id: number | null) {
  return useQuery({
    enabled: id !== null,
    queryKey: articleKey(id ?? 0),
    queryFn: ({ signal }) => fetchArticle(id!, signal),
  });
}

export function useArticleMutations() {
  const qc = useQueryClient();
  const onSettled = () => qc.invalidateQueries({ queryKey: ARTICLES_KEY });
  const keep = (a: { id: number }) => qc.setQueryData(articleKey(a.id), a);
  return {
    create: useMutation({ mutationFn: (body: NewArticle) => createArticle(body), meta: { silentErrors: true }, onSuccess: keep, onSettled }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: number; body: ArticleUpdate }) => updateArticle(id, body),
      meta: { silentErrors: true },
      onSuccess: keep,
      onSettled,
    }),
    act: useMutation({
      mutationFn: ({ id, body }: { id: number; body: ArticleActionInput }) => actOnArticle(id, body),
      meta: { silentErrors: true },
      onSuccess: keep,
      onSettled,
    }),
  };
}
