import { CheckCircleOutlined, ExclamationCircleOutlined, RollbackOutlined, SendOutlined, ToolOutlined } from '@ant-design/icons';
import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { FINDING_EVENT_LABELS, type FindingEventKind } from '@domain/inspection/finding';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { FindingDetail, FindingEventRecord } from '../api/findings-api';

const LOOK: Record<FindingEventKind, { color: string; icon: ReactNode }> = {
  start: { color: 'blue', icon: <ToolOutlined /> },
  submit: { color: 'cyan', icon: <SendOutlined /> },
  verify: { color: 'green', icon: <CheckCircleOutlined /> },
  return: { color: 'orange', icon: <RollbackOutlined /> },
};

type Line = { label: string; value: ReactNode };

function linesOf(e: FindingEventRecord): Line[] {
  const out: Line[] = [];
  if (e.data.plan) out.push({ label: '整改措施', value: e.data.plan });
  if (e.data.evidence) out.push({ label: '整改情况', value: e.data.evidence });
  if (e.data.reason) out.push({ label: '退回原因', value: e.data.reason });
  return out;
}

/** The finding's rectification record, newest first, ending with the day it was raised. */
export function FindingTimeline({ finding }: { finding: FindingDetail }) {
  const newestFirst = [...finding.events].reverse();
  return (
    <Timeline
      style={{ marginTop: 8 }}
      data-testid="finding-timeline"
      items={[
        ...newestFirst.map((e, i) => {
          const lines = linesOf(e);
          return {
            key: `e${i}`,
            color: LOOK[e.event].color,
            icon: LOOK[e.event].icon,
            content: (
              <div className="ws-event" data-testid={`finding-step-${e.event}`}>
                <div>
                  <Typography.Text strong>{FINDING_EVENT_LABELS[e.event]}</Typography.Text>
                  <Typography.Text style={{ marginLeft: 12 }}>{formatDate(e.onDate)}</Typography.Text>
                </div>
                {lines.length > 0 && (
                  <dl className={`ws-fd-lines${e.event === 'return' ? ' ws-fd-lines--warn' : ''}`}>
                    {lines.map((l) => (
                      <div key={l.label}>
                        <dt>{l.label}</dt>
                        <dd>{l.value}</dd>
                      </div>
                    ))}
                  </dl>
                )}
                <Typography.Text type="secondary" className="ws-event__meta">
                  {e.actorName} · 记录于 {formatDateTime(e.at)}
                </Typography.Text>
              </div>
            ),
          };
        }),
        {
          key: 'raised',
          color: 'gray',
          icon: <ExclamationCircleOutlined />,
          content: (
            <div className="ws-event">
              <div>
                <Typography.Text strong>发现问题</Typography.Text>
                <Typography.Text style={{ marginLeft: 12 }}>{formatDate(finding.foundOn)}</Typography.Text>
              </div>
              <Typography.Text type="secondary" className="ws-event__meta">
                提出单位：{finding.raisedBy}
                {finding.deadline ? ` · 整改期限 ${formatDate(finding.deadline)}` : ''}
              </Typography.Text>
            </div>
          ),
        },
      ]}
    />
  );
}
