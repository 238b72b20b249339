import { ArrowLeftOutlined, EditOutlined, LineChartOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Progress, Result, Row, Skeleton, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import type { WellStage } from '@domain/well/lifecycle';
import { ApiError } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { WellStageTag } from '../../wells/components/well-tags';
import type { SwitchDetail } from '../api/switch-api';
import { SwitchFormModal } from '../components/switch-form-modal';
import { SwitchProgressModal } from '../components/switch-progress-modal';
import { SwitchOverdueTag, SwitchStateTag } from '../components/switch-tags';
import { useSwitchProject } from '../hooks/use-switch';
import '../switch.css';

const COLORS = { planning: 'gray', negotiating: 'gold', started: 'blue', finished: 'cyan', supplied: 'green' } as const;

/** The project's history, newest first. */
function History({ project }: { project: SwitchDetail }) {
  return (
    <Timeline
      data-testid="switch-history"
      items={[...project.history].reverse().map((e) => ({
        key: e.id,
        color: COLORS[e.state],
        content: (
          <div className="ws-event" data-testid="switch-history-entry">
            <div>
              <Typography.Text strong>{formatDate(e.onDate)}</Typography.Text>
              <span style={{ marginLeft: 8 }}>
                <SwitchStateTag state={e.state} /> 进度 {e.progress}%
              </span>
            </div>
            {e.note && <div className="ws-sw-event__note">{e.note}</div>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.actorName} · {formatDateTime(e.at)}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  );
}

/** 水源置换项目: its facts, the wells waiting for it, its history, and the campaign tasks it holds up. */
export function SwitchProjectPage() {
  const projectId = Number(useParams().projectId);
  const navigate = useNavigate();
  const location = useLocation();
  const { data: project, error } = useSwitchProject(projectId);
  const [editing, setEditing] = useState(false);
  const [updating, setUpdating] = useState(false);
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/switch'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="项目不存在" subTitle="该项目不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/switch')}>返回水源置换</Button>} />;
  }
  if (!project || project.id !== projectId) {
    return <Card className="ws-card">{error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}</Card>;
  }
  const late = project.waitingTasks.filter((t) => t.warning).length;

  return (
    <div data-testid="switch-project">
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <Typography.Title level={4} style={{ margin: 0 }} data-testid="switch-project-name">
                  {project.name}
                </Typography.Title>
                <SwitchStateTag state={project.state} large testId="switch-state-tag" />
                <SwitchOverdueTag overdue={project.overdue} large />
              </Space>
              <div className="ws-grid-head__meta">
                <span>{project.place.join(' / ')}</span>
                {project.startedOn && <span>开工 {formatDate(project.startedOn)}</span>}
                {project.plannedFinish && <span className={project.overdue ? 'ws-sw-late' : undefined}>计划完工 {formatDate(project.plannedFinish)}</span>}
                {project.finishedOn && <span>实际完工 {formatDate(project.finishedOn)}</span>}
              </div>
            </div>
          </div>
          {project.editable && (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="switch-edit">
                编辑
              </Button>
              {project.state !== 'supplied' && (
                <Button type="primary" icon={<LineChartOutlined />} onClick={() => setUpdating(true)} data-testid="switch-update-progress">
                  更新进度
                </Button>
              )}
            </Space>
          )}
        </div>
        <Progress percent={project.progress} status={project.state === 'supplied' ? 'success' : 'active'} style={{ marginTop: 12 }} data-testid="switch-progress" />
      </Card>

      {project.waitingTasks.length > 0 && (
        <Alert
          type={late ? 'warning' : 'info'}
          showIcon
          icon={late ? <WarningOutlined /> : undefined}
          style={{ marginBottom: 16 }}
          title={`${project.waitingTasks.length} 项封停任务待通水${late ? `，其中 ${late} 项期限早于管网通水计划（${formatDate(project.plannedFinish)}）` : ''}`}
          data-testid="switch-waiting-alert"
        />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card className="ws-card" title={`待封停的井（${project.wells} 眼${project.wellsPlanned !== null ? `，计划 ${project.wellsPlanned} 眼` : ''}）`} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="id"
              data-testid="switch-wells-table"
              dataSource={project.wellList}
              pagination={project.wellList.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              locale={{ emptyText: '还没有关联井' }}
              columns={[
                { title: '井编号', dataIndex: 'code', width: 190, render: (c: string, w) => <Link to={`/wells/${w.id}`} className="ws-well-code-link">{c}</Link> },
                { title: '权属单位', dataIndex: 'ownerName' },
                { title: '位置', dataIndex: 'place', width: 200 },
                { title: '当前阶段', dataIndex: 'stage', width: 140, render: (s: WellStage) => <WellStageTag stage={s} /> },
              ]}
            />
          </Card>
          <Card className="ws-card" title={`等待通水的封停任务（${project.waitingTasks.length}）`} style={{ marginBottom: 16 }}>
            <Table
              size="small"
              rowKey="taskId"
              data-testid="switch-waiting-tasks"
              dataSource={project.waitingTasks}
              pagination={false}
              scroll={{ x: 720 }}
              locale={{ emptyText: project.state === 'supplied' ? '已通水，关联井的封停任务不再等待' : '没有等待通水的任务' }}
              columns={[
                { title: '任务', dataIndex: 'campaign', width: 110, render: (c: string, t) => <Link to={`/campaigns/${t.campaignId}`}>{c}</Link> },
                { title: '井编号', dataIndex: 'wellCode', width: 180 },
                { title: '权属单位', dataIndex: 'ownerName' },
                {
                  title: '期限',
                  dataIndex: 'deadline',
                  width: 280,
                  render: (d: string | null, t) => (
                    <div>
                      <div>{formatDate(d)}</div>
                      <span className="ws-supply-wait">
                        <Tag color="orange">待通水</Tag>
                        {t.warning && <Tag color="error">{t.warning}</Tag>}
                      </span>
                    </div>
                  ),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card className="ws-card" title="项目信息" style={{ marginBottom: 16 }}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'place', label: '所在社区', children: project.place.join(' / ') },
                { key: 'hh', label: '受益户数', children: project.households !== null ? `${project.households} 户` : '—' },
                { key: 'pp', label: '受益人数', children: project.persons !== null ? `${project.persons} 人` : '—' },
                { key: 'budget', label: '预算', children: project.budgetWan !== null ? `${project.budgetWan} 万元` : '—' },
                { key: 'cost', label: '费用分担', children: project.costSharing || '—' },
                { key: 'contractor', label: '施工单位', children: project.contractor || '—' },
                { key: 'started', label: '开工日期', children: formatDate(project.startedOn) },
                { key: 'planned', label: '计划完工', children: formatDate(project.plannedFinish) },
                { key: 'finished', label: '实际完工', children: formatDate(project.finishedOn) },
                ...(project.remarks ? [{ key: 'remarks', label: '备注', children: project.remarks }] : []),
              ]}
            />
          </Card>
          <Card className="ws-card" title="项目进展" style={{ marginBottom: 16 }}>
            <History project={project} />
          </Card>
        </Col>
      </Row>
      <SwitchFormModal open={editing} onClose={() => setEditing(false)} project={project} />
      <SwitchProgressModal open={updating} onClose={() => setUpdating(false)} project={project} />
    </div>
  );
}
