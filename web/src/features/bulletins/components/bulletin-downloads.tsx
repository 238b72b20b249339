import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Typography } from 'antd';
import { showApiError } from '../../../ui/feedback';
import { useRenderDownload } from '../hooks/use-bulletins';

const NAMES = { docx: 'Word', pdf: 'PDF' } as const;

/**
 * 下载 Word / 下载 PDF. Laying out a PDF takes a headless browser a few seconds, so while a file is
 * being made the buttons wait and a bar shows that work is under way.
 */
export function BulletinDownloads({ id, dirty }: { id: number; dirty: boolean }) {
  const { job, start } = useRenderDownload(id, showApiError);
  const busy = job !== null && job.percent < 100;
  return (
    <div className="ws-bul-downloads">
      <Space wrap>
        <Button icon={<FileWordOutlined />} loading={job?.format === 'docx' && busy} disabled={busy} onClick={() => void start('docx')} data-testid="bulletin-docx">
          下载 Word
        </Button>
        <Button icon={<FilePdfOutlined />} loading={job?.format === 'pdf' && busy} disabled={busy} onClick={() => void start('pdf')} data-testid="bulletin-pdf">
          下载 PDF
        </Button>
      </Space>
      {job ? (
        <div className="ws-bul-downloads__progress" data-testid="bulletin-render-progress">
          <Progress percent={Math.round(job.percent)} size="small" status={job.percent < 100 ? 'active' : 'success'} />
          <Typography.Text type="secondary" className="ws-bul-hint">
            {job.percent < 100 ? `正在生成 ${NAMES[job.format]} 文件…` : `${NAMES[job.format]} 文件已生成，开始下载`}
          </Typography.Text>
        </div>
      ) : (
        dirty && (
          <Typography.Text type="warning" className="ws-bul-hint">
            下载的是已保存的内容
          </Typography.Text>
        )
      )}
    </div>
  );
}
