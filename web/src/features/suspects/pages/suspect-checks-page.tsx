import { Button, Card, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { CHECK_FILTERS, type CheckFilter, type SuspectCheck } from '../api/suspects-api';

import { RecordOutcomeModal } from '../components/record-outcome-modal';
import { OutcomeTag, ReasonList } from '../components/suspect-tags';
import { CHECK_FILTER_LABELS, formatMonth } from '../components/suspects-format';
import { useSuspectBatches, useSuspectChecks } from '../hooks/use-suspects';
import '../suspects.css';

/** 核查任务: the suspect accounts sent to the districts, batch by batch, and what each visit found. */
export function SuspectChecksPage() {
  const can = useCan();
  const list = useListParams();
  const { page, pageSize, update } = list;
  const batchId = list.id('batch');
  const outcome = list.oneOf('outcome', CHECK_FILTERS);
  const filter = { ...(batchId ? { batchId } : {}), ...(outcome ? { outcome } : {}) };
  const { data, isFetching, error } = useSuspectChecks({ ...filter, page, pageSize });
  const batches = useSuspectBatches();
  const [recording, setRecording] = useState<SuspectCheck | null>(null);
  // after a conflict reloads the list, the dialog works on the row as it now stands
  const listed = recording ? data?.items.find((c) => c.id === recording.id) : undefined;
  const current = recording ? (listed ?? recording) : null;
  const verifier = can('suspects.verify');
  const manager = can('suspects.manage');
  const filtered = Object.keys(filter).length > 0;

  return (
    <>
      <PageHeader title="核查任务" description="市封停办下发的疑似双水源用水户，由区、街道入户核查后登记结果：发现自备井、用水正常或无法入户" />
      <Card className="ws-card">
        <ListToolbar className="ws-sp-filters" total={data?.total} unit="户">
          <Select<number>
            allowClear
            placeholder="全部批次"
            className="ws-sp-filters__batch"
            loading={batches.isPending}
            value={batchId}
            onChange={(v) => update({ batch: v })}
            options={[...(batches.data?.batches ?? [])].reverse().map((b) => ({
              value: b.id,
              label: `第${b.number}批（截至${formatMonth(b.asOf)}${b.dueOn ? `，${formatDate(b.dueOn)}前完成` : ''}）`,
            }))}
            data-testid="checks-batch"
          />
          <Select<CheckFilter>
            allowClear
            placeholder="全部结果"
            className="ws-card-toolbar__select"
            value={outcome}
            onChange={(v) => update({ outcome: v })}
            options={CHECK_FILTERS.map((o) => ({ value: o, label: CHECK_FILTER_LABELS[o] }))}
            data-testid="checks-outcome"
          />
        </ListToolbar>
        <PagedTable<SuspectCheck>
          data-testid="checks-table"
          rowKey="id"
          list={list}
          total={data?.total}
          unit="户"
          error={error}
          loading={isFetching}
          dataSource={data?.items ?? []}
          scroll={{ x: 1180 }}
          locale={{ emptyText: filtered ? '没有符合条件的核查任务' : '还没有下发核查任务' }}
          columns={[
            {
              title: '批次',
              dataIndex: 'batchNumber',
              width: 110,
              render: (n: number, c) => (
                <div>
                  <div className="ws-nowrap">{`第${n}批`}</div>
                  {c.dueOn && <div className="ws-card-name__addr ws-nowrap">{formatDate(c.dueOn)}前</div>}
                </div>
              ),
            },
            // the rank (and which visits are the random control) only for the office that made the batch:
            // field teams would treat a visit differently if they knew
            ...(manager
              ? [{
                  title: '排名',
                  dataIndex: 'rank',
                  width: 64,
                  render: (rank: number | null, c: SuspectCheck) => (
                    <div>
                      <div>{rank ?? '—'}</div>
                      {c.inControl && <Tag className="ws-sp-control">对照</Tag>}
                    </div>
                  ),
                }]
              : []),
            { title: '户号', dataIndex: 'accountNo', width: 110, render: (n: string) => <span className="ws-nowrap">{n}</span> },
            {
              title: '户名',
              dataIndex: 'name',
              width: 180,
              render: (name: string, c) => (
                <div>
                  <div>{name}</div>
                  {c.address && <div className="ws-card-name__addr">{c.address}</div>}
                </div>
              ),
            },
            { title: '所在区域', dataIndex: 'place', width: 150, render: (p: string) => p || <Typography.Text type="secondary">—</Typography.Text> },
            { title: '疑似原因', dataIndex: 'reasons', width: 240, render: (reasons: string[]) => <ReasonList reasons={reasons} /> },
            {
              title: '核查结果',
              dataIndex: 'outcome',
              width: 170,
              render: (o: SuspectCheck['outcome'], c) => (
                <div>
                  <OutcomeTag outcome={o} label={c.outcomeLabel} />
                  {o === 'found' && c.wellId && (
                    <div className="ws-sp-well-link">
                      <Link to={`/wells/${c.wellId}`} className="ws-nowrap">{c.wellCode ?? '查看井档案'}</Link>
                    </div>
                  )}
                  {c.note && <div className="ws-card-name__addr">{c.note}</div>}
                </div>
              ),
            },
            { title: '核查日期', dataIndex: 'checkedOn', width: 120, render: (d: string | null) => <span className="ws-nowrap">{formatDate(d)}</span> },
            ...(verifier
              ? [
                  {
                    title: '操作',
                    key: 'actions',
                    width: 100,
                    fixed: 'right' as const,
                    render: (_: unknown, c: SuspectCheck) => (
                      <Button size="small" type={c.outcome ? 'default' : 'primary'} onClick={() => setRecording(c)} data-testid="record-outcome">
                        登记结果
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <RecordOutcomeModal check={current} gone={!!recording && !listed && !isFetching} onClose={() => setRecording(null)} />
    </>
  );
}
