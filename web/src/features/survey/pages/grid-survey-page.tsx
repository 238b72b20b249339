import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  DownloadOutlined,
  FileProtectOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  RollbackOutlined,
  ShopOutlined,
  SolutionOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Input, Result, Select, Skeleton, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { CARD_KIND_LABELS, CARD_KINDS, PLEDGE_STATUS_LABELS, type CardKind, type PledgeStatus } from '@domain/survey/card';
import type { SurveyEventKind } from '@domain/survey/survey-state';
import { ApiError } from '../../../lib/api-client';
import { formatCount, formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { MaskedValue } from '../../../ui/masked-value';
import { StatTile } from '../../../ui/stat-tile';
import { useCan } from '../../auth/hooks/use-session';
import { cardsExportUrl, type Card as UserCard } from '../api/survey-api';
import { CardFormDrawer, type CardTarget } from '../components/card-form-drawer';
import { GridEventModal } from '../components/grid-event-modal';
import { GridEventsTimeline } from '../components/grid-events-timeline';
import { GridSummaryPanel } from '../components/grid-summary-panel';
import { CardKindTag, PledgeTag, SurveyStateTag } from '../components/survey-tags';
import { useGridCards, useGridDetail } from '../hooks/use-survey';

type Tab = 'cards' | 'summary' | 'events';

function targetOf(param: string | null): CardTarget {
  if (param === 'new') return 'new';
  const id = Number(param);
  return Number.isInteger(id) && id > 0 ? id : null;
}

export function GridSurveyPage() {
  const gridId = Number(useParams().gridId);
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [event, setEvent] = useState<SurveyEventKind | null>(null);
  const [keyword, setKeyword] = useState('');
  const [kind, setKind] = useState<CardKind | null>(null);
  const [pledge, setPledge] = useState<PledgeStatus | null>(null);
  const detail = useGridDetail(gridId);
  const cards = useGridCards(gridId);
  const tab = (params.get('tab') as Tab | null) ?? 'cards';
  const target = targetOf(params.get('card'));

  const setParam = (key: string, value: string | null, replace = false, state?: unknown) => {
    const p = new URLSearchParams(params);
    if (value === null) p.delete(key);
    else p.set(key, value);
    setParams(p, { replace, state });
  };
  // the phone's back button closes a card opened from the list
  const openCard = (t: CardTarget) => setParam('card', t === null ? null : String(t), false, { fromList: true });
  const closeCard = () => {
    const fromList = typeof location.state === 'object' && location.state !== null && 'fromList' in location.state;
    if (fromList) navigate(-1);
    else setParam('card', null, true);
  };

  const rows = useMemo(() => {
    const k = keyword.trim().toLowerCase();
    return (cards.data ?? []).filter(
      (c) =>
        (!kind || c.kind === kind) &&
        (!pledge || c.pledgeStatus === pledge) &&
        (!k || c.name.toLowerCase().includes(k) || c.address.toLowerCase().includes(k) || c.tapAccounts.some((a) => a.includes(k))),
    );
  }, [cards.data, keyword, kind, pledge]);

  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return <Result status="404" title="网格不存在" subTitle="该网格不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/survey')}>返回排查进度</Button>} />;
  }
  const grid = detail.data;
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/survey'));

  if (!grid) {
    return (
      <Card className="ws-card">
        {detail.error ? <Alert type="error" showIcon title={errorMessageOf(detail.error)} /> : <Skeleton active paragraph={{ rows: 6 }} />}
      </Card>
    );
  }

  const completed = grid.state === 'completed';
  const canAdd = can('survey.edit') && !completed;
  const actions = (
    <Space wrap>
      {grid.state === 'not_started' && can('survey.edit') && (
        <Button icon={<PlayCircleOutlined />} onClick={() => setEvent('start')}>
          开始排查
        </Button>
      )}
      {grid.state === 'in_progress' && can('survey.complete') && (
        <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setEvent('complete')}>
          完成排查
        </Button>
      )}
      {completed && can('survey.complete') && (
        <Button icon={<RollbackOutlined />} onClick={() => setEvent('reopen')}>
          重新打开
        </Button>
      )}
      <Button icon={<DownloadOutlined />} href={cardsExportUrl(grid.gridId)} download>
        导出一户一卡
      </Button>
    </Space>
  );

  const newButton = can('survey.edit') && (
    <Tooltip title={completed ? '网格已完成排查，新增一户一卡前须重新打开' : undefined}>
      <Button type="primary" icon={<PlusOutlined />} size="large" data-testid="card-new" disabled={!canAdd} onClick={() => openCard('new')}>
        新增一户一卡
      </Button>
    </Tooltip>
  );

  return (
    <>
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div>
              <Space size={10} wrap>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {grid.name}
                </Typography.Title>
                <SurveyStateTag state={grid.state} testId="grid-state" large />
              </Space>
              <div className="ws-grid-head__meta">
                <span>{grid.parents.join(' / ')}</span>
                <span>
                  网格编号 <Typography.Text copyable>{grid.code}</Typography.Text>
                </span>
              </div>
              <div className="ws-grid-head__meta">
                <span>开始排查：{formatDate(grid.startedOn)}</span>
                <span>完成排查：{formatDate(grid.completedOn)}</span>
              </div>
            </div>
          </div>
          <div>{actions}</div>
        </div>
      </Card>

      {completed && can('survey.edit') && !can('survey.complete') && (
        <Alert type="info" showIcon title="本网格已完成排查。如需补充一户一卡，请联系街道办重新打开排查。" style={{ marginBottom: 16 }} />
      )}

      <Card className="ws-card ws-stat-strip" styles={{ body: { padding: 0 } }} style={{ marginBottom: 16 }}>
        <StatTile label="一户一卡" value={formatCount(grid.cards)} unit="户" icon={<SolutionOutlined />} accent="#1a5fb4" emphasis />
        <StatTile label="沿街门店" value={formatCount(grid.shops)} unit="户" icon={<ShopOutlined />} accent={grid.shops ? '#13a8a8' : '#d46b08'} />
        <StatTile label="承诺书不齐全" value={formatCount(grid.pledgeIssues)} unit="户" icon={<FileProtectOutlined />} accent={grid.pledgeIssues ? '#cf1322' : '#389e0d'} />
        <StatTile label="无自来水户号" value={formatCount(grid.withoutTap)} unit="户" icon={<WarningOutlined />} accent={grid.withoutTap ? '#d46b08' : '#389e0d'} />
      </Card>

      <Card className="ws-card" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParam('tab', k === 'cards' ? null : k, true)}
          items={[
            {
              key: 'cards',
              label: `一户一卡（${grid.cards}）`,
              children: (
                <>
                  <div className="ws-card-toolbar">
                    <div className="ws-card-toolbar__filters">
                      <Input.Search allowClear placeholder="名称、地址或户号" className="ws-card-toolbar__search" onSearch={setKeyword} onChange={(e) => !e.target.value && setKeyword('')} />
                      <Select<CardKind>
                        allowClear
                        placeholder="全部类别"
                        className="ws-card-toolbar__select"
                        value={kind}
                        onChange={(v) => setKind(v ?? null)}
                        options={CARD_KINDS.map((k) => ({ value: k, label: CARD_KIND_LABELS[k] }))}
                      />
                      <Select<PledgeStatus>
                        allowClear
                        placeholder="承诺书"
                        className="ws-card-toolbar__select"
                        value={pledge}
                        onChange={(v) => setPledge(v ?? null)}
                        options={(['unsigned', 'unstamped', 'complete'] as const).map((s) => ({ value: s, label: PLEDGE_STATUS_LABELS[s] }))}
                      />
                    </div>
                    {newButton}
                  </div>
                  <Table<UserCard>
                    data-testid="card-list"
                    size="middle"
                    rowKey="id"
                    scroll={{ x: 'max-content' }}
                    loading={cards.isPending}
                    dataSource={rows}
                    pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 户` } : false}
                    onRow={(c) => ({ onClick: () => openCard(c.id), className: 'ws-clickable-row' })}
                    locale={{ emptyText: grid.cards ? '没有符合条件的一户一卡' : '本网格还没有登记一户一卡' }}
                    columns={[
                      {
                        title: '名称',
                        dataIndex: 'name',
                        width: 220,
                        render: (name: string, c) => (
                          <div className="ws-card-name">
                            <Typography.Link>{name}</Typography.Link>
                            <span className="ws-card-name__kind">
                              <CardKindTag kind={c.kind} />
                            </span>
                            {c.address && <div className="ws-card-name__addr">{c.address}</div>}
                          </div>
                        ),
                      },
                      { title: '类别', dataIndex: 'kind', width: 110, responsive: ['md'], render: (k: CardKind) => <CardKindTag kind={k} /> },
                      { title: '行业', dataIndex: 'industry', width: 110, responsive: ['xl'], render: (i: string | null) => i ?? '—' },
                      {
                        title: '联系电话',
                        dataIndex: 'contactPhone',
                        width: 160,
                        responsive: ['md'],
                        // masked by the server; the full number only by the audited reveal
                        render: (p: string | null, c) => <MaskedValue value={p} target={{ kind: 'card', id: c.id, field: 'contactPhone' }} canReveal={can('survey.edit')} />,
                      },
                      {
                        title: '自来水户号',
                        dataIndex: 'tapAccounts',
                        width: 170,
                        responsive: ['md'],
                        render: (a: string[]) => (a.length ? a.join('、') : <Tag color="red">无户号</Tag>),
                      },
                      {
                        title: '自备井',
                        dataIndex: 'wellsDeclared',
                        width: 80,
                        align: 'right',
                        responsive: ['sm'],
                        render: (n: number) => (n ? <Typography.Text strong type="danger">{n} 眼</Typography.Text> : '0'),
                      },
                      { title: '承诺书', dataIndex: 'pledgeStatus', width: 110, render: (s: PledgeStatus) => <PledgeTag status={s} /> },
                      { title: '照片', width: 70, align: 'right', responsive: ['lg'], render: (_, c) => (c.photos.length ? `${c.photos.length} 张` : '—') },
                      { title: '排查日期', dataIndex: 'surveyedOn', width: 130, responsive: ['lg'], render: (d: string) => formatDate(d) },
                      { title: '排查人', dataIndex: 'surveyedBy', width: 130, responsive: ['xl'] },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'summary',
              label: '网格汇总',
              children: <GridSummaryPanel summary={grid.summary} cards={cards.data ?? []} onOpenCard={(id) => openCard(id)} />,
            },
            { key: 'events', label: `排查记录（${grid.events.length}）`, children: <GridEventsTimeline events={grid.events} /> },
          ]}
        />
      </Card>

      <GridEventModal grid={grid} event={event} onClose={() => setEvent(null)} />
      <CardFormDrawer
        target={target}
        gridId={grid.gridId}
        gridName={grid.name}
        canEdit={can('survey.edit')}
        onClose={closeCard}
        onSwitch={(id) => setParam('card', String(id), true)}
      />
    </>
  );
}
