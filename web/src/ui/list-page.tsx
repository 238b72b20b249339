import { Alert, Input, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { errorMessageOf } from './feedback';
import { PAGE_SIZES, type ListParams } from './use-list-params';

/** The toolbar above a list: its filters (the search box first) on the left, `共 N <unit>` on the right once loaded. */
export function ListToolbar({ className, total, unit, children }: { className?: string; total: number | undefined; unit: string; children: ReactNode }) {
  return (
    <div className="ws-card-toolbar">
      <div className={className ? `ws-card-toolbar__filters ${className}` : 'ws-card-toolbar__filters'}>{children}</div>
      <Typography.Text type="secondary">{total !== undefined ? `共 ${total.toLocaleString('zh-CN')} ${unit}` : ''}</Typography.Text>
    </div>
  );
}

/** The list's search box, kept in `q`: searches on enter, and clearing it drops the search. */
export function ListSearch({ list, placeholder, 'data-testid': testId }: { list: ListParams; placeholder: string; 'data-testid'?: string }) {
  const { q, update } = list;
  return (
    <Input.Search
      allowClear
      placeholder={placeholder}
      className="ws-card-toolbar__search"
      defaultValue={q}
      onSearch={(v) => update({ q: v.trim() })}
      onChange={(e) => !e.target.value && q && update({ q: undefined })}
      data-testid={testId}
    />
  );
}

type PagedTableProps<T> = Omit<TableProps<T>, 'pagination' | 'size' | 'onRow'> & {
  list: ListParams;
  total: number | undefined;
  /** Counted thing in the pager's `共 N <unit>`. */
  unit: string;
  /** Where a click on a row goes; without it rows are not links (records with no page of their own). */
  rowLink?: (row: T) => string;
  error?: unknown;
  'data-testid'?: string;
};

/** A list's antd Table, paged through the URL (`page`, `size`), rows as links when `rowLink` is given, with the load error above it. */
export function PagedTable<T extends object>({ list, total, unit, rowLink, error, rowKey = 'id', ...table }: PagedTableProps<T>) {
  const navigate = useNavigate();
  const { page, pageSize, update } = list;
  return (
    <>
      {error ? <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<T>
        size="middle"
        rowKey={rowKey}
        {...(rowLink ? { onRow: (r: T) => ({ onClick: () => navigate(rowLink(r)), className: 'ws-clickable-row' }) } : {})}
        pagination={{
          current: page,
          pageSize,
          total: total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} ${unit}`,
          onChange: (p, size) => update(size !== pageSize ? { size, page: undefined } : { page: p }),
        }}
        {...table}
      />
    </>
  );
}
