import { CASE_SHEET_COLUMNS } from '@domain/case/case-sheet';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importCasesSheet, type CaseImportOutcome } from '../api/cases-api';
import { CASES_KEY } from '../hooks/use-cases';

/** The case ledger kept in spreadsheets: a dry run, then the real import; every row or none. */
export function CasesImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SheetImportModal<CaseImportOutcome>
      open={open}
      onClose={onClose}
      title="导入执法案件台账"
      columns={CASE_SHEET_COLUMNS}
      note="每行一件案件；必填：立案日期、区、当事人、违法类型。案件编号不填则按年度自动编号；状态为处罚决定及以后的须填罚款金额，已结案的须填结案日期。可先导出台账作为模板。"
      send={importCasesSheet}
      changes={(o) => o.created}
      successText={(o) => `案件台账已导入，新增案件 ${o.created} 件`}
      invalidates={CASES_KEY}
      describeColumn={1}
      describe={(o, applied) => [{ key: 'c', label: `${applied ? '' : '将'}新增案件`, children: formatCount(o.created) }]}
    />
  );
}
