import { Checkbox, Typography } from 'antd';
import { useState } from 'react';
import { ORG_SHEET_COLUMNS } from '@domain/org/org-import';
import { formatCount } from '../../../lib/format';
import { SheetImportModal } from '../../../ui/sheet-import-modal';
import { importOrgSheet, type OrgImportResult } from '../api/org-api';
import { ORG_UNITS_KEY } from '../hooks/use-org-units';

const columns = ORG_SHEET_COLUMNS.map((c) => c.label);

function totalCreated(r: OrgImportResult): number {
  return r.created.district + r.created.street + r.created.community + r.created.grid;
}

/**
 * Import in two steps: a dry run that shows what would change, then the real import.
 * Either every row is valid and the whole sheet applies, or the bad rows are listed.
 */
export function OrgImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [allowNewUnits, setAllowNewUnits] = useState(false);
  return (
    <SheetImportModal<OrgImportResult>
      open={open}
      onClose={onClose}
      title="导入组织机构"
      columns={columns}
      hint={`支持 .xlsx 和 .csv；表头须包含：${columns.join('、')}。可先“导出 Excel”作为模板。`}
      options={({ busy, clearPreview }) => (
        <>
          <Checkbox
            style={{ marginTop: 12 }}
            checked={allowNewUnits}
            disabled={busy}
            onChange={(e) => {
              setAllowNewUnits(e.target.checked);
              clearPreview();
            }}
          >
            允许新建区/街道/社区
          </Checkbox>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0 24px', fontSize: 12 }}>
            不勾选时，表中出现系统里没有的区、街道或社区将作为错误列出，防止错别字产生重复单位。
          </Typography.Paragraph>
        </>
      )}
      send={(input, onUpload) => importOrgSheet({ ...input, allowNewUnits }, onUpload)}
      changes={(r) => totalCreated(r) + r.renamed}
      successText={() => '组织机构已导入'}
      invalidates={ORG_UNITS_KEY}
      appliedTitle="导入成功，组织机构已更新"
      unchangedTitle="文件与现有组织机构一致，无需导入"
      describe={(r, applied) => [
        { key: 'd', label: applied ? '新建区' : '将新建区', children: formatCount(r.created.district) },
        { key: 's', label: applied ? '新建街道' : '将新建街道', children: formatCount(r.created.street) },
        { key: 'c', label: applied ? '新建社区/村' : '将新建社区/村', children: formatCount(r.created.community) },
        { key: 'g', label: applied ? '新建网格' : '将新建网格', children: formatCount(r.created.grid) },
        { key: 'r', label: applied ? '网格更名' : '将更名网格', children: formatCount(r.renamed) },
        { key: 'u', label: '无变化网格', children: formatCount(r.unchanged) },
      ]}
    />
  );
}
