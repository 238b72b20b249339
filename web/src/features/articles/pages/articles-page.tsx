import { EditOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Input, Select, Table, Tabs, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ARTICLE_CATEGORIES, ARTICLE_CATEGORY_LABELS, ARTICLE_STATE_LABELS, ARTICLE_STATES, type ArticleCategory, type ArticleState } from '@domain/bulletin/article';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import type { Article } from '../api/articles-api';
import { ArticleCategoryTag, ArticleStateTag } from '../components/article-tags';
import { useArticles } from '../hooks/use-articles';
import '../articles.css';

const PAGE_SIZES = [20, 50, 100];
const isState = (s: string | null): s is ArticleState => (ARTICLE_STATES as readonly string[]).includes(s ?? '');
const isCategory = (s: string | null): s is ArticleCategory => (ARTICLE_CATEGORIES as readonly string[]).includes(s ?? '');

/** 工作动态: the offices' news items for the bulletin — drafts, the approval queue, approved and printed. */
export function ArticlesPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const state = isState(stateParam) ? stateParam : undefined;
  const categoryParam = params.get('category');
  const category = isCategory(categoryParam) ? categoryParam : undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const filter = { ...(state ? { state } : {}), ...(category ? { category } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useArticles({ ...filter, page, pageSize });
  const approver = can('articles.approve');
  // the approver's queue shows how many wait, whichever tab is open
  const queue = useArticles({ state: 'submitted', page: 1, pageSize: 1 }, approver);

  /** Changes filters; any change but the page goes back to page 1. */
  const update = (next: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1)) p.delete(k);
      else p.set(k, String(v));
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };

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
        <div className="ws-card-toolbar">
          <div className="ws-card-toolbar__filters">
            <Input.Search
              allowClear
              placeholder="标题或正文"
              className="ws-card-toolbar__search"
              defaultValue={q}
              onSearch={(v) => update({ q: v.trim() })}
              onChange={(e) => !e.target.value && q && update({ q: undefined })}
              data-testid="articles-search"
            />
            <Select<ArticleCategory>
              allowClear
              placeholder="全部类别"
              className="ws-art-filters__select"
              value={category}
              onChange={(v) => update({ category: v })}
              options={ARTICLE_CATEGORIES.map((c) => ({ value: c, label: ARTICLE_CATEGORY_LABELS[c] }))}
              data-testid="articles-category"
            />
          </div>
          <Typography.Text type="secondary">{data ? `共 ${data.total.toLocaleString('zh-CN')} 篇` : ''}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} />}
        <Table<Article>
          data-testid="articles-table"
          size="middle"
          rowKey="id"
          loading={isFetching}
          dataSource={data?.articles ?? []}
          scroll={{ x: 860 }}
          onRow={(a) => ({ onClick: () => navigate(`/articles/${a.id}`), className: 'ws-clickable-row' })}
          locale={{ emptyText: filtered ? '没有符合条件的稿件' : '还没有稿件' }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 篇`,
            onChange: (p, size) => update(size !== pageSize ? { size, page: undefined } : { page: p }),
          }}
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
