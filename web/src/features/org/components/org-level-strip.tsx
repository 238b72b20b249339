import { ApartmentOutlined, ClusterOutlined, EnvironmentOutlined, HomeOutlined } from '@ant-design/icons';
import { Card } from 'antd';
import type { ReactNode } from 'react';
import { ORG_LEVELS } from '@domain/org/org-unit';
import { StatTile } from '../../../ui/stat-tile';
import type { OrgLevel } from '../api/org-api';
import type { LevelCounts, OrgIndex } from '../hooks/org-tree';
import { totalGrids } from '../hooks/org-tree';

const TILES: { level: Exclude<OrgLevel, 'city'>; label: string; icon: ReactNode; accent: string }[] = [
  { level: 'district', label: '区', icon: <HomeOutlined />, accent: '#1a5fb4' },
  { level: 'street', label: '街道/乡镇', icon: <ApartmentOutlined />, accent: '#13a8a8' },
  { level: 'community', label: '社区/村', icon: <ClusterOutlined />, accent: '#389e0d' },
  { level: 'grid', label: '网格', icon: <EnvironmentOutlined />, accent: '#d46b08' },
];

/**
 * Open units per level in the user's scope, grids emphasised. Only levels below the top of the
 * scope are shown: a district office has one 区 and a grid worker has no 街道 to count.
 */
export function OrgLevelStrip({
  index,
  counts,
  loading,
  gridLabel = '网格',
}: {
  index: OrgIndex;
  counts: LevelCounts;
  loading: boolean;
  gridLabel?: string;
}) {
  const top = Math.min(...index.roots.map((r) => ORG_LEVELS.indexOf(r.level)));
  const tiles = TILES.filter((t) => t.level === 'grid' || loading || ORG_LEVELS.indexOf(t.level) > top);
  const grids = totalGrids(index);
  return (
    <Card className="ws-card ws-stat-strip" styles={{ body: { padding: 0, gridTemplateColumns: `repeat(${tiles.length}, minmax(0, 1fr))` } }}>
      {tiles.map((t) =>
        t.level === 'grid' ? (
          <StatTile key={t.level} label={gridLabel} value={loading ? '—' : grids} unit="个" icon={t.icon} accent={t.accent} valueTestId="grid-total" emphasis />
        ) : (
          <StatTile key={t.level} label={t.label} value={loading ? '—' : counts[t.level]} unit="个" icon={t.icon} accent={t.accent} />
        ),
      )}
    </Card>
  );
}
