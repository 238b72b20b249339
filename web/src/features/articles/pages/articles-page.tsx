import { EditOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Select, Tabs } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { ARTICLE_CATEGORIES, ARTICLE_CATEGORY_LABELS, ARTICLE_STATE_LABELS, ARTICLE_STATES, type ArticleCategory, type ArticleState } from '@domain/bulletin/article';
import { formatDate } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import type { Article } from '../api/articles-api';
import { ArticleCategoryTag, ArticleStateTag } from '../components/article-tags';
import { useArticles } from '../hooks/use-articles';
import '../articles.css';

/** 工作动态: the offices' news items for the bulletin — drafts, the approval queue, approved and printed. */
export function ArticlesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const list = useListParams();
  const { q, page, pageSize, update } = list;
  const state = list.oneOf('state', ARTICLE_STATES);
  const category = list.oneOf('category', ARTICLE_CATEGORIES);
  const filter = { ...(state ? { state } : {}), ...(category ? { category } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useArticles({ ...filter, page, pageSize });
  const approver = can('articles.approve');
  // the approver's queue shows how many wait, whichever tab is open
  const queue = useArticles({ state: 'submitted', page: 1, pageSize: 1 }, approver);

  const tabLabel = (s: ArticleState) => {
    if (s !== 'submitted') return ARTICLE_STATE_LABELS[s];
    const waiting = queue.data?.total ?? 0;
    return approver ? (
      <span>
        审核队列 <Badge count={waiting} size="small" overflowCount={99} />
      </span>
    ) : (
      ARTICLE_STATE_LABELS[s]
    );
  };

  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="工作动态"
        description="领导活动、工作动态和各区工作信息稿件：撰写 → 提交审核 → 市封停办审核通过后供简报刊用"
        extra={
          can('articles.write') && (
            <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/articles/new')} data-testid="article-new">
              写稿件
            </Button>
          )
        }
      />
      <Card className="ws-card">
        <Tabs
          activeKey={state ?? 'all'}
          onChange={(k) => update({ state: k === 'all' ? undefined : k })}
          items={[{ key: 'all', label: '全部' }, ...ARTICLE_STATES.map((s) => ({ key: s, label: tabLabel(s) }))]}
          data-testid="articles-tabs"
        />
        <ListToolbar total={data?.total} unit="篇">
          <ListSearch list={list} placeholder="标题或正文" data-testid="articles-search" />
          <Select<ArticleCategory>
            allowClear
            placeholder="全部类别"
            className="ws-art-filters__select"
            value={category}
            onChange={(v) => update({ category: v })}
            options={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: ARTICLE_CATEGORY_LABELS[c] }))}
            data-testid="articles-category"
          />
        </ListToolbar>
        <PagedTable<Article>
          data-testid="articles-table"
          list={list}
          total={data?.total}
          unit="篇"
          error={error}
          loading={isFetching}
          dataSource={data?.articles ?? []}
          scroll={{ x: 860 }}
          rowLink={(a) => `/articles/${a.id}`}
          locale={{ emptyText: filtered ? '没有符合条件的稿件' : '还没有稿件' }}
          columns={[
            { title: '日期', dataIndex: 'onDate', width: 130, render: (d: string) => <span className="ws-nowrap">{formatDate(d)}</span> },
            { title: '类别', dataIndex: 'category', width: 100, render: (c: ArticleCategory) => <ArticleCategoryTag category={c} /> },
            {
              title: '标题',
              dataIndex: 'displayTitle',
              render: (t: string, a) => (
                <div className="ws-art-title">
                  <Link to={`/articles/${a.id}`} onClick={(e) => e.stopPropagation()}>
                    {t}
                  </Link>
                  {a.returnReason && a.state === 'draft' && <div className="ws-card-name__addr" style={{ color: '#d46b08' }}>已退回：{a.returnReason}</div>}
                </div>
              ),
            },
            { title: '撰稿单位', dataIndex: 'author', width: 150 },
            {
              title: '状态',
              dataIndex: 'state',
              width: 150,
              render: (s: ArticleState, a) => (
                <div>
                  <ArticleStateTag state={s} />
                  {a.usedIn && <div className="ws-card-name__addr">{a.usedIn}</div>}
                </div>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
