import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Select, Space, Table, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { DISPOSITION_LABELS, DISPOSITIONS, WELL_STAGE_LABELS, WELL_STAGES, type Disposition, type WellStage } from '@domain/well/lifecycle';
import { WELL_USE_LABELS, type WellUse } from '@domain/well/well';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { WELLS_EXPORT_URL, type Well } from '../api/wells-api';
import { WellFormDrawer } from '../components/well-form-drawer';
import { DispositionTag, WellStageTag } from '../components/well-tags';
import { WellsImportModal } from '../components/wells-import-modal';
import { useWells } from '../hooks/use-wells';

const LEVELS = ['district', 'street', 'community', 'grid'];
const PAGE_SIZES = [20, 50, 100];

const isStage = (s: string | null): s is WellStage => (WELL_STAGES as readonly string[]).includes(s ?? '');
const isDisposition = (s: string | null): s is Disposition => (DISPOSITIONS as readonly string[]).includes(s ?? '');

/** 井档案: every well in the user's scope, found by code, owner, stage, disposition or unit. */
export function WellsPage() {
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const stageParam = params.get('stage');
  const dispositionParam = params.get('disposition');
  const stage = isStage(stageParam) ? stageParam : undefined;
  const disposition = isDisposition(dispositionParam) ? dispositionParam : undefined;
  const unitId = Number(params.get('unit')) || undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page')) || 1;
  const pageSize = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;
  const filter = { ...(unitId ? { unitId } : {}), ...(stage ? { stage } : {}), ...(disposition ? { disposition } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useWells({ ...filter, page, pageSize });
  const { data: units } = useOrgUnits(false);
  const options = useOrgTreeOptions(units, LEVELS);

  /** Changes filters; any change but the page goes back to page 1. */
  const update = (next: Record<string, string | number | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === '' || (k === 'page' && v === 1)) p.delete(k);
      else p.set(k, String(v));
    }
    if (!('page' in next)) p.delete('page');
    setParams(p, { replace: true });
  };

  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader
        title="井档案"
        description="一井一档：每眼自备井的基本信息、处置流程、照片和任务，按编号、权属单位、处置阶段查找"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={WELLS_EXPORT_URL} download>
              导出台账
            </Button>
            {can('wells.import') && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入
              </Button>
            )}
            {can('wells.edit') && (
              <Button type="primary" icon={<PlusOutlined />} data-testid="well-new" onClick={() => setCreating(true)}>
                新增自备井
              </Button>
            )}
          </Space>
        }
      />
      <Card className="ws-card">
        <div className="ws-card-toolbar">
          <div className="ws-card-toolbar__filters ws-wells-filters">
            <Input.Search
              allowClear
              placeholder="井编号、权属单位或地址"
              className="ws-card-toolbar__search"
              defaultValue={q}
              onSearch={(v) => update({ q: v.trim() })}
              onChange={(e) => !e.target.value && q && update({ q: undefined })}
              data-testid="wells-search"
            />
            <TreeSelect
              allowClear
              placeholder="全部单位"
              className="ws-wells-filters__unit"
              treeData={options}
              value={unitId}
              onChange={(v: number | undefined) => update({ unit: v })}
              showSearch={{ treeNodeFilterProp: 'title' }}
              treeDefaultExpandedKeys={options.map((o) => o.value)}
              listHeight={360}
            />
            <Select<WellStage>
              allowClear
              placeholder="全部阶段"
              className="ws-wells-filters__select"
              value={stage}
              onChange={(v) => update({ stage: v })}
              options={WELL_STAGES.map((s) => ({ value: s, label: WELL_STAGE_LABELS[s] }))}
              data-testid="wells-stage"
            />
            <Select<Disposition>
              allowClear
              placeholder="全部处置方式"
              className="ws-wells-filters__select"
              value={disposition}
              onChange={(v) => update({ disposition: v })}
              options={DISPOSITIONS.map((d) => ({ value: d, label: DISPOSITION_LABELS[d] }))}
            />
          </div>
          <Typography.Text type="secondary">{data ? `共 ${data.total.toLocaleString('zh-CN')} 眼井` : ''}</Typography.Text>
        </div>
        {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} />}
        <Table<Well>
          data-testid="wells-table"
          size="middle"
          rowKey="id"
          loading={isFetching}
          dataSource={data?.wells ?? []}
          scroll={{ x: 980 }}
          onRow={(w) => ({ onClick: () => navigate(`/wells/${w.id}`), className: 'ws-clickable-row' })}
          locale={{ emptyText: filtered ? '没有符合条件的井' : '还没有井档案' }}
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => `共 ${n} 眼`,
            onChange: (p, size) => update(size !== pageSize ? { size, page: undefined } : { page: p }),
          }}
          columns={[
            {
              title: '井编号',
              dataIndex: 'code',
              width: 200,
              fixed: 'left',
              render: (code: string, w) => (
                <Link to={`/wells/${w.id}`} className="ws-well-code-link" onClick={(e) => e.stopPropagation()}>
                  {code}
                </Link>
              ),
            },
            {
              title: '权属单位',
              dataIndex: 'ownerName',
              render: (name: string, w) => (
                <div>
                  <div>{name}</div>
                  {w.address && <div className="ws-card-name__addr">{w.address}</div>}
                </div>
              ),
            },
            { title: '位置', dataIndex: 'place', width: 240, render: (p: string[]) => <span className="ws-well-place">{p.join(' / ')}</span> },
            { title: '用途', dataIndex: 'use', width: 110, render: (u: WellUse) => WELL_USE_LABELS[u] },
            { title: '处置阶段', dataIndex: 'stage', width: 140, render: (s: WellStage) => <WellStageTag stage={s} /> },
            { title: '处置方式', dataIndex: 'disposition', width: 150, render: (d: Disposition | null, w) => <DispositionTag disposition={d} sealMode={w.sealMode} /> },
            { title: '发现日期', dataIndex: 'discoveredOn', width: 130, render: (d: string) => formatDate(d) },
          ]}
        />
      </Card>
      <WellFormDrawer open={creating} onClose={() => setCreating(false)} />
      <WellsImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
