import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Descriptions, Modal, Progress, Space, Steps, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ORG_SHEET_COLUMNS } from '@domain/org/org-import';
import { ApiError } from '../../../lib/api-client';
import { readAsBase64 } from '../../../lib/files';
import { formatCount } from '../../../lib/format';
import { errorMessageOf, showSuccess } from '../../../ui/feedback';
import { RowErrorsTable } from '../../../ui/row-errors-table';
import { importOrgSheet, type OrgImportResult } from '../api/org-api';
import { ORG_UNITS_KEY } from '../hooks/use-org-units';

const MAX_BYTES = 20 * 1024 * 1024;

type Stage = { percent: number; text: string; status: 'active' | 'success' | 'exception' };

function totalCreated(r: OrgImportResult): number {
  return r.created.district + r.created.street + r.created.community + r.created.grid;
}

/**
 * Import in two steps: a dry run that shows what would change, then the real import.
 * Either every row is valid and the whole sheet applies, or the bad rows are listed.
 */
export function OrgImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const qc = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [allowNewUnits, setAllowNewUnits] = useState(false);
  const [stage, setStage] = useState<Stage | null>(null);
  const [preview, setPreview] = useState<OrgImportResult | null>(null);
  const [applied, setApplied] = useState<OrgImportResult | null>(null);
  const [error, setError] = useState<ApiError | Error | null>(null);
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

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    const verb = dryRun ? '预检' : '导入';
    try {
      setStage({ percent: 0, text: '正在读取文件…', status: 'active' });
      const content = await readAsBase64(file, (f) => setStage({ percent: Math.round(f * 15), text: '正在读取文件…', status: 'active' }));
      setStage({ percent: 15, text: '正在上传…', status: 'active' });
      const request = importOrgSheet({ fileName: file.name, content, allowNewUnits, dryRun }, ({ loaded, total }) => {
        const percent = 15 + Math.round((loaded / total) * 55);
        setStage({ percent, text: '正在上传…', status: 'active' });
        if (loaded >= total && creep.current === null) {
          // the server does not report its own progress: advance slowly while it works
          setStage({ percent: 70, text: `服务器正在${verb}…`, status: 'active' });
          creep.current = window.setInterval(() => {
            setStage((s) => (s && s.percent < 95 ? { ...s, percent: s.percent + 1 } : s));
          }, 250);
        }
      });
      const result = await request;
      stopCreep();
      setStage({ percent: 100, text: dryRun ? '预检完成' : '导入完成', status: 'success' });
      if (dryRun) setPreview(result);
      else {
        setApplied(result);
        showSuccess('组织机构已导入');
        await qc.invalidateQueries({ queryKey: ORG_UNITS_KEY });
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
  const step = applied ? 2 : preview ? 1 : 0;
  const summary = applied ?? preview;
  const nothingToDo = preview !== null && totalCreated(preview) === 0 && preview.renamed === 0;

  const footer = applied
    ? [
        <Button key="done" type="primary" onClick={() => { reset(); onClose(); }}>
          完成
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={() => { reset(); onClose(); }} disabled={busy}>
          取消
        </Button>,
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
      open={open}
      title="导入组织机构"
      width={760}
      mask={{ closable: false }}
      closable={!busy}
      onCancel={() => { reset(); onClose(); }}
      footer={footer}
      destroyOnHidden
    >
      <Steps
        size="small"
        current={step}
        style={{ margin: '8px 0 20px' }}
        items={[{ title: '选择文件' }, { title: '预检结果' }, { title: '完成导入' }]}
      />

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
            <p className="ant-upload-hint">
              支持 .xlsx 和 .csv；表头须包含：{ORG_SHEET_COLUMNS.map((c) => c.label).join('、')}。可先“导出 Excel”作为模板。
            </p>
          </Upload.Dragger>
          <Checkbox
            style={{ marginTop: 12 }}
            checked={allowNewUnits}
            disabled={busy}
            onChange={(e) => {
              setAllowNewUnits(e.target.checked);
              setPreview(null);
            }}
          >
            允许新建区/街道/社区
          </Checkbox>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
            不勾选时，表中出现系统里没有的区、街道或社区将作为错误列出，防止错别字产生重复单位。
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

      {summary && <ImportSummary result={summary} applied={applied !== null} nothingToDo={nothingToDo} />}
    </Modal>
  );
}

function ImportSummary({ result, applied, nothingToDo }: { result: OrgImportResult; applied: boolean; nothingToDo: boolean }) {
  return (
    <div style={{ marginTop: 16 }}>
      {applied ? (
        <Alert type="success" showIcon title="导入成功，组织机构已更新" style={{ marginBottom: 12 }} />
      ) : nothingToDo ? (
        <Alert type="info" showIcon title="文件与现有组织机构一致，无需导入" style={{ marginBottom: 12 }} />
      ) : (
        <Alert type="info" showIcon title="预检通过。以下为将要发生的变化，确认无误后点击“确认导入”。" style={{ marginBottom: 12 }} />
      )}
      <Descriptions
        bordered
        size="small"
        column={3}
        items={[
          { key: 'd', label: applied ? '新建区' : '将新建区', children: formatCount(result.created.district) },
          { key: 's', label: applied ? '新建街道' : '将新建街道', children: formatCount(result.created.street) },
          { key: 'c', label: applied ? '新建社区/村' : '将新建社区/村', children: formatCount(result.created.community) },
          { key: 'g', label: applied ? '新建网格' : '将新建网格', children: formatCount(result.created.grid) },
          { key: 'r', label: applied ? '网格更名' : '将更名网格', children: formatCount(result.renamed) },
          { key: 'u', label: '无变化网格', children: formatCount(result.unchanged) },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">导入在一个事务中完成：要么全部生效，要么全部不生效。</Typography.Text>
      </Space>
    </div>
  );
}
