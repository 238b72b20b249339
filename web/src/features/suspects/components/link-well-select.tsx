import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useWellSearch } from '../../wells/hooks/use-well-search';

/**
 * A well file found by typing its code, owner or address (GET /api/wells?q=…&pageSize=20), as a form
 * control. `initial` keeps the well already linked labelled before anything is searched.
 */
export function LinkWellSelect({
  value,
  onChange,
  initial,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  initial?: { id: number; code: string } | null;
}) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const wells = useWellSearch(deferred);
  const found = (wells.data?.wells ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.ownerName}${w.address ? `（${w.address}）` : ''}` }));
  const [picked, setPicked] = useState<{ value: number; label: string } | null>(initial ? { value: initial.id, label: initial.code } : null);
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  return (
    <Select<number>
      allowClear
      value={value ?? undefined}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder="输入井编号、权属单位或地址查找"
      loading={wells.isFetching}
      notFoundContent={query.trim() ? (wells.isFetching ? '查找中…' : '没有找到匹配的井') : '请输入关键字'}
      options={options}
      onChange={(id) => {
        setPicked(options.find((o) => o.value === id) ?? null);
        onChange?.(id ?? null);
      }}
      data-testid="outcome-well"
    />
  );
}
