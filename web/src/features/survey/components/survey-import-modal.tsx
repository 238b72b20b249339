import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Progress, Steps, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { CARD_SHEET_COLUMNS } from '@domain/survey/card-sheet';
import { ApiError } from '../../../lib/api-client';
import { readAsBase64 } from '../../../lib/files';
import { formatCount } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { RowErrorsTable } from '../../../ui/row-errors-table';
import {
  CARD_TEMPLATE_URL,
  importCardSheet,
  importProgressSheet,
  type CardImportOutcome,
  type ProgressImportOutcome,
  type SheetImportInput,
} from '../api/survey-api';
import { SURVEY_KEY } from '../hooks/use-survey';
import type { UploadProgress } from '../../../lib/api-client';

const MAX_BYTES = 20 * 1024 * 1024;

export type SurveyImportKind = 'cards' | 'progress';

type Outcome = { kind: 'cards'; result: CardImportOutcome } | { kind: 'progress'; result: ProgressImportOutcome };
type Stage = { percent: number; text: string; status: 'active' | 'success' | 'exception' };

const TITLES: Record<SurveyImportKind, string> = { cards: '导入一户一卡', progress: '导入排查进度' };
const PROGRESS_COLUMNS = ['网格编号', '开始排查日期', '完成排查日期'];

async function send(kind: SurveyImportKind, input: SheetImportInput, onUpload: (p: UploadProgress) => void): Promise<Outcome> {
  return kind === 'cards'
    ? { kind, result: await importCardSheet(input, onUpload) }
    : { kind, result: await importProgressSheet(input, onUpload) };
}

function changes(o: Outcome): number {
  return o.kind === 'cards' ? o.result.created + o.result.updated : o.result.events;
}

/**
 * The 一户一卡 sheet or the survey-progress sheet, in two steps like the org import: a dry run that
 * shows what would change, then the real import. The whole sheet applies, or the bad rows are listed.
 */
export function SurveyImportModal({ kind, onClose }: { kind: SurveyImportKind | null; onClose: () => void }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [preview, setPreview] = useState<Outcome | null>(null);
  const [applied, setApplied] = useState<Outcome | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);
  const creep = useRef<number | null>(null);

  const stopCreep = () => {
    if (creep.current !== null) window.clearInterval(creep.current);
    creep.current = null;
  };
  useEffect(() => stopCreep, []);

  const reset = () => {
    stopCreep();
    setFile(null);
    setStage(null);
    setPreview(null);
    setApplied(null);
    setError(null);
    setBusy(false);
  };
  const close = () => {
    reset();
    onClose();
  };

  const run = async (dryRun: boolean) => {
    if (!file || !kind) return;
    setBusy(true);
    setError(null);
    const verb = dryRun ? '预检' : '导入';
    try {
      setStage({ percent: 0, text: '正在读取文件…', status: 'active' });
      const content = await readAsBase64(file, (f) => setStage({ percent: Math.round(f * 15), text: '正在读取文件…', status: 'active' }));
      setStage({ percent: 15, text: '正在上传…', status: 'active' });
      const outcome = await send(kind, { fileName: file.name, content, dryRun }, ({ loaded, total }) => {
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
        showSuccess(kind === 'cards' ? '一户一卡已导入' : '排查进度已导入');
        await qc.invalidateQueries({ queryKey: SURVEY_KEY });
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
  const columns = kind === 'progress' ? PROGRESS_COLUMNS : CARD_SHEET_COLUMNS.map((c) => c.label);

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
    <Modal
      open={kind !== null}
      title={kind ? TITLES[kind] : ''}
      width={760}
      mask={{ closable: false }}
      closable={!busy}
      onCancel={close}
      footer={footer}
      destroyOnHidden
    >
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
              setFile(f);
              setPreview(null);
              setStage(null);
              setError(null);
              return false;
            }}
            onRemove={() => {
              setFile(null);
              setPreview(null);
              setStage(null);
              setError(null);
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或将文件拖到此处</p>
            <p className="ant-upload-hint" style={{ padding: '0 16px' }}>支持 .xlsx 和 .csv；表头：{columns.join('、')}</p>
          </Upload.Dragger>
          {kind === 'cards' ? (
            <Typography.Paragraph type="secondary" style={{ margin: '10px 0 0', fontSize: 13 }}>
              <a href={CARD_TEMPLATE_URL} download>
                <DownloadOutlined /> 下载模板
              </a>
              ；“卡片编号”留空为新增，填写则修改该卡片（可先导出一户一卡，改好后再导入）。新增卡片所在网格须未完成排查。
            </Typography.Paragraph>
          ) : (
            <Typography.Paragraph type="secondary" style={{ margin: '10px 0 0', fontSize: 13 }}>
              每行一个网格；已有的排查记录不会被改写，只补充缺少的开始、完成记录。日期可写作 2024-01-12、2024/1/12 或 2024年1月12日。
            </Typography.Paragraph>
          )}
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

      {summary && (
        <div style={{ marginTop: 16 }}>
          {applied ? (
            <Alert type="success" showIcon title="导入成功" style={{ marginBottom: 12 }} />
          ) : nothingToDo ? (
            <Alert type="info" showIcon title="文件与现有记录一致，无需导入" style={{ marginBottom: 12 }} />
          ) : (
            <Alert type="info" showIcon title="预检通过。以下为将要发生的变化，确认无误后点击“确认导入”。" style={{ marginBottom: 12 }} />
          )}
          <OutcomeTable outcome={summary} applied={applied !== null} />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            导入在一个事务中完成：要么全部生效，要么全部不生效。
          </Typography.Text>
        </div>
      )}
    </Modal>
  );
}

function OutcomeTable({ outcome, applied }: { outcome: Outcome; applied: boolean }) {
  const will = applied ? '' : '将';
  const items =
    outcome.kind === 'cards'
      ? [
          { key: 'c', label: `${will}新增一户一卡`, children: formatCount(outcome.result.created) },
          { key: 'u', label: `${will}修改一户一卡`, children: formatCount(outcome.result.updated) },
          { key: 'n', label: '无变化', children: formatCount(outcome.result.unchanged) },
        ]
      : [
          { key: 'g', label: `${will}更新网格`, children: formatCount(outcome.result.grids) },
          { key: 'e', label: `${will}补充排查记录`, children: formatCount(outcome.result.events) },
          { key: 'n', label: '无变化网格', children: formatCount(outcome.result.unchanged) },
        ];
  return <Descriptions bordered size="small" column={3} items={items} />;
}
