/**
 * A bulletin issue (工作简报 第 N 期, or a daily notice 日通报) as a content model: the red header, the
 * contents list (本期导读), the blocks (articles, tables, the weekly findings summary) and the
 * distribution lines (报 / 发). Everything a DOCX, a PDF or the web preview shows comes from this
 * one structure; an issued bulletin stores it, so it never changes afterwards. Pure.
 */
import type { TaskProgressTable } from '../campaign/task-progress.js';
import type { SurveyProgressTable } from '../survey/progress-table.js';
import type { TipSummary } from '../tip/summary.js';
import { ARTICLE_CATEGORY_LABELS, type ArticleCategory } from './article.js';

export type Cell = { text: string; rowSpan?: number; colSpan?: number };
export type BulletinTable = { title: string; note: string | null; header: Cell[][]; rows: Cell[][] };
export type BulletinBlock =
  | { kind: 'article'; category: ArticleCategory; title: string; paragraphs: string[] }
  | { kind: 'table'; key: TableKey; table: BulletinTable }
  | { kind: 'summary'; title: string; intro: string; paragraphs: { heading: string; body: string }[] };

export type BulletinContent = {
  seriesTitle: string;
  numberText: string;
  /** the issuing office, as the lines it is printed on */
  office: string[];
  dateText: string;
  corrects: string | null;
  contents: { group: string; items: string[] }[];
  blocks: BulletinBlock[];
  distribution: { report: string; send: string };
};

export const TABLE_KEYS = ['tips', 'survey', 'task', 'findings'] as const;
export type TableKey = (typeof TABLE_KEYS)[number];
export const TABLE_LABELS: Record<TableKey, string> = {
  tips: '举报线索办理情况表', survey: '四区自备井排查进度表', task: '封停任务进度及排名（日通报）', findings: '一周问题汇总',
};

/** A section of a draft, in order: the approved articles of one category, or a table from the catalogue. */
export type SectionSpec =
  | { kind: 'articles'; category: ArticleCategory; articleIds: number[] }
  | { kind: 'table'; table: TableKey; campaignId?: number | undefined; inContents: boolean };

/** 2024-01-14 → "2024 年 1 月 14 日" as the header prints it. */
export function headerDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y} 年 ${m} 月 ${d} 日`;
}
const cutOff = (day: string) => {
  const [y, m, d] = day.split('-').map(Number);
  return `截止日期：${y}年${m}月${d}日`;
};

export function tipsTable(t: TipSummary, title = '中心城区自备井专项整治“飓风”行动举报线索办理情况表'): BulletinTable {
  const row = (name: string, c: TipSummary['total']) => [name, c.received, c.assigned, c.closed, c.closureRate, c.substantiated].map((x) => ({ text: String(x) }));
  return {
    title, note: cutOff(t.asOf),
    header: [['区域 \\ 类别', '受理（件）', '交办（件）', '办结（件）', '办结率', '有效（件）'].map((text) => ({ text }))],
    rows: [row('合计', t.total), ...t.rows.map((r) => row(r.district, r))],
  };
}

export function surveyTable(t: SurveyProgressTable, title = '四区自备井排查进度表'): BulletinTable {
  const row = (name: string, c: SurveyProgressTable['total']) => [name, c.grids, c.started, c.completed, c.rate].map((x) => ({ text: String(x) }));
  return {
    title, note: cutOff(t.asOf),
    header: [['区域 \\ 类别', '网格总数', '已开展排查网格数', '已完成排查网格数', '排查完成率'].map((text) => ({ text }))],
    rows: [row('合 计', t.total), ...t.rows.map((r) => row(r.district, r))],
  };
}

/** The daily notice table: three rows per district, the district, its share and its rank merged over them. */
export function taskTable(t: TaskProgressTable, title: string): BulletinTable {
  const [y, m, d] = t.asOf.split('-').map(Number);
  const c = (x: string | number, span?: number): Cell => (span ? { text: String(x), rowSpan: span } : { text: String(x) });
  const rows: Cell[][] = [];
  const block = (name: string, s: TaskProgressTable['total'], share: string, rank: string) => {
    rows.push([c(name, 3), c('应封停'), c(s.seal.tasks), c(s.seal.done), c(s.seal.share), c(share, 3), c(rank, 3)]);
    rows.push([c('应纳管'), c(s.permit.tasks), c(s.permit.done), c(s.permit.share)]);
    rows.push([c('合计'), c(s.all.tasks), c(s.all.done), c(s.all.share)]);
  };
  for (const r of t.rows) block(r.district, r, r.share, String(r.rank));
  block('总计', t.total, t.total.all.share, '');
  return {
    title, note: `(${y}. ${m}. ${d})`,
    header: [['辖区', '分类', '总任务数', '累计完成数', '累计完成比例', '完成比例', '排名'].map((text) => ({ text }))],
    rows,
  };
}

/** Cells of a table laid out on the grid (merged cells expanded), for tests and text renderings. */
export function tableGrid(t: BulletinTable): string[][] {
  const width = t.header[0]!.length;
  const grid: (string | undefined)[][] = [];
  t.rows.forEach((cells, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const cell of cells) {
      while (grid[r]![col] !== undefined) col++;
      for (let k = 0; k < (cell.rowSpan ?? 1); k++) {
        grid[r + k] ??= [];
        grid[r + k]![col] = k === 0 ? cell.text : '';
      }
      col += cell.colSpan ?? 1;
    }
  });
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

export type ComposeInput = {
  series: { title: string; office: string; reportLine: string; sendLine: string };
  number: number;
  issuedOn: string;
  corrects: { number: number; note: string } | null;
  sections: (
    | { kind: 'articles'; category: ArticleCategory; articles: { title: string; paragraphs: string[] }[] }
    | { kind: 'table'; inContents: boolean; block: Extract<BulletinBlock, { kind: 'table' | 'summary' }> }
  )[];
};

/**
 * The content in section order. The contents list has one group per article section
 * (【领导活动】…) with its titles; a table listed in the contents joins the group before it.
 */
export function composeBulletin(input: ComposeInput): BulletinContent {
  const contents: BulletinContent['contents'] = [];
  const blocks: BulletinBlock[] = [];
  for (const s of input.sections) {
    if (s.kind === 'articles') {
      if (!s.articles.length) continue;
      contents.push({ group: `【${ARTICLE_CATEGORY_LABELS[s.category]}】`, items: s.articles.map((a) => a.title) });
      for (const a of s.articles) blocks.push({ kind: 'article', category: s.category, title: a.title, paragraphs: a.paragraphs });
      continue;
    }
    blocks.push(s.block);
    if (s.inContents) {
      const title = s.block.kind === 'table' ? s.block.table.title : s.block.title;
      if (contents.length) contents.at(-1)!.items.push(title);
      else contents.push({ group: '', items: [title] });
    }
  }
  return {
    seriesTitle: input.series.title,
    numberText: `第 ${input.number} 期`,
    office: splitOffice(input.series.office),
    dateText: headerDate(input.issuedOn),
    corrects: input.corrects ? `本期更正第 ${input.corrects.number} 期：${input.corrects.note}` : null,
    contents,
    blocks,
    distribution: { report: input.series.reportLine, send: input.series.sendLine },
  };
}

/** The office name on two lines where it is long, as the seeds print it (break after 南水北调). */
export function splitOffice(office: string): string[] {
  if (office.includes('\n')) return office.split('\n');
  if (office.length <= 16) return [office];
  const at = office.indexOf('南水北调');
  const cut = at > 0 ? at + 4 : Math.ceil(office.length / 2);
  return [office.slice(0, cut), office.slice(cut)];
}
