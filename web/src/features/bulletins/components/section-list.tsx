import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Dropdown, Empty, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { ARTICLE_CATEGORIES, ARTICLE_CATEGORY_LABELS, ARTICLE_STATE_LABELS, type ArticleState } from '@domain/bulletin/article';
import { TABLE_KEYS, TABLE_LABELS, type TableKey } from '@domain/bulletin/bulletin';
import { formatDate } from '../../../lib/format';
import type { BulletinArticle, Section } from '../api/bulletins-api';

type ArticleSection = Extract<Section, { kind: 'articles' }>;
type TableSection = Extract<Section, { kind: 'table' }>;
/** A campaign whose progress table (日通报) can go in the issue. */
export type CampaignChoice = { id: number; name: string };

/** Tables that make sense once per issue; the task table may appear once per campaign. */
const ONCE: readonly TableKey[] = ['tips', 'survey', 'findings'];

/** `list` with the item at `i` swapped with its neighbour `i + by` (unchanged at the ends). */
function move<T>(list: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= list.length) return [...list];
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

const isState = (s: string): s is ArticleState => s in ARTICLE_STATE_LABELS;

function MoveButtons({ index, count, onMove, label, disabled }: { index: number; count: number; onMove: (by: -1 | 1) => void; label: string; disabled: boolean }) {
  return (
    <>
      <Tooltip title={`${label}上移`}>
        <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`${label}上移`} disabled={disabled || index === 0} onClick={() => onMove(-1)} />
      </Tooltip>
      <Tooltip title={`${label}下移`}>
        <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`${label}下移`} disabled={disabled || index === count - 1} onClick={() => onMove(1)} />
      </Tooltip>
    </>
  );
}

/**
 * The articles of one column: those chosen, in print order with up/down, then the approved ones of
 * the same category not yet in this issue, to tick in.
 */
function ArticlePicker({
  section,
  articles,
  takenElsewhere,
  onChange,
  disabled,
}: {
  section: ArticleSection;
  articles: BulletinArticle[];
  takenElsewhere: Set<number>;
  onChange: (ids: number[]) => void;
  disabled: boolean;
}) {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const candidates = articles
    .filter((a) => a.category === section.category && a.state === 'approved' && !section.articleIds.includes(a.id) && !takenElsewhere.has(a.id))
    .sort((a, b) => b.onDate.localeCompare(a.onDate) || b.id - a.id);
  const ids = section.articleIds;

  if (!ids.length && !candidates.length) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无可编入的稿件（稿件须先审核通过）" className="ws-bul-empty" />;
  }
  return (
    <ul className="ws-bul-articles">
      {ids.map((id, i) => {
        const a = byId.get(id);
        const stale = a && a.state !== 'approved';
        return (
          <li key={id} className="ws-bul-article ws-bul-article--chosen" data-testid={`bulletin-article-${id}`}>
            <Checkbox checked disabled={disabled} onChange={() => onChange(ids.filter((x) => x !== id))} aria-label="移出本期" />
            <span className="ws-bul-article__index">{i + 1}.</span>
            <span className="ws-bul-article__title">
              {a?.title ?? `稿件 #${id}`}
              {stale && (
                <Tag color="error" className="ws-bul-article__warn">
                  {isState(a.state) ? ARTICLE_STATE_LABELS[a.state] : a.state}，不能编入
                </Tag>
              )}
              {a && <span className="ws-bul-article__date">{formatDate(a.onDate)}</span>}
            </span>
            <span className="ws-bul-article__moves">
              <MoveButtons index={i} count={ids.length} label="稿件" disabled={disabled} onMove={(by) => onChange(move(ids, i, by))} />
            </span>
          </li>
        );
      })}
      {candidates.map((a) => (
        <li key={a.id} className="ws-bul-article" data-testid={`bulletin-article-${a.id}`}>
          <Checkbox checked={false} disabled={disabled} onChange={() => onChange([...ids, a.id])} aria-label="编入本期" />
          <span className="ws-bul-article__index" />
          <span className="ws-bul-article__title ws-bul-article__title--candidate">
            {a.title}
            <span className="ws-bul-article__date">{formatDate(a.onDate)}</span>
          </span>
          <span className="ws-bul-article__moves" />
        </li>
      ))}
    </ul>
  );
}

function TableOptions({ section, campaigns, onChange, disabled }: { section: TableSection; campaigns: CampaignChoice[]; onChange: (s: TableSection) => void; disabled: boolean }) {
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      {section.table === 'task' && (
        <Space wrap>
          <Typography.Text>任务批次</Typography.Text>
          <Select<number>
            value={section.campaignId}
            placeholder="选择任务批次"
            status={section.campaignId ? undefined : 'error'}
            disabled={disabled}
            style={{ minWidth: 200 }}
            options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
            onChange={(campaignId) => onChange({ ...section, campaignId })}
            data-testid="bulletin-section-campaign"
          />
        </Space>
      )}
      <Space>
        <Switch size="small" checked={section.inContents} disabled={disabled} onChange={(inContents) => onChange({ ...section, inContents })} data-testid="bulletin-section-contents" />
        <Typography.Text>列入本期导读</Typography.Text>
        <Typography.Text type="secondary" className="ws-bul-hint">
          导读中列在前一栏目的标题之后
        </Typography.Text>
      </Space>
    </Space>
  );
}

