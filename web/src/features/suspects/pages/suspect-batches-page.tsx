import { Alert, Card, Empty, Table, Typography } from 'antd';
import { formatDate } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import type { SuspectBatch } from '../api/suspects-api';
import { HitRateChart } from '../components/hit-rate-chart';
import { ModelWeightsCard } from '../components/model-weights-card';
import { NormsCard } from '../components/norms-card';
import { formatMonth, percent } from '../components/suspects-format';
import { useSuspectBatches } from '../hooks/use-suspects';
import '../suspects.css';

const pct = (x: number | null) => (x === null ? <Typography.Text type="secondary">—</Typography.Text> : percent(x, 1));
const count = (n: number) => n.toLocaleString('zh-CN');

/** 核查成效: how often each batch's visits found a well, against the random control, and the model the outcomes trained. */
export function SuspectBatchesPage() {
  const can = useCan();
  const { data, isPending, error } = useSuspectBatches();
  const batches = data?.batches ?? [];

  return (
    <>
      <PageHeader title="核查成效" description="每批核查中发现自备井的比例（命中率），与随机抽取的对照户比较，检验疑似排名的实际效果" />
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      <Card className="ws-card ws-sp-section" title="各批命中率">
        <div data-testid="batches-chart">
          {batches.length ? <HitRateChart batches={batches} /> : <Empty description={isPending ? '加载中…' : '还没有下发核查批次'} />}
        </div>
      </Card>
      <Card className="ws-card ws-sp-section" title="核查批次">
        <Table<SuspectBatch>
          data-testid="batches-table"
          size="middle"
          rowKey="id"
          loading={isPending}
          pagination={false}
          dataSource={batches}
          scroll={{ x: 1080 }}
          locale={{ emptyText: '还没有下发核查批次' }}
          columns={[
            {
              title: '批次',
              dataIndex: 'number',
              width: 110,
              render: (n: number, b) => (
                <div>
                  <div className="ws-nowrap">{`第${n}批`}</div>
                  <div className="ws-card-name__addr ws-nowrap">{b.dueOn ? `${formatDate(b.dueOn)}前` : formatDate(b.createdAt)}</div>
                </div>
              ),
            },
            { title: '截至月份', dataIndex: 'asOf', width: 100, render: (m: string) => formatMonth(m) },
            { title: '户数', dataIndex: 'checks', width: 72, align: 'right', render: count },
            { title: '待核查', dataIndex: 'pending', width: 72, align: 'right', render: count },
            { title: '已核查', dataIndex: 'visited', width: 72, align: 'right', render: count },
            { title: '发现自备井', dataIndex: 'found', width: 90, align: 'right', render: count },
            { title: '无法入户', dataIndex: 'noAccess', width: 80, align: 'right', render: count },
            { title: '命中率', dataIndex: 'hitRate', width: 80, align: 'right', render: pct },
            { title: '前10户准确率', dataIndex: 'precisionAt10', width: 110, align: 'right', render: pct },
            { title: '平均准确率', dataIndex: 'averagePrecision', width: 100, align: 'right', render: pct },
            { title: '对照命中率', dataIndex: 'controlHitRate', width: 100, align: 'right', render: pct },
            {
              title: '提升倍数',
              dataIndex: 'lift',
              width: 90,
              align: 'right',
              render: (x: number | null) => (x === null ? <Typography.Text type="secondary">—</Typography.Text> : `${x.toFixed(1)}倍`),
            },
          ]}
        />
        <Typography.Paragraph type="secondary" className="ws-sp-note">
          命中率 = 前N户中发现自备井户数 ÷ 其中已入户核查户数（不含无法入户、随机对照户）；前10户准确率、平均准确率按疑似排名计算；提升倍数 = 命中率 ÷ 随机对照命中率。
        </Typography.Paragraph>
      </Card>
      {data?.model && <ModelWeightsCard model={data.model} />}
      <NormsCard editable={can('suspects.manage')} />
    </>
  );
}
