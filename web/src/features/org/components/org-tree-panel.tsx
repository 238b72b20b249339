import { Empty, Input, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { OrgUnit } from '../api/org-api';
import { searchOrgUnits, type OrgIndex } from '../hooks/org-tree';

type Props = {
  units: readonly OrgUnit[];
  index: OrgIndex;
  selectedId: number | null;
  onSelect: (id: number) => void;
  height: number;
};

function highlight(text: string, keyword: string): ReactNode {
  const k = keyword.trim();
  if (!k) return text;
  const at = text.toLowerCase().indexOf(k.toLowerCase());
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark className="ws-mark">{text.slice(at, at + k.length)}</mark>
      {text.slice(at + k.length)}
    </>
  );
}

function nodeTitle(u: OrgUnit, keyword: string): ReactNode {
  const closed = u.closedOn !== null;
  return (
    <span className={`ws-org-node${closed ? ' ws-org-node--closed' : ''}`}>
      <span className="ws-org-node__name">{highlight(u.name, keyword)}</span>
      {u.level !== 'grid' && <span className="ws-org-node__count"> ({u.gridCount}个网格)</span>}
      {closed && <span className="ws-org-node__closed">已关闭</span>}
      <span className="ws-org-node__code">{highlight(u.code, keyword)}</span>
    </span>
  );
}

/** The hierarchy as a virtual-scrolling tree, filtered and expanded by a name/code search. */
export function OrgTreePanel({ units, index, selectedId, onSelect, height }: Props) {
  const [input, setInput] = useState('');
  const keyword = useDeferredValue(input);
  const [expanded, setExpanded] = useState<number[]>(() => index.roots.map((r) => r.id));
  const search = useMemo(() => searchOrgUnits(units, index, keyword), [units, index, keyword]);

  useEffect(() => {
    if (search) setExpanded(search.expand);
  }, [search]);

  // a unit chosen elsewhere (a child in the detail card) is revealed in the tree
  useEffect(() => {
    if (selectedId === null) return;
    const unit = index.byId.get(selectedId);
    if (!unit) return;
    const ancestors: number[] = [];
    let cur = unit.parentId === null ? undefined : index.byId.get(unit.parentId);
    while (cur) {
      ancestors.push(cur.id);
      cur = cur.parentId === null ? undefined : index.byId.get(cur.parentId);
    }
    setExpanded((prev) => (ancestors.every((a) => prev.includes(a)) ? prev : [...new Set([...prev, ...ancestors])]));
  }, [selectedId, index]);

  const treeData = useMemo(() => {
    const build = (list: readonly OrgUnit[]): DataNode[] =>
      list
        .filter((u) => !search || search.visible.has(u.id))
        .map((u) => {
          const kids = index.children.get(u.id);
          return {
            key: u.id,
            title: nodeTitle(u, search ? keyword : ''),
            isLeaf: !kids || kids.length === 0,
            ...(kids && kids.length ? { children: build(kids) } : {}),
          };
        });
    return build(index.roots);
  }, [index, search, keyword]);

  return (
    <div className="ws-org-tree">
      <Input.Search
        allowClear
        placeholder="搜索名称或编码"
        value={input}
        onChange={(e) => setInput(e.target.value)}
        onSearch={setInput}
        style={{ marginBottom: 8 }}
      />
      {search && (
        <Typography.Text type="secondary" className="ws-org-tree__hint">
          找到 {search.matched.size} 个匹配单位
        </Typography.Text>
      )}
      {treeData.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有匹配的单位" />
      ) : (
        <div data-testid="org-tree">
        <Tree
          blockNode
          showLine={{ showLeafIcon: false }}
          height={height}
          treeData={treeData}
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys.map(Number))}
          selectedKeys={selectedId === null ? [] : [selectedId]}
          onSelect={(keys) => {
            const key = keys[0];
            if (key !== undefined) onSelect(Number(key));
          }}
        />
        </div>
      )}
    </div>
  );
}