/**
 * The draft's sections in print order: article columns (领导活动, 工作动态, 工作信息) and tables from
 * the catalogue, each movable and removable; a menu adds the ones not yet in the issue.
 */
export function SectionList({
  sections,
  articles,
  campaigns,
  onChange,
  disabled = false,
}: {
  sections: Section[];
  articles: BulletinArticle[];
  campaigns: CampaignChoice[];
  onChange: (sections: Section[]) => void;
  disabled?: boolean;
}) {
  const setAt = (i: number, s: Section) => onChange(sections.map((x, k) => (k === i ? s : x)));
  const chosen = (except: number) => new Set(sections.flatMap((s, k) => (s.kind === 'articles' && k !== except ? s.articleIds : [])));
  const inIssue = chosen(-1);
  const hasCategory = (c: string) => sections.some((s) => s.kind === 'articles' && s.category === c);
  const hasTable = (t: TableKey) => sections.some((s) => s.kind === 'table' && s.table === t);

  const addItems: MenuProps['items'] = [
    {
      type: 'group',
      label: '稿件栏目',
      children: ARTICLE_CATEGORIES.map((c) => {
        const waiting = articles.filter((a) => a.category === c && a.state === 'approved' && !inIssue.has(a.id)).length;
        return { key: `articles:${c}`, label: `${ARTICLE_CATEGORY_LABELS[c]}${waiting ? `（${waiting} 篇可编入）` : ''}`, disabled: hasCategory(c) };
      }),
    },
    {
      type: 'group',
      label: '统计表',
      children: TABLE_KEYS.map((t) => ({ key: `table:${t}`, label: TABLE_LABELS[t], disabled: ONCE.includes(t) && hasTable(t) })),
    },
  ];
  const add = (key: string) => {
    const [kind, what] = key.split(':');
    const category = ARTICLE_CATEGORIES.find((c) => c === what);
    const table = TABLE_KEYS.find((t) => t === what);
    if (kind === 'articles' && category) onChange([...sections, { kind: 'articles', category, articleIds: [] }]);
    if (kind === 'table' && table) {
      const only = campaigns.length === 1 ? campaigns[0]!.id : undefined;
      onChange([...sections, { kind: 'table', table, inContents: table !== 'task', ...(table === 'task' && only ? { campaignId: only } : {}) }]);
    }
  };

  return (
    <div className="ws-bul-sections" data-testid="bulletin-sections">
      {sections.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本期还没有内容，请添加栏目或统计表" />}
      {sections.map((s, i) => (
        <Card
          key={`${i}-${s.kind === 'articles' ? s.category : s.table}`}
          size="small"
          className="ws-bul-section"
          data-testid={`bulletin-section-${i}`}
          title={
            s.kind === 'articles' ? (
              <Space size={6}>
                <span className="ws-bul-section__kind">栏目</span>
                <span>【{ARTICLE_CATEGORY_LABELS[s.category]}】</span>
                <Typography.Text type="secondary" className="ws-bul-hint">
                  {s.articleIds.length} 篇
                </Typography.Text>
              </Space>
            ) : (
              <Space size={6}>
                <span className="ws-bul-section__kind ws-bul-section__kind--table">表</span>
                <span className="ws-bul-section__title">{TABLE_LABELS[s.table]}</span>
              </Space>
            )
          }
          extra={
            <Space size={0}>
              <MoveButtons index={i} count={sections.length} label="栏目" disabled={disabled} onMove={(by) => onChange(move(sections, i, by))} />
              <Tooltip title="移除">
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label="移除栏目" disabled={disabled} onClick={() => onChange(sections.filter((_, k) => k !== i))} />
              </Tooltip>
            </Space>
          }
        >
          {s.kind === 'articles' ? (
            <ArticlePicker section={s} articles={articles} takenElsewhere={chosen(i)} disabled={disabled} onChange={(articleIds) => setAt(i, { ...s, articleIds })} />
          ) : (
            <TableOptions section={s} campaigns={campaigns} disabled={disabled} onChange={(t) => setAt(i, t)} />
          )}
        </Card>
      ))}
      <Dropdown menu={{ items: addItems, onClick: ({ key }) => add(key) }} trigger={['click']} disabled={disabled || sections.length >= 30}>
        <Button block type="dashed" icon={<PlusOutlined />} data-testid="bulletin-section-add">
          添加栏目或统计表 <DownOutlined />
        </Button>
      </Dropdown>
    </div>
  );
}
