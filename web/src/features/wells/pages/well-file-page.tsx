import { ArrowLeftOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Grid, List, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { DISPOSITION_LABELS, type WellEventKind } from '@domain/well/lifecycle';
import { FOUND_VIA_LABELS, IN_USE_LABELS, WELL_USE_LABELS } from '@domain/well/well';
import { ApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { useCan } from '../../auth/hooks/use-session';
import type { WellCampaign, WellDetail } from '../api/wells-api';
import { WellEventModal } from '../components/well-event-modal';
import { WellFormDrawer } from '../components/well-form-drawer';
import { WellLifecycle } from '../components/well-lifecycle';
import { WellPhotosPanel } from '../components/well-photos';
import { DispositionTag, TaskDoneTag, WellStageTag } from '../components/well-tags';
import { WellTagCard } from '../components/well-tag-card';
import { useWell } from '../hooks/use-wells';
import { isAfterToday, officeToday } from '../../../lib/office-clock';

const DAY = 'YYYY-MM-DD';

const orDash = (v: string | number | null | undefined, unit = '') => (v === null || v === undefined || v === '' ? '—' : `${v}${unit}`);

function BasicInfo({ well }: { well: WellDetail }) {
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, sm: 2 }}
      className="ws-well-info"
      items={[
        { key: 'owner', label: '权属单位/户主', children: well.ownerName, span: { xs: 1, sm: 2 } },
        { key: 'place', label: '所在位置', children: well.place.join(' / ') || '—', span: { xs: 1, sm: 2 } },
        { key: 'address', label: '地址', children: orDash(well.address), span: { xs: 1, sm: 2 } },
        {
          key: 'point',
          label: '井口坐标',
          children: well.lat !== null && well.lng !== null ? <span className="ws-gps__coords">{well.lat.toFixed(6)}, {well.lng.toFixed(6)}</span> : <Typography.Text type="warning">未定位</Typography.Text>,
          span: { xs: 1, sm: 2 },
        },
        { key: 'use', label: '用途', children: WELL_USE_LABELS[well.use] },
        { key: 'status', label: '使用状态', children: IN_USE_LABELS[well.inUseStatus] },
        { key: 'year', label: '成井年份', children: orDash(well.yearDrilled, ' 年') },
        { key: 'depth', label: '井深', children: orDash(well.depthM, ' 米') },
        { key: 'diameter', label: '井径', children: orDash(well.innerDiameterMm, ' 毫米') },
        { key: 'casing', label: '井管材质', children: orDash(well.casing) },
        { key: 'aquifer', label: '取水层位', children: orDash(well.aquifer) },
        { key: 'pump', label: '水泵功率', children: orDash(well.pumpPowerKw, ' kW') },
        { key: 'meter', label: '电表号', children: orDash(well.powerMeterNo) },
        { key: 'found', label: '发现日期', children: formatDate(well.discoveredOn) },
        { key: 'via', label: '发现途径', children: `${FOUND_VIA_LABELS[well.foundVia]}${well.foundRef ? `（${well.foundRef}）` : ''}` },
        { key: 'card', label: '一户一卡', children: well.cardId ? `第 ${well.cardId} 号` : '—' },
        {
          key: 'disposition',
          label: '处置方式',
          children: well.disposition ? (
            <Space size={4} wrap>
              <DispositionTag disposition={well.disposition} sealMode={well.sealMode} />
              {well.smallUser && <Tag color="gold">小额取水户</Tag>}
            </Space>
          ) : (
            '待确定'
          ),
        },
        { key: 'remarks', label: '备注', children: orDash(well.remarks), span: { xs: 1, sm: 2 } },
      ]}
    />
  );
}

