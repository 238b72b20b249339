import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { SWITCH_STATE_LABELS, SWITCH_STATES, type SwitchState } from '@domain/switch/switch-project';
import { formatDate } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { SWITCH_EXPORT_URL, type SwitchProject } from '../api/switch-api';
import { SwitchFormModal } from '../components/switch-form-modal';
import { SwitchImportModal } from '../components/switch-import-modal';
import { SwitchOverdueTag, SwitchProgressBar, SwitchStateTag } from '../components/switch-tags';
import { useSwitchProjects } from '../hooks/use-switch';
import '../switch.css';

/** 水源置换: the pipe-network retrofits that must bring tap water before a community's wells can be sealed. */
export function SwitchProjectsPage() {
  const can = useCan();
  const list = useListParams();
  const { q, page, pageSize, update } = list;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const state = list.oneOf('state', SWITCH_STATES);
  const overdue = list.params.get('overdue') === 'true';
  const filter = { ...(state ? { state } : {}), ...(overdue ? { overdue } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useSwitchProjects({ ...filter, page, pageSize });
  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="水源置换"
        description="城中村、小区管网改造和水源置换：先通水、后封井。规划 → 协商 → 开工 → 完工 → 通水，超过计划完工日期未完工的标红"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={SWITCH_EXPORT_URL} download data-testid="switch-export">
              导出
            </Button>
            {can('switch.edit') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="switch-import">
                导入
              </Button>
            )}
            {can('switch.edit') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="switch-create">
                登记项目
              </Button>
            )}
          </Space>
        }
      />
      <Card className="ws-card">
        <ListToolbar className="ws-sw-filters" total={data?.total} unit="个项目">
          <ListSearch list={list} placeholder="项目名称" data-testid="switch-search" />
          <Select<SwitchState>
            allowClear
            placeholder="全部状态"
            className="ws-sw-filters__select"
            value={state}
            onChange={(v) => update({ state: v })}
            options={SWITCH_STATES.map((s) => ({ value: s, label: SWITCH_STATE_LABELS[s] }))}
            data-testid="switch-state-filter"
          />
          <label className="ws-sw-filters__switch">
            <Switch size="small" checked={overdue} onChange={(on) => update({ overdue: on ? 'true' : undefined })} data-testid="switch-overdue-only" />
            只看逾期
          </label>
        </ListToolbar>
        <PagedTable<SwitchProject>
          data-testid="switch-table"
          list={list}
          total={data?.total}
          unit="个项目"
          error={error}
          loading={isFetching}
          dataSource={data?.projects ?? []}
          scroll={{ x: 1100 }}
          rowLink={(p) => `/switch/${p.id}`}
          rowClassName={(p) => (p.overdue ? 'ws-sw-row--overdue' : '')}
          locale={{ emptyText: filtered ? '没有符合条件的项目' : '还没有登记水源置换项目' }}
          columns={[
            {
              title: '项目',
              dataIndex: 'name',
              render: (name: string, p) => (
                <div>
                  <Link to={`/switch/${p.id}`} onClick={(e) => e.stopPropagation()} data-testid="switch-project-link">
                    {name}
                  </Link>
                  <div className="ws-card-name__addr">{p.place.join(' / ')}</div>
                </div>
              ),
            },
            {
              title: '状态',
              dataIndex: 'state',
              width: 150,
              render: (s: SwitchState, p) => (
                <Space size={4} wrap>
                  <SwitchStateTag state={s} />
                  <SwitchOverdueTag overdue={p.overdue} />
                </Space>
              ),
            },
            { title: '进度', dataIndex: 'progress', width: 170, render: (n: number, p) => <SwitchProgressBar progress={n} state={p.state} /> },
            {
              title: '受益户数 / 人数',
              dataIndex: 'households',
              width: 130,
              render: (h: number | null, p) => `${h ?? '—'} 户 / ${p.persons ?? '—'} 人`,
            },
            {
              title: '待封井',
              dataIndex: 'wells',
              width: 120,
              render: (n: number, p) => (
                <span>
                  {n} 眼{p.wellsPlanned !== null && p.wellsPlanned !== n ? <Typography.Text type="secondary">（计划 {p.wellsPlanned}）</Typography.Text> : null}
                </span>
              ),
            },
            {
              title: '计划完工',
              dataIndex: 'plannedFinish',
              width: 130,
              render: (d: string | null, p) => <span className={p.overdue ? 'ws-sw-late' : undefined}>{formatDate(d)}</span>,
            },
            { title: '实际完工', dataIndex: 'finishedOn', width: 130, render: (d: string | null) => formatDate(d) },
          ]}
        />
      </Card>
      <SwitchFormModal open={creating} onClose={() => setCreating(false)} />
      <SwitchImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
