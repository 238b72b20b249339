import { ArrowLeftOutlined, EnvironmentOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Image, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { Capability } from '@domain/shared/roles';
import { TIP_CHANNEL_LABELS, TIP_EVENT_LABELS, type TipEventKind } from '@domain/tip/workflow';
import { ApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { useCan, useMe } from '../../auth/hooks/use-session';
import type { TipDetail } from '../api/tips-api';
import { TipDuplicates } from '../components/tip-duplicates';
import { TipEventModal } from '../components/tip-event-modal';
import { TipReporterPanel } from '../components/tip-reporter-panel';
import { OverdueTag, TipResultTag, TipStateTag, TIP_RESULT_LABELS } from '../components/tip-tags';
import { TipTimeline } from '../components/tip-timeline';
import { useTipUnits } from '../hooks/use-tip-units';
import { useTip } from '../hooks/use-tips';
import '../tips.css';

/** Who may record each step (the server decides too; this only hides buttons that would be refused). */
const EVENT_CAPABILITY: Record<TipEventKind, Capability> = {
  assign: 'tips.assign',
  pass: 'tips.handle',
  investigate: 'tips.handle',
  close: 'tips.handle',
  recheck: 'tips.recheck',
  reopen: 'tips.recheck',
};

const WHO: Record<TipEventKind, string> = { assign: '市封停办', pass: '区封停办', investigate: '属地', close: '属地', recheck: '市封停办', reopen: '市封停办' };

function TipContent({ tip }: { tip: TipDetail }) {
  return (
    <>
      <div className="ws-tip-content" data-testid="tip-content-text">
        {tip.content}
      </div>
      {tip.mergedText && (
        <div className="ws-tip-merged">
          <div className="ws-tip-merged__title">
            <LinkOutlined /> 合并进来的线索
          </div>
          <div className="ws-tip-merged__text">{tip.mergedText}</div>
        </div>
      )}
      <dl className="ws-tip-lines ws-tip-lines--plain">
        <div>
          <dt>地点</dt>
          <dd>{tip.address || <Typography.Text type="secondary">未填写</Typography.Text>}</dd>
        </div>
        {tip.place.length > 0 && (
          <div>
            <dt>所在区域</dt>
            <dd>{tip.place.join(' / ')}</dd>
          </div>
        )}
        {tip.lat !== null && tip.lng !== null && (
          <div>
            <dt>位置</dt>
            <dd>
              <EnvironmentOutlined /> <span className="ws-gps__coords">{tip.lat.toFixed(6)}, {tip.lng.toFixed(6)}</span>
            </dd>
          </div>
        )}
      </dl>
      <div className="ws-tip-photos">
        <Typography.Text type="secondary">现场照片（{tip.photos.length}）</Typography.Text>
        {tip.photos.length ? (
          <div className="ws-photos" style={{ marginTop: 8 }}>
            <Image.PreviewGroup>
              {tip.photos.map((p) => (
                <div className="ws-photo" key={p.id} title={p.fileName}>
                  <Image src={p.url} alt={p.fileName} width={88} height={88} style={{ objectFit: 'cover' }} />
                </div>
              ))}
            </Image.PreviewGroup>
          </div>
        ) : (
          <Typography.Text type="secondary">：无</Typography.Text>
        )}
      </div>
    </>
  );
}

/** 线索详情: what was reported, where, how it has been handled, and the next step for this user. */
export function TipDetailPage() {
  const tipId = Number(useParams().tipId);
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const [event, setEvent] = useState<TipEventKind | null>(null);
  const { data: tip, error } = useTip(tipId);
  const units = useTipUnits();
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/tips'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="线索不存在" subTitle="该线索不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/tips')}>返回线索列表</Button>} />;
  }
  if (!tip || tip.id !== tipId) {
    return (
      <Card className="ws-card">
        {error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}
      </Card>
    );
  }

  // passing to a street is the district's step (a street office holds tips.handle too); it never leads
  const passes = me.grants.some((g) => g.role === 'city' || g.role === 'district');
  const allowed = (e: TipEventKind) => can(EVENT_CAPABILITY[e]) && (e !== 'pass' || passes);
  const mine = tip.next.filter(allowed).sort((a, b) => Number(a === 'pass') - Number(b === 'pass'));
  const others = tip.next.filter((e) => !allowed(e) && !(e === 'pass' && can('tips.handle')));

  return (
    <>
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: tip.code, tooltips: ['复制编号', '已复制'] }} className="ws-tip-code">
                  {tip.code}
                </Typography.Title>
                <TipStateTag state={tip.state} testId="tip-state-tag" large />
                <OverdueTag overdue={tip.overdue} large />
                <TipResultTag result={tip.result} large />
                {tip.duplicateOf !== null && <Tag className="ws-tag-large">已合并</Tag>}
              </Space>
              <div className="ws-grid-head__meta">
                <span>{TIP_CHANNEL_LABELS[tip.channel]}</span>
                <span>受理于 {formatDateTime(tip.receivedAt)}</span>
                <span>{tip.district ?? '待交办'}</span>
                {tip.deadline && (tip.state === 'assigned' || tip.state === 'investigated') && <span className={tip.overdue ? 'ws-tip-deadline ws-tip-deadline--overdue' : 'ws-tip-deadline'}>办理期限 {formatDate(tip.deadline)}</span>}
              </div>
            </div>
          </div>
        </div>
      </Card>

      {tip.duplicateOf !== null && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="本线索已合并到另一条线索，随其一并办理"
          action={
            <Link to={`/tips/${tip.duplicateOf}`}>
              <Button size="small">查看合并后的线索</Button>
            </Link>
          }
        />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card className="ws-card" title="举报内容" style={{ marginBottom: 16 }}>
            <TipContent tip={tip} />
          </Card>
          <Card className="ws-card" title="办理过程" style={{ marginBottom: 16 }}>
            {tip.next.length > 0 && tip.duplicateOf === null && (
              <div className="ws-next-steps">
                <Typography.Text strong>下一步</Typography.Text>
                {mine.length > 0 && (
                  <Space wrap size={[8, 8]}>
                    {mine.map((e, i) => (
                      <Button key={e} type={i === 0 ? 'primary' : 'default'} danger={e === 'reopen'} data-testid={`tip-next-${e}`} onClick={() => setEvent(e)}>
                        {TIP_EVENT_LABELS[e]}
                      </Button>
                    ))}
                  </Space>
                )}
                {others.length > 0 && (
                  <Typography.Text type="secondary">
                    {mine.length ? '；' : ''}
                    {others.map((e) => `${TIP_EVENT_LABELS[e]}（${WHO[e]}）`).join('、')}
                  </Typography.Text>
                )}
              </div>
            )}
            <TipTimeline tip={tip} units={units} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card className="ws-card" title="办理信息" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'district', label: '承办区', children: tip.district ?? '待交办' },
                { key: 'assigned', label: '交办日期', children: formatDate(tip.assignedOn) },
                { key: 'deadline', label: '办理期限', children: tip.deadline ? <span className={tip.overdue ? 'ws-tip-deadline--overdue' : undefined}>{formatDate(tip.deadline)}{tip.overdue ? '（已逾期）' : ''}</span> : '—' },
                { key: 'result', label: '核查结果', children: tip.result ? TIP_RESULT_LABELS[tip.result] : '—' },
                { key: 'well', label: '关联井档案', children: tip.wellId ? <Link to={`/wells/${tip.wellId}`}>查看井档案</Link> : '—' },
                { key: 'closed', label: '办结日期', children: formatDate(tip.closedOn) },
                { key: 'mode', label: '举报方式', children: tip.anonymous ? '匿名' : '实名' },
              ]}
            />
          </Card>
          <Card className="ws-card" title={`可能重复（${tip.duplicates.length}）`} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              30 天内同一网格或 300 米内、内容相近的线索
            </Typography.Paragraph>
            <TipDuplicates tip={tip} canMerge={can('tips.assign')} />
          </Card>
          {can('tips.reporter') ? (
            <Card className="ws-card" title="举报人信息" style={{ marginBottom: 16 }}>
              <TipReporterPanel key={tip.id} tip={tip} />
            </Card>
          ) : (
            <Card className="ws-card" title="举报人信息" style={{ marginBottom: 16 }}>
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="举报人身份依法保密，仅市封停办可见" />
            </Card>
          )}
        </Col>
      </Row>

      <TipEventModal tip={tip} event={event} onClose={() => setEvent(null)} />
    </>
  );
}
