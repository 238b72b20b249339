import { ApartmentOutlined, ClusterOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { Link } from 'react-router-dom';
import { ORG_LEVEL_LABELS } from '@domain/org/org-unit';
import { ROLE_LABELS } from '@domain/shared/roles';
import { formatCount } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { StatTile } from '../../../ui/stat-tile';
import { useMe } from '../../auth/hooks/use-session';
import { breakdownBelowTop, countByLevel, indexOrgUnits, totalGrids, type BreakdownRow } from '../../org/hooks/org-tree';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { CampaignProgressCard } from '../components/campaign-progress-card';

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
            {dayjs().format('YYYY年M月D日 dddd')} · 管辖范围：{scope}
          </Typography.Text>
        </div>
      </div>

      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}

      <Card className="ws-card ws-stat-strip" styles={{ body: { padding: 0 } }}>
        <StatTile label="区" value={isPending ? '—' : counts.district} unit="个" icon={<HomeOutlined />} accent="#1a5fb4" />
        <StatTile label="街道/乡镇" value={isPending ? '—' : counts.street} unit="个" icon={<ApartmentOutlined />} accent="#13a8a8" />
        <StatTile label="社区/村" value={isPending ? '—' : counts.community} unit="个" icon={<ClusterOutlined />} accent="#389e0d" />
        <StatTile label="网格" value={isPending ? '—' : grids} unit="个" icon={<EnvironmentOutlined />} accent="#d46b08" emphasis />
      </Card>

      <div style={{ marginTop: 16 }}>
        <CampaignProgressCard />
      </div>

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
    </>
  );
}
