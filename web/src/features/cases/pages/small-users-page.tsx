import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { TAX_STATE_LABELS, type TaxState } from '@domain/case/small-users';
import { formatCount, formatDate } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { ListToolbar } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { useCan } from '../../auth/hooks/use-session';
import { importVolumesSheet, smallUsersExportUrl, type SmallUser, type VolumeImportOutcome } from '../api/cases-api';
import { SMALL_USERS_KEY, useSetWellVolume, useSmallUsers } from '../hooks/use-cases';
import '../cases.css';

const TAX_STATES = Object.keys(TAX_STATE_LABELS) as TaxState[];

/** A well's annual volume, edited in place (年取水量, m³). */
function VolumeCell({ row, editable }: { row: SmallUser; editable: boolean }) {
  const save = useSetWellVolume();
  const [value, setValue] = useState<number | null>(row.volumeM3);
  if (!editable) return <span className="ws-case-fine">{formatCount(row.volumeM3)}</span>;
  const commit = () => {
    if (value === row.volumeM3 && row.volumeSource === 'recorded') return;
    save.mutate({ wellId: row.wellId, annualVolumeM3: value, version: row.version }, { onSuccess: () => showSuccess(`已修改 ${row.code} 的年取水量`) });
  };
  return (
    <InputNumber<number>
      size="small"
      min={0}
      value={value}
      onChange={setValue}
      onBlur={commit}
      onPressEnter={commit}
      disabled={save.isPending}
      style={{ width: 110 }}
      data-testid={`small-user-volume-${row.wellId}`}
    />
  );
}

/**
 * 小用水户: wells kept under permit whose annual withdrawal is under the threshold, district by
 * district, with their water-resource-tax registration — the list the tax office asks for.
 */
export function SmallUsersPage() {
  const can = useCan();
  const [params, setParams] = useSearchParams();
  const [importing, setImporting] = useState(false);
  const districtId = Number(params.get('district')) || undefined;
  const tax = TAX_STATES.find((t) => t === params.get('tax'));
  const filter = { ...(districtId ? { districtId } : {}), ...(tax ? { tax } : {}) };
  const { data, isFetching, error } = useSmallUsers(filter);
  const set = (k: string, v: string | number | undefined) => {
    const p = new URLSearchParams(params);
    if (v === undefined || v === '') p.delete(k);
    else p.set(k, String(v));
    setParams(p, { replace: true });
  };
  const editable = can('wells.edit');

  return (
    <>
      <PageHeader
        title="小用水户"
        description={`应纳管的井中年取水量低于 ${data ? formatCount(data.thresholdM3) : '1,000'} m³ 的小用水户，及其水资源税登记情况（按区提供给税务部门）`}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={smallUsersExportUrl(filter)} download data-testid="small-users-export">
              导出清单
            </Button>
            {editable && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="small-users-import">
                导入年取水量
              </Button>
            )}
          </Space>
        }
      />
      {error ? <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} /> : null}
      <Card className="ws-card">
        <ListToolbar total={data?.total} unit="眼">
          {(data?.districts.length ?? 0) > 1 && (
            <Select<number>
              allowClear
              placeholder="全部区"
              className="ws-case-filters__select"
              value={districtId}
              onChange={(v) => set('district', v)}
              options={data?.districts.map((d) => ({ value: d.id, label: d.name }))}
              data-testid="small-users-district"
            />
          )}
          <Select<TaxState>
            allowClear
            placeholder="水资源税登记"
            className="ws-case-filters__select"
            value={tax}
            onChange={(v) => set('tax', v)}
            options={TAX_STATES.map((t) => ({ value: t, label: TAX_STATE_LABELS[t] }))}
            data-testid="small-users-tax"
          />
          {data && (
            <Typography.Text type="secondary">
              已登记 {formatCount(data.registered)} 眼，未登记 {formatCount(data.total - data.registered)} 眼
              {data.unknownVolume > 0 ? `；另有 ${formatCount(data.unknownVolume)} 眼应纳管井未登记年取水量` : ''}
            </Typography.Text>
          )}
        </ListToolbar>
        <Table<SmallUser>
          size="middle"
          rowKey="wellId"
          loading={isFetching}
          dataSource={data?.rows ?? []}
          pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (n) => `共 ${n} 眼` }}
          scroll={{ x: 1000 }}
          locale={{ emptyText: '没有年取水量低于标准的应纳管井' }}
          data-testid="small-users-table"
          columns={[
            { title: '区', dataIndex: 'district', width: 90 },
            {
              title: '井编号',
              dataIndex: 'code',
              width: 200,
              render: (c: string, r) => (
                <Link to={`/wells/${r.wellId}`} className="ws-well-code-link">
                  {c}
                </Link>
              ),
            },
            {
              title: '权属单位',
              dataIndex: 'ownerName',
              render: (o: string, r) => (
                <div>
                  <div>{o}</div>
                  <div className="ws-case-party__sub">{r.place.slice(1).join(' / ')}</div>
                </div>
              ),
            },
            {
              title: '年取水量（m³）',
              dataIndex: 'volumeM3',
              width: 150,
              render: (_: number, r) => (
                <div>
                  <VolumeCell row={r} editable={editable} />
                  {r.volumeSource === 'permit' && <div className="ws-case-party__sub">许可水量</div>}
                </div>
              ),
            },
            { title: '办理阶段', dataIndex: 'stageLabel', width: 150 },
            {
              title: '水资源税',
              dataIndex: 'taxState',
              width: 150,
              render: (t: TaxState, r) => (
                <span className={t === 'registered' ? undefined : 'ws-case-unregistered'}>
                  {r.taxStateLabel}
                  {r.taxRegisteredOn ? `（${formatDate(r.taxRegisteredOn)}）` : ''}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <SheetImportModal<VolumeImportOutcome>
        open={importing}
        onClose={() => setImporting(false)}
        title="导入年取水量"
        columns={['井编号', '年取水量']}
        note="每行一眼井：井编号、年取水量（m³，留空即清除）。有错误的行全部列出，整个文件不导入。"
        send={importVolumesSheet}
        changes={(o) => o.updated}
        successText={(o) => `已导入 ${o.updated} 眼井的年取水量`}
        invalidates={SMALL_USERS_KEY}
        describeColumn={1}
        describe={(o, applied) => [{ key: 'u', label: `${applied ? '' : '将'}更新`, children: `${formatCount(o.updated)} 眼井` }]}
      />
    </>
  );
}
