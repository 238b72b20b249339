import { EditOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ORG_LEVEL_LABELS, childLevel } from '@domain/org/org-unit';
import { formatDate } from '../../../lib/format';
import { showSuccess } from '../../../ui/feedback';
import type { OrgLevel, OrgUnit } from '../api/org-api';
import { ancestorsOf, type OrgIndex } from '../hooks/org-tree';
import { useUpdateOrgUnit } from '../hooks/use-update-org-unit';
import { CloseUnitModal } from './close-unit-modal';
import { RenameUnitModal } from './rename-unit-modal';

const LEVEL_COLORS: Record<OrgLevel, string> = {
  city: 'geekblue',
  district: 'blue',
  street: 'cyan',
  community: 'green',
  grid: 'gold',
};

export function LevelTag({ level }: { level: OrgLevel }) {
  return <Tag color={LEVEL_COLORS[level]}>{ORG_LEVEL_LABELS[level]}</Tag>;
}

type Props = {
  unit: OrgUnit | null;
  index: OrgIndex;
  canEdit: boolean;
  onSelect: (id: number) => void;
};

export function OrgUnitDetail({ unit, index, canEdit, onSelect }: Props) {
  // the modals read `unit` as it is now: after a conflict reload they carry the new version
  const [renaming, setRenaming] = useState(false);
  const [closing, setClosing] = useState(false);
  const reopen = useUpdateOrgUnit();

  if (!unit) {
    return (
      <Card className="ws-card" style={{ height: '100%' }}>
        <Empty description="在左侧选择一个单位查看详情" style={{ marginTop: 80 }} />
      </Card>
    );
  }

  const ancestors = ancestorsOf(index, unit);
  const children = index.children.get(unit.id) ?? [];
  const below = childLevel(unit.level);
  const closed = unit.closedOn !== null;

  return (
    <Card
      className="ws-card"
      title={
        <Space size={8}>
          <LevelTag level={unit.level} />
          <span>{unit.name}</span>
          {closed && <Tag>已关闭</Tag>}
        </Space>
      }
      extra={
        canEdit && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setRenaming(true)} disabled={closed}>
              重命名
            </Button>
            {closed ? (
              <Popconfirm
                title={`恢复“${unit.name}”？`}
                description="恢复后重新计入统计。"
                okText="恢复"
                cancelText="取消"
                onConfirm={() =>
                  reopen
                    .mutateAsync({ id: unit.id, version: unit.version, closedOn: null })
                    .then(() => showSuccess(`已恢复“${unit.name}”`))
                    .catch(() => undefined) // shown by the global error handler
                }
              >
                <Button icon={<RollbackOutlined />}>恢复</Button>
              </Popconfirm>
            ) : (
              unit.level !== 'city' && (
                <Button danger icon={<StopOutlined />} onClick={() => setClosing(true)}>
                  关闭
                </Button>
              )
            )}
          </Space>
        )
      }
    >
      {ancestors.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          {ancestors.map((a, i) => (
            <span key={a.id}>
              {i > 0 && ' / '}
              <Typography.Link onClick={() => onSelect(a.id)}>{a.name}</Typography.Link>
            </span>
          ))}
          {' / '}
          {unit.name}
        </Typography.Paragraph>
      )}
      <Descriptions
        column={2}
        size="small"
        bordered
        items={[
          { key: 'code', label: '编码', children: <Typography.Text copyable>{unit.code}</Typography.Text> },
          { key: 'level', label: '层级', children: ORG_LEVEL_LABELS[unit.level] },
          { key: 'opened', label: '设立日期', children: formatDate(unit.openedOn) },
          { key: 'closed', label: '关闭日期', children: closed ? formatDate(unit.closedOn) : '—' },
          {
            key: 'grids',
            label: '网格数',
            children: <Typography.Text strong>{unit.gridCount}</Typography.Text>,
          },
          {
            key: 'children',
            label: '下级单位',
            children: below ? `${unit.childCount} 个${ORG_LEVEL_LABELS[below]}` : '—',
          },
        ]}
      />
      {below && (
        <>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            下级{ORG_LEVEL_LABELS[below]}（{children.length}）
          </Typography.Title>
          <Table<OrgUnit>
            size="small"
            rowKey="id"
            dataSource={children}
            pagination={children.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
            onRow={(row) => ({ onClick: () => onSelect(row.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: `暂无下级${ORG_LEVEL_LABELS[below]}` }}
            columns={[
              { title: '名称', dataIndex: 'name', render: (name: string, row) => (row.closedOn ? <Typography.Text delete>{name}</Typography.Text> : name) },
              { title: '编码', dataIndex: 'code', width: 170, render: (c: string) => <Typography.Text type="secondary">{c}</Typography.Text> },
              ...(below === 'grid' ? [] : [{ title: '网格数', dataIndex: 'gridCount', width: 90, align: 'right' as const }]),
            ]}
          />
        </>
      )}
      <RenameUnitModal unit={renaming ? unit : null} onClose={() => setRenaming(false)} />
      <CloseUnitModal unit={closing ? unit : null} onClose={() => setClosing(false)} />
    </Card>
  );
}
