import { Alert, Table } from 'antd';
import type { TableProps } from 'antd';
import { errorMessageOf } from '../../../ui/feedback';
import { PAGE_SIZES, type ListParams } from '../../../ui/use-list-params';

type ListTableProps<T> = Omit<TableProps<T>, 'pagination' | 'size'> & {
  list: ListParams;
  total: number | undefined;
  /** Counted thing in the pager's `共 N <unit>`. */
  unit: string;
  error?: unknown;
  'data-testid'?: string;
};

/** A list's antd Table paged through the URL (`page`, `size`), for rows that have no page of their own. */
export function ListTable<T extends object>({ list, total, unit, error, ...table }: ListTableProps<T>) {
  const { page, pageSize, update } = list;
  return (
    <>
      {error ? <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 12 }} /> : null}
      <Table<T>
        size="middle"
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
