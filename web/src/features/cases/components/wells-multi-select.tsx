import { Select } from 'antd';
import { useDeferredValue, useState } from 'react';
import { useWellSearch } from '../../wells/hooks/use-well-search';

type Option = { value: number; label: string };

/** Several well files, found by typing a code, owner or address; `initial` labels the ones already linked. */
export function WellsMultiSelect({ value, onChange, initial = [] }: { value?: number[]; onChange?: (ids: number[]) => void; initial?: { id: number; code: string; ownerName: string }[] }) {
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const wells = useWellSearch(deferred);
  const [known, setKnown] = useState<Option[]>(initial.map((w) => ({ value: w.id, label: `${w.code} · ${w.ownerName}` })));
  const found = (wells.data?.wells ?? []).map((w) => ({ value: w.id, label: `${w.code} · ${w.ownerName}` }));
  const options = [...known.filter((k) => !found.some((f) => f.value === k.value)), ...found];
  return (
    <Select<number[]>
      mode="multiple"
      allowClear
      value={value ?? []}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder="输入井编号、权属单位或地址查找"
      loading={wells.isFetching}
      notFoundContent={query.trim() ? (wells.isFetching ? '查找中…' : '没有找到匹配的井') : '请输入关键字'}
      options={options}
      onChange={(ids) => {
        setKnown(options.filter((o) => ids.includes(o.value)));
        onChange?.(ids);
      }}
      data-testid="case-wells"
    />
  );
}
