import { FullscreenExitOutlined, FullscreenOutlined, DesktopOutlined } from '@ant-design/icons';
import { Alert, Breadcrumb, Button, Card, Col, Empty, Row, Skeleton, Space, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import type { CommandSurveyRow } from '../api/command-api';
import { themeOf } from '../components/command-chart';
import { CommandFigure } from '../components/command-figure';
import { CommandFindings } from '../components/command-findings';
import { CommandHeatPump } from '../components/command-heatpump';
import { CommandSuspects } from '../components/command-suspects';
import { CommandSurveyChart } from '../components/command-survey-chart';
import { CommandTasksChart, CommandTrendChart } from '../components/command-tasks-chart';
import { CommandTips } from '../components/command-tips';
import { CommandWellsFunnel } from '../components/command-wells-funnel';
import { useCommand } from '../hooks/use-command';
import './command-page.css';
import { atOffice, isAfterToday, officeToday } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function Block({ title, extra, children, span = 12 }: { title: ReactNode; extra?: ReactNode; children: ReactNode; span?: number }) {
  return (
    <Col xs={24} xl={span}>
      <Card className="ws-card ws-command-card" title={title} extra={extra}>
        {children}
      </Card>
    </Col>
  );
}

/**
 * 指挥看板: where the campaign stands and where it lags, for the user's scope and a date. Every
 * chart is clickable through to the list behind it. `?screen=1` is the meeting-room display (大屏).
 */
export function CommandPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const today = officeToday();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && dayjs(asOfParam, DAY, true).isValid() ? asOfParam : today;
  const unitId = Number(params.get('unit')) || undefined;
  const screen = params.get('screen') === '1';
  const { data, isPending, isFetching, error } = useCommand(asOf, unitId);

  const container = useRef<HTMLDivElement>(null);
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === container.current && container.current !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void container.current?.requestFullscreen?.().catch(() => {});
  };

  const dark = screen || fullscreen;
  const theme = themeOf(dark);

  const update = useCallback(
    (next: { asOf?: string; unit?: number | null; screen?: boolean }) => {
      const p = new URLSearchParams(params);
      if (next.asOf !== undefined) {
        if (next.asOf === today) p.delete('asOf');
        else p.set('asOf', next.asOf);
      }
      if (next.unit !== undefined) {
        if (next.unit === null) p.delete('unit');
        else p.set('unit', String(next.unit));
      }
      if (next.screen !== undefined) {
        if (next.screen) p.set('screen', '1');
        else p.delete('screen');
      }
      setParams(p);
    },
    [params, setParams, today],
  );

  // the lists behind the charts: their own URL filters (the survey and task pages also take the date)
  const dated = asOf === today ? '' : `asOf=${asOf}`;
  const surveyList = (row: CommandSurveyRow) =>
    navigate(row.level === 'grid' ? `/survey/grids/${row.unitId}` : `/survey?${[`unit=${row.unitId}`, ...(dated ? [dated] : [])].join('&')}`);
  const campaignList = (districtId: number | null) => {
    if (!data?.tasks) return;
    const q = [...(districtId ? [`district=${districtId}`] : []), ...(dated && asOf < today ? [dated] : [])].join('&');
    navigate(`/campaigns/${data.tasks.campaign.id}${q ? `?${q}` : ''}`);
  };

  const survey = data?.survey;
  const tasks = data?.tasks;
  const trail = survey?.trail ?? [];

  // the server reuses a board for a minute (WELLSEAL_DASHBOARD_CACHE_SECONDS): say how fresh it is
  const computedAt = data ? (
    <span className="ws-command__computed" data-testid="command-computed-at">数据更新于 {atOffice(data.computedAt).format('HH:mm')}</span>
  ) : null;

  const controls = (
    <Space wrap>
      {computedAt}
      <DatePicker
        data-testid="command-date"
        allowClear={false}
        value={dayjs(asOf, DAY)}
        disabledDate={(d) => isAfterToday(d)}
        onChange={(d) => d && update({ asOf: d.format(DAY) })}
      />
      <Button icon={<DesktopOutlined />} data-testid="command-screen" onClick={() => update({ screen: !screen })}>
        {screen ? '退出大屏' : '大屏模式'}
      </Button>
      <Button icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} data-testid="command-fullscreen" onClick={toggleFullscreen}>
        {fullscreen ? '退出全屏' : '全屏'}
      </Button>
    </Space>
  );

  return (
    <div ref={container} className={`ws-command${dark ? ' ws-command--screen' : ''}`} data-testid="command-page">
      {dark ? (
        <div className="ws-command__screen-head">
          <div>
            <div className="ws-command__screen-title">自备井封停工作指挥看板</div>
            <div className="ws-command__screen-sub">截至 {dayjs(asOf).format('YYYY年M月D日')}{survey ? ` · ${survey.unit.name}` : ''}</div>
          </div>
          {controls}
        </div>
      ) : (
        <PageHeader title="指挥看板" description="排查、封停任务、举报线索、问题整改一屏掌握：点击图表直达对应清单" extra={controls} />
      )}

      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}

      {isPending ? (
        <Skeleton active paragraph={{ rows: 12 }} />
      ) : data && survey ? (
        <Row gutter={[16, 16]} className={isFetching ? 'ws-command--fetching' : undefined}>
          <Block
            title={`排查进度 · ${survey.rows[0] ? levelTitle(survey.rows[0].level) : ''}（完成率 ${survey.total.rate}）`}
            extra={<Link to={`/survey${survey.trail.length ? `?unit=${survey.unit.id}` : ''}`}>查看列表</Link>}
          >
            <Breadcrumb
              data-testid="command-trail"
              style={{ marginBottom: 8 }}
              items={[
                { key: 'top', title: trail.length ? <a onClick={() => update({ unit: null })}>全部</a> : '全部' },
                ...trail.map((u, i) => ({ key: u.id, title: i === trail.length - 1 ? u.name : <a onClick={() => update({ unit: u.id })}>{u.name}</a> })),
              ]}
            />
            <CommandSurveyChart rows={survey.rows} theme={theme} onPick={surveyList} />
            {survey.rows.some((r) => r.drillable) && (
              <div className="ws-command-drill" data-testid="command-drill">
                <Typography.Text type="secondary">下钻：</Typography.Text>
                {survey.rows.filter((r) => r.drillable).map((r) => (
                  <Button key={r.unitId} size="small" type="link" onClick={() => update({ unit: r.unitId })}>
                    {r.name} ›
                  </Button>
                ))}
              </div>
            )}
          </Block>

          <Block
            title={tasks ? `封停任务 · ${tasks.campaign.name}` : '封停任务'}
            extra={tasks && <a onClick={() => campaignList(null)}>查看任务</a>}
          >
            {tasks && (
              <div className="ws-command-figures">
                <CommandFigure label={`已完成 ${tasks.total.all.share}（任务 ${tasks.total.all.tasks}）`} value={tasks.total.all.done} to={`/campaigns/${tasks.campaign.id}`} testId="command-tasks-done" />
                <CommandFigure label="较昨日" value={signed(tasks.total.sinceYesterday)} to={`/campaigns/${tasks.campaign.id}`} tone={tasks.total.sinceYesterday > 0 ? 'good' : 'normal'} />
                <CommandFigure label="较上周" value={signed(tasks.total.sinceLastWeek)} to={`/campaigns/${tasks.campaign.id}`} tone={tasks.total.sinceLastWeek > 0 ? 'good' : 'normal'} />
              </div>
            )}
            {tasks ? <CommandTasksChart tasks={tasks} theme={theme} onPick={campaignList} /> : <Empty description="暂无封停任务" />}
          </Block>

          {tasks && (
            <Block title="近14日任务完成趋势" extra={<a onClick={() => campaignList(null)}>查看任务</a>}>
              <CommandTrendChart tasks={tasks} theme={theme} onPick={() => campaignList(null)} />
            </Block>
          )}

          {data.wells && (
            <Block title={`自备井处置进度（共 ${data.wells.total} 眼）`} extra={<Link to="/wells">查看井档案</Link>}>
              <CommandWellsFunnel wells={data.wells} theme={theme} onPick={(stage) => navigate(`/wells?stage=${stage}`)} />
            </Block>
          )}

          {data.tips && (
            <Block title="举报线索办理" extra={<Link to="/tips/summary">办理情况表</Link>}>
              <CommandTips tips={data.tips} theme={theme} onPick={navigate} />
            </Block>
          )}

          {data.findings && (
            <Block title="问题整改" extra={<Link to="/findings">查看问题</Link>}>
              <CommandFindings findings={data.findings} theme={theme} onPick={navigate} />
            </Block>
          )}

          {data.suspects && (
            <Block title="疑似双水源核查（当前）" extra={<Link to="/suspects/batches">查看批次</Link>}>
              <CommandSuspects suspects={data.suspects} theme={theme} onPick={() => navigate('/suspects/batches')} />
            </Block>
          )}

          {data.heatpump && (
            <Block title={`地温空调回灌（截至 ${dayjs(asOf).format('M月D日')} 的最近月份）`} extra={<Link to="/heatpump?low=true">回灌不足的项目</Link>}>
              <CommandHeatPump heatpump={data.heatpump} theme={theme} onPick={navigate} />
            </Block>
          )}
        </Row>
      ) : null}
    </div>
  );
}

function levelTitle(level: string): string {
  return ({ district: '各区', street: '各街道（乡镇）', community: '各社区（村）', grid: '各网格' } as Record<string, string>)[level] ?? '';
}
