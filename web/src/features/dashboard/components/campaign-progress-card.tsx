import { AlertOutlined, FileSearchOutlined, SafetyCertificateOutlined, SearchOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useCan, useMe } from '../../auth/hooks/use-session';
import { useTipSummary } from '../../tips/hooks/use-tips';
import { useCampaigns, useTaskProgress } from '../../campaigns/hooks/use-campaigns';
import { useSurveyProgress } from '../../survey/hooks/use-survey';
import { officeToday } from '../../../lib/office-clock';

type Metric = { key: string; title: string; rule: string; icon: ReactNode; accent: string };

// The campaign's headline figures, with the rule each is computed by (DESIGN.md). They stay
// empty until the matching records exist; no number is shown that the records do not support.
const METRICS: Metric[] = [
  { key: 'survey', title: '网格排查完成率', rule: '已完成排查网格 ÷ 网格总数，向下取整', icon: <SearchOutlined />, accent: '#1a5fb4' },
  { key: 'tasks', title: '封停任务完成率', rule: '应封停、应纳管任务完成数 ÷ 任务数', icon: <SafetyCertificateOutlined />, accent: '#389e0d' },
  { key: 'tips', title: '举报线索办结率', rule: '办结数 ÷ 交办数', icon: <AlertOutlined />, accent: '#d46b08' },
  { key: 'suspects', title: '疑似双水源核查', rule: '已核查疑似用水户 ÷ 推送核查数', icon: <FileSearchOutlined />, accent: '#722ed1' },
];

type Figure = { value: string; foot: ReactNode };

/** Today's survey completion in the user's scope, from the same records as the bulletin table. */
function useSurveyFigure(enabled: boolean): Figure | null {
  const today = officeToday();
  const { data } = useSurveyProgress(today, undefined, enabled);
  if (!enabled || !data) return null;
  return {
    value: data.total.rate,
    foot: <Link to="/survey">已完成 {data.total.completed} / {data.total.grids} 个网格</Link>,
  };
}

/** The running task campaign (or the latest one): its share done today, as the daily notice prints it. */
function useTasksFigure(enabled: boolean): Figure | null {
  const today = officeToday();
  const { data: campaigns } = useCampaigns(enabled);
  const campaign = campaigns?.find((c) => c.startsOn <= today && today <= c.endsOn) ?? campaigns?.[0];
  const { data } = useTaskProgress(enabled ? campaign?.id : undefined, undefined);
  if (!enabled || !campaign || !data) return null;
  return {
    value: data.total.all.share,
    foot: (
      <Link to={`/campaigns/${campaign.id}`}>
        {campaign.name} 已完成 {data.total.all.done} / {data.total.all.tasks} 眼
      </Link>
    ),
  };
}

/** Tips closed ÷ assigned today, as the tips table prints it. */
function useTipsFigure(enabled: boolean): Figure | null {
  const today = officeToday();
  const { data } = useTipSummary(today, enabled);
  if (!enabled || !data) return null;
  return { value: data.total.closureRate, foot: <Link to="/tips/summary">已办结 {data.total.closed} / 交办 {data.total.assigned} 件</Link> };
}

export function CampaignProgressCard() {
  const can = useCan();
  const me = useMe();
  // the district tables need a district in scope: street and grid users see their own lists instead
  const byDistrict = me.grants.some((g) => g.orgLevel === 'city' || g.orgLevel === 'district');
  const figures: Record<string, Figure | null> = {
    survey: useSurveyFigure(can('survey.read')),
    tasks: useTasksFigure(can('wells.read') && byDistrict),
    tips: useTipsFigure(can('tips.read') && byDistrict),
  };
  return (
    <Card className="ws-card" title="“飓风”行动进展" extra={<Typography.Text type="secondary">按截止日期统计</Typography.Text>}>
      <Row gutter={[16, 16]}>
        {METRICS.map((m) => (
          <Col key={m.key} xs={24} sm={12} xl={6}>
            <div className="ws-metric" style={{ ['--ws-accent' as string]: m.accent }}>
              <div className="ws-metric__head">
                <span className="ws-metric__icon">{m.icon}</span>
                <span className="ws-metric__title">{m.title}</span>
              </div>
              <div className={`ws-metric__value${figures[m.key] ? ' ws-metric__value--live' : ''}`} data-testid={`metric-${m.key}`}>{figures[m.key]?.value ?? '—'}</div>
              <div className="ws-metric__foot">
                {figures[m.key]?.foot ?? <Typography.Text type="secondary">暂无记录</Typography.Text>}
                <Typography.Text type="secondary" className="ws-metric__rule">
                  {m.rule}
                </Typography.Text>
              </div>
            </div>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
