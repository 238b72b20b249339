import { WELL_SHEET_COLUMNS } from '@domain/well/well-sheet';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importWellsSheet, type WellImportOutcome } from '../api/wells-api';
import { WELLS_KEY } from '../hooks/use-wells';

/**
 * The well ledger (自备井台账: wells, their disposition and completion, their task batch), in two steps like the other imports: a dry run
 * that shows what would change, then the real import. The whole sheet applies, or the bad rows are listed.
 */
export function WellsImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SheetImportModal<WellImportOutcome>
      open={open}
      onClose={onClose}
      title="导入自备井台账"
      columns={WELL_SHEET_COLUMNS}
      note="每行新建一眼井的档案（井编号不能与已有的井重复）；必填：井编号、区、权属单位、用途。填写“处置方式”和“完成日期”的，按台账补登处置步骤；填写“任务批次”的，列入该封停任务。可先导出台账作为模板。"
      send={importWellsSheet}
      changes={(o) => o.created + o.tasks}
      successText={() => '自备井台账已导入'}
      invalidates={WELLS_KEY}
      describeColumn={{ xs: 1, sm: 2 }}
      describe={(o, applied) => {
        const will = applied ? '' : '将';
        return [
          { key: 'c', label: `${will}新建井档案`, children: formatCount(o.created) },
          { key: 't', label: `${will}列入封停任务`, children: formatCount(o.tasks) },
        ];
      }}
    />
  );
}
