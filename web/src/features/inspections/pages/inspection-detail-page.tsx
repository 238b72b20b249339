import { ArrowLeftOutlined, EditOutlined, EnvironmentOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PhotoPanel } from '../../../ui/photo-panel';
import { useCan } from '../../auth/hooks/use-session';
import { RaiseFindingModal } from '../../findings/components/raise-finding-modal';
import { FindingCategoryTag, FindingOverdueTag, FindingStateTag } from '../../findings/components/finding-tags';
import { uploadInspectionPhoto, type InspectionDetail } from '../api/inspections-api';
import { AddWellModal } from '../components/add-well-modal';
import { InspectionEditDrawer } from '../components/inspection-edit-drawer';
import { TARGET_KIND_LABELS } from '../components/inspection-fields';
import { InspectionKindTag } from '../components/inspection-tags';
import { INSPECTIONS_KEY, useInspection } from '../hooks/use-inspections';
import '../inspections.css';

const orDash = (s: string) => (s.trim() ? s : '—');

function Targets({ inspection }: { inspection: InspectionDetail }) {
  if (!inspection.targets.length) return <>—</>;
  return (
    <Space size={[6, 6]} wrap>
      {inspection.targets.map((t, i) => {
        const label = t.label || (t.refId ? `#${t.refId}` : '');
        const text = (
          <>
            <Typography.Text type="secondary">{TARGET_KIND_LABELS[t.kind]}：</Typography.Text>
            {label}
          </>
        );
        return (
          <Tag key={i} className="ws-tag-large" variant="outlined">
            {t.kind === 'well' && t.refId ? <Link to={`/wells/${t.refId}`}>{text}</Link> : text}
          </Tag>
        );
      })}
    </Space>
  );
}

