import { z } from 'zod';
import { ARTICLE_ACTIONS, ARTICLE_CATEGORIES, ARTICLE_STATES } from '../../../domain/bulletin/article.js';
import { day, searchText } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);

export const ArticleFields = z.object({
  category: z.enum(ARTICLE_CATEGORIES),
  title: text(80).min(4, '标题至少 4 个字'),
  onDate: day,
  /** plain paragraphs; no markup is interpreted */
  paragraphs: z.array(text(5000)).min(1, '正文不能为空').max(60),
  /** the inspection or meeting the article tells of */
  inspectionId: z.number().int().positive().nullable().default(null),
});
export const CreateArticleBody = ArticleFields.extend({
  /** the writing office; defaults to the caller's own unit */
  authorUnitId: z.number().int().positive().optional(),
});
export const UpdateArticleBody = ArticleFields.extend({ version: z.number().int() });
export const ArticleActionBody = z.object({ action: z.enum(ARTICLE_ACTIONS), reason: text(500).optional(), version: z.number().int() });

export const ArticleView = z.object({
  id: z.number(),
  category: z.enum(ARTICLE_CATEGORIES),
  categoryLabel: z.string(),
  title: z.string(),
  /** as printed in a bulletin: “卧龙区：…” for a district's 工作信息 */
  displayTitle: z.string(),
  onDate: z.string(),
  paragraphs: z.array(z.string()),
  authorUnitId: z.number(),
  author: z.string(),
  district: z.string().nullable(),
  inspectionId: z.number().nullable(),
  inspectionTitle: z.string().nullable(),
  state: z.enum(ARTICLE_STATES),
  stateLabel: z.string(),
  returnReason: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedOn: z.string().nullable(),
  usedIn: z.string().nullable(),
  editable: z.boolean(),
  actions: z.array(z.enum(ARTICLE_ACTIONS)),
  version: z.number(),
});
export type ArticleView = z.infer<typeof ArticleView>;

export const ArticlesQuery = z.object({
  state: z.enum(ARTICLE_STATES).optional(),
  category: z.enum(ARTICLE_CATEGORIES).optional(),
  from: day.optional(),
  to: day.optional(),
  q: searchText(60).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export const ArticlesList = z.object({ total: z.number(), articles: z.array(ArticleView) });
