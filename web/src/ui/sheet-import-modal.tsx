import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Progress, Steps, Typography, Upload, type DescriptionsProps } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError, type UploadProgress } from '../lib/api-client';
import { readAsBase64 } from '../lib/files';
import { errorMessageOf, showSuccess } from './feedback';
import { RowErrorsTable } from './row-errors-table';

const MAX_BYTES = 20 * 1024 * 1024;

type Stage = { percent: number; text: string; status: 'active' | 'success' | 'exception' };

/** What every sheet import sends: the file as base64, and whether this is only the check. */
export type SheetUpload = { fileName: string; content: string; dryRun: boolean };

export type SheetImportModalProps<T> = {
  open: boolean;
  onClose: () => void;
  title: string;
  /** The sheet's header, shown as "支持 .xlsx 和 .csv；表头：…" under the drop zone. */
  columns: readonly string[];
  /** Replaces that line under the drop zone (then it is not indented). */
  hint?: ReactNode;
  /** A secondary paragraph under the drop zone: what a row means, what is required. */
  note?: ReactNode;
  /** Choices that go with the file (after the note); a change of choice should call clearPreview. */
  options?: (ctx: { busy: boolean; clearPreview: () => void }) => ReactNode;
  /** Sends the sheet, as a dry run or for real, reporting the upload's progress. */
  send: (input: SheetUpload, onUpload: (p: UploadProgress) => void) => Promise<T>;
  /** How many things the outcome changes; a dry run that changes nothing cannot be applied. */
  changes: (outcome: T) => number;
  /** The message shown once the import has applied. */
  successText: (outcome: T) => string;
  /** The queries the import makes stale. */
  invalidates: QueryKey;
  /** The counts of a dry run (applied false: "将…") or of the import that applied. */
  describe: (outcome: T, applied: boolean) => DescriptionsProps['items'];
  describeColumn?: DescriptionsProps['column'];
  appliedTitle?: string;
  unchangedTitle?: string;
};

/**
 * A spreadsheet import in two steps: a dry run that shows what would change (or the bad rows),
 * then the real import. The whole sheet applies, or none of it.
 */
