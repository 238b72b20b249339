import { ArrowLeftOutlined, EditOutlined, FileTextOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Switch, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { CASE_EVENT_LABELS, type CaseEventKind } from '@domain/case/case';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { MaskedValue } from '../../../ui/masked-value';
import { useCan } from '../../auth/hooks/use-session';
import type { CaseDetail, CaseEventRecord } from '../api/cases-api';
import { CaseFormModal } from '../components/case-form-modal';
import { CaseStateTag, formatYuan, TypicalTag, ViolationTag } from '../components/case-tags';
import { CaseTransitionModal } from '../components/case-transition-modal';
import { useCase, useMarkTypical, useWriteCaseArticle } from '../hooks/use-cases';
import '../cases.css';

function eventDetail(e: CaseEventRecord): string {
  const d = e.data;
  return [
    d.fineYuan !== undefined ? `罚款 ${formatYuan(d.fineYuan)}` : '',
    d.otherMeasures ?? '',
    d.decisionNo ? `文号：${d.decisionNo}` : '',
    d.executionNote ? `执行情况：${d.executionNote}` : '',
    d.note ?? '',
    d.imported ? '（由原台账导入）' : '',
  ].filter(Boolean).join('；');
}

function History({ kase }: { kase: CaseDetail }) {
  return (
    <Timeline
      data-testid="case-history"
      items={kase.events.map((e, i) => ({
        key: i,
        color: e.event === 'close' ? 'green' : e.event === 'decide' ? 'orange' : 'blue',
        content: (
          <div>
            <Space size={8} wrap>
              <Typography.Text strong>{e.eventLabel}</Typography.Text>
              <Typography.Text type="secondary">{formatDate(e.onDate)}</Typography.Text>
              <Typography.Text type="secondary">{e.actorName}</Typography.Text>
            </Space>
            {eventDetail(e) && <div className="ws-case-text">{eventDetail(e)}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** 典型案例 and its 工作信息 draft, written from the case through the articles workflow. */
function Publicity({ kase }: { kase: CaseDetail }) {
  const can = useCan();
  const mark = useMarkTypical(kase.id);
  const write = useWriteCaseArticle(kase.id);
  const decided = kase.state === 'decided' || kase.state === 'enforcing' || kase.state === 'closed';
  const hint = !kase.typical ? '标记为典型案例后，可生成工作信息稿供简报刊用' : !kase.article && !decided ? '作出处罚决定后可生成工作信息稿' : null;
  return (
    <Card className="ws-card" title="典型案例" style={{ marginBottom: 16 }}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <label className="ws-case-filters__switch">
          <Switch
            checked={kase.typical}
            disabled={!kase.editable || mark.isPending}
            loading={mark.isPending}
            onChange={(typical) => mark.mutate({ typical, version: kase.version }, { onSuccess: () => showSuccess(typical ? '已标记为典型案例' : '已取消典型案例') })}
            data-testid="case-typical"
          />
          典型案例（用于宣传通报）
        </label>
        {kase.article && (
          <div className="ws-case-article" data-testid="case-article">
            <FileTextOutlined />
            <Link to={`/articles/${kase.article.id}`}>{kase.article.title}</Link>
            <Tag>{kase.article.stateLabel}</Tag>
          </div>
        )}
        {kase.mayWriteArticle && (
          <Button type="primary" icon={<FileTextOutlined />} loading={write.isPending} onClick={() => write.mutate({ version: kase.version }, { onSuccess: () => showSuccess(`已生成${kase.district}工作信息稿（草稿），请到“工作动态”修改后提交审核`) })} data-testid="case-write-article">
            生成工作信息稿
          </Button>
        )}
        {hint && <Typography.Text type="secondary">{hint}</Typography.Text>}
        {!can('articles.write') && kase.typical && !kase.article && <Typography.Text type="secondary">工作信息稿由市、区封停办撰写</Typography.Text>}
      </Space>
    </Card>
  );
}

/** 案件详情: the party, the wells, the violation and the law, the penalty, and each step with its date. */
export function CasePage() {
  const caseId = Number(useParams().caseId);
  const navigate = useNavigate();
  const location = useLocation();
  const [event, setEvent] = useState<CaseEventKind | null>(null);
  const [editing, setEditing] = useState(false);
  const { data: kase, error } = useCase(caseId);
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/cases'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="案件不存在" subTitle="该案件不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/cases')}>返回执法案件</Button>} />;
  }
  if (!kase || kase.id !== caseId) {
    return <Card className="ws-card">{error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}</Card>;
  }

  return (
    <div data-testid="case-detail">
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {kase.number}
                </Typography.Title>
                <ViolationTag violation={kase.violation} label={kase.violationLabel} />
                <CaseStateTag state={kase.state} testId="case-state-tag" />
                <TypicalTag typical={kase.typical} />
              </Space>
              <div className="ws-grid-head__meta">
                <span>当事人：{kase.partyName}</span>
                <span>立案于 {formatDate(kase.filedOn)}</span>
                <span>{kase.place.join(' / ')}</span>
              </div>
            </div>
          </div>
          {kase.editable && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="case-edit">
              修改
            </Button>
          )}
        </div>
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card className="ws-card" title="案件内容" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'party', label: '当事人', children: kase.partyName },
                { key: 'contact', label: '联系方式', children: <MaskedValue value={kase.partyContact} target={{ kind: 'case', id: kase.id, field: 'partyContact' }} canReveal={kase.editable} label="查看完整联系方式" /> },
                { key: 'card', label: '一户一卡', children: kase.partyCardName ?? '—' },
                { key: 'violation', label: '违法类型', children: kase.violationLabel },
                {
                  key: 'basis',
                  label: '法律依据',
                  span: 'filled',
                  children: kase.legalBasis.length ? (
                    <div data-testid="case-legal-basis">
                      {kase.legalBasis.map((b) => (
                        <div key={b.code}>
                          {b.title} <Typography.Text type="secondary">{b.subject}</Typography.Text>
                        </div>
                      ))}
                    </div>
                  ) : (
                    '—'
                  ),
                },
                {
                  key: 'facts', label: '违法事实', span: 'filled',
                  // phone and ID numbers in the facts come masked; the offices handling the case may reveal them (audited)
                  children: <div className="ws-case-text"><MaskedValue value={kase.facts || null} target={{ kind: 'case', id: kase.id, field: 'facts' }} canReveal={kase.editable} label="查看完整内容" /></div>,
                },
              ]}
            />
          </Card>
          <Card className="ws-card" title={`涉及的井（${kase.wells.length}）`} style={{ marginBottom: 16 }}>
            {kase.wells.length ? (
              <Space orientation="vertical" size={4} data-testid="case-wells">
                {kase.wells.map((w) => (
                  <div key={w.id}>
                    <Link to={`/wells/${w.id}`} className="ws-well-code-link">
                      {w.code}
                    </Link>{' '}
                    {w.ownerName}
                    {w.address && <Typography.Text type="secondary">（{w.address}）</Typography.Text>}
                  </div>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">未关联井档案</Typography.Text>
            )}
          </Card>
          <Card className="ws-card" title="办案过程" style={{ marginBottom: 16 }}>
            {kase.next.length > 0 && (
              <div className="ws-next-steps" style={{ marginBottom: 16 }}>
                <Typography.Text strong>下一步</Typography.Text>{' '}
                <Space wrap size={[8, 8]}>
                  {kase.next.map((e) => (
                    <Button key={e} type="primary" onClick={() => setEvent(e)} data-testid={`case-next-${e}`}>
                      {CASE_EVENT_LABELS[e]}
                    </Button>
                  ))}
                </Space>
              </div>
            )}
            <History kase={kase} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card className="ws-card" title="处罚" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'fine', label: '罚款金额', children: <span className="ws-case-fine" data-testid="case-fine">{formatYuan(kase.fineYuan)}</span> },
                { key: 'other', label: '其他措施', children: kase.otherMeasures || '—' },
                { key: 'decided', label: '决定日期', children: formatDate(kase.decidedOn) },
                { key: 'closed', label: '结案日期', children: formatDate(kase.closedOn) },
                { key: 'district', label: '所属区', children: kase.district },
              ]}
            />
          </Card>
          <Publicity kase={kase} />
        </Col>
      </Row>

      <CaseTransitionModal kase={kase} event={event} onClose={() => setEvent(null)} />
      <CaseFormModal open={editing} onClose={() => setEditing(false)} editing={kase} />
    </div>
  );
}

