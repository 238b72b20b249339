import { DownOutlined, DownloadOutlined, FileExcelOutlined, FileMarkdownOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Dropdown, Progress, Row, Skeleton, Space, Table, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ORG_LEVEL_LABELS, type OrgLevel } from '@domain/org/org-unit';
import { formatCount, formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { StatTile } from '../../../ui/stat-tile';
import { useCan, useMe } from '../../auth/hooks/use-session';
import { ancestorsOf, indexOrgUnits } from '../../org/hooks/org-tree';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { cardsExportUrl, CARD_TEMPLATE_URL, reportExportUrl, type ProgressRow } from '../api/survey-api';
import { SurveyImportModal, type SurveyImportKind } from '../components/survey-import-modal';
import { SurveyStateTag } from '../components/survey-tags';
import { useSurveyProgress } from '../hooks/use-survey';
import { isAfterToday, officeToday, todayValue } from '../../../lib/office-clock';

const SurveyProgressChart = lazy(() => import('../components/survey-progress-chart').then((m) => ({ default: m.SurveyProgressChart })));

const DAY = 'YYYY-MM-DD';
type Row = ProgressRow & { key: string; isTotal?: boolean };

/** Quick cut-off days: the bulletin is cut off on Fridays (第12期: 2024年1月12日, a Friday). */
function quickDays(): { label: string; day: string }[] {
  const today = todayValue();
  const lastFriday = today.subtract((today.day() + 2) % 7 || 7, 'day');
  return [
    { label: '今天', day: today.format(DAY) },
    { label: '昨天', day: today.subtract(1, 'day').format(DAY) },
    { label: '上周五', day: lastFriday.format(DAY) },
    { label: '上月末', day: today.startOf('month').subtract(1, 'day').format(DAY) },
  ];
}

function levelName(level: string): string {
  return ORG_LEVEL_LABELS[level as OrgLevel] ?? '单位';
}

export function SurveyProgressPage() {
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [importing, setImporting] = useState<SurveyImportKind | null>(null);
  const today = officeToday();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && dayjs(asOfParam, DAY, true).isValid() ? asOfParam : today;
  const unitId = Number(params.get('unit')) || undefined;

  const { data, isPending, isFetching, error } = useSurveyProgress(asOf, unitId);
  const { data: units } = useOrgUnits(false);
  const index = useMemo(() => indexOrgUnits(units ?? []), [units]);

  const update = useCallback(
    (next: { asOf?: string; unit?: number | null }) => {
      const p = new URLSearchParams(params);
      if (next.asOf !== undefined) {
        if (next.asOf === today) p.delete('asOf');
        else p.set('asOf', next.asOf);
      }
      if (next.unit !== undefined) {
        if (next.unit === null) p.delete('unit');
        else p.set('unit', String(next.unit));
      }
      setParams(p);
    },
    [params, setParams, today],
  );

  // the way back up: the current unit's parents inside the user's scope
  const current = data ? index.byId.get(data.unit.id) : undefined;
  const trail = current ? [...ancestorsOf(index, current), current] : data ? [{ id: data.unit.id, name: data.unit.name }] : [];

  const childLevel = data?.rows[0]?.level;
  const regionTitle = childLevel ? levelName(childLevel) : '区域';
  const gridRows = childLevel === 'grid';

  const open = (row: ProgressRow) => {
    if (row.level === 'grid') navigate(`/survey/grids/${row.unitId}`);
    else update({ unit: row.unitId });
  };

  const rows: Row[] = data
    ? [
        ...(data.rows.length > 1 || !gridRows
          ? [{ key: 'total', isTotal: true, unitId: data.unit.id, name: '合计', level: data.unit.level, state: null, ...data.total }]
          : []),
        ...data.rows.map((r) => ({ ...r, key: String(r.unitId) })),
      ]
    : [];

  const showsReport = me.grants.some((g) => g.orgLevel === 'city' || g.orgLevel === 'district');
  const actions = (
    <Space wrap>
      {showsReport && (
        <Dropdown
          menu={{
            items: [
              { key: 'xlsx', icon: <FileExcelOutlined />, label: <a href={reportExportUrl(asOf, 'xlsx')} download>Excel 表格（.xlsx）</a> },
              { key: 'md', icon: <FileMarkdownOutlined />, label: <a href={reportExportUrl(asOf, 'md')} download>Markdown（.md）</a> },
            ],
          }}
        >
          <Button icon={<DownloadOutlined />}>
            导出简报表格 <DownOutlined />
          </Button>
        </Dropdown>
      )}
      <Button icon={<FileExcelOutlined />} href={cardsExportUrl(unitId)} download>
        导出一户一卡
      </Button>
      {can('survey.import') && (
        <Dropdown
          menu={{
            items: [
              { key: 'cards', label: '导入一户一卡', onClick: () => setImporting('cards') },
              { key: 'progress', label: '导入排查进度', onClick: () => setImporting('progress') },
              { type: 'divider' },
              { key: 'template', icon: <DownloadOutlined />, label: <a href={CARD_TEMPLATE_URL} download>下载一户一卡模板</a> },
            ],
          }}
        >
          <Button type="primary" icon={<UploadOutlined />}>
            导入 <DownOutlined />
          </Button>
        </Dropdown>
      )}
    </Space>
  );

  const bars = (data?.rows ?? []).map((r) => ({ id: r.unitId, name: r.name, grids: r.grids, started: r.started, completed: r.completed }));
  const pick = (id: number) => {
    const row = data?.rows.find((r) => r.unitId === id);
    if (row) open(row);
  };

  return (
    <>
      <PageHeader
        title="排查进度"
        description="各单位网格排查进度（未开展 → 排查中 → 已完成），按截止日期统计；点击一行逐级查看到网格"
        extra={actions}
      />

      <Card className="ws-card" styles={{ body: { padding: '14px 20px' } }} style={{ marginBottom: 16 }}>
        <div className="ws-survey-toolbar">
          <Space wrap size={[8, 8]}>
            <Typography.Text strong>截止日期</Typography.Text>
            <DatePicker
              allowClear={false}
              value={dayjs(asOf, DAY)}
              disabledDate={(d: Dayjs) => isAfterToday(d)}
              onChange={(d) => d && update({ asOf: d.format(DAY) })}
              format="YYYY年M月D日"
              style={{ width: 160 }}
            />
            {quickDays().map((q) => (
              <Button key={q.label} size="small" type={q.day === asOf ? 'primary' : 'default'} ghost={q.day === asOf} onClick={() => update({ asOf: q.day })}>
                {q.label}
              </Button>
            ))}
          </Space>
          <Space size={8} className="ws-survey-trail">
            <Typography.Text type="secondary">范围</Typography.Text>
            <Breadcrumb
              items={trail.map((u, i) => ({
                key: u.id,
                title:
                  i === trail.length - 1 ? (
                    <Typography.Text strong>{u.name}</Typography.Text>
                  ) : (
                    <Typography.Link onClick={() => update({ unit: u.id })}>{u.name}</Typography.Link>
                  ),
              }))}
            />
          </Space>
        </div>
      </Card>

      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}

      <Card className="ws-card ws-stat-strip" styles={{ body: { padding: 0 } }} style={{ marginBottom: 16 }}>
        <StatTile label="网格总数" value={data ? formatCount(data.total.grids) : '—'} unit="个" accent="#1a5fb4" />
        <StatTile label="已开展排查网格数" value={data ? formatCount(data.total.started) : '—'} unit="个" accent="#13a8a8" />
        <StatTile label="已完成排查网格数" value={data ? formatCount(data.total.completed) : '—'} unit="个" accent="#389e0d" />
        <StatTile label="排查完成率" value={data?.total.rate ?? '—'} accent="#d46b08" valueTestId="survey-rate" emphasis />
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={gridRows ? 24 : 15}>
          <Card
            className="ws-card"
            title={data ? `${data.unit.name}自备井排查进度表` : '自备井排查进度表'}
            extra={<Typography.Text type="secondary">截止日期：{formatDate(asOf)}</Typography.Text>}
            style={{ marginBottom: 16 }}
          >
            <Table<Row>
              data-testid="survey-progress"
              size="middle"
              bordered
              loading={isPending || isFetching}
              dataSource={rows}
              pagination={rows.length > 60 ? { pageSize: 50, size: 'small', showSizeChanger: false } : false}
              rowClassName={(r) => (r.isTotal ? 'ws-summary-row' : 'ws-clickable-row')}
              onRow={(r) => (r.isTotal ? {} : { onClick: () => open(r) })}
              scroll={{ x: 600 }}
              columns={[
                {
                  title: `${regionTitle} \\ 类别`,
                  dataIndex: 'name',
                  className: 'ws-nowrap',
                  render: (name: string, r) =>
                    r.isTotal ? (
                      <strong>合 计</strong>
                    ) : r.level === 'grid' ? (
                      <Link to={`/survey/grids/${r.unitId}`} onClick={(e) => e.stopPropagation()}>
                        {name}
                      </Link>
                    ) : (
                      <Typography.Link>{name}</Typography.Link>
                    ),
                },
                ...(gridRows
                  ? [{ title: '排查状态', dataIndex: 'state', width: 110, render: (_: unknown, r: Row) => (r.state ? <SurveyStateTag state={r.state} /> : null) }]
                  : []),
                { title: '网格总数', dataIndex: 'grids', align: 'right', width: 90, render: (n: number) => formatCount(n) },
                { title: '已开展排查网格数', dataIndex: 'started', align: 'right', width: 130, render: (n: number) => formatCount(n) },
                { title: '已完成排查网格数', dataIndex: 'completed', align: 'right', width: 130, render: (n: number) => formatCount(n) },
                {
                  title: '排查完成率',
                  dataIndex: 'rate',
                  align: 'right',
                  width: 140,
                  render: (rate: string, r: Row) =>
                    r.level === 'grid' ? (
                      <strong>{rate}</strong>
                    ) : (
                      <div className="ws-rate">
                        <Progress percent={Number.parseInt(rate, 10) || 0} showInfo={false} size="small" strokeColor={rate === '100%' ? '#389e0d' : '#1a5fb4'} />
                        <strong>{rate}</strong>
                      </div>
                    ),
                },
              ]}
            />
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
              排查完成率 = 已完成排查网格数 ÷ 网格总数，向下取整到整数百分比。
            </Typography.Text>
          </Card>
        </Col>
        {!gridRows && (
          <Col xs={24} xl={9}>
            <Card className="ws-card" title={`各${regionTitle}网格排查情况`} style={{ marginBottom: 16 }}>
              {isPending ? (
                <Skeleton active />
              ) : (
                <Suspense fallback={<Skeleton active />}>
                  <SurveyProgressChart bars={bars} height={Math.max(220, Math.min(bars.length, 40) * 34 + 60)} onPick={pick} />
                </Suspense>
              )}
            </Card>
          </Col>
        )}
      </Row>

      <SurveyImportModal kind={importing} onClose={() => setImporting(null)} />
    </>
  );
}
