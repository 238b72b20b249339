import { isRecordConflict } from '../api/field-api';
import type { QueuedOp } from '../offline/field-db';
import { diffRows, VersionDiffModal } from './version-diff';

const TARGET_LABELS = { well: '封井记录', inspection: '督导核查记录', check: '核查任务' } as const;

/**
 * A sealing step, inspection note or verification outcome the office overtook while the worker
 * was offline: the office's state and the worker's record side by side. 重新提交 applies the
 * worker's record on the current version; 放弃我的 keeps the office's and logs the worker's as 未采用.
 */
export function RecordConflictModal({ op, onResubmit, onDrop, onClose }: { op: QueuedOp | null; onResubmit: () => void; onDrop: () => void; onClose: () => void }) {
  const c = op && isRecordConflict(op.conflict) ? op.conflict : null;
  const keys = c ? [...new Set([...Object.keys(c.submitted), ...Object.keys(c.current.fields)])] : [];
  const rows = c ? diffRows(keys.map((key) => ({ key, label: key, office: c.current.fields[key] ?? '—', mine: c.submitted[key] ?? '—' }))) : [];
  return (
    <VersionDiffModal
      open={!!c}
      title={c ? `${TARGET_LABELS[c.target]}冲突 · ${c.current.title}` : ''}
      explanation={<>您的记录基于第 {c?.baseVersion} 版，办公室已改为第 {c?.current.version} 版。“重新提交”在办公室版本上再登记一次您的记录；“放弃我的”保留办公室版本，您的记录作为“未采用”记入修改记录，不会丢失。</>}
      rows={rows}
      labelTitle="项目"
      officeTitle={`办公室（第 ${c?.current.version ?? ''} 版）`}
      mineTitle="我的记录"
      officeChoice="放弃我的"
      mineChoice="重新提交"
      onOffice={onDrop}
      onMine={onResubmit}
      onClose={onClose}
    />
  );
}
