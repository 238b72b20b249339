import { Alert, Card, Checkbox, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorMessageOf } from '../../../ui/feedback';
import { PageHeader } from '../../../ui/page-header';
import { useCan } from '../../auth/hooks/use-session';
import { MAP_LAYERS, type MapLayerKey, type MapLayers } from '../api/map-api';
import { GRID_COLOR, HEATPUMP_STYLE, LAYER_LABELS, SURVEY_STYLE, SUSPECT_COLOR, TIP_COLOR, WELL_GROUP_STYLE } from '../components/map-style';
import { WellMap } from '../components/well-map';
import { useMapConfig, useMapLayers } from '../hooks/use-map';
import '../map.css';

/** Which capability shows each layer (the server filters each by the same one). */
const LAYER_CAPABILITY = { grids: 'org.read', wells: 'wells.read', tips: 'tips.read', suspects: 'suspects.read', heatpump: 'heatpump.read' } as const;

function Dot({ color, label }: { color: string; label: string }) {
  return (
    <span className="ws-map-legend__item">
      <span className="ws-map-legend__dot" style={{ background: color }} />
      {label}
    </span>
  );
}

function Legend({ visible, data }: { visible: readonly MapLayerKey[]; data: MapLayers | undefined }) {
  const surveyed = !!data?.grids?.features.some((f) => f.properties.surveyState !== null);
  return (
    <div className="ws-map-legend" data-testid="map-legend">
      {visible.includes('grids') &&
        (surveyed ? (
          Object.values(SURVEY_STYLE).map((s) => (
            <span key={s.label} className="ws-map-legend__item">
              <span className="ws-map-legend__box" style={{ borderColor: s.color, background: `${s.color}22` }} />
              {`网格：${s.label}`}
            </span>
          ))
        ) : (
          <span className="ws-map-legend__item">
            <span className="ws-map-legend__box" style={{ borderColor: GRID_COLOR, background: `${GRID_COLOR}22` }} />
            网格
          </span>
        ))}
      {visible.includes('wells') && Object.values(WELL_GROUP_STYLE).map((s) => <Dot key={s.label} color={s.color} label={`自备井：${s.label}`} />)}
      {visible.includes('tips') && <Dot color={TIP_COLOR} label="举报线索" />}
      {visible.includes('suspects') && <Dot color={SUSPECT_COLOR} label="疑似双水源用水户（得分≥0.5）" />}
      {visible.includes('heatpump') && Object.values(HEATPUMP_STYLE).map((s) => <Dot key={s.label} color={s.color} label={`地温空调：${s.label}`} />)}
    </div>
  );
}

/**
 * 地图: grid boundaries, wells by stage, tips, suspects and heat-pump projects (red: the latest
 * month reinjects below the threshold) on one map, each layer switchable, each point linking to
 * its record.
 */
export function MapPage() {
  const can = useCan();
  const allowed = useMemo(() => MAP_LAYERS.filter((l) => can(LAYER_CAPABILITY[l])), [can]);
  const [hidden, setHidden] = useState<MapLayerKey[]>([]);
  const visible = allowed.filter((l) => !hidden.includes(l));
  const config = useMapConfig();
  const layers = useMapLayers(allowed);
  const error = config.error ?? layers.error;

  const counts: Partial<Record<MapLayerKey, number>> = {
    grids: layers.data?.grids?.features.length,
    wells: layers.data?.wells?.length,
    tips: layers.data?.tips?.length,
    suspects: layers.data?.suspects?.length,
    heatpump: layers.data?.heatpump?.length,
  };

  return (
    <div data-testid="map-page">
      <PageHeader
        title="地图"
        description={config.data?.tileUrl ? '网格边界、自备井、举报线索、疑似双水源用水户与地温空调项目一图展示；点击点位查看档案' : '未配置底图（WELLSEAL_TILE_URL），仅显示网格边界与点位'}
      />
      {error && <Alert type="error" showIcon title={errorMessageOf(error)} style={{ marginBottom: 16 }} />}
      <Card className="ws-card">
        <div className="ws-map-toolbar">
          <Checkbox.Group
            data-testid="map-layer-toggles"
            value={visible}
            onChange={(v) => setHidden(allowed.filter((l) => !(v as MapLayerKey[]).includes(l)))}
            options={allowed.map((l) => ({
              value: l,
              label: counts[l] === undefined ? LAYER_LABELS[l] : `${LAYER_LABELS[l]}（${counts[l]!.toLocaleString('zh-CN')}）`,
            }))}
          />
          {layers.isFetching && <Spin size="small" />}
        </div>
        <Legend visible={visible} data={layers.data} />
        <div style={{ marginTop: 12 }}>
          {config.data ? <WellMap config={config.data} data={layers.data} visible={visible} /> : <div className="ws-map" data-testid="map-container" />}
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          没有坐标的线索、疑似用户标在所属网格（或区）的大致位置，颜色较浅。坐标按 WGS-84 保存{config.data?.tileCrs === 'gcj02' ? '，显示时已转换为高德/腾讯底图所用的 GCJ-02' : ''}。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
