/**
 * An article (领导活动 / 工作动态 / 工作信息): a news item an office writes for the bulletin, as an
 * explicit transition table: draft → submitted → approved (by the city office) → used (in bulletin
 * N); a submitted article may be returned to draft with a reason. Bodies are plain paragraphs. Pure.
 */
export const ARTICLE_CATEGORIES = ['leader', 'work', 'info'] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];
export const ARTICLE_CATEGORY_LABELS: Record<ArticleCategory, string> = { leader: '领导活动', work: '工作动态', info: '工作信息' };

export const ARTICLE_STATES = ['draft', 'submitted', 'approved', 'used'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];
export const ARTICLE_STATE_LABELS: Record<ArticleState, string> = { draft: '草稿', submitted: '待审核', approved: '已审核', used: '已刊用' };

export const ARTICLE_ACTIONS = ['submit', 'approve', 'return', 'withdraw'] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];
export const ARTICLE_ACTION_LABELS: Record<ArticleAction, string> = { submit: '提交审核', approve: '审核通过', return: '退回修改', withdraw: '撤回审核' };

const TABLE: Record<ArticleAction, { from: readonly ArticleState[]; to: ArticleState }> = {
  submit: { from: ['draft'], to: 'submitted' },
  approve: { from: ['submitted', 'draft'], to: 'approved' },
  return: { from: ['submitted'], to: 'draft' },
  withdraw: { from: ['approved'], to: 'draft' },
};
const REFUSED: Record<ArticleState, string> = {
  draft: '稿件还是草稿，请先提交审核',
  submitted: '稿件正在审核',
  approved: '稿件已审核通过',
  used: '稿件已刊用在简报中，不能再改动',
};

export class ArticleRuleError extends Error {}

/**
 * The next state. Only the city office approves; it may approve its own draft directly. A district
 * writes 工作信息 only. An approved article not yet used may be withdrawn to draft by the city office.
 */
export function transitionArticle(state: ArticleState, action: ArticleAction, who: { approver: boolean; author: boolean }, reason?: string): ArticleState {
  const row = TABLE[action];
  if (!row.from.includes(state)) throw new ArticleRuleError(`不能${ARTICLE_ACTION_LABELS[action]}：${REFUSED[state]}`);
  if (action === 'approve' && state === 'draft' && !who.author) throw new ArticleRuleError('其他单位的草稿须先由作者提交审核');
  if ((action === 'approve' || action === 'return' || action === 'withdraw') && !who.approver) throw new ArticleRuleError(`只有市封停办可以${ARTICLE_ACTION_LABELS[action]}`);
  if (action === 'return' && !reason?.trim()) throw new ArticleRuleError('退回须填写原因');
  return row.to;
}

export function nextArticleActions(state: ArticleState, who: { approver: boolean; author: boolean }): ArticleAction[] {
  return ARTICLE_ACTIONS.filter(
    (a) => TABLE[a].from.includes(state) && (a === 'submit' ? who.author && !who.approver : who.approver && !(a === 'approve' && state === 'draft' && !who.author)),
  );
}

export const isEditable = (state: ArticleState) => state === 'draft';

/** Categories an office may write: the city any; a district or street 工作信息 only. */
export function writableCategories(isCityOffice: boolean): ArticleCategory[] {
  return isCityOffice ? [...ARTICLE_CATEGORIES] : ['info'];
}

/** Paragraphs as typed: trimmed, blank ones dropped; markup is not interpreted anywhere, only shown as text. */
export function normaliseParagraphs(paragraphs: readonly string[]): string[] {
  return paragraphs.flatMap((p) => p.split(/\r?\n/)).map((p) => p.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').trim()).filter(Boolean);
}

/** In a bulletin, a district's 工作信息 is titled “卧龙区：…”. */
export function displayTitle(a: { category: ArticleCategory; title: string; district: string | null }): string {
  return a.category === 'info' && a.district ? `${a.district}：${a.title}` : a.title;
}
