import { Alert, Card, Col, Row, Skeleton, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { ORG_LEVEL_LABELS } from '@domain/org/org-unit';
import { ROLE_LABELS } from '@domain/shared/roles';
import { formatCount } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { useMe } from '../../auth/hooks/use-session';
import { ancestorsOf, breakdownBelowTop, countByLevel, indexOrgUnits, totalGrids, type BreakdownRow } from '../../org/hooks/org-tree';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { OrgLevelStrip } from '../../org/components/org-level-strip';
import { CampaignProgressCard } from '../components/campaign-progress-card';
import { officeNow } from '../../../lib/office-clock';


const GridBarChart = lazy(() => import('../components/grid-bar-chart').then((m) => ({ default: m.GridBarChart })));

export function DashboardPage() {
  const me = useMe();
  const { data: units, isPending, error } = useOrgUnits(false);
  const index = useMemo(() => indexOrgUnits(units ?? []), [units]);
  const counts = useMemo(() => countByLevel(units ?? []), [units]);
  const breakdown = useMemo(() => breakdownBelowTop(units ?? [], index), [units, index]);
  const grids = totalGrids(index);
  const levelName = breakdown.level ? ORG_LEVEL_LABELS[breakdown.level] : '单位';
  const scope = me.grants.map((g) => `${g.orgName}·${ROLE_LABELS[g.role]}`).join('，');

  return (
    <>
      <div className="ws-welcome">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {me.displayName}，您好
          </Typography.Title>
          <Typography.Text type="secondary">
            {officeNow().format('YYYY年M月D日 dddd')} · 管辖范围：{scope}
          </Typography.Text>
        </div>
      </div>

      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}

      <OrgLevelStrip index={index} counts={counts} loading={isPending} />

      <div style={{ marginTop: 16 }}>
        <CampaignProgressCard />
      </div>

      {breakdown.level === 'grid' ? (
        <Card className="ws-card" title="本人负责的网格" style={{ marginTop: 16 }} extra={<Link to="/org">查看组织机构</Link>}>
          <Table<BreakdownRow>
            size="middle"
            loading={isPending}
            rowKey={(r) => r.unit.id}
            dataSource={breakdown.rows}
            pagination={breakdown.rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
            columns={[
              { title: '网格', render: (_, r) => <Link to={`/org?unit=${r.unit.id}`}>{r.unit.name}</Link> },
              { title: '网格编号', render: (_, r) => <Typography.Text copyable>{r.unit.code}</Typography.Text> },
              // a grid worker's scope holds only the grid itself: no parents to name
              ...(breakdown.rows.some((r) => r.unit.parentId !== null && index.byId.has(r.unit.parentId))
                ? [{ title: '所属单位', render: (_: unknown, r: BreakdownRow) => ancestorsOf(index, r.unit).map((a) => a.name).join(' / ') }]
                : []),
            ]}
          />
        </Card>
      ) : (
        <Row gutter={16} style={{ marginTop: 16 }}>
          <Col xs={24} xl={12}>
            <Card className="ws-card" title={`各${levelName}网格数量`} style={{ height: '100%' }}>
              {isPending ? (
                <Skeleton active />
              ) : (
                <Suspense fallback={<Skeleton active />}>
                  <GridBarChart
                    bars={breakdown.rows.map((r) => ({ name: r.unit.name, grids: r.grids }))}
                    height={Math.max(240, breakdown.rows.length * 46)}
                  />
                </Suspense>
              )}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card className="ws-card" title={`各${levelName}组织情况`} extra={<Link to="/org">查看组织机构</Link>} style={{ height: '100%' }}>
              <Table<BreakdownRow>
                size="middle"
                loading={isPending}
                rowKey={(r) => r.unit.id}
                dataSource={breakdown.rows}
                pagination={breakdown.rows.length > 12 ? { pageSize: 12, size: 'small' } : false}
                columns={[
                  {
                    title: levelName,
                    render: (_, r) => (
                      <Link to={`/org?unit=${r.unit.id}`}>
                        {r.unit.name}
                      </Link>
                    ),
                  },
                  ...(breakdown.level === 'district'
                    ? [{ title: '街道/乡镇', dataIndex: 'streets', align: 'right' as const }]
                    : []),
                  ...(breakdown.level === 'district' || breakdown.level === 'street'
                    ? [{ title: '社区/村', dataIndex: 'communities', align: 'right' as const }]
                    : []),
                  { title: '网格', dataIndex: 'grids', align: 'right' as const, render: (n: number) => <strong>{formatCount(n)}</strong> },
                  {
                    title: '占比',
                    align: 'right' as const,
                    render: (_, r) => (grids ? <Tag variant="filled">{((r.grids / grids) * 100).toFixed(1)}%</Tag> : '—'),
                  },
                ]}
                summary={() =>
                  breakdown.rows.length > 1 ? (
                    <Table.Summary.Row className="ws-summary-row">
                      <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                      {breakdown.level === 'district' && (
                        <Table.Summary.Cell index={1} align="right">{breakdown.rows.reduce((n, r) => n + r.streets, 0)}</Table.Summary.Cell>
                      )}
                      {(breakdown.level === 'district' || breakdown.level === 'street') && (
                        <Table.Summary.Cell index={2} align="right">{breakdown.rows.reduce((n, r) => n + r.communities, 0)}</Table.Summary.Cell>
                      )}
                      <Table.Summary.Cell index={3} align="right">
                        <strong>{formatCount(grids)}</strong>
                      </Table.Summary.Cell>
                      <Table.Summary.Cell index={4} align="right">100%</Table.Summary.Cell>
                    </Table.Summary.Row>
                  ) : null
                }
              />
            </Card>
          </Col>
        </Row>
      )}
    </>
  );
}
