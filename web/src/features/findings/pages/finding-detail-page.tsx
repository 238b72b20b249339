import { ArrowLeftOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { FINDING_EVENT_LABELS, type FindingEventKind } from '@domain/inspection/finding';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PhotoPanel } from '../../../ui/photo-panel';
import { useCan } from '../../auth/hooks/use-session';
import { uploadFindingPhoto, type FindingDetail } from '../api/findings-api';
import { FindingEventModal } from '../components/finding-event-modal';
import { FindingCategoryTag, FindingOverdueTag, FindingStateTag } from '../components/finding-tags';
import { FindingTimeline } from '../components/finding-timeline';
import { FINDINGS_KEY, useFinding } from '../hooks/use-findings';
import '../findings.css';

const GRID_REOPENED_TEXT = '该问题为漏排：网格已退回排查中，须重新完成排查';

/** Whose move it is when the caller has none: the owner rectifies, the raising office verifies. */
function waitingFor(f: FindingDetail): string | null {
  if (f.state === 'open' || f.state === 'rectifying' || f.state === 'returned') return '等待责任单位整改并提交整改材料';
  if (f.state === 'submitted') return `整改材料已提交，等待${f.raisedBy}核验`;
  return null;
}

function Evidence({ finding }: { finding: FindingDetail }) {
  const rows: { label: string; value: ReactNode }[] = [];
  if (finding.inspectionId) {
    rows.push({
      label: '督导记录',
      value: (
        <Link to={`/inspections/${finding.inspectionId}`} data-testid="finding-inspection-link">
          {finding.inspectionTitle ?? `督导记录 #${finding.inspectionId}`}
        </Link>
      ),
    });
  }
  if (finding.gridId) {
    rows.push({
      label: '网格',
      value: (
        <Link to={`/survey/grids/${finding.gridId}`} data-testid="finding-grid-link">
          {finding.gridName ?? `网格 #${finding.gridId}`}
        </Link>
      ),
    });
  }
  if (finding.wellId) {
    rows.push({
      label: '井档案',
      value: (
        <Link to={`/wells/${finding.wellId}`} className="ws-well-code-link" data-testid="finding-well-link">
          {finding.wellCode ?? `井 #${finding.wellId}`}
        </Link>
      ),
    });
  }
  if (finding.cardId) rows.push({ label: '一户一卡', value: `第 ${finding.cardId} 号` });
  if (!rows.length) return null;
  return (
    <dl className="ws-fd-lines ws-fd-lines--plain" data-testid="finding-evidence-links">
      {rows.map((r) => (
        <div key={r.label}>
          <dt>{r.label}</dt>
          <dd>{r.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** 问题详情: what is wrong, whose it is, the evidence, and its rectification step by step. */
export function FindingDetailPage() {
  const findingId = Number(useParams().findingId);
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const [event, setEvent] = useState<FindingEventKind | null>(null);
  const { data: finding, error } = useFinding(findingId);
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/findings'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="问题不存在" subTitle="该问题不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/findings')}>返回问题整改</Button>} />;
  }
  if (!finding || finding.id !== findingId) {
    return (
      <Card className="ws-card">
        {error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}
      </Card>
    );
  }

  const waiting = finding.next.length === 0 ? waitingFor(finding) : null;
  const canUpload = finding.state !== 'closed' && (can('findings.rectify') || can('findings.raise'));
  // the usual next step leads; a return sits beside verifying
  const primary: FindingEventKind | undefined = finding.next.find((e) => e !== 'return');

  return (
    <div data-testid="finding-detail">
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {finding.place.length ? finding.place.join(' / ') : finding.district}
                </Typography.Title>
                <FindingCategoryTag category={finding.category} label={finding.categoryLabel} large />
                <FindingStateTag state={finding.state} testId="finding-state-tag" large />
                <FindingOverdueTag overdue={finding.overdue} large />
              </Space>
              <div className="ws-grid-head__meta">
                <span>发现于 {formatDate(finding.foundOn)}</span>
                <span>提出单位：{finding.raisedBy}</span>
                {finding.deadline && finding.state !== 'closed' && (
                  <span className={finding.overdue ? 'ws-fd-deadline ws-fd-deadline--overdue' : 'ws-fd-deadline'}>整改期限 {formatDate(finding.deadline)}</span>
                )}
              </div>
            </div>
          </div>
        </div>
      </Card>

      {finding.gridReopened && (
        <Alert type="info" showIcon icon={<InfoCircleOutlined />} style={{ marginBottom: 16 }} title={GRID_REOPENED_TEXT} data-testid="finding-grid-reopened" />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card className="ws-card" title="问题内容" style={{ marginBottom: 16 }}>
            <div className="ws-fd-content" data-testid="finding-description">
              {finding.description}
            </div>
            <Evidence finding={finding} />
          </Card>
          <Card className="ws-card" title="整改过程" style={{ marginBottom: 16 }}>
            {(finding.next.length > 0 || waiting) && (
              <div className="ws-next-steps">
                <Typography.Text strong>下一步</Typography.Text>
                {finding.next.length > 0 ? (
                  <Space wrap size={[8, 8]}>
                    {finding.next.map((e) => (
                      <Button key={e} type={e === primary ? 'primary' : 'default'} danger={e === 'return'} onClick={() => setEvent(e)} data-testid={`finding-next-${e}`}>
                        {FINDING_EVENT_LABELS[e]}
                      </Button>
                    ))}
                  </Space>
                ) : (
                  <Typography.Text type="secondary">{waiting}</Typography.Text>
                )}
              </div>
            )}
            <FindingTimeline finding={finding} />
          </Card>
          <Card className="ws-card" title={`整改照片（${finding.photos.length}）`} style={{ marginBottom: 16 }}>
            <PhotoPanel
              photos={finding.photos}
              canUpload={canUpload}
              upload={(body, onUpload) => uploadFindingPhoto(finding.id, body, onUpload)}
              onUploaded={() => qc.invalidateQueries({ queryKey: FINDINGS_KEY })}
              inputTestId="finding-photo-upload"
              addLabel="上传整改照片"
              emptyText="没有整改照片"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card className="ws-card" title="整改信息" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'unit', label: '责任单位', children: finding.place.join(' / ') || finding.district },
                { key: 'category', label: '问题类别', children: finding.categoryLabel },
                { key: 'found', label: '发现日期', children: formatDate(finding.foundOn) },
                {
                  key: 'deadline',
                  label: '整改期限',
                  children: finding.deadline ? (
                    <span className={finding.overdue ? 'ws-fd-deadline--overdue' : undefined}>
                      {formatDate(finding.deadline)}
                      {finding.overdue ? '（已逾期）' : ''}
                    </span>
                  ) : (
                    '—'
                  ),
                },
                { key: 'submitted', label: '提交日期', children: formatDate(finding.submittedOn) },
                { key: 'closed', label: '销号日期', children: formatDate(finding.closedOn) },
                { key: 'returns', label: '退回次数', children: finding.returns ? `${finding.returns} 次` : '—' },
                { key: 'raisedBy', label: '提出单位', children: finding.raisedBy },
              ]}
            />
          </Card>
        </Col>
      </Row>

      <FindingEventModal finding={finding} event={event} onClose={() => setEvent(null)} />
    </div>
  );
}
