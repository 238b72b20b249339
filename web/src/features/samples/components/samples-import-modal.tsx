import { SAMPLE_SHEET_COLUMNS } from '@domain/sample/sample-sheet';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importSamplesSheet, type SampleImportOutcome } from '../api/samples-api';
import { SAMPLES_KEY } from '../hooks/use-samples';

/** 水样化验台账 from a spreadsheet: a dry run first, then the real import; the whole sheet applies, or the bad rows are listed. */
export function SamplesImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SheetImportModal<SampleImportOutcome>
      open={open}
      onClose={onClose}
      title="导入水样化验台账"
      columns={SAMPLE_SHEET_COLUMNS}
      note="每行一份水样；必填：样品编号、采样日期、区、地址、采样点（水龙头、水箱、非饮用出水口、井口、其他）。“余氯”填 有、无、未测或实测值（mg/L）；化验指标单位为 mg/L（电导率 µS/cm，硝酸盐以N计）；“其他指标”写成“名称=数值”，多项用分号隔开。可先导出台账作为模板。"
      send={importSamplesSheet}
      changes={(o) => o.created}
      successText={(o) => `水样台账已导入，新增水样 ${o.created} 份`}
      invalidates={SAMPLES_KEY}
      describeColumn={1}
      describe={(o, applied) => [{ key: 'c', label: `${applied ? '' : '将'}新增水样`, children: formatCount(o.created) }]}
    />
  );
}