function CampaignList({ campaigns, asOf }: { campaigns: WellCampaign[]; asOf: string }) {
  if (!campaigns.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未列入封停任务" />;
  return (
    <List
      size="small"
      dataSource={campaigns}
      renderItem={(c) => {
        const overdue = !c.done && c.deadline !== null && c.deadline < asOf;
        return (
          <List.Item>
            <div className="ws-well-campaign">
              <div className="ws-well-campaign__head">
                <Link to={`/campaigns/${c.campaignId}`}>{c.name}</Link>
                <TaskDoneTag done={c.done} overdue={overdue} />
              </div>
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                目标：{DISPOSITION_LABELS[c.disposition]} · 期限 {formatDate(c.deadline)}
              </Typography.Text>
            </div>
          </List.Item>
        );
      }}
    />
  );
}

/** 一井一档: one well's file — identity, its disposition path step by step, photos, tasks, and its label. */
export function WellFilePage() {
  const wellId = Number(useParams().wellId);
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [event, setEvent] = useState<WellEventKind | null>(null);
  const [editing, setEditing] = useState(false);
  const today = officeToday();
  const asOfParam = params.get('asOf');
  const asOf = asOfParam && dayjs(asOfParam, DAY, true).isValid() && asOfParam < today ? asOfParam : undefined;
  const { data: well, error } = useWell(wellId, asOf);
  const screens = Grid.useBreakpoint();
  const phone = screens.md === false;

  const setAsOf = (day: string | null) => {
    const p = new URLSearchParams(params);
    if (day === null || day >= today) p.delete('asOf');
    else p.set('asOf', day);
    setParams(p, { replace: true });
  };
  const back = () => (location.key !== 'default' ? navigate(-1) : navigate('/wells'));

  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title="井档案不存在" subTitle="该井不存在或不在您的管辖范围内。" extra={<Button onClick={() => navigate('/wells')}>返回井档案</Button>} />;
  }
  if (!well || well.id !== wellId) {
    return (
      <Card className="ws-card">
        {error ? <Alert type="error" showIcon title={errorMessageOf(error)} /> : <Skeleton active paragraph={{ rows: 8 }} />}
      </Card>
    );
  }

  const canEdit = can('wells.edit');
  const past = asOf !== undefined;
  const infoCard = (
    <Card className="ws-card" title="基本信息" style={{ marginBottom: 16 }}>
      <BasicInfo well={well} />
    </Card>
  );
  const lifecycleCard = (
    <Card className="ws-card" title="处置流程" style={{ marginBottom: 16 }} extra={<Typography.Text type="secondary">{past ? `截至 ${formatDate(asOf)}` : '先供水、后封井'}</Typography.Text>}>
      <WellLifecycle
        well={well}
        canAct={canEdit && !past}
        readOnlyNote={past ? '查看历史状态时不能登记' : canEdit ? undefined : '您的账号只能查看'}
        onStep={setEvent}
      />
    </Card>
  );

  return (
    <>
      <Card className="ws-card ws-grid-head" style={{ marginBottom: 16 }}>
        <div className="ws-grid-head__row">
          <div className="ws-grid-head__main">
            <Button type="text" icon={<ArrowLeftOutlined />} onClick={back} aria-label="返回" className="ws-grid-head__back" />
            <div style={{ minWidth: 0 }}>
              <Space size={[10, 6]} wrap>
                <Typography.Title level={4} style={{ margin: 0 }} copyable={{ text: well.code, tooltips: ['复制井编号', '已复制'] }} className="ws-well-code">
                  {well.code}
                </Typography.Title>
                <WellStageTag stage={well.stage} testId="well-stage" large />
                <DispositionTag disposition={well.disposition} sealMode={well.sealMode} large />
              </Space>
              <div className="ws-well-owner">{well.ownerName}</div>
              <div className="ws-grid-head__meta">
                <span>{well.place.join(' / ')}</span>
                <span>发现于 {formatDate(well.discoveredOn)}</span>
              </div>
            </div>
          </div>
          <div className="ws-well-head__tools">
            <Space wrap size={[8, 8]}>
              <Typography.Text type="secondary">
                <HistoryOutlined /> 查看某日状态
              </Typography.Text>
              <DatePicker
                value={dayjs(asOf ?? today, DAY)}
                allowClear={false}
                inputReadOnly
                format="YYYY年M月D日"
                style={{ width: 160 }}
                data-testid="well-asof"
                disabledDate={(d: Dayjs) => isAfterToday(d) || d.isBefore(dayjs(well.discoveredOn, DAY), 'day')}
                onChange={(d) => d && setAsOf(d.format(DAY))}
              />
              {past && <Button onClick={() => setAsOf(null)}>回到今天</Button>}
              {canEdit && !past && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  修改档案
                </Button>
              )}
            </Space>
          </div>
        </div>
      </Card>

      {past && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`正在查看 ${formatDate(asOf)} 结束时的状态`}
          description="按当日及以前登记的处置步骤回放；不能在历史状态下登记新步骤。"
          action={<Button size="small" onClick={() => setAsOf(null)}>回到今天</Button>}
        />
      )}

      <Row gutter={16}>
        <Col xs={24} xl={16}>
          {/* on a phone at the wellhead the steps come first; the identity is mostly known */}
          {phone ? (
            <>
              {lifecycleCard}
              {infoCard}
            </>
          ) : (
            <>
              {infoCard}
              {lifecycleCard}
            </>
          )}
          <Card className="ws-card" title={`照片（${well.photos.length}）`} style={{ marginBottom: 16 }}>
            <WellPhotosPanel key={well.id} well={well} canUpload={canEdit && !past} inputEnabled={event === null} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card className="ws-card" title="所属任务" style={{ marginBottom: 16 }}>
            <CampaignList campaigns={well.campaigns} asOf={asOf ?? today} />
          </Card>
          <Card className="ws-card" title="一井一码" style={{ marginBottom: 16 }}>
            <WellTagCard wellId={well.id} code={well.code} />
          </Card>
        </Col>
      </Row>

      {!past && <WellEventModal well={well} event={event} onClose={() => setEvent(null)} />}
      <WellFormDrawer open={editing} well={well} onClose={() => setEditing(false)} />
    </>
  );
}
