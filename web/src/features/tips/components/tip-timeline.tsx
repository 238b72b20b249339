import {
  AuditOutlined,
  CheckCircleOutlined,
  FileSearchOutlined,
  InboxOutlined,
  RollbackOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  ShareAltOutlined,
} from '@ant-design/icons';
import { Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { TIP_CHANNEL_LABELS, TIP_EVENT_LABELS, type TipEventKind } from '@domain/tip/workflow';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { TipDetail, TipEventRecord } from '../api/tips-api';
import type { TipUnits } from '../hooks/use-tip-units';
import { TIP_RESULT_LABELS } from './tip-tags';

const LOOK: Record<TipEventKind, { color: string; icon: ReactNode }> = {
  assign: { color: 'blue', icon: <SendOutlined /> },
  pass: { color: 'blue', icon: <ShareAltOutlined /> },
  investigate: { color: 'cyan', icon: <FileSearchOutlined /> },
  close: { color: 'green', icon: <CheckCircleOutlined /> },
  recheck: { color: 'green', icon: <SafetyCertificateOutlined /> },
  reopen: { color: 'orange', icon: <RollbackOutlined /> },
};

type Line = { label: string; value: ReactNode };

function linesOf(e: TipEventRecord, tip: TipDetail, units: TipUnits): Line[] {
  const d = e.data;
  const out: Line[] = [];
  if (d.districtId) out.push({ label: '交办至', value: units.nameOf(d.districtId) ?? tip.district ?? `单位 ${d.districtId}` });
  if (d.deadline) out.push({ label: '办理期限', value: formatDate(d.deadline) });
  if (d.streetId) out.push({ label: '转交', value: units.nameOf(d.streetId) ?? `街道 ${d.streetId}` });
  if (d.result) out.push({ label: '核查结果', value: TIP_RESULT_LABELS[d.result] });
  if (d.evidence) out.push({ label: '核查情况', value: d.evidence });
  if (d.wellId) out.push({ label: '关联井档案', value: <Link to={`/wells/${d.wellId}`}>查看井档案</Link> });
  if (d.reply) out.push({ label: '答复', value: d.reply });
  if (d.reason) out.push({ label: '退回原因', value: d.reason });
  return out;
}

/** The tip's handling record, newest first, ending with its receipt. */
export function TipTimeline({ tip, units }: { tip: TipDetail; units: TipUnits }) {
  const newestFirst = [...tip.events].reverse();
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={[
        ...newestFirst.map((e, i) => {
          const lines = linesOf(e, tip, units);
          return {
            key: `e${i}`,
            color: LOOK[e.event].color,
            icon: LOOK[e.event].icon,
            content: (
              <div className="ws-event" data-testid={`tip-event-${e.event}`}>
                <div>
                  <Typography.Text strong>{TIP_EVENT_LABELS[e.event]}</Typography.Text>
                  <Typography.Text style={{ marginLeft: 12 }}>{formatDate(e.onDate)}</Typography.Text>
                  {e.data.imported && <Typography.Text type="secondary" style={{ marginLeft: 8, fontSize: 12 }}>（原台账导入）</Typography.Text>}
                </div>
                {lines.length > 0 && (
                  <dl className={`ws-tip-lines${e.event === 'reopen' ? ' ws-tip-lines--warn' : ''}`}>
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
          key: 'received',
          color: 'gray',
          icon: <InboxOutlined />,
          content: (
            <div className="ws-event">
              <div>
                <Typography.Text strong>受理</Typography.Text>
                <Typography.Text style={{ marginLeft: 12 }}>{formatDateTime(tip.receivedAt)}</Typography.Text>
              </div>
              <Typography.Text type="secondary" className="ws-event__meta">
                <AuditOutlined /> 来源：{TIP_CHANNEL_LABELS[tip.channel]}
              </Typography.Text>
            </div>
          ),
        },
      ]}
    />
  );
}
