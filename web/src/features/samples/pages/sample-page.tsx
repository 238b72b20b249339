import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, List, Popconfirm, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf, showApiError } from '../../../ui/feedback';
import { useCan } from '../../auth/hooks/use-session';
import type { SampleDetail } from '../api/samples-api';
import { LinkSampleModal } from '../components/link-sample-modal';
import { SampleEstimate, ShareTag } from '../components/sample-estimate';
import { SampleFormModal } from '../components/sample-form-modal';
import { useSample, useUnlinkSample } from '../hooks/use-samples';
import '../samples.css';

type LinkRow = SampleDetail['links'][number];

function linkTo(l: LinkRow, can: (c: 'inspections.read' | 'tips.read' | 'suspects.read') => boolean): string | null {
  if (l.kind === 'inspection' && can('inspections.read')) return `/inspections/${l.refId}`;
  if (l.kind === 'tip' && can('tips.read')) return `/tips/${l.refId}`;
  if (l.kind === 'suspect_check' && can('suspects.read')) return '/suspects/checks';
  return null;
}

/** 水样详情: where and when it was drawn, the lab's results, the groundwater share they show, and the records it is evidence for. */
export function SamplePage() {
  const sampleId = Number(useParams().sampleId);
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const [editing, setEditing] = useState(false);
  const [linking, setLinking] = useState(false);
  const { data: sample, error } = useSample(sampleId);
  const unlink = useUnlinkSample(sampleId);
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/samples'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="水样不存在" subTitle="该水样不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/samples')}>返回水样化验</Button>} />;
  }
  if (!sample || sample.id !== sampleId) {
    return <Card className="ws-card">{error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}</Card>;
  }
  const editable = can('samples.edit');
  const where: { label: string; value: ReactNode }[] = [
    { label: '所属', value: sample.place.join(' / ') || sample.district },
    ...(sample.address ? [{ label: '地点', value: sample.address }] : []),
    ...(sample.wellId ? [{ label: '井档案', value: can('wells.read') ? <Link to={`/wells/${sample.wellId}`}>{sample.wellCode ?? `井 #${sample.wellId}`}</Link> : sample.wellCode }] : []),
    ...(sample.cardName ? [{ label: '一户一卡', value: sample.cardName }] : []),
    ...(sample.lat !== null && sample.lng !== null ? [{ label: '坐标', value: `${sample.lat.toFixed(6)}, ${sample.lng.toFixed(6)}` }] : []),
    { label: '采样点', value: sample.pointLabel },
    { label: '采样人', value: sample.sampledBy || '—' },
    {
      label: '现场余氯',
      value: `${sample.fieldChlorineLabel}${sample.fieldChlorineMgL !== null ? `（${sample.fieldChlorineMgL} mg/L）` : ''}`,
    },
    { label: '化验单位', value: sample.labName ?? '—' },
    { label: '报告日期', value: sample.reportOn ? formatDate(sample.reportOn) : '—' },
    ...(sample.note ? [{ label: '备注', value: sample.note }] : []),
  ];

  return (
    <div data-testid="sample-detail">
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="sample-code-title">
                  水样 {sample.code}
                </Typography.Title>
                <Tag>{sample.pointLabel}</Tag>
                <ShareTag sample={sample} />
              </Space>
              <div className="ws-grid-head__meta">
                <span>采样于 {formatDate(sample.sampledOn)}</span>
                <span>{sample.district}</span>
              </div>
            </div>
          </div>
          {editable && (
            <Space>
              <Button icon={<LinkOutlined />} onClick={() => setLinking(true)} data-testid="sample-link">关联证据</Button>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="sample-edit">修改</Button>
            </Space>
          )}
        </div>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Card className="ws-card" title="化验结果" style={{ marginBottom: 16 }}>
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              dataSource={sample.lab}
              data-testid="sample-lab-table"
              locale={{ emptyText: '尚未录入化验结果' }}
              columns={[
                { title: '指标', dataIndex: 'label' },
                { title: '结果', dataIndex: 'value', align: 'right' },
                { title: '单位', dataIndex: 'unit', render: (u: string) => u || '—' },
              ]}
            />
          </Card>
          <Card className="ws-card" title="采样信息" style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" items={where.map((w) => ({ key: w.label, label: w.label, children: w.value }))} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card className="ws-card" title="地下水占比估算" style={{ marginBottom: 16 }}>
            <SampleEstimate sample={sample} />
          </Card>
          <Card className="ws-card" title="关联证据" style={{ marginBottom: 16 }}>
            <List<LinkRow>
              dataSource={sample.links}
              locale={{ emptyText: '尚未关联疑似用水户、举报线索或督导核查' }}
              data-testid="sample-links"
              renderItem={(l) => {
                const to = linkTo(l, can);
                return (
                  <List.Item
                    actions={editable ? [
                      <Popconfirm key="x" title="取消该关联？" onConfirm={() => unlink.mutate({ kind: l.kind, refId: l.refId }, { onError: showApiError })}>
                        <Button type="text" size="small" icon={<DeleteOutlined />} aria-label="取消关联" />
                      </Popconfirm>,
                    ] : []}
                  >
                    <List.Item.Meta
                      title={<Space size={6} wrap><Tag>{l.kindLabel}</Tag>{to ? <Link to={to}>{l.label}</Link> : l.label}</Space>}
                      description={l.onDate ? formatDate(l.onDate) : undefined}
                    />
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
      </Row>
      <SampleFormModal open={editing} onClose={() => setEditing(false)} sample={sample} />
      <LinkSampleModal sampleId={sample.id} open={linking} onClose={() => setLinking(false)} />
    </div>
  );
}
