import { Table, Typography } from 'antd';
import type { TaskCounts, TaskProgress } from '../api/campaigns-api';

type Kind = '应封停' | '应纳管' | '合计';
type NoticeRow = {
  key: string;
  district: string;
  kind: Kind;
  counts: TaskCounts;
  /** 完成比例 and 排名 belong to the district: printed once over its three rows */
  share: string;
  rank: number | null;
  first: boolean;
  total: boolean;
};

/** (2024. 6. 23): how the notice prints its day. */
export function noticeDate(asOf: string): string {
  const [y, m, d] = asOf.split('-').map(Number);
  return `(${y}. ${m}. ${d})`;
}

function rowsOf(p: TaskProgress): NoticeRow[] {
  const three = (district: string, c: { seal: TaskCounts; permit: TaskCounts; all: TaskCounts }, share: string, rank: number | null, total: boolean): NoticeRow[] =>
    (
      [
        ['应封停', c.seal],
        ['应纳管', c.permit],
        ['合计', c.all],
      ] as const
    ).map(([kind, counts], i) => ({ key: `${district}-${kind}`, district, kind, counts, share, rank, first: i === 0, total }));
  return [...p.rows.flatMap((r) => three(r.district, r, r.share, r.rank, false)), ...three('总计', p.total, p.total.all.share, null, true)];
}

const span = (r: NoticeRow) => ({ rowSpan: r.first ? 3 : 0 });

/**
 * 日通报 in the layout of the seed: three rows per district (应封停, 应纳管, 合计) with 辖区, 完成比例
 * and 排名 over the three, districts in rank order, then 总计. Every figure is the server's string.
 */
export function TaskProgressTable({ progress, loading, onPickDistrict }: { progress: TaskProgress | undefined; loading?: boolean; onPickDistrict?: (district: string) => void }) {
  return (
    <Table<NoticeRow>
      data-testid="task-progress"
      className="ws-notice-table"
      size="small"
      bordered
      loading={loading}
      pagination={false}
      dataSource={progress ? rowsOf(progress) : []}
      rowClassName={(r) => [r.kind === '合计' ? 'ws-notice-table__sum' : '', r.total ? 'ws-notice-table__total' : ''].filter(Boolean).join(' ')}
      scroll={{ x: 560 }}
      columns={[
        {
          title: '辖区',
          dataIndex: 'district',
          align: 'center',
          width: 110,
          onCell: span,
          render: (d: string, r) =>
            r.total || !onPickDistrict ? (
              <strong>{d}</strong>
            ) : (
              <Typography.Link strong onClick={() => onPickDistrict(d)} title={`查看${d}的任务清单`}>
                {d}
              </Typography.Link>
            ),
        },
        { title: '分类', dataIndex: 'kind', align: 'center', width: 90 },
        { title: '总任务数', key: 'tasks', align: 'center', render: (_, r) => String(r.counts.tasks) },
        { title: '累计完成数', key: 'done', align: 'center', render: (_, r) => String(r.counts.done) },
        { title: '累计完成比例', key: 'cshare', align: 'center', render: (_, r) => r.counts.share },
        { title: '完成比例', dataIndex: 'share', align: 'center', onCell: span, render: (s: string) => <strong>{s}</strong> },
        { title: '排名', dataIndex: 'rank', align: 'center', width: 72, onCell: span, render: (n: number | null) => (n === null ? '' : <strong>{n}</strong>) },
      ]}
    />
  );
}
