import { ArrowLeftOutlined, EditOutlined, EnvironmentOutlined, ExperimentOutlined, EyeOutlined, LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, List, Result, Row, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { periodLabel } from '@domain/heatpump/project';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { FindingCategoryTag, FindingOverdueTag, FindingStateTag } from '../../findings/components/finding-tags';
import type { HeatPumpDetail } from '../api/heatpump-api';
import { HeatPumpStageTag, percent, RatioTag } from '../components/heatpump-tags';
import { ObservationModal } from '../components/observation-modal';
import { ProjectFormDrawer } from '../components/project-form-drawer';
import { RatioChart } from '../components/ratio-chart';
import { ReadingModal } from '../components/reading-modal';
import { WellsModal } from '../components/wells-modal';
import { useHeatPumpProject } from '../hooks/use-heatpump';
import '../heatpump.css';

const m3 = (n: number | null) => (n === null ? '—' : n.toLocaleString('zh-CN'));
const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');

function metering(p: HeatPumpDetail) {
  if (p.meteringRequired === null) return <Typography.Text type="secondary">未填设计水量，无法判断</Typography.Text>;
  const annual = `年设计取水量 ${Math.round(p.annualDesignM3 ?? 0).toLocaleString('zh-CN')} 立方米`;
  const limit = `${p.rules.meteringThresholdM3PerYear.toLocaleString('zh-CN')} 立方米`;
  return p.meteringRequired ? (
    <span data-testid="heatpump-metering">
      <Tag color="orange">须安装在线计量</Tag>
      {annual}，超过 {limit}
    </span>
  ) : (
    <span data-testid="heatpump-metering">
      <Tag>不要求在线计量</Tag>
      {annual}，未超过 {limit}
    </span>
  );
}

/** 地温空调项目: approval, wells, the monthly reinjection ratio against the threshold, readings, what inspections saw, and the findings raised. */
export function HeatPumpProjectPage() {
  const projectId = Number(useParams().projectId);
  const navigate = useNavigate();
  const location = useLocation();
  const { data: p, error } = useHeatPumpProject(projectId);
  const [dialog, setDialog] = useState<'reading' | 'observation' | 'wells' | 'edit' | null>(null);
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/heatpump'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="项目不存在" subTitle="该地温空调项目不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/heatpump')}>返回地温空调</Button>} />;
  }
  if (!p || p.id !== projectId) {
    return (
      <Card className="ws-card">
        {error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}
      </Card>
    );
  }
  const close = () => setDialog(null);

  return (
    <div data-testid="heatpump-project">
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <HeatPumpStageTag stage={p.stage} large />
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="heatpump-project-title">
                  {p.name}
                </Typography.Title>
                {p.low && <Tag color="red">回灌不足</Tag>}
              </Space>
              <div className="ws-grid-head__meta">
                <span>
                  <EnvironmentOutlined /> {p.place.join(' / ')}
                </span>
                {p.operator && <span>{p.operator}</span>}
                {p.latestMonth && (
                  <span>
                    {periodLabel(p.latestMonth.period)}回灌率 <RatioTag ratio={p.latestMonth.ratio} low={p.low} testId="heatpump-latest-ratio" />
                  </span>
                )}
              </div>
            </div>
          </div>
          {p.canEdit && (
            <Space wrap size={[8, 8]}>
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')} data-testid="heatpump-edit">
                修改
              </Button>
              <Button icon={<LinkOutlined />} onClick={() => setDialog('wells')} data-testid="heatpump-wells">
                取水、回灌井
              </Button>
              <Button icon={<EyeOutlined />} onClick={() => setDialog('observation')} data-testid="heatpump-record-observation">
                登记检查情况
              </Button>
              <Button type="primary" icon={<ExperimentOutlined />} onClick={() => setDialog('reading')} data-testid="heatpump-record-reading">
                登记读数
              </Button>
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
              items={[
                { key: 'district', label: '所属区', children: p.district },
                { key: 'stage', label: '阶段', children: p.stageLabel },
                { key: 'address', label: '地址', children: orDash(p.address), span: { xs: 1, sm: 2 } },
                { key: 'no', label: '审批文号', children: orDash(p.approvalNo) },
                { key: 'date', label: '审批日期', children: p.approvalDate ? formatDate(p.approvalDate) : '—' },
                { key: 'authority', label: '审批机关', children: orDash(p.approvalAuthority), span: { xs: 1, sm: 2 } },
                {
                  key: 'docs',
                  label: '审批材料',
                  span: { xs: 1, sm: 2 },
                  children: p.approvalDocuments.length ? (
                    <ul className="ws-hp-docs" style={{ margin: 0, paddingLeft: 18 }}>
                      {p.approvalDocuments.map((d, i) => (
                        <li key={i}>{d.url ? <a href={d.url} target="_blank" rel="noreferrer noopener">{d.title}</a> : d.title}</li>
                      ))}
                    </ul>
                  ) : (
                    '—'
                  ),
                },
                {
                  key: 'wells',
                  label: '井数（登记 / 实有）',
                  children: <span className={p.foundWells > p.registeredWells ? 'ws-hp-wells--over' : undefined}>{`${p.registeredWells} 眼 / ${p.foundWells} 眼`}</span>,
                },
                { key: 'days', label: '年运行天数', children: p.operatingDaysPerYear ? `${p.operatingDaysPerYear} 天` : '未填（按全年计）' },
                { key: 'pump', label: '设计抽水量', children: p.designPumpM3PerDay === null ? '—' : `${p.designPumpM3PerDay.toLocaleString('zh-CN')} 立方米/日` },
                { key: 'reinject', label: '设计回灌量', children: p.designReinjectM3PerDay === null ? '—' : `${p.designReinjectM3PerDay.toLocaleString('zh-CN')} 立方米/日` },
                { key: 'metering', label: '在线计量', children: metering(p), span: { xs: 1, sm: 2 } },
                { key: 'remarks', label: '备注', children: orDash(p.remarks), span: { xs: 1, sm: 2 } },
              ]}
            />
          </Card>

          <Card className="ws-card" title={`月回灌率（标准 ${percent(p.rules.ratioThreshold)}）`} style={{ marginBottom: 16 }}>
            {p.months.length ? (
              <>
                <RatioChart months={p.months} threshold={p.rules.ratioThreshold} />
                <Table
                  size="small"
                  rowKey="period"
                  pagination={false}
                  dataSource={[...p.months].reverse()}
                  data-testid="heatpump-months"
                  rowClassName={(m) => (m.low ? 'ws-hp-month--low' : '')}
                  columns={[
                    { title: '月份', dataIndex: 'period', render: (v: string) => periodLabel(v) },
                    { title: '抽水量（m³）', dataIndex: 'pumpedM3', align: 'right', render: m3 },
                    { title: '回灌量（m³）', dataIndex: 'reinjectedM3', align: 'right', render: m3 },
                    { title: '回灌率', dataIndex: 'ratio', align: 'center', render: (r: number | null, m) => <RatioTag ratio={r} low={m.low} /> },
                    { title: '问题', dataIndex: 'findingId', align: 'center', render: (id: number | null) => (id ? <Link to={`/findings/${id}`}>#{id}</Link> : '') },
                  ]}
                />
              </>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有监测读数" />
            )}
          </Card>

          <Card className="ws-card" title={`监测读数（${p.readings.length}）`} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="id"
              pagination={p.readings.length > 12 ? { pageSize: 12, showSizeChanger: false } : false}
              dataSource={p.readings}
              data-testid="heatpump-readings"
              scroll={{ x: 900 }}
              locale={{ emptyText: '还没有监测读数' }}
              columns={[
                { title: '期间', dataIndex: 'period', width: 130, render: (v: string) => periodLabel(v) },
                { title: '方式', dataIndex: 'methodLabel', width: 100 },
                { title: '抽水量（m³）', dataIndex: 'pumpedM3', align: 'right', render: m3 },
                { title: '回灌量（m³）', dataIndex: 'reinjectedM3', align: 'right', render: m3 },
                { title: '回灌率', dataIndex: 'ratio', align: 'center', width: 90, render: (r: number | null) => <RatioTag ratio={r} low={r !== null && r < p.rules.ratioThreshold} /> },
                { title: '水温', dataIndex: 'waterTempC', align: 'right', width: 80, render: (t: number | null) => (t === null ? '—' : `${t} ℃`) },
                { title: '登记人', dataIndex: 'recordedBy', width: 140 },
                { title: '备注', dataIndex: 'note', width: 200, render: (n: string) => orDash(n) },
              ]}
            />
          </Card>
        </Col>

        <Col xs={24} xl={8}>
          <Card className="ws-card" title={`发现的问题（${p.findings.length}）`} style={{ marginBottom: 16 }}>
            {p.findings.length ? (
              <List
                size="small"
                dataSource={p.findings}
                data-testid="heatpump-findings"
                renderItem={(f) => (
                  <List.Item>
                    <div style={{ minWidth: 0, width: '100%' }}>
                      <Space size={[4, 4]} wrap>
                        <FindingCategoryTag category={f.category} label={f.categoryLabel} />
                        <FindingStateTag state={f.state} />
                        <FindingOverdueTag overdue={f.overdue} />
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDate(f.foundOn)} · {f.district}
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
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有问题" data-testid="heatpump-findings" />
            )}
          </Card>
          <Card className="ws-card" title={`检查情况（${p.observations.length}）`} style={{ marginBottom: 16 }}>
            {p.observations.length ? (
              <List
                size="small"
                dataSource={p.observations}
                data-testid="heatpump-observations"
                renderItem={(o) => (
                  <List.Item>
                    <div style={{ minWidth: 0, width: '100%' }}>
                      <Space size={[4, 4]} wrap>
                        <Tag color={o.kind === 'discharge' ? 'red' : 'blue'}>{o.kindLabel}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatDate(o.onDate)} · {o.recordedBy}
                        </Typography.Text>
                        {o.findingId && <Link to={`/findings/${o.findingId}`}>问题 #{o.findingId}</Link>}
                        {o.inspectionId && <Link to={`/inspections/${o.inspectionId}`}>督导记录</Link>}
                      </Space>
                      <div style={{ marginTop: 4 }}>{o.note}</div>
                    </div>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有检查记录" />
            )}
          </Card>
          <Card className="ws-card" title={`取水、回灌井（${p.wells.length}）`} style={{ marginBottom: 16 }}>
            {p.wells.length ? (
              <List
                size="small"
                dataSource={p.wells}
                data-testid="heatpump-well-list"
                renderItem={(w) => (
                  <List.Item>
                    <Space size={[6, 4]} wrap>
                      <Link to={`/wells/${w.id}`} className="ws-well-code-link">
                        {w.code}
                      </Link>
                      <Tag>{w.useLabel}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {w.place.slice(1).join(' / ')}
                      </Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未关联井档案" />
            )}
          </Card>
        </Col>
      </Row>

      {p.canEdit && (
        <>
          <ReadingModal project={p} open={dialog === 'reading'} onClose={close} />
          <ObservationModal project={p} open={dialog === 'observation'} onClose={close} />
          <WellsModal project={p} open={dialog === 'wells'} onClose={close} />
          <ProjectFormDrawer project={p} open={dialog === 'edit'} onClose={close} />
        </>
      )}
    </div>
  );
}
