import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import type { Well } from '../api/wells-api';
import { useWellSearch } from '../hooks/use-well-search';

/**
 * A well picked by typing its code, owner or address. Works as a form control (`value`/`onChange`);
 * `onPick` also hands over the whole well, for callers that show its code or owner.
 */
export function WellSearchSelect({
  value,
  onChange,
  onPick,
  testId,
  placeholder = '输入井编号、权属单位或地址查找',
  disabled,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  onPick?: (well: Well | null) => void;
  testId?: string;
  placeholder?: string;
  disabled?: boolean;
}) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const wells = useWellSearch(deferred);
  const list = wells.data?.wells ?? [];
  // the chosen well stays labelled after the search moves on
  const [picked, setPicked] = useState<Well | null>(null);
  const shown = picked && !list.some((w) => w.id === picked.id) ? [picked, ...list] : list;
  return (
    <Select<number>
      allowClear
      disabled={disabled}
      value={value ?? undefined}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder={placeholder}
      loading={wells.isFetching}
      notFoundContent={query.trim() ? (wells.isFetching ? '查找中…' : '没有找到匹配的井') : '请输入关键字'}
      options={shown.map((w) => ({ value: w.id, label: `${w.code} · ${w.ownerName}` }))}
      onChange={(id) => {
        const well = shown.find((w) => w.id === id) ?? null;
        setPicked(well);
        onChange?.(id ?? null);
        onPick?.(well);
      }}
      data-testid={testId}
    />
  );
}
