import type { MapConfigView, MapLayersView } from '@server/features/map/map.schema';
import { api } from '../../../lib/api-client';

export type MapConfig = MapConfigView;
export type MapLayers = MapLayersView;
export type MapWell = NonNullable<MapLayers['wells']>[number];
export type MapTip = NonNullable<MapLayers['tips']>[number];
export type MapSuspect = NonNullable<MapLayers['suspects']>[number];
export type MapHeatPump = NonNullable<MapLayers['heatpump']>[number];
export type GridCollection = NonNullable<MapLayers['grids']>;
export type WellGroup = MapWell['group'];

/** The layers of the map, in drawing order. */
export const MAP_LAYERS = ['grids', 'wells', 'tips', 'suspects', 'heatpump'] as const;
export type MapLayerKey = (typeof MAP_LAYERS)[number];

export const fetchMapConfig = (signal?: AbortSignal) => api.get<MapConfig>('/api/map/config', undefined, signal);
export const fetchMapLayers = (layers: readonly MapLayerKey[], signal?: AbortSignal) =>
  api.get<MapLayers>('/api/map/layers', { layers: layers.join(',') }, signal);
