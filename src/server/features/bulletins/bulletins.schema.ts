import { z } from 'zod';
import { ARTICLE_CATEGORIES } from '../../../domain/bulletin/article.js';
import { TABLE_KEYS } from '../../../domain/bulletin/bulletin.js';
import { day } from '../../http/schema-types.js';

const text = (max: number) => z.string().trim().max(max);

export const SectionSpec = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('articles'), category: z.enum(ARTICLE_CATEGORIES), articleIds: z.array(z.number().int().positive()).max(40) }),
  z.object({ kind: z.literal('table'), table: z.enum(TABLE_KEYS), campaignId: z.number().int().positive().optional(), inContents: z.boolean().default(true) }),
]);

export const SeriesView = z.object({ id: z.number(), name: z.string(), title: z.string(), office: z.string(), reportLine: z.string(), sendLine: z.string(), campaignId: z.number().nullable() });
export const SaveSeriesBody = z.object({ title: text(60).min(2), office: text(120).min(2), reportLine: text(300).min(2), sendLine: text(300).min(2) });

const Cell = z.object({ text: z.string(), rowSpan: z.number().optional(), colSpan: z.number().optional() });
const Table = z.object({ title: z.string(), note: z.string().nullable(), header: z.array(z.array(Cell)), rows: z.array(z.array(Cell)) });
export const BulletinContentView = z.object({
  seriesTitle: z.string(),
  numberText: z.string(),
  office: z.array(z.string()),
  dateText: z.string(),
  corrects: z.string().nullable(),
  contents: z.array(z.object({ group: z.string(), items: z.array(z.string()) })),
  blocks: z.array(
    z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('article'), category: z.enum(ARTICLE_CATEGORIES), title: z.string(), paragraphs: z.array(z.string()) }),
      z.object({ kind: z.literal('table'), key: z.enum(TABLE_KEYS), table: Table }),
      z.object({ kind: z.literal('summary'), title: z.string(), intro: z.string(), paragraphs: z.array(z.object({ heading: z.string(), body: z.string() })) }),
    ]),
  ),
  distribution: z.object({ report: z.string(), send: z.string() }),
});

const Summary = {
  id: z.number(), seriesId: z.number(), series: z.string(), number: z.number(), issuedOn: z.string(), asOf: z.string(), state: z.enum(['draft', 'issued']),
  correctsId: z.number().nullable(), issuedBy: z.string().nullable(), version: z.number(),
};
export const BulletinListView = z.object({ bulletins: z.array(z.object(Summary)) });
export const BulletinView = z.object({
  ...Summary,
  correction: z.string().nullable(),
  issuedAt: z.string().nullable(),
  sections: z.array(SectionSpec),
  content: BulletinContentView,
  /** the articles chosen, then the approved ones that may be added */
  articles: z.array(z.object({ id: z.number(), category: z.enum(ARTICLE_CATEGORIES), title: z.string(), onDate: z.string(), state: z.string() })),
});

export const CreateBulletinBody = z.object({
  seriesId: z.number().int().positive(),
  issuedOn: day,
  asOf: day,
  number: z.number().int().positive().optional(),
  sections: z.array(SectionSpec).max(30).optional(),
  correctsId: z.number().int().positive().optional(),
  correction: text(500).optional(),
});
export const UpdateBulletinBody = z.object({ issuedOn: day, asOf: day, sections: z.array(SectionSpec).max(30), correction: text(500).optional(), version: z.number().int() });
export const NoticeBody = z.object({ campaignId: z.number().int().positive(), date: day });
