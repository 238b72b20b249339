import { Alert, Badge, Card, Space, Table, Tabs, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { WATER_SOURCE_LABELS, type CardKind, type PledgeStatus, type WaterSource } from '@domain/survey/card';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import type { IssueCard, IssueGrid, IssueKind } from '../api/survey-api';
import { CardKindTag, PledgeTag } from '../components/survey-tags';
import { useSurveyIssues } from '../hooks/use-survey';

const TABS: { kind: IssueKind; label: string; hint: string }[] = [
  { kind: 'pledges', label: '承诺书不齐全', hint: '未签承诺书，或单位承诺书只签字未盖章（视为不齐全）' },
  { kind: 'no-shops', label: '已完成但无沿街门店的网格', hint: '已完成排查，却没有登记任何沿街门店：督导发现多个网格漏登沿街门店和城中村住户' },
  { kind: 'no-tap', label: '无自来水户号的用户（疑似自备井）', hint: '没有自来水户号的用水户，用水从何而来须核实' },
];
const LEVELS = ['district', 'street', 'community'];
const PAGE_SIZE = 20;

const isKind = (k: string | null): k is IssueKind => TABS.some((t) => t.kind === k);
const cardLink = (c: IssueCard) => `/survey/grids/${c.gridId}?card=${c.id}`;

/** The problems the weekly findings keep finding, listed from the records so they can be fixed. */
export function SurveyIssuesPage() {
  const [params, setParams] = useSearchParams();
  const requested = params.get('kind');
  const kind: IssueKind = isKind(requested) ? requested : 'pledges';
  const [unitId, setUnitId] = useState<number | undefined>(undefined);
  const [page, setPage] = useState(1);
  const { data: units } = useOrgUnits(false);
  const options = useOrgTreeOptions(units, LEVELS);
  const list = useSurveyIssues(kind, unitId, page, PAGE_SIZE);
  const counts = {
    pledges: useSurveyIssues('pledges', unitId, 1, 1).data?.total,
    'no-shops': useSurveyIssues('no-shops', unitId, 1, 1).data?.total,
    'no-tap': useSurveyIssues('no-tap', unitId, 1, 1).data?.total,
  };
  const tab = TABS.find((t) => t.kind === kind)!;
  const pagination = {
    current: page,
    pageSize: PAGE_SIZE,
    total: list.data?.total ?? 0,
    showSizeChanger: false,
    showTotal: (n: number) => `共 ${n} 条`,
    onChange: setPage,
  };

  return (
    <>
      <PageHeader
        title="问题清单"
        description="由一户一卡和排查记录自动生成，整改后自动消失"
        extra={
          <TreeSelect
            allowClear
            placeholder="全部单位"
            style={{ width: 260 }}
            treeData={options}
            value={unitId}
            onChange={(v: number | undefined) => {
              setUnitId(v);
              setPage(1);
            }}
            showSearch={{ treeNodeFilterProp: 'title' }}
            treeDefaultExpandedKeys={options.map((o) => o.value)}
            listHeight={360}
          />
        }
      />
      <Card className="ws-card" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={kind}
          onChange={(k) => {
            setParams({ kind: k }, { replace: true });
            setPage(1);
          }}
          items={TABS.map((t) => ({
            key: t.kind,
            label: (
              <Space size={6}>
                {t.label}
                {counts[t.kind] !== undefined && <Badge count={counts[t.kind]} overflowCount={9999} showZero color={counts[t.kind] ? '#cf1322' : '#52c41a'} />}
              </Space>
            ),
          }))}
        />
        <Typography.Paragraph type="secondary">{tab.hint}</Typography.Paragraph>
        {list.error && <Alert type="error" showIcon title={errorMessageOf(list.error)} style={{ marginBottom: 12 }} />}
        {kind === 'no-shops' ? (
          <Table<IssueGrid>
            data-testid="issues-grids"
            size="middle"
            rowKey="gridId"
            loading={list.isFetching}
            dataSource={list.data?.kind === kind ? list.data.grids : []}
            pagination={pagination}
            scroll={{ x: 720 }}
            columns={[
              { title: '网格', dataIndex: 'name', render: (n: string, g) => <Link to={`/survey/grids/${g.gridId}`}>{n}</Link> },
              { title: '网格编号', dataIndex: 'code', width: 170, render: (c: string) => <Typography.Text type="secondary">{c}</Typography.Text> },
              { title: '区', dataIndex: 'district', width: 160 },
              { title: '一户一卡', dataIndex: 'cards', width: 100, align: 'right', render: (n: number) => `${n} 户` },
              { title: '完成排查日期', dataIndex: 'completedOn', width: 150, render: (d: string | null) => formatDate(d) },
            ]}
          />
        ) : (
          <Table<IssueCard>
            data-testid={`issues-${kind}`}
            size="middle"
            rowKey="id"
            loading={list.isFetching}
            dataSource={list.data?.kind === kind ? list.data.cards : []}
            pagination={pagination}
            scroll={{ x: 760 }}
            columns={[
              { title: '名称', dataIndex: 'name', render: (n: string, c) => <Link to={cardLink(c)}>{n}</Link> },
              { title: '类别', dataIndex: 'kind', width: 120, render: (k: CardKind) => <CardKindTag kind={k} /> },
              kind === 'pledges'
                ? { title: '承诺书', dataIndex: 'pledgeStatus', width: 130, render: (s: string) => <PledgeTag status={s as PledgeStatus} /> }
                : { title: '水源', dataIndex: 'waterSource', width: 150, render: (s: WaterSource) => WATER_SOURCE_LABELS[s] },
              { title: '所属网格', dataIndex: 'gridName', render: (n: string, c) => <Link to={`/survey/grids/${c.gridId}`}>{n}</Link> },
              { title: '区', dataIndex: 'district', width: 160 },
            ]}
          />
        )}
      </Card>
    </>
  );
}