function Narrative({ text }: { text: string }) {
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  if (!paragraphs.length) return <Typography.Text type="secondary">未填写</Typography.Text>;
  return (
    <div className="ws-insp-narrative" data-testid="inspection-narrative-text">
      {paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
    </div>
  );
}

/** 督导记录: one visit or meeting — who, where, how, what was seen — and the wells and findings it produced. */
export function InspectionDetailPage() {
  const inspectionId = Number(useParams().inspectionId);
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: insp, error } = useInspection(inspectionId);
  const [editing, setEditing] = useState(false);
  const [addingWell, setAddingWell] = useState(false);
  const [raising, setRaising] = useState(false);
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/inspections'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="督导记录不存在" subTitle="该记录不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/inspections')}>返回督导核查</Button>} />;
  }
  if (!insp || insp.id !== inspectionId) {
    return (
      <Card className="ws-card">
        {error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}
      </Card>
    );
  }

  const canEdit = can('inspections.edit');
  const canRaise = can('findings.raise');

  return (
    <div data-testid="inspection-detail">
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <InspectionKindTag kind={insp.kind} large />
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="inspection-detail-title">
                  {insp.title}
                </Typography.Title>
              </Space>
              <div className="ws-grid-head__meta">
                <span>{formatDate(insp.onDate)}</span>
                <span>{insp.office}</span>
                <span>
                  <EnvironmentOutlined /> {insp.area.length ? insp.area.join(' / ') : '全市'}
                </span>
              </div>
            </div>
          </div>
          {(canEdit || canRaise) && (
            <Space wrap size={[8, 8]}>
              {canEdit && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="inspection-edit">
                  编辑
                </Button>
              )}
              {canEdit && (
                <Button icon={<EnvironmentOutlined />} onClick={() => setAddingWell(true)} data-testid="inspection-add-well">
                  添加发现的井
                </Button>
              )}
              {canRaise && (
                <Button type="primary" icon={<ExclamationCircleOutlined />} onClick={() => setRaising(true)} data-testid="inspection-raise-finding">
                  登记问题
                </Button>
              )}
            </Space>
          )}
        </div>
      </Card>

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card className="ws-card" title="基本情况" style={{ marginBottom: 16 }}>
            <Descriptions
              bordered
              size="small"
              column={{ xs: 1, sm: 2 }}
              className="ws-well-info"
              items={[
                { key: 'date', label: '日期', children: formatDate(insp.onDate) },
                { key: 'kind', label: '类型', children: insp.kindLabel },
                { key: 'leaders', label: '带队领导', children: orDash(insp.leadersLine), span: { xs: 1, sm: 2 } },
                { key: 'team', label: '检查组成员', children: orDash(insp.team), span: { xs: 1, sm: 2 } },
                { key: 'office', label: '组织单位', children: insp.office },
                { key: 'area', label: '检查区域', children: insp.area.length ? insp.area.join(' / ') : '全市' },
                { key: 'targets', label: '检查对象', children: <Targets inspection={insp} />, span: { xs: 1, sm: 2 } },
                {
                  key: 'methods',
                  label: '检查方法',
                  span: { xs: 1, sm: 2 },
                  children: insp.methods.length ? (
                    <Space size={[6, 6]} wrap data-testid="inspection-methods-view">
                      {insp.methods.map((m) => (
                        <Tag key={m} color="blue">
                          {m}
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
                },
              ]}
            />
          </Card>
          <Card className="ws-card" title="情况记述" style={{ marginBottom: 16 }}>
            <Narrative text={insp.narrative} />
          </Card>
          {insp.samples.length > 0 && (
            <Card className="ws-card" title={`取样（${insp.samples.length}）`} style={{ marginBottom: 16 }}>
              <Table
                size="small"
                bordered
                rowKey={(s) => s.label}
                pagination={false}
                dataSource={insp.samples}
                data-testid="inspection-samples"
                columns={[
                  { title: '样品编号', dataIndex: 'label', width: 140 },
                  { title: '取样位置', dataIndex: 'place', render: (v: string) => orDash(v) },
                  { title: '备注', dataIndex: 'note', render: (v: string) => orDash(v) },
                ]}
              />
            </Card>
          )}
          <Card className="ws-card" title={`现场照片（${insp.photos.length}）`} style={{ marginBottom: 16 }}>
            <PhotoPanel
              photos={insp.photos}
              canUpload={canEdit}
              upload={(body, onUpload) => uploadInspectionPhoto(insp.id, body, onUpload)}
              onUploaded={() => qc.invalidateQueries({ queryKey: INSPECTIONS_KEY })}
              inputTestId="inspection-photo-upload"
              emptyText="没有现场照片"
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card className="ws-card" title={`发现的井（${insp.wells.length}）`} style={{ marginBottom: 16 }}>
            {insp.wells.length ? (
              <List
                size="small"
                dataSource={insp.wells}
                data-testid="inspection-wells"
                renderItem={(w) => (
                  <List.Item>
                    <div className="ws-insp-list-item">
                      <Link to={`/wells/${w.id}`} className="ws-well-code-link">
                        {w.code}
                      </Link>
                      <span className="ws-insp-list-item__text">{w.ownerName}</span>
                      {w.relation === 'checked' && <Tag>核查</Tag>}
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有发现的井" data-testid="inspection-wells" />
            )}
          </Card>
          <Card className="ws-card" title={`发现的问题（${insp.findings.length}）`} style={{ marginBottom: 16 }}>
            {insp.findings.length ? (
              <List
                size="small"
                dataSource={insp.findings}
                data-testid="inspection-findings"
                renderItem={(f) => (
                  <List.Item>
                    <div style={{ minWidth: 0, width: '100%' }}>
                      <Space size={[4, 4]} wrap>
                        <FindingCategoryTag category={f.category} label={f.categoryLabel} />
                        <FindingStateTag state={f.state} />
                        <FindingOverdueTag overdue={f.overdue} />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {f.place.slice(1).join(' / ') || f.district}
                        </Typography.Text>
                      </Space>
                      <div style={{ marginTop: 4 }}>
                        <Link to={`/findings/${f.id}`}>{f.description}</Link>
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有登记问题" data-testid="inspection-findings" />
            )}
          </Card>
        </Col>
      </Row>

      {canEdit && <InspectionEditDrawer inspection={insp} open={editing} onClose={() => setEditing(false)} />}
      {canEdit && <AddWellModal inspection={insp} open={addingWell} onClose={() => setAddingWell(false)} />}
      <RaiseFindingModal
        open={raising}
        onClose={() => setRaising(false)}
        inspection={{ id: insp.id, title: insp.title, onDate: insp.onDate, areaUnitId: insp.areaUnitId, wells: insp.wells }}
      />
    </div>
  );
}
