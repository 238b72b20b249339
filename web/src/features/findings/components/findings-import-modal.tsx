import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Modal, Progress, Steps, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { FINDING_SHEET_COLUMNS } from '@domain/inspection/finding-sheet';
import { ApiError } from '../../../lib/api-client';
import { readAsBase64 } from '../../../lib/files';
import { formatCount } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { RowErrorsTable } from '../../../ui/row-errors-table';
import { importFindingsSheet, type FindingImportOutcome } from '../api/findings-api';
import { FINDINGS_KEY } from '../hooks/use-findings';

const MAX_BYTES = 20 * 1024 * 1024;

type Stage = { percent: number; text: string; status: 'active' | 'success' | 'exception' };


/**
 * The findings ledger kept in spreadsheets (问题整改台账: findings, their rectification status and
 * dates), in two steps like the other imports: a dry run that shows what would be created, then the
 * real import. The whole sheet applies, or the bad rows are listed.
 */
export function FindingsImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [preview, setPreview] = useState<FindingImportOutcome | null>(null);
  const [applied, setApplied] = useState<FindingImportOutcome | null>(null);
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

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    const verb = dryRun ? '预检' : '导入';
    try {
      setStage({ percent: 0, text: '正在读取文件…', status: 'active' });
      const content = await readAsBase64(file, (f) => setStage({ percent: Math.round(f * 15), text: '正在读取文件…', status: 'active' }));
      setStage({ percent: 15, text: '正在上传…', status: 'active' });
      const outcome = await importFindingsSheet({ fileName: file.name, content, dryRun }, ({ loaded, total }) => {
        setStage({ percent: 15 + Math.round((loaded / total) * 55), text: '正在上传…', status: 'active' });
        if (loaded >= total && creep.current === null) {
          setStage({ percent: 70, text: `服务器正在${verb}…`, status: 'active' });
          creep.current = window.setInterval(() => setStage((s) => (s && s.percent < 95 ? { ...s, percent: s.percent + 1 } : s)), 250);
        }
      });
      stopCreep();
      setStage({ percent: 100, text: dryRun ? '预检完成' : '导入完成', status: 'success' });
      if (dryRun) setPreview(outcome);
      else {
        setApplied(outcome);
        showSuccess(`问题台账已导入，新增问题 ${outcome.created} 个`);
        await qc.invalidateQueries({ queryKey: FINDINGS_KEY });
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
  const nothingToDo = preview !== null && preview.created === 0;
  const will = applied ? '' : '将';

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
    <Modal open={open} title="导入问题整改台账" width={760} mask={{ closable: false }} closable={!busy} onCancel={close} footer={footer} destroyOnHidden>
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
            <p className="ant-upload-hint" style={{ padding: '0 16px' }}>支持 .xlsx 和 .csv；表头：{FINDING_SHEET_COLUMNS.join('、')}</p>
          </Upload.Dragger>
          <Typography.Paragraph type="secondary" style={{ margin: '10px 0 0', fontSize: 13 }}>
            每行登记一个问题；必填：发现日期、所属区、问题类别、问题描述。“单位/社区”写到街道或社区，漏排问题写明网格；填写“整改状态”“整改情况”“整改日期”的，按台账补登整改步骤。可先导出台账作为模板。
          </Typography.Paragraph>
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
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'c', label: `${will}新增问题`, children: formatCount(summary.created) },
            ]}
          />
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
            导入在一个事务中完成：要么全部生效，要么全部不生效。
          </Typography.Text>
        </div>
      )}
    </Modal>
  );
}
