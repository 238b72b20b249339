import { ArrowLeftOutlined, FileExcelOutlined, FileMarkdownOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Result, Row, Skeleton, Space, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { StatTile } from '../../../ui/stat-tile';
import { useCan } from '../../auth/hooks/use-session';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { progressExportUrl, type TaskProgress, type TaskStatus } from '../api/campaigns-api';
import { CampaignNoticeButton } from '../components/campaign-notice-button';
import { CampaignTaskList, type DistrictTab } from '../components/campaign-task-list';
import { noticeDate, TaskProgressTable } from '../components/task-progress-table';
import { useCampaigns, useTaskProgress, useTasks } from '../hooks/use-campaigns';
import { isAfterToday, officeDaysAgo, officeToday } from '../../../lib/office-clock';

const TaskShareChart = lazy(() => import('../components/task-share-chart').then((m) => ({ default: m.TaskShareChart })));

const DAY = 'YYYY-MM-DD';
const STATUS_VALUES = ['open', 'done', 'overdue'] as const;

/** The notice prints short names (示范区) for units named in full (城乡一体化示范区). */
const sameDistrict = (unitName: string, noticeName: string) => unitName === noticeName || unitName.endsWith(noticeName);

/** The district tabs, in the notice's rank order, with each district's task count. */
function districtTabs(units: { id: number; name: string; level: string; closedOn: string | null }[], progress: TaskProgress | undefined): DistrictTab[] {
  const districts = units.filter((u) => u.level === 'district' && u.closedOn === null);
  const rows = progress?.rows ?? [];
  const tabs = districts.map((u) => {
    const i = rows.findIndex((r) => sameDistrict(u.name, r.district));
    const row = rows[i];
    return { id: u.id, label: row ? row.district : u.name, tasks: row ? row.all.tasks : null, order: i < 0 ? rows.length : i };
  });
  return tabs.sort((a, b) => a.order - b.order).map(({ order: _order, ...t }) => t);
}

/** One task campaign (决战六月): the daily notice as of a day, its chart, and the target list by district. */
export function CampaignPage() {
  const campaignId = Number(useParams().campaignId);
  const navigate = useNavigate();
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const today = officeToday();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && dayjs(asOfParam, DAY, true).isValid() && asOfParam < today ? asOfParam : undefined;
  const day = asOf ?? today;
  const districtId = Number(params.get('district')) || null;
  const statusParam = params.get('status');
  const status: TaskStatus | 'all' = (STATUS_VALUES as readonly string[]).includes(statusParam ?? '') ? (statusParam as TaskStatus) : 'all';

  const campaigns = useCampaigns();
  const campaign = campaigns.data?.find((c) => c.id === campaignId);
  const progress = useTaskProgress(campaignId, asOf);
  const overdue = useTasks(campaignId, { ...(asOf ? { asOf } : {}), status: 'overdue' });
  const { data: units } = useOrgUnits(false);
  const tabs = useMemo(() => districtTabs(units ?? [], progress.data), [units, progress.data]);

  const update = (next: { asOf?: string | null; districtId?: number | null; status?: TaskStatus | 'all' }) => {
    const p = new URLSearchParams(params);
    if (next.asOf !== undefined) {
      if (next.asOf === null || next.asOf >= today) p.delete('asOf');
      else p.set('asOf', next.asOf);
    }
    if (next.districtId !== undefined) {
      if (next.districtId === null) p.delete('district');
      else p.set('district', String(next.districtId));
    }
    if (next.status !== undefined) {
      if (next.status === 'all') p.delete('status');
      else p.set('status', next.status);
    }
    setParams(p, { replace: true });
  };
  const pickDistrict = (name: string) => {
    const tab = tabs.find((t) => t.label === name);
    if (tab) {
      update({ districtId: tab.id });
      document.getElementById('campaign-tasks')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    }
  };

  if ((progress.error instanceof ApiError && progress.error.status === 404) || (campaigns.data && !campaign)) {
    return <Result status="404" title="封停任务不存在" extra={<Button onClick={() => navigate('/campaigns')}>返回封停任务</Button>} />;
  }

  const quick = [
    { label: '今天', day: today },
    { label: '昨天', day: officeDaysAgo(1) },
    ...(campaign && campaign.endsOn < today ? [{ label: '任务截止日', day: campaign.endsOn }] : []),
  ];
  const p = progress.data;

  return (
    <>
      <div className="ws-page-header">
        <div className="ws-grid-head__main">
          <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate('/campaigns')} aria-label="返回" className="ws-grid-head__back" />
          <div>
            <Typography.Title level={4} className="ws-page-header__title">
              {campaign?.name ?? '封停任务'}
            </Typography.Title>
            <Typography.Text type="secondary">{campaign ? `${formatDate(campaign.startsOn)} 至 ${formatDate(campaign.endsOn)} · 完成情况由井的处置步骤自动统计` : ' '}</Typography.Text>
          </div>
        </div>
        <div className="ws-page-header__extra">
          <Space wrap>
            {campaign && can('bulletins.manage') && <CampaignNoticeButton key={campaign.id} campaign={campaign} />}
            <Button icon={<FileExcelOutlined />} href={progressExportUrl(campaignId, day, 'xlsx')} download data-testid="progress-export-xlsx">
              导出 Excel
            </Button>
            <Button icon={<FileMarkdownOutlined />} href={progressExportUrl(campaignId, day, 'md')} download data-testid="progress-export-md">
              导出 Markdown
            </Button>
          </Space>
        </div>
      </div>

      <Card className="ws-card" styles={{ body: { padding: '14px 20px' } }} style={{ marginBottom: 16 }}>
        <Space wrap size={[8, 8]}>
          <Typography.Text strong>截止日期</Typography.Text>
          <DatePicker
            allowClear={false}
            inputReadOnly
            value={dayjs(day, DAY)}
            disabledDate={(d: Dayjs) => isAfterToday(d)}
            onChange={(d) => d && update({ asOf: d.format(DAY) })}
            format="YYYY年M月D日"
            style={{ width: 160 }}
            data-testid="campaign-asof"
          />
          {quick.map((q) => (
            <Button key={q.label} size="small" type={q.day === day ? 'primary' : 'default'} ghost={q.day === day} onClick={() => update({ asOf: q.day })}>
              {q.label}
            </Button>
          ))}
        </Space>
      </Card>

      {progress.error && !(progress.error instanceof ApiError && progress.error.status === 404) && (
        <Alert type="error" showIcon title={errorMessageOf(progress.error)} style={{ marginBottom: 16 }} />
      )}

      <Card className="ws-card ws-stat-strip" styles={{ body: { padding: 0 } }} style={{ marginBottom: 16 }}>
        <StatTile label="总任务数" value={p ? String(p.total.all.tasks) : '—'} unit="眼" accent="#1a5fb4" />
        <StatTile label="累计完成数" value={p ? String(p.total.all.done) : '—'} unit="眼" accent="#389e0d" />
        <StatTile label="完成比例" value={p?.total.all.share ?? '—'} accent="#d46b08" emphasis valueTestId="campaign-share" />
        <StatTile label="逾期未完成" value={overdue.data ? String(overdue.data.length) : '—'} unit="眼" accent={overdue.data?.length ? '#cf1322' : '#389e0d'} />
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card className="ws-card ws-notice" style={{ marginBottom: 16 }}>
            <div className="ws-notice__title">{campaign?.title ?? ''}</div>
            <div className="ws-notice__date" data-testid="task-progress-date">
              {noticeDate(p?.asOf ?? day)}
            </div>
            {progress.isPending ? <Skeleton active paragraph={{ rows: 10 }} /> : <TaskProgressTable progress={p} loading={progress.isFetching} onPickDistrict={pickDistrict} />}
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
              应封停：截止日期前已封井；应纳管：已办取水许可、安装计量设施并登记水资源税。比例 = 累计完成数 ÷ 总任务数，四舍五入保留两位小数；按合计完成比例排名。
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card className="ws-card" title="各辖区完成比例" style={{ marginBottom: 16 }}>
            {p ? (
              <Suspense fallback={<Skeleton active />}>
                <TaskShareChart progress={p} onPick={pickDistrict} />
              </Suspense>
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>

      <Card className="ws-card" title="任务清单" id="campaign-tasks" styles={{ body: { paddingTop: 4 } }} extra={<Typography.Text type="secondary">截至 {formatDate(day)}</Typography.Text>}>
        <CampaignTaskList
          campaignId={campaignId}
          asOf={asOf}
          districts={tabs}
          districtId={districtId}
          status={status}
          onChange={(next) => update(next)}
        />
      </Card>
    </>
  );
}
