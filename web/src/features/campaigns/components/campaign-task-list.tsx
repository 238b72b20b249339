import { Alert, Segmented, Table, Tabs, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { WellStage } from '@domain/well/lifecycle';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { DaysLeft, DispositionTag, TaskDoneTag, WellStageTag } from '../../wells/components/well-tags';
import type { Task, TaskStatus } from '../api/campaigns-api';
import { useTasks } from '../hooks/use-campaigns';
import { SupplyWaitTag } from '../../switch/components/switch-tags';

export type DistrictTab = { id: number; label: string; tasks: number | null };

const STATUSES: { value: TaskStatus | 'all'; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'open', label: '未完成' },
  { value: 'done', label: '已完成' },
  { value: 'overdue', label: '逾期' },
];

type Props = {
  campaignId: number;
  asOf: string | undefined;
  districts: DistrictTab[];
  /** the open tab: a district id, or null for all districts */
  districtId: number | null;
  status: TaskStatus | 'all';
  onChange: (next: { districtId?: number | null; status?: TaskStatus | 'all' }) => void;
};

/** The campaign's target list by district: each well, its deadline and how far it has come. */
export function CampaignTaskList({ campaignId, asOf, districts, districtId, status, onChange }: Props) {
  const query = { ...(districtId ? { districtId } : {}), ...(asOf ? { asOf } : {}), ...(status !== 'all' ? { status } : {}) };
  const { data, isFetching, error } = useTasks(campaignId, query);
  const showDistrict = districtId === null;
  const tabs = [
    ...(districts.length !== 1 ? [{ key: 'all', label: '全部辖区' }] : []),
    ...districts.map((d) => ({ key: String(d.id), label: d.tasks === null ? d.label : `${d.label}（${d.tasks}）` })),
  ];

  return (
    <>
      <Tabs activeKey={districtId === null ? (districts.length === 1 ? String(districts[0]!.id) : 'all') : String(districtId)} onChange={(k) => onChange({ districtId: k === 'all' ? null : Number(k) })} items={tabs} />
      <div className="ws-card-toolbar">
        <Segmented<TaskStatus | 'all'> value={status} onChange={(v) => onChange({ status: v })} options={STATUSES} data-testid="task-status" />
        <Typography.Text type="secondary">{data ? `共 ${data.length} 眼井` : ''}</Typography.Text>
      </div>
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} />}
      <Table<Task>
        data-testid="task-list"
        size="middle"
        rowKey="taskId"
        loading={isFetching}
        dataSource={data ?? []}
        scroll={{ x: 1100 }}
        pagination={(data?.length ?? 0) > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 眼` } : false}
        rowClassName={(t) => (t.overdue ? 'ws-task-row--overdue' : '')}
        locale={{ emptyText: status === 'overdue' ? '没有逾期未完成的井' : status === 'done' ? '还没有完成的井' : '没有任务' }}
        columns={[
          { title: '井编号', dataIndex: 'wellCode', width: 176, fixed: 'left', render: (c: string, t) => <Link to={`/wells/${t.wellId}`} className="ws-well-code-link">{c}</Link> },
          { title: '权属单位', dataIndex: 'ownerName' },
          {
            title: showDistrict ? '辖区 / 位置' : '位置',
            dataIndex: 'place',
            width: 180,
            render: (p: string, t) =>
              showDistrict ? (
                <div>
                  <div>{t.district}</div>
                  <div className="ws-card-name__addr">{p}</div>
                </div>
              ) : (
                <span className="ws-well-place">{p || '—'}</span>
              ),
          },
          { title: '任务', dataIndex: 'disposition', width: 88, render: (d: Task['disposition']) => <DispositionTag disposition={d} /> },
          { title: '当前阶段', dataIndex: 'stage', width: 136, render: (s: WellStage) => <WellStageTag stage={s} /> },
          { title: '期限', dataIndex: 'deadline', width: 124, render: (d: string | null) => formatDate(d) },
          { title: '剩余', dataIndex: 'daysLeft', width: 96, render: (n: number | null, t) => <DaysLeft daysLeft={n} done={t.done} /> },
          {
            title: '完成',
            dataIndex: 'done',
            width: 200,
            render: (done: boolean, t) => (
              <>
                <TaskDoneTag done={done} overdue={t.overdue} />
                {t.supplyWait && <SupplyWaitTag wait={t.supplyWait} />}
              </>
            ),
          },
        ]}
      />
    </>
  );
}
