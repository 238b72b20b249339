import { ACCOUNT_COLUMNS } from '@domain/utility/rows';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importAccountsSheet, type AccountImportOutcome } from '../api/utility-api';
import { UTILITY_KEY } from '../hooks/use-utility';

/**
 * 用水户 (the billing system's accounts) in two steps like the other imports: a dry run that shows how
 * many are new, changed or the same and how each was tied to a place, then the real import.
 */
export function AccountsImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <SheetImportModal<AccountImportOutcome>
      open={open}
      onClose={onClose}
      title="导入用水户"
      columns={ACCOUNT_COLUMNS}
      note="每行一个用水户；必填：户号、户名、用水类别。已有户号的按文件更新。用水户依次按一户一卡登记的自来水户号、网格编号、地址匹配到所在区域；填写户数、人数、床位、建筑面积便于估算合理用水量。"
      send={importAccountsSheet}
      changes={(o) => o.created + o.updated}
      successText={(o) => `用水户已导入：新增 ${o.created} 户，更新 ${o.updated} 户`}
      invalidates={UTILITY_KEY}
      describeColumn={3}
      describe={(o, applied) => {
        const will = applied ? '' : '将';
        return [
          { key: 'rows', label: '文件行数', children: formatCount(o.rows) },
          { key: 'created', label: `${will}新增`, children: formatCount(o.created) },
          { key: 'updated', label: `${will}更新`, children: formatCount(o.updated) },
          { key: 'unchanged', label: '不变', children: formatCount(o.unchanged) },
          { key: 'card', label: '按一户一卡匹配', children: formatCount(o.matchedByCard) },
          { key: 'grid', label: '按网格编号匹配', children: formatCount(o.matchedByGridCode) },
          { key: 'address', label: '按地址匹配', children: formatCount(o.matchedByAddress) },
          { key: 'unmatched', label: '未匹配', children: o.unmatched ? <span style={{ color: '#d46b08' }}>{formatCount(o.unmatched)}</span> : '0', span: 2 },
        ];
      }}
    />
  );
}
