import { FINDING_SHEET_COLUMNS } from '@domain/inspection/finding-sheet';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importFindingsSheet, type FindingImportOutcome } from '../api/findings-api';
import { FINDINGS_KEY } from '../hooks/use-findings';

/**
 * The findings ledger kept in spreadsheets (问题整改台账: findings, their rectification status and
 * dates), in two steps like the other imports: a dry run that shows what would be created, then the
 * real import. The whole sheet applies, or the bad rows are listed.
 */
export function FindingsImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SheetImportModal<FindingImportOutcome>
      open={open}
      onClose={onClose}
      title="导入问题整改台账"
      columns={FINDING_SHEET_COLUMNS}
      note="每行登记一个问题；必填：发现日期、所属区、问题类别、问题描述。“单位/社区”写到街道或社区，漏排问题写明网格；填写“整改状态”“整改情况”“整改日期”的，按台账补登整改步骤。可先导出台账作为模板。"
      send={importFindingsSheet}
      changes={(o) => o.created}
      successText={(o) => `问题台账已导入，新增问题 ${o.created} 个`}
      invalidates={FINDINGS_KEY}
      describeColumn={1}
      describe={(o, applied) => [{ key: 'c', label: `${applied ? '' : '将'}新增问题`, children: formatCount(o.created) }]}
    />
  );
}
