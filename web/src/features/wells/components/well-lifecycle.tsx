import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Image, Space, Steps, Typography } from 'antd';
import type { ReactNode } from 'react';
import { WELL_EVENT_LABELS, type WellEventKind, type WellStage } from '@domain/well/lifecycle';
import { FOUND_VIA_LABELS } from '@domain/well/well';
import { formatDate, formatDateTime } from '../../../lib/format';
import type { WellDetail, WellEventRecord } from '../api/wells-api';
import { dispositionPath, evidenceLines, PHOTO_STAGE_LABELS, STEP_PHOTOS } from './well-evidence';

function Evidence({ record }: { record: WellEventRecord }) {
  const lines = evidenceLines(record.data);
  return (
    <div className="ws-step">
      {lines.length > 0 && (
        <dl className="ws-step__evidence">
          {lines.map((l) => (
            <div key={l.label}>
              <dt>{l.label}</dt>
              <dd>{l.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <Typography.Text type="secondary" className="ws-event__meta">
        {record.actorName} · 记录于 {formatDateTime(record.at)}
      </Typography.Text>
    </div>
  );
}

function StepPhotos({ well, event }: { well: WellDetail; event: WellEventKind }) {
  const stages = STEP_PHOTOS[event] ?? [];
  const photos = well.photos.filter((p) => p.stage !== null && (stages as string[]).includes(p.stage));
  if (!photos.length) return null;
  return (
    <div className="ws-step__photos">
      <Image.PreviewGroup>
        {photos.map((p) => (
          <span key={p.id} className={`ws-step__photo${p.farFromWell ? ' ws-step__photo--far' : ''}`} title={`${PHOTO_STAGE_LABELS[p.stage as keyof typeof PHOTO_STAGE_LABELS] ?? ''}${p.farFromWell && p.distanceM !== null ? ` · 拍摄位置距井 ${Math.round(p.distanceM)} 米` : ''}`}>
            <Image src={p.url} alt={p.fileName} width={56} height={56} style={{ objectFit: 'cover' }} />
          </span>
        ))}
      </Image.PreviewGroup>
    </div>
  );
}

/** What a well at the end of its path has come to, and the step that brought it there. */
const FINISHED: Partial<Record<WellStage, string>> = { accepted: '封停完成：已验收', tax_registered: '纳管完成：已登记水资源税', reactivated: '备用井已启用' };
const FINAL_EVENT: Partial<Record<WellStage, WellEventKind>> = { accepted: 'accept', tax_registered: 'register_tax', reactivated: 'reactivate' };

type Props = {
  well: WellDetail;
  /** the user may record steps, and the page shows today (not a past day) */
  canAct: boolean;
  /** why there are no buttons, when there are next steps but `canAct` is false */
  readOnlyNote?: ReactNode;
  onStep: (event: WellEventKind) => void;
};

/**
 * 处置流程: the steps of the well's disposition path, each done step with its date and evidence,
 * and a button for each step that may come next (and only those).
 */
export function WellLifecycle({ well, canAct, readOnlyNote, onStep }: Props) {
  const byEvent = new Map<WellEventKind, WellEventRecord>();
  for (const e of well.events) byEvent.set(e.event, e);
  const path = dispositionPath(well.disposition, { standby: well.sealMode === 'standby', reactivated: well.stage === 'reactivated' });
  const isDone = (key: (typeof path)[number]['key']) => key === 'discover' || byEvent.has(key);
  const current = well.next.length ? path.findIndex((s) => !isDone(s.key)) : -1;
  const lastDone = path.map((s) => isDone(s.key)).lastIndexOf(true);
  const finished = FINISHED[well.stage] ? `${FINISHED[well.stage]}${byEvent.get(FINAL_EVENT[well.stage]!) ? `（${formatDate(byEvent.get(FINAL_EVENT[well.stage]!)!.onDate)}）` : ''}` : null;

  const items = path.map((step, i) => {
    const done = isDone(step.key);
    const record = step.key === 'discover' ? undefined : byEvent.get(step.key);
    const date = step.key === 'discover' ? well.discoveredOn : record?.onDate;
    return {
      key: step.key,
      status: done ? ('finish' as const) : i === current ? ('process' as const) : ('wait' as const),
      title: (
        <span className="ws-step__title">
          {step.title}
          {done && date && <span className="ws-step__date">{formatDate(date)}</span>}
        </span>
      ),
      content:
        step.key === 'discover' ? (
          <div className="ws-step">
            <dl className="ws-step__evidence">
              <div>
                <dt>发现途径</dt>
                <dd>
                  {FOUND_VIA_LABELS[well.foundVia]}
                  {well.foundRef ? `（${well.foundRef}）` : ''}
                </dd>
              </div>
            </dl>
          </div>
        ) : record ? (
          <>
            <Evidence record={record} />
            <StepPhotos well={well} event={step.key} />
          </>
        ) : i === current ? (
          <Typography.Text type="secondary">待办理</Typography.Text>
        ) : null,
    };
  });

  return (
    <div>
      {well.next.length > 0 && (
        <div className="ws-next-steps">
          <Typography.Text strong>下一步</Typography.Text>
          {canAct ? (
            <Space wrap size={[8, 8]}>
              {well.next.map((e, i) => (
                <Button key={e} type={i === 0 ? 'primary' : 'default'} data-testid={`well-next-${e}`} onClick={() => onStep(e)}>
                  {WELL_EVENT_LABELS[e]}
                </Button>
              ))}
            </Space>
          ) : (
            <Typography.Text type="secondary">
              {well.next.map((e) => WELL_EVENT_LABELS[e]).join('、')}
              {readOnlyNote ? <>（{readOnlyNote}）</> : null}
            </Typography.Text>
          )}
        </div>
      )}
      {finished && (
        <div className="ws-next-steps ws-next-steps--done">
          <CheckCircleFilled className="ws-check__ok" />
          <Typography.Text strong>{finished}</Typography.Text>
        </div>
      )}
      <Steps orientation="vertical" size="small" current={current >= 0 ? current : lastDone} items={items} className="ws-well-steps" />
      {!well.disposition && (
        <Typography.Paragraph type="secondary" className="ws-step__later">
          确定处置方式后显示后续步骤。应封停：下达通知 → 接通替代水源 → 封井 → 验收；应纳管：取水许可 → 计量设施 → 水资源税。
        </Typography.Paragraph>
      )}
      {well.disposition === 'keep' && (
        <Typography.Paragraph type="secondary" className="ws-step__later">
          该井保留（监测、消防或应急用途），无需封停或纳管。
        </Typography.Paragraph>
      )}
    </div>
  );
}