export function SheetImportModal<T>({
  open,
  onClose,
  title,
  columns,
  hint,
  note,
  options,
  send,
  changes,
  successText,
  invalidates,
  describe,
  describeColumn = 3,
  appliedTitle = '导入成功',
  unchangedTitle = '文件与现有记录一致，无需导入',
}: SheetImportModalProps<T>) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [preview, setPreview] = useState<T | null>(null);
  const [applied, setApplied] = useState<T | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const creep = useRef<number | null>(null);

  const stopCreep = () => {
    if (creep.current !== null) window.clearInterval(creep.current);
    creep.current = null;
  };
  useEffect(() => stopCreep, []);

  const close = () => {
    stopCreep();
    setFile(null);
    setStage(null);
    setPreview(null);
    setApplied(null);
    setError(null);
    setBusy(false);
    onClose();
  };

  const pick = (f: File | null) => {
    setFile(f);
    setPreview(null);
    setStage(null);
    setError(null);
  };

  const run = async (dryRun: boolean) => {
    if (!file || !open) return;
    setBusy(true);
    setError(null);
    const verb = dryRun ? '预检' : '导入';
    try {
      setStage({ percent: 0, text: '正在读取文件…', status: 'active' });
      const content = await readAsBase64(file, (f) => setStage({ percent: Math.round(f * 15), text: '正在读取文件…', status: 'active' }));
      setStage({ percent: 15, text: '正在上传…', status: 'active' });
      const outcome = await send({ fileName: file.name, content, dryRun }, ({ loaded, total }) => {
        setStage({ percent: 15 + Math.round((loaded / total) * 55), text: '正在上传…', status: 'active' });
        if (loaded >= total && creep.current === null) {
          // the server does not report its own progress: advance slowly while it works
          setStage({ percent: 70, text: `服务器正在${verb}…`, status: 'active' });
          creep.current = window.setInterval(() => setStage((s) => (s && s.percent < 95 ? { ...s, percent: s.percent + 1 } : s)), 250);
        }
      });
      stopCreep();
      setStage({ percent: 100, text: dryRun ? '预检完成' : '导入完成', status: 'success' });
      if (dryRun) setPreview(outcome);
      else {
        setApplied(outcome);
        showSuccess(successText(outcome));
        await qc.invalidateQueries({ queryKey: invalidates });
      }
    } catch (e) {
      stopCreep();
      setStage((s) => ({ percent: s?.percent ?? 0, text: `${verb}未通过`, status: 'exception' }));
      setError(e instanceof Error ? e : new Error(errorMessageOf(e)));
    } finally {
      setBusy(false);
    }
  };

  const rowErrors = error instanceof ApiError ? error.rowErrors : [];
  const summary = applied ?? preview;
  const nothingToDo = preview !== null && changes(preview) === 0;

  const footer = applied
    ? [<Button key="done" type="primary" onClick={close}>完成</Button>]
    : [
        <Button key="cancel" onClick={close} disabled={busy}>取消</Button>,
        preview ? (
          <Button key="apply" type="primary" loading={busy} disabled={nothingToDo} onClick={() => void run(false)}>
            确认导入
          </Button>
        ) : (
          <Button key="check" type="primary" loading={busy} disabled={!file} onClick={() => void run(true)}>
            预检
          </Button>
        ),
      ];

  return (
    <Modal open={open} title={title} width={760} mask={{ closable: false }} closable={!busy} onCancel={close} footer={footer} destroyOnHidden>
      <Steps size="small" current={applied ? 2 : preview ? 1 : 0} style={{ margin: '8px 0 20px' }} items={[{ title: '选择文件' }, { title: '预检结果' }, { title: '完成导入' }]} />

      {!applied && (
        <>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            disabled={busy}
            fileList={file ? [{ uid: 'sheet', name: file.name, status: 'done', size: file.size }] : []}
            beforeUpload={(f) => {
              if (f.size > MAX_BYTES) {
                setError(new Error('文件不能超过 20 MB'));
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
            <p className="ant-upload-text">点击或将文件拖到此处</p>
            <p className="ant-upload-hint" style={hint === undefined ? { padding: '0 16px' } : undefined}>
              {hint ?? `支持 .xlsx 和 .csv；表头：${columns.join('、')}`}
            </p>
          </Upload.Dragger>
          {note && (
            <Typography.Paragraph type="secondary" style={{ margin: '10px 0 0', fontSize: 13 }}>
              {note}
            </Typography.Paragraph>
          )}
          {options?.({ busy, clearPreview: () => setPreview(null) })}
        </>
      )}

      {stage && (
        <div style={{ marginTop: 16 }}>
          <Progress percent={stage.percent} status={stage.status} />
          <Typography.Text type="secondary">{stage.text}</Typography.Text>
        </div>
      )}

      {error && (
        <div style={{ marginTop: 16 }}>
          <Alert
            type="error"
            showIcon
            title={errorMessageOf(error)}
            description={rowErrors.length ? `共 ${rowErrors.length} 处错误，请修改文件后重新上传。整个文件未导入任何数据。` : undefined}
            style={{ marginBottom: rowErrors.length ? 12 : 0 }}
          />
          {rowErrors.length > 0 && <RowErrorsTable errors={rowErrors} maxHeight={260} />}
        </div>
      )}

      {summary !== null && (
        <div style={{ marginTop: 16 }}>
          {applied ? (
            <Alert type="success" showIcon title={appliedTitle} style={{ marginBottom: 12 }} />
          ) : nothingToDo ? (
            <Alert type="info" showIcon title={unchangedTitle} style={{ marginBottom: 12 }} />
          ) : (
            <Alert type="info" showIcon title="预检通过。以下为将要发生的变化，确认无误后点击“确认导入”。" style={{ marginBottom: 12 }} />
          )}
          <Descriptions bordered size="small" column={describeColumn} items={describe(summary, applied !== null)} />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            导入在一个事务中完成：要么全部生效，要么全部不生效。
          </Typography.Text>
        </div>
      )}
    </Modal>
  );
}
