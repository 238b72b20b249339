import { SWITCH_SHEET_COLUMNS } from '@domain/switch/switch-sheet';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importSwitchSheet, type SwitchImportOutcome } from '../api/switch-api';
import { SWITCH_KEY } from '../hooks/use-switch';

/** Projects kept in spreadsheets: a dry run, then the import; the whole sheet applies, or the bad rows are listed. */
export function SwitchImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SheetImportModal<SwitchImportOutcome>
      open={open}
      onClose={onClose}
      title="导入水源置换项目"
      columns={SWITCH_SHEET_COLUMNS}
      note="每行一个项目；必填：项目名称、区、街道、状态（规划、协商、开工、完工、通水）。与已有项目同名的，按表更新；可选列“计划封井数”。可先导出作为模板。"
      send={importSwitchSheet}
      changes={(o) => o.created + o.updated}
      successText={(o) => `已导入：新建项目 ${o.created} 个，更新 ${o.updated} 个`}
      invalidates={SWITCH_KEY}
      describeColumn={2}
      describe={(o, applied) => [
        { key: 'c', label: `${applied ? '' : '将'}新建项目`, children: formatCount(o.created) },
        { key: 'u', label: `${applied ? '' : '将'}更新项目`, children: formatCount(o.updated) },
      ]}
    />
  );
}
