import { Tag } from 'antd';
import { ARTICLE_CATEGORY_LABELS, ARTICLE_STATE_LABELS, type ArticleCategory, type ArticleState } from '@domain/bulletin/article';

const STATE_COLORS: Record<ArticleState, string> = { draft: 'default', submitted: 'processing', approved: 'success', used: 'purple' };
const CATEGORY_COLORS: Record<ArticleCategory, string> = { leader: 'red', work: 'blue', info: 'cyan' };

export function ArticleStateTag({ state, testId, large }: { state: ArticleState; testId?: string; large?: boolean }) {
  return (
    <Tag color={STATE_COLORS[state]} data-testid={testId} className={large ? 'ws-tag-large' : undefined}>
      {ARTICLE_STATE_LABELS[state]}
    </Tag>
  );
}

export function ArticleCategoryTag({ category }: { category: ArticleCategory }) {
  return (
    <Tag variant="outlined" color={CATEGORY_COLORS[category]}>
      {ARTICLE_CATEGORY_LABELS[category]}
    </Tag>
  );
}
