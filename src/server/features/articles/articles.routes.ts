import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../app.js';
import { ctxOf } from '../../http/request-context.js';
import { IdParams } from '../org/org.schema.js';
import { ArticleActionBody, ArticlesList, ArticlesQuery, ArticleView, CreateArticleBody, UpdateArticleBody } from './articles.schema.js';
import * as service from './articles.service.js';

export function articlesRoutes(deps: AppDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/api/articles', { schema: { querystring: ArticlesQuery, response: { 200: ArticlesList } } }, async (req) => service.listArticlesFor(ctxOf(req, deps), req.query));
    app.post('/api/articles', { schema: { body: CreateArticleBody, response: { 200: ArticleView } } }, async (req) => service.createArticle(ctxOf(req, deps), req.body));
    app.get('/api/articles/:id', { schema: { params: IdParams, response: { 200: ArticleView } } }, async (req) => service.getArticle(ctxOf(req, deps), req.params.id));
    app.patch('/api/articles/:id', { schema: { params: IdParams, body: UpdateArticleBody, response: { 200: ArticleView } } }, async (req) =>
      service.updateArticle(ctxOf(req, deps), req.params.id, req.body),
    );
    app.post('/api/articles/:id/actions', { schema: { params: IdParams, body: ArticleActionBody, response: { 200: ArticleView } } }, async (req) =>
      service.actOnArticle(ctxOf(req, deps), req.params.id, req.body),
    );
  };
}
