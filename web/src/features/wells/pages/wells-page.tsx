import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, TreeSelect } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DISPOSITION_LABELS, DISPOSITIONS, WELL_STAGE_LABELS, WELL_STAGES, type Disposition, type WellStage } from '@domain/well/lifecycle';
import { WELL_USE_LABELS, type WellUse } from '@domain/well/well';
import { formatDate } from '../../../lib/format';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { useOrgTreeOptions } from '../../org/hooks/use-org-tree-options';
import { useOrgUnits } from '../../org/hooks/use-org-units';
import { WELLS_EXPORT_URL, type Well } from '../api/wells-api';
import { WellFormDrawer } from '../components/well-form-drawer';
import { DispositionTag, WellStageTag } from '../components/well-tags';
import { WellsImportModal } from '../components/wells-import-modal';
import { useWells } from '../hooks/use-wells';

const LEVELS = ['district', 'street', 'community', 'grid'];

/** 井档案: every well in the user's scope, found by code, owner, stage, disposition or unit. */
export function WellsPage() {
  const can = useCan();
  const list = useListParams();
  const { q, page, pageSize, update } = list;
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const stage = list.oneOf('stage', WELL_STAGES);
  const disposition = list.oneOf('disposition', DISPOSITIONS);
  const unitId = list.id('unit');
  const filter = { ...(unitId ? { unitId } : {}), ...(stage ? { stage } : {}), ...(disposition ? { disposition } : {}), ...(q ? { q } : {}) };
  const { data, isFetching, error } = useWells({ ...filter, page, pageSize });
  const { data: units } = useOrgUnits(false);
  const options = useOrgTreeOptions(units, LEVELS);

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
        <ListToolbar className="ws-wells-filters" total={data?.total} unit="眼井">
          <ListSearch list={list} placeholder="井编号、权属单位或地址" data-testid="wells-search" />
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
        </ListToolbar>
        <PagedTable<Well>
          data-testid="wells-table"
          list={list}
          total={data?.total}
          unit="眼"
          error={error}
          loading={isFetching}
          dataSource={data?.wells ?? []}
          scroll={{ x: 980 }}
          rowLink={(w) => `/wells/${w.id}`}
          locale={{ emptyText: filtered ? '没有符合条件的井' : '还没有井档案' }}
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
