import { Alert, Button, Form, Modal, Progress, Typography } from 'antd';
import { DatePicker } from '../../../ui/date-picker';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { runIdOf, type AnalysisJob } from '../api/suspects-api';
import { useAnalysisJob, useStartAnalysis } from '../hooks/use-suspects';
import { isAfterToday } from '../../../lib/office-clock';

/** 运行分析: scores every account as of a month (the latest by default) and shows the run's progress until it is done. */
export function RunAnalysisModal({ open, onClose, onDone }: { open: boolean; onClose: () => void; onDone: (runId: number | null) => void }) {
  return open ? <RunAnalysisDialog onClose={onClose} onDone={onDone} /> : null;
}

function RunAnalysisDialog({ onClose, onDone }: { onClose: () => void; onDone: (runId: number | null) => void }) {
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [started, setStarted] = useState<AnalysisJob | null>(null);
  const start = useStartAnalysis();
  const polled = useAnalysisJob(started);
  const job = polled.data ?? started;
  const running = start.isPending || job?.state === 'running';

  useEffect(() => {
    if (job?.state !== 'done') return;
    const runId = runIdOf(job);
    showSuccess('分析完成，已显示最新排名');
    onDone(runId);
  }, [job?.state]);

  const run = () => {
    setStarted(null);
    start.mutate(month ? month.format('YYYY-MM') : undefined, { onSuccess: setStarted });
  };

  const pct = job && job.total > 0 ? Math.min(100, Math.round((job.done / job.total) * 100)) : 0;
  const error = start.error ?? polled.error;

  return (
    <Modal
      open
      title="运行疑似双水源分析"
      onCancel={running ? undefined : onClose}
      closable={!running}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <div className="ws-drawer-footer">
          <Button onClick={onClose} disabled={running}>
            {job?.state === 'failed' ? '关闭' : '取消'}
          </Button>
          <Button type="primary" loading={running} onClick={run} data-testid="analysis-start">
            {job?.state === 'failed' ? '重新运行' : '开始分析'}
          </Button>
        </div>
      }
    >
      <Typography.Paragraph type="secondary">
        按所选月份之前的用水量，对全部自来水用水户逐户打分排序；已登记的核查结果用于校准模型权重。不选月份则以最近一个已导入的月份为准。
      </Typography.Paragraph>
      <Form layout="vertical" disabled={running}>
        <Form.Item label="截至月份（可选）">
          <DatePicker
            picker="month"
            value={month}
            onChange={(d: Dayjs | null) => setMonth(d)}
            format="YYYY年M月"
            placeholder="最近月份"
            inputReadOnly
            disabledDate={(d: Dayjs) => isAfterToday(d, 'month')}
            style={{ width: 200 }}
            data-testid="analysis-month"
          />
        </Form.Item>
      </Form>
      {job && job.state !== 'failed' && (
        <div className="ws-sp-job">
          <Progress percent={pct} status={job.state === 'done' ? 'success' : 'active'} data-testid="analysis-progress" />
          <Typography.Text type="secondary">{job.stage}</Typography.Text>
        </div>
      )}
      {job?.state === 'failed' && <Alert type="error" showIcon title="分析未完成" description={job.error ?? '分析中断，请稍后重试'} data-testid="analysis-error" />}
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} data-testid="analysis-error" />}
    </Modal>
  );
}
