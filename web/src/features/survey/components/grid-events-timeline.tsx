import { CheckCircleOutlined, PlayCircleOutlined, RollbackOutlined } from '@ant-design/icons';
import { Empty, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { SURVEY_EVENT_LABELS, type SurveyEventKind } from '@domain/survey/survey-state';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { SurveyEvent } from '../api/survey-api';

const LOOK: Record<SurveyEventKind, { color: string; icon: ReactNode }> = {
  start: { color: 'blue', icon: <PlayCircleOutlined /> },
  complete: { color: 'green', icon: <CheckCircleOutlined /> },
  reopen: { color: 'orange', icon: <RollbackOutlined /> },
};

/** The grid's survey history: start, complete, reopen (with its reason), newest first. */
export function GridEventsTimeline({ events }: { events: SurveyEvent[] }) {
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未开始排查" />;
  const newestFirst = [...events].reverse();
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={newestFirst.map((e, i) => ({
        key: i,
        color: LOOK[e.event].color,
        icon: LOOK[e.event].icon,
        content: (
          <div className="ws-event">
            <div>
              <Typography.Text strong>{SURVEY_EVENT_LABELS[e.event]}</Typography.Text>
              <Typography.Text style={{ marginLeft: 12 }}>{formatDate(e.onDate)}</Typography.Text>
            </div>
            {e.reason && <div className="ws-event__reason">原因：{e.reason}</div>}
            <Typography.Text type="secondary" className="ws-event__meta">
              {e.actorName} · 记录于 {formatDateTime(e.at)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}
