import { CloudUploadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { formatCount } from '../../../lib/format';
import { formatBytes } from '../../../lib/files';
import { errorMessageOf } from '../../../ui/feedback';
import { uploadReadings, type ImportRowError, type ReadingsImport } from '../api/utility-api';
import { IMPORTS_KEY, importKey, UTILITY_KEY, useAcceptImport, useDiscardImport, useImport } from '../hooks/use-utility';
import { periodRange } from './utility-tags';

/** The server takes up to 2 GB (some 10 million rows as CSV). */
const MAX_BYTES = 2 * 1024 * 1024 * 1024;
const EXTENSIONS = ['.csv', '.xlsx'];

type Stage = { percent: number; text: string; status: 'active' | 'normal' | 'success' | 'exception'; color?: string };

/** Where a readings import stands, as the progress bar shows it: the upload is the first half, the server's load the second. */
function stageOf(imp: ReadingsImport): Stage {
  switch (imp.state) {
    case 'loading': {
      const share = imp.sizeBytes > 0 ? Math.min(1, imp.bytesRead / imp.sizeBytes) : 0;
      return { percent: Math.min(99, 50 + Math.floor(50 * share)), text: `正在载入：已载入 ${formatCount(imp.rowsLoaded)} 行`, status: 'active' };
    }
    case 'applied': {
      const skipped = imp.badRows ? `，已跳过错误行 ${formatCount(imp.badRows)} 行` : '';
      const periods = imp.periods.length ? `，期间 ${periodRange(imp.periods)}` : '';
      return { percent: 100, text: `导入完成：${formatCount(imp.rowsLoaded)} 行${periods}${skipped}${imp.message ? `。${imp.message}` : ''}`, status: 'success' };
    }
    case 'held':
      return { percent: 100, text: `待确认：已载入 ${formatCount(imp.rowsLoaded)} 行，${formatCount(imp.badRows)} 行有错误`, status: 'normal', color: '#faad14' };
    case 'discarded':
      return { percent: 100, text: '已放弃本次导入，数据未生效', status: 'normal', color: '#bfbfbf' };
    case 'failed':
      return { percent: 100, text: '导入失败', status: 'exception' };
  }
}

/** The bad rows of a held import: 第N行, 列, 问题. */
function ImportErrorsTable({ errors }: { errors: ImportRowError[] }) {
  return (
    <Table<ImportRowError & { key: number }>
      size="small"
      bordered
      data-testid="import-errors-table"
      pagination={errors.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      dataSource={errors.map((e, i) => ({ ...e, key: i }))}
      columns={[
        { title: '行号', dataIndex: 'row', width: 100, render: (row: number) => `第${row}行` },
        { title: '列', dataIndex: 'column', width: 120, render: (c: string) => c || '—' },
        { title: '问题', dataIndex: 'message', render: (m: string) => <Typography.Text type="danger">{m}</Typography.Text> },
      ]}
    />
  );
}

/**
 * 用水量导入: the readings file goes up as it is (streamed to disk by the server), then the server
 * loads it row by row while this card polls how far it has got. A file with bad rows is held back
 * until the user skips those rows or gives it up.
 */
export function ReadingsUploadCard({ importId, onImport }: { importId: number | null; onImport: (id: number | null) => void }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  /** the upload's own failure (the import never started), and how far it got */
  const [failed, setFailed] = useState<{ error: unknown; percent: number } | null>(null);
  /** a file refused before upload (wrong type, too large) */
  const [refused, setRefused] = useState<string | null>(null);
  /** how far the last upload got (0–50) */
  const sent = useRef(0);
  const current = useImport(uploading === null ? importId : null);
  const accept = useAcceptImport();
  const discard = useDiscardImport();
  const imp = uploading === null && importId !== null ? current.data : undefined;

  // once the load ends, the list of imports (and what the readings feed) changes
  const last = useRef<{ id: number; state: string } | null>(null);
  useEffect(() => {
    const was = last.current;
    if (imp && was && was.id === imp.id && was.state === 'loading' && imp.state !== 'loading') void qc.invalidateQueries({ queryKey: UTILITY_KEY });
    last.current = imp ? { id: imp.id, state: imp.state } : null;
  }, [imp, qc]);

  const loading = imp?.state === 'loading';
  const busy = uploading !== null || loading;

  const pick = (f: File | null) => {
    setFile(f);
    setRefused(null);
    setFailed(null);
  };

  const upload = async () => {
    if (!file) return;
    setFailed(null);
    setRefused(null);
    onImport(null);
    setUploading(0);
    sent.current = 0;
    try {
      const started = await uploadReadings(file, ({ loaded, total }) => {
        sent.current = total > 0 ? Math.min(50, Math.round((loaded / total) * 50)) : 0;
        setUploading(sent.current);
      });
      qc.setQueryData(importKey(started.id), started);
      onImport(started.id);
      setFile(null);
      void qc.invalidateQueries({ queryKey: IMPORTS_KEY });
    } catch (e) {
      setFailed({ error: e, percent: sent.current });
    } finally {
      setUploading(null);
    }
  };

  const stage: Stage | null =
    uploading !== null
      ? { percent: uploading, text: '正在上传…', status: 'active' }
      : failed
        ? { percent: failed.percent, text: '上传失败', status: 'exception' }
        : imp
          ? stageOf(imp)
          : null;

  return (
    <Card className="ws-card" title="导入用水量" style={{ marginBottom: 16 }}>
      <div data-testid="readings-upload">
        <Upload.Dragger
          accept={EXTENSIONS.join(',')}
          maxCount={1}
          disabled={busy}
          fileList={file ? [{ uid: 'readings', name: file.name, status: 'done', size: file.size }] : []}
          beforeUpload={(f) => {
            const name = f.name.toLowerCase();
            if (!EXTENSIONS.some((ext) => name.endsWith(ext))) {
              setRefused('只支持 .xlsx 或 .csv 文件');
              return Upload.LIST_IGNORE;
            }
            if (f.size > MAX_BYTES) {
              setRefused('文件过大（上限 2 GB）');
              return Upload.LIST_IGNORE;
            }
            pick(f);
            return false;
          }}
          onRemove={() => pick(null)}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或将用水量文件拖到此处</p>
          <p className="ant-upload-hint" style={{ padding: '0 16px' }}>
            支持 .xlsx 和 .csv，文件最大 2 GB{file ? `（已选 ${formatBytes(file.size)}）` : ''}
          </p>
        </Upload.Dragger>
      </div>
      <Typography.Paragraph type="secondary" style={{ margin: '10px 0 12px', fontSize: 13 }}>
        表头：户号、期间、用水量；期间为 2024-01（按月）或 2024-01-15（按日）；同一户号同一期间再次导入将替换原数据；有错误行时整份文件暂不生效，可改正后重新导入或确认跳过错误行。
      </Typography.Paragraph>
      <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file || busy} loading={uploading !== null} onClick={() => void upload()} data-testid="readings-submit">
        上传
      </Button>

      {stage && (
        <div style={{ marginTop: 16 }}>
          <Progress
            data-testid="readings-progress"
            percent={stage.percent}
            status={stage.status}
            {...(stage.color ? { strokeColor: stage.color } : {})}
            percentPosition={{ align: 'center', type: 'outer' }}
            format={(p) => `${p ?? 0}% · ${stage.text}`}
          />
        </div>
      )}

      {refused && <Alert type="error" showIcon title={refused} style={{ marginTop: 16 }} />}
      {failed && <Alert type="error" showIcon title={errorMessageOf(failed.error)} style={{ marginTop: 16 }} />}
      {uploading === null && importId !== null && current.error && <Alert type="error" showIcon title={errorMessageOf(current.error)} style={{ marginTop: 16 }} />}

      {imp?.state === 'held' && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="warning"
            showIcon
            title={imp.message ?? `有${imp.badRows}行数据有误，其余${imp.rowsLoaded}行暂不生效`}
            description={
              imp.errors.length < imp.badRows || imp.errors.length >= 200
                ? `以下列出前 ${imp.errors.length} 处错误。可改正文件后重新上传，或跳过错误行导入其余 ${formatCount(imp.rowsLoaded)} 行。`
                : `可改正文件后重新上传，或跳过错误行导入其余 ${formatCount(imp.rowsLoaded)} 行。`
            }
            style={{ marginBottom: 12 }}
          />
          {imp.errors.length > 0 && <ImportErrorsTable errors={imp.errors} />}
          <Space style={{ marginTop: 12 }} wrap>
            <Button type="primary" loading={accept.isPending} disabled={discard.isPending} onClick={() => accept.mutate(imp.id)} data-testid="accept-import">
              跳过错误行并导入
            </Button>
            <Button danger loading={discard.isPending} disabled={accept.isPending} onClick={() => discard.mutate(imp.id)} data-testid="discard-import">
              放弃本次导入
            </Button>
          </Space>
        </div>
      )}
      {imp?.state === 'failed' && <Alert type="error" showIcon title={imp.message ?? '导入失败'} style={{ marginTop: 16 }} data-testid="import-failed" />}
    </Card>
  );
}
