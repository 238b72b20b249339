import { READING_SHEET_COLUMNS } from '@domain/heatpump/reading-sheet';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importReadingsSheet, type ReadingsImportOutcome } from '../api/heatpump-api';
import { HEATPUMP_KEY } from '../hooks/use-heatpump';

/** 导入监测读数: every row or none; months below the threshold are raised as findings for their districts. */
export function ReadingsImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SheetImportModal<ReadingsImportOutcome>
      open={open}
      onClose={onClose}
      title="导入地温空调监测读数"
      columns={READING_SHEET_COLUMNS}
      note="每行一条读数；必填：项目名称、日期/期间（按日如 2024-06-03，按月如 2024-06）、抽水量、回灌量（立方米）。方式填“计量表”或“超声波抽测”，不填按计量表。回灌率低于标准的月份自动为所属区登记问题。"
      send={importReadingsSheet}
      changes={(o) => o.readings}
      successText={(o) => `已导入读数 ${o.readings} 条${o.raised ? `，自动登记问题 ${o.raised} 个` : ''}`}
      invalidates={HEATPUMP_KEY}
      describeColumn={2}
      describe={(o, applied) => [
        { key: 'r', label: `${applied ? '' : '将'}导入读数`, children: formatCount(o.readings) },
        { key: 'p', label: '涉及项目', children: formatCount(o.projects) },
        ...(applied ? [{ key: 'f', label: '自动登记问题', children: formatCount(o.raised) }] : []),
      ]}
    />
  );
}
