import type { z } from 'zod';
import type { ArticleActionBody, ArticlesList, ArticleView, CreateArticleBody, UpdateArticleBody } from '@server/features/articles/articles.schema';
import type { ArticleCategory, ArticleState } from '@domain/bulletin/article';
import { api } from '../../../lib/api-client';

export type Article = ArticleView;
export type NewArticle = z.input<typeof CreateArticleBody>;
export type ArticleUpdate = z.input<typeof UpdateArticleBody>;
export type ArticleActionInput = z.input<typeof ArticleActionBody>;

export type ArticlesFilter = { state?: ArticleState; category?: ArticleCategory; from?: string; to?: string; q?: string; page: number; pageSize: number };

export const fetchArticles = (filter: ArticlesFilter, signal?: AbortSignal) => api.get<z.infer<typeof ArticlesList>>('/api/articles', filter, signal);
export const fetchArticle = (id: number, signal?: AbortSignal) => api.get<Article>(`/api/articles/${id}`, undefined, signal);
export const createArticle = (body: NewArticle) => api.post<Article>('/api/articles', body);
export const updateArticle = (id: number, body: ArticleUpdate) => api.patch<Article>(`/api/articles/${id}`, body);
export const actOnArticle = (id: number, body: ArticleActionInput) => api.post<Article>(`/api/articles/${id}/actions`, body);
