import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { HEAT_PUMP_STAGE_LABELS, HEAT_PUMP_STAGES, periodLabel, type HeatPumpStage } from '@domain/heatpump/project';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { HEATPUMP_EXPORT_URL, type HeatPumpProject } from '../api/heatpump-api';
import { HeatPumpStageTag, percent, RatioTag } from '../components/heatpump-tags';
import { ProjectFormDrawer } from '../components/project-form-drawer';
import { ReadingsImportModal } from '../components/readings-import-modal';
import { useHeatPumpProjects } from '../hooks/use-heatpump';
import '../heatpump.css';

/** 地温空调: the projects in the user's scope, each with its latest month's reinjection ratio (red below the threshold) and its open findings. */
export function HeatPumpProjectsPage() {
  const can = useCan();
  const list = useListParams();
  const { q, page, pageSize, update } = list;
  const stage = list.oneOf('stage', HEAT_PUMP_STAGES);
  const districtId = list.id('district');
  const low = list.params.get('low') === 'true';
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const filter = { ...(q ? { q } : {}), ...(stage ? { stage } : {}), ...(districtId ? { districtId } : {}), ...(low ? { low: 'true' as const } : {}) };
  const { data, isFetching, error } = useHeatPumpProjects({ ...filter, page, pageSize });
  // every district of the user's projects, from an unfiltered page of them
  const all = useHeatPumpProjects({ page: 1, pageSize: 500 });
  const districts = [...new Map((all.data?.projects ?? []).map((p) => [p.districtId, p.district])).entries()];
  const threshold = data?.rules.ratioThreshold ?? all.data?.rules.ratioThreshold;
  const filtered = Object.keys(filter).length > 0;

  return (
    <div data-testid="heatpump-page">
      <PageHeader
        title="地温空调"
        description={`地温空调项目的审批、取水回灌井和监测读数；同层等量回灌，月回灌率低于 ${percent(threshold)} 或发现外排的，自动为所属区登记问题`}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={HEATPUMP_EXPORT_URL} download data-testid="heatpump-export">
              导出
            </Button>
            {can('heatpump.edit') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="heatpump-import">
                导入读数
              </Button>
            )}
            {can('heatpump.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="heatpump-new">
                登记项目
              </Button>
            )}
          </Space>
        }
      />
      <Card className="ws-card">
        <ListToolbar className="ws-hp-filters" total={data?.total} unit="个">
          <ListSearch list={list} placeholder="项目名称、运营单位或地址" data-testid="heatpump-search" />
          {districts.length > 1 && (
            <Select<number>
              allowClear
              placeholder="全部区"
              className="ws-hp-filters__select"
              value={districtId}
              onChange={(v) => update({ district: v })}
              options={districts.map(([id, name]) => ({ value: id, label: name }))}
              data-testid="heatpump-district"
            />
          )}
          <Select<HeatPumpStage>
            allowClear
            placeholder="全部阶段"
            className="ws-hp-filters__select"
            value={stage}
            onChange={(v) => update({ stage: v })}
            options={HEAT_PUMP_STAGES.map((s) => ({ value: s, label: HEAT_PUMP_STAGE_LABELS[s] }))}
            data-testid="heatpump-stage"
          />
          <label className="ws-hp-filters__switch">
            <Switch size="small" checked={low} onChange={(on) => update({ low: on ? 'true' : undefined })} data-testid="heatpump-low-only" />
            只看回灌不足
          </label>
        </ListToolbar>
        <PagedTable<HeatPumpProject>
          data-testid="heatpump-table"
          list={list}
          total={data?.total}
          unit="个"
          error={error}
          loading={isFetching}
          dataSource={data?.projects ?? []}
          scroll={{ x: 1000 }}
          rowLink={(p) => `/heatpump/${p.id}`}
          rowClassName={(p) => (p.low ? 'ws-hp-row--low' : '')}
          locale={{ emptyText: filtered ? '没有符合条件的项目' : '还没有登记地温空调项目' }}
          columns={[
            {
              title: '项目',
              dataIndex: 'name',
              render: (n: string, p) => (
                <div>
                  <Link to={`/heatpump/${p.id}`} onClick={(e) => e.stopPropagation()}>
                    {n}
                  </Link>
                  {p.operator && <div className="ws-card-name__addr">{p.operator}</div>}
                </div>
              ),
            },
            {
              title: '区 / 地点',
              dataIndex: 'district',
              width: 220,
              render: (d: string, p) => (
                <div>
                  <div>{d}</div>
                  {p.place.length > 1 && <div className="ws-card-name__addr">{p.place.slice(1).join(' / ')}</div>}
                </div>
              ),
            },
            { title: '阶段', dataIndex: 'stage', width: 80, render: (s: HeatPumpStage) => <HeatPumpStageTag stage={s} /> },
            {
              title: '井数（登记/实有）',
              dataIndex: 'registeredWells',
              width: 130,
              align: 'center',
              render: (r: number, p) => <span className={p.foundWells > r ? 'ws-hp-wells--over' : undefined}>{`${r} / ${p.foundWells}`}</span>,
            },
            {
              title: '最近月份回灌率',
              dataIndex: 'latestMonth',
              width: 170,
              render: (m: HeatPumpProject['latestMonth'], p) =>
                m ? (
                  <span className="ws-nowrap">
                    <RatioTag ratio={m.ratio} low={p.low} testId={`heatpump-ratio-${p.id}`} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {periodLabel(m.period)}
                    </Typography.Text>
                  </span>
                ) : (
                  <Typography.Text type="secondary">无读数</Typography.Text>
                ),
            },
            {
              title: '未销号问题',
              dataIndex: 'openFindings',
              width: 110,
              align: 'center',
              render: (n: number) => <span className={n ? 'ws-hp-open' : 'ws-hp-open ws-hp-open--none'}>{n ? `${n} 个` : '—'}</span>,
            },
          ]}
        />
      </Card>
      {can('heatpump.edit') && <ProjectFormDrawer open={creating} onClose={() => setCreating(false)} />}
      <ReadingsImportModal open={importing} onClose={() => setImporting(false)} />
    </div>
  );
}
