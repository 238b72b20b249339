import { DownloadOutlined, ExperimentOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Select, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatDateTime } from '../../../lib/format';
import { errorMessageOf } from '../../../ui/feedback';
import { ListSearch, ListToolbar, PagedTable } from '../../../ui/list-page';
import { PageHeader } from '../../../ui/page-header';
import { useListParams } from '../../../ui/use-list-params';
import { useCan } from '../../auth/hooks/use-session';
import { runExportUrl, SURVEY_GAPS, type SuspectScore, type SurveyGap } from '../api/suspects-api';
import { CreateBatchModal } from '../components/create-batch-modal';

import { RunAnalysisModal } from '../components/run-analysis-modal';
import { SignalTable } from '../components/signal-table';
import { ReasonList, ScoreTag, SurveyGapTag } from '../components/suspect-tags';
import { GAP_FILTER_LABELS, runLabel } from '../components/suspects-format';
import { SUSPECTS_KEY, useSuspectRuns, useSuspectScores } from '../hooks/use-suspects';
import '../suspects.css';

/** 疑似双水源: every water-company account ranked by how likely it also draws from a private well, with the reasons. */
export function SuspectsPage() {
  const can = useCan();
  const qc = useQueryClient();
  const list = useListParams();
  const { q, page, pageSize, update } = list;
  const manager = can('suspects.manage');
  const [analysing, setAnalysing] = useState(false);
  const [batching, setBatching] = useState(false);

  const runs = useSuspectRuns();
  const runList = runs.data?.runs ?? [];
  const asked = list.id('run');
  const run = runList.find((r) => r.id === asked) ?? runList[0] ?? null;
  const gap = list.oneOf('gap', SURVEY_GAPS);
  const filter = { ...(gap ? { gap } : {}), ...(q ? { q } : {}) };
  const scores = useSuspectScores(run?.id, { ...filter, page, pageSize });
  const filtered = Object.keys(filter).length > 0;
  const noRuns = !runs.isPending && !runList.length;

  const analysed = (runId: number | null) => {
    setAnalysing(false);
    void qc.invalidateQueries({ queryKey: SUSPECTS_KEY });
    if (runId) update({ run: runId });
  };

  return (
    <>
      <PageHeader
        title="疑似双水源用水户"
        description="按自来水用水量的异常（低于定额、明显低于同类、骤降、季节性消失等）逐户评估同时使用自备井的可能，供下发核查"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} href={run ? runExportUrl(run.id) : undefined} download disabled={!run} data-testid="suspects-export">
              导出Excel
            </Button>
            {manager && (
              <Button icon={<ExperimentOutlined />} onClick={() => setAnalysing(true)} data-testid="run-analysis">
                运行分析
              </Button>
            )}
            {manager && (
              <Button type="primary" icon={<SendOutlined />} disabled={!run} onClick={() => setBatching(true)} data-testid="create-batch">
                下发核查
              </Button>
            )}
          </Space>
        }
      />
      {runs.error && <Alert type="error" showIcon title={errorMessageOf(runs.error)} style={{ marginBottom: 16 }} />}
      <Card className="ws-card">
        <div className="ws-sp-run">
          <Typography.Text type="secondary">分析</Typography.Text>
          <Select<number>
            className="ws-sp-run__select"
            loading={runs.isPending}
            value={run?.id}
            onChange={(id) => update({ run: id })}
            options={runList.map((r, i) => ({ value: r.id, label: `${runLabel(r)}${i === 0 ? '（最新）' : ''}`, title: `运行于 ${formatDateTime(r.createdAt)}` }))}
            placeholder={noRuns ? '尚无分析' : '选择分析'}
            data-testid="suspects-run"
          />
          {run && <Typography.Text type="secondary">运行于 {formatDateTime(run.createdAt)}</Typography.Text>}
        </div>
        <ListToolbar total={scores.data?.total} unit="户">
          <ListSearch list={list} placeholder="户号、户名或地址" data-testid="suspects-search" />
          <Segmented<SurveyGap | 'all'>
            value={gap ?? 'all'}
            onChange={(v) => update({ gap: v === 'all' ? undefined : v })}
            options={[{ value: 'all', label: '全部' }, ...SURVEY_GAPS.map((g) => ({ value: g, label: GAP_FILTER_LABELS[g] }))]}
            data-testid="suspects-gap"
          />
        </ListToolbar>
        <PagedTable<SuspectScore>
          data-testid="suspects-table"
          rowKey="accountId"
          list={list}
          total={scores.data?.total}
          unit="户"
          error={scores.error}
          loading={scores.isFetching || runs.isPending}
          dataSource={scores.data?.items ?? []}
          scroll={{ x: 1150 }}
          locale={{ emptyText: noRuns ? (manager ? '还没有分析结果：导入用水户和用水量后，点击“运行分析”' : '市封停办尚未运行分析') : filtered ? '没有符合条件的用水户' : '该次分析没有用水户' }}
          expandable={{ expandedRowRender: (r) => <SignalTable signals={r.signals} />, rowExpandable: (r) => r.signals.length > 0 }}
          columns={[
            { title: '排名', dataIndex: 'rank', width: 64, align: 'right' },
            { title: '疑似度', dataIndex: 'score', width: 80, render: (s: number) => <ScoreTag score={s} /> },
            { title: '户号', dataIndex: 'accountNo', width: 110, render: (n: string) => <span className="ws-nowrap">{n}</span> },
            {
              title: '户名',
              dataIndex: 'name',
              width: 180,
              render: (name: string, r) => (
                <div>
                  <div>{name}</div>
                  {r.address && <div className="ws-card-name__addr">{r.address}</div>}
                </div>
              ),
            },
            { title: '用水类别', dataIndex: 'category', width: 110 },
            { title: '所在区域', dataIndex: 'place', width: 150, render: (p: string) => p || <Typography.Text type="secondary">未匹配</Typography.Text> },
            { title: '疑似原因', dataIndex: 'reasons', render: (reasons: string[]) => <ReasonList reasons={reasons} /> },
            { title: '排查缺口', dataIndex: 'surveyGapLabel', width: 150, render: (label: string | null) => <SurveyGapTag label={label} /> },
          ]}
        />
      </Card>
      <RunAnalysisModal open={analysing} onClose={() => setAnalysing(false)} onDone={analysed} />
      <CreateBatchModal run={batching ? run : null} onClose={() => setBatching(false)} />
    </>
  );
}
